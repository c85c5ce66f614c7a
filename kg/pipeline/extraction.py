"""The extraction stage of a build: every document under the inputs, extracted or taken from the cache.

Documents stream through it: workers (:mod:`kg.pipeline.parallel`) get paths
and return extractions as JSON, a bounded number at a time, and the cache
(:mod:`kg.pipeline.cache`) answers for the files whose bytes it has seen under
the same pipeline fingerprint. The result is in input order whatever ran it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..corpus.files import find_files
from ..errors import InputError
from ..types import Extraction
from .cache import ExtractionCache, extraction_from_json, file_sha256
from .fingerprints import compute_fingerprint
from .parallel import FileResult, OrderedWindow, default_jobs, extract_file, open_executor

log = logging.getLogger(__name__)


@dataclass
class ExtractionRun:
    """The extraction stage's output: one extraction per readable document, in file order.

    ``fingerprint`` is the pipeline fingerprint the extractions were cached under.
    """

    extractions: list[Extraction]
    extracted: int
    cached: int
    backend: str
    fingerprint: str = ""


@dataclass
class _Item:
    path: Path
    sha256: str | None
    kind: str  # "miss", "hit" or "dup"
    dup_of: int = -1


def _scan(files: list[Path], cache: ExtractionCache | None) -> list[_Item]:
    """Hash every file (streaming its bytes) and sort it into cached, to extract, or a duplicate."""
    items: list[_Item] = []
    first: dict[str, int] = {}
    for i, path in enumerate(files):
        try:
            sha = file_sha256(path)
        except OSError:
            sha = None  # the worker's read reports why, in the usual words
        if sha is not None and sha in first:
            items.append(_Item(path, sha, "dup", first[sha]))
            continue
        if sha is not None:
            first[sha] = i
        hit = cache is not None and sha is not None and cache.path_for(sha).exists()
        items.append(_Item(path, sha, "hit" if hit else "miss"))
    return items


#: Below this much new text, extraction runs in one process unless ``jobs`` is given.
PARALLEL_MIN_BYTES = 2 * 2**20
#: With this many cached documents to read, that one process is a background worker.
BACKGROUND_MIN_HITS = 200


def _total_bytes(paths: list[str]) -> int:
    total = 0
    for p in paths:
        with contextlib.suppress(OSError):
            total += os.stat(p).st_size
    return total


def run_extraction(
    inputs: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    strict: bool = False,
    progress: bool = False,
    on_problem: Callable[[str], None] | None = None,
) -> ExtractionRun:
    """Extract every document under ``inputs``, from the cache where it holds them.

    Args:
        inputs: files and folders (folders are searched for ``.txt`` files).
        jobs: worker processes (default: one per core; when there is less
            than :data:`PARALLEL_MIN_BYTES` to extract, this process alone, or
            one worker while this process reads at least
            :data:`BACKGROUND_MIN_HITS` cached documents); 1 runs in this process.
        scheduler: address of a Dask scheduler (``tcp://host:8786``) to run
            the extraction on instead; its workers must see the same paths.
        cache_dir: folder of the extraction cache (``None``: no cache).
        strict: raise on the first unreadable or empty file.
        progress: show a progress bar on stderr (for more than one file).
        on_problem: receives one line per skipped file (default: a logging warning).

    Raises:
        InputError: a path does not exist, or (``strict``) a file is unreadable.
        SchedulerError: the Dask scheduler cannot be reached or used.
    """
    fingerprint = compute_fingerprint()
    cache = ExtractionCache(cache_dir, fingerprint) if cache_dir is not None else None
    out = _Collector(fingerprint, cache, strict, on_problem or log.warning)
    items = _scan(find_files(list(inputs), on_problem=out.listing_problem), cache)
    misses = [str(it.path) for it in items if it.kind == "miss"]
    jobs, background = _plan(jobs, items, misses)
    if progress and len(items) > 1:
        from tqdm import tqdm

        out.bar = tqdm(total=len(items), desc="extracting", unit="doc", leave=False)
    with open_executor(
        jobs or default_jobs(), len(misses), scheduler, background=background
    ) as executor:
        window = OrderedWindow(executor.submit, misses, executor.window, executor.fallback)
        try:
            window.fill()
            for i, it in enumerate(items):
                out.collect(i, it, items, window)
        except BaseException:
            window.cancel()
            raise
        finally:
            if out.bar is not None:
                out.bar.close()
    return ExtractionRun(
        out.extractions,
        out.extracted,
        out.cached,
        executor.name if misses else "cache",
        fingerprint,
    )


def _plan(jobs: int | None, items: list[_Item], misses: list[str]) -> tuple[int | None, bool]:
    """``(jobs, background)`` for this corpus.

    Worker start-up (jieba and the lexicons, per process) costs more than it
    saves on a small corpus: extract it here. But while this process reads
    many cached extractions (an incremental build of a large corpus), one
    worker can load and extract the new files on another core.
    """
    if jobs is None and _total_bytes(misses) < PARALLEL_MIN_BYTES:
        hits = sum(it.kind == "hit" for it in items)
        return 1, bool(misses) and hits >= BACKGROUND_MIN_HITS and default_jobs() > 1
    return jobs, False


class _Collector:
    """Gathers the extractions of a run in input order, with its counts, problems and progress bar."""

    def __init__(self, fingerprint: str, cache, strict: bool, report: Callable[[str], None]):
        self.fingerprint, self.cache, self.strict, self._report = fingerprint, cache, strict, report
        self.extractions: list[Extraction] = []
        self.problem_of: dict[int, str] = {}
        self.extracted = self.cached = 0
        self.warned = False
        self.bar = None

    def report(self, msg: str) -> None:
        if self.bar is not None:
            self.bar.clear()  # a warning gets its own line, not the progress bar's
        self._report(msg)
        if self.bar is not None:
            self.bar.refresh()

    def listing_problem(self, msg: str) -> None:
        if self.strict:
            raise InputError(msg)
        self.report(msg)

    def collect(self, i: int, it: _Item, items: list[_Item], window: OrderedWindow) -> None:
        """Take item ``i``: a duplicate, a cache hit, or the next result of the window."""
        if it.kind == "dup":
            owner = self.problem_of.get(it.dup_of)
            if owner is None:
                self.report(f"{it.path}: same bytes as a file already read; skipped")
            else:
                first = str(items[it.dup_of].path)
                self.take(i, it, FileResult(first, None, None, owner, self.fingerprint))
        elif it.kind == "hit":
            x = self.cache.get(it.sha256, it.path.name)
            if x is not None:
                self.extractions.append(x)
                self.cached += 1
            else:  # a damaged entry: extract the file here
                self.take(i, it, extract_file(str(it.path)))
            window.fill()
        else:
            self.take(i, it, window.next())
        if self.bar is not None:
            self.bar.update(1)
            if self.cached:
                self.bar.set_postfix(cached=self.cached, refresh=False)

    def take(self, i: int, it: _Item, r: FileResult) -> None:
        """Keep a worker's result (and cache it), or report why the file was skipped."""
        if r.problem is not None:
            path = str(it.path)
            msg = r.problem.replace(r.path, path, 1) if r.path != path else r.problem
            self.problem_of[i] = msg
            if self.strict:
                raise InputError(msg)
            self.report(msg)
            return
        assert r.extraction is not None  # a result without a problem holds its extraction
        self.extractions.append(extraction_from_json(r.extraction))
        self.extracted += 1
        if r.fingerprint != self.fingerprint:
            if not self.warned:
                log.warning(
                    "the extraction code a worker runs differs from this checkout's (it changed during the "
                    "build, or the workers have another version); those extractions are not cached"
                )
                self.warned = True
        elif self.cache is not None and r.sha256 is not None:
            self.cache.put(r.sha256, r.extraction)
