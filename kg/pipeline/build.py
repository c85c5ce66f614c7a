"""The whole build: corpus → extraction → graph → RDF → files.

``build_corpus`` is the library entry point behind ``kg build``; it returns
a :class:`BuildResult` and never prints (progress goes to a tqdm bar on
stderr when ``progress`` is true, problems to ``on_problem``).

Extraction is the costly stage, and it is per document, so it is the one
that runs in parallel (:mod:`kg.pipeline.parallel`: a process pool by default, or a
Dask cluster) and the one that is cached (:mod:`kg.pipeline.cache`: a rebuild
extracts only new or changed files). Documents stream through it: workers
get paths and return extractions, a bounded number at a time, so no stage
holds every text. The later stages merge all extractions and run once, in
this process; the graph is rebuilt from the current set of extractions, so
a removed file takes away what only it supported. The RDF never sits in
Python: the graph's Turtle is written block by block into ``graph.ttl`` and
the Oxigraph store (on disk in the output folder), and only the blocks that
changed since the previous build of the folder are written again
(:mod:`kg.rdf.writer`); the SHACL shapes run in the store as SPARQL
(:mod:`kg.validate`), on the nodes whose triples changed.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ..curation import CURATION_FILE, CurationResult, Decision, apply_curation, read_curation
from ..curation.record import record_curation
from ..errors import CurationError, InputError
from ..graph import build_graph
from ..link import link_graph
from .cache import DEFAULT_CACHE_NAME
from .extraction import run_extraction

if TYPE_CHECKING:  # pyoxigraph loads only where the store is used
    import pyoxigraph

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build made, for the CLI's summary and for callers.

    ``extracted`` counts documents extracted in this build and ``cached``
    those taken from the cache; ``timings`` has the seconds of each stage
    (extract, graph, rdf, validate, export); ``triples`` counts the RDF
    triples. ``store`` is the in-memory pyoxigraph store of a build without
    an output folder (``None`` otherwise: the store is ``out_dir/store``).
    ``rdf_reused`` counts the blocks of ``graph.ttl`` taken unchanged from
    the previous build of the folder (``None``: written from scratch).
    """

    graph: nx.MultiDiGraph
    triples: int
    out_dir: Path | None
    seconds: float
    documents: int
    problems: list[str] = field(default_factory=list)
    violations: int | None = None
    extracted: int = 0
    cached: int = 0
    backend: str = "serial"
    timings: dict[str, float] = field(default_factory=dict)
    store: pyoxigraph.Store | None = field(default=None, repr=False)
    rdf_reused: int | None = None

    @property
    def rdf(self):
        """The triples as an rdflib ``Graph`` (made on first use: ~1.5 KB of memory per triple)."""
        if getattr(self, "_rdf", None) is None:
            from ..rdf import to_rdf

            self._rdf = to_rdf(self.graph)
        return self._rdf

    def summary(self) -> dict:
        """Counts by entity type and relation type, plus timings."""
        types = Counter(d["type"] for _, d in self.graph.nodes(data=True))
        rels = Counter(k for _, _, k in self.graph.edges(keys=True))
        return {
            "documents": self.documents,
            "extracted": self.extracted,
            "cached": self.cached,
            "backend": self.backend,
            "rdf_blocks_reused": self.rdf_reused,
            "entities": dict(sorted(types.items())),
            "relations": dict(sorted(rels.items())),
            "observations": len(self.graph.graph.get("observations", [])),
            "triples": self.triples,
            "seconds": round(self.seconds, 2),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
            "problems": len(self.problems),
            "curation": len(self.graph.graph.get("curation", [])),
            "shacl_violations": self.violations,
        }


#: Collector thresholds during a build (CPython's default is (700, 10, 10)).
BUILD_GC_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def fewer_gc_passes(thresholds: tuple[int, int, int] = BUILD_GC_THRESHOLDS):
    """Run Python's cyclic garbage collector less often inside the block.

    A build makes millions of small objects that live until it ends (the
    extractions, then the graph's nodes and edges), and with the default
    thresholds the collector walks them again and again: reading 500 cached
    extractions took twice as long with it (bench/BUILD.md). Collection
    still happens, so the garbage cycles of in-process extraction are freed;
    the previous thresholds come back on exit.
    """
    previous = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@fewer_gc_passes()
