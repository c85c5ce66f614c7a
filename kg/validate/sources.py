"""The shapes and ontology graphs, parsed once per process."""

from __future__ import annotations

import functools
from pathlib import Path

import rdflib

from ..errors import GraphFileError


@functools.lru_cache(maxsize=8)
def read_turtle(path: Path) -> rdflib.Graph:
    """Parse a Turtle file once per process (callers must not change it)."""
    if not path.is_file():
        raise GraphFileError(
            f"{path}: shapes file not found; pass the path of an existing Turtle file"
        )
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise GraphFileError(
            f"{path}: not valid Turtle ({exc}); check it with `rapper -i turtle -c {path}`"
        ) from exc
