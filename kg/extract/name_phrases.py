"""Entity rule families for phrases: section headings, issued titles, proposed names,
regional strategies, field phrases (在……领域) and valleys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from . import patterns as P
from .candidates import type_candidate
from .name_lists import (
    _starts_with_place,
)
from .name_patterns import (
    _BEFORE_BARE_HEAD,
    _FIELD_PHRASE,
    _FIELD_QUALIFIERS,
    _INTEGRATION,
    _ISSUED_TITLE,
    _NATIONAL_VALLEY,
    _NUMBER_WORD,
    _canonical,
)
from .proposals import SPANS_KEY
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def issued_titles(rules: EntityRules, text: str) -> None:
    """印发加快…行动方案（2024-2028年）: a document title right after a verb of issuing
    is named whole, its opening verbs included, where 《》 would have marked it. Without a
    year range it must be long and have no 的 (出台相关规划, 制定…的实施意见 are not titles)."""
    for m in _ISSUED_TITLE.finditer(text):
        name = m.group("name")
        bare = name[: m.start("edition") - m.start("name")] if m.group("edition") else name
        if not m.group("edition") and (len(bare) < 12 or "的" in bare):
            continue
        if _NUMBER_WORD.match(bare[:1]) or bare.startswith(("相关", "有关", "一系列", "配套")):
            continue
        rules.add(
            m.start("name"), m.end("name"), "Program", name, name, 3, "issued-title", "Policy"
        )


def proposed_names(rules: EntityRules, text: str, doc: Doc) -> None:
    """A statistical tagger's place and organization names (see :mod:`kg.extract.proposals`),
    typed by their form (:func:`kg.extract.candidates.type_candidate`); they fill only
    the gaps the rules leave (see :meth:`resolve`)."""
    for span in doc.spans.get(SPANS_KEY, ()):
        typed = type_candidate(span.text, span.label_, rules.lexicon)
        if typed is not None:
            type_, subclass = typed
            rules.add(
                span.start_char,
                span.end_char,
                type_,
                _canonical(span.text, type_),
                span.text,
                0,
                "proposal",
                subclass,
            )


def section_heads(rules: EntityRules, text: str, section) -> None:
    """大走廊 in the section on 杭州城西科创大走廊: a platform's head word standing alone refers to it.

    Only distinctive heads of three or more characters (大走廊, 科学城, 创新港), and only
    where no longer name contains them (the longer span wins in :meth:`resolve`).
    """
    if section is None or section.type != "Platform":
        return
    head = next(
        (
            h
            for h in P.PLATFORM_SUFFIXES
            if len(h) >= 3
            and section.name.endswith(h)
            and len(section.name) > len(h)
            and h not in P.GENERIC_NAMES
        ),
        None,
    )
    if head is None:
        return
    for m in re.finditer(re.escape(head), text):
        before = text[m.start() - 1 : m.start()]
        if not before or not "\u4e00" <= before <= "\u9fff" or before in _BEFORE_BARE_HEAD:
            rules.add(
                m.start(),
                m.end(),
                "Platform",
                section.name,
                head,
                1,
                "section-head",
                section.subclass,
            )


def regional_strategies(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """京津冀协同发展, 长株潭一体化发展: a region's integration named as a strategy."""
    for t in toks:
        entry = rules.lexicon.get(t.text)
        if not (
            entry and entry.type == "Place" and entry.subclass in ("Region", "Province", "City")
        ):
            continue
        m = _INTEGRATION.match(text, t.end)
        if m:
            name = t.text + m.group()
            rules.add(t.start, m.end(), "Program", name, name, 3, "regional-strategy", "Strategy")


def field_phrases(rules: EntityRules, text: str) -> None:
    """在光纤通信领域, 在化纤新材料领域: the field a 在…领域 phrase names is one industry,
    even where the lexicon knows only its parts (化纤, 新材料)."""
    for m in _FIELD_PHRASE.finditer(text):
        field = m.group("field")
        tail = next((t for t in P.INDUSTRY_TAILS if field.endswith(t)), "")
        rest = field[: len(field) - len(tail)]
        if (
            not tail
            or len(rest) < 2
            or rest in P.GENERIC_MODIFIERS
            or field in P.GENERIC_FIELDS
            or field[:2] in P.GENERIC_MODIFIERS
            or field[:2] in _FIELD_QUALIFIERS
            or _starts_with_place(rules, field)
        ):
            continue  # 在新技术领域, 在相关产业领域: a kind of field, not one
        entry = rules.lexicon.get(field)
        if entry is None or entry.type == "Industry":
            rules.add(
                m.start("field"),
                m.end("field"),
                "Industry",
                entry.canonical if entry else field,
                field,
                2,
                "field",
            )


def valleys(rules: EntityRules, text: str) -> None:
    """中国光谷, 中国声谷: a national cluster named 中国 + its field + 谷 (the bare 谷 head
    is too common a character for the suffix rule)."""
    for m in _NATIONAL_VALLEY.finditer(text):
        rules.add(m.start(), m.end(), "Platform", m.group(), m.group(), 4, "valley", "Park")
