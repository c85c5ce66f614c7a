"""A traditional-script text: simplified names, evidence quoted as the text writes it."""

from __future__ import annotations

import json

from conftest import run_kg

from kg.sparql.query import run_query

TEXT = "香港特區政府在2015年成立創新及科技局。數碼港與科學園發展資訊科技產業。\n"


def test_traditional_text_keeps_its_sentences_as_written(tmp_path):
    (tmp_path / "hk.txt").write_text(TEXT, encoding="big5")
    out = tmp_path / "out"
    proc = run_kg("build", str(tmp_path / "hk.txt"), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    labels = {row[0] for row in run_query(out, "SELECT ?n WHERE { ?e rdfs:label ?n }").rows}
    assert "创新及科技局" in labels  # names are simplified, as the graph and scorers match them
    rows = run_query(
        out,
        "SELECT ?s ?w WHERE { ?e rdfs:label '创新及科技局'@zh ; kg:hasMention ?m . "
        "?m kg:sentence ?s ; kg:sentenceAsWritten ?w }",
    ).rows
    assert rows == (
        ("香港特区政府在2015年成立创新及科技局。", "香港特區政府在2015年成立創新及科技局。"),
    )
    page = (out / "graph.html").read_text(encoding="utf-8")
    data = json.loads(
        page.split('<script type="application/json" id="kg-data">')[1].split("</script>")[0]
    )
    assert "香港特區政府在2015年成立創新及科技局。" in data["sentences"]
    assert "香港特区政府在2015年成立创新及科技局。" not in data["sentences"]
    assert run_kg("validate", str(out)).returncode == 0


def test_simplified_text_has_no_second_sentence(tmp_path):
    (tmp_path / "a.txt").write_text("成都市发展集成电路产业。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", str(tmp_path / "a.txt"), "-o", str(out), "-q").returncode == 0
    assert "sentenceAsWritten" not in (out / "graph.ttl").read_text(encoding="utf-8")
