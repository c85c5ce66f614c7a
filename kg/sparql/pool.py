"""Query worker processes over one graph, from :mod:`pebble`, with a per-query kill timeout.

Each worker holds the graph (see :mod:`kg.sparql.worker`). A query's
``timeout`` starts when a worker takes it, not when it is queued: a cheap
query that waits behind runaway ones is still answered. Past its timeout the
worker running it is killed (which really stops the query, unlike an
abandoned thread) and pebble starts a replacement. A query that waits longer
than ``queue_limit`` for a worker is given up (:class:`PoolBusy`).

Workers are *spawned* (a fresh interpreter), never forked from the
multi-threaded server. When the watched files change (``kg build`` replaced
the graph), a new pool is started on the new graph and takes over once
loaded; the old one finishes what it has and stops.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from ..errors import KgError
from . import worker
from .worker import GraphSpec, Job

log = logging.getLogger(__name__)

#: Seconds the workers may take to load or open the graph.
LOAD_TIMEOUT = 900.0
#: Seconds a query may wait for a free worker before the client is told the server is busy.
QUEUE_LIMIT = 30.0


class ServeError(KgError):
    """The server cannot start: the address is taken, or the graph cannot be loaded."""


class QueryTimeout(Exception):
    """A query ran past its timeout; its worker was stopped."""


class PoolBusy(Exception):
    """No worker became free within the queue limit."""


class WorkerDied(Exception):
    """A worker exited while answering (out of memory, crashed)."""


class QueryPool:
    """A fixed number of worker processes over one graph.

    With ``watch``, the pool checks (at most once a second) whether those
    paths were replaced, e.g. by a rebuild, and then moves to a fresh pool.
    """

    def __init__(
        self,
        spec: GraphSpec,
        size: int,
        prefixes: dict[str, str],
        *,
        watch: tuple[Path, ...] = (),
        queue_limit: float = QUEUE_LIMIT,
    ):
        self.spec = spec
        self.size = size
        self.prefixes = prefixes
        self.queue_limit = queue_limit
        self._watch = tuple(watch)
        self._identity = self._graph_identity()
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._pool: ProcessPool | None = None
        self._reloading = False
        self._closed = False

    @property
    def where(self) -> str:
        return (self.spec.turtle if self.spec.memory else None) or str(self.spec.store)

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(
            max_workers=self.size,
            initializer=worker.load,
            initargs=(self.spec, self.prefixes, os.getpid()),
            context=_context(),
        )

    def _warm(self, pool: ProcessPool, timeout: float) -> None:
        """Wait until every worker of ``pool`` has loaded the graph.

        Raises:
            ServeError: a worker could not load it, or not within ``timeout``.
        """
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        while len(seen) < self.size:
            futures = [pool.schedule(worker.ready) for _ in range(self.size)]
            for future in futures:
                try:
                    pid, failed = future.result(timeout=max(0.1, deadline - time.monotonic()))
                except (TimeoutError, ProcessExpired, CancelledError, RuntimeError) as exc:
                    raise ServeError(
                        f"{self.where}: query workers could not load the graph "
                        f"({exc or type(exc).__name__}); rebuild it with `kg build`"
                    ) from None
                if failed:
                    raise ServeError(
                        f"query workers could not load the graph ({failed}); rebuild it with `kg build`"
                    )
                seen.add(pid)
            if len(seen) < self.size:
                time.sleep(0.05)

    def start(self, timeout: float = LOAD_TIMEOUT) -> None:
        """Start every worker and wait until each has loaded (or opened) the graph.

        Raises:
            ServeError: the graph cannot be loaded.
        """
        pool = self._new_pool()
        try:
            self._warm(pool, timeout)
        except BaseException:
            _stop(pool)
            raise
        self._pool = pool

    def run(self, job: Job, timeout: float) -> tuple[int, str, bytes]:
        """Answer ``job`` in a worker: ``(status, content type, body)``.

        ``timeout`` counts from when a worker takes the job.

        Raises:
            PoolBusy, QueryTimeout, WorkerDied
        """
        self._check_reload()
        pool = self._pool
        if pool is None or self._closed:
            raise PoolBusy
        try:
            future = pool.schedule(worker.answer, args=(job,), timeout=timeout)
        except RuntimeError:  # the pool broke (its workers could not start): start a fresh one
            self._start_replace("the query pool stopped")
            raise WorkerDied("pool stopped") from None
        try:
            return self._wait(future)
        except TimeoutError:  # the job's own timeout: pebble stopped its worker
            raise QueryTimeout from None
        except BrokenProcessPool:
            self._start_replace("the query pool broke")
            raise WorkerDied("pool broken") from None
        except (ProcessExpired, CancelledError) as exc:
            raise WorkerDied(getattr(exc, "exitcode", None)) from None

    def _wait(self, future: ProcessFuture) -> tuple[int, str, bytes]:
        """The job's answer; :class:`PoolBusy` if no worker took it within the queue limit."""
        try:
            return future.result(timeout=self.queue_limit)
        except TimeoutError:
            if future.done():
                raise
            if not future.running() and future.cancel():
                raise PoolBusy from None
        return future.result()  # it started just as the queue limit passed

    def _graph_identity(self) -> tuple:
        ids: list[tuple[int, int, int] | None] = []
        for path in self._watch:
            try:
                st = os.stat(path)
                ids.append((st.st_dev, st.st_ino, st.st_mtime_ns))
            except OSError:
                ids.append(None)
        return tuple(ids)

    def _check_reload(self) -> None:
        now = time.monotonic()
        if not self._watch or now - self._checked < 1.0:
            return
        self._checked = now
        identity = self._graph_identity()
        with self._lock:
            if identity == self._identity or self._reloading:
                return
            self._identity = identity
            self._reloading = True
        log.info("%s changed; starting query workers on the new graph", self.where)
        threading.Thread(target=self._replace, name="kg-pool-reload", daemon=True).start()

    def _start_replace(self, why: str) -> None:
        """Move to a fresh pool in the background, unless that is already under way."""
        with self._lock:
            if self._reloading or self._closed:
                return
            self._reloading = True
        log.error("%s; starting fresh query workers", why)
        threading.Thread(target=self._replace, name="kg-pool-restart", daemon=True).start()

    def _replace(self) -> None:
        """Start a fresh pool on the graph and swap it in once loaded (retrying during a rebuild)."""
        try:
            for attempt in range(10):
                if self._closed:
                    return
                fresh = self._new_pool()
                try:
                    self._warm(fresh, LOAD_TIMEOUT)
                except ServeError as exc:
                    _stop(fresh)
                    log.error("%s (attempt %d of 10)", exc, attempt + 1)
                    time.sleep(min(30, 2**attempt))
                    continue
                old, self._pool = self._pool, fresh
                if self._closed:
                    _stop(fresh)
                if old is not None:
                    threading.Thread(target=_retire, args=(old,), daemon=True).start()
                return
        finally:
            with self._lock:
                self._reloading = False

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        if self._pool is not None:
            _stop(self._pool)


def _context():
    """Where workers come from: a fork server (spawned interpreters where there is none).

    The fork server is a clean single-threaded process with the worker's
    modules imported, so starting a worker (after a timeout) is a cheap fork,
    never a fork of the multi-threaded server.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.sparql.worker", "pyoxigraph", "pebble"])
    return ctx


def _stop(pool: ProcessPool) -> None:
    pool.stop()
    pool.join(timeout=10)


def _retire(pool: ProcessPool) -> None:
    """Let ``pool`` finish the queries it has, then stop it."""
    pool.close()
    try:
        pool.join(timeout=QUEUE_LIMIT + LOAD_TIMEOUT)
    except TimeoutError:
        _stop(pool)
