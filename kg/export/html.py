"""Interactive HTML map of the graph (pyvis / vis-network)."""
from __future__ import annotations

import html
import os

import networkx as nx

from .files import write_text_atomic

TYPE_COLORS = {
    "Place": "#4e79a7",
    "Program": "#f28e2b",
    "Industry": "#59a14f",
    "Platform": "#e15759",
    "Organization": "#b07aa1",
}


def export_html(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write the graph as an HTML page with vis-network inlined."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for key, d in G.nodes(data=True):
        title = f"{d['type']}: {d['name']}\n" + "\n".join(sorted({m.sentence for m in d.get('mentions', [])})[:3])
        net.add_node(key, label=d["name"], color=TYPE_COLORS.get(d["type"], "#999"), title=html.escape(title),
                     value=max(1, d.get("mention_count", 1)))
    for h, t, k, d in G.edges(keys=True, data=True):
        ev = d.get("evidence", [])
        net.add_edge(h, t, label=k, title=html.escape(ev[0].sentence if ev else k))
    net.toggle_physics(True)
    write_text_atomic(path, net.generate_html())
