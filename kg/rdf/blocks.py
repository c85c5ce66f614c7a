"""Turtle blocks: the NetworkX graph → Turtle in the kg: vocabulary, block by block.

Every entity gets its five-class type (and a finer class where known),
``rdfs:label``/``skos:prefLabel`` @zh, ``skos:altLabel`` per other surface
form, ``kg:mentionedIn`` per document and a ``kg:Mention`` per span. Every
relation is a direct triple plus a ``kg:RelationAssertion`` that links it to
the sentences (mentions) and documents that state it. IRIs are derived from
content only, so the same input gives the same triples.

The triples are written as a sequence of *blocks* (:func:`rdf_blocks`), each
a self-contained piece of Turtle about one thing: a document; an entity's
names and counts; what one document says of an entity (its mentions there);
a relation and its assertion; what one document says of a relation (its
evidence there); an observation. Each block has a key (what it is about) and
a signature (the inputs its text is made from), so an incremental build
(:mod:`kg.rdf.writer`) can tell which blocks changed without writing the others:
a document added to a corpus of thousands changes the blocks of that
document and the headers of the entities it names, nothing else. Blocks come
in a fixed order (documents by file name, entities by IRI, relations by subject IRI,
observations by place in the text), so the same graph gives the same bytes.

A mention that is shared (an entity's span that is also a relation's
evidence) is written in each block that uses it; a store or an rdflib graph
keeps one copy of a repeated triple. :func:`to_rdf` parses the Turtle into
an rdflib ``Graph`` for callers that want one (~1.5 KB of memory per triple).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator, Mapping

import networkx as nx
from rdflib import Graph

from ..link.turtle import link_signature, link_statements
from ..types import Mention
from ..vocab import KGR_NS, PREFIXES
from .ids import document_iri, entity_iris, mention_iri
from .terms import ESCAPES, K, decimal_text

#: Prefixes declared in graph.ttl. ``kgr`` is left out: its local names hold
#: ``/``, which Turtle can only write escaped, so those IRIs are written in full.
TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "kgr"}

_INDENT = " ;\n    "


def turtle_header() -> str:
    """The ``@prefix`` lines every Turtle text of this module starts with."""
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in TURTLE_PREFIXES.items()) + "\n"


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _zh(text: str) -> str:
    return f'"{text.translate(ESCAPES)}"@zh'


def _string(text: str) -> str:
    return f'"{text.translate(ESCAPES)}"'


def entity_iri_map(G: nx.MultiDiGraph, slugs: dict[str, str] | None = None) -> dict[str, str]:
    """Node key → entity IRI for every node of ``G``.

    ``slugs`` (name → slug, from an earlier build) saves computing slugs again;
    the slugs of new names are added to it.
    """
    pairs = {key: (data["type"], data["name"]) for key, data in G.nodes(data=True)}
    iris = entity_iris(list(pairs.values()), slugs)
    return {key: iris[pair] for key, pair in pairs.items()}


class Block:
    """One self-contained piece of the Turtle: its ``key``, ``signature`` and a way to write its ``text``.

    Two blocks with the same key and signature have the same text (given the
    same pipeline): the signature lists every input the text is made from,
    except what a document's own content fixes (a mention's surface form and
    sentence follow from its document id and offsets).
    """

    __slots__ = ("_args", "_render", "key", "signature")

    def __init__(self, key: str, signature: str, render, *args):
        self.key, self.signature, self._render, self._args = key, signature, render, args

    def text(self) -> str:
        """The block's Turtle (statements only: the prefixes are in :func:`turtle_header`)."""
        return self._render(*self._args)


def _mention_text(m: Mention) -> str:
    written = (
        f'{_INDENT}{K.sentenceAsWritten} "{m.written.translate(ESCAPES)}"@zh-Hant'
        if m.written
        else ""
    )
    return (
        f"<{mention_iri(m.doc_id, m.start, m.end)}> a {K.Mention}{_INDENT}{K.document} <{document_iri(m.doc_id)}>"
        f"{_INDENT}{K.startOffset} {int(m.start)}{_INDENT}{K.endOffset} {int(m.end)}"
        f"{_INDENT}{K.surfaceForm} {_zh(m.text)}{_INDENT}{K.sentence} {_zh(m.sentence)}{written} .\n"
    )


def _mention_list(mentions) -> str:
    return ", ".join(f"<{mention_iri(m.doc_id, m.start, m.end)}>" for m in mentions)


def _spans(mentions) -> str:
    return ",".join(f"{m.start}-{m.end}" for m in mentions)


def _document_text(doc) -> str:
    out = (
        f"<{document_iri(doc.id)}> a {K.Document}{_INDENT}{K.fileName} {_string(doc.file_name)}"
        f"{_INDENT}{K.sha256} {_string(doc.sha256)}{_INDENT}{K.charCount} {int(doc.length)}"
    )
    if doc.title:
        out += f"{_INDENT}dcterms:title {_zh(doc.title)}"
    return out + " .\n\n"


