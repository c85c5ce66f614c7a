"""Relation rules on invented sentences: enumerations, scope, application domains.

Each row is a construction (one relation per listed item, a region's member,
a field where something is applied), written for this test with other places
and names than the development texts.
"""

from __future__ import annotations

import pytest

from kg.corpus import read_document
from kg.extract import extract
from kg.extract.relations import CLAUSE_RULES, SENTENCE_RULES
from kg.extract.triggers import load_triggers, relations_of


def _relations(tmp_path, text: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "t.txt"
    path.write_text(text + "\n", encoding="utf-8")
    x = extract(read_document(path))
    return {(r.head.split(":", 1)[1], r.rel, r.tail.split(":", 1)[1]) for r in x.relations}


LIST_CASES = [
    # X的上市公司有A、B、C: each lies in X
    (
        "宜昌的上市公司有三峡智造科技有限公司、襄江电子股份有限公司、清江光电股份有限公司。",
        {
            ("三峡智造科技有限公司", "locatedIn", "宜昌"),
            ("襄江电子股份有限公司", "locatedIn", "宜昌"),
            ("清江光电股份有限公司", "locatedIn", "宜昌"),
        },
    ),
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
    # 重点发展A、B、C和D / a park 聚焦A、B等产业: every item
    (
        "宜昌市重点发展集成电路、生物医药、新材料和人工智能。",
        {("宜昌", "develops", i) for i in ("集成电路", "生物医药", "新材料", "人工智能")},
    ),
    (
        "三峡科技园聚焦集成电路、生物医药等产业。",
        {("三峡科技园", "focusesOn", "集成电路"), ("三峡科技园", "focusesOn", "生物医药")},
    ),
    # places that issue a policy about an industry develop it; a narrowed item (湖北宜昌) is one
    (
        "襄阳、湖北宜昌等地率先出台关于集成电路产业的发展规划。",
        {("襄阳", "develops", "集成电路"), ("宜昌", "develops", "集成电路")},
    ),
    # a platform or company described by its field develops it
    (
        "在生物医药产业领域独树一帜的“三峡科技园”吸引了众多企业。",
        {("三峡科技园", "develops", "生物医药")},
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
    # a country's name inside a fixed phrase is not the subject of the sentence
    (
        "坚持以中国特色社会主义思想为指导，大力发展集成电路、生物医药。",
        {("中国", "develops", "集成电路"), ("中国", "develops", "生物医药")},
    ),
    # what a thing is compared with does not act (继X之后, 像X一样)
    ("三峡科技园是继襄阳之后全省第二家获批建设的园区。", {("襄阳", "builds", "三峡科技园")}),
    # a place in a region stays partOf, never locatedIn
    ("地处长三角，嘉兴市加快发展集成电路。", {("嘉兴", "locatedIn", "长三角")}),
]


@pytest.mark.parametrize(("sentence", "unwanted"), NOT_RELATIONS_CASES)
def test_relations_not_read_from_these(tmp_path, sentence, unwanted):
    assert not unwanted & _relations(tmp_path, sentence)


SCOPE_CASES = [
    # a plan's name on a line of its own: the headings of its contents are its fields
    (
        "某市人民政府办公室\n宜昌高新区总体发展规划(2023—2030年)\n目录\n三、发展壮大生物医药\n（一）超前布局一批未来产业",
        {
            ("宜昌高新区总体发展规划(2023—2030年)", "focusesOn", "生物医药"),
            ("宜昌高新区总体发展规划(2023—2030年)", "focusesOn", "未来产业"),
        },
    ),
    # a program that states what follows: the sectors it names are its focus
    (
        "比如，工业节水改造工程明确，到2025年，钢铁、水泥、造纸等重点行业用水效率提升。",
        {
            ("工业节水改造工程", "focusesOn", "钢铁"),
            ("工业节水改造工程", "focusesOn", "水泥"),
            ("工业节水改造工程", "focusesOn", "造纸"),
        },
    ),
    # 在A、B等…产业方面: industries where the place acts, even without a trigger verb
    (
        "襄阳特别在集成电路、新能源等新兴产业方面投资较大。",
        {("襄阳", "develops", "集成电路"), ("襄阳", "develops", "新能源")},
    ),
    # ministries listed before a joint verb cooperate, whatever the count word (八部门)
    (
        "工业和信息化部、生态环境部等六部门联合印发《工业节水行动方案》。",
        {("工业和信息化部", "cooperatesWith", "生态环境部")},
    ),
    # a platform inaugurated in a place lies there
    (
        "首个国家级“襄江智能制造创新中心”在襄阳高新区揭牌运行。",
        {("襄江智能制造创新中心", "locatedIn", "襄阳高新技术产业开发区")},
    ),
    # a city's development zone named by the city and a short head lies in it
    ("宜昌高新区加快发展生物医药。", {("宜昌高新技术产业开发区", "locatedIn", "宜昌")}),
]


@pytest.mark.parametrize(("text", "expected"), SCOPE_CASES)
def test_relations_scope_gives_the_unstated_subject(tmp_path, text, expected):
    assert expected <= _relations(tmp_path, text)


def test_relations_rule_families_run_in_priority_order():
    for families in (CLAUSE_RULES, SENTENCE_RULES):
        priorities = [f.priority for f in families]
        assert priorities == sorted(priorities) and len(set(priorities)) == len(priorities)
    assert CLAUSE_RULES[-1].priority < SENTENCE_RULES[0].priority


def test_relations_triggers_come_from_the_data_file():
    triggers = load_triggers()
    assert "发展" in triggers["develops"] and "位于" in triggers["locatedIn"]
    assert relations_of("联营") == ("cooperatesWith",)
    assert relations_of("不是触发词") == ()
