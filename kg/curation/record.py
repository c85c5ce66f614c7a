"""What curation did, carried on the graph for the RDF, the map and the tables.

:func:`record_curation` runs after :func:`kg.graph.build_graph`: it marks the
nodes and edges a decision changed or added (``curated_by``: decision ids)
and stores one :class:`CurationRecord` per decision in ``G.graph["curation"]``,
with the facts it rejected as plain data, so they stay queryable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import networkx as nx

from ..types import Entity, Mention, Observation, Relation
from .apply import CurationResult, Outcome


@dataclass(frozen=True)
class RejectedFact:
    """A fact a decision took out: ``kind`` is entity, relation or observation.

    ``label`` reads like the fact; ``ends`` are the ``Type:name`` keys of what
    it names (an entity: itself; a relation: head and tail; an observation:
    its subject), the graph's node where that entity is still in the graph;
    ``rel`` is a relation's name, ``evidence`` the sentences it was read from.
    """

    kind: str
    label: str
    ends: tuple[str, ...]
    rel: str | None
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CurationRecord:
    """One decision as the graph keeps it (see :class:`kg.curation.Decision` for the fields)."""

    id: str
    source: str
    line: int
    operation: str
    text: str
    note: str
    author: str
    changed: tuple[str, ...]
    added: tuple[tuple[str, str, str], ...]
    rejected: tuple[RejectedFact, ...]


def decision_id(source: str, text: str) -> str:
    """A decision's id: a hash of its file name and line text (stable as lines move).

    >>> decision_id("curation.tsv", "merge\\t成都\\t蓉城")
    'b97bb4cb7c0d7fbc'
    """
    return hashlib.sha1(f"{source}\x1f{text}".encode()).hexdigest()[:16]


def record_curation(G: nx.MultiDiGraph, result: CurationResult) -> None:
    """Mark what ``result`` changed in ``G`` and keep its records in ``G.graph["curation"]``."""
    by_name = _names(G)
    records = []
    for outcome in result.outcomes:
        if not outcome.matched:
            continue
        d = outcome.decision
        did = decision_id(d.source, d.text)
        changed = sorted({by_name[k] for k in outcome.changed if k in by_name})
        for key in changed:
            G.nodes[key]["curated_by"] = sorted({*G.nodes[key].get("curated_by", ()), did})
        added = []
        for r in outcome.added:
            h, t = by_name.get(r.head), by_name.get(r.tail)
            if h is None or t is None or not G.has_edge(h, t, key=r.rel):
                continue
            edge = G.edges[h, t, r.rel]
            edge["curated_by"] = sorted({*edge.get("curated_by", ()), did})
            added.append((h, r.rel, t))
        records.append(
            CurationRecord(
                did, d.source, d.line, d.operation, d.text, d.note, d.author,
                tuple(changed), tuple(added), _rejected(outcome, by_name),
            )
        )  # fmt: skip
    G.graph["curation"] = records


def _names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Extraction keys (``Type:name`` of every name and alias) → the graph node holding them."""
    out: dict[str, str] = {}
    for key, data in sorted(G.nodes(data=True)):
        for name in (data["name"], *data.get("aliases", ())):
            out.setdefault(f"{data['type']}:{name}", key)
    return out


def _rejected(outcome: Outcome, by_name: dict[str, str]) -> tuple[RejectedFact, ...]:
    facts = [_entity_fact(e) for e in outcome.entities]
    facts += [_relation_fact(r, by_name) for r in outcome.relations]
    facts += [_observation_fact(o, by_name) for o in outcome.observations]
    return tuple(sorted(set(facts), key=lambda f: (f.kind, f.label)))


def _name(key: str) -> str:
    return key.partition(":")[2]


def _sentences(mentions: tuple[Mention, ...] | list[Mention]) -> tuple[str, ...]:
    return tuple(sorted({m.sentence for m in mentions}))


def _entity_fact(e: Entity) -> RejectedFact:
    return RejectedFact("entity", f"{e.name} ({e.type})", (e.key,), None, _sentences(e.mentions))


def _relation_fact(r: Relation, by_name: dict[str, str]) -> RejectedFact:
    head, tail = by_name.get(r.head, r.head), by_name.get(r.tail, r.tail)
    return RejectedFact("relation", f"{_name(head)} {r.rel} {_name(tail)}", (head, tail), r.rel,
                        _sentences(r.evidence))  # fmt: skip


def _observation_fact(o: Observation, by_name: dict[str, str]) -> RejectedFact:
    subject = by_name.get(o.subject, o.subject)
    label = f"{_name(subject)} {o.indicator} {o.value.normalize():f} {o.unit}".rstrip()
    return RejectedFact("observation", label, (subject,), None, (o.evidence.sentence,))
