"""Scope: what a document, a section or a clause is about when it does not say.

A county's implementation opinion titled 加快重点产业实施意见 speaks for that
opinion in every article (设立规模不低于1亿元的…资金 is its measure); a
paragraph that opens 成都要… keeps 成都 as the subject of the clauses after it.
The relation and observation rules ask this module who the unstated subject is;
:class:`DocumentScope` carries what earlier paragraphs established (the issuer a
title names, the subject a numbered heading opens with, the carried topic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .entities import Found

#: Types that act as the subject of a clause (who develops, builds, implements, cooperates).
SUBJECT_TYPES = ("Place", "Organization")

# 长三角, 粤港澳大湾区, 成渝地区双城经济圈, 长江经济带: regions made of several places
_MULTI_PLACE = re.compile(r"(?:城市群|都市圈|湾区|经济带|经济圈)$")


def is_multi_place_region(name: str, members: dict[str, frozenset[str]]) -> bool:
    """Whether a place is a region of several places (a place is ``partOf`` it, not in it).

    ``members`` maps the regions the lexicon knows to their member places.

    >>> is_multi_place_region("长江经济带", {}), is_multi_place_region("合肥", {})
    (True, False)
    """
    return name in members or _MULTI_PLACE.search(name) is not None


# 比如，X工程明确，… / 《X计划》出台，提出…: a program that states what follows (its targets)
_QUOTING = re.compile(r"\s*(?:(?:比如|例如|再如|又如|如|此外|同时|其中|近日)[，,]?)?[《“\"]?$")
#: …明确 / …出台，提出: the verbs with which a program states what follows
STATES = re.compile(
    r"[》”\"]?\s*(?:(?:正式)?(?:出台|印发|发布|公布|实施)[，,]?)?\s*(?:明确|提出|要求|规定|确定|指出)"
)

# a title line: no full stop; what may stand around a name that is the whole title
_TITLE_FRAME = re.compile(r"[\s《》“”\"]*")


def title_program(line: str, found: list[Found]) -> Found | None:
    """The program a document's title line names as a whole (加快重点产业实施意见,
    《…行动方案》), or ``None``: a policy document's articles are that program's.

    >>> from kg.extract.entities import Found
    >>> title_program("加快重点产业实施意见", [Found(0, 10, "Program", "加快重点产业实施意见", "加快重点产业实施意见")]).name
    '加快重点产业实施意见'
    >>> title_program("某地加快发展。", []) is None
    True
    """
    if len(line) > 64 or re.search(r"[。！？；]", line):
        return None
    for f in found:
        if (
            f.type == "Program"
            and not f.nested
            and f.rule != "topic"
            and _TITLE_FRAME.fullmatch(line[: f.start])
            and _TITLE_FRAME.fullmatch(line[f.end :])
        ):
            return f
    return None


def quoted_program(text: str, ents: Sequence[Found], in_sent: Sequence[int], s0: int) -> int | None:
    """The program a sentence opens by quoting (比如，X工程明确，… / 《X计划》出台，提出…),
    or ``None``: the figures after it are that program's targets.

    >>> from kg.extract.entities import Found
    >>> quoted_program("比如，节水工程明确，用水量下降16%。", [Found(3, 7, "Program", "节水工程", "节水工程")], [0], 0)
    0
    """
    for i in in_sent:
        e = ents[i]
        if (
            e.type == "Program"
            and _QUOTING.fullmatch(text[s0 : e.start])
            and STATES.match(text, e.end)
        ):
            return i
    return None


@dataclass
class DocumentScope:
    """What earlier paragraphs establish for the next one.

    A section headed by a name (5.3 杭州城西科创大走廊培育增长新引擎) is about it; a
    document issued by or about a place (苏州市…行动方案) speaks for it in every
    paragraph; other documents carry the last paragraph's topic.
    """

    short_names: dict[str, str]
    topic: Found | None = None
    issuer: Found | None = None
    section: Found | None = None
    stale: int = 0  # paragraphs the carried topic has gone without being named
    programs: dict[str, Found] = field(default_factory=dict)  # for a later 《方案》提出…

    def prime(self, sp: Doc) -> None:
        """Hand the scope to the paragraph's components (``user_data``)."""
        sp.user_data["kg_topic"] = self.section or self.issuer or self.topic
        # a topic carried unnamed through whole paragraphs still owns their figures, but
        # is no longer trusted as the actor of their verbs (see kg.extract.relations)
        sp.user_data["kg_topic_stale"] = self.stale if not (self.section or self.issuer) else 0
        sp.user_data["kg_issuer"] = self.issuer
        sp.user_data["kg_short_names"] = self.short_names
        sp.user_data["kg_section"] = self.section
        sp.user_data["kg_programs"] = list(self.programs.values())

    def update(self, n: int, line: str, topic_out: Found | None, found: list[Found]) -> None:
        """Take in what paragraph ``n`` (``line``) named."""
        self.topic, self.stale = _carry_topic(topic_out, self.stale)
        for f in found:  # the last named last
            # a platform named as a project (“城市大脑”项目) is recalled like a program
            if (
                (f.type == "Program" or f.rule == "quoted-project")
                and f.rule != "topic"
                and not f.nested
            ):
                self.programs.pop(f.name, None)
                # kept as a span outside the text, as later paragraphs' components take it
                self.programs[f.name] = replace(f, start=-1, end=-1, rule="topic")
        if n == 0:  # a title names the place a document speaks for, or the policy it is
            self.issuer = title_place(line, found) or title_program(line, found)
        elif self.issuer is None and (program := title_program(line, found)) is not None:
            self.issuer = program  # a plan's name on a line of its own: its text follows
        elif is_heading(line):
            self.section = heading_subject(line, found)


