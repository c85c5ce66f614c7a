"""Export stage: every output file of a build, each written atomically.

``graph.ttl`` and ``store/`` are written by :func:`kg.rdf.writer.write_rdf` (from
the previous build's where it can); the other files come from the graph.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..atomic import staged_folder
from .html import export_html
from .tables import export_csv, export_graphml, export_json

#: The files a build writes into its output folder.
OUTPUT_FILES = (
    "graph.ttl",
    "graph.html",
    "graph.graphml",
    "graph.json",
    "entities.csv",
    "relations.csv",
)


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path) -> list[Path]:
    """Write all outputs of ``G`` into ``out_dir`` as one set; return their paths.

    They are written into a sibling staging folder that replaces ``out_dir``
    in one atomic swap (:func:`~kg.atomic.staged_folder`; anything
    else in ``out_dir``, such as ``.cache``, is carried over), so a build
    killed at any moment leaves the previous output complete and unchanged.
    """
    from ..rdf.store import STORE_DIR
    from ..rdf.writer import write_rdf

    out = Path(out_dir)
    with staged_folder(out) as stage:
        rdf = write_rdf(G, stage)
        written = write_files(G, stage, rdf.iris)
        rdf.store = None  # closes the store before its folder is swapped in
    return [out / p.relative_to(stage) for p in [stage / "graph.ttl", *written, stage / STORE_DIR]]


def write_files(G: nx.MultiDiGraph, folder: str | Path, iris=None) -> list[Path]:
    """Write the outputs made from ``G`` alone (all but ``graph.ttl`` and ``store/``) into ``folder``.

    ``iris`` (node key → entity IRI) saves computing them again.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    export_graphml(G, out / "graph.graphml")
    export_json(G, out / "graph.json")
    export_csv(G, out / "entities.csv", out / "relations.csv")
    export_html(G, out / "graph.html", iris=iris)
    return [out / name for name in OUTPUT_FILES if name != "graph.ttl"]
