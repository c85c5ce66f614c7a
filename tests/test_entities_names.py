"""Names an analyst would not want to see, read by construction from invented sentences.

Each case is a construction seen in real unlabelled texts (a scope word before
an industry, a notice that issues a plan, a pinyin reading inside a name, a
photo credit before a newspaper, a demonstrative closing a list), written
here with other places and fields.
"""

from __future__ import annotations

import pytest

from kg.corpus import document_from_text
from kg.extract import extract


def _entities(text: str) -> set[tuple[str, str]]:
    doc = document_from_text(text)
    assert doc is not None
    return {(e.type, e.name) for e in extract(doc).entities}


CASES = [
    # a direction or scope before a known industry is not part of its name
    ("北方新能源汽车产业发展迅速。", ("Industry", "新能源汽车"), ("Industry", "北方新能源汽车")),
    # a notice issuing a plan: the plan is the program
    (
        "省人民政府办公厅关于印发〈昆明市数字经济发展行动方案〉的通知\n现将方案印发给你们。",
        ("Program", "昆明市数字经济发展行动方案"),
        ("Program", "省人民政府办公厅关于印发〈昆明市数字经济发展行动方案〉的通知"),
    ),
    # a pinyin reading printed after a character is not part of the name
    (
        "云南省人民代表大会常务(wù)委员会发布公告。",
        ("Organization", "云南省人民代表大会常务委员会"),
        ("Organization", "云南省人民代表大会常务(wù)委员会"),
    ),
    # a demonstrative and a count close a list: 这 is not part of the last item
    (
        "该州重点发展集成电路、新型显示、人工智能这三大产业。",
        ("Industry", "人工智能"),
        ("Industry", "人工智能这"),
    ),
    # a photo credit before a newspaper's name
    ("图为云南咖啡产业园。记者李明摄昆明日报", ("Organization", "昆明日报"), None),
    # an autonomous prefecture written with 州 is the prefecture
    ("大理州加快发展咖啡产业。", ("Place", "大理"), ("Place", "大理州")),
    # a title in 《》 that closes on its edition keeps its opening verbs and the edition
    (
        "昆明市印发《加快推进滇池科创走廊建设行动方案（2024—2026年）》。",
        ("Program", "加快推进滇池科创走廊建设行动方案（2024—2026年）"),
        ("Program", "滇池科创走廊建设行动方案（2024—2026年）"),
    ),
    (
        "某县印发《某县小微企业贷款贴息管理办法（试行）》。",
        ("Program", "某县小微企业贷款贴息管理办法（试行）"),
        None,
    ),
    # a title right after a verb of issuing, without 《》: its opening verbs are part of it
    (
        "2025年，贵阳市印发加快低空经济创新发展行动方案（2025-2027年），明确目标。",
        ("Program", "加快低空经济创新发展行动方案（2025-2027年）"),
        ("Program", "低空经济创新发展行动方案（2025-2027年）"),
    ),
    (
        "该省出台全面推进中小企业数字化转型升级三年行动方案，提出目标。",
        ("Program", "全面推进中小企业数字化转型升级三年行动方案"),
        None,
    ),
]

PLATFORM_CASES = [
    # a pilot zone is named by the program it pilots, its verbs included
    ("依托国家区块链创新发展试验区，壮大数字产业。", "国家区块链创新发展试验区"),
    # Hong Kong's science parks and industrial estates
    ("香港科學園與大埔工業邨由同一公司管理。", "香港科学园"),
    ("香港科學園與大埔工業邨由同一公司管理。", "大埔工业邨"),
    # a named city system, quoted before the project that builds it
    ("2020年昆明市启动了“城市大脑”项目。", "城市大脑"),
    ("某公司参与建设昆明城市交通大脑。", "昆明城市交通大脑"),
]


@pytest.mark.parametrize(("text", "platform"), PLATFORM_CASES)
def test_entities_names_platform_construction(text, platform):
    assert ("Platform", platform) in _entities(text)


def test_entities_names_a_quoted_figure_of_speech_is_no_name():
    assert not _entities("该平台犹如“数字大脑”，覆盖全部产品。")


#: Lists of departments and of fields of application: no industries, not even known ones.
NOT_INDUSTRY_LISTS = [
    "推动智慧医院在教育、交通、养老、旅游等领域实现推广应用。",
    "商务、农业、旅游等部门要做好服务保障。",
]


