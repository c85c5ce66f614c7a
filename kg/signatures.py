"""Domain and range of each relation, read from the ontology (``ontology/xinzhi.ttl``).

The ontology is the one place that says which entity types a relation may
join; extraction and curation ask here instead of keeping a copy.

Example:
    >>> [sorted(types) for types in relation_signatures()["develops"]]
    [['Organization', 'Place', 'Platform'], ['Industry']]
    >>> signature_ok("builds", "Place", "Platform"), signature_ok("builds", "Industry", "Platform")
    (True, False)
"""

from __future__ import annotations

import functools

from .resources import ontology_path
from .types import ENTITY_TYPES, RELATION_TYPES
from .vocab import KG_NS

Signature = tuple[frozenset[str], frozenset[str]]


@functools.cache
def relation_signatures() -> dict[str, Signature]:
    """Relation name → (domain types, range types), among the five entity types."""
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDFS

    g = rdflib.Graph().parse(ontology_path(), format="turtle")

    def types(node: rdflib.term.Node) -> frozenset[str]:
        union = g.value(node, OWL.unionOf)
        members = Collection(g, union) if union is not None else [node]
        names = {str(m)[len(KG_NS) :] for m in members if str(m).startswith(KG_NS)}
        return frozenset(names & set(ENTITY_TYPES))

    signatures = {}
    for rel in RELATION_TYPES:
        prop = rdflib.URIRef(KG_NS + rel)
        domain, range_ = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        if domain is None or range_ is None:
            raise ValueError(f"{ontology_path()}: kg:{rel} has no rdfs:domain or rdfs:range")
        signatures[rel] = (types(domain), types(range_))
    return signatures


def signature_ok(rel: str, head_type: str, tail_type: str) -> bool:
    """Whether ``head_type --rel--> tail_type`` fits the ontology's domain and range."""
    domain, range_ = relation_signatures()[rel]
    return head_type in domain and tail_type in range_
