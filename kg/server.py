"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a built graph.

Routes: ``/sparql`` (GET ``?query=``, POST form-encoded or
``application/sparql-query``), ``/`` (the HTML map), ``/graph.ttl`` and the
other files at the top of the build folder. Every response carries CORS
headers; ``OPTIONS`` answers preflights.

Queries run in a small pool of worker *processes*. Each holds the graph in
memory (parsed from ``graph.ttl``; 4–7× faster per query than reading the
on-disk store, at about 450 MB per million triples per worker) or, with
``in_memory=False``, the build's store opened read-only. A query gets
``timeout`` seconds; past that its worker is killed (which really stops the
query, unlike an abandoned thread) and replaced, and the client gets 503,
while other requests go on being answered by the other workers. When
``kg build`` replaces the graph, workers are recycled onto the new one.

This module imports only the standard library at the top: run as a script
(``python -P kg/server.py --worker``) it *is* a worker, without loading the
``kg`` package.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mimetypes
import os
import queue
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

if __package__:  # imported as kg.server (not run as a worker script)
    from .errors import KgError
else:  # pragma: no cover - worker process
    KgError = Exception

log = logging.getLogger("kg.server")

#: Largest request body accepted (bytes); larger ones get 413.
MAX_BODY = 1 << 20
#: Bodies up to this size are read and dropped before a 413, so the client sees the status.
_DRAIN_LIMIT = 8 << 20

#: SELECT/ASK result formats: media type → pyoxigraph ``QueryResultsFormat`` name.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
#: CONSTRUCT/DESCRIBE formats: media type → pyoxigraph ``RdfFormat`` name.
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/xml": "RDF_XML",
    "text/xml": "RDF_XML",
    "text/n3": "N3",
    "text/rdf+n3": "N3",
}
#: Format name → the Content-Type we answer with (first is the default of its kind).
RESULT_MEDIA = {
    "JSON": "application/sparql-results+json",
    "XML": "application/sparql-results+xml",
    "CSV": "text/csv; charset=utf-8",
    "TSV": "text/tab-separated-values; charset=utf-8",
}
GRAPH_MEDIA = {
    "TURTLE": "text/turtle; charset=utf-8",
    "N_TRIPLES": "application/n-triples",
    "JSON_LD": "application/ld+json",
    "RDF_XML": "application/rdf+xml",
    "N3": "text/n3; charset=utf-8",
}
#: ``?format=`` / ``output=`` / ``results=`` values (as SPARQLWrapper and browsers send them).
FORMAT_PARAMS = {
    "json": ("JSON", "JSON_LD"),
    "xml": ("XML", "RDF_XML"),
    "csv": ("CSV", None),
    "tsv": ("TSV", None),
    "turtle": (None, "TURTLE"),
    "ttl": (None, "TURTLE"),
    "n3": (None, "N3"),
    "nt": (None, "N_TRIPLES"),
    "ntriples": (None, "N_TRIPLES"),
    "n-triples": (None, "N_TRIPLES"),
    "json-ld": (None, "JSON_LD"),
    "jsonld": (None, "JSON_LD"),
    "rdf+xml": (None, "RDF_XML"),
    "rdfxml": (None, "RDF_XML"),
}

_STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".graphml": "application/graphml+xml",
}


class ServeError(KgError):
    """The server cannot start: the address is taken, or the store cannot be opened."""