@pytest.mark.parametrize("text", NOT_INDUSTRY_LISTS)
def test_entities_names_departments_and_fields_of_use_are_no_industries(text):
    assert not any(type_ == "Industry" for type_, _ in _entities(text))


@pytest.mark.parametrize(
    "text",
    [
        "通过设立研发基金、引进领军人才、企业技术改造等方式支持园区发展。",
        "通过贷款贴息、财政奖励等激励措施提高企业积极性。",
    ],
)
def test_entities_names_list_of_means_names_nothing(text):
    assert not any(t == "Organization" for t, _ in _entities(text))


def test_entities_names_quality_word_before_chanye_names_no_industry():
    found = _entities("该州加快发展高端产业和未来产业。")
    assert ("Industry", "未来产业") in found
    assert ("Industry", "高端产业") not in found


def test_entities_names_a_list_of_industries_stays():
    found = _entities("重点发展集成电路、生物医药、人工智能等领域。")
    assert {("Industry", "集成电路"), ("Industry", "人工智能")} <= found


#: Phrases that hold what no name holds: a comma, a mid-name 等, 相关, a category of projects.
NOT_NAMES = [
    ("推动园区联动发展,集成电路产业加快集聚。", "联动发展,集成电路"),
    ("突破芯片、软件等关键技术。", "软件等关键技术"),
    ("某区相关镇人民政府负责实施。", "某区相关镇人民政府"),
    ("全市新开工省市重点项目120个。", "新开工省市重点项目"),
]


@pytest.mark.parametrize(("text", "phrase"), NOT_NAMES)
def test_entities_names_phrase_with_what_no_name_holds(text, phrase):
    assert not any(phrase in name for _, name in _entities(text))


def test_entities_names_pinyin_reading_left_out_of_a_title():
    found = _entities("省人大常委会通过《某省数字经济促(cù)进条例》。")
    assert ("Program", "某省数字经济促进条例") in found


#: Quoted slogans and products that end in a type's head word.
SLOGANS = [
    "坚持“打破围墙办学院”的思路。",
    "建设“没有边界的大学”。",
    "为沿线国家城市、园区提供综合解决方案。",
]


@pytest.mark.parametrize("text", SLOGANS)
def test_entities_names_quoted_slogan_or_solution_is_no_name(text):
    assert not any(t in ("Organization", "Program") for t, _ in _entities(text))


#: A head word that only modifies: after a count of events, after 各, before 合作.
NOT_NAMED = [
    ("全年举办15场数字化转型示范项目对接会。", "Program"),
    ("统筹各部门各领域信息化建设应用计划。", "Program"),
    ("两地签署深化智慧港口建设战略合作协议。", "Program"),
]


@pytest.mark.parametrize(("text", "type_"), NOT_NAMED)
def test_entities_names_head_word_that_only_modifies(text, type_):
    assert not any(t == type_ for t, _ in _entities(text))


def test_entities_names_figures_of_a_platform_named_as_a_project():
    doc = document_from_text(
        "2020年昆明市启动了“城市大脑”项目，探索城市治理。\n该项目已开发系统120个。"
    )
    assert doc is not None
    x = extract(doc)
    subjects = {o.subject for o in x.observations if o.value == 120}
    assert subjects == {"Platform:城市大脑"}


#: Words that read as a place's short name in the wrong place.
NOT_PLACES = [
    # after an amount, 大关 is a threshold, not 大关县
    ("全区工业总产值首次突破五千亿元大关。", "大关县"),
    # a pair of one-character abbreviations running into an unknown word is a brand
    ("湘渝易购门店遍布全国。", "湘渝"),
]


@pytest.mark.parametrize(("text", "place"), NOT_PLACES)
def test_entities_names_word_that_only_looks_like_a_place(text, place):
    assert ("Place", place) not in _entities(text)


def test_entities_names_brand_that_opens_on_a_place_name_holds_no_place():
    found = _entities("昆明与阿里巴巴签署协议，浙江大学参加。")
    assert ("Place", "阿里") not in found
    assert ("Place", "浙江") in found  # a university opening on its province keeps it


def test_entities_names_company_business_before_an_industry_head_is_no_industry():
    found = _entities("百度智能驾驶产业创新基地落户昆明。")
    assert not any(t == "Industry" and name.startswith("百度") for t, name in found)


