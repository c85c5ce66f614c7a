"""What a build predicts, for :mod:`kg.analysis.evaluate`: its entities, relations and
observations, read from ``graph.ttl`` with rdflib.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.util import guess_format

from ..errors import GraphFileError
from ..vocab import KG
from .gold import ENTITY_CLASSES, RELATION_PROPERTIES, normalize_name


@dataclass(frozen=True)
class PredictedEntity:
    """An entity of the build: its normalised names and its main classes."""

    iri: str
    label: str
    names: frozenset[str]
    types: frozenset[str]


@dataclass
class Predictions:
    """What a build states: entities by IRI, relations between them, observations."""

    entities: dict[str, PredictedEntity] = field(default_factory=dict)
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    observations: list[tuple[str, float]] = field(default_factory=list)


def prediction_file(path: str | PathLike[str]) -> Path:
    """The graph file of ``path``: an RDF file, or a build folder holding ``graph.ttl``."""
    from ..rdf.store import graph_turtle

    return graph_turtle(path)


def read_predictions(path: str | PathLike[str]) -> Predictions:
    """Read a build's entities, relations and observations with rdflib.

    Raises:
        GraphFileError: no graph at ``path``, or one rdflib cannot parse.
    """
    file = prediction_file(path)
    g = Graph()
    try:
        g.parse(file, format=guess_format(str(file)) or "turtle")
    except Exception as exc:  # rdflib raises parser-specific errors
        raise GraphFileError(
            f"{file}: not a readable RDF graph ({exc}); rebuild it with `kg build`"
        ) from exc
    return predictions_from_graph(g)


def predictions_from_graph(g: Graph) -> Predictions:
    """The entities, relations and observations an rdflib graph states."""
    types: dict[str, set[str]] = defaultdict(set)
    for name, cls in ENTITY_CLASSES.items():
        for node in g.subjects(RDF.type, cls):
            types[str(node)].add(name)
    pred = Predictions()
    for iri, classes in types.items():
        node = URIRef(iri)
        labels = sorted(str(x) for x in g.objects(node, RDFS.label))
        names = {
            str(x) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for x in g.objects(node, p)
        }
        label = labels[0] if labels else min(names, default=iri)
        pred.entities[iri] = PredictedEntity(
            iri, label, frozenset(normalize_name(n) for n in names), frozenset(classes)
        )
    for rel, prop in RELATION_PROPERTIES.items():
        for head, tail in g.subject_objects(prop):
            if str(head) in pred.entities and str(tail) in pred.entities:
                pred.relations.add((str(head), rel, str(tail)))
    for obs in g.subjects(RDF.type, KG.Observation):
        value = g.value(obs, KG.value)
        for subject in g.objects(obs, KG.subject):
            number = _number(value)
            if number is not None:
                pred.observations.append((str(subject), number))
    return pred


def _number(value) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None
