"""Graph stage: extractions → one NetworkX ``MultiDiGraph``.

Nodes are entities keyed ``"Type:name"``; the same entity read in several
documents is one node. Entities of one type that share a name or alias
(成都 / 成都市, 双千计划 / 双千) are merged first. Edges are relations keyed
by the relation name, with their evidence. Documents and observations ride
along in ``G.graph``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from networkx.utils import UnionFind

from .types import Entity, Extraction, Mention, Observation, entity_key


def resolve_entities(entities: Iterable[Entity]) -> dict[str, str]:
    """Map every entity key to the key of the entity it is merged into.

    Entities of one type that share any name or alias are one entity; its
    name is the most mentioned name (ties: the shorter, then the smaller).

    >>> a = Entity("Place:成都", "Place", "成都", ("成都市",), ())
    >>> b = Entity("Place:成都市", "Place", "成都市", (), ())
    >>> resolve_entities([a, b])["Place:成都市"]
    'Place:成都'
    """
    entities = list(entities)
    uf = UnionFind()
    owner: dict[tuple[str, str], str] = {}
    for e in entities:
        uf[e.key]  # every entity is a set of its own to begin with
        for n in (e.name, *e.aliases):
            k = (e.type, n)
            if k in owner:
                uf.union(owner[k], e.key)
            else:
                owner[k] = e.key
    weight: dict[str, int] = defaultdict(int)
    for e in entities:
        weight[e.key] += len(e.mentions) or 1
    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        groups[uf[e.key]].append(e)
    mapping: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda e: (-weight[e.key], len(e.name), e.name))
        target = entity_key(best.type, best.name)
        for e in members:
            mapping[e.key] = target
    return mapping


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Merge per-document extractions into one graph.

    Node attributes: ``type``, ``name``, ``subclass``, ``aliases`` (sorted
    list), ``mentions`` (list of :class:`~kg.types.Mention`), ``mention_count``,
    ``documents`` (sorted doc ids). Edge attributes: ``rel``, ``evidence``
    (list of Mention). ``G.graph["documents"]`` maps doc id to
    :class:`~kg.types.DocumentInfo`; ``G.graph["observations"]`` lists
    :class:`~kg.types.Observation` with subjects rewritten to merged keys.
    """
    extractions = sorted(extractions, key=lambda x: (x.document.file_name, x.document.id))
    all_entities = [e for x in extractions for e in x.entities]
    mapping = resolve_entities(all_entities)
    G = nx.MultiDiGraph()
    G.graph["documents"] = {x.document.id: x.document for x in extractions}
    _add_nodes(G, all_entities, mapping)
    _add_edges(G, extractions, mapping)
    G.graph["observations"] = _observations(extractions, mapping, G)
    return G


def _mention_order(m: Mention) -> tuple[str, int, int]:
    return (m.doc_id, m.start, m.end)


def _add_nodes(G: nx.MultiDiGraph, entities: list[Entity], mapping: dict[str, str]) -> None:
    """One node per merged entity, in key order, with every name and mention of its members."""
    nodes: dict[str, dict] = {}
    for e in entities:
        key = mapping[e.key]
        node = nodes.setdefault(
            key,
            {
                "type": e.type,
                "name": key.split(":", 1)[1],
                "subclass": None,
                "aliases": set(),
                "mentions": [],
            },
        )
        node["aliases"].update((e.name, *e.aliases))
        node["mentions"].extend(e.mentions)
        if e.subclass and not node["subclass"]:
            node["subclass"] = e.subclass
    for key in sorted(nodes):
        node = nodes[key]
        node["aliases"].discard(node["name"])
        mentions = sorted(set(node["mentions"]), key=_mention_order)
        G.add_node(
            key,
            type=node["type"],
            name=node["name"],
            subclass=node["subclass"],
            aliases=sorted(node["aliases"]),
            mentions=mentions,
            mention_count=len(mentions),
            documents=sorted({m.doc_id for m in mentions}),
        )


def _add_edges(G: nx.MultiDiGraph, extractions: list[Extraction], mapping: dict[str, str]) -> None:
    """One edge per (head, relation, tail) between merged entities, with the evidence of every statement of it."""
    edges: dict[tuple[str, str, str], set[Mention]] = defaultdict(set)
    for x in extractions:
        for r in x.relations:
            h, t = mapping.get(r.head, r.head), mapping.get(r.tail, r.tail)
            if h == t or h not in G or t not in G:
                continue
            if r.rel == "cooperatesWith" and t < h:  # symmetric: one direction only
                h, t = t, h
            edges[(h, r.rel, t)].update(r.evidence)
    for h, rel, t in sorted(edges):
        evidence = sorted(edges[(h, rel, t)], key=_mention_order)
        G.add_edge(h, t, key=rel, rel=rel, evidence=evidence)


def _observations(
    extractions: list[Extraction], mapping: dict[str, str], G: nx.MultiDiGraph
) -> list[Observation]:
    """The observations about entities of ``G``, subjects rewritten to merged keys, in text order."""
    observations: list[Observation] = []
    for x in extractions:
        for o in x.observations:
            subject = mapping.get(o.subject, o.subject)
            if subject in G:
                observations.append(
                    Observation(subject, o.indicator, o.value, o.unit, o.year, o.evidence)
                )
    return sorted(
        set(observations), key=lambda o: (o.evidence.doc_id, o.evidence.start, o.subject, o.value)
    )