def test_entities_names_ministry_unit_named_in_full_after_it():
    found = _entities("根据科技部中国科学技术发展战略研究院发布的报告。")
    assert ("Organization", "中国科学技术发展战略研究院") in found
    assert not any(name.startswith("科技部中国") for _, name in found)


def test_entities_names_century_opens_a_name():
    assert ("Organization", "21世纪数字经济研究院") in _entities("21世纪数字经济研究院发布报告。")


#: Clauses that run into a head word: a quantity word, a degree adverb, a passive marker.
CLAUSE_FRAGMENTS = [
    "園區很多工程師離開舊公司自行創業。",
    "该港较频繁地被视为地产项目。",
]


@pytest.mark.parametrize("text", CLAUSE_FRAGMENTS)
def test_entities_names_clause_before_a_head_is_no_name(text):
    assert not any(len(name) > 6 for _, name in _entities(text))


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CASES)
def test_entities_names_construction(text, wanted, unwanted):
    found = _entities(text)
    assert wanted in found
    assert not any("记者" in name or "摄" in name for _, name in found)
    if unwanted is not None:
        assert unwanted not in found


@pytest.mark.parametrize("text", ["\u201c900万+\u201d模式取得成效。", "各地拿出实际行动。"])
def test_entities_names_number_or_generic_phrase_is_no_program(text):
    assert not any(t == "Program" for t, _ in _entities(text))


@pytest.mark.parametrize(
    "text",
    [
        "这里聚集了国际知名公司（如Zentro、Quibly、Marlow），也有许多初创企业。",
        "园区企业包括Zentro、Quibly、云帆科技等。",
    ],
)
def test_entities_names_latin_names_listed_as_companies(text):
    found = _entities(text)
    assert {("Organization", "Zentro"), ("Organization", "Quibly")} <= found


@pytest.mark.parametrize(
    "text", ["昆明共有15家科创板上市公司。", "目前大理已有3家创业板公司上市。"]
)
def test_entities_names_count_of_listed_companies_is_no_company(text):
    assert not any(t == "Organization" for t, _ in _entities(text))


def test_entities_names_body_founded_by_a_verb():
    assert ("Organization", "数据资源局") in _entities("2016年该市成立数据资源局以统筹数据工作。")
    assert not any(t == "Organization" for t, _ in _entities("该区优化布局，成立新格局。"))


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("市政府印发《昆明滇池科学城总体发展规划（2023—2035年）》。", "昆明滇池科学城"),
        ("印发《加快推进滇中科技创新大走廊协同创新发展行动方案》。", "滇中科技创新大走廊"),
    ],
)
def test_entities_names_platform_a_program_is_about(text, platform):
    assert ("Platform", platform) in _entities(text)


def test_entities_names_generic_platform_head_in_a_program_is_no_platform():
    assert not any(t == "Platform" for t, _ in _entities("实施科学城建设行动。"))


def test_entities_names_corridor_named_by_a_valley():
    # 药谷, 光谷: a cluster named as a valley is a proper name before a facility head
    assert ("Platform", "滇中药谷科技创新大走廊") in _entities("加快建设滇中药谷科技创新大走廊。")


@pytest.mark.parametrize("text", ["市直部门先后赴大走廊调研。", "无人机视角俯瞰大走廊。"])
def test_entities_names_verb_before_a_bare_head_is_no_name(text):
    assert not any(t == "Platform" for t, _ in _entities(text))


def test_name_rules_run_in_their_registered_order_under_unique_names():
    from kg.extract.entities import NAME_RULES

    orders = [f.order for f in NAME_RULES]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert len({f.name for f in NAME_RULES}) == len(NAME_RULES)


def test_a_new_name_rule_family_is_one_registry_entry(monkeypatch):
    # a family is a function of the rules and the paragraph that adds candidates
    import re

    from kg.extract import entities

    def hashtags(rules, paragraph):
        for m in re.finditer(r"#(\w{2,8})#", paragraph.text):
            rules.add(m.start(1), m.end(1), "Platform", m.group(1), m.group(1), 2, "hashtag")

    text = "昆明市启动#云岭#以来成效明显。"
    assert ("Platform", "云岭") not in _entities(text)
    monkeypatch.setattr(
        entities, "NAME_RULES", (*entities.NAME_RULES, entities.NameRule(999, "hashtags", hashtags))
    )
    names = _entities(text)

    assert ("Platform", "云岭") in names
    assert ("Place", "昆明") in names  # the registered families still run
