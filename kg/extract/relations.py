"""Relation rules: a trigger verb between typed spans in one clause.

The ``kg_relations`` component reads ``doc._.kg_entities`` and leaves a
list of :class:`FoundRelation` in ``doc._.kg_relations``. A clause's subject
is the Place or Organization it opens with; when it has none, the subject
of its sentence, and then the topic of the paragraph (a paragraph that
opens "成都要…" keeps 成都 as the subject of the clauses that follow).
Every relation is checked against the ontology's domain and range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import patterns as P
from .entities import Found
from .lexicon import load_lexicon

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)
if not Doc.has_extension("kg_sentences"):
    Doc.set_extension("kg_sentences", default=None)

#: Domain and range of each relation (the ontology's, in ``ontology.md``).
SIGNATURES = {
    "locatedIn": ({"Platform", "Organization", "Place"}, {"Place"}),
    "develops": ({"Place", "Organization", "Platform"}, {"Industry"}),
    "implements": ({"Place", "Organization"}, {"Program"}),
    "builds": ({"Place", "Organization"}, {"Platform"}),
    "focusesOn": ({"Program", "Platform"}, {"Industry"}),
    "cooperatesWith": ({"Place", "Organization"}, {"Place", "Organization"}),
    "partOf": ({"Place", "Platform"}, {"Place", "Platform"}),
}
_OBJECT_TYPE = {"develops": "Industry", "builds": "Platform", "implements": "Program", "focusesOn": "Industry"}
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_SUBJECTS = ("Place", "Organization")


@dataclass(frozen=True)
class FoundRelation:
    """``head --rel--> tail`` between two :class:`Found` indices, in a sentence span."""

    head: int
    rel: str
    tail: int
    sent_start: int
    sent_end: int


def signature_ok(rel: str, head_type: str, tail_type: str) -> bool:
    """Whether ``head rel tail`` respects the ontology's domain and range.

    >>> signature_ok("develops", "Place", "Industry"), signature_ok("develops", "Industry", "Place")
    (True, False)
    """
    domain, range_ = SIGNATURES[rel]
    return head_type in domain and tail_type in range_


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph (split after 。！？； and their closing quotes)."""
    spans = []
    start = 0
    for m in re.finditer(r"[。！？；!?;][”’」』）)]*", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _trigger_regex() -> re.Pattern:
    words = sorted({w for ws in P.TRIGGERS.values() for w in ws}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


_TRIGGER = _trigger_regex()
_TRIGGER_RELS = {w: [rel for rel, ws in P.TRIGGERS.items() if w in ws] for ws in P.TRIGGERS.values() for w in ws}


class RelationRules:
    """Clause-level relation rules over the entity spans of one paragraph."""

    def __init__(self) -> None:
        self.parents = load_lexicon().parents

    def run(self, text: str, ents: list[Found]) -> list[FoundRelation]:
        out: dict[tuple[int, str, int], FoundRelation] = {}
        topic: int | None = None

        def emit(h: int, rel: str, t: int, s0: int, s1: int) -> None:
            if h == t or ents[h].name == ents[t].name:
                return
            if not signature_ok(rel, ents[h].type, ents[t].type):
                return
            out.setdefault((h, rel, t), FoundRelation(h, rel, t, s0, s1))

        for s0, s1 in sentence_spans(text):
            in_sent = [i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1]
            sent_subject = None
            # the sentence's subject: a Place/Organization before its first verb
            first_trigger = _TRIGGER.search(text, s0, s1)
            limit = first_trigger.start() if first_trigger else s1
            for i in in_sent:
                if ents[i].type in _SUBJECTS and ents[i].start < limit and ents[i].start - s0 <= 12:
                    sent_subject = i
                    break
            if sent_subject is not None and (topic is None or ents[sent_subject].start - s0 <= 2):
                topic = sent_subject
            subject = sent_subject if sent_subject is not None else topic
            clause_start = s0
            for m in list(_CLAUSE_BREAK.finditer(text, s0, s1)) + [None]:
                clause_end = m.end() if m else s1
                self._clause(text, ents, in_sent, clause_start, clause_end, subject, s0, s1, emit)
                # an explicit clause subject carries to the following clauses
                for i in in_sent:
                    e = ents[i]
                    if clause_start <= e.start < clause_end and e.type in _SUBJECTS and e.start - clause_start <= 1:
                        subject = i
                        break
                clause_start = clause_end
            self._adjacency(text, ents, in_sent, s0, s1, emit)
        return list(out.values())

    def _clause(self, text, ents, in_sent, c0, c1, subject, s0, s1, emit) -> None:
        in_clause = [i for i in in_sent if c0 <= ents[i].start and ents[i].end <= c1]
        local_subject = next(
            (i for i in in_clause if ents[i].type in _SUBJECTS and ents[i].start - c0 <= 1), None
        )
        for m in _TRIGGER.finditer(text, c0, c1):
            # a trigger inside an entity name is not a verb (产业建圈强链行动)
            if any(ents[i].start <= m.start() < ents[i].end for i in in_clause):
                continue
            before = [i for i in in_clause if ents[i].end <= m.start()]
            after = [i for i in in_clause if ents[i].start >= m.end()]
            subj = next((i for i in reversed(before) if ents[i].type in _SUBJECTS), None)
            if subj is None:
                subj = local_subject if local_subject is not None else subject
            for rel in _TRIGGER_RELS[m.group()]:
                if rel == "cooperatesWith":
                    parties = [i for i in before if ents[i].type in _SUBJECTS]
                    if len(parties) >= 2:
                        for a in range(len(parties)):
                            for b in range(a + 1, len(parties)):
                                emit(parties[a], rel, parties[b], s0, s1)
                    continue
                if rel == "locatedIn":
                    thing = next((i for i in reversed(before) if ents[i].type in ("Platform", "Organization")), None)
                    place = next((i for i in after if ents[i].type == "Place"), None)
                    if thing is not None and place is not None:
                        emit(thing, rel, place, s0, s1)
                    continue
                if rel == "focusesOn":
                    head = next((i for i in reversed(before) if ents[i].type in ("Program", "Platform")), None)
                    if head is None:
                        continue
                    for t in after:
                        if ents[t].type == "Industry":
                            emit(head, rel, t, s0, s1)
                    continue
                want = _OBJECT_TYPE[rel]
                if subj is None:
                    continue
                for t in after:
                    if ents[t].type == want:
                        emit(subj, rel, t, s0, s1)

    def _adjacency(self, text, ents, in_sent, s0, s1, emit) -> None:
        """Relations read from juxtaposition: 北京“星谷”, 重庆永川区, 合肥高新区的量子大街."""
        for a, b in zip(in_sent, in_sent[1:]):
            ea, eb = ents[a], ents[b]
            gap = text[ea.end : eb.start]
            if len(gap) > 2 or gap.strip("的“”\"") != "":
                continue
            if ea.type == "Place" and eb.type == "Place" and self.parents.get(eb.name) == ea.name:
                emit(b, "partOf", a, s0, s1)
            elif ea.type == "Place" and eb.type in ("Platform", "Organization"):
                emit(b, "locatedIn", a, s0, s1)


@Language.factory("kg_relations")
def make_relation_component(nlp: Language, name: str):
    """spaCy factory: relations between the entity spans, in ``doc._.kg_relations``."""
    rules = RelationRules()

    def component(doc: Doc) -> Doc:
        doc._.kg_relations = rules.run(doc.text, doc._.kg_entities or [])
        return doc

    return component
