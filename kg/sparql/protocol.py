"""One SPARQL 1.1 Protocol query request: parsed from HTTP, checked, ready for a worker.

Everything that can refuse a request does so here, in the front process and
without a worker: a missing or repeated query, a body that is not UTF-8, an
update (403), a federated ``SERVICE`` call, and a query that does not parse
(400 with the parser's message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs

from ..vocab import PREFIXES
from .formats import FORMAT_PARAMS, GRAPH_MEDIA, GRAPH_TYPES, RESULT_MEDIA, RESULT_TYPES, negotiate


class HttpError(Exception):
    """A request the server answers with ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class SparqlRequest:
    """A parsed query request: the query, the formats asked for, the protocol dataset, the base IRI."""

    query: str
    results: str | None  # QueryResultsFormat name for SELECT/ASK, None: not acceptable
    graph: str | None  # RdfFormat name for CONSTRUCT/DESCRIBE, None: not acceptable
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None


_LEXICAL_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
#: The prologue (PREFIX and BASE declarations) in a skeleton (see :func:`_skeleton`).
_PROLOGUE = r"\A\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
_UPDATE_START = re.compile(
    _PROLOGUE + r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:-])", re.I)
_FORM_START = re.compile(_PROLOGUE + r"(SELECT|ASK)\b", re.I)
_FROM = re.compile(r"(?<![?$:\w])FROM(?![\w:-])", re.I)


def _skeleton(sparql: str) -> str:
    """``sparql`` with IRIs, strings and comments blanked (same length), for keyword checks."""

    def blank(m: re.Match) -> str:
        text = m.group(0)
        return "<" + " " * (len(text) - 2) + ">" if text.startswith("<") else " " * len(text)

    return _LEXICAL_NOISE.sub(blank, sparql)


def check_query(sparql: str) -> None:
    """Refuse what this read-only endpoint will not run: updates and federated ``SERVICE`` calls.

    >>> check_query("PREFIX ex: <http://x/#> SELECT ?service WHERE { ?s ex:service ?service }")
    >>> check_query("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b 1 }")
    Traceback (most recent call last):
    kg.sparql.protocol.HttpError: this endpoint is read-only: SPARQL updates (INSERT) are refused
    >>> check_query("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.sparql.protocol.HttpError: SERVICE (federated query) is disabled on this endpoint; query the graph itself

    Raises:
        HttpError: 403 for an update, 400 for ``SERVICE``.
    """
    skeleton = _skeleton(sparql)
    m = _UPDATE_START.match(skeleton)
    if m:
        raise HttpError(
            403, f"this endpoint is read-only: SPARQL updates ({m.group(1).upper()}) are refused"
        )
    if _SERVICE.search(skeleton):
        raise HttpError(
            400, "SERVICE (federated query) is disabled on this endpoint; query the graph itself"
        )


def check_syntax(req: SparqlRequest) -> None:
    """Parse ``req.query`` here, so a malformed query gets its 400 without waiting for a worker.

    pyoxigraph parses a query only on the way to answering it, so the query
    is prepared against an empty store, with the prefixes and base IRI a
    worker uses. Even an empty dataset can be made to work hard (large
    ``VALUES`` blocks under an aggregate or ORDER BY are evaluated when the
    query is prepared), so a SELECT or ASK is first checked as a subquery
    under ``FILTER(false)``, which the engine drops unevaluated. The query
    itself is prepared only when that form does not parse: to report its
    own error, or for what a subquery cannot express (CONSTRUCT, DESCRIBE,
    FROM; those answers are lazy).

    >>> check_syntax(SparqlRequest("ASK { ?s a kg:Place }", "JSON", None))
    >>> check_syntax(SparqlRequest("SELECT ?x WHERE { ?x a kg:Place", "JSON", None))
    Traceback (most recent call last):
    kg.sparql.protocol.HttpError: SPARQL syntax error: error at 1:32: expected one of ",", ".", ";", "{", "{|", "}", "~", …

    Raises:
        HttpError: 400 with the parser's message.
    """
    inert = _as_inert_select(req.query)
    try:
        if inert is not None:
            try:
                _prepare(inert, req.base_iri)
                return
            except SyntaxError:
                pass
        _prepare(req.query, req.base_iri)
    except SyntaxError as exc:
        raise HttpError(400, f"SPARQL syntax error: {_short(str(exc))}") from None
    except ValueError as exc:
        raise HttpError(400, f"query failed: {exc}") from None


def _prepare(sparql: str, base_iri: str | None) -> None:
    import pyoxigraph as ox

    _empty_store(ox).query(sparql, prefixes=PREFIXES, base_iri=base_iri)


_EMPTY: list = []


