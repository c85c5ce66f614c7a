"""Where per-document extraction runs: in this process, a process pool, or a Dask cluster.

Every backend runs the same function, :func:`extract_file`, which takes a
path, reads and extracts the file there, and returns a small
:class:`FileResult` holding the extraction as JSON. Texts and spaCy Docs
never travel between processes, and the JSON is exactly what the cache
stores, so a parallel, distributed or cached build gives the same graph as a
serial one.

:class:`OrderedWindow` keeps a bounded number of files in flight and hands
results back in input order, so memory does not grow with the corpus and
problems are reported in the order a serial build reports them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from ..corpus.files import read_document
from ..errors import InputError, SchedulerError
from .cache import extraction_to_json
from .fingerprints import pipeline_fingerprint

log = logging.getLogger(__name__)


#: How long to wait for the Dask scheduler to answer.
CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True)
class FileResult:
    """What a worker returns for one file.

    Attributes:
        path: the path as the worker received it.
        sha256: hex digest of the bytes the worker read (``None`` when unread).
        extraction: the :class:`~kg.types.Extraction` as JSON
            (:func:`~kg.pipeline.cache.extraction_to_json`), or ``None`` when skipped.
        problem: why the file was skipped (unreadable, not text, empty).
        fingerprint: :func:`~kg.pipeline.fingerprints.pipeline_fingerprint` of the worker's code.
    """

    path: str
    sha256: str | None
    extraction: str | None
    problem: str | None
    fingerprint: str


_load_lock = threading.Lock()


def load_worker() -> None:
    """Load the jieba dictionary, the lexicon and the spaCy pipeline into this process.

    The process pool's initializer; elsewhere the first :func:`extract_file`
    calls it. Later calls return at once.
    """
    from ..extract.segment import make_nlp

    with _load_lock:
        make_nlp()
        pipeline_fingerprint()


def extract_file(path: str) -> FileResult:
    """Read, normalise and extract one file (runs in a worker).

    Files that cannot be read, or hold no text, come back with ``problem``
    set; they are not errors, so one bad file does not stop a build.
    """
    from ..extract import extract

    load_worker()
    fingerprint = pipeline_fingerprint()
    try:
        doc = read_document(path)
    except InputError as exc:
        return FileResult(path, None, None, str(exc), fingerprint)
    if doc is None:
        return FileResult(
            path, None, None, f"{path}: empty (no text after normalisation); skipped", fingerprint
        )
    try:
        x = extract(doc)
    except Exception as exc:  # a bug in a rule: report the file, keep the build going
        log.debug("extraction of %s failed", path, exc_info=True)
        problem = (
            f"{path}: extraction failed ({type(exc).__name__}: {exc}); the file is left out — "
            "please report this with the file (kg --debug build shows the traceback)"
        )
        return FileResult(path, None, None, problem, fingerprint)
    return FileResult(path, doc.sha256, extraction_to_json(x), None, fingerprint)


class _Future(Protocol):
    def result(self) -> Any: ...
    def cancel(self) -> Any: ...


class _Done:
    """An already computed result, with the interface of a future."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._value = fn(*args)

    def result(self) -> Any:
        return self._value

    def cancel(self) -> bool:
        return False


