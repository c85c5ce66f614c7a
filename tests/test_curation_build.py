"""Curation through a real build: RDF, SHACL, warnings, incremental rebuilds and the map's badge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CURATION, run_kg

from kg.sparql.query import named_query, run_query


def _rows(out: Path, sparql: str) -> set[tuple]:
    return set(run_query(out, sparql).rows)


def test_curation_build_applies_every_line_and_conforms(curated_build):
    labels = _rows(curated_build, "SELECT ?n WHERE { ?e a kg:Platform ; rdfs:label ?n }")
    assert ("甲智算中心",) in labels and ("甲市智算中心",) not in labels
    relations = _rows(
        curated_build,
        "SELECT ?h ?r ?t WHERE { ?a kg:assertedSubject/rdfs:label ?h ; kg:assertedObject/rdfs:label ?t ;"
        " kg:assertedPredicate ?p . ?s ?p ?o . BIND(STRAFTER(STR(?p), '#') AS ?r) }",
    )
    assert ("重庆", "builds", "成都智算中心") in relations
    assert ("成都智算中心", "locatedIn", "成都") not in relations
    assert ("汽车",) not in _rows(
        curated_build, "SELECT ?n WHERE { ?e a kg:Industry ; rdfs:label ?n }"
    )
    values = _rows(
        curated_build,
        "SELECT ?v WHERE { ?o a kg:Observation ; kg:value ?v ; kg:subject/rdfs:label '成都'@zh }",
    )
    assert ("120000000000",) not in values
    assert run_kg("validate", str(curated_build)).returncode == 0


def test_curation_build_keeps_rejected_facts_queryable(curated_build):
    rejected = _rows(
        curated_build,
        "SELECT ?kind ?label ?line WHERE { ?d kg:rejects ?f ; kg:lineNumber ?line . "
        "?f kg:factKind ?kind ; rdfs:label ?label }",
    )
    assert rejected == {
        ("relation", "成都智算中心 locatedIn 成都", "3"),
        ("observation", "成都 集成电路产值 120000000000 元", "5"),
        ("entity", "汽车 (Industry)", "6"),
        ("relation", "重庆 develops 汽车", "6"),
    }
    curated = _rows(curated_build, "SELECT ?n WHERE { ?e kg:curatedBy ?d ; rdfs:label ?n }")
    assert curated == {("甲智算中心",)}
    decisions = run_query(curated_build, named_query("curation_decisions"))
    assert [row[:2] for row in decisions.rows] == [
        ("2", "rename"), ("3", "reject-relation"), ("4", "add-relation"),
        ("5", "reject-observation"), ("6", "reject-entity"),
    ]  # fmt: skip


def test_curation_stale_line_warns_and_strict_refuses(curated_corpus, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(curated_corpus, folder)
    with (folder / "curation.tsv").open("a", encoding="utf-8") as fh:
        fh.write("rename\t北京\t首都\n")
    proc = run_kg("build", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert proc.returncode == 0
    assert "warning: curation.tsv:7: rename 北京 首都 matches nothing" in proc.stderr
    strict = run_kg("build", str(folder), "-o", str(tmp_path / "strict"), "-q", "--strict")
    assert strict.returncode == 1 and "curation.tsv:7" in strict.stderr
    assert not (tmp_path / "strict" / "graph.ttl").exists()


def test_curation_malformed_file_is_an_error_naming_the_line(curated_corpus, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("merge\t成都\n", encoding="utf-8")
    proc = run_kg(
        "build", str(curated_corpus), "-o", str(tmp_path / "out"), "-q", "--curation", str(bad)
    )
    assert proc.returncode == 1
    assert "bad.tsv:1: merge needs 2 tab-separated fields" in proc.stderr


def test_curation_edit_rebuilds_to_what_a_fresh_build_gives(
    curated_corpus, curated_build, tmp_path
):
    """Editing one line and rebuilding the same folder equals a fresh build with the edited file."""
    folder = tmp_path / "corpus"
    shutil.copytree(curated_corpus, folder)
    out = tmp_path / "out"
    shutil.copytree(curated_build, out)
    edited = CURATION.replace("reject-entity\t汽车\n", "")
    (folder / "curation.tsv").write_text(edited, encoding="utf-8")
    again = run_kg("build", str(folder), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "blocks of graph.ttl kept" in again.stderr  # only what the line touched was rewritten
    fresh = run_kg("build", str(folder), "-o", str(tmp_path / "fresh"), "-q", "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    for name in ("graph.ttl", "graph.json", "relations.csv", "entities.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert ("汽车",) in _rows(out, "SELECT ?n WHERE { ?e a kg:Industry ; rdfs:label ?n }")


@pytest.mark.browser
def test_curation_map_shows_the_badge_and_lines_to_copy(curated_build, open_map):
    page, log = open_map(curated_build / "graph.html")
    page.evaluate("kgMap.selectNode(kgMap.indexOf('Platform:甲智算中心'))")
    panel = page.locator("#panel")
    assert "由人工修订" in panel.inner_text()
    assert "rename\t甲市智算中心\t甲智算中心" in panel.locator(".curated").text_content()
    lines = panel.locator(".curation-line").all_text_contents()
    assert "reject-entity\tPlatform:甲智算中心" in lines
    panel.locator(".curation-box summary").click()
    panel.locator(".curation-box input").fill("成都智算中心")
    assert (
        "merge\tPlatform:甲智算中心\t成都智算中心"
        in panel.locator(".curation-line").all_inner_texts()
    )
    assert log.errors == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("kg:operation", "one of the eight operations"),
        ("kg:lineNumber", "kg:lineNumber"),
        ("kg:factKind", "kg:factKind"),
    ],
)
def test_curation_shapes_catch_a_damaged_decision(curated_build, damage, message):
    """Both validators report a curation decision or rejected fact with a broken property."""
    import pyoxigraph as ox
    import rdflib

    from kg.validate.engine import validate_store
    from kg.validate.reference import validate as pyshacl_validate
    from kg.vocab import KG

    g = rdflib.Graph().parse(curated_build / "graph.ttl", format="turtle")
    prop = getattr(KG, damage.removeprefix("kg:"))
    subject = next(iter(g.subjects(prop, None)))
    g.remove((subject, prop, None))
    g.add((subject, prop, rdflib.Literal("bogus")))
    store = ox.Store()
    store.load(g.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    for report in (pyshacl_validate(g), validate_store(store)):
        assert not report.conforms
        assert any(message in m for _, _, m in report.violations), report.violations


@pytest.mark.slow
def test_curation_readme_example_applies_to_the_seeds_line_for_line(tmp_path):
    """docs/curation-example.tsv (the README's walk-through) still matches the seed graph: --strict
    refuses a line that matches nothing."""
    example = Path(__file__).resolve().parent.parent / "docs" / "curation-example.tsv"
    proc = run_kg(
        "build", "seeds", "-o", str(tmp_path / "out"), "--strict", "--curation", str(example)
    )
    assert proc.returncode == 0, proc.stderr
    assert "curation      5 lines applied" in proc.stderr