class HttpError(Exception):
    """A request the server answers with ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --------------------------------------------------------------------------
# content negotiation and request checks (pure functions)


def negotiate(accept: str | None, table: dict[str, str], media: dict[str, str]) -> str | None:
    """The best format for an ``Accept`` header, or ``None`` when nothing offered is acceptable.

    ``table`` maps media types to format names; ``media`` lists the formats
    in order of preference (its first key answers ``*/*`` and a missing header).

    >>> negotiate("text/csv, application/json;q=0.5", RESULT_TYPES, RESULT_MEDIA)
    'CSV'
    >>> negotiate(None, RESULT_TYPES, RESULT_MEDIA), negotiate("text/*", GRAPH_TYPES, GRAPH_MEDIA)
    ('JSON', 'TURTLE')
    >>> negotiate("image/png", RESULT_TYPES, RESULT_MEDIA) is None
    True
    """
    if not accept or not accept.strip():
        return next(iter(media))
    ranges = []
    for i, part in enumerate(accept.split(",")):
        mtype, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            key, _, val = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
        mtype = mtype.lower()
        specificity = 0 if mtype == "*/*" else 1 if mtype.endswith("/*") else 2
        ranges.append((-q, -specificity, i, mtype, q))
    for _, _, _, mtype, q in sorted(ranges):
        if q <= 0:
            continue
        if mtype in table:
            return table[mtype]
        if mtype == "*/*":
            return next(iter(media))
        if mtype.endswith("/*"):
            major = mtype[:-1]
            for name, ctype in media.items():
                if ctype.startswith(major):
                    return name
    return None


_LEXICAL_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_UPDATE_START = re.compile(
    r"\A\s*(?:(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:-])", re.I)


def _skeleton(sparql: str) -> str:
    """``sparql`` with IRIs, strings and comments blanked, for keyword checks."""
    return _LEXICAL_NOISE.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", sparql)


def check_query(sparql: str) -> None:
    """Refuse what this read-only endpoint will not run: updates and federated ``SERVICE`` calls.

    >>> check_query("PREFIX ex: <http://x/#> SELECT ?service WHERE { ?s ex:service ?service }")
    >>> check_query("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b 1 }")
    Traceback (most recent call last):
    kg.server.HttpError: this endpoint is read-only: SPARQL updates (INSERT) are refused
    >>> check_query("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.server.HttpError: SERVICE (federated query) is disabled on this endpoint; query the graph itself

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


@dataclass(frozen=True)
class SparqlRequest:
    """A parsed SPARQL Protocol query request."""

    query: str
    results: str | None  # QueryResultsFormat name for SELECT/ASK, None: not acceptable
    graph: str | None  # RdfFormat name for CONSTRUCT/DESCRIBE, None: not acceptable
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def payload(self) -> dict:
        return {
            "query": self.query,
            "results": self.results,
            "graph": self.graph,
            "default_graph": list(self.default_graph),
            "named_graphs": list(self.named_graphs),
        }


def parse_sparql_request(
    method: str, url_query: str, content_type: str | None, body: bytes | None, accept: str | None
) -> SparqlRequest:
    """Turn one HTTP request into a :class:`SparqlRequest` (SPARQL 1.1 Protocol, query operation).

    >>> r = parse_sparql_request("GET", "query=ASK%7B%7D&format=csv", None, None, None)
    >>> r.query, r.results, r.graph
    ('ASK{}', 'CSV', 'TURTLE')

    Raises:
        HttpError: 400 (no or several queries, bad encoding), 403 (an update),
            415 (a POST body type other than form or sparql-query).
    """
    params = _parse_qs(url_query)
    query_texts = list(params.get("query", []))
    ctype = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if ctype == "application/x-www-form-urlencoded":
            form = _parse_qs(_utf8(body or b"", "request body"))
            if form.get("update"):
                raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
            query_texts += form.get("query", [])
            for key in ("default-graph-uri", "named-graph-uri", "format", "output", "results"):
                params.setdefault(key, []).extend(form.get(key, []))
        elif ctype == "application/sparql-query":
            query_texts.append(_utf8(body or b"", "query"))
        elif ctype == "application/sparql-update":
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        else:
            raise HttpError(
                415,
                f"unsupported Content-Type {ctype or '(none)'!r}; POST "
                "application/x-www-form-urlencoded (query=…) or application/sparql-query",
            )
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
    return SparqlRequest(
        query,
        results,
        graph,
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
    )


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


# --------------------------------------------------------------------------
# worker processes


def _write_frame(out, data: bytes) -> None:
    out.write(struct.pack(">I", len(data)))
    out.write(data)


def _read_frame_blocking(inp) -> bytes | None:
    head = inp.read(4)
    if len(head) < 4:
        return None
    (n,) = struct.unpack(">I", head)
    data = inp.read(n)
    return data if len(data) == n else None


def _read_exact(fd: int, n: int, deadline: float) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError("worker closed its output")
        buf += chunk
    return bytes(buf)


def _read_frame(fd: int, deadline: float) -> bytes:
    (n,) = struct.unpack(">I", _read_exact(fd, 4, deadline))
    return _read_exact(fd, n, deadline)


@dataclass(frozen=True)
class GraphSpec:
    """What a worker answers from: the graph loaded into memory, or the on-disk store opened read-only.

    In memory, the Turtle is parsed when there is one (faster than copying
    the store); on disk, ``store`` must be set.
    """

    store: str | None
    turtle: str | None
    memory: bool = True

    def describe(self) -> str:
        return "in memory" if self.memory else "on-disk store"


#: Seconds a worker may take to load or open the graph.
LOAD_TIMEOUT = 900.0


class _Worker:
    """One query process: ``ask`` sends a request and waits (until a deadline) for the answer."""

    def __init__(self, spec: GraphSpec, prefixes: dict[str, str], generation: int):
        self.generation = generation
        self.proc = subprocess.Popen(
            [sys.executable, "-P", str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
        )
        self._send(
            {
                "prefixes": prefixes,
                "store": spec.store,
                "turtle": spec.turtle,
                "memory": spec.memory,
            }
        )

    def _send(self, message: dict) -> None:
        data = json.dumps(message, ensure_ascii=False).encode("utf-8")
        view = memoryview(struct.pack(">I", len(data)) + data)
        fd = self.proc.stdin.fileno()
        while view:  # a pipe write may be partial
            view = view[os.write(fd, view) :]

    def wait_ready(self, deadline: float) -> None:
        header = json.loads(_read_frame(self.proc.stdout.fileno(), deadline))
        if not header.get("ready"):
            raise OSError(header.get("message", "worker failed to start"))

    def ask(self, request: dict, deadline: float) -> tuple[dict, bytes]:
        self._send(request)
        fd = self.proc.stdout.fileno()
        header = json.loads(_read_frame(fd, deadline))
        return header, _read_frame(fd, deadline)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
            log.warning("worker %s did not exit after SIGKILL", self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()


class QueryTimeout(Exception):
    """A query ran past its deadline; its worker was stopped."""


class PoolBusy(Exception):
    """No worker became free before the deadline."""


class WorkerDied(Exception):
    """A worker exited while answering (out of memory, crashed)."""


class WorkerPool:
    """A fixed number of worker processes over one graph.

    With ``watch``, the pool checks (at most once a second) whether those
    paths were replaced, e.g. by a rebuild, and then recycles its workers.
    """

    def __init__(
        self, spec: GraphSpec, size: int, prefixes: dict[str, str], *, watch: tuple[Path, ...] = ()
    ):
        self.spec = spec
        self.size = size
        self.prefixes = prefixes
        self._watch = tuple(watch)
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self._identity = self._graph_identity()
        self._checked = time.monotonic()

    @property
    def where(self) -> str:
        return self.spec.turtle if self.spec.memory and self.spec.turtle else str(self.spec.store)

    def _graph_identity(self) -> tuple:
        ids = []
        for path in self._watch:
            try:
                st = os.stat(path)
                ids.append((st.st_dev, st.st_ino, st.st_mtime_ns))
            except OSError:
                ids.append(None)
        return tuple(ids)

    def _spawn(self, deadline: float) -> _Worker:
        w = _Worker(self.spec, self.prefixes, self._generation)
        with self._lock:
            self._all.add(w)
        try:
            w.wait_ready(deadline)
        except (TimeoutError, EOFError, OSError, ValueError) as exc:
            self._forget(w)
            raise OSError(
                f"{self.where}: a query worker could not load the graph ({exc or type(exc).__name__})"
            ) from None
        return w

    def _forget(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def start(self, timeout: float = LOAD_TIMEOUT) -> None:
        """Start every worker and wait until each has loaded (or opened) the graph."""
        deadline = time.monotonic() + timeout
        workers = [_Worker(self.spec, self.prefixes, self._generation) for _ in range(self.size)]
        with self._lock:
            self._all.update(workers)
        try:
            for w in workers:
                w.wait_ready(deadline)
        except (TimeoutError, EOFError, OSError, ValueError) as exc:
            self.close()
            raise ServeError(
                f"{self.where}: query workers could not load the graph ({exc or type(exc).__name__}); "
                "rebuild it with `kg build`"
            ) from None
        for w in workers:
            self._idle.put(w)

    def _replace_later(self, w: _Worker) -> None:
        """Kill ``w`` and start a replacement in the background."""
        self._forget(w)

        def respawn() -> None:
            for attempt in range(10):  # e.g. while a rebuild swaps the output folder
                if self._closed:
                    return
                try:
                    fresh = self._spawn(time.monotonic() + LOAD_TIMEOUT)
                except OSError as exc:
                    log.error("%s (attempt %d of 10)", exc, attempt + 1)
                    time.sleep(min(30, 2**attempt))
                    continue
                if self._closed:
                    self._forget(fresh)
                else:
                    self._idle.put(fresh)
                return

        threading.Thread(target=respawn, name="kg-worker-respawn", daemon=True).start()

    def _check_reload(self) -> None:
        now = time.monotonic()
        if not self._watch or now - self._checked < 1.0:
            return
        self._checked = now
        identity = self._graph_identity()
        if identity is not None and identity != self._identity:
            with self._lock:
                if identity != self._identity:
                    self._identity = identity
                    self._generation += 1
                    log.info("%s changed; recycling query workers", self.where)

    def run(self, request: dict, timeout: float) -> tuple[dict, bytes]:
        """Answer ``request`` in a worker within ``timeout`` seconds (waiting for a free one counts).

        Raises:
            PoolBusy, QueryTimeout, WorkerDied
        """
        deadline = time.monotonic() + timeout
        self._check_reload()
        while True:
            try:
                w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise PoolBusy from None
            if w.generation == self._generation:
                break
            self._replace_later(w)  # opened the store before a rebuild: swap for a fresh one
        try:
            answer = w.ask(request, deadline)
        except TimeoutError:
            self._replace_later(w)
            raise QueryTimeout from None
        except (EOFError, OSError, ValueError):
            code = w.proc.poll()
            self._replace_later(w)
            raise WorkerDied(code) from None
        self._idle.put(w)
        return answer

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._all]


def _worker_main() -> int:
    """The worker loop: read requests on stdin, answer on stdout (length-prefixed frames)."""
    import pyoxigraph as ox

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the protocol
    inp = sys.stdin.buffer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us

    def send(header: dict, body: bytes | None = None) -> None:
        _write_frame(out, json.dumps(header, ensure_ascii=False).encode("utf-8"))
        if body is not None:
            _write_frame(out, body)
        out.flush()

    init = _read_frame_blocking(inp)
    if init is None:
        return 0
    init = json.loads(init)
    prefixes = init["prefixes"]
    parent = os.getppid()

    def orphan_watch() -> None:  # a killed server must not leave a query running
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=orphan_watch, daemon=True).start()
    try:
        store = _load(ox, init)
    except (OSError, SyntaxError, ValueError) as exc:
        send({"ready": False, "message": str(exc)})
        return 1
    send({"ready": True})
    while True:
        frame = _read_frame_blocking(inp)
        if frame is None:
            return 0
        send(*_answer(ox, store, prefixes, json.loads(frame)))


def _load(ox, init: dict):
    """The worker's store: read-only on disk, or a fresh in-memory copy of the graph."""
    if not init["memory"]:
        return ox.Store.read_only(init["store"])
    store = ox.Store()
    if init["turtle"]:
        store.bulk_load(path=init["turtle"], format=ox.RdfFormat.TURTLE)
    else:
        store.bulk_extend(
            ox.Store.read_only(init["store"]).quads_for_pattern(None, None, None, None)
        )
    return store


def _answer(ox, store, prefixes: dict[str, str], req: dict) -> tuple[dict, bytes]:
    try:
        kwargs = {}
        if req.get("default_graph"):
            kwargs["default_graph"] = [ox.NamedNode(iri) for iri in req["default_graph"]]
        if req.get("named_graphs"):
            kwargs["named_graphs"] = [ox.NamedNode(iri) for iri in req["named_graphs"]]
        res = store.query(req["query"], prefixes=prefixes, **kwargs)
        if isinstance(res, (ox.QuerySolutions, ox.QueryBoolean)):
            kind, key, media, formats = (
                "SELECT and ASK",
                "results",
                RESULT_MEDIA,
                ox.QueryResultsFormat,
            )
        else:
            kind, key, media, formats = "CONSTRUCT and DESCRIBE", "graph", GRAPH_MEDIA, ox.RdfFormat
        fmt = req.get(key)
        if fmt is None:
            return _error(
                406,
                f"{kind} results come as "
                + ", ".join(m.split(";")[0] for m in media.values())
                + "; ask for one in Accept",
            )
        body = res.serialize(format=getattr(formats, fmt))
        return {"status": 200, "type": media[fmt]}, body
    except SyntaxError as exc:
        return _error(400, f"SPARQL syntax error: {exc}")
    except ValueError as exc:
        return _error(400, f"query failed: {exc}")
    except OSError as exc:
        return _error(500, f"store read failed: {exc}")


def _error(status: int, message: str) -> tuple[dict, bytes]:
    return {"status": status, "type": "text/plain; charset=utf-8"}, (message + "\n").encode("utf-8")


# --------------------------------------------------------------------------
# HTTP


@dataclass
class ServerConfig:
    """What ``kg serve`` serves and how."""

    folder: Path | None  # a build folder whose top-level files are served; None for a bare .ttl
    turtle: Path | None
    max_body: int = MAX_BODY


class _Handler(BaseHTTPRequestHandler):
    server_version = "xinzhi-kg"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    # -- plumbing

    @property
    def app(self) -> GraphServer:
        return self.server.app  # type: ignore[attr-defined]

    def log_message(self, format: str, *args) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header(
            "Access-Control-Expose-Headers", "Content-Type, Content-Length, Retry-After"
        )
        super().end_headers()

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it (``Expect: 100-continue``)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > self.app.config.max_body:
            self.close_connection = True
            self._send_error(HttpError(413, self._too_large(length)))
            return False
        self.send_response_only(100)
        BaseHTTPRequestHandler.end_headers(self)  # no CORS headers on an interim response
        return True

    def _too_large(self, length: int) -> str:
        return f"request body of {length} bytes is over the {self.app.config.max_body}-byte limit; send a shorter query"

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error(self, exc: HttpError) -> None:
        self._send(
            exc.status,
            (exc.message + "\n").encode("utf-8"),
            "text/plain; charset=utf-8",
            exc.headers,
        )

    def _route(self) -> tuple[str, str]:
        parts = urlsplit(self.path)
        return parts.path, parts.query

    def _guard(self, fn) -> None:
        try:
            fn()
        except HttpError as exc:
            self._send_error(exc)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # a bug here must not kill the connection thread silently
            log.exception("error answering %s %s", self.command, self.path)
            self.close_connection = True
            self._send_error(HttpError(500, "internal error; see the server log"))

    # -- methods

    def do_OPTIONS(self) -> None:
        headers = {
            "Allow": "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Headers": self.headers.get("Access-Control-Request-Headers")
            or "Accept, Content-Type",
            "Access-Control-Max-Age": "86400",
        }
        self.send_response(204)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._guard(self._get)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._guard(self._post)

    def _refuse(self) -> None:
        self._guard(self._refuse_method)

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _refuse_method(self) -> None:
        raise HttpError(
            405,
            f"{self.command} is not allowed: this endpoint is read-only",
            {"Allow": "GET, HEAD, POST, OPTIONS"},
        )

    def _get(self) -> None:
        path, query = self._route()
        if path == "/sparql":
            self._sparql(parse_sparql_request("GET", query, None, None, self.headers.get("Accept")))
        else:
            self._static(path)

    def _post(self) -> None:
        path, query = self._route()
        body = self._read_body()
        if path != "/sparql":
            raise HttpError(
                405 if self._static_file(path) else 404,
                f"POST {path}: only /sparql takes POST",
                {"Allow": "GET, HEAD, OPTIONS"},
            )
        self._sparql(
            parse_sparql_request(
                "POST", query, self.headers.get("Content-Type"), body, self.headers.get("Accept")
            )
        )

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            raise HttpError(411, "chunked bodies are not accepted; send Content-Length")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        try:
            length = int(length_text)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise HttpError(400, f"bad Content-Length {length_text!r}") from None
        limit = self.app.config.max_body
        if length > limit:
            self.close_connection = True
            if length <= _DRAIN_LIMIT:  # read it, so the client gets to see the 413
                left = length
                while left > 0:
                    chunk = self.rfile.read(min(left, 1 << 16))
                    if not chunk:
                        break
                    left -= len(chunk)
            raise HttpError(413, self._too_large(length))
        return self.rfile.read(length)

    # -- SPARQL

    def _sparql(self, req: SparqlRequest) -> None:
        status, ctype, body, headers = self.app.answer(req)
        headers = {"Vary": "Accept", "Cache-Control": "no-store", **headers}
        self._send(status, body, ctype, headers)

    # -- files

    def _static_file(self, path: str) -> Path | None:
        """The file a GET ``path`` names, or ``None``: only top-level files of a served build folder."""
        cfg = self.app.config
        name = unquote(path)
        if name == "/":
            name = "/graph.html"
        if name == "/graph.ttl" and cfg.turtle is not None:
            return cfg.turtle
        if cfg.folder is None:  # serving a bare .ttl file: nothing beside it is ours to show
            return None
        if not name.startswith("/") or "/" in name[1:] or "\\" in name or "\0" in name:
            return None
        name = name[1:]
        if not name or name.startswith(".") or name == "store":
            return None
        try:
            resolved = (cfg.folder / name).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if resolved.parent != cfg.folder.resolve() or not resolved.is_file():
            return None  # e.g. a symlink out of the folder
        return resolved

    def _static(self, path: str) -> None:
        if not self.app.serve_files:
            raise HttpError(404, f"{path}: not found; the SPARQL endpoint is /sparql")
        file = self._static_file(path)
        if file is None:
            raise HttpError(404, f"{path}: not found; the SPARQL endpoint is /sparql")
        ctype = (
            _STATIC_TYPES.get(file.suffix.lower())
            or mimetypes.guess_type(file.name)[0]
            or "application/octet-stream"
        )
        try:
            fh = open(file, "rb")  # noqa: SIM115 -- closed by the with below; only open() maps to 404
        except OSError:
            raise HttpError(404, f"{path}: not found") from None
        with fh:
            size = os.fstat(fh.fileno()).st_size
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(size))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(fh, self.wfile, 1 << 20)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True


