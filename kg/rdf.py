"""RDF stage: the NetworkX graph → an rdflib graph in the kg: vocabulary.

Every entity gets its five-class type (and a finer class where known),
``rdfs:label``/``skos:prefLabel`` @zh, ``skos:altLabel`` per other surface
form, ``kg:mentionedIn`` per document and a ``kg:Mention`` per span. Every
relation is a direct triple plus a ``kg:RelationAssertion`` that links it to
the sentences (mentions) and documents that state it. IRIs are derived from
content only, so the same input gives the same triples.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .ids import document_iri, entity_iris, mention_iri
from .types import Mention
from .vocab import KG, PREFIXES


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def decimal_text(value: Decimal) -> str:
    """Canonical ``xsd:decimal`` text: no exponent, no trailing zeros.

    >>> decimal_text(Decimal("11500.00")), decimal_text(Decimal("2.450")), decimal_text(Decimal("1E+12"))
    ('11500', '2.45', '1000000000000')
    """
    text = format(value.normalize(), "f")
    return text


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g


def _add_mention(g: Graph, m: Mention) -> URIRef:
    node = URIRef(mention_iri(m.doc_id, m.start, m.end))
    g.add((node, RDF.type, KG.Mention))
    g.add((node, KG.document, URIRef(document_iri(m.doc_id))))
    g.add((node, KG.startOffset, Literal(m.start, datatype=XSD.integer)))
    g.add((node, KG.endOffset, Literal(m.end, datatype=XSD.integer)))
    g.add((node, KG.surfaceForm, Literal(m.text, lang="zh")))
    g.add((node, KG.sentence, Literal(m.sentence, lang="zh")))
    return node


def entity_iri_map(G: nx.MultiDiGraph) -> dict[str, URIRef]:
    """Node key → entity IRI for every node of ``G``."""
    pairs = {key: (data["type"], data["name"]) for key, data in G.nodes(data=True)}
    iris = entity_iris(list(pairs.values()))
    return {key: URIRef(iris[pair]) for key, pair in pairs.items()}


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """Convert the graph stage's output to RDF with sentence-level provenance."""
    g = new_graph()
    for doc in G.graph.get("documents", {}).values():
        node = URIRef(document_iri(doc.id))
        g.add((node, RDF.type, KG.Document))
        g.add((node, KG.fileName, Literal(doc.file_name)))
        g.add((node, KG.sha256, Literal(doc.sha256)))
        g.add((node, KG.charCount, Literal(doc.length, datatype=XSD.integer)))
        if doc.title:
            g.add((node, DCTERMS.title, Literal(doc.title, lang="zh")))

    iri = entity_iri_map(G)
    for key, data in G.nodes(data=True):
        node = iri[key]
        g.add((node, RDF.type, KG[data["type"]]))
        if data.get("subclass"):
            g.add((node, RDF.type, KG[data["subclass"]]))
        label = Literal(data["name"], lang="zh")
        g.add((node, RDFS.label, label))
        g.add((node, SKOS.prefLabel, label))
        for alias in data.get("aliases", []):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        for doc_id in data.get("documents", []):
            g.add((node, KG.mentionedIn, URIRef(document_iri(doc_id))))
        g.add((node, KG.mentionCount, Literal(data.get("mention_count", 0), datatype=XSD.integer)))
        for m in data.get("mentions", []):
            g.add((node, KG.hasMention, _add_mention(g, m)))

    for h, t, rel, data in G.edges(keys=True, data=True):
        prop = KG[rel]
        g.add((iri[h], prop, iri[t]))
        assertion = URIRef(f"{PREFIXES['kgr']}assertion/{_hash(h, rel, t)}")
        g.add((assertion, RDF.type, KG.RelationAssertion))
        g.add((assertion, KG.assertedSubject, iri[h]))
        g.add((assertion, KG.assertedPredicate, prop))
        g.add((assertion, KG.assertedObject, iri[t]))
        for m in data.get("evidence", []):
            g.add((assertion, KG.evidence, _add_mention(g, m)))
            g.add((assertion, KG.statedIn, URIRef(document_iri(m.doc_id))))

    for o in G.graph.get("observations", []):
        if o.subject not in iri:
            continue
        m = o.evidence
        node = URIRef(
            f"{PREFIXES['kgr']}observation/{_hash(o.subject, o.indicator, decimal_text(o.value), o.unit, o.year, m.doc_id, m.start)}"
        )
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.subject, iri[o.subject]))
        g.add((node, KG.indicator, Literal(o.indicator, lang="zh")))
        g.add((node, KG.value, Literal(decimal_text(o.value), datatype=XSD.decimal)))
        g.add((node, KG.unit, Literal(o.unit)))
        if o.year:
            g.add((node, KG.year, Literal(str(o.year), datatype=XSD.gYear)))
        g.add((node, KG.evidence, _add_mention(g, m)))
    return g
