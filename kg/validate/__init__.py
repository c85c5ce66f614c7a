"""Validate stage: the built graph against the SHACL shapes of ``ontology/shapes.ttl``.

- :mod:`.report`: the results as plain data (:class:`ShapeResult`, :class:`ValidationReport`).
- :mod:`.sources`: the shapes and the ontology, parsed once.
- :mod:`.checks` and :mod:`.compiler`: the shapes compiled to SPARQL queries.
- :mod:`.engine`: those queries run in an Oxigraph store (what ``kg build`` uses).
- :mod:`.reference`: pyshacl over an rdflib graph (``kg validate --engine pyshacl``);
  imported only when asked for.
"""

from __future__ import annotations

from .engine import validate_store
from .report import ShapeResult, ValidationReport

__all__ = ["ShapeResult", "ValidationReport", "validate_store"]
