"""RDF stage: the NetworkX graph → triples in the kg: vocabulary.

Every entity gets its five-class type (and a finer class where known),
``rdfs:label``/``skos:prefLabel`` @zh, ``skos:altLabel`` per other surface
form, ``kg:mentionedIn`` per document and a ``kg:Mention`` per span. Every
relation is a direct triple plus a ``kg:RelationAssertion`` that links it to
the sentences (mentions) and documents that state it. IRIs are derived from
content only, so the same input gives the same triples.

The triples are written as N-Triples lines (:func:`ntriples`), straight from
the graph: a build streams them into the Oxigraph store (:mod:`kg.store`)
without holding an rdflib graph, which would cost ~1.5 KB per triple.
:func:`to_rdf` parses the same lines into an rdflib ``Graph`` for callers
that want one.
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

import networkx as nx
from rdflib import Graph

from .ids import document_iri, entity_iris, mention_iri
from .types import Mention
from .vocab import KG_NS, PREFIXES

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCTERMS = "http://purl.org/dc/terms/"

# N-Triples forms of the terms every build repeats
_TYPE = f"<{_RDF}type>"
_INTEGER = f"^^<{_XSD}integer>"


def _p(local: str) -> str:
    return f"<{KG_NS}{local}>"


_KG_MENTION, _KG_DOCUMENT = _p("Mention"), _p("document")
_START, _END, _SURFACE, _SENTENCE = _p("startOffset"), _p("endOffset"), _p("surfaceForm"), _p("sentence")
_LABEL, _PREF, _ALT = f"<{_RDFS}label>", f"<{_SKOS}prefLabel>", f"<{_SKOS}altLabel>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def decimal_text(value: Decimal) -> str:
    """Canonical ``xsd:decimal`` text: no exponent, no trailing zeros.

    >>> decimal_text(Decimal("11500.00")), decimal_text(Decimal("2.450")), decimal_text(Decimal("1E+12"))
    ('11500', '2.45', '1000000000000')
    """
    return format(value.normalize(), "f")


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal.

    >>> literal('say "hi"\\n', lang="zh")
    '"say \\\\"hi\\\\"\\\\n"@zh'
    >>> literal("5", datatype="http://www.w3.org/2001/XMLSchema#integer")
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    body = f'"{text.translate(_ESCAPES)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype:
        return f"{body}^^<{datatype}>"
    return body


def _zh(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"@zh'


def _int(n: int) -> str:
    return f'"{int(n)}"{_INTEGER}'


def _mention(m: Mention) -> tuple[str, list[str]]:
    """The mention's IRI and its six triples."""
    node = f"<{mention_iri(m.doc_id, m.start, m.end)}>"
    return node, [
        f"{node} {_TYPE} {_KG_MENTION} .\n",
        f"{node} {_KG_DOCUMENT} <{document_iri(m.doc_id)}> .\n",
        f"{node} {_START} {_int(m.start)} .\n",
        f"{node} {_END} {_int(m.end)} .\n",
        f"{node} {_SURFACE} {_zh(m.text)} .\n",
        f"{node} {_SENTENCE} {_zh(m.sentence)} .\n",
    ]


def entity_iri_map(G: nx.MultiDiGraph) -> dict[str, str]:
    """Node key → entity IRI for every node of ``G``."""
    pairs = {key: (data["type"], data["name"]) for key, data in G.nodes(data=True)}
    iris = entity_iris(list(pairs.values()))
    return {key: iris[pair] for key, pair in pairs.items()}


