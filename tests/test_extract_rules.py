"""One table per rule family: sentences written for these tests → what the rules must read.

The sentences are invented (other cities, other programs) so that they test
the rules, not the seed texts; extraction quality on real text is measured by
``score.py`` (see test_ratchet.py).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.corpus import read_document
from kg.extract import extract


def _run(tmp_path, text: str):
    path = tmp_path / "t.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return extract(read_document(path))


def _entities(x) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in x.entities}


def _relations(x) -> set[tuple[str, str, str]]:
    return {(r.head.split(":", 1)[1], r.rel, r.tail.split(":", 1)[1]) for r in x.relations}


LEXICON_CASES = [
    # administrative divisions: full and short forms become the short canonical name
    ("贵阳市与遵义市加强协作。", {("Place", "贵阳"), ("Place", "遵义")}),
    ("我国持续扩大开放。", {("Place", "中国")}),
    # classification lists: industries and organizations
    ("积极发展集成电路和生物医药。", {("Industry", "集成电路"), ("Industry", "生物医药")}),
    ("工业和信息化部联合有关部门部署工作。", {("Organization", "工业和信息化部")}),
]

SUFFIX_CASES = [
    ("昆明市加快建设滇池实验室。", ("Platform", "滇池实验室")),
    ("兰州市全面实施黄河文化振兴行动。", ("Program", "黄河文化振兴行动")),
    ("南宁市组建广西数字经济研究院。", ("Organization", "广西数字经济研究院")),
    ("某地出台《促进低空经济高质量发展实施方案》。", ("Program", "促进低空经济高质量发展实施方案")),
    ("推行“一网通办”等做法。", ("Program", "一网通办")),
]

GENERIC_CASES = [
    # category words are not names, however they are dressed
    "各地建设了一批创新平台和新型研发机构。",
    "支持龙头企业与高校共建实验室。",
    "完善体制机制，建立健全协同机制。",
]

LIST_CASES = [
    # coordination: every item before a shared head is an entity of the head's type
    (
        "哈尔滨市培育冰雪装备、寒地测试、绿色食品三大产业集群。",
        {("Industry", "冰雪装备"), ("Industry", "寒地测试"), ("Industry", "绿色食品")},
    ),
    (
        "着力建设天山、昆仑、祁连三大实验室。",
        {("Platform", "天山实验室"), ("Platform", "昆仑实验室"), ("Platform", "祁连实验室")},
    ),
]

RELATION_CASES = [
    ("太原市大力发展新能源汽车。", ("太原", "develops", "新能源汽车")),
    ("石家庄市建成石家庄智算中心。", ("石家庄", "builds", "石家庄智算中心")),
    ("郑州市深入实施创新驱动发展战略。", ("郑州", "implements", "创新驱动发展战略")),
    # the subject of the opening clause carries to the clauses after it
    ("合肥市要坚持创新引领，加快培育人工智能产业。", ("合肥", "develops", "人工智能")),
    # a possessive names who carries out a program
    ("芬兰的“数字芬兰”计划备受关注。", ("芬兰", "implements", "数字芬兰计划")),
    # juxtaposition: a place before a platform locates it
    ("南昌市的赣江实验室正在建设。", ("赣江实验室", "locatedIn", "南昌")),
]


@pytest.mark.parametrize("text,expected", LEXICON_CASES)
def test_extract_rules_lexicon_terms(tmp_path, text, expected):
    assert expected <= _entities(_run(tmp_path, text))


@pytest.mark.parametrize("text,expected", SUFFIX_CASES)
def test_extract_rules_suffix_and_quoted_names(tmp_path, text, expected):
    assert expected in _entities(_run(tmp_path, text))


@pytest.mark.parametrize("text", GENERIC_CASES)
def test_extract_rules_generic_phrases_are_not_entities(tmp_path, text):
    names = {name for _, name in _entities(_run(tmp_path, text))}
    assert not names & {"创新平台", "新型研发机构", "龙头企业", "高校", "实验室", "体制机制", "协同机制"}


@pytest.mark.parametrize("text,expected", LIST_CASES)
def test_extract_rules_coordination_expands(tmp_path, text, expected):
    assert expected <= _entities(_run(tmp_path, text))


@pytest.mark.parametrize("text,expected", RELATION_CASES)
def test_extract_rules_relations(tmp_path, text, expected):
    assert expected in _relations(_run(tmp_path, text))


def test_extract_rules_relations_respect_domain_and_range(tmp_path):
    x = _run(tmp_path, "大力发展新能源汽车，建设西宁实验室，实施乡村振兴战略。")
    types = {e.key: e.type for e in x.entities}
    allowed = {
        "develops": ({"Place", "Organization", "Platform"}, {"Industry"}),
        "builds": ({"Place", "Organization"}, {"Platform"}),
        "implements": ({"Place", "Organization"}, {"Program"}),
    }
    for r in x.relations:
        if r.rel in allowed:
            assert types[r.head] in allowed[r.rel][0] and types[r.tail] in allowed[r.rel][1], r


@pytest.mark.parametrize(
    "text,subject,value,unit",
    [
        ("福州市拥有国家高新技术企业 3.2 万家。", "福州", Decimal("32000"), "家"),
        ("厦门市软件业务收入达 2.5 亿元。", "厦门", Decimal("250000000"), "元"),
        ("泉州市研发投入强度提高到2.1%。", "泉州", Decimal("2.1"), "%"),
        ("莆田市集聚科研机构 30 余家。", "莆田", Decimal("30"), "家"),
    ],
)
def test_extract_rules_observations(tmp_path, text, subject, value, unit):
    x = _run(tmp_path, text)
    obs = {(o.subject.split(":", 1)[1], o.value, o.unit) for o in x.observations}
    assert (subject, value, unit) in obs


def test_extract_rules_years_are_not_observations(tmp_path):
    x = _run(tmp_path, "2023年，某市启动建设。")
    assert not x.observations


def test_extract_rules_traditional_script_reads_as_simplified(tmp_path):
    x = _run(tmp_path, "廣州市積極發展集成電路產業，興建廣州實驗室。")
    found = _entities(x)
    assert {("Place", "广州"), ("Industry", "集成电路"), ("Platform", "广州实验室")} <= found


def test_extract_rules_traditional_surface_forms_become_aliases(tmp_path):
    x = _run(tmp_path, "廣州市積極發展集成電路產業，興建廣州實驗室。")
    aliases = {e.name: set(e.aliases) for e in x.entities}
    assert "廣州市" in aliases["广州"]
    assert "廣州實驗室" in aliases["广州实验室"]


# a plan issued by a place: its paragraphs and 全市/我市 speak for that place
ISSUER_TEXT = (
    "贵阳市推进数字产业发展三年行动方案（2025—2027年）\n\n"
    "一、总体目标\n\n"
    "到2027年，全市数字经济规模突破3000亿元。\n\n"
    "（一）深入实施数字产业倍增行动\n\n"
    "1.做强主导产业。聚焦大数据、电子信息，推动产业集聚。\n\n"
    "全力支持贵州实验室建设。我市建成国家级创新平台20个。\n"
)


def test_extract_rules_a_title_place_is_the_subject_of_the_plan(tmp_path):
    x = _run(tmp_path, ISSUER_TEXT)

    assert {("贵阳", "develops", "大数据"), ("贵阳", "develops", "电子信息"),
            ("贵阳", "implements", "数字产业倍增行动")} <= _relations(x)
    observed = {(o.subject.split(":", 1)[1], o.value) for o in x.observations}
    assert {("贵阳", Decimal("300000000000")), ("贵阳", Decimal("20"))} <= observed


def test_extract_rules_heading_and_adverb_verbs_stay_out_of_names(tmp_path):
    names = {name for _, name in _entities(_run(tmp_path, ISSUER_TEXT))}

    assert {"数字产业倍增行动", "贵州实验室"} <= names
    assert not {n for n in names if n.startswith(("深入实施", "实施", "全力支持"))}


def test_extract_rules_a_title_without_a_place_sets_no_subject(tmp_path):
    x = _run(tmp_path, "论新型工业化的实践路径\n\n聚焦大数据、电子信息，推动产业集聚。\n")

    assert not [r for r in x.relations if r.rel == "develops"]


def test_extract_rules_own_bodies_belong_to_the_issuing_city(tmp_path):
    x = _run(tmp_path, "贵阳市数字经济发展实施方案\n\n（牵头单位：市工信局、市发展改革委）市政府统筹推进，省政府给予支持。\n")

    orgs = {e.name: e.aliases for e in x.entities if e.type == "Organization"}
    assert orgs["贵阳市工信局"] == ("市工信局",)
    assert orgs["贵阳市发展改革委"] == ("市发展改革委",)
    assert orgs["贵阳市人民政府"] == ("市政府",)
    assert not [n for n in orgs if "省" in n]  # a province's body is not the city's


def test_extract_rules_own_bodies_need_an_issuer(tmp_path):
    x = _run(tmp_path, "论数字经济\n\n市工信局负责统筹，市场监管局配合。\n")

    assert not [e for e in x.entities if e.type == "Organization"]


def test_extract_rules_party_committees_are_named_in_full(tmp_path):
    x = _run(tmp_path, "根据部署和贵州省委、省政府要求推进。\n")

    assert ("Organization", "中共贵州省委") in _entities(x)


def test_extract_rules_county_level_cities_drop_shi_unless_a_common_word(tmp_path):
    names = {e.name for e in _run(tmp_path, "支持义乌市、合作市加快发展。\n").entities}

    assert "义乌" in names and "合作市" in names and "合作" not in names


RELATION_CONSTRUCTION_CASES = [
    # a list of parties before a joint verb: every pair cooperates, each builds
    ("推动贵阳、遵义、安顺共建黔中科技创新带。",
     {("贵阳", "cooperatesWith", "遵义"), ("安顺", "cooperatesWith", "遵义"), ("安顺", "cooperatesWith", "贵阳"),
      ("贵阳", "builds", "黔中科技创新带")}),
    ("昆明、玉溪两市联合实施重大科技项目。", {("昆明", "cooperatesWith", "玉溪")}),
    # 支持X建设…，发展…: the supported actor goes on acting in the next clause
    ("支持遵义市建设绿色低碳产业园，发展氢能和新型储能产业。",
     {("遵义", "develops", "氢能"), ("遵义", "develops", "新型储能")}),
    # a field named first, then who works in it
    ("在集成电路领域，黔星科技有限公司建成研发基地。", {("黔星科技有限公司", "develops", "集成电路")}),
    ("支持黔星科技有限公司在集成电路领域建设技术中心。", {("黔星科技有限公司", "develops", "集成电路")}),
    ("在集成电路、量子信息等前沿领域，组织实施芯火创新行动。",
     {("芯火创新行动", "focusesOn", "集成电路"), ("芯火创新行动", "focusesOn", "量子信息")}),
]


def _undirected(relations: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {(min(h, t), r, max(h, t)) if r == "cooperatesWith" else (h, r, t) for h, r, t in relations}


@pytest.mark.parametrize(("text", "expected"), RELATION_CONSTRUCTION_CASES)
def test_extract_rules_relation_constructions(tmp_path, text, expected):
    assert _undirected(expected) <= _undirected(_relations(_run(tmp_path, text)))


def test_extract_rules_a_means_phrase_is_not_the_subject(tmp_path):
    x = _run(tmp_path, "以共建黔中科学城为牵引，贵州汇聚科技型企业近7万家。\n")

    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {("贵州", Decimal("70000"))}


def test_extract_rules_quanshi_names_the_last_city_not_the_province(tmp_path):
    x = _run(tmp_path, "贵州省遵义市推进数字化改造，全市上云企业超过400家。\n")

    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {("遵义", Decimal("400"))}


def test_extract_rules_a_nation_acts_only_where_a_sentence_names_it(tmp_path):
    rels = _relations(_run(tmp_path, "我国加快发展人工智能。要积极培育生物制造。\n"))

    assert ("中国", "develops", "人工智能") in rels
    assert ("中国", "develops", "生物制造") not in rels  # prescriptive prose with no subject


def test_extract_rules_a_numbered_heading_names_its_section_topic(tmp_path):
    x = _run(tmp_path, "贵州数字经济观察\n\n（一）贵阳国家高新区\n\n集聚企业300家。\n\n（二）遵义市\n\n引进企业50家。\n\n三、保障措施\n\n新增企业10家。\n")

    observed = {(o.subject.split(":", 1)[1], o.value) for o in x.observations}
    assert observed == {("贵阳", Decimal("300")), ("遵义", Decimal("50")), ("贵州", Decimal("10"))}


def test_extract_rules_a_bare_head_word_refers_to_its_section_platform(tmp_path):
    x = _run(tmp_path, "各地的探索\n\n5.3 黔中科创大走廊培育新引擎\n\n2023年，大走廊实现产业增加值300亿元。\n")

    platform = next(e for e in x.entities if e.name == "黔中科创大走廊")
    assert "大走廊" in platform.aliases
    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {("黔中科创大走廊", Decimal("30000000000"))}
