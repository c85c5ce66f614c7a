"""GraphML, node-link JSON and CSV views of the NetworkX graph, and plain-text tables.

These formats hold scalars only, so lists (aliases, documents) are joined
with ``|`` and evidence is reduced to its sentences. :func:`text_table` is the
one renderer of the aligned tables ``kg query`` and ``kg stats`` print.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata

import networkx as nx

from ..atomic import atomic_path, write_text_atomic


def text_table(header: list[str], rows: list[list]) -> list[str]:
    """Lines of a table aligned for a terminal (CJK characters count two columns).

    >>> for line in text_table(["名称", "n"], [["成都", 3]]):
    ...     print(line)
    名称  n
    ----  -
    成都  3
    """
    cells = [list(header)] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are strings and numbers only."""
    F = nx.MultiDiGraph()
    for key, d in G.nodes(data=True):
        F.add_node(
            key,
            type=d["type"],
            name=d["name"],
            subclass=d.get("subclass") or "",
            aliases="|".join(d.get("aliases", [])),
            mention_count=int(d.get("mention_count", 0)),
            documents="|".join(d.get("documents", [])),
        )
    for h, t, k, d in G.edges(keys=True, data=True):
        ev = d.get("evidence", [])
        F.add_edge(
            h,
            t,
            key=k,
            rel=d["rel"],
            evidence_count=len(ev),
            evidence=" ‖ ".join(sorted({m.shown for m in ev})),
            documents="|".join(sorted({m.doc_id for m in ev})),
        )
    return F


def export_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write GraphML (loads back with ``networkx.read_graphml``)."""
    F = flat_graph(G)
    with atomic_path(path) as tmp:
        nx.write_graphml(F, tmp, encoding="utf-8")


def export_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write node-link JSON (``networkx.node_link_data``)."""
    data = nx.node_link_data(flat_graph(G), edges="links")
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def _csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def export_csv(
    G: nx.MultiDiGraph, entities_path: str | os.PathLike, relations_path: str | os.PathLike
) -> None:
    """Write ``entities.csv`` (one row per node) and ``relations.csv`` (one per edge)."""
    ent_rows = [
        [
            k,
            d["type"],
            d["name"],
            "|".join(d.get("aliases", [])),
            d.get("mention_count", 0),
            "|".join(d.get("documents", [])),
        ]
        for k, d in sorted(G.nodes(data=True))
    ]
    write_text_atomic(
        entities_path,
        _csv_text(["key", "type", "name", "aliases", "mentions", "documents"], ent_rows),
    )
    rel_rows = []
    for h, t, _k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        ev = d.get("evidence", [])
        rel_rows.append([h, d["rel"], t, len(ev), ev[0].shown if ev else ""])
    write_text_atomic(
        relations_path, _csv_text(["head", "rel", "tail", "evidence_count", "evidence"], rel_rows)
    )
