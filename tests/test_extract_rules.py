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
    # 高质量 stays inside a program's name before its inner verb
    ("遵义市实施白酒产业高质量发展行动。", ("Program", "白酒产业高质量发展行动")),
    # facility heads: a test station, an advanced light source (its 项目 is the facility), a pilot zone
    ("加快推进黔灵深地互联实验站建设。", ("Platform", "黔灵深地互联实验站")),
    ("贵阳先进光源项目建设正在加速推进。", ("Platform", "贵阳先进光源")),
    ("高质量建设贵州综合性科学中心先行启动区。", ("Platform", "贵州综合性科学中心先行启动区")),
    # 中国 + field + 谷 names a national cluster
    ("位于贵阳的中国数谷集聚企业500家。", ("Platform", "中国数谷")),
]

GENERIC_CASES = [
    # category words are not names, however they are dressed
    "各地建设了一批创新平台和新型研发机构。",
    "支持龙头企业与高校共建实验室。",
    "完善体制机制，建立健全协同机制。",
]

LIST_CASES = [
    # 等20余家企业: an approximate count still heads a list of companies
    (
        "贵阳引进筑星科技、黔源智能等20余家企业。",
        {("Organization", "筑星科技"), ("Organization", "黔源智能")},
    ),
    # unknown county-level names listed beside a known district are districts
    (
        "在花溪新城区、双龙新城区、云岩区布局建设算力中心。",
        {("Place", "花溪新城区"), ("Place", "双龙新城区")},
    ),
    # every item of an N大行动 list is a program, the first after its verb, the last before the count
    (
        "贵州开展老旧设备更新、工厂数字化改造两大行动。",
        {("Program", "老旧设备更新行动"), ("Program", "工厂数字化改造行动")},
    ),
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
    assert not names & {
        "创新平台",
        "新型研发机构",
        "龙头企业",
        "高校",
        "实验室",
        "体制机制",
        "协同机制",
    }


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


def test_extract_rules_durations_are_not_observations(tmp_path):
    x = _run(tmp_path, "贵阳市过去5年历时9个月完成规划编制。")
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

    assert {
        ("贵阳", "develops", "大数据"),
        ("贵阳", "develops", "电子信息"),
        ("贵阳", "implements", "数字产业倍增行动"),
    } <= _relations(x)
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
    x = _run(
        tmp_path,
        "贵阳市数字经济发展实施方案\n\n（牵头单位：市工信局、市发展改革委）市政府统筹推进，省政府给予支持。\n",
    )

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
    (
        "推动贵阳、遵义、安顺共建黔中科技创新带。",
        {
            ("贵阳", "cooperatesWith", "遵义"),
            ("安顺", "cooperatesWith", "遵义"),
            ("安顺", "cooperatesWith", "贵阳"),
            ("贵阳", "builds", "黔中科技创新带"),
        },
    ),
    ("昆明、玉溪两市联合实施重大科技项目。", {("昆明", "cooperatesWith", "玉溪")}),
    # 支持X建设…，发展…: the supported actor goes on acting in the next clause
    (
        "支持遵义市建设绿色低碳产业园，发展氢能和新型储能产业。",
        {("遵义", "develops", "氢能"), ("遵义", "develops", "新型储能")},
    ),
    # a field named first, then who works in it
    (
        "在集成电路领域，黔星科技有限公司建成研发基地。",
        {("黔星科技有限公司", "develops", "集成电路")},
    ),
    (
        "支持黔星科技有限公司在集成电路领域建设技术中心。",
        {("黔星科技有限公司", "develops", "集成电路")},
    ),
    (
        "在集成电路、量子信息等前沿领域，组织实施芯火创新行动。",
        {("芯火创新行动", "focusesOn", "集成电路"), ("芯火创新行动", "focusesOn", "量子信息")},
    ),
    # 在X建设Y: X is where Y stands, the builder is the clause's subject; a field names the facility
    (
        "贵州省加快布局未来产业，在遵义建设深海装备实验室。",
        {("贵州", "builds", "深海装备实验室"), ("深海装备实验室", "locatedIn", "遵义")},
    ),
    # …，与X共建…: the partner does not become the subject
    ("贵阳市高水平建设数博大道，与成都共建西部算力枢纽。", {("贵阳", "cooperatesWith", "成都")}),
    # A与B共同…，并与C、D…协作: both openers cooperate with each later partner
    (
        "遵义与毕节共同组建白酒产业联盟，并与铜仁、安顺形成配套协作体系。",
        {
            ("遵义", "cooperatesWith", "毕节"),
            ("遵义", "cooperatesWith", "铜仁"),
            ("毕节", "cooperatesWith", "铜仁"),
            ("遵义", "cooperatesWith", "安顺"),
            ("毕节", "cooperatesWith", "安顺"),
        },
    ),
    # 与X的合作: a partner's possessive does not make it a mere modifier
    ("贵阳市深化与中国工程院的全面合作。", {("贵阳", "cooperatesWith", "中国工程院")}),
    # a program launched at the end of a clause focuses on what the next clause works around
    (
        "贵阳市实施“数谷”计划，围绕大数据、云计算等方向建设一批平台。",
        {
            ("数谷计划", "focusesOn", "大数据"),
            ("数谷计划", "focusesOn", "云计算"),
            ("贵阳", "develops", "大数据"),
        },
    ),
    # every item of a 在A、B、…等领域 list is developed, not only those near 领域
    (
        "贵州在大数据、云计算、人工智能、新材料、生物技术等领域打造一批产业集群。",
        {
            ("贵州", "develops", "大数据"),
            ("贵州", "develops", "云计算"),
            ("贵州", "develops", "生物技术"),
        },
    ),
    # a place that works around (围绕) fields develops them
    (
        "贵阳市围绕大数据、氢能等方向，建设一批数据产业园。",
        {("贵阳", "develops", "大数据"), ("贵阳", "develops", "氢能")},
    ),
    # 以…为主攻方向: the fields a place makes its main line, the last item closed before 为
    (
        "遵义市以白酒、电子信息、新型建材为主攻方向，推动错位发展。",
        {("遵义", "develops", "电子信息"), ("遵义", "develops", "新型建材")},
    ),
]


