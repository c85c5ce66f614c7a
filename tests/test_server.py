"""`kg serve` on loopback, driven by real clients (SPARQLWrapper, http.client, urllib)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlsplit

import psutil
import pyoxigraph as ox
import pytest
from conftest import ROOT, cell, run_kg, stop_process
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.rdf.store import build_store
from kg.sparql.query import named_query, query_names, run_query
from kg.sparql.server import GraphServer

pytestmark = pytest.mark.server

TIMEOUT = 3  # the served --timeout, seconds
PLACES = "SELECT ?p ?name WHERE { ?p a kg:Place ; rdfs:label ?name }"
#: Never finishes on the seed graph: a three-way cross product of every triple.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@contextmanager
def kg_serve(graph: Path, log: Path, *args: str):
    """Run `kg serve GRAPH --port 0 ARGS` and yield its base URL (read from its first line on stderr)."""
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", str(graph), "--port", "0", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )
    try:
        url = None
        deadline = time.monotonic() + 90
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            m = re.search(r"at (http://\S+/) ", log.read_text(encoding="utf-8", errors="replace"))
            url = m.group(1) if m else None
            time.sleep(0.1)
        assert url, f"kg serve did not start: {log.read_text(encoding='utf-8', errors='replace')}"
        yield proc, url
    finally:
        stop_process(proc)


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    """`kg serve` over the seed build: (process, base URL)."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with kg_serve(seed_build, log, "--timeout", str(TIMEOUT), "--workers", "3") as running:
        yield running