def ntriples(G: nx.MultiDiGraph) -> Iterator[str]:
    """Every triple of the graph as one N-Triples line (with its newline), streamed.

    A mention that is shared (an entity's span that is also a relation's
    evidence) is written once per use; a store or an rdflib graph keeps one
    copy of a repeated triple.
    """
    for doc in G.graph.get("documents", {}).values():
        node = f"<{document_iri(doc.id)}>"
        yield f"{node} {_TYPE} {_p('Document')} .\n"
        yield f"{node} {_p('fileName')} {literal(doc.file_name)} .\n"
        yield f"{node} {_p('sha256')} {literal(doc.sha256)} .\n"
        yield f"{node} {_p('charCount')} {_int(doc.length)} .\n"
        if doc.title:
            yield f"{node} <{_DCTERMS}title> {_zh(doc.title)} .\n"

    iri = {key: f"<{value}>" for key, value in entity_iri_map(G).items()}
    mentioned_in, has_mention, mention_count = _p("mentionedIn"), _p("hasMention"), _p("mentionCount")
    for key, data in G.nodes(data=True):
        node = iri[key]
        yield f"{node} {_TYPE} {_p(data['type'])} .\n"
        if data.get("subclass"):
            yield f"{node} {_TYPE} {_p(data['subclass'])} .\n"
        label = _zh(data["name"])
        yield f"{node} {_LABEL} {label} .\n"
        yield f"{node} {_PREF} {label} .\n"
        for alias in data.get("aliases", []):
            yield f"{node} {_ALT} {_zh(alias)} .\n"
        for doc_id in data.get("documents", []):
            yield f"{node} {mentioned_in} <{document_iri(doc_id)}> .\n"
        yield f"{node} {mention_count} {_int(data.get('mention_count', 0))} .\n"
        for m in data.get("mentions", []):
            mention, lines = _mention(m)
            yield f"{node} {has_mention} {mention} .\n"
            yield from lines

    assertion_type, evidence, stated_in = _p("RelationAssertion"), _p("evidence"), _p("statedIn")
    a_subject, a_predicate, a_object = _p("assertedSubject"), _p("assertedPredicate"), _p("assertedObject")
    for h, t, rel, data in G.edges(keys=True, data=True):
        prop = _p(rel)
        yield f"{iri[h]} {prop} {iri[t]} .\n"
        assertion = f"<{PREFIXES['kgr']}assertion/{_hash(h, rel, t)}>"
        yield f"{assertion} {_TYPE} {assertion_type} .\n"
        yield f"{assertion} {a_subject} {iri[h]} .\n"
        yield f"{assertion} {a_predicate} {prop} .\n"
        yield f"{assertion} {a_object} {iri[t]} .\n"
        for m in data.get("evidence", []):
            mention, lines = _mention(m)
            yield f"{assertion} {evidence} {mention} .\n"
            yield from lines
            yield f"{assertion} {stated_in} <{document_iri(m.doc_id)}> .\n"

    for o in G.graph.get("observations", []):
        if o.subject not in iri:
            continue
        m = o.evidence
        value = decimal_text(o.value)
        node = f"<{PREFIXES['kgr']}observation/{_hash(o.subject, o.indicator, value, o.unit, o.year, m.doc_id, m.start)}>"
        yield f"{node} {_TYPE} {_p('Observation')} .\n"
        yield f"{node} {_p('subject')} {iri[o.subject]} .\n"
        yield f"{node} {_p('indicator')} {_zh(o.indicator)} .\n"
        yield f"{node} {_p('value')} {literal(value, datatype=_XSD + 'decimal')} .\n"
        yield f"{node} {_p('unit')} {literal(o.unit)} .\n"
        if o.year:
            yield f"{node} {_p('year')} {literal(str(o.year), datatype=_XSD + 'gYear')} .\n"
        mention, lines = _mention(m)
        yield f"{node} {evidence} {mention} .\n"
        yield from lines


class LineReader(io.RawIOBase):
    """A binary file object over an iterable of text lines, for parsers that read files.

    >>> LineReader(["a\\n", "b\\n"]).read()
    b'a\\nb\\n'
    """

    def __init__(self, lines: Iterable[str]):
        self._lines = iter(lines)
        self._buffer = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self._pos >= len(self._buffer):
            # a few thousand lines at a time: one join and one encode per chunk
            self._buffer = "".join(line for _, line in zip(range(4096), self._lines)).encode("utf-8")
            self._pos = 0
        n = min(len(target), len(self._buffer) - self._pos)
        target[:n] = self._buffer[self._pos : self._pos + n]
        self._pos += n
        return n


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The graph as an rdflib ``Graph`` with the project's prefixes bound (the triples of :func:`ntriples`)."""
    g = new_graph()
    g.parse(data="".join(ntriples(G)), format="nt")
    return g


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g