def build_corpus(
    inputs: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike | None = None,
    *,
    strict: bool = False,
    progress: bool = False,
    validate: bool = True,
    on_problem: Callable[[str], None] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    curation: str | os.PathLike | None = None,
) -> BuildResult:
    """Build the graph for ``inputs`` and, with ``out_dir``, write every output file.

    Args:
        jobs: extraction processes (default: one per core).
        scheduler: a Dask scheduler address to extract on instead of local processes.
        cache_dir: the extraction cache (default ``OUT/.cache``; none without ``out_dir``).
        use_cache: false to extract every document and leave the cache alone,
            and to make ``graph.ttl`` and the store from scratch instead of from
            the previous build's (:mod:`kg.rdf.writer`).
        curation: a curation file (:mod:`kg.curation`) to apply to the
            extractions; default ``curation.tsv`` in the first input folder that
            has one. A line that matches nothing is a problem (an error when ``strict``).

    The output does not depend on ``jobs``, ``scheduler`` or the cache: the
    same inputs give byte-identical files. Worker processes are started with
    ``forkserver`` (``spawn`` where there is none), so a script that builds
    with ``jobs`` > 1 needs the usual ``if __name__ == "__main__":`` guard.

    Raises:
        InputError: no input path exists, or no document could be read.
        SchedulerError: the Dask scheduler cannot be reached or used.
        CurationError: the curation file cannot be read or has a malformed line
            (or, when ``strict``, a line that matches nothing).

    (Longer than most functions here: it is the one place where the stages are
    put in order and timed, each a call into its own module.)
    """
    started = time.perf_counter()
    problems: list[str] = []
    timings: dict[str, float] = {}

    def report(msg: str) -> None:
        problems.append(msg)
        (on_problem or log.warning)(msg)

    out = Path(out_dir) if out_dir is not None else None
    if not use_cache:
        cache_dir = None
    elif cache_dir is None and out is not None:
        cache_dir = out / DEFAULT_CACHE_NAME

    inputs = list(inputs)
    decisions = _curation_decisions(inputs, curation)
    t = time.perf_counter()
    run = run_extraction(
        inputs,
        jobs=jobs,
        scheduler=scheduler,
        cache_dir=cache_dir,
        strict=strict,
        progress=progress,
        on_problem=report,
    )
    timings["extract"] = time.perf_counter() - t
    if not run.extractions:
        raise InputError(
            "no readable text files in the input; pass .txt files or folders that hold them"
        )
    t = time.perf_counter()
    curated = _apply_curation(run.extractions, decisions, strict, report)
    G = link_graph(build_graph(run.extractions))  # kg.link: codes and coordinates
    del run.extractions[:]  # the graph holds what later stages need
    if curated is not None:
        record_curation(G, curated)
    timings["graph"] = time.perf_counter() - t
    if out is not None:
        store = None
        rdf, triples, violations = _write_outputs(
            G, out, validate, use_cache, run.fingerprint, timings
        )
        reused = rdf.reused_blocks if rdf.incremental else None
    else:
        reused = None
        store, triples, violations = _load_and_validate(G, validate, timings)
    return BuildResult(
        G,
        triples,
        out,
        time.perf_counter() - started,
        len(G.graph.get("documents", {})),
        problems,
        violations,
        extracted=run.extracted,
        cached=run.cached,
        backend=run.backend,
        timings=timings,
        store=store,
        rdf_reused=reused,
    )


def _curation_decisions(inputs: list, curation: str | os.PathLike | None) -> tuple[Decision, ...]:
    """The decisions of ``curation``, or of ``curation.tsv`` in the first input folder holding one."""
    if curation is None:
        found = (Path(p) / CURATION_FILE for p in inputs if Path(p).is_dir())
        curation = next((f for f in found if f.is_file()), None)
    return read_curation(curation) if curation is not None else ()


