"""Subjects of relation rules: what a sentence and a clause are about.

A sentence's subject is the Place, Organization or Platform it opens with, else
the program it quotes, else the paragraph's topic; a clause's own subject is the
one it opens with (北京海淀… is 海淀's). :func:`sentence_subject` also moves the
paragraph's topic and quoted program on as it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import patterns as P
from . import roles as R
from .clauses import Clause, Sentence
from .scope import SUBJECT_TYPES, quoted_program
from .triggers import trigger_regex

if TYPE_CHECKING:  # (relations imports this module: the name is for annotations only)
    from .relations import RelationRules

# …，与香港共建… / …，在合肥建设…: a clause that opens on a partner or a site (在 X) keeps the subject before it
_NOT_OPENING_SUBJECT = R.PARTNER_MARKS | {"在"}

_TRIGGER = trigger_regex()


def sentence_subject(rules: RelationRules, s: Sentence) -> int | None:
    """The subject a sentence opens with, else the program it quotes or the topic;
    updates the paragraph's topic and quoted program."""
    text, ents = s.text, s.ents
    first_trigger = _TRIGGER.search(text, s.start, s.end)
    limit = first_trigger.start() if first_trigger else s.end
    sent_subject = next(
        (
            i
            for i in s.members
            if ents[i].type in (*SUBJECT_TYPES, "Platform")
            and ents[i].start < limit
            and ents[i].start - s.start <= 12
            and not R.in_list(text, ents[i])
            and not R.modifier_use(text, ents[i])
            and not P.in_means_phrase(text, ents[i].start, ents[i].end)
            and not P.after_means_verb(text, ents[i].start)
        ),
        None,
    )
    if sent_subject is not None:  # 北京海淀正…: the district is what the sentence is about
        sent_subject = next(
            (i for i in s.members if P.narrows(ents, sent_subject, i)), sent_subject
        )
    ref = P.self_reference(text, s.start, s.end, ents, rules.initial)
    if ref is not None:
        sent_subject = ref  # 全市…: the place the paragraph is about
    if sent_subject is not None and ents[sent_subject].type != "Organization":
        # organizations speak in one sentence (bylines, citations); places and
        # platforms are what a passage is about, so they carry on
        rules.topic = sent_subject
    speaker = quoted_program(text, ents, s.members, s.start)
    if speaker is not None:
        rules.quoted = speaker  # 比如，X工程明确，…: what follows is the program's
    elif sent_subject is not None:
        rules.quoted = None
    subject = sent_subject if sent_subject is not None else rules.quoted
    if subject is None:
        subject = rules.topic
    if sent_subject is None and subject is not None and ents[subject].subclass == "Country":
        subject = None  # a nation is the subject only where a sentence names it (theory prose says 我国 of everything)
    return subject


def local_subject(c: Clause) -> int | None:
    """The Place, Organization or Platform a clause opens with (not a list item, a
    partner after 与 or a site after 在), narrowed (北京海淀… is 海淀's)."""
    text, ents = c.text, c.ents
    local = next(
        (
            i
            for i in c.members
            if ents[i].type in (*SUBJECT_TYPES, "Platform")
            and ents[i].start - c.start <= 1
            and not R.in_list(text, ents[i])
            and text[c.start : ents[i].start].strip() not in _NOT_OPENING_SUBJECT
        ),
        None,
    )
    if local is None:
        return None
    return next((i for i in c.members if P.narrows(ents, local, i)), local)