class GraphServer:
    """The SPARQL endpoint over one build: a worker pool plus a threaded HTTP server.

    Use as a context manager; :meth:`serve_forever` blocks until :meth:`shutdown`.
    """

    def __init__(
        self,
        graph: str | os.PathLike,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        timeout: float = 10.0,
        workers: int | None = None,
        in_memory: bool = True,
        serve_files: bool = True,
    ):
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.graph = Path(graph)
        self.in_memory = in_memory
        self.host = host
        self.port = port
        self.timeout = float(timeout)
        self.workers = workers or default_workers()
        self.serve_files = serve_files
        self.config: ServerConfig | None = None
        self.pool: WorkerPool | None = None
        self._httpd: _HTTPServer | None = None
        self._store_cm = None

    def __enter__(self) -> GraphServer:
        from .rdf.store import locate_graph, served_store
        from .vocab import PREFIXES

        src = locate_graph(self.graph)
        try:
            if self.in_memory:  # each worker parses the Turtle (or copies the store) into memory
                spec = GraphSpec(
                    str(src.store) if src.store else None, str(src.turtle) if src.turtle else None
                )
                watch = tuple(p for p in (src.store, src.turtle) if p is not None)
            else:  # each worker opens the store read-only; a bare .ttl gets a temporary store
                self._store_cm = served_store(self.graph)
                _, store_dir = self._store_cm.__enter__()
                spec = GraphSpec(str(store_dir), None, memory=False)
                watch = (src.store,) if src.store is not None else ()
            folder = src.folder if self.graph.is_dir() else None
            self.config = ServerConfig(folder=folder, turtle=src.turtle)
            self.pool = WorkerPool(spec, self.workers, dict(PREFIXES), watch=watch)
            self.pool.start()
            self._httpd = _bind(self.host, self.port)
            self._httpd.app = self  # type: ignore[attr-defined]
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._httpd is not None:
            self._httpd.server_close()
        if self.pool is not None:
            self.pool.close()
        if self._store_cm is not None:
            self._store_cm.__exit__(*exc)
            self._store_cm = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        self._httpd.serve_forever(poll_interval=0.25)

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (call from another thread or a signal handler)."""
        threading.Thread(target=self._httpd.shutdown, daemon=True).start()

    def answer(self, req: SparqlRequest) -> tuple[int, str, bytes, dict[str, str]]:
        """Run ``req`` in the pool: ``(status, content type, body, extra headers)``."""
        text = "text/plain; charset=utf-8"
        try:
            header, body = self.pool.run(req.payload(), self.timeout)
        except QueryTimeout:
            log.warning(
                "query stopped after %s s: %s", self.timeout, " ".join(req.query.split())[:200]
            )
            return (
                503,
                text,
                (
                    f"query stopped: it ran past the {self.timeout:g} s limit "
                    "(kg serve --timeout); narrow it or add LIMIT\n"
                ).encode(),
                {"Retry-After": "1"},
            )
        except PoolBusy:
            return (
                503,
                text,
                (
                    f"server busy: all {self.pool.size} query workers stayed busy for "
                    f"{self.timeout:g} s; try again\n"
                ).encode(),
                {"Retry-After": "1"},
            )
        except WorkerDied as exc:
            return (
                500,
                text,
                f"query worker stopped unexpectedly (exit status {exc.args[0] if exc.args else '?'}); see the server log\n".encode(),
                {},
            )
        return header["status"], header["type"], body, {}


def default_workers() -> int:
    """Worker processes by default: the CPU count, at least 2 and at most 4.

    Each in-memory worker holds its own copy of the graph (about 450 MB per
    million triples), so more workers cost memory; ``--workers`` overrides.
    """
    return max(2, min(4, os.cpu_count() or 2))


def _bind(host: str, port: int) -> _HTTPServer:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    cls = type("_Server", (_HTTPServer,), {"address_family": family})
    try:
        return cls((host, port), _Handler)
    except OSError as exc:
        hint = "pass another --port" if exc.errno in (98, 48) else "check --host"
        raise ServeError(f"{host}:{port}: cannot listen ({exc.strerror or exc}); {hint}") from None


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    graph: str | os.PathLike,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 10.0,
    workers: int | None = None,
    in_memory: bool = True,
    on_ready=None,
) -> None:
    """Serve ``graph`` until SIGINT/SIGTERM; ``on_ready(server)`` is called once it listens."""
    with GraphServer(
        graph, host=host, port=port, timeout=timeout, workers=workers, in_memory=in_memory
    ) as server:

        def stop(signum, frame):
            server.shutdown()

        previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            if on_ready is not None:
                on_ready(server)
            server.serve_forever()
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)


if __name__ == "__main__" and sys.argv[1:2] == ["--worker"]:
    sys.exit(_worker_main())
