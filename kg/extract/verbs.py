"""Verb rules: the relations a trigger verb states between the spans of a clause.

For every trigger verb (发展, 建设, 实施, 位于, 聚焦, 合作…) the rules find who acts
(the span before it, or the clause's subject), where (在合肥建设…) and with whom
(A、B印发…), then the objects of the verb's type after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lists as L
from . import patterns as P
from . import roles as R
from .clauses import Clause, Trigger
from .cooperation import cooperation
from .fields import field_phrases, main_fields
from .scope import SUBJECT_TYPES
from .subjects import local_subject
from .triggers import relations_of, trigger_regex

if TYPE_CHECKING:  # (relations imports this module: the name is for annotations only)
    from .relations import RelationRules

_OBJECT_TYPE = {
    "develops": "Industry",
    "builds": "Platform",
    "implements": "Program",
    "focusesOn": "Industry",
}
# X中心”在|合肥高新区揭牌 / X公司已在|苏州设立…: between a thing and the place where it acts
_AT_SITE = re.compile(r"[”\"」]?\s*(?:已经|已|将|正式|也|都)?在")
#: Verbs that issue a policy (出台关于X的规划).
_ISSUES = frozenset({"出台", "印发", "发布", "制定", "推出"})
# 出台|关于未来产业的发展规划 / 印发|关于加快集成电路产业发展的若干措施
_ABOUT = re.compile(
    r"(?:了)?(?:一批|多项|一系列)?关于([^，。；《》]{2,30}?)的[^，。；]{0,12}?(?:规划|方案|意见|措施|政策|办法|计划)"
)
# a clause that opens by supporting someone: 支持|常熟市建设…
_SUPPORT = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:积极|大力|全力|重点)?(?:支持|鼓励|引导|推动|指导|帮助)"
)
# a clause that only names a field: 在集成电路领域， / “在类脑智能、量子信息等前沿科技和产业变革领域，
_FIELD_CLAUSE = re.compile(r"[“\"\s]*在[^，,。；]{0,60}?(?:领域|赛道|方向|方面)(?:上|中|内)?[，,]?")

_TRIGGER = trigger_regex()


def triggers(rules: RelationRules, c: Clause) -> None:
    """Relations a trigger verb states between the spans of a clause; leaves in
    ``rules.subject`` the subject for the clauses after it."""
    text, ents = c.text, c.ents
    local = local_subject(c)
    for t in rules.fields:
        if local is not None:  # 在集成电路领域，长鑫存储建成…: the field is the actor's
            rules.emit(local, "develops", t, c, "field")
        for p in c.members:  # 在类脑智能、量子信息等领域，组织实施…计划: the program's fields
            if ents[p].type == "Program":
                rules.emit(p, "focusesOn", t, c, "field")
    subject = rules.subject
    if local is not None:
        subject = local
        # 合肥与芜湖共同组建…，并与马鞍山…协作: both act on in the clauses after
        rules.joint = [local] + [
            i
            for i in c.members
            if i != local
            and ents[i].type in SUBJECT_TYPES
            and re.fullmatch(r"[与和同]", text[ents[local].end : ents[i].start])
        ]
    elif (ref := P.self_reference(text, c.start, c.end, ents, rules.initial)) is not None:
        subject = ref  # …，全市…
    rules.fields = []
    if _FIELD_CLAUSE.fullmatch(text[c.start : c.end]) and not _TRIGGER.search(text, c.start, c.end):
        rules.fields = [i for i in c.members if ents[i].type == "Industry"]
    rules.subject = rules.carried = subject
    found = [
        m
        for m in _TRIGGER.finditer(text, c.start, c.end)
        if not any(ents[i].start <= m.start() < ents[i].end for i in c.members)
    ]
    for n, m in enumerate(found):
        nxt = found[n + 1].start() if n + 1 < len(found) else c.end
        after = [i for i in c.members if ents[i].start >= m.end()]
        trigger = Trigger(
            m,
            [i for i in c.members if ents[i].end <= m.start()],
            after,
            [i for i in after if ents[i].start < nxt] or after,
        )
        _trigger(rules, c, trigger, subject, local)
    field_phrases(rules, c, bool(found), subject)
    main_fields(rules, c, subject)
    rules.subject = rules.carried


def _trigger(
    rules: RelationRules, c: Clause, t: Trigger, subject: int | None, local: int | None
) -> None:
    """The relations one trigger verb states (each relation it may trigger in turn)."""
    actor = _actor(rules, c, t, subject, local)
    if actor is None:
        return  # 北京、上海等8省市的10家科技园成为…: the places own the actor, they do not act
    subj, site, co_subjects = actor
    if (
        site is not None
        and subj is not None
        and c.ents[site].type == "Place"
        and c.ents[subj].type in ("Platform", "Organization")
        and _AT_SITE.fullmatch(c.text[c.ents[subj].end : c.ents[site].start])
    ):
        rules.emit(subj, "locatedIn", site, c, "site")  # X中心在合肥高新区揭牌: it lies there
    _policy_about(rules, c, t, subj, co_subjects)
    for rel in relations_of(t.match.group()):
        if rel == "cooperatesWith":
            cooperation(rules, c, t.match, subject)
        elif rel == "locatedIn":
            _locate(rules, c, t, subject)
        elif rel == "focusesOn":
            _focus(rules, c, t, subj)
        elif subj is not None and not R.supports_another(c.ents, t.match, t.after):
            _act(rules, c, t, rel, subj, site, co_subjects)


def _actor(
    rules: RelationRules, c: Clause, t: Trigger, subject: int | None, local: int | None
) -> tuple[int | None, int | None, list[int]] | None:
    """Who acts in a trigger's verb, where (在合肥建设…) and with whom (A、B印发…):
    ``(actor, site, co_actors)``, or ``None`` when the span before the verb only
    owns the actor (X等8省市的10家科技园成为…)."""
    text, ents, m = c.text, c.ents, t.match
    subj = next(
        (
            i
            for i in reversed(t.before)
            if ents[i].type in SUBJECT_TYPES and not R.compared(text, ents[i])
        ),
        None,
    )
    site = None
    if subj is not None and R.is_site(text, ents[subj], m.start()):
        site, subj = subj, (subject if subject != subj else None)  # 在合肥建设X: where, not who
    if (
        subj is not None
        and R.possessor(text, ents[subj], m.start())
        and text[ents[subj].start - 1 : ents[subj].start] not in R.PARTNER_MARKS
    ):
        return None
    co_subjects: list[int] = []
    # 北京、上海、广东深圳等地…: the list item is 广东深圳, narrowed to 深圳
    item = next((i for i in t.before if subj is not None and P.narrows(ents, i, subj)), subj)
    if item is not None and subj is not None and R.in_list(text, ents[item]):
        # 中共中央、国务院印发…: every member of the list acts
        members = R.list_members(text, ents, t.before, item)
        co_subjects = sorted({subj if i == item else i for i in members})
    if subj is None:
        subj = subject
    elif (
        rules.carried == subject
        and local is None
        and not co_subjects
        and len(text[ents[subj].end : m.start()]) <= 2
        and _SUPPORT.fullmatch(text[c.start : ents[subj].start])
    ):
        rules.carried = subj  # 支持常熟市建设…，发展…: the supported actor goes on acting
    return subj, site, co_subjects


def _policy_about(
    rules: RelationRules, c: Clause, t: Trigger, subj: int | None, co_subjects: list[int]
) -> None:
    """出台关于未来产业的发展规划: a place or body that issues a policy about an industry
    develops it (each of a list of issuers: 北京、上海等地率先出台…)."""
    if subj is None or t.match.group() not in _ISSUES:
        return
    m = _ABOUT.match(c.text, t.match.end())
    if not m:
        return
    for i in t.after:
        e = c.ents[i]
        if e.type == "Industry" and m.start(1) <= e.start and e.end <= m.end(1):
            for actor in co_subjects or [subj]:
                rules.emit(actor, "develops", i, c, "policy-about")


def _locate(rules: RelationRules, c: Clause, t: Trigger, subject: int | None) -> None:
    """位于/落户/地处: what lies in the place after the verb."""
    text, ents, m = c.text, c.ents, t.match
    place = next((i for i in t.after if ents[i].type == "Place"), None)
    if place is None:
        return
    # 位于合肥高新区的中国声谷: what follows 的 is what lies there
    thing = next(
        (
            i
            for i in t.after
            if ents[i].start == ents[place].end + 1
            and text[ents[place].end] == "的"
            and ents[i].type in ("Platform", "Organization")
        ),
        None,
    )
    if thing is None and not text[c.start : m.start()].strip():
        # 地处长三角，嘉兴市…: a clause opening on the verb is about the next one's subject
        thing = next(
            (
                i
                for i in c.sentence.members
                if 0 <= ents[i].start - c.end <= 1 and ents[i].type in (*SUBJECT_TYPES, "Platform")
            ),
            None,
        )
    if thing is None:
        thing = next(
            (i for i in reversed(t.before) if ents[i].type in ("Platform", "Organization")),
            subject,
        )
    if thing is not None and not rules.within(ents[place].name, ents[thing].name):
        rules.emit(thing, "locatedIn", place, c, "clause")


def _focus(rules: RelationRules, c: Clause, t: Trigger, subj: int | None) -> None:
    """聚焦/围绕/面向: a program's or platform's fields; a company or place that
    focuses on a field develops it."""
    ents, m = c.ents, t.match
    industries = [i for i in t.near if ents[i].type == "Industry"]
    head = next((i for i in reversed(t.before) if ents[i].type in ("Program", "Platform")), None)
    if head is None and subj is not None and ents[subj].type in ("Program", "Platform"):
        head = subj
    if head is not None:
        for i in industries:
            rules.emit(head, "focusesOn", i, c, "clause")
    elif subj is not None and m.group() in ("专注", "聚焦", "瞄准", "深耕", "围绕"):
        for i in industries:
            rules.emit(subj, "develops", i, c, "clause")
        # 实施“领航”计划，围绕A、B等方向…: the program's fields
        program = R.just_launched(c.text, ents, c.start, m.start())
        if program is not None:
            for i in industries:
                rules.emit(program, "focusesOn", i, c, "launched")


def _act(
    rules: RelationRules,
    c: Clause,
    t: Trigger,
    rel: str,
    subj: int,
    site: int | None,
    co_subjects: list[int],
) -> None:
    """develops/builds/implements: the actor (and its co-actors) and the objects of
    the verb's type after it (before it in the passive: X行动深入实施)."""
    ents = c.ents
    want = _OBJECT_TYPE[rel]
    objects = [i for i in t.near if ents[i].type == want]
    if not objects and rel in ("builds", "implements"):
        # (not an item of the actor's own list: A机构、B基地等揭牌 names what opened)
        objects = [
            i
            for i in t.before
            if ents[i].type == want
            and i != subj
            and subj not in L.list_items(c.text, ents, t.before, i)
        ]
    for obj in objects:
        for actor in co_subjects or [subj]:
            rules.emit(actor, rel, obj, c, "clause")
        if rel == "builds" and site is not None and ents[site].type == "Place":
            rules.emit(obj, "locatedIn", site, c, "site")
