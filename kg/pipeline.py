"""The whole build: corpus → extraction → graph → RDF → files.

``build_corpus`` is the library entry point behind ``kg build``; it returns
a :class:`BuildResult` and never prints (progress goes to a tqdm bar on
stderr when ``progress`` is true, problems to ``on_problem``).
"""
from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .corpus import find_files, read_corpus
from .errors import InputError
from .extract import extract
from .graph import build_graph
from .rdf import to_rdf
from .types import Extraction

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build made, for the CLI's summary and for callers."""

    graph: nx.MultiDiGraph
    rdf: Graph
    out_dir: Path | None
    seconds: float
    documents: int
    problems: list[str] = field(default_factory=list)
    violations: int | None = None

    def summary(self) -> dict:
        """Counts by entity type and relation type, plus timings."""
        types = Counter(d["type"] for _, d in self.graph.nodes(data=True))
        rels = Counter(k for _, _, k in self.graph.edges(keys=True))
        return {
            "documents": self.documents,
            "entities": dict(sorted(types.items())),
            "relations": dict(sorted(rels.items())),
            "observations": len(self.graph.graph.get("observations", [])),
            "triples": len(self.rdf),
            "seconds": round(self.seconds, 2),
            "problems": len(self.problems),
            "shacl_violations": self.violations,
        }


def extract_corpus(
    inputs: Iterable[str | os.PathLike],
    *,
    strict: bool = False,
    progress: bool = False,
    on_problem: Callable[[str], None] | None = None,
) -> list[Extraction]:
    """Read and extract every document under ``inputs``."""
    inputs = list(inputs)
    total = len(find_files(inputs))
    docs = read_corpus(inputs, strict=strict, on_problem=on_problem)
    if progress and total > 1:
        from tqdm import tqdm

        docs = tqdm(docs, total=total, desc="extracting", unit="doc", leave=False)
    return [extract(doc) for doc in docs]


def build_corpus(
    inputs: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike | None = None,
    *,
    strict: bool = False,
    progress: bool = False,
    validate: bool = True,
    on_problem: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph for ``inputs`` and, with ``out_dir``, write every output file.

    Raises:
        InputError: no input path exists, or no document could be read.
    """
    started = time.perf_counter()
    problems: list[str] = []

    def report(msg: str) -> None:
        problems.append(msg)
        (on_problem or log.warning)(msg)

    extractions = extract_corpus(inputs, strict=strict, progress=progress, on_problem=report)
    if not extractions:
        raise InputError("no readable text files in the input; pass .txt files or folders that hold them")
    G = build_graph(extractions)
    rdf = to_rdf(G)
    violations = None
    if validate:
        violations = _count_violations(rdf)
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        from .export import write_outputs

        write_outputs(G, rdf, out)
    return BuildResult(G, rdf, out, time.perf_counter() - started, len(extractions), problems, violations)


def _count_violations(rdf: Graph) -> int | None:
    """SHACL violations of the built graph (``None`` where validation is unavailable)."""
    try:
        from .shapes import validate
    except ImportError:  # pragma: no cover - shapes ship with the package
        return None
    report = validate(rdf)
    for v in report.violations[:20]:
        log.warning("SHACL: %s", v)
    return len(report.violations)