def _apply_curation(
    extractions: list, decisions: tuple[Decision, ...], strict: bool, report: Callable[[str], None]
) -> CurationResult | None:
    """Apply the decisions to ``extractions`` in place; a line that matches nothing is reported."""
    if not decisions:
        return None
    curated = apply_curation(extractions, decisions)
    for d in curated.unmatched:
        message = (
            f"{d.where}: {d.operation} {' '.join(d.args)} matches nothing in this corpus; "
            "correct the names (an entity's name or alias, Type:name to pick a type) or remove the line"
        )
        if strict:
            raise CurationError(message)
        report(message)
    extractions[:] = curated.extractions
    return curated


def _write_outputs(
    G: nx.MultiDiGraph,
    out: Path,
    validate: bool,
    reuse: bool,
    extraction_fingerprint: str,
    timings: dict[str, float],
):
    """The RDF, validate and export stages into a staging folder that replaces ``out`` as a whole.

    Returns ``(RdfOutput, triple count, violations or None)``.
    """
    from ..atomic import staged_folder
    from ..export import write_files

    with staged_folder(out) as stage:
        rdf, triples, violations = _write_and_validate(
            G, out, stage, validate, reuse, extraction_fingerprint, timings
        )
        t = time.perf_counter()
        write_files(G, stage, rdf.iris)
        rdf.store = None  # closes the store before its folder is swapped in
    timings["export"] = time.perf_counter() - t
    return rdf, triples, violations


def _load_and_validate(G: nx.MultiDiGraph, validate: bool, timings: dict[str, float]):
    """The RDF and validate stages of a build without an output folder: an in-memory store, then SHACL.

    Returns ``(store, triple count, violations or None)``; adds the stages' seconds to ``timings``.
    """
    from ..rdf.store import load_graph

    t = time.perf_counter()
    store = load_graph(G)
    triples = len(store)
    timings["rdf"] = time.perf_counter() - t
    violations = None
    if validate:
        t = time.perf_counter()
        violations = len(_validate(store).violations)
        timings["validate"] = time.perf_counter() - t
    return store, triples, violations


def _write_and_validate(
    G,
    out: Path,
    stage: Path,
    validate: bool,
    reuse: bool,
    extraction_fingerprint: str,
    timings: dict[str, float],
):
    """The RDF and validate stages into a staged output folder, from the previous build's outputs where they hold.

    Returns ``(RdfOutput, triple count, violations or None)``.
    """
    from ..rdf.writer import load_previous, save_state, write_rdf
    from .fingerprints import rdf_fingerprint

    t = time.perf_counter()
    fingerprint = rdf_fingerprint(extraction_fingerprint)
    previous = load_previous(out, fingerprint) if reuse and out.is_dir() else None
    rdf = write_rdf(G, stage, previous)
    timings["rdf"] = time.perf_counter() - t
    if rdf.focus is not None:  # an incremental write
        log.info(
            "RDF: %d blocks reused, %d written; %d nodes to validate again",
            rdf.reused_blocks,
            rdf.written_blocks,
            len(rdf.focus),
        )
    violations = results = None
    if validate:
        t = time.perf_counter()
        if rdf.incremental and previous is not None and previous.results is not None:
            report = _validate(rdf.store, focus=rdf.focus, previous=rdf.previous_results)
        else:
            report = _validate(rdf.store)
        results, violations = list(report.results), len(report.violations)
        timings["validate"] = time.perf_counter() - t
    save_state(stage, rdf, fingerprint, results)
    return rdf, rdf.triples, violations


def _validate(store, **kwargs):
    """SHACL report of the built graph, by the compiled SPARQL checks over its store (violations logged)."""
    from ..validate import validate_store

    report = validate_store(store, **kwargs)
    for v in report.violations[:20]:
        log.warning("SHACL: %s", v)
    return report
