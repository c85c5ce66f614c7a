"""What an incremental write changes in the store, and what SHACL must check again because of it.

:mod:`kg.rdf.writer` works out which Turtle blocks changed; this module
applies the difference in their triples to the store (:func:`apply_changes`)
and finds the nodes whose checks can have a new outcome (:func:`focus_nodes`).
"""

from __future__ import annotations

from rdflib import RDF

from ..vocab import KG, KGR_NS

_MENTION_TYPE = (str(RDF.type), str(KG.Mention))


def apply_changes(store, to_remove: set, to_add: set) -> set:
    """Remove and add triples; return the triples that really changed.

    A mention's triples are written in every block that uses it, so the old
    version of one block may hold triples that an unchanged block still
    states: a mention whose triples are to be removed keeps them while
    anything still points at it.
    """
    mentions = {
        q.subject for q in to_remove if (q.predicate.value, q.object.value) == _MENTION_TYPE
    }
    by_mention = [q for q in to_remove if q.subject in mentions]
    others = [q for q in to_remove if q.subject not in mentions]
    for q in others:
        store.remove(q)
    store.extend(to_add)
    kept = {
        m for m in mentions if next(iter(store.quads_for_pattern(None, None, m)), None) is not None
    }
    removed = others + [q for q in by_mention if q.subject not in kept]
    for q in removed[len(others) :]:
        store.remove(q)
    return set(removed) | to_add


#: Predicates of a value node that a check of the node pointing at it reads:
#: its type (``sh:class``) and its ``kg:partOf`` (the nested shape of PartOfShape).
_READ_THROUGH = (str(RDF.type), str(KG.partOf))


def focus_nodes(store, changed: set) -> set[str]:
    """The nodes SHACL must check again.

    A check of node ``f`` reads ``f``'s own triples, the triples that point at
    ``f``, and the type and ``kg:partOf`` of the nodes ``f`` points at. So the
    nodes to check are those in a changed triple, plus the nodes pointing at a
    node whose type or ``kg:partOf`` changed.
    """
    import pyoxigraph as ox

    focus: set[str] = set()
    read_through: set = set()
    for q in changed:
        for term in (q.subject, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(KGR_NS):
                focus.add(term.value)
        if q.predicate.value in _READ_THROUGH:
            read_through.add(q.subject)
    for n in read_through:
        focus.update(
            q.subject.value
            for q in store.quads_for_pattern(None, None, n)
            if isinstance(q.subject, ox.NamedNode)
        )
    return focus