def _entity_text(iri: str, data: dict) -> str:
    types = K[data["type"]] + (f", {K[data['subclass']]}" if data.get("subclass") else "")
    label = _zh(data["name"])
    out = f"<{iri}> a {types}{_INDENT}rdfs:label {label}{_INDENT}skos:prefLabel {label}"
    if data.get("aliases"):
        out += f"{_INDENT}skos:altLabel " + ", ".join(_zh(a) for a in data["aliases"])
    out += link_statements(data.get("link"))  # codes and coordinates (kg.link)
    out += _curated_by(data)
    return out + f"{_INDENT}{K.mentionCount} {int(data.get('mention_count', 0))} .\n\n"


def _curated_by(data: dict) -> str:
    """``kg:curatedBy`` the decisions that changed a node or an edge, if any."""
    ids = data.get("curated_by")
    return (
        f"{_INDENT}{K.curatedBy} " + ", ".join(f"<{decision_iri(i)}>" for i in ids) if ids else ""
    )


def decision_iri(decision_id: str) -> str:
    """The IRI of a curation decision."""
    return f"{KGR_NS}curation/{decision_id}"


def _entity_document_text(iri: str, doc_id: str, mentions: list[Mention]) -> str:
    out = f"<{iri}> {K.mentionedIn} <{document_iri(doc_id)}>"
    if mentions:
        out += f"{_INDENT}{K.hasMention} {_mention_list(mentions)}"
    return out + " .\n" + "".join(map(_mention_text, mentions)) + "\n"


def _relation_text(h: str, rel: str, t: str, assertion: str, data: dict) -> str:
    return (
        f"<{h}> {K[rel]} <{t}> .\n<{assertion}> a {K.RelationAssertion}{_INDENT}{K.assertedSubject} <{h}>"
        f"{_INDENT}{K.assertedPredicate} {K[rel]}{_INDENT}{K.assertedObject} <{t}>"
        f"{_curated_by(data)} .\n\n"
    )


def _relation_document_text(assertion: str, doc_id: str, mentions: list[Mention]) -> str:
    return (
        f"<{assertion}> {K.statedIn} <{document_iri(doc_id)}>{_INDENT}{K.evidence} {_mention_list(mentions)} .\n"
        + "".join(map(_mention_text, mentions))
        + "\n"
    )


def _observation_text(node: str, subject: str, o, value: str) -> str:
    m = o.evidence
    out = (
        f"<{node}> a {K.Observation}{_INDENT}{K.subject} <{subject}>{_INDENT}{K.indicator} {_zh(o.indicator)}"
        f'{_INDENT}{K.value} "{value}"^^xsd:decimal{_INDENT}{K.unit} {_string(o.unit)}'
    )
    if o.year:
        out += f'{_INDENT}{K.year} "{int(o.year)}"^^xsd:gYear'
    return (
        out
        + f"{_INDENT}{K.evidence} <{mention_iri(m.doc_id, m.start, m.end)}> .\n"
        + _mention_text(m)
        + "\n"
    )


def _by_document(mentions) -> Iterator[tuple[str, list[Mention]]]:
    """Mentions (sorted by document) grouped per document."""
    for doc_id, group in itertools.groupby(mentions, key=lambda m: m.doc_id):
        yield doc_id, list(group)


def rdf_blocks(G: nx.MultiDiGraph, iris: Mapping[str, str] | None = None) -> Iterator[Block]:
    """The graph's Turtle as blocks, in their fixed order (see the module docstring).

    Args:
        G: the graph stage's output.
        iris: node key → entity IRI (default :func:`entity_iri_map`).
    """
    if iris is None:
        iris = entity_iri_map(G)
    yield from _document_blocks(G)
    yield from _entity_blocks(G, iris)
    yield from _relation_blocks(G, iris)
    yield from _observation_blocks(G, iris)
    yield from _curation_blocks(G, iris)


def _document_blocks(G: nx.MultiDiGraph) -> Iterator[Block]:
    for doc in sorted(G.graph.get("documents", {}).values(), key=lambda d: (d.file_name, d.id)):
        yield Block(
            f"d {doc.id}",
            f"{doc.file_name}\x1f{doc.sha256}\x1f{doc.length}\x1f{doc.title}",
            _document_text,
            doc,
        )


def _entity_blocks(G: nx.MultiDiGraph, iris: Mapping[str, str]) -> Iterator[Block]:
    """Per entity (by IRI): its names and counts, then what each document says of it."""
    for iri, key in sorted((iri, key) for key, iri in iris.items()):
        data = G.nodes[key]
        yield Block(
            f"e {iri}",
            f"{data['type']}\x1f{data.get('subclass')}\x1f{data['name']}\x1f"
            f"{'|'.join(data.get('aliases', []))}\x1f{data.get('mention_count', 0)}\x1f"
            f"{'|'.join(data.get('curated_by', []))}\x1f{link_signature(data.get('link'))}",
            _entity_text,
            iri,
            data,
        )
        mentions = dict(_by_document(data.get("mentions", [])))
        for doc_id in data.get("documents", []):
            group = mentions.get(doc_id, [])
            yield Block(
                f"m {iri} {doc_id}", _spans(group), _entity_document_text, iri, doc_id, group
            )


