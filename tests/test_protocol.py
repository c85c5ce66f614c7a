"""SPARQL 1.1 Protocol behaviour of `kg serve`: what the W3C protocol suite checks, on a small graph.

The requests below are the read-only tests of the W3C suite (w3c/rdf-tests,
sparql/sparql11/protocol) in the form they take against an endpoint whose
dataset is fixed, plus the relative-IRI (base IRI) case; the parsing rules
are also tested as pure functions, without a server.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import pytest

from kg.sparql.protocol import HttpError, parse_sparql_request
from kg.sparql.server import GraphServer

pytestmark = pytest.mark.server

ABSENT = "urn:x-test:absent-graph"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`kg serve` (in this process, one worker) over a three-triple Turtle file: its base URL."""
    ttl = tmp_path_factory.mktemp("protocol") / "g.ttl"
    ttl.write_text(
        '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh .\n'
        "<urn:x:a> <urn:x:p> <urn:x:b> .\n"
        '<urn:x:b> <http://www.w3.org/2000/01/rdf-schema#label> "乙"@zh .\n',
        encoding="utf-8",
    )
    with GraphServer(ttl, port=0, timeout=5, workers=1) as srv:
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        yield srv.url
        srv.shutdown()
        thread.join(timeout=10)


def request(
    url: str, method: str, path: str, headers: dict | None = None, body: bytes | None = None
):
    """One exchange with exactly these headers: ``(status, content type, body)``."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip()
        return resp.status, ctype, resp.read()
    finally:
        conn.close()


def boolean(ctype: str, body: bytes) -> bool:
    """The value of a SPARQL boolean result, in JSON or XML."""
    if ctype == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    assert ctype == "application/sparql-results+xml", ctype
    return ET.fromstring(body).find(f"{SRX}boolean").text == "true"


def q(text: str) -> str:
    return quote(text, safe="")


#: (name, method, path, headers, body, expected boolean) for ASK requests that must succeed.
ASKS = [
    (
        "query_get",
        "GET",
        f"/sparql?query={q('ASK {}')}&default-graph-uri={q(ABSENT)}",
        {},
        None,
        True,
    ),
    (
        "query_post_form",
        "POST",
        f"/sparql?default-graph-uri={q(ABSENT)}",
        FORM,
        "query=ASK%20%7B%7D",
        True,
    ),
    ("query_post_direct", "POST", "/sparql", DIRECT, "ASK {}", True),
    ("own data", "GET", f"/sparql?query={q('ASK { ?s ?p ?o }')}", {}, None, True),
    (
        "default-graph-uri, GET",
        "GET",
        f"/sparql?query={q('ASK { ?s ?p ?o }')}&default-graph-uri={q(ABSENT)}&default-graph-uri={q(ABSENT + '2')}",
        {},
        None,
        False,
    ),
    (
        "default-graph-uri, POST",
        "POST",
        f"/sparql?default-graph-uri={q(ABSENT)}",
        DIRECT,
        "ASK { ?s ?p ?o }",
        False,
    ),
    (
        "named-graph-uri, GET",
        "GET",
        f"/sparql?query={q('ASK { GRAPH ?g { ?s ?p ?o } }')}&named-graph-uri={q(ABSENT)}",
        {},
        None,
        False,
    ),
    (
        "named-graph-uri, POST",
        "POST",
        f"/sparql?named-graph-uri={q(ABSENT)}",
        DIRECT,
        "ASK { GRAPH ?g { ?s ?p ?o } }",
        False,
    ),
    (
        "full dataset",
        "POST",
        f"/sparql?default-graph-uri={q(ABSENT)}&named-graph-uri={q(ABSENT + '2')}",
        DIRECT,
        "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        False,
    ),
    (
        "form dataset fields",
        "POST",
        "/sparql",
        FORM,
        f"query={q('ASK { ?s ?p ?o }')}&default-graph-uri={q(ABSENT)}",
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "method", "path", "headers", "body", "want"), ASKS, ids=[a[0] for a in ASKS]
)
def test_protocol_ask_requests(endpoint, name, method, path, headers, body, want):
    status, ctype, data = request(endpoint, method, path, headers, body.encode() if body else None)
    assert status == 200, (name, data)
    assert boolean(ctype, data) is want, name


#: (name, method, path, headers, body, expected status) for requests the protocol says to refuse.
REFUSED = [
    ("bad_query_method", "PUT", f"/sparql?query={q('ASK {}')}", FORM, "", 405),
    (
        "bad_multiple_queries",
        "GET",
        f"/sparql?query={q('ASK {}')}&query={q('SELECT * {}')}",
        {},
        None,
        400,
    ),
    (
        "bad_query_wrong_media_type",
        "POST",
        "/sparql",
        {"Content-Type": "text/plain"},
        "ASK {}",
        415,
    ),
    ("bad_query_missing_form_type", "POST", "/sparql", {}, "query=ASK%20%7B%7D", 415),
    ("bad_query_missing_direct_type", "POST", "/sparql", {}, "ASK {}", 415),
    ("bad_query_syntax", "GET", f"/sparql?query={q('ASK {')}", {}, None, 400),
    ("bad_update_get", "GET", f"/sparql?update={q('CLEAR ALL')}", {}, None, 403),
    (
        "bad_multiple_updates",
        "POST",
        "/sparql",
        FORM,
        "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        403,
    ),
    (
        "bad_update_wrong_media_type",
        "POST",
        "/sparql",
        {"Content-Type": "text/plain"},
        "CLEAR NAMED",
        415,
    ),
    ("bad_update_missing_form_type", "POST", "/sparql", {}, "update=CLEAR%20NAMED", 415),
    ("bad_update_syntax", "POST", "/sparql", FORM, "update=CLEAR%20XYZ", 403),
    (
        "update_post_direct",
        "POST",
        "/sparql",
        {"Content-Type": "application/sparql-update"},
        "CLEAR ALL",
        403,
    ),
    ("update as a query", "POST", "/sparql", DIRECT, "INSERT DATA { <urn:x:c> <urn:x:p> 1 }", 403),
]


@pytest.mark.parametrize(
    ("name", "method", "path", "headers", "body", "want"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_protocol_refusals(endpoint, name, method, path, headers, body, want):
    status, ctype, data = request(
        endpoint, method, path, headers, body.encode() if body is not None else None
    )
    assert status == want, (name, data)
    assert ctype == "text/plain" and data.strip(), name


def test_protocol_non_utf8_query_is_400(endpoint):
    body = "ASK {}".encode("utf-16")  # with a BOM, as the W3C test sends it
    headers = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    assert request(endpoint, "POST", "/sparql", headers, body)[0] == 400
    assert request(endpoint, "POST", "/sparql", DIRECT, b"ASK { ?s ?p '\xff' }")[0] == 400


def test_protocol_relative_iris_resolve_against_the_endpoint(endpoint):
    """The failing W3C test: `CONSTRUCT { <s> <p> 1 } WHERE {}` posted as application/sparql-query."""
    status, ctype, data = request(
        endpoint, "POST", "/sparql", DIRECT, b"CONSTRUCT { <s> <p> 1 } WHERE {}"
    )
    assert status == 200 and ctype == "text/turtle", data
    (triple,) = ox.parse(data, format=ox.RdfFormat.TURTLE)
    base = endpoint + "sparql"
    assert triple.subject == ox.NamedNode(urlsplit(base)._replace(path="/s").geturl())
    assert triple.predicate.value == endpoint + "p" and triple.object.value == "1"
    # a relative IRI in a SELECT resolves too, and a BASE in the query wins
    for query, want in (
        ("SELECT ?x WHERE { BIND(<rel> AS ?x) }", endpoint + "rel"),
        (
            "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<rel> AS ?x) }",
            "http://example.org/a/rel",
        ),
    ):
        status, _, data = request(endpoint, "GET", "/sparql?query=" + q(query))
        assert status == 200, data
        assert json.loads(data)["results"]["bindings"][0]["x"]["value"] == want


@pytest.mark.parametrize(
    ("query", "accept", "ctype"),
    [
        ("SELECT (1 AS ?value) {}", None, "application/sparql-results+json"),
        (
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "text/csv", "text/csv"),
        (
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
            "text/tab-separated-values",
            "text/tab-separated-values",
        ),
        ("ASK {}", None, "application/sparql-results+json"),
        ("DESCRIBE <http://example.org/>", None, "text/turtle"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3", "text/turtle", "text/turtle"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
            "application/n-triples",
            "application/n-triples",
        ),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
            "application/ld+json",
            "application/ld+json",
        ),
    ],
)
def test_protocol_content_types(endpoint, query, accept, ctype):
    headers = {**DIRECT, **({"Accept": accept} if accept else {})}
    status, got, data = request(endpoint, "POST", "/sparql", headers, query.encode())
    assert status == 200 and got == ctype, data
    if ctype == "text/tab-separated-values":
        assert data.decode().splitlines()[0] == "?s"


def test_protocol_a_refused_update_leaves_no_trace(endpoint):
    insert = "INSERT DATA { GRAPH <urn:x:probe> { <urn:x:s> <urn:x:p> 'probe' } }"
    assert request(endpoint, "POST", "/sparql", FORM, ("update=" + q(insert)).encode())[0] == 403
    status, ctype, data = request(
        endpoint, "POST", "/sparql", DIRECT, b"ASK { GRAPH <urn:x:probe> { ?s ?p ?o } }"
    )
    assert status == 200 and boolean(ctype, data) is False


# -------------------------------------------------------------------------- the parser alone


def test_protocol_parse_passes_the_base_iri_and_dataset():
    req = parse_sparql_request(
        "POST",
        f"default-graph-uri={q(ABSENT)}",
        "application/sparql-query; charset=utf-8",
        b"ASK { <a> ?p ?o }",
        "application/sparql-results+xml",
        "http://h:1/sparql",
    )
    assert (req.results, req.default_graph, req.base_iri) == ("XML", (ABSENT,), "http://h:1/sparql")


@pytest.mark.parametrize(
    ("ctype", "body", "status"),
    [
        ("application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 400),
        ("application/sparql-query", b"ASK {", 400),
        (
            "application/sparql-query",
            b"ASK { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 0) garbage",
            400,
        ),
        ("text/plain", b"ASK {}", 415),
        (None, b"query=ASK%7B%7D", 415),
        ("application/x-www-form-urlencoded", b"update=CLEAR%20ALL", 403),
    ],
)
def test_protocol_parse_refusals(ctype, body, status):
    with pytest.raises(HttpError) as info:
        parse_sparql_request("POST", "", ctype, body, None)
    assert info.value.status == status


def test_protocol_parse_accepts_ask_with_group_by():
    """An ASK is checked as a SELECT; one the rewrite cannot express is still accepted."""
    req = parse_sparql_request(
        "POST",
        "",
        "application/sparql-query",
        b"ASK { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1)",
        None,
    )
    assert req.query.startswith("ASK")


@pytest.mark.parametrize("form", ["SELECT (COUNT(*) AS ?n)", "ASK", "SELECT ?a"])
def test_protocol_parse_does_not_evaluate_the_query(form):
    """A data-free query that would keep the front process busy for seconds is only parsed."""
    values = " ".join(str(i) for i in range(4000))
    order = " ORDER BY ?a" if form == "SELECT ?a" else ""
    query = f"{form} {{ VALUES ?a {{{values}}} VALUES ?b {{{values}}} FILTER(?a + ?b < 0) }}{order}"
    started = time.perf_counter()
    req = parse_sparql_request("POST", "", "application/sparql-query", query.encode(), None)
    assert req.query == query and time.perf_counter() - started < 1.0
