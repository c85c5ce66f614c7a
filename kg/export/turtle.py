"""Turtle output of a graph or of a store.

A build writes ``graph.ttl`` block by block (:mod:`kg.rdf`, :mod:`kg.delta`);
:func:`export_turtle` writes the same Turtle for a graph held in memory, and
:func:`store_turtle` dumps whatever a pyoxigraph store holds.
"""
from __future__ import annotations

import os

from ..rdf import TURTLE_PREFIXES, rdf_blocks, turtle_header
from .files import atomic_path


def export_turtle(G, path: str | os.PathLike, iris=None) -> None:
    """Write graph ``G`` as Turtle to ``path`` atomically (streamed, block by block): what ``kg build`` writes."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write(turtle_header())
        for block in rdf_blocks(G, iris):
            fh.write(block.text())


def store_turtle(store) -> bytes:
    """The default graph of a pyoxigraph ``Store`` as Turtle (in Oxigraph's order)."""
    import pyoxigraph as ox

    return store.dump(None, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=TURTLE_PREFIXES)