def _undirected(relations: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {
        (min(h, t), r, max(h, t)) if r == "cooperatesWith" else (h, r, t) for h, r, t in relations
    }


@pytest.mark.parametrize(("text", "expected"), RELATION_CONSTRUCTION_CASES)
def test_extract_rules_relation_constructions(tmp_path, text, expected):
    assert _undirected(expected) <= _undirected(_relations(_run(tmp_path, text)))


def test_extract_rules_a_means_phrase_is_not_the_subject(tmp_path):
    x = _run(tmp_path, "以共建黔中科学城为牵引，贵州汇聚科技型企业近7万家。\n")

    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {
        ("贵州", Decimal("70000"))
    }


def test_extract_rules_quanshi_names_the_last_city_not_the_province(tmp_path):
    x = _run(tmp_path, "贵州省遵义市推进数字化改造，全市上云企业超过400家。\n")

    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {
        ("遵义", Decimal("400"))
    }


def test_extract_rules_a_nation_acts_only_where_a_sentence_names_it(tmp_path):
    rels = _relations(_run(tmp_path, "我国加快发展人工智能。要积极培育生物制造。\n"))

    assert ("中国", "develops", "人工智能") in rels
    assert ("中国", "develops", "生物制造") not in rels  # prescriptive prose with no subject


def test_extract_rules_a_numbered_heading_names_its_section_topic(tmp_path):
    x = _run(
        tmp_path,
        "贵州数字经济观察\n\n（一）贵阳国家高新区\n\n集聚企业300家。\n\n（二）遵义市\n\n引进企业50家。\n\n三、保障措施\n\n新增企业10家。\n",
    )

    observed = {(o.subject.split(":", 1)[1], o.value) for o in x.observations}
    assert observed == {("贵阳", Decimal("300")), ("遵义", Decimal("50")), ("贵州", Decimal("10"))}


def test_extract_rules_a_bare_head_word_refers_to_its_section_platform(tmp_path):
    x = _run(
        tmp_path,
        "各地的探索\n\n5.3 黔中科创大走廊培育新引擎\n\n2023年，大走廊实现产业增加值300亿元。\n",
    )

    platform = next(e for e in x.entities if e.name == "黔中科创大走廊")
    assert "大走廊" in platform.aliases
    assert {(o.subject.split(":", 1)[1], o.value) for o in x.observations} == {
        ("黔中科创大走廊", Decimal("30000000000"))
    }


def test_extract_rules_fields_joined_by_yu_stay_one_list_item(tmp_path):
    x = _run(tmp_path, "长沙市聚焦网络与安全、光电与显示、工程机械等10个战略性新兴产业集群。\n")

    found = _entities(x)
    assert {
        ("Industry", "网络与安全"),
        ("Industry", "光电与显示"),
        ("Industry", "工程机械"),
    } <= found
    assert ("长沙", "develops", "网络与安全") in _relations(x)
    assert ("Industry", "安全") not in found


def _observed(x) -> set[tuple[str, Decimal]]:
    return {(o.subject.split(":", 1)[1], o.value) for o in x.observations}


def test_extract_rules_an_industry_figure_in_a_place_plan_is_the_place_figure_too(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市数字经济发展实施方案\n\n一、主要目标\n\n"
        "到2027年，战略性新兴产业增加值占地区生产总值比重达到30%，新能源汽车产量达到20万辆。\n",
    )

    assert {
        ("贵阳", Decimal("30")),
        ("战略性新兴产业", Decimal("30")),
        ("贵阳", Decimal("200000")),
        ("新能源汽车", Decimal("200000")),
    } <= _observed(x)


def test_extract_rules_a_national_industry_figure_stays_the_industry_figure(tmp_path):
    x = _run(tmp_path, "论数字经济\n\n我国数字经济规模达到50万亿元。\n")

    assert _observed(x) == {("数字经济", Decimal("50000000000000"))}


def test_extract_rules_a_place_narrowed_by_the_next_one_is_that_one(tmp_path):
    x = _run(tmp_path, "贵州贵阳今年集聚数据企业300家。\n")

    assert _observed(x) == {("贵阳", Decimal("300"))}


def test_extract_rules_corner_brackets_quote_names_like_quotation_marks(tmp_path):
    x = _run(tmp_path, "貴陽市深入實施「寬帶中國」行動，推行「河長制」等方式。\n")

    assert {("Program", "宽带中国行动"), ("Program", "河长制")} <= _entities(x)
    assert ("贵阳", "implements", "宽带中国行动") in _relations(x)


def test_extract_rules_area_compute_and_item_counts_are_observations(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市聚焦大数据、先进装备等6大产业，建成产业空间200万平方米，智能算力规模达到10EFLOPS。党的十八大以来，产业加快发展。\n",
    )

    found = {(o.subject.split(":", 1)[1], o.value, o.unit) for o in x.observations}
    assert found == {
        ("贵阳", Decimal("6"), "个"),
        ("贵阳", Decimal("2000000"), "平方米"),
        ("贵阳", Decimal("10"), "EFLOPS"),
    }


def test_extract_rules_a_launched_program_owns_its_yearly_targets(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市人才发展行动方案\n\n深入实施“黔灵英才计划”，每年引进高层次人才1000人以上。"
        "实施绿色工厂培育工程，到2027年创建绿色工厂80家。\n",
    )

    observed = _observed(x)
    assert {("黔灵英才计划", Decimal("1000")), ("贵阳", Decimal("80"))} <= observed
    assert ("绿色工厂培育工程", Decimal("80")) not in observed  # a dated goal stays the place's


def test_extract_rules_a_means_object_and_a_dated_quanshi(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市算力发展方案\n\n依托黔灵实验室建设智能算力平台，到2027年全市智能算力规模达到20EFLOPS。\n",
    )

    assert _observed(x) == {("贵阳", Decimal("20"))}


def test_extract_rules_a_field_names_a_facility_only_right_after_building_it(tmp_path):
    names = {
        name
        for _, name in _entities(
            _run(tmp_path, "推动创新成果走出实验室，建设一批人工智能实验室。\n")
        )
    }

    assert not {n for n in names if n.endswith("实验室")}


def test_extract_rules_a_fund_named_by_a_place_is_a_program(tmp_path):
    x = _run(
        tmp_path,
        "设立总规模200亿元的贵阳市数字产业发展基金，用好产业投资基金。"
        "贵州设立贵州省自然科学基金大数据领域联合基金，基金规模达到2亿元。\n",
    )

    programs = {name for type_, name in _entities(x) if type_ == "Program"}
    assert {"贵阳市数字产业发展基金", "贵州省自然科学基金大数据领域联合基金"} <= programs
    assert "产业投资基金" not in programs
    assert {
        ("贵阳市数字产业发展基金", Decimal("20000000000")),
        ("贵州省自然科学基金大数据领域联合基金", Decimal("200000000")),
    } <= _observed(x)


def test_extract_rules_a_place_before_an_industry_head_is_not_in_its_name(tmp_path):
    x = _run(tmp_path, "遵义白酒产业集聚企业超过300家。\n")

    assert ("Industry", "遵义白酒") not in _entities(x)
    assert _observed(x) == {("遵义", Decimal("300"))}


def test_extract_rules_a_place_that_only_modifies_a_company_is_not_the_subject(tmp_path):
    x = _run(tmp_path, "总部位于贵阳的黔星科技有限公司2024年销量达到20万台。\n")

    assert _observed(x) == {("黔星科技有限公司", Decimal("200000"))}


def test_extract_rules_a_company_short_name_is_an_alias_of_its_full_name(tmp_path):
    x = _run(
        tmp_path,
        "杭州海康威视数字技术股份有限公司总部位于杭州。\n\n海康威视在贵阳建设西南研发中心。\n",
    )

    orgs = {e.name: set(e.aliases) for e in x.entities if e.type == "Organization"}
    assert orgs == {"杭州海康威视数字技术股份有限公司": {"海康威视"}}
    assert ("杭州海康威视数字技术股份有限公司", "builds", "西南研发中心") in _relations(x)


def test_extract_rules_provincial_departments_are_named_in_full(tmp_path):
    x = _run(
        tmp_path,
        "贵州省统计局发布数据，贵州省发展和改革委员会印发方案。江苏省加快产业布局，湖南省和湖北省委员会联合调研。\n",
    )

    orgs = {name for type_, name in _entities(x) if type_ == "Organization"}
    assert {"贵州省统计局", "贵州省发展和改革委员会"} <= orgs
    assert not {n for n in orgs if "布局" in n or "湖南" in n}
    assert not [r for r in x.relations if r.rel == "locatedIn"]  # a place's own department


def test_extract_rules_a_standard_section_heading_is_not_a_policy(tmp_path):
    x = _run(tmp_path, "贵阳市数字经济发展实施方案\n\n三、保障措施\n\n（一）实施数字产业倍增行动\n")

    programs = {name for type_, name in _entities(x) if type_ == "Program"}
    assert "数字产业倍增行动" in programs
    assert not {p for p in programs if "保障措施" in p}


def test_extract_rules_a_unit_names_its_parent_institution_too(tmp_path):
    orgs = {
        name
        for type_, name in _entities(
            _run(tmp_path, "（作者单位：贵州大学经济学院；贵州省社会科学院课题组）\n")
        )
        if type_ == "Organization"
    }

    assert {"贵州大学", "贵州省社会科学院"} <= orgs


def test_extract_rules_places_that_own_the_actor_do_not_act(tmp_path):
    rels = _relations(
        _run(tmp_path, "贵阳市、遵义市等2市的5家数据园区成为首批大数据发展试点示范项目。\n")
    )

    assert not {r for r in rels if r[1] == "implements"}


def test_extract_rules_a_topic_left_unnamed_for_paragraphs_stops_acting(tmp_path):
    x = _run(
        tmp_path,
        "论新型工业化\n\n贵阳市大力发展大数据。\n\n要推动产业升级。\n\n要加快培育新动能。\n\n要积极培育生物制造。\n",
    )

    rels = _relations(x)
    assert ("贵阳", "develops", "大数据") in rels
    assert ("贵阳", "develops", "生物制造") not in rels


def test_extract_rules_the_last_of_several_programs_does_not_take_the_next_fields(tmp_path):
    rels = _relations(
        _run(
            tmp_path,
            "贵阳市实施老旧园区改造工程和数字装备攻关工程，围绕大数据、云计算等方向加快突破。\n",
        )
    )

    assert not {r for r in rels if r[1] == "focusesOn"}


def test_extract_rules_a_field_phrase_names_one_industry_developed_by_the_supported(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市支持黔星集团在锂电正极材料领域、黔源集团在光纤传感领域建设企业研究院，在新技术领域加快突破。\n",
    )

    industries = {name for type_, name in _entities(x) if type_ == "Industry"}
    assert {"锂电正极材料", "光纤传感"} <= industries and "新技术" not in industries
    rels = _relations(x)
    assert {("黔星集团", "develops", "锂电正极材料"), ("黔源集团", "develops", "光纤传感")} <= rels
    assert ("贵阳", "develops", "锂电正极材料") not in rels


def test_extract_rules_partners_listed_after_yu_do_not_pair_up(tmp_path):
    rels = _undirected(
        _relations(_run(tmp_path, "贵州主动作为，与四川、云南、重庆共建西南算力走廊。\n"))
    )

    assert {("四川", "cooperatesWith", "贵州"), ("云南", "cooperatesWith", "贵州")} <= rels
    assert ("四川", "cooperatesWith", "云南") not in rels and (
        "云南",
        "cooperatesWith",
        "四川",
    ) not in rels


def test_extract_rules_a_region_integration_is_a_strategy_a_place_joins(tmp_path):
    x = _run(tmp_path, "湖南主动融入长株潭一体化发展，主动服务广州国际科创中心建设。\n")

    found = _entities(x)
    assert ("Program", "长株潭一体化发展") in found
    assert ("Platform", "广州国际科创中心") in found
    assert ("湖南", "implements", "长株潭一体化发展") in _relations(x)


def test_extract_rules_he_joins_nouns_inside_a_program_name_but_not_two_programs(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市实施制造业企业和软件企业双倍增行动计划，推进设备更新工程和数字化改造工程。\n",
    )

    programs = {name for type_, name in _entities(x) if type_ == "Program"}
    assert "制造业企业和软件企业双倍增行动计划" in programs
    assert not {p for p in programs if "工程和" in p}


def test_extract_rules_time_words_and_mechanism_words_stay_out_of_program_names(tmp_path):
    programs = {
        name
        for type_, name in _entities(
            _run(tmp_path, "与前期“宽带中国”行动相比，贵阳实行“河长制”工作机制。\n")
        )
        if type_ == "Program"
    }

    assert "河长制" in programs and "宽带中国行动" in programs
    assert not {p for p in programs if p.startswith("前期") or p.endswith("工作机制")}


def test_extract_rules_a_province_laboratory_is_a_rank_unless_named(tmp_path):
    names = {
        name for _, name in _entities(_run(tmp_path, "新建浙江省实验室3家，建设贵阳实验室。\n"))
    }

    assert "浙江省实验室" not in names and "贵阳实验室" in names


def test_extract_rules_kinds_of_facilities_are_not_names(tmp_path):
    names = {
        name
        for _, name in _entities(
            _run(tmp_path, "贵阳建设一批重大科技基础设施，支持企业研究院和中试验证平台发展。\n")
        )
    }

    assert not names & {"重大科技基础设施", "企业研究院", "中试验证平台"}


def test_extract_rules_a_partner_in_a_field_does_not_develop_it(tmp_path):
    rels = _relations(_run(tmp_path, "贵阳市加强与芬兰、瑞士在大数据、工业软件等领域的合作。\n"))

    assert ("贵阳", "develops", "大数据") in rels
    assert not {r for r in rels if r[0] in ("芬兰", "瑞士") and r[1] == "develops"}


def test_extract_rules_what_follows_weiyu_de_lies_there(tmp_path):
    rels = _relations(
        _run(tmp_path, "贵州持续发力，走进位于贵阳高新区的黔星实验室，研发人员正在试验。\n")
    )

    assert ("黔星实验室", "locatedIn", "贵阳高新技术产业开发区") in rels
    assert not {r for r in rels if r[0] == "贵州" and r[1] == "locatedIn"}


def test_extract_rules_a_place_narrowed_by_the_next_one_acts_as_that_one(tmp_path):
    rels = _relations(_run(tmp_path, "如今，贵州贵阳正大力发展大数据。\n"))

    assert ("贵阳", "develops", "大数据") in rels and ("贵州", "develops", "大数据") not in rels


def test_extract_rules_a_quoted_platform_name_and_a_quoted_description(tmp_path):
    x = _run(tmp_path, "贵阳建设“黔灵云脑”智能算力平台。“大国之器”强磁场实验装置即将建成。\n")

    platforms = {name for type_, name in _entities(x) if type_ == "Platform"}
    assert {"黔灵云脑", "强磁场实验装置"} <= platforms
    assert not {p for p in platforms if "大国之器" in p or p == "智能算力平台"}


def test_extract_rules_gai_refers_to_the_program_just_named(tmp_path):
    x = _run(tmp_path, "贵阳市启动“数谷英才”计划。按照该计划，贵阳市3年内将引进人才5000人。\n")

    assert _observed(x) == {("数谷英才计划", Decimal("5000"))}


def test_extract_rules_people_counts_and_bare_magnitudes_are_observations(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市集聚专业技术人才12万名，引进院士20位，实施千项科技合作项目，进入全国前10名。\n",
    )

    assert _observed(x) == {
        ("贵阳", Decimal("120000")),
        ("贵阳", Decimal("20")),
        ("贵阳", Decimal("1000")),
    }


SPEAKER_CASES = [
    # a person's title after a body's name: the name is an organization's, even without 公司
    ("“关键在于人才。”黔峰资本创始合伙人李明分析说。", ("Organization", "黔峰资本")),
    ("云岭智造董事长王强表示，订单已排到明年。", ("Organization", "云岭智造")),
    ("此外，黔源证券首席经济学家赵敏认为，消费仍将回暖。", ("Organization", "黔源证券")),
    # a byline: the outlet before its reporter
    ("　　高原新闻记者 陈立\n贵阳市一季度GDP增长5%。", ("Organization", "高原新闻")),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKER_CASES)
def test_extract_rules_speakers_name_the_body_they_work_for(tmp_path, text, expected):
    assert expected in _entities(_run(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        "他长期担任公司董事长职务。",  # a bare category before the title names no one
        "贵阳市市长张华表示，要加快发展。",  # a city's office, not an organization
        "本报记者 刘洋\n贵阳市加快发展。",  # this outlet: nobody the reader can look up
        "他对记者说，项目进展顺利。",  # 记者 inside a sentence is no byline
    ],
)
def test_extract_rules_titles_without_a_named_body_add_no_organization(tmp_path, text):
    orgs = {name for type_, name in _entities(_run(tmp_path, text)) if type_ == "Organization"}
    assert not orgs


def test_extract_rules_a_list_of_company_names_is_a_list_of_companies(tmp_path):
    # most items are an unknown name before a company word, so all of them are companies
    x = _run(tmp_path, "贵阳今年新上市3家公司——黔芯科技、筑微半导、云耀科技，都来自集成电路产业。")

    orgs = {name for type_, name in _entities(x) if type_ == "Organization"}
    assert {"黔芯科技", "筑微半导", "云耀科技"} <= orgs


def test_extract_rules_a_role_before_a_company_is_not_in_its_name(tmp_path):
    x = _run(tmp_path, "园区运营方贵州黔云科技服务有限公司负责招商。")

    assert ("Organization", "贵州黔云科技服务有限公司") in _entities(x)


def test_extract_rules_a_reference_list_is_not_read_as_statements(tmp_path):
    x = _run(
        tmp_path,
        "贵阳市加快发展大数据产业。\n参考文献\n"
        "1. 张三，《论数字经济》，高原日报，2024年1月\n"
        "2. 李四，《论算力》，黔中时报，2023年\n"
        "后记\n本报告由黔中研究院编写。",
    )

    names = {name for _, name in _entities(x)}
    assert "贵阳" in names and "黔中研究院" in names  # before and after the list
    assert not {n for n in names if "日报" in n or "时报" in n or "论" in n}


BRANCH_CASES = [
    # a body's name, a place, a branch head: the branch is named in full
    ("贵州省推动国家大数据研究院遵义分院落地。", ("Organization", "国家大数据研究院遵义分院")),
    ("支持云南大学昆明研究生院建设。", ("Organization", "云南大学昆明研究生院")),
    ("争取省实验室黔东南基地尽快投用。", ("Platform", "省实验室黔东南基地")),
    # 与 joins two fields inside an institution's name
    ("依托高原生态与环境工程研究院开展攻关。", ("Organization", "高原生态与环境工程研究院")),
]


@pytest.mark.parametrize(("text", "expected"), BRANCH_CASES)
def test_extract_rules_branches_and_joined_fields_are_named_in_full(tmp_path, text, expected):
    assert expected in _entities(_run(tmp_path, text))


def test_extract_rules_a_bare_head_before_a_place_names_no_branch(tmp_path):
    names = {name for _, name in _entities(_run(tmp_path, "支持企业建设实验室遵义基地。"))}

    assert not {n for n in names if n.startswith("实验室")}


def test_extract_rules_a_scope_word_is_not_part_of_an_industry(tmp_path):
    names = _entities(_run(tmp_path, "贵阳抢抓全球大数据服务产业发展机遇，推动全球科技产业合作。"))

    assert ("Industry", "大数据服务") in names
    assert not {n for _, n in names if n.startswith("全球")}
    assert ("Industry", "科技") not in names  # a scope and a generic field name no industry


def test_extract_rules_titles_are_named_without_quotation_marks(tmp_path):
    x = _run(tmp_path, "贵州省印发《“算力贵州”三年行动计划（2024—2026年）》。\n3. “数字黔货”行动\n")

    programs = {n for t, n in _entities(x) if t == "Program"}
    assert "算力贵州三年行动计划（2024—2026年）" in programs
    assert "数字黔货行动" in programs
    assert not {p for p in programs if "“" in p or "”" in p}


def test_extract_rules_a_reporters_name_holds_no_place(tmp_path):
    names = _entities(_run(tmp_path, "本报记者 王昆山\n贵阳市一季度数字经济增长12%。"))

    assert ("Place", "昆山") not in names and ("Place", "贵阳") in names


def test_extract_rules_quotation_marks_add_no_word_to_a_name(tmp_path):
    # the words of a long program name are counted, not the quotation marks inside it
    x = _run(tmp_path, "遵义市实施高成长型企业和科技型中小企业“双培育”行动计划。")

    assert ("Program", "高成长型企业和科技型中小企业双培育行动计划") in _entities(x)


def test_extract_rules_a_quoted_label_before_university_names_a_kind(tmp_path):
    names = _entities(_run(tmp_path, "发挥“强省会”大学的带动作用，建设联合实验室。"))

    assert not {n for t, n in names if t == "Organization" and "强省会" in n}


def test_extract_rules_yu_joins_fields_only_in_a_research_bodys_name(tmp_path):
    names = _entities(_run(tmp_path, "企业在技术等各方面与黔南州政府开展合作。"))

    assert ("Organization", "黔南州政府") in names


def test_extract_rules_a_listed_companys_country_is_not_its_name(tmp_path):
    names = _entities(_run(tmp_path, "芯片多由日本黔光电子、德国云岭微电子等公司供应。"))

    assert {("Organization", "黔光电子"), ("Organization", "云岭微电子")} <= names


def test_extract_rules_a_unit_hosted_by_a_university_names_the_centre_and_the_university(tmp_path):
    # a byline: the centre's unit at a university is the centre and the university
    names = _entities(
        _run(tmp_path, "（作者系贵州省习近平新时代中国特色社会主义思想研究中心贵州大学基地研究员）")
    )

    assert ("Organization", "贵州省习近平新时代中国特色社会主义思想研究中心") in names
    assert ("Organization", "贵州大学") in names
    assert not {n for _, n in names if n.endswith("基地")}


BODY_CASES = [
    # a district's government
    ("有关问题请径向云岩区政府反映。", ("Organization", "云岩区政府")),
    # a province's office named by its portfolio (办公室 like 委员会, 局, 厅)
    ("贵州省数字经济办公室印发工作要点。", ("Organization", "贵州省数字经济办公室")),
    # a leading group named by its remit, without the bodies that set it up
    ("成立市委、市政府大数据发展领导小组，统筹推进。", ("Organization", "大数据发展领导小组")),
    # a statistics bureau's survey team in a city is a branch
    ("据国家统计局遵义调查队公布的数据，", ("Organization", "国家统计局遵义调查队")),
]


@pytest.mark.parametrize(("text", "expected"), BODY_CASES)
def test_extract_rules_government_bodies_by_their_construction(tmp_path, text, expected):
    assert expected in _entities(_run(tmp_path, text))


def test_extract_rules_a_leading_group_needs_a_remit(tmp_path):
    orgs = {
        n
        for t, n in _entities(_run(tmp_path, "经市委、市政府工作领导小组审核后实施。"))
        if t == "Organization"
    }

    assert not {n for n in orgs if n.endswith("领导小组")}


def test_extract_rules_kilowatts_keep_their_kilo(tmp_path):
    x = _run(tmp_path, "遵义市光伏装机容量达5万千瓦，年发电量3亿千瓦时，新建电站500千瓦。")

    figures = {(o.value, o.unit) for o in x.observations}
    assert figures == {
        (Decimal("50000"), "千瓦"),
        (Decimal("300000000"), "千瓦时"),
        (Decimal("500"), "千瓦"),
    }


def test_extract_rules_two_divisions_of_one_short_name_stay_two_places(tmp_path):
    places = {
        n for t, n in _entities(_run(tmp_path, "海南省与海南藏族自治州开展合作。")) if t == "Place"
    }

    assert {"海南", "海南藏族自治州"} <= places


@pytest.mark.parametrize(
    "text",
    [
        "如今的市场并不太平，企业要做好准备。",  # 太平 after 不: an adjective
        "这一路走得很不太平。",
    ],
)
def test_extract_rules_a_county_name_inside_another_word_is_no_place(tmp_path, text):
    places = {n for t, n in _entities(_run(tmp_path, text)) if t == "Place"}

    assert not places


def test_extract_rules_a_county_name_before_a_feature_word_names_the_feature():
    # 某某|湾 (jieba may tag 湾 as a verb): the bay, not the county
    from kg.extract.name_lexicon import _stands_alone
    from kg.extract.spans import Tok

    bay = [Tok("永川", "ns", 0, 2), Tok("湾", "v", 2, 3), Tok("建设", "vn", 3, 5)]
    county = [Tok("永川", "ns", 0, 2), Tok("建设", "v", 2, 4)]
    assert not _stands_alone(bay, 0, 1)
    assert _stands_alone(county, 0, 1)


APPOSITIVE_CASES = [
    # a kind of company, then the company's own name
    ("市值300亿元的设计公司黔芯微。", ("Organization", "黔芯微")),
    ("贵阳最新一家上市公司筑松智能刚登陆科创板。", ("Organization", "筑松智能")),
    ("据调查公司Canalys Research的数据，销量增长。", ("Organization", "Canalys Research")),
]


@pytest.mark.parametrize(("text", "expected"), APPOSITIVE_CASES)
def test_extract_rules_a_firm_named_after_its_kind(tmp_path, text, expected):
    names = _entities(_run(tmp_path, text))

    assert expected in names
    assert not {n for t, n in names if t == "Organization" and n.endswith("公司")}


@pytest.mark.parametrize(
    "text",
    ["企业融资难问题得到缓解。", "让企业唱主角。", "这家公司正在扩大生产。"],
)
def test_extract_rules_a_kind_of_company_before_a_phrase_names_no_firm(tmp_path, text):
    orgs = {n for t, n in _entities(_run(tmp_path, text)) if t == "Organization"}

    assert not orgs


def test_extract_rules_a_known_firm_before_a_verb_is_no_name(tmp_path):
    # 原公司 is the firm they left: what follows is what they did, not a firm's name
    names = _entities(_run(tmp_path, "很多研究员离开原公司外闯，自行创业。"))

    assert ("Organization", "外闯") not in names
