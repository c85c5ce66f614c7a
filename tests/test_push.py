"""`kg push` into a real Oxigraph server (the `oxigraph` console script), on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import cell, run_kg, stop_process
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.sparql.push import PushError, push_graph
from kg.sparql.query import named_query, query_names, run_query
from kg.vocab import PREFIXES

pytestmark = pytest.mark.server

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
GRAPH = "https://w3id.org/xinzhi-kg/graph/seed"
QUESTIONS = {
    "places": "SELECT ?p ?name WHERE { ?p a kg:Place ; rdfs:label ?name }",
    "observations": "SELECT ?s ?v ?u WHERE { ?o a kg:Observation ; kg:subject ?s ; kg:value ?v ; kg:unit ?u }",
    "relations": "SELECT ?a ?rel ?b WHERE { ?x a kg:RelationAssertion ; kg:assertedSubject ?a ; "
    "kg:assertedPredicate ?rel ; kg:assertedObject ?b }",
}
#: Oxigraph knows none of our prefixes (one per line: SPARQLWrapper strips "#…" to the line end).
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path):
    """`oxigraph serve` on a free loopback port; yields its base URL once it answers."""
    for _attempt in range(3):  # the port may be taken between free_port() and the bind
        port = free_port()
        proc = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        up = False
        while not up and proc.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2):
                    up = True
            except OSError:
                time.sleep(0.1)
        if up:
            break
        proc.kill()
        proc.wait(timeout=10)
    else:
        pytest.fail("oxigraph serve did not start")
    try:
        yield url
    finally:
        stop_process(proc)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    if not Path(OXIGRAPH).exists():
        pytest.fail(
            "the `oxigraph` console script is missing; `pip install -e '.[test]'` installs it"
        )
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db") as url:
        yield url


def remote(url: str, query: str, graph: str | None = None):
    client = SPARQLWrapper(url + "/query", returnFormat=JSON)
    client.setQuery(PROLOGUE + query)
    client.setTimeout(60)
    if graph:
        client.addDefaultGraph(graph)
    return client.queryAndConvert()


def remote_rows(url: str, query: str, graph: str | None = None) -> list[tuple[str, ...]]:
    data = remote(url, query, graph)
    cols = data["head"]["vars"]
    return sorted(
        tuple(cell(b.get(c, {}).get("value")) for c in cols) for b in data["results"]["bindings"]
    )


def local_rows(graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(cell(v) for v in row) for row in run_query(graph, query).rows)


def count(url: str, graph: str | None = None) -> int:
    data = remote(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
    return int(data["results"]["bindings"][0]["n"]["value"])


def test_push_into_oxigraph_answers_like_the_local_store(oxigraph, seed_build):
    proc = run_kg(
        "push", str(seed_build), "--endpoint", oxigraph + "/store", "--batch-size", "4000"
    )
    assert proc.returncode == 0, proc.stderr
    total = len(run_query(seed_build, "SELECT * WHERE { ?s ?p ?o }").rows)
    assert f"pushed {total} triples" in proc.stderr and "batch 2:" in proc.stderr
    assert count(oxigraph) == total
    questions = {
        **QUESTIONS,
        **{name: named_query(name) for name in query_names()},
    }
    for name, query in questions.items():
        local = run_query(seed_build, query)
        if local.boolean is not None:
            assert remote(oxigraph, query)["boolean"] == local.boolean, name
        else:
            assert remote_rows(oxigraph, query) == local_rows(seed_build, query), name


def test_push_replace_into_a_named_graph(oxigraph, seed_build, tmp_path):
    stale = tmp_path / "stale.ttl"
    stale.write_text(
        '<urn:x:old> <http://www.w3.org/2000/01/rdf-schema#label> "旧" .\n', encoding="utf-8"
    )
    push_graph(stale, oxigraph + "/store", graph_iri=GRAPH)
    assert count(oxigraph, GRAPH) == 1
    result = push_graph(
        seed_build, oxigraph + "/store", graph_iri=GRAPH, replace=True, batch_size=7000
    )
    assert (
        result.batches >= 2 and count(oxigraph, GRAPH) == result.triples
    )  # the stale triple is gone
    assert remote_rows(oxigraph, QUESTIONS["places"], GRAPH) == local_rows(
        seed_build, QUESTIONS["places"]
    )
    again = push_graph(seed_build, oxigraph + "/store", graph_iri=GRAPH, replace=True)
    assert count(oxigraph, GRAPH) == again.triples == result.triples


def test_push_keeps_blank_nodes_together(oxigraph, tmp_path):
    ttl = tmp_path / "bnodes.ttl"
    ttl.write_text(
        "@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .\n"
        "<urn:x:a> kg:value 1 .\n<urn:x:b> kg:value 2 .\n"
        '[] a kg:Observation ; kg:subject <urn:x:a> ; kg:value 3 ; kg:unit "个" .\n',
        encoding="utf-8",
    )
    graph = "urn:x:bnodes"
    result = push_graph(ttl, oxigraph + "/store", graph_iri=graph, batch_size=1)
    assert (
        result.triples == 6 and result.batches == 3
    )  # two single triples, then the blank node's four
    data = remote(
        oxigraph,
        'ASK { ?o a kg:Observation ; kg:subject <urn:x:a> ; kg:value 3 ; kg:unit "个" }',
        graph,
    )
    assert data["boolean"] is True


def test_push_refused_batch_is_a_clear_error(oxigraph, seed_build):
    proc = run_kg("push", str(seed_build), "--endpoint", oxigraph + "/no-such-endpoint")
    assert proc.returncode == 1
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("error: ") and "refused batch 1" in line and "HTTP 404" in line, (
        proc.stderr
    )


def test_push_bad_graph_iri_is_refused_with_the_servers_reason(oxigraph, tmp_path):
    ttl = tmp_path / "one.ttl"
    ttl.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n", encoding="utf-8")
    with pytest.raises(PushError, match=r"HTTP 400 .*: \S+"):
        push_graph(ttl, oxigraph + "/store", graph_iri="not an iri")


def test_push_unreachable_server_is_a_clear_error(seed_build):
    port = free_port()  # nothing listens here
    proc = run_kg(
        "push", str(seed_build), "--endpoint", f"http://127.0.0.1:{port}/store", "--timeout", "5"
    )
    assert proc.returncode == 1
    assert "cannot reach the server" in proc.stderr and f"127.0.0.1:{port}" in proc.stderr, (
        proc.stderr
    )


def test_push_hides_the_password_in_errors(seed_build):
    port = free_port()
    with pytest.raises(PushError) as info:
        push_graph(seed_build, f"http://admin:s3cret@127.0.0.1:{port}/store", timeout=5)
    assert "s3cret" not in str(info.value) and "admin:***@" in str(info.value)