class _Lazy:
    """A call made when its result is asked for (serial backend: one document in memory at a time)."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._fn, self._args = fn, args

    def result(self) -> Any:
        return self._fn(*self._args)

    def cancel(self) -> bool:
        return True


class OrderedWindow:
    """Submit items a few at a time; take results back in submission order.

    At most ``window`` items are in flight; :meth:`fill` tops the window up
    and :meth:`next` waits for the oldest. With ``fallback``, a broken
    process pool (a worker that could not start or was killed) does not
    end the run: the items it held, and all later ones, go to ``fallback``.

    Example:
        >>> w = OrderedWindow(lambda x: _Done(lambda: x * x), [1, 2, 3], window=2)
        >>> [w.next() for _ in range(3)]
        [1, 4, 9]
    """

    def __init__(
        self,
        submit: Callable[[Any], _Future],
        items: Iterable[Any],
        window: int,
        fallback: Callable[[Any], _Future] | None = None,
    ) -> None:
        self._submit = submit
        self._fallback = fallback
        self._items = iter(items)
        self._window = max(1, window)
        self._pending: deque[tuple[Any, _Future]] = deque()
        self._exhausted = False

    def fill(self) -> None:
        """Submit items until ``window`` are in flight or none are left."""
        while not self._exhausted and len(self._pending) < self._window:
            try:
                item = next(self._items)
            except StopIteration:
                self._exhausted = True
                return
            self._pending.append((item, self._submit(item)))

    def next(self) -> Any:
        """The result of the oldest item not yet returned."""
        self.fill()
        if not self._pending:
            raise StopIteration
        item, future = self._pending.popleft()
        try:
            result = future.result()
        except BrokenExecutor as exc:
            if self._fallback is None:
                raise
            log.warning(
                "the extraction worker processes stopped (%s); extracting the remaining files in this process. "
                'A script that builds with jobs > 1 needs the usual `if __name__ == "__main__":` guard',
                exc,
            )
            self._submit, self._fallback = self._fallback, None
            self._pending = deque((i, self._submit(i)) for i, _ in self._pending)
            result = self._submit(item).result()
        self.fill()
        return result

    def cancel(self) -> None:
        """Cancel what has not started (after an error)."""
        self._exhausted = True
        while self._pending:
            self._pending.popleft()[1].cancel()


def default_jobs() -> int:
    """The number of cores this process may use.

    >>> default_jobs() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _pool_context():
    # forkserver: workers start from a clean process, not a fork of one that
    # may hold threads (progress bar, Dask client) and their locks.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Executor:
    """A backend: ``submit(path) -> future`` plus a cleanup.

    Use :func:`open_executor` to make one.
    """

    def __init__(
        self,
        submit: Callable[[str], _Future],
        window: int,
        close: Callable[[], None],
        name: str,
        fallback: Callable[[str], _Future] | None = None,
    ) -> None:
        self.submit = submit
        self.window = window
        self.close = close
        self.name = name
        self.fallback = fallback

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_executor(
    jobs: int, n_items: int, scheduler: str | None = None, *, background: bool = False
) -> Executor:
    """The backend for ``n_items`` files: serial, a pool of ``jobs`` processes, or Dask.

    With fewer than two files to extract, or ``jobs`` of 1, extraction runs
    in this process (no worker start-up to pay), unless ``background``: then
    one worker process extracts while this process does other work.

    Raises:
        SchedulerError: ``scheduler`` is given and cannot be reached.
    """
    if scheduler:
        return _dask_executor(scheduler)
    workers = max(1, min(jobs, n_items))
    if workers == 1 and not background:
        return Executor(lambda path: _Lazy(extract_file, path), 1, lambda: None, "serial")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_pool_context(), initializer=load_worker
    )

    def close() -> None:
        pool.shutdown(wait=True, cancel_futures=True)

    return Executor(
        lambda path: pool.submit(extract_file, path),
        4 * workers,
        close,
        f"{workers} process{'es' if workers > 1 else ''}",
        fallback=lambda path: _Lazy(extract_file, path),
    )


class _DaskFuture:
    """A Dask future whose import failures say what to install where."""

    def __init__(self, future: Any, address: str) -> None:
        self._future, self._address = future, address

    def result(self) -> Any:
        try:
            return self._future.result()
        except ImportError as exc:
            raise SchedulerError(
                f"{self._address}: a worker cannot import the extraction code ({exc}); "
                "install this checkout of xinzhi-kg on every worker (pip install -e .)"
            ) from exc
        finally:
            self._future.release()

    def cancel(self) -> Any:
        return self._future.cancel()


def _dask_executor(address: str) -> Executor:
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            f"--scheduler {address}: the Dask client is not installed; pip install 'xinzhi-kg[dask]'"
        ) from None
    import uuid

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(
            f"{address}: cannot reach the Dask scheduler ({exc}); start one with `dask scheduler` "
            "and workers with `dask worker ADDRESS --nthreads 1`, or check the address"
        ) from None
    threads = sum(client.nthreads().values()) or 1
    token = uuid.uuid4().hex[:12]
    counter = iter(range(1 << 62))

    def submit(path: str) -> _Future:
        # Workers open the path themselves: they must see the same files (a shared
        # filesystem); an absolute path makes their working folder irrelevant.
        future = client.submit(
            extract_file,
            os.path.abspath(path),
            key=f"kg-extract-{token}-{next(counter)}",
            pure=False,
        )
        return _DaskFuture(future, address)

    return Executor(
        submit, max(4, 2 * threads), client.close, f"Dask {address} ({threads} threads)"
    )
