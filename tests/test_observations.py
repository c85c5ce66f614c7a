"""Observation rules on invented sentences: whose figure a number is, and its value.

A plan's targets are the plan's, a figure after 《方案》提出 is the program the
short name stands for, a policy titled as a program owns its articles' figures;
differences of rates and durations are not figures.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.corpus import read_document
from kg.extract import extract


def _observations(tmp_path, text: str) -> set[tuple[str, Decimal]]:
    path = tmp_path / "t.txt"
    path.write_text(text + "\n", encoding="utf-8")
    x = extract(read_document(path))
    return {(o.subject.split(":", 1)[1], o.value) for o in x.observations}


SUBJECT_CASES = [
    # a program that states the targets after it
    (
        "比如，城乡节水改造工程明确，到2025年农村供水普及率达到90%。",
        {("城乡节水改造工程", Decimal(90))},
    ),
    # 《X计划》出台，提出…: the plan's targets, not the city's
    (
        "近日，《洛阳市制造业倍增行动计划》出台，提出到2026年培育规上企业800家。",
        {("洛阳市制造业倍增行动计划", Decimal(800))},
    ),
    # a short name declared for a program stands for it in later paragraphs
    (
        "国务院印发《数字乡村振兴行动方案》（以下简称《方案》）。\n《方案》提出，到2026年，农村宽带接入率达到95%。",
        {("数字乡村振兴行动方案", Decimal(95))},
    ),
    # a policy document titled as a program: its articles' amounts are its own
    (
        "促进民营经济发展若干措施\n一、设立规模不低于2亿元的专项资金。\n对新上市企业给予300万元奖励。",
        {("促进民营经济发展若干措施", Decimal(3000000))},
    ),
    # a place named as a whole (X全市) is what the report is about: its sectors' figures are its
    (
        "面对不利影响，一季度宜昌全市经济稳定开局，其中第二产业增加值1200亿元。",
        {("宜昌", Decimal(120000000000))},
    ),
    # a place inside a phrase that describes a company: the company's figure
    (
        "扎根宜昌20多年的隆基绿能将投资3亿元新建工厂。",
        {("隆基绿能", Decimal(300000000))},
    ),
    # 这家/该 + head word: the last one named with that head
    (
        "宜昌设立了三峡智能制造实验室。这家实验室去年拨付经费3800万元。",
        {("三峡智能制造实验室", Decimal(38000000))},
    ),
    # 分别: the figures go to the listed items in order
    (
        "宜昌、襄阳分别拥有12家和9家上市公司。",
        {("宜昌", Decimal(12)), ("襄阳", Decimal(9))},
    ),
    (
        "排名前两位的宜昌和襄阳，GDP增幅分别达到了84%和72%，高于全省平均水平。",
        {("宜昌", Decimal(84)), ("襄阳", Decimal(72))},
    ),
    # a company named after its city: the company's figure
    (
        "其中，西安隆基绿能实现营业收入3.5亿元。",
        {("隆基绿能", Decimal(350000000))},
    ),
    # 万 and 亿 multiplied out
    ("绵阳市集成电路产业产值达到1.2万亿元。", {("集成电路", Decimal("1200000000000"))}),
]


@pytest.mark.parametrize(("text", "expected"), SUBJECT_CASES)
def test_observations_subject_and_value(tmp_path, text, expected):
    assert expected <= _observations(tmp_path, text)


NOT_FIGURES = [
    # a difference between two rates and a duration are not figures of the place
    ("宜昌市工业增加值增长8.2%，高于全省平均水平1.3个百分点。", Decimal("1.3")),
    ("从千亿到两千亿，宜昌用了7年。", Decimal(7)),
    # 千家万户 is an idiom, not a thousand households
    ("宜昌市推动人工智能进入千家万户。", Decimal(1000)),
    # the bounds of a range are not one figure
    ("宜昌市按投资额给予企业5%-20%奖励。", Decimal(5)),
    ("宜昌市按投资额给予企业5%-20%奖励。", Decimal(20)),
    ("对新发展的100—500亩种植基地给予奖励，宜昌市为此设立资金。", Decimal(500)),
]


@pytest.mark.parametrize(("text", "value"), NOT_FIGURES)
def test_observations_not_figures(tmp_path, text, value):
    assert value not in {v for _, v in _observations(tmp_path, text)}


def test_observations_a_change_is_named_after_its_figure(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("全年宜昌市生产总值1210亿元，比上年增长3.0%。\n", encoding="utf-8")
    x = extract(read_document(path))
    indicators = {o.value: o.indicator for o in x.observations}
    assert indicators[Decimal("3.0")] == "生产总值增长"
    assert indicators[Decimal(121000000000)] == "生产总值"


def test_observations_a_decline_is_a_positive_value_with_its_verb(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("年末宜昌市常住人口401万人，比上年末减少8万人。\n", encoding="utf-8")
    x = extract(read_document(path))
    indicators = {o.value: o.indicator for o in x.observations}
    assert indicators[Decimal(4010000)] == "年末常住人口"
    assert indicators[Decimal(80000)] == "年末常住人口减少"


def test_observations_a_change_first_in_its_paragraph_keeps_its_own_indicator(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("宜昌市同比增长5.2%。\n", encoding="utf-8")
    x = extract(read_document(path))
    assert [(o.value, o.indicator) for o in x.observations] == [(Decimal("5.2"), "同比")]
