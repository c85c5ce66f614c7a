"""End to end: `kg build` on seeds/, every output, and `kg query` on the result."""

from __future__ import annotations

import json

import networkx as nx
import rdflib
from conftest import ROOT, run_kg

OUTPUTS = (
    "graph.ttl",
    "graph.html",
    "graph.graphml",
    "graph.json",
    "entities.csv",
    "relations.csv",
)


def test_cli_build_writes_every_output(seed_build):
    for name in OUTPUTS:
        path = seed_build / name
        assert path.exists() and path.stat().st_size > 0, name


def test_cli_turtle_parses_back(seed_build):
    g = rdflib.Graph()
    g.parse(seed_build / "graph.ttl", format="turtle")
    kg = rdflib.Namespace("https://w3id.org/xinzhi-kg/ontology#")
    assert len(g) > 1000
    assert len(set(g.subjects(rdflib.RDF.type, kg.Place))) > 10


def test_cli_graphml_and_json_load(seed_build):
    G = nx.read_graphml(seed_build / "graph.graphml")
    assert G.number_of_nodes() > 100
    assert {d["type"] for _, d in G.nodes(data=True)} == {
        "Place",
        "Program",
        "Industry",
        "Platform",
        "Organization",
    }
    data = json.loads((seed_build / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes()


def test_cli_query_places_include_chengdu_and_chongqing(seed_build):
    proc = run_kg(
        "query",
        str(seed_build),
        "SELECT ?name WHERE { ?p a kg:Place ; rdfs:label ?name }",
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    names = {row["name"] for row in json.loads(proc.stdout)}
    assert {"成都", "重庆"} <= names


def test_cli_query_formats_and_errors(seed_build):
    csv_out = run_kg(
        "query",
        str(seed_build / "graph.ttl"),
        "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }",
        "--format",
        "csv",
    )
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines() == ["n", "5"]
    bad = run_kg("query", str(seed_build), "SELEC nothing")
    assert bad.returncode == 1 and "SPARQL syntax error" in bad.stderr
    missing = run_kg("query", str(ROOT / "no-such-build"), "ASK {}")
    assert missing.returncode == 1 and "no graph here" in missing.stderr
    usage = run_kg("query", str(seed_build))
    assert usage.returncode == 2


def test_cli_build_missing_input_is_a_clear_error(tmp_path):
    proc = run_kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "no such file or folder" in proc.stderr and "nope" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_cli_evaluate_runs_on_the_seed_graph(seed_build):
    proc = run_kg(
        "evaluate", str(seed_build), "--gold", str(ROOT / "tests" / "data" / "gold" / "seeds")
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith("entities")


def test_cli_validate_reports_conformance_with_either_engine(seed_build, tmp_path):
    for engine in ("sparql", "pyshacl"):
        proc = run_kg("validate", str(seed_build), "--engine", engine)
        assert proc.returncode == 0, proc.stderr
        assert "Conforms: True" in proc.stdout

    broken = tmp_path / "broken.ttl"
    text = (seed_build / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("a kg:Document", "a kg:Documentt", 1), encoding="utf-8")
    for engine in ("sparql", "pyshacl"):
        proc = run_kg("validate", str(broken), "--engine", engine, "--format", "json")
        assert proc.returncode == 1, engine
        report = json.loads(proc.stdout)
        assert not report["conforms"] and report["violations"], engine
        assert "SHACL violations" in proc.stderr
