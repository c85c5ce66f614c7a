"""Relation rules on invented sentences: enumerations, scope, application domains.

Each row is a construction (one relation per listed item, a region's member,
a field where something is applied), written for this test with other places
and names than the development texts.
"""

from __future__ import annotations

import pytest

from kg.corpus import read_document
from kg.extract import extract
from kg.extract.triggers import load_triggers, relations_of


def _relations(tmp_path, text: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "t.txt"
    path.write_text(text + "\n", encoding="utf-8")
    x = extract(read_document(path))
    return {(r.head.split(":", 1)[1], r.rel, r.tail.split(":", 1)[1]) for r in x.relations}


LIST_CASES = [
    # a place has, brought in or houses a list of companies: each lies there
    (
        "宜昌还拥有三峡智造科技有限公司、清江光电股份有限公司等一批上市企业。",
        {
            ("三峡智造科技有限公司", "locatedIn", "宜昌"),
            ("清江光电股份有限公司", "locatedIn", "宜昌"),
        },
    ),
    (
        "近年来，襄阳先后引进了汉江动力科技有限公司、襄江电子股份有限公司等3个智能工厂。",
        {
            ("汉江动力科技有限公司", "locatedIn", "襄阳"),
            ("襄江电子股份有限公司", "locatedIn", "襄阳"),
        },
    ),
    (
        "汉江动力科技有限公司、襄江电子股份有限公司等企业纷纷落户襄阳。",
        {
            ("汉江动力科技有限公司", "locatedIn", "襄阳"),
            ("襄江电子股份有限公司", "locatedIn", "襄阳"),
        },
    ),
    (
        "汉江动力科技有限公司、襄江电子股份有限公司等龙头企业都在长江中游城市群范围内布局。",
        {
            ("汉江动力科技有限公司", "locatedIn", "长江中游城市群"),
            ("襄江电子股份有限公司", "locatedIn", "长江中游城市群"),
        },
    ),
    # a place's named industry groups: each is developed, even where only a figure follows
    (
        "洛阳市集成电路、生物医药和新材料三大产业集群产值增长9.6%。",
        {
            ("洛阳", "develops", "集成电路"),
            ("洛阳", "develops", "生物医药"),
            ("洛阳", "develops", "新材料"),
        },
    ),
    (
        "绵阳的三大主导产业为集成电路、生物医药、新材料。",
        {
            ("绵阳", "develops", "集成电路"),
            ("绵阳", "develops", "生物医药"),
            ("绵阳", "develops", "新材料"),
        },
    ),
    # districts and county-level cities named with their city lie in it
    (
        "宜昌市新增项目中，其中夷陵区12个，宜都市8个。",
        {("夷陵区", "locatedIn", "宜昌"), ("宜都", "locatedIn", "宜昌")},
    ),
    # a place in a multi-place region is part of it, not located in it
    ("地处长三角，嘉兴市加快发展集成电路。", {("嘉兴", "partOf", "长三角")}),
    # 以A、B为方向: what a place makes its line of work, it develops
    (
        "洛阳加快转型，以集成电路、生物医药为方向。",
        {("洛阳", "develops", "集成电路"), ("洛阳", "develops", "生物医药")},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), LIST_CASES)
def test_relations_one_relation_per_listed_item(tmp_path, sentence, expected):
    assert expected <= _relations(tmp_path, sentence)


NOT_RELATIONS_CASES = [
    # fields where a system is applied are not industries the city develops
    (
        "洛阳推动智慧平台在交通、医疗、金融等领域实现普及应用。",
        {("洛阳", "develops", "交通"), ("洛阳", "develops", "医疗"), ("洛阳", "develops", "金融")},
    ),
    # a city and its province in one sentence: the text does not say the one lies in the other
    ("襄阳与武汉都在加快发展集成电路，湖北为此出台政策。", {("襄阳", "locatedIn", "湖北")}),
    # a place in a region stays partOf, never locatedIn
    ("地处长三角，嘉兴市加快发展集成电路。", {("嘉兴", "locatedIn", "长三角")}),
]


@pytest.mark.parametrize(("sentence", "unwanted"), NOT_RELATIONS_CASES)
def test_relations_not_read_from_these(tmp_path, sentence, unwanted):
    assert not unwanted & _relations(tmp_path, sentence)


def test_relations_a_policy_title_is_the_scope_of_its_articles(tmp_path):
    text = "关于加快发展集成电路产业的实施意见\n一、重点支持集成电路设计、封装测试等领域。"
    rels = _relations(tmp_path, text)
    assert ("关于加快发展集成电路产业的实施意见", "focusesOn", "集成电路") in rels


def test_relations_triggers_come_from_the_data_file():
    triggers = load_triggers()
    assert "发展" in triggers["develops"] and "位于" in triggers["locatedIn"]
    assert relations_of("联营") == ("cooperatesWith",)
    assert relations_of("不是触发词") == ()
