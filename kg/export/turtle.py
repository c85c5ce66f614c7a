"""Turtle output, written by Oxigraph from the build's store: byte-identical for the same graph.

Oxigraph writes the triples in its index order (which depends on the terms
only, not on the order they were loaded in), each subject's triples
together. Entity, mention and document IRIs are written in full: their
``kgr:`` local names hold ``/``, which Turtle can only write escaped.
"""
from __future__ import annotations

import os

from ..vocab import PREFIXES
from .files import atomic_path

#: Prefixes declared in graph.ttl (``kgr`` left out: see the module docstring).
TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "kgr"}


def turtle_bytes(store) -> bytes:
    """The default graph of a pyoxigraph ``Store`` as Turtle."""
    import pyoxigraph as ox

    return store.dump(None, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=TURTLE_PREFIXES)


def export_turtle(store, path: str | os.PathLike) -> None:
    """Write the default graph of a pyoxigraph ``Store`` as Turtle to ``path`` atomically (streamed)."""
    import pyoxigraph as ox

    with atomic_path(path) as tmp:
        store.dump(str(tmp), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=TURTLE_PREFIXES)
