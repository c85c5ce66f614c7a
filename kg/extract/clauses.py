"""The units the relation rules read: sentences, clauses, trigger sites, and the
sink that collects relations checked against the ontology.

Offsets are into the paragraph's text; spans are indices into its list of
:class:`~kg.extract.entities.Found`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus.sentences import split_sentences  # the one sentence splitter
from ..signatures import signature_ok  # the ontology's domains and ranges
from .entities import Found
from .scope import is_multi_place_region


@dataclass(frozen=True)
class FoundRelation:
    """``head --rel--> tail`` between two :class:`Found` indices, in a sentence span."""

    head: int
    rel: str
    tail: int
    sent_start: int
    sent_end: int
    rule: str = ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: the corpus reader's splitter (after 。！？； and
    their closing marks), so a relation's evidence is the sentence the document has.

    >>> sentence_spans("甲建设乙。丙；")
    [(0, 5), (5, 7)]
    """
    return split_sentences(text, 0, len(text))


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph: its bounds and the spans in it.

    ``members`` are indices into ``ents`` of the spans inside the sentence,
    in text order, without the spans nested in another name.
    """

    text: str
    ents: list[Found]
    start: int
    end: int
    members: list[int]

    def clause(self, start: int, end: int) -> Clause:
        """The clause ``text[start:end]`` of this sentence and its spans."""
        inside = [
            i for i in self.members if start <= self.ents[i].start and self.ents[i].end <= end
        ]
        return Clause(self, start, end, inside)


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence (up to ，；： or the sentence's end) and the spans in it."""

    sentence: Sentence
    start: int
    end: int
    members: list[int]

    @property
    def text(self) -> str:
        """The paragraph (offsets are into it)."""
        return self.sentence.text

    @property
    def ents(self) -> list[Found]:
        """The paragraph's spans."""
        return self.sentence.ents


@dataclass(frozen=True)
class Trigger:
    """A trigger verb in a clause and the spans around it."""

    match: re.Match[str]
    before: list[int]  # spans of the clause before the verb
    after: list[int]  # spans of the clause after it
    near: list[int]  # spans after it up to the next verb (else all after it)


class RelationSink:
    """The relations found in one paragraph, each checked against the ontology."""

    def __init__(self, ents: list[Found], regions: dict[str, frozenset[str]]) -> None:
        self.ents = ents
        self.regions = regions
        self.applied: set[int] = set()  # industries listed as fields of application
        self.found: dict[tuple[int, str, int], FoundRelation] = {}

    def add(self, h: int, rel: str, t: int, sentence: Sentence, rule: str) -> None:
        """Record ``h rel t`` stated in ``sentence`` (the first statement is kept).

        A place located in a multi-place region is part of it; a program that
        develops an industry focuses on it; anything the signatures forbid is dropped.
        """
        ents = self.ents
        if h == t or ents[h].name == ents[t].name:
            return
        if rel in ("develops", "focusesOn") and t in self.applied:
            return  # 在交通、医疗等领域应用: where something is used, not an industry
        if (
            rel == "locatedIn"
            and ents[h].type == ents[t].type == "Place"
            and is_multi_place_region(ents[t].name, self.regions)
        ):
            rel = "partOf"  # 地处长三角的合肥: a member of a region, not a place inside one
        if rel == "develops" and ents[h].type == "Program":
            rel = "focusesOn"  # a plan's 发展壮大X: the field the plan is about
        if not signature_ok(rel, ents[h].type, ents[t].type):
            return
        if rel == "cooperatesWith" and t < h:
            h, t = t, h
        self.found.setdefault(
            (h, rel, t), FoundRelation(h, rel, t, sentence.start, sentence.end, rule)
        )
