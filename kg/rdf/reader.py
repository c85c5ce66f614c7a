"""The one reader of a saved build: its RDF back into the graph stage's ``MultiDiGraph``.

``kg load``, ``kg stats`` and :func:`kg.load` all read a build this way:
:func:`read_graph` finds the graph behind a path (a build folder's
``store/``, else its ``graph.ttl``, or a ``.ttl`` file; see
:func:`kg.rdf.store.locate_graph`) and :func:`graph_from_store` rebuilds
what :func:`kg.graph.build_graph` made, mentions and evidence included: the
inverse of :func:`kg.rdf.blocks.rdf_blocks`.

Example:
    >>> import networkx as nx
    >>> from kg.rdf.store import load_graph
    >>> from kg.types import DocumentInfo
    >>> G = nx.MultiDiGraph()
    >>> G.graph["documents"] = {"d1": DocumentInfo("d1", "a.txt", "0" * 64, None, 10)}
    >>> G.add_node("Place:成都", type="Place", name="成都", subclass="City", aliases=["蓉城"],
    ...            mentions=[], mention_count=0, documents=["d1"])
    >>> F = graph_from_store(load_graph(G))
    >>> F.nodes["Place:成都"]["subclass"], F.nodes["Place:成都"]["aliases"], list(F.graph["documents"])
    ('City', ['蓉城'], ['d1'])
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

import networkx as nx

from ..link.read import read_links
from ..types import ENTITY_TYPES, DocumentInfo, Mention, Observation, entity_key
from ..vocab import KG_NS, KGR_NS, sparql_prologue
from .store import open_store

_DOC_PREFIX = KGR_NS + "doc/"
_NOT_SUBCLASSES = ("Document", "Mention", "RelationAssertion", "Observation")


def read_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The graph of a saved build: a build folder, its ``store/``, or a Turtle file.

    Raises:
        GraphFileError: no graph at ``path``, or it cannot be opened or parsed.
    """
    return graph_from_store(open_store(path))


def graph_from_store(store) -> nx.MultiDiGraph:
    """Rebuild the graph stage's ``MultiDiGraph`` from its RDF in a pyoxigraph ``Store``.

    Node and edge attributes, ``G.graph["documents"]`` (id → :class:`~kg.types.DocumentInfo`)
    and ``G.graph["observations"]`` are as :func:`kg.graph.build_graph` makes them.
    """

    def rows(sparql: str) -> Iterator[list]:
        for s in store.query(sparql_prologue() + sparql):
            yield [None if t is None else t.value for t in s]

    documents = _documents(rows)
    mentions = _mentions(rows)
    keys, nodes = _entities(rows, mentions)
    G = nx.MultiDiGraph()
    G.graph["documents"] = dict(sorted(documents.items(), key=lambda kv: (kv[1].file_name, kv[0])))
    for key in sorted(nodes):
        d = nodes[key]
        d["aliases"] = sorted(d["aliases"])
        d["mentions"] = sorted(d["mentions"], key=_mention_order)
        d["documents"] = sorted(d["documents"])
        G.add_node(key, **d)
    for h, rel, t, evidence in _relations(rows, keys, mentions):
        G.add_edge(h, t, key=rel, rel=rel, evidence=sorted(evidence, key=_mention_order))
    G.graph["observations"] = _observations(rows, keys, mentions)
    for key, link in read_links(store, keys).items():  # codes and coordinates (kg.link)
        G.nodes[key]["link"] = link
    return G


def _mention_order(m: Mention) -> tuple[str, int, int]:
    return (m.doc_id, m.start, m.end)


def _documents(rows) -> dict[str, DocumentInfo]:
    documents = {}
    for d, file_name, sha, length, title in rows(
        "SELECT ?d ?f ?s ?n ?t WHERE { ?d a kg:Document ; kg:fileName ?f ; kg:sha256 ?s ; kg:charCount ?n "
        "OPTIONAL { ?d dcterms:title ?t } }"
    ):
        doc_id = d.removeprefix(_DOC_PREFIX)
        documents[doc_id] = DocumentInfo(doc_id, file_name, sha, title, int(length))
    return documents


