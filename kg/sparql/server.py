"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a built graph, and its map.

Routes: ``/sparql`` (GET ``?query=``, POST form-encoded or
``application/sparql-query``), ``/`` (the HTML map), ``/graph.ttl`` and the
other files at the top of the build folder (:mod:`kg.sparql.files`). Every
response carries CORS headers; ``OPTIONS`` answers preflights.

A request (:mod:`kg.sparql.handler`) is parsed and checked in this process (:mod:`kg.sparql.protocol`: a
malformed query gets its 400 without a worker) and then answered in the
worker pool (:mod:`kg.sparql.pool`), where a query that runs past ``timeout``
seconds is stopped (503). Relative IRIs in a query resolve against the
endpoint's URL.

The HTTP layer is the standard library's threaded server with a thin
handler: one thread per connection, HTTP/1.1 keep-alive, and no dependency;
the query work happens in the worker processes, so the front only parses
requests and copies bytes (see ``bench/SPARQL.md`` for its numbers under load).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from .files import ServedFiles
from .handler import Handler
from .pool import PoolBusy, QueryPool, QueryTimeout, ServeError, WorkerDied
from .protocol import SparqlRequest
from .worker import GraphSpec, Job

log = logging.getLogger(__name__)

#: Largest request body accepted (bytes); larger ones get 413.
MAX_BODY = 1 << 20


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
        self.max_body = MAX_BODY
        self.files = ServedFiles(None, None)
        self.pool: QueryPool | None = None
        self._httpd: _HTTPServer | None = None
        self._store_cm: contextlib.AbstractContextManager | None = None

    def __enter__(self) -> GraphServer:
        from ..rdf.store import locate_graph, served_store
        from ..vocab import PREFIXES

        src = locate_graph(self.graph)
        try:
            if self.in_memory:  # each worker parses the Turtle (or copies the store) into memory
                store, turtle = (str(p) if p else None for p in (src.store, src.turtle))
                spec = GraphSpec(store, turtle)
                watch = tuple(p for p in (src.store, src.turtle) if p is not None)
            else:  # each worker opens the store read-only; a bare .ttl gets a temporary store
                self._store_cm = cm = served_store(self.graph)
                _, store_dir = cm.__enter__()
                spec = GraphSpec(str(store_dir), None, memory=False)
                watch = (src.store,) if src.store is not None else ()
            self.files = ServedFiles(src.folder if self.graph.is_dir() else None, src.turtle)
            self.pool = QueryPool(spec, self.workers, dict(PREFIXES), watch=watch)
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
        """The server's base URL (the endpoint is ``url + "sparql"``)."""
        assert self._httpd is not None, "use GraphServer as a context manager"
        address, port = self._httpd.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else address
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        assert self._httpd is not None, "use GraphServer as a context manager"
        self._httpd.serve_forever(poll_interval=0.25)

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (call from another thread or a signal handler)."""
        if self._httpd is not None:
            threading.Thread(target=self._httpd.shutdown, daemon=True).start()

    def answer(self, req: SparqlRequest) -> tuple[int, str, bytes, dict[str, str]]:
        """Run ``req`` in the pool: ``(status, content type, body, extra headers)``."""
        assert self.pool is not None, "use GraphServer as a context manager"
        job = Job(
            req.query, req.results, req.graph, req.default_graph, req.named_graphs, req.base_iri
        )
        text = "text/plain; charset=utf-8"
        try:
            status, ctype, body = self.pool.run(job, self.timeout)
        except QueryTimeout:
            log.warning(
                "query stopped after %s s: %s", self.timeout, " ".join(req.query.split())[:200]
            )
            message = (
                f"query stopped: it ran past the {self.timeout:g} s limit (kg serve --timeout); "
                "narrow it or add LIMIT\n"
            )
            return 503, text, message.encode(), {"Retry-After": "1"}
        except PoolBusy:
            message = (
                f"server busy: all {self.pool.size} query workers stayed busy for "
                f"{self.pool.queue_limit:g} s; try again\n"
            )
            return 503, text, message.encode(), {"Retry-After": "1"}
        except WorkerDied as exc:
            code = exc.args[0] if exc.args else "?"
            message = (
                f"query worker stopped unexpectedly (exit status {code}); see the server log\n"
            )
            return 500, text, message.encode(), {}
        return status, ctype, body, {}


def default_workers() -> int:
    """Worker processes by default: the CPU count, at least 2 and at most 4.

    Each in-memory worker holds its own copy of the graph (about 450 MB per
    million triples), so more workers cost memory; ``--workers`` overrides.
    """
    return max(2, min(4, os.cpu_count() or 2))


def _bind(host: str, port: int) -> _HTTPServer:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    cls = type("_Server", (_HTTPServer,), {"address_family": family})
    try:
        return cls((host, port), Handler)
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
    on_ready: Callable[[GraphServer], None] | None = None,
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