def sparql_client(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(url + "sparql", returnFormat=fmt)
    client.setQuery(query)
    client.setMethod(method)
    client.setTimeout(30)
    return client


def expected_rows(seed_build, query: str) -> list[tuple[str, ...]]:
    result = run_query(seed_build, query)
    return sorted(tuple(cell(v) for v in row) for row in result.rows)


def rows_from_json(data: dict) -> list[tuple[str, ...]]:
    cols = data["head"]["vars"]
    return sorted(
        tuple(cell(b.get(c, {}).get("value")) for c in cols) for b in data["results"]["bindings"]
    )


def rows_from_bytes(data: bytes, fmt) -> list[tuple[str, ...]]:
    res = ox.parse_query_results(data, format=fmt)
    cols = [v.value for v in res.variables]
    return sorted(tuple(cell(None if s[c] is None else s[c].value) for c in cols) for s in res)


def raw(url: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """One raw request (the path is sent exactly as given); returns (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def query_workers(pid: int) -> list[psutil.Process]:
    """The query worker processes of the server ``pid``.

    They are forked by the server's fork server (its child, beside the
    resource tracker), so they are the server's grandchildren.
    """
    return [w for child in psutil.Process(pid).children() for w in child.children()]


def test_server_listens_on_loopback_by_default(server):
    _, url = server
    assert url.startswith("http://127.0.0.1:")


def test_server_select_in_every_result_format(server, seed_build):
    _, url = server
    want = expected_rows(seed_build, PLACES)
    assert len(want) > 10
    for method in ("GET", POST):
        got_json = sparql_client(url, PLACES, JSON, method).queryAndConvert()
        assert rows_from_json(got_json) == want

        xml = sparql_client(url, PLACES, XML, method).query()
        assert xml.info()["content-type"].startswith("application/sparql-results+xml")
        assert rows_from_bytes(xml.response.read(), ox.QueryResultsFormat.XML) == want

        got_csv = sparql_client(url, PLACES, CSV, method).queryAndConvert()
        lines = list(csv.reader(io.StringIO(got_csv.decode("utf-8"))))
        assert (
            lines[0] == ["p", "name"] and sorted(tuple(map(cell, row)) for row in lines[1:]) == want
        )

        got_tsv = sparql_client(url, PLACES, TSV, method).queryAndConvert()
        assert rows_from_bytes(got_tsv, ox.QueryResultsFormat.TSV) == want


def test_server_post_sparql_query_body(server, seed_build):
    _, url = server
    status, headers, body = raw(
        url,
        "POST",
        "/sparql",
        PLACES.encode("utf-8"),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert sorted(
        tuple(map(cell, row)) for row in list(csv.reader(io.StringIO(body.decode())))[1:]
    ) == expected_rows(seed_build, PLACES)


def test_server_ask(server):
    _, url = server
    assert sparql_client(url, "ASK { ?d a kg:Document }", JSON).queryAndConvert() == {
        "head": {},
        "boolean": True,
    }
    xml = sparql_client(url, "ASK { ?d a kg:NoSuchClass }", XML).queryAndConvert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_server_construct_as_turtle_ntriples_and_jsonld(server, seed_build):
    _, url = server
    query = (
        "CONSTRUCT { ?p rdfs:label ?n ; a kg:Industry } WHERE { ?p a kg:Industry ; rdfs:label ?n }"
    )
    want = {tuple(row) for row in run_query(seed_build, query).rows}
    assert len(want) > 10

    turtle = sparql_client(url, query, TURTLE).queryAndConvert()
    got = {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    }
    assert got == want

    status, headers, body = raw(
        url, "GET", "/sparql?query=" + quote(query), headers={"Accept": "application/n-triples"}
    )
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    got = {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
    }
    assert got == want

    graph = sparql_client(
        url, query, JSONLD
    ).queryAndConvert()  # an rdflib graph, parsed from JSON-LD
    assert {(str(s), str(p), str(o)) for s, p, o in graph} == want


def test_server_malformed_query_is_400_with_the_parser_message(server):
    _, url = server
    with pytest.raises(QueryBadFormed) as info:
        sparql_client(url, "SELECT ?x WHERE { ?x a kg:Place", JSON).query()
    assert "SPARQL syntax error" in str(info.value) and "error at 1:" in str(info.value)


def test_server_refuses_updates(server):
    _, url = server
    client = sparql_client(
        url, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", JSON, POST
    )  # sends update=…
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403 and b"read-only" in info.value.read()
    status, _, body = raw(url, "GET", "/sparql?query=" + quote("PREFIX ex: <urn:x:> CLEAR ALL"))
    assert status == 403 and b"read-only" in body
    status, _, body = raw(
        url,
        "POST",
        "/sparql",
        b"DELETE WHERE { ?s ?p ?o }",
        {"Content-Type": "application/sparql-update"},
    )
    assert status == 403 and b"read-only" in body
    assert sparql_client(url, "ASK { <urn:x:a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


def test_server_answers_equal_kg_query(server, seed_build):
    _, url = server
    inline = {
        "places": PLACES,
        "industries per place": "SELECT ?place (COUNT(?i) AS ?n) WHERE { ?place kg:develops ?i } GROUP BY ?place",
        "ask": 'ASK { ?p a kg:Place ; rdfs:label "成都"@zh }',
    }
    for name, query in inline.items():  # through the `kg query` command itself
        cli = run_kg("query", str(seed_build), query, "--format", "json")
        assert cli.returncode == 0, (name, cli.stderr)
        data = json.loads(cli.stdout)
        if isinstance(data, dict):
            assert (
                sparql_client(url, query, JSON).queryAndConvert()["boolean"] == data["boolean"]
            ), name
            continue
        got = sparql_client(url, query, JSON).queryAndConvert()
        cols = got["head"]["vars"]
        assert rows_from_json(got) == sorted(
            tuple(cell(row.get(c)) for c in cols) for row in data
        ), name
    for name in query_names():  # through run_query, the function behind `kg query`
        query = named_query(name)
        local = run_query(seed_build, query)
        if local.boolean is not None:
            assert sparql_client(url, query, JSON).queryAndConvert()["boolean"] == local.boolean, (
                name
            )
        else:
            assert rows_from_json(
                sparql_client(url, query, JSON).queryAndConvert()
            ) == expected_rows(seed_build, query), name


def test_server_html_map_and_turtle(server, seed_build):
    _, url = server
    status, headers, body = raw(url, "GET", "/")
    assert (
        status == 200
        and headers["Content-Type"].startswith("text/html")
        and b"<html" in body.lower()
    )
    assert body == (seed_build / "graph.html").read_bytes()
    status, headers, body = raw(url, "GET", "/graph.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert body == (seed_build / "graph.ttl").read_bytes()


def test_server_cors_and_preflight(server):
    _, url = server
    status, headers, _ = raw(
        url,
        "OPTIONS",
        "/sparql",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 204
    assert (
        headers["Access-Control-Allow-Origin"] == "*"
        and "POST" in headers["Access-Control-Allow-Methods"]
    )
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    status, headers, _ = raw(
        url, "GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://example.org"}
    )
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_server_body_over_1mb_is_413(server):
    _, url = server
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (1 << 20)
    status, _headers, body = raw(
        url, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 413 and b"limit" in body
    assert raw(url, "GET", "/sparql?query=ASK%7B%7D")[0] == 200  # and the server carries on


@pytest.mark.parametrize(
    "path",
    [
        "/../graph.ttl",
        "/..%2fgraph.ttl",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd",
        "/../../../../etc/passwd",
        "/store/CURRENT",
        "/store",
        "/.hidden",
        "//etc/passwd",
    ],
)
def test_server_paths_outside_the_folder_are_404(server, path):
    _, url = server
    status, _, body = raw(url, "GET", path)
    assert status == 404, (path, body[:200])


def test_server_slow_query_times_out_while_others_are_served(server):
    _, url = server
    outcome = {}

    def slow():
        started = time.monotonic()
        try:
            sparql_client(url, SLOW, JSON).query()
            outcome["status"] = 200
        except urllib.error.HTTPError as exc:
            outcome["status"], outcome["body"] = exc.code, exc.read().decode()
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    quick = []
    for _ in range(5):  # while the slow one runs
        started = time.monotonic()
        assert (
            sparql_client(url, "ASK { ?d a kg:Document }", JSON).queryAndConvert()["boolean"]
            is True
        )
        quick.append(time.monotonic() - started)
    thread.join(timeout=TIMEOUT + 30)
    assert outcome["status"] == 503 and "limit" in outcome["body"], outcome
    assert TIMEOUT - 0.5 <= outcome["seconds"] < TIMEOUT + 5
    assert max(quick) < 1.5, quick
    # the stopped worker is replaced: the server still answers, and still with every worker
    deadline = time.monotonic() + 20
    while len(query_workers(server[0].pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(query_workers(server[0].pid)) == 3


def test_server_service_calls_are_refused(server):
    _, url = server
    with pytest.raises(QueryBadFormed, match="SERVICE"):
        sparql_client(
            url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", JSON
        ).query()


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "on-disk"])
def test_server_reloads_a_rebuilt_graph_and_hides_other_files(tmp_path, in_memory):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text(
        '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "一" .', encoding="utf-8"
    )
    build_store(out / "graph.ttl", out / "store")
    (out / "leak.txt").symlink_to("/etc/hostname")
    with GraphServer(out, port=0, timeout=5, workers=1, in_memory=in_memory) as srv:
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        try:
            label = "SELECT ?n WHERE { ?s rdfs:label ?n }"
            assert rows_from_json(sparql_client(srv.url, label, JSON).queryAndConvert()) == [
                ("一",)
            ]
            assert raw(srv.url, "GET", "/leak.txt")[0] == 404  # a symlink out of the folder
            assert raw(srv.url, "GET", "/")[0] == 404  # no graph.html in this folder
            (out / "graph.ttl").write_text(
                '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "二" .', encoding="utf-8"
            )
            build_store(out / "graph.ttl", out / "store")
            rows, deadline = None, time.monotonic() + 15
            while rows != [("二",)] and time.monotonic() < deadline:
                time.sleep(0.3)
                rows = rows_from_json(sparql_client(srv.url, label, JSON).queryAndConvert())
            assert rows == [("二",)]
        finally:
            srv.shutdown()
            thread.join(timeout=10)


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "on-disk"])
def test_server_serves_a_bare_turtle_file_and_nothing_beside_it(tmp_path, in_memory):
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(
        '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "三"@zh .', encoding="utf-8"
    )
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    with GraphServer(ttl, port=0, timeout=5, workers=1, in_memory=in_memory) as srv:
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        try:
            got = sparql_client(
                srv.url, "SELECT ?n WHERE { ?s rdfs:label ?n }", JSON
            ).queryAndConvert()
            assert rows_from_json(got) == [("三",)]
            assert raw(srv.url, "GET", "/graph.ttl")[2] == ttl.read_bytes()
            assert raw(srv.url, "GET", "/secret.txt")[0] == 404
            assert raw(srv.url, "GET", "/mine.ttl")[0] == 404
        finally:
            srv.shutdown()
            thread.join(timeout=10)
    assert not (tmp_path / "store").exists()


# --------------------------------------------------------------------------
# load (issue #8): 20 clients for ~30 s

LOAD_SECONDS = min(30.0, float(os.environ.get("KG_LOAD_SECONDS", "28")))
LOAD_CLIENTS = 20
LOAD_MAX_REQUESTS = 50_000


def test_server_load_20_clients(server, seed_build):
    proc, url = server
    mix = {
        "places json": (PLACES, JSON),
        "places csv": (PLACES, CSV),
        "develops per place": (
            "SELECT ?place (COUNT(?i) AS ?n) WHERE { ?place kg:develops ?i } GROUP BY ?place",
            JSON,
        ),
        "one entity": ('SELECT ?p ?o WHERE { ?e rdfs:label "成都"@zh ; ?p ?o }', JSON),
        "ask": ("ASK { ?d a kg:Document }", JSON),
        "observation count": ("SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Observation }", TSV),
    }
    expected = {}
    for name, (query, _) in mix.items():
        result = run_query(seed_build, query)
        expected[name] = (
            result.boolean
            if result.boolean is not None
            else sorted(tuple(cell(v) for v in row) for row in result.rows)
        )

    def check(name: str, query: str, fmt) -> None:
        got = sparql_client(url, query, fmt).queryAndConvert()
        if fmt == CSV:
            got = sorted(
                tuple(map(cell, row))
                for row in list(csv.reader(io.StringIO(got.decode("utf-8"))))[1:]
            )
        elif fmt == TSV:
            got = rows_from_bytes(got, ox.QueryResultsFormat.TSV)
        elif "boolean" in got:
            got = got["boolean"]
        else:
            got = rows_from_json(got)
        assert got == expected[name], name

    server_proc = psutil.Process(proc.pid)

    def rss() -> int:
        procs = [server_proc, *server_proc.children(recursive=True)]
        total = 0
        for p in procs:
            with suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        return total

    names = list(mix)
    counts = [0] * LOAD_CLIENTS
    errors: list[str] = []
    stop = threading.Event()
    lock = threading.Lock()
    total = [0]

    def client(i: int) -> None:
        n = i
        while not stop.is_set():
            with lock:
                if total[0] >= LOAD_MAX_REQUESTS:
                    return
                total[0] += 1
            name = names[n % len(names)]
            n += 1
            try:
                check(name, *mix[name])
                counts[i] += 1
            except Exception as exc:
                errors.append(f"{name}: {type(exc).__name__}: {exc}"[:300])

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(LOAD_CLIENTS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    samples = []
    while time.monotonic() - started < LOAD_SECONDS and any(t.is_alive() for t in threads):
        time.sleep(1)
        samples.append(rss())
    stop.set()
    for t in threads:
        t.join(timeout=30)
    seconds = time.monotonic() - started
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors[:5]
    done = sum(counts)
    assert done >= 200 and all(counts), counts
    warm = samples[min(4, len(samples) - 1)]  # after start-up allocations
    print(
        f"\nload: {done} requests from {LOAD_CLIENTS} clients in {seconds:.1f} s ({done / seconds:.0f}/s); "
        f"RSS {warm / 2**20:.0f} MiB after warm-up, {samples[-1] / 2**20:.0f} MiB at the end, max {max(samples) / 2**20:.0f} MiB"
    )
    assert samples[-1] <= warm * 1.25 + 30 * 2**20, [s // 2**20 for s in samples]


# --------------------------------------------------------------------------
# runaway queries (issue #18): the timeout counts from when a worker takes a query

RUNAWAY_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def strict_server(seed_build, tmp_path_factory):
    """`kg serve --timeout 2` over the seed build with two workers: (process, base URL)."""
    log = tmp_path_factory.mktemp("serve-strict") / "serve.log"
    with kg_serve(seed_build, log, "--timeout", str(RUNAWAY_TIMEOUT), "--workers", "2") as running:
        yield running


def timed_get(url: str, query: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    status, _, body = raw(url, "GET", "/sparql?query=" + quote(query))
    return status, body, time.monotonic() - started


def test_server_queued_queries_keep_their_whole_timeout(strict_server):
    _, url = strict_server
    outcomes: dict[str, tuple[int, bytes, float]] = {}

    def send(name: str, query: str) -> threading.Thread:
        thread = threading.Thread(target=lambda: outcomes.__setitem__(name, timed_get(url, query)))
        thread.start()
        return thread

    threads = [send("runaway 1", SLOW), send("runaway 2", SLOW)]  # both workers taken
    time.sleep(0.5)
    threads += [send("cheap, queued", "ASK { ?d a kg:Document }"), send("runaway 3, queued", SLOW)]
    time.sleep(0.3)
    # a malformed query is refused at once, without waiting for a worker
    status, body, seconds = timed_get(url, "SELECT ?x WHERE { ?x a kg:Place")
    assert status == 400 and b"SPARQL syntax error" in body and seconds < 1.0, (status, seconds)
    for thread in threads:
        thread.join(timeout=60)
    for name in ("runaway 1", "runaway 2"):
        status, body, seconds = outcomes[name]
        assert status == 503 and b"limit" in body, (name, status, body)
        assert RUNAWAY_TIMEOUT - 0.2 <= seconds < RUNAWAY_TIMEOUT + 3, (name, seconds)
    status, body, seconds = outcomes["cheap, queued"]
    assert status == 200 and seconds > 1.0, (status, body, seconds)  # it waited, then was answered
    status, body, seconds = outcomes["runaway 3, queued"]
    assert status == 503 and b"limit" in body, (status, body)
    assert seconds >= 2 * RUNAWAY_TIMEOUT - 0.5, seconds  # it waited for a worker, then ran 2 s


RUNAWAY_LOAD_SECONDS = min(30.0, float(os.environ.get("KG_RUNAWAY_LOAD_SECONDS", "10")))


def test_server_load_with_runaway_and_malformed_queries(strict_server):
    """20 clients; 3 % runaway queries (a three-way cross join), 3 % malformed ones."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_serve import run_load

    _, url = strict_server
    report = run_load(url, clients=20, seconds=RUNAWAY_LOAD_SECONDS, runaway=0.03, malformed=0.03)
    summary = report.summary()
    print(f"\nload with runaway queries: {json.dumps(summary)}")
    assert report.count("cheap") >= 100, summary
    assert report.share("cheap", 200) >= 0.99, summary
    assert report.count("malformed") > 0 and report.share("malformed", 400) == 1.0, summary
    assert max(report.latencies["malformed"]) < RUNAWAY_TIMEOUT, summary  # no worker wait
    assert report.count("runaway") > 0 and report.share("runaway", 503) == 1.0, summary
    assert min(report.latencies["runaway"]) >= RUNAWAY_TIMEOUT - 0.2, summary


def test_server_a_worker_killed_mid_query_is_500_and_replaced(strict_server):
    proc, url = strict_server
    outcome: dict[str, tuple[int, bytes, float]] = {}
    thread = threading.Thread(target=lambda: outcome.__setitem__("slow", timed_get(url, SLOW)))
    thread.start()
    busy, deadline = None, time.monotonic() + 10
    while busy is None and time.monotonic() < deadline:
        # The worker running it is the one using CPU; compare workers rather than use a fixed
        # share, which a loaded machine may never give it.
        time.sleep(0.3)
        usage = []
        for w in query_workers(proc.pid):
            with suppress(psutil.NoSuchProcess):
                usage.append((w.cpu_percent(interval=0.3), w.pid, w))
        if usage and max(usage)[0] > 5:
            busy = max(usage)[2]
    assert busy is not None, "no worker took the slow query"
    busy.kill()  # as the out-of-memory killer would
    thread.join(timeout=30)
    status, body, _ = outcome["slow"]
    assert status == 500 and b"stopped unexpectedly" in body, (status, body)
    assert timed_get(url, "ASK { ?d a kg:Document }")[0] == 200
    deadline = time.monotonic() + 20
    while len(query_workers(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(query_workers(proc.pid)) == 2
