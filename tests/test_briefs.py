"""kg profile and kg compare (issue #20): briefs of one entity and of entities side by side."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_kg

from kg.analysis.briefs import named_rows, open_build
from kg.analysis.compare import build_comparison, format_comparison
from kg.analysis.profile import build_profile, format_profile
from kg.errors import KgError
from kg.pipeline import build_corpus

# An invented text: two cities, each developing, building, implementing and counting something.
TEXT = (
    "合肥市大力发展集成电路产业。合肥市建设合肥量子实验室。\n"
    "合肥市实施科技创新攻坚行动。2023年，合肥市国家高新技术企业达8000家。\n"
    "南京市大力发展集成电路产业和生物医药产业。南京市建设紫金山实验室。\n"
    "南京市实施产业强链行动。2023年，南京市国家高新技术企业达9000家。\n"
)


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    folder = tmp_path_factory.mktemp("briefs")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    build_corpus([folder], folder / "out", validate=False)
    return folder / "out"


def test_briefs_profile_of_an_invented_city(invented):
    p = build_profile(invented, "合肥市")  # an alias finds the entity
    assert (p.name, p.type, p.aliases) == ("合肥", "Place", ["合肥市"])
    assert p.iri.endswith("/place/hefei")
    assert p.codes["adcode"] == "340100" and p.codes["divisionLevel"] == "city"
    relations = {
        (k, r.other, r.evidence[0].sentence) for k, rows in p.relations.items() for r in rows
    }
    assert relations == {
        ("out develops", "集成电路", "合肥市大力发展集成电路产业。"),
        ("out builds", "合肥量子实验室", "合肥市建设合肥量子实验室。"),
        ("out implements", "科技创新攻坚行动", "合肥市实施科技创新攻坚行动。"),
        ("in locatedIn", "合肥量子实验室", "合肥市建设合肥量子实验室。"),
    }
    assert [(o.indicator, o.value, o.unit, o.year) for o in p.observations] == [
        ("国家高新技术企业", "8000", "家", "2023")
    ]
    assert p.observations[0].evidence.sentence == "2023年，合肥市国家高新技术企业达8000家。"
    assert {(n, c) for n, _iri, c in p.comentions} == {
        ("集成电路", 1),
        ("合肥量子实验室", 1),
        ("科技创新攻坚行动", 1),
    }
    text = format_profile(p, "md")
    assert "- 行政区划代码：340100（地级，GB/T 2260）" in text
    assert (
        "| 国家高新技术企业 | 8000 | 家 | 2023 | 2023年，合肥市国家高新技术企业达8000家。（a.txt） |"
        in text
    )
    assert json.loads(format_profile(p, "json"))["codes"]["adcode"] == "340100"


def test_briefs_comparison_of_two_invented_cities(invented):
    c = build_comparison(invented, ["合肥", "南京"])
    assert c.names() == ["合肥", "南京"]
    assert [r.item for r in c.shared("industry")] == ["集成电路"]
    assert [r.item for r in c.only("industry", "南京")] == ["生物医药"]
    assert c.only("industry", "合肥") == []
    assert [r.item for r in c.only("platform", "合肥")] == ["合肥量子实验室"]
    assert [r.item for r in c.only("platform", "南京")] == ["紫金山实验室"]
    assert [r.item for r in c.only("program", "南京")] == ["产业强链行动"]
    numbers = c.comparable()["国家高新技术企业"]
    assert {n: [(x.value, x.unit, x.year) for x in v] for n, v in numbers.items()} == {
        "合肥": [("8000", "家", "2023")],
        "南京": [("9000", "家", "2023")],
    }
    shared = c.shared("industry")[0].cells
    assert shared["南京"][0].sentence == "南京市大力发展集成电路产业和生物医药产业。"
    text = format_comparison(c, "md")
    assert "| 产业 | 1 | 2 |" in text
    assert "- **生物医药** —— 南京：“南京市大力发展集成电路产业和生物医药产业。”（a.txt）" in text
    page = format_comparison(c, "html")
    assert "<script" not in page and "紫金山实验室" in page


def test_briefs_read_the_rows_of_the_named_queries(invented):
    store = open_build(invented)
    rows = named_rows(store, "compare", ["合肥", "南京"])
    assert {(r[0], r[2], r[3]) for r in rows if r[2] != "observation"} >= {
        ("合肥", "industry", "集成电路"),
        ("南京", "industry", "集成电路"),
        ("南京", "industry", "生物医药"),
    }
    assert any(r[1] == "code" and r[2] == "adcode" for r in named_rows(store, "profile", ["合肥"]))


def test_briefs_refuse_what_they_cannot_answer(invented):
    with pytest.raises(KgError, match="no entity"):
        build_profile(invented, "不存在的地方")
    with pytest.raises(KgError, match="one type"):
        build_comparison(invented, ["合肥", "集成电路"])
    with pytest.raises(KgError, match="at least two"):
        build_comparison(invented, ["合肥"])


def test_briefs_cli_on_the_seed_graph(seed_build):
    proc = run_kg("profile", str(seed_build), "成都", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# 成都（地点")
    assert "行政区划代码：510100（地级，GB/T 2260）" in proc.stdout
    assert "### 发展 → (develops)" in proc.stdout and "（001_" in proc.stdout
    proc = run_kg("compare", str(seed_build), "成都", "重庆", "--format", "json", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [e["name"] for e in data["entities"]] == ["成都", "重庆"]
    shared = [r for r in data["sections"]["industry"] if len(r["cells"]) == 2]
    assert shared and all(r["cells"]["成都"] and r["cells"]["重庆"] for r in shared)
    proc = run_kg("compare", str(seed_build), "成都", "重庆", cwd=ROOT)
    assert proc.returncode == 0 and "### 共同" in proc.stdout
    proc = run_kg("profile", str(seed_build), "不存在的地方", cwd=ROOT)
    assert proc.returncode == 1 and "no entity named" in proc.stderr
