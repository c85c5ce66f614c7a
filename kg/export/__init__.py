"""Export stage: every output file of a build, each written atomically."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from .html import export_html
from .tables import export_csv, export_graphml, export_json
from .turtle import export_turtle

#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.json", "entities.csv", "relations.csv")


def write_outputs(G: nx.MultiDiGraph, rdf: Graph, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` (created if missing); return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    export_turtle(rdf, out / "graph.ttl")
    export_graphml(G, out / "graph.graphml")
    export_json(G, out / "graph.json")
    export_csv(G, out / "entities.csv", out / "relations.csv")
    export_html(G, out / "graph.html")
    return [out / name for name in OUTPUT_FILES]
