"""What runs inside a query worker process: the graph, loaded once, and one query at a time.

:func:`load` is the pool's initializer: it loads the graph into memory (or
opens the on-disk store read-only) and keeps it in this process.
:func:`answer` runs one request on it and returns plain data that pickles:
``(status, content type, body)``. A worker that could not load the graph
answers every request with 500 and the reason, so the front process can
report it instead of restarting workers that fail the same way.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass

from .formats import NotAcceptable, serialize_answer


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


@dataclass(frozen=True)
class Job:
    """One query for a worker (plain data: it crosses the process boundary)."""

    query: str
    results: str | None
    graph: str | None
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None


#: This process's graph, set by :func:`load`: ``("ok", store)`` or ``("failed", message)``.
_STATE: dict = {}


def load(spec: GraphSpec, prefixes: dict[str, str], server: int) -> None:
    """Pool initializer: load the graph described by ``spec`` into this worker.

    A SIGTERM stops the worker at once, even in the middle of a query (the
    default handler would wait for the query to return to Python), and the
    worker leaves when the ``server`` process is gone.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if os.name == "posix":  # elsewhere os.kill(pid, 0) would not be a mere probe
        threading.Thread(target=_exit_without, args=(server,), daemon=True).start()
    _STATE["prefixes"] = prefixes
    try:
        _STATE["store"] = _open(spec)
    except (OSError, SyntaxError, ValueError) as exc:
        _STATE["failed"] = f"{spec.turtle or spec.store}: {exc}"


def _exit_without(server: int) -> None:
    """A killed server must not leave a query running.

    The fork server that starts workers outlives the server while any worker
    lives (each worker holds its liveness pipe), so the parent process id
    says nothing; the server's own process id is watched instead.
    """
    while True:
        time.sleep(1.0)
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the id now belongs to another user's process
            os._exit(0)


def _open(spec: GraphSpec):
    import pyoxigraph as ox

    if spec.turtle and spec.memory:
        store = ox.Store()
        store.bulk_load(path=spec.turtle, format=ox.RdfFormat.TURTLE)
        return store
    if spec.store is None:
        raise ValueError("a graph spec without Turtle names its store")
    on_disk = ox.Store.read_only(spec.store)
    if not spec.memory:
        return on_disk
    store = ox.Store()
    store.bulk_extend(on_disk.quads_for_pattern(None, None, None, None))
    return store


def ready() -> tuple[int, str | None]:
    """``(pid, None)`` once the graph is loaded, ``(pid, why not)`` when it could not be."""
    return os.getpid(), _STATE.get("failed")


def answer(job: Job) -> tuple[int, str, bytes]:
    """Run ``job`` on this worker's graph: ``(status, content type, body)``."""
    import pyoxigraph as ox

    if "failed" in _STATE:
        return _error(500, f"the query worker could not load the graph: {_STATE['failed']}")
    try:
        kwargs: dict = {}
        if job.default_graph:
            kwargs["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graph]
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
        res = _STATE["store"].query(
            job.query, prefixes=_STATE["prefixes"], base_iri=job.base_iri, **kwargs
        )
        ctype, body = serialize_answer(res, job.results, job.graph)
    except NotAcceptable as exc:
        return _error(406, f"{exc}; ask for one in Accept")
    except SyntaxError as exc:
        return _error(400, f"SPARQL syntax error: {exc}")
    except ValueError as exc:
        return _error(400, f"query failed: {exc}")
    except OSError as exc:
        return _error(500, f"store read failed: {exc}")
    return 200, ctype, body


def _error(status: int, message: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")