def _mentions(rows) -> dict[str, Mention]:
    return {
        m: Mention(d.removeprefix(_DOC_PREFIX), int(s), int(e), text, sentence, written)
        for m, d, s, e, text, sentence, written in rows(
            "SELECT ?m ?d ?s ?e ?x ?t ?w WHERE { ?m a kg:Mention ; kg:document ?d ; kg:startOffset ?s ; "
            "kg:endOffset ?e ; kg:surfaceForm ?x ; kg:sentence ?t OPTIONAL { ?m kg:sentenceAsWritten ?w } }"
        )
    }


def _entities(rows, mentions: dict[str, Mention]) -> tuple[dict[str, str], dict[str, dict]]:
    """``(entity IRI → node key, node key → attributes)``."""
    main_types = {KG_NS + t: t for t in ENTITY_TYPES}
    keys: dict[str, str] = {}
    nodes: dict[str, dict] = {}
    for e, type_iri, name in rows(
        "SELECT ?e ?c ?name WHERE { ?e a ?c ; rdfs:label ?name . VALUES ?c { "
        + " ".join(f"kg:{t}" for t in ENTITY_TYPES)
        + " } }"
    ):
        type_ = main_types[type_iri]
        keys[e] = entity_key(type_, name)
        nodes[keys[e]] = {
            "type": type_,
            "name": name,
            "subclass": None,
            "aliases": [],
            "mentions": [],
            "mention_count": 0,
            "documents": [],
        }
    skip = set(main_types) | {KG_NS + c for c in _NOT_SUBCLASSES}
    for e, c in rows("SELECT ?e ?c WHERE { ?e a ?c ; rdfs:label ?name }"):
        if e in keys and c not in skip and c.startswith(KG_NS):
            nodes[keys[e]]["subclass"] = c.removeprefix(KG_NS)
    for e, alias in rows("SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"):
        if e in keys:
            nodes[keys[e]]["aliases"].append(alias)
    for e, m in rows("SELECT ?e ?m WHERE { ?e kg:hasMention ?m }"):
        if e in keys and m in mentions:
            nodes[keys[e]]["mentions"].append(mentions[m])
    for e, d in rows("SELECT ?e ?d WHERE { ?e kg:mentionedIn ?d }"):
        if e in keys:
            nodes[keys[e]]["documents"].append(d.removeprefix(_DOC_PREFIX))
    for e, n in rows("SELECT ?e ?n WHERE { ?e kg:mentionCount ?n }"):
        if e in keys:
            nodes[keys[e]]["mention_count"] = int(n)
    return keys, nodes


def _relations(rows, keys: dict[str, str], mentions: dict[str, Mention]) -> list[tuple]:
    """``(head key, relation, tail key, evidence)`` of every relation assertion, sorted."""
    edges: dict[str, tuple[str, str, str, list[Mention]]] = {}
    for a, h, p, t in rows(
        "SELECT ?a ?h ?p ?t WHERE { ?a a kg:RelationAssertion ; kg:assertedSubject ?h ; "
        "kg:assertedPredicate ?p ; kg:assertedObject ?t }"
    ):
        if h in keys and t in keys:
            edges.setdefault(a, (keys[h], p.removeprefix(KG_NS), keys[t], []))
    for a, m in rows("SELECT ?a ?m WHERE { ?a a kg:RelationAssertion ; kg:evidence ?m }"):
        if a in edges and m in mentions:
            edges[a][3].append(mentions[m])
    return sorted(edges.values(), key=lambda e: (e[0], e[1], e[2]))


def _observations(rows, keys: dict[str, str], mentions: dict[str, Mention]) -> list[Observation]:
    observations = []
    for s, indicator, value, unit, year, m in rows(
        "SELECT ?s ?i ?v ?u ?y ?m WHERE { ?o a kg:Observation ; kg:subject ?s ; kg:indicator ?i ; kg:value ?v ; "
        "kg:unit ?u ; kg:evidence ?m OPTIONAL { ?o kg:year ?y } }"
    ):
        if s in keys and m in mentions:
            observations.append(
                Observation(
                    keys[s],
                    indicator,
                    Decimal(value),
                    unit,
                    int(year) if year else None,
                    mentions[m],
                )
            )
    return sorted(
        set(observations), key=lambda o: (o.evidence.doc_id, o.evidence.start, o.subject, o.value)
    )
