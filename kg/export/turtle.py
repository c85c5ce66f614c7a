"""Turtle output of a graph held in memory: what ``kg build`` writes as ``graph.ttl``.

A build writes ``graph.ttl`` block by block through :func:`kg.rdf.writer.write_rdf`
(from the previous build's file where it can); :func:`export_turtle` writes
the same bytes for a graph alone.
"""

from __future__ import annotations

import os

from ..atomic import atomic_path
from ..rdf.blocks import rdf_blocks, turtle_header


def export_turtle(G, path: str | os.PathLike, iris=None) -> None:
    """Write graph ``G`` as Turtle to ``path`` atomically (streamed, block by block)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write(turtle_header())
        for block in rdf_blocks(G, iris):
            fh.write(block.text())