def _carry_topic(out: Found | None, stale: int) -> tuple[Found | None, int]:
    """The topic for the next paragraph, and for how many paragraphs it has gone unnamed."""
    if out is None or out.rule != "topic":
        return out, 0  # named (or none) in this paragraph
    return out, stale + 1


def title_place(line: str, found: list[Found]) -> Found | None:
    """The place a document's title line opens with (苏州市…方案, 深圳市人民政府关于…, 安徽：…), or ``None``.

    A title is a first line without a full stop; the place is its first
    span, or the place inside the government body that opens it.
    """
    if len(line) > 64 or re.search(r"[。！？]", line):
        return None
    return _opening_span(
        found,
        len(line) - len(line.lstrip()),
        lambda f: f.type == "Place" and f.subclass in ("City", "Province", "District", "Region"),
    )


# a numbered heading: 第二章, 二、, （三）, 5.3
_HEADING = re.compile(
    r"\s*(?:第[一二三四五六七八九十]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)+\s*|\d+[、.．]\s*)"
)


def is_heading(line: str) -> bool:
    """A short numbered line without a full stop.

    >>> is_heading("二、总体要求"), is_heading("二、加快发展。")
    (True, False)
    """
    return (
        len(line) <= 40 and _HEADING.match(line) is not None and not re.search(r"[。！？；]", line)
    )


def heading_subject(line: str, found: list[Found]) -> Found | None:
    """The place, platform or organization a numbered heading opens with, or ``None``.

    >>> heading_subject("二、总体要求", []) is None
    True
    """
    m = _HEADING.match(line)
    if not m:
        return None
    return _opening_span(
        found, m.end(), lambda f: not f.nested and f.type in ("Place", "Platform", "Organization")
    )


def _opening_span(found: list[Found], at: int, accept) -> Found | None:
    """The first span found within a character of ``at`` that ``accept`` takes (a carried topic never)."""
    for f in sorted(found, key=lambda f: (f.start, f.nested)):
        if f.rule != "topic" and f.start - at <= 1 and accept(f):
            return f
    return None
