"""Export stage: every output file of a build, each written atomically."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from .files import staged_folder
from .html import export_html
from .tables import export_csv, export_graphml, export_json
from .turtle import export_turtle

#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.json", "entities.csv", "relations.csv")


def write_outputs(G: nx.MultiDiGraph, rdf: Graph, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` as one set; return their paths.

    They are written into a sibling staging folder that replaces ``out_dir``
    in one atomic swap (:func:`~kg.export.files.staged_folder`; anything
    else in ``out_dir``, such as ``.cache``, is carried over), so a build
    killed at any moment leaves the previous output complete and unchanged.
    """
    out = Path(out_dir)
    with staged_folder(out) as stage:
        written = _write_into(G, rdf, stage)
    return [out / p.relative_to(stage) for p in written]


def _write_into(G: nx.MultiDiGraph, rdf: Graph, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` (created if missing); return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    export_turtle(rdf, out / "graph.ttl")
    # the embedded store for `kg query` / `kg serve`, same triples as graph.ttl,
    # built beside out/store and renamed over it (kg.store.build_store)
    from ..store import STORE_DIR, build_store

    build_store(out / "graph.ttl", out / STORE_DIR)
    export_graphml(G, out / "graph.graphml")
    export_json(G, out / "graph.json")
    export_csv(G, out / "entities.csv", out / "relations.csv")
    export_html(G, out / "graph.html")
    return [out / name for name in OUTPUT_FILES] + [out / STORE_DIR]
