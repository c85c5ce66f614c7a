"""Export stage: every output file of a build, each written atomically."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .files import staged_folder
from .html import export_html
from .tables import export_csv, export_graphml, export_json
from .turtle import export_turtle

#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.json", "entities.csv", "relations.csv")


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path) -> list[Path]:
    """Write all outputs of ``G`` into ``out_dir`` as one set; return their paths.

    They are written into a sibling staging folder that replaces ``out_dir``
    in one atomic swap (:func:`~kg.export.files.staged_folder`; anything
    else in ``out_dir``, such as ``.cache``, is carried over), so a build
    killed at any moment leaves the previous output complete and unchanged.
    The store (``store/``) is loaded from ``G`` first, and ``graph.ttl`` is
    written from it.
    """
    from ..store import STORE_DIR, load_graph

    out = Path(out_dir)
    with staged_folder(out) as stage:
        store = load_graph(G, stage / STORE_DIR)
        written = write_files(G, store, stage)
        del store  # closes the store before its folder is swapped in
    return [out / p.relative_to(stage) for p in written]


def write_files(G: nx.MultiDiGraph, store, folder: str | Path) -> list[Path]:
    """Write every output file into ``folder`` beside ``store/``: Turtle from ``store``, the rest from ``G``."""
    from ..store import STORE_DIR

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    export_turtle(store, out / "graph.ttl")
    export_graphml(G, out / "graph.graphml")
    export_json(G, out / "graph.json")
    export_csv(G, out / "entities.csv", out / "relations.csv")
    export_html(G, out / "graph.html")
    return [out / name for name in OUTPUT_FILES] + [out / STORE_DIR]
