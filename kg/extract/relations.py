"""Relation rules: a trigger verb between typed spans in one clause.

The ``kg_relations`` component reads ``doc._.kg_entities`` and leaves a
list of :class:`FoundRelation` in ``doc._.kg_relations``. A clause's subject
is the Place or Organization it opens with; when it has none, the subject
of its sentence, and then the topic of the paragraph (a paragraph that
opens "成都要…" keeps 成都 as the subject of the clauses that follow).
Every relation is checked against the ontology's domain and range (:mod:`kg.signatures`).

This module holds what the rules share while they read a paragraph
(:class:`RelationRules`), the registry of rule families in the order they run,
and the spaCy component. The families live in modules of their own:
:mod:`~kg.extract.verbs` (a trigger verb's actor and objects),
:mod:`~kg.extract.cooperation`, :mod:`~kg.extract.fields` and
:mod:`~kg.extract.places`; the subjects they act on in :mod:`~kg.extract.subjects`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import fields, places, verbs
from .clauses import Clause, FoundRelation, RelationSink, Sentence, sentence_spans
from .entities import Found
from .lexicon import load_lexicon
from .subjects import sentence_subject

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)
if not Doc.has_extension("kg_sentences"):
    Doc.set_extension("kg_sentences", default=None)

_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")

#: After how many paragraphs without naming it a carried topic stops acting in verbs.
STALE_TOPIC_PARAGRAPHS = 2


class RelationRules:
    """Relation rules over the entity spans of one paragraph.

    The rule families run in the order of :data:`CLAUSE_RULES` on every clause
    and of :data:`SENTENCE_RULES` on every sentence; they share what the
    paragraph has established so far (its topic, the program a sentence
    quotes, the clause's subject). A family is a function of this state and
    a clause or sentence; it records what it finds with :meth:`emit`.
    """

    def __init__(self) -> None:
        lex = load_lexicon()
        self.parents = lex.parents
        self.lexicon = lex

    def run(self, text: str, ents: list[Found], topic: int | None = None) -> list[FoundRelation]:
        """Relations in ``text``; ``topic`` is the index of an entity carried in
        from earlier paragraphs (the subject of clauses that name none)."""
        self.sink = RelationSink(ents, self.lexicon.regions)
        self.topic = self.initial = topic
        self.quoted: int | None = None  # the program whose statement the sentences report
        self.subject: int | None = None  # the subject of the clause being read
        self.carried: int | None = None  # the subject the clause hands to the next
        self.fields: list[int] = []  # industries a field clause (在集成电路领域，) hands on
        self.joint: list[int] = []  # the clause subject and who it acts with (合肥与芜湖…)
        for s0, s1 in sentence_spans(text):
            members = [
                i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1 and not e.nested
            ]
            sentence = Sentence(text, ents, s0, s1, members)
            self.subject = sentence_subject(self, sentence)
            clause_start = s0
            for m in [*list(_CLAUSE_BREAK.finditer(text, s0, s1)), None]:
                clause_end = m.end() if m else s1
                clause = sentence.clause(clause_start, clause_end)
                for family in CLAUSE_RULES:
                    family.run(self, clause)
                clause_start = clause_end
            for family in SENTENCE_RULES:
                family.run(self, sentence)
        return list(self.sink.found.values())

    def emit(self, h: int, rel: str, t: int, where: Sentence | Clause, rule: str) -> None:
        """Record a relation (kept where the ontology allows it), with its evidence sentence."""
        sentence = where.sentence if isinstance(where, Clause) else where
        self.sink.add(h, rel, t, sentence, rule)

    def within(self, place: str, container: str) -> bool:
        """Whether the lexicon puts ``place`` inside ``container`` (through its parents)."""
        seen = set()
        while place in self.parents and place not in seen:
            seen.add(place)
            place = self.parents[place]
            if place == container:
                return True
        return False


@dataclass(frozen=True)
class RuleFamily:
    """A family of relation rules and its place in the order they run (lower first)."""

    priority: int
    name: str
    run: Callable[[RelationRules, Any], None]


#: Rules run on every clause, in this order: fields where something is applied are
#: marked before any rule may make them developed; the trigger rules settle the clause's
#: subject, which the list rules then use.
CLAUSE_RULES: tuple[RuleFamily, ...] = tuple(
    sorted(
        (
            RuleFamily(10, "applied-fields", fields.applied_fields),
            RuleFamily(20, "triggers", verbs.triggers),
            RuleFamily(30, "lists", fields.listed_items),
            RuleFamily(35, "field-holders", fields.field_holders),
        ),
        key=lambda f: f.priority,
    )
)
#: Rules run on every sentence after its clauses.
SENTENCE_RULES: tuple[RuleFamily, ...] = tuple(
    sorted(
        (
            RuleFamily(40, "adjacency", places.adjacency),
            RuleFamily(50, "parents", places.parent_places),
            RuleFamily(60, "nested", places.nested),
        ),
        key=lambda f: f.priority,
    )
)


@Language.factory("kg_relations")
def make_relation_component(nlp: Language, name: str):
    """spaCy factory: relations between the entity spans, in ``doc._.kg_relations``."""
    rules = RelationRules()

    def component(doc: Doc) -> Doc:
        ents = list(doc._.kg_entities or [])
        topic = None
        carried = doc.user_data.get("kg_topic")
        if carried is not None:
            # the subject carried from earlier paragraphs, as a span outside this text
            ents.append(
                Found(
                    -1,
                    -1,
                    carried.type,
                    carried.name,
                    carried.surface,
                    carried.subclass,
                    rule="topic",
                )
            )
            topic = len(ents) - 1
        # theory prose moves on from a place it cited without saying so: a topic carried
        # unnamed through a whole paragraph no longer acts in verbs (its figures stay its)
        stale = doc.user_data.get("kg_topic_stale", 0) >= STALE_TOPIC_PARAGRAPHS
        doc._.kg_entities = ents
        doc._.kg_relations = rules.run(doc.text, ents, None if stale else topic)
        out = rules.topic if rules.topic is not None else (topic if stale else None)
        doc.user_data["kg_topic_out"] = ents[out] if out is not None else None
        return doc

    return component