def _relation_blocks(G: nx.MultiDiGraph, iris: Mapping[str, str]) -> Iterator[Block]:
    """Per relation (by subject IRI): the triple and its assertion, then its evidence per document."""
    edges = sorted(
        (iris[h], rel, iris[t], h, t, data) for h, t, rel, data in G.edges(keys=True, data=True)
    )
    for h_iri, rel, t_iri, h, t, data in edges:
        assertion = f"{KGR_NS}assertion/{_hash(h, rel, t)}"
        yield Block(
            f"r {assertion}",
            f"{h_iri} {rel} {t_iri} {'|'.join(data.get('curated_by', []))}",
            _relation_text,
            h_iri,
            rel,
            t_iri,
            assertion,
            data,
        )
        for doc_id, group in _by_document(data.get("evidence", [])):
            yield Block(
                f"s {assertion} {doc_id}",
                _spans(group),
                _relation_document_text,
                assertion,
                doc_id,
                group,
            )


def _observation_blocks(G: nx.MultiDiGraph, iris: Mapping[str, str]) -> Iterator[Block]:
    for o in G.graph.get("observations", []):
        if o.subject not in iris:
            continue
        m = o.evidence
        value = decimal_text(o.value)
        node = f"{KGR_NS}observation/{_hash(o.subject, o.indicator, value, o.unit, o.year, m.doc_id, m.start)}"
        yield Block(
            f"o {node} {m.end}",
            f"{iris[o.subject]}\x1f{m.end}",
            _observation_text,
            node,
            iris[o.subject],
            o,
            value,
        )


def turtle_text(G: nx.MultiDiGraph, iris: Mapping[str, str] | None = None) -> str:
    """The whole graph as one Turtle text (what ``graph.ttl`` holds)."""
    return turtle_header() + "".join(b.text() for b in rdf_blocks(G, iris))


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The graph as an rdflib ``Graph`` with the project's prefixes bound."""
    g = new_graph()
    g.parse(data=turtle_text(G), format="turtle")
    return g


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g


def _curation_blocks(G: nx.MultiDiGraph, iris: Mapping[str, str]) -> Iterator[Block]:
    """Per curation decision: the line, what it changed and the facts it rejected."""
    for record in G.graph.get("curation", []):
        text = _curation_text(
            record, iris
        )  # a few lines: rendered here, and hashed as its signature
        yield Block(f"c {record.id}", _hash(text), str, text)


def _curation_text(record, iris: Mapping[str, str]) -> str:
    node = decision_iri(record.id)
    out = (
        f"<{node}> a {K.CurationDecision}{_INDENT}{K.operation} {_string(record.operation)}"
        f"{_INDENT}{K.curationFile} {_string(record.source)}{_INDENT}{K.lineNumber} {int(record.line)}"
        f"{_INDENT}{K.lineText} {_string(record.text)}"
    )
    if record.note:
        out += f"{_INDENT}rdfs:comment {_string(record.note)}"
    if record.author:
        out += f"{_INDENT}dcterms:creator {_string(record.author)}"
    changed = [iris[k] for k in record.changed if k in iris]
    changed += [f"{KGR_NS}assertion/{_hash(h, rel, t)}" for h, rel, t in record.added]
    if changed:
        out += f"{_INDENT}{K.changed} " + ", ".join(f"<{iri}>" for iri in changed)
    facts = [(f"{node}/rejected/{i}", fact) for i, fact in enumerate(record.rejected, start=1)]
    if facts:
        out += f"{_INDENT}{K.rejects} " + ", ".join(f"<{iri}>" for iri, _ in facts)
    return out + " .\n" + "".join(_rejected_text(iri, fact, iris) for iri, fact in facts) + "\n"


def _rejected_text(iri: str, fact, iris: Mapping[str, str]) -> str:
    out = (
        f"<{iri}> a {K.RejectedFact}{_INDENT}{K.factKind} {_string(fact.kind)}"
        f"{_INDENT}rdfs:label {_zh(fact.label)}"
    )
    if fact.kind == "entity":
        out += f"{_INDENT}{K.rejectedType} {K[fact.ends[0].partition(':')[0]]}"
    # An end that is still an entity of the graph is named by its IRI.
    ends = [iris.get(key) for key in fact.ends]
    if fact.kind == "relation":
        for prop, end in (("rdf:subject", ends[0]), ("rdf:object", ends[1])):
            out += f"{_INDENT}{prop} <{end}>" if end else ""
        out += f"{_INDENT}rdf:predicate {K[fact.rel]}"
    if fact.kind == "observation" and ends[0]:
        out += f"{_INDENT}rdf:subject <{ends[0]}>"
    if fact.evidence:
        out += f"{_INDENT}{K.rejectedEvidence} " + ", ".join(_zh(s) for s in fact.evidence)
    return out + " .\n"
