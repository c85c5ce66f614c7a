"""The reference engine: SHACL validation of an rdflib graph by pyshacl.

The shapes check what the ontology cannot say: every entity has exactly one
of the five main types and one ``@zh`` label, relations have the right
domain and range and keep their evidence, mentions lie inside their
document, observations have a decimal value. :func:`validate` runs pyshacl
with the ontology mixed in (so ``sh:class kg:Place`` accepts a ``kg:City``)
and no inference, and returns a :class:`ValidationReport` of plain strings.

Example:
    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib
from rdflib import RDF, BNode, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .. import resources
from ..errors import GraphFileError
from .report import ShapeResult, ValidationReport
from .sources import read_turtle


def validate(data: rdflib.Graph, *, shapes_path: str | Path | None = None) -> ValidationReport:
    """Validate a graph against the project's SHACL shapes.

    The ontology is mixed into a copy of ``data`` (``data`` itself is not
    changed); no RDFS or OWL inference is run. SHACL-AF is enabled for the
    SPARQL targets the shapes use to stay fast.

    Args:
        data: the graph to check.
        shapes_path: a shapes file to use instead of ``ontology/shapes.ttl``.

    Returns:
        The report; ``report.conforms`` is False when any shape of severity
        Violation fails.

    Raises:
        GraphFileError: if the ontology or the shapes file is missing or is
            not Turtle.

    Example:
        >>> from rdflib import Graph
        >>> g = Graph().parse(format="turtle", data='''
        ...     @prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .
        ...     <https://w3id.org/xinzhi-kg/id/obs/1> a kg:Observation .''')
        >>> report = validate(g)
        >>> report.conforms
        False
        >>> sorted(path.rsplit("#", 1)[-1] for _, path, _ in report.violations)
        ['evidence', 'indicator', 'subject', 'unit', 'value']
    """
    shapes_file = (
        Path(shapes_path).resolve() if shapes_path is not None else resources.shapes_path()
    )
    shapes = read_turtle(shapes_file)
    ontology = read_turtle(resources.ontology_path())
    _conforms, results_graph, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=False,
    )
    if not isinstance(results_graph, rdflib.Graph):  # pyshacl returns, not raises, a failure
        raise GraphFileError(
            f"{shapes_file}: the SHACL shapes cannot run ({results_graph}); fix the shapes file"
        )
    results = _results(results_graph)
    violations = [(r.focus, r.path, r.message) for r in results if r.severity == "Violation"]
    return ValidationReport(
        conforms=not violations,
        violations=violations,
        text=text,
        results=results,
    )


def _results(report: rdflib.Graph) -> tuple[ShapeResult, ...]:
    """The top-level results of a pyshacl report graph, sorted."""
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, node) in report:
            continue  # a nested detail of another result
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        out.append(
            ShapeResult(
                focus=_plain(report.value(node, SH.focusNode)),
                path=_path_text(report, path) if path is not None else "",
                message=" ".join(messages),
                constraint=_local(report.value(node, SH.sourceConstraintComponent)),
                severity=_local(report.value(node, SH.resultSeverity)),
                value=_plain(value) if value is not None else "",
                shape=str(shape) if isinstance(shape, URIRef) else "",
            )
        )
    return tuple(sorted(out))


def _plain(node: rdflib.term.Node | None) -> str:
    """An IRI or literal as a plain string; a blank node as ``_:id``.

    >>> from rdflib import Literal
    >>> _plain(URIRef("https://w3id.org/xinzhi-kg/id/place/chengdu"))
    'https://w3id.org/xinzhi-kg/id/place/chengdu'
    >>> _plain(Literal(12))
    '12'
    """
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _local(node: rdflib.term.Node | None) -> str:
    """The local name of an ``sh:`` IRI.

    >>> _local(SH.MinCountConstraintComponent)
    'MinCountConstraintComponent'
    """
    text = _plain(node)
    return text[len(str(SH)) :] if text.startswith(str(SH)) else text


def _path_text(g: rdflib.Graph, path: rdflib.term.Node) -> str:
    """A SHACL property path in SPARQL syntax; a plain IRI for a predicate path.

    >>> _path_text(rdflib.Graph(), URIRef("https://w3id.org/xinzhi-kg/ontology#develops"))
    'https://w3id.org/xinzhi-kg/ontology#develops'
    """
    if isinstance(path, URIRef):
        return str(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _wrap(g, inverse)
    if g.value(path, RDF.first) is not None:
        return "/".join(_wrap(g, p) for p in Collection(g, path))
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, key)
        if inner is not None:
            return _wrap(g, inner) + suffix
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_wrap(g, p) for p in Collection(g, alternatives)) + ")"
    return _plain(path)


def _wrap(g: rdflib.Graph, path: rdflib.term.Node) -> str:
    """:func:`_path_text` with a bare IRI in angle brackets, for use inside a longer path."""
    return f"<{path}>" if isinstance(path, URIRef) else _path_text(g, path)