def _empty_store(ox):
    """One empty in-memory store for the syntax check (pyoxigraph stores are thread-safe)."""
    if not _EMPTY:
        _EMPTY.append(ox.Store())
    return _EMPTY[0]


def _as_inert_select(sparql: str) -> str | None:
    """A SELECT or ASK as a subquery that parses when it does and is never evaluated; else ``None``.

    >>> print(_as_inert_select('PREFIX a: <urn:ask:> ASK { ?s a:p "ASK" }'))
    PREFIX a: <urn:ask:> SELECT * { FILTER(false) {
    SELECT (1 AS ?kg_ask_check) { ?s a:p "ASK" }
    } }
    >>> _as_inert_select("SELECT * FROM <urn:g> { ?s ?p ?o }") is None
    True
    """
    skeleton = _skeleton(sparql)
    m = _FORM_START.match(skeleton)
    if not m or _FROM.search(skeleton, m.end(1)):
        return None
    body = sparql[m.start(1) :]
    if m.group(1).upper() == "ASK":  # an ASK is the SELECT of a constant
        body = "SELECT (1 AS ?kg_ask_check)" + body[3:]
    # the newline ends a comment on the query's last line
    return sparql[: m.start(1)] + "SELECT * { FILTER(false) {\n" + body + "\n} }"


def _short(message: str) -> str:
    r"""The parser's message without its list of every character class it expected.

    >>> _short("error at 1:5: expected one of \"}\", ['%'], ['0' ..= '9' | 'a']")
    'error at 1:5: expected one of "}", …'
    """
    first = message.split("\n")[0]
    cut = first.find(" ['")
    return first if cut < 0 else first[:cut] + " …"


def parse_sparql_request(
    method: str,
    url_query: str,
    content_type: str | None,
    body: bytes | None,
    accept: str | None,
    base_iri: str | None = None,
) -> SparqlRequest:
    """Turn one HTTP request into a checked :class:`SparqlRequest` (SPARQL 1.1 Protocol, query operation).

    ``base_iri`` resolves relative IRIs in the query (the endpoint's URL).

    >>> r = parse_sparql_request("GET", "query=ASK%7B%7D&format=csv", None, None, None)
    >>> r.query, r.results, r.graph
    ('ASK{}', 'CSV', 'TURTLE')

    Raises:
        HttpError: 400 (no or several queries, bad encoding, a syntax error),
            403 (an update), 415 (a POST body type other than form or sparql-query).
    """
    params = _parse_qs(url_query)
    query_texts = list(params.get("query", []))
    if method == "POST":
        query_texts += _post_queries(content_type, body or b"", params)
    if params.get("update"):
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
    if not query_texts:
        raise HttpError(400, "no query; send GET /sparql?query=… or POST a form with query=…")
    if len(query_texts) > 1:
        raise HttpError(400, "more than one query parameter; send exactly one")
    query = query_texts[0]
    check_query(query)
    results = negotiate(accept, RESULT_TYPES, RESULT_MEDIA)
    graph = negotiate(accept, GRAPH_TYPES, GRAPH_MEDIA)
    for key in ("format", "output", "results"):
        for value in params.get(key, []):
            value = value.strip().lower()
            pick = FORMAT_PARAMS.get(value) or (RESULT_TYPES.get(value), GRAPH_TYPES.get(value))
            results, graph = pick[0] or results, pick[1] or graph
    req = SparqlRequest(
        query,
        results,
        graph,
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
        base_iri,
    )
    check_syntax(req)
    return req


def _post_queries(content_type: str | None, body: bytes, params: dict[str, list[str]]) -> list[str]:
    """The queries a POST body carries; form fields other than ``query`` are added to ``params``."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        form = _parse_qs(_utf8(body, "request body"))
        if form.get("update"):
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        for key in ("default-graph-uri", "named-graph-uri", "format", "output", "results"):
            params.setdefault(key, []).extend(form.get(key, []))
        return form.get("query", [])
    if ctype == "application/sparql-query":
        charset = _charset(content_type or "")
        if charset not in (None, "utf-8", "utf8"):
            raise HttpError(
                400, f"the query is declared as {charset}; send it as UTF-8 (charset=utf-8)"
            )
        return [_utf8(body, "query")]
    if ctype == "application/sparql-update":
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
    raise HttpError(
        415,
        f"unsupported Content-Type {ctype or '(none)'!r}; POST "
        "application/x-www-form-urlencoded (query=…) or application/sparql-query",
    )


def _charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type, lower-cased.

    >>> _charset("application/sparql-query; charset=UTF-16"), _charset("text/plain")
    ('utf-16', None)
    """
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _parse_qs(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise HttpError(
            400, "parameters are not UTF-8; percent-encode the query as UTF-8"
        ) from None


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(
            400, f"{what} is not UTF-8 (byte {exc.start}); send the query as UTF-8"
        ) from None
