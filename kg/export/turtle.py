"""Turtle output, byte-identical for the same graph."""
from __future__ import annotations

import os

from rdflib import Graph

from .files import write_bytes_atomic


def turtle_bytes(g: Graph) -> bytes:
    """Serialise to Turtle; rdflib's serializer orders subjects and predicates."""
    return g.serialize(format="turtle", encoding="utf-8")


def export_turtle(g: Graph, path: str | os.PathLike) -> None:
    """Write ``g`` as Turtle to ``path`` atomically."""
    write_bytes_atomic(path, turtle_bytes(g))
