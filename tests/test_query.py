"""The embedded store: written by `kg build`, read by `kg query`, replaced atomically."""

from __future__ import annotations

import json
import shutil
import threading

import pyoxigraph as ox
import pytest
from conftest import cell, run_kg

from kg.errors import GraphFileError, QueryError
from kg.rdf.store import build_store, iter_triples, locate_graph, open_store
from kg.sparql.query import named_query, query_names, run_query

#: Questions whose answers must not depend on where the graph is read from.
QUESTIONS = {
    "places": "SELECT ?p ?name WHERE { ?p a kg:Place ; rdfs:label ?name }",
    "relations by type": """SELECT ?rel (COUNT(*) AS ?n) WHERE {
        ?a ?rel ?b . FILTER(STRSTARTS(STR(?rel), STR(kg:)) && isIRI(?b))
        ?a a ?t . FILTER(?t IN (kg:Place, kg:Program, kg:Industry, kg:Platform, kg:Organization))
    } GROUP BY ?rel""",
    "observations": "SELECT ?s ?v ?u WHERE { ?o a kg:Observation ; kg:subject ?s ; kg:value ?v ; kg:unit ?u }",
    "documents": "ASK { ?d a kg:Document ; kg:sha256 ?h }",
    "construct labels": "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a kg:Industry ; rdfs:label ?n }",
}


def named_questions() -> dict[str, str]:
    return {f"queries/{name}.rq": named_query(name) for name in query_names()}


def canonical(result) -> tuple:
    rows = sorted(tuple(cell(v) for v in row) for row in result.rows)
    return result.columns, tuple(rows), result.boolean


def write_ttl(path, *labels: str):
    path.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "".join(
            f'<https://w3id.org/xinzhi-kg/id/place/p{i}> rdfs:label "{name}"@zh .\n'
            for i, name in enumerate(labels)
        ),
        encoding="utf-8",
    )
    return path


def labels_in(store) -> set[str]:
    return {
        s["n"].value
        for s in store.query(
            "SELECT ?n WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?n }"
        )
    }


def test_query_build_writes_a_store_with_the_turtle_triples(seed_build):
    src = locate_graph(seed_build)
    assert src.store == seed_build / "store" and src.turtle == seed_build / "graph.ttl"
    on_disk = open_store(seed_build)
    in_memory = open_store(seed_build / "graph.ttl")
    assert len(on_disk) == len(in_memory) > 1000
    # both stores hold literals in canonical form (graph.ttl may write 11800.0 for "11800"^^xsd:decimal)
    assert {str(q.triple) for q in on_disk} == {str(q.triple) for q in in_memory}
    assert sum(1 for _ in iter_triples(seed_build)) == sum(
        1 for _ in iter_triples(seed_build / "graph.ttl")
    )


def test_query_answers_from_store_and_turtle_agree(seed_build):
    questions = {**QUESTIONS, **named_questions()}
    for name, sparql in questions.items():
        from_store = run_query(seed_build, sparql)
        from_turtle = run_query(seed_build / "graph.ttl", sparql)
        assert canonical(from_store) == canonical(from_turtle), name
    assert run_query(seed_build, QUESTIONS["documents"]).boolean is True
    assert len(run_query(seed_build, QUESTIONS["places"]).rows) > 10


def test_query_cli_reads_the_store_when_the_turtle_is_gone(seed_build, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copytree(seed_build / "store", out / "store")
    proc = run_kg("query", str(out), QUESTIONS["places"], "--format", "json")
    assert proc.returncode == 0, proc.stderr
    names = {row["name"] for row in json.loads(proc.stdout)}
    assert names == {
        row[1] for row in run_query(seed_build / "graph.ttl", QUESTIONS["places"]).rows
    }


def test_query_readers_share_the_store(seed_build):
    readers = [open_store(seed_build) for _ in range(3)]  # read-only: no lock conflict
    counts, errors = [], []

    def ask(store):
        try:
            counts.append(sum(1 for _ in store.query("SELECT ?s WHERE { ?s ?p ?o }")))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(s,)) for s in readers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(set(counts)) == 1 and counts[0] == len(readers[0])


def test_query_build_store_replaces_atomically(tmp_path):
    target = tmp_path / "out" / "store"
    build_store(write_ttl(tmp_path / "a.ttl", "成都", "重庆"), target)
    old_reader = open_store(target)
    build_store(write_ttl(tmp_path / "b.ttl", "合肥"), target)
    assert labels_in(old_reader) == {"成都", "重庆"}  # an open reader keeps its snapshot
    assert labels_in(open_store(target)) == {"合肥"}
    assert [p.name for p in target.parent.iterdir()] == ["store"]  # no temporary folders left


def test_query_build_store_keeps_the_old_store_on_bad_turtle(tmp_path):
    target = tmp_path / "store"
    build_store(write_ttl(tmp_path / "a.ttl", "成都"), target)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x/a> <http://x/p> .", encoding="utf-8")
    with pytest.raises(GraphFileError, match="not valid Turtle"):
        build_store(bad, target)
    assert labels_in(open_store(target)) == {"成都"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "bad.ttl", "store"]


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("SELEC ?x", "SPARQL syntax error"),
        ("SELECT ?x WHERE { ?x a kg:Place", "SPARQL syntax error"),
    ],
)
def test_query_errors_name_the_problem(seed_build, sparql, message):
    with pytest.raises(QueryError, match=message):
        run_query(seed_build, sparql)


def test_query_missing_graph_is_a_clear_error(tmp_path):
    with pytest.raises(GraphFileError, match="no graph here"):
        run_query(tmp_path, "ASK {}")
    with pytest.raises(GraphFileError, match="no graph here"):
        open_store(tmp_path / "nope")


def test_query_turtle_file_is_loaded_in_memory(tmp_path):
    ttl = write_ttl(tmp_path / "g.ttl", "成都", "重庆")
    store = open_store(ttl)
    assert isinstance(store, ox.Store) and labels_in(store) == {"成都", "重庆"}
    assert not (tmp_path / "store").exists()


def test_query_cli_w3c_result_formats(seed_build):
    sparql = QUESTIONS["places"]
    want = canonical(run_query(seed_build, sparql))
    for fmt, results_format in (
        ("srj", ox.QueryResultsFormat.JSON),
        ("srx", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ):
        proc = run_kg("query", str(seed_build), sparql, "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        parsed = ox.parse_query_results(proc.stdout.encode("utf-8"), format=results_format)
        cols = tuple(v.value for v in parsed.variables)
        rows = sorted(tuple(cell(s[c].value) for c in cols) for s in parsed)
        assert (cols, tuple(rows), None) == want, fmt
    srj = json.loads(
        run_kg("query", str(seed_build), QUESTIONS["documents"], "--format", "srj").stdout
    )
    assert srj == {"head": {}, "boolean": True}
    graph = run_kg("query", str(seed_build), QUESTIONS["construct labels"], "--format", "srj")
    assert graph.returncode == 1 and "--format table, csv or json" in graph.stderr
