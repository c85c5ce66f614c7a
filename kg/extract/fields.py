"""Field rules: industries named as the fields of a place, a program or a company.

在集成电路、新型显示等领域突破… (the fields are developed), 以电子信息为主攻方向
(a subject's main line), 脑机接口领域独角兽企业X (a company described by its field),
电子信息、装备制造四大产业集群 (a place's named group of industries); and fields where
something is only applied (在交通、医疗等领域应用), which no rule may make developed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lists as L
from . import roles as R
from .clauses import Clause
from .scope import SUBJECT_TYPES

if TYPE_CHECKING:  # (relations imports this module: the name is for annotations only)
    from .relations import RelationRules

# 光电子信息|产业领域独树一帜的“|中国光谷 / 脑机接口|领域独角兽企业|X公司
_FIELD_HOLDER = re.compile(
    r"(?:等)?(?:产业)?领域[^，。；、“”]{0,8}?(?:的|企业|公司|龙头|独角兽)[“\"]?"
)
# 在集成电路、新型显示等领域: industries named as a field
_NAMED_INDUSTRIES = re.compile(r"^[^，。；]{0,8}?产业(?:领域|方面)")
_FIELD_AFTER = re.compile(r"^[^，。；]{0,8}?(?:等)?(?:重点|前沿|新兴|关键)?(?:领域|赛道|方面|方向)")
# 以电子信息、装备制造为主攻方向: what a subject puts first (not …为重点的浪潮, which modifies what follows)
_MAIN_FIELD = re.compile(
    r"以([^，。；：]{2,48}?)为(?:主攻方向|重点方向|主导方向|主导|主攻|重点|龙头|主体|方向)(?![的之])"
)


def applied_fields(rules: RelationRules, c: Clause) -> None:
    """Mark the industries of a clause listed as fields where something is applied
    (在交通、医疗等领域应用): no rule may make them developed."""
    for run in L.lists_in(c.text, c.ents, c.members):
        if c.ents[run[0]].type == "Industry" and L.applied_fields(
            c.text, c.ents, run, c.start, c.end
        ):
            rules.sink.applied.update(run)


def listed_items(rules: RelationRules, c: Clause) -> None:
    """Enumerations in one clause: one relation per item (see :mod:`kg.extract.lists`),
    with the clause's subject (its own opening subject, else the one carried in)."""
    text, ents, subject = c.text, c.ents, rules.subject
    for run in L.lists_in(text, ents, c.members):
        if subject is None or run[0] in rules.sink.applied:
            continue
        if L.named_group(text, ents, run, c.start, c.end) or (
            ents[subject].type == "Program" and L.named_sectors(text, ents, run, c.end)
        ):
            for t in run:  # 电子信息、装备制造四大产业集群…: the place's own industries
                rules.emit(subject, "develops", t, c, "named-group")
    for thing, place in L.held_items(text, ents, c.members, c.end):
        rules.emit(thing, "locatedIn", place, c, "held")


def field_holders(rules: RelationRules, c: Clause) -> None:
    """在光电子信息产业领域独树一帜的“中国光谷” / 脑机接口领域独角兽企业X: a company or
    platform described by its field develops it (the whole 、-list of fields)."""
    text, ents = c.text, c.ents
    for n, i in enumerate(c.members[:-1]):
        j = c.members[n + 1]
        if (
            ents[i].type == "Industry"
            and ents[j].type in ("Organization", "Platform")
            and _FIELD_HOLDER.fullmatch(text[ents[i].end : ents[j].start])
        ):
            for t in R.list_before(text, ents, c.members, i):
                rules.emit(j, "develops", t, c, "field-holder")


def field_phrases(rules: RelationRules, c: Clause, has_trigger: bool, subject: int | None) -> None:
    """在航空航天、信息技术等重点领域突破…: the industries of the field phrase are developed,
    by whoever stands right before 在 (支持比亚迪在新能源汽车领域…), else the subject;
    without a verb only where the text calls them industries (在芯片等新兴产业方面投资)."""
    text, ents = c.text, c.ents
    for i in c.members:
        after = text[ents[i].end : c.end]
        if not (
            (has_trigger or _NAMED_INDUSTRIES.match(after))
            and ents[i].type == "Industry"
            and _FIELD_AFTER.match(after)
        ):
            continue
        at = text.rfind("在", c.start, ents[i].start)
        if at < 0 and text[c.start : ents[i].start].find("聚焦") < 0:
            continue
        actor = next(
            (
                j
                for j in c.members
                if ents[j].end == at
                and ents[j].type in SUBJECT_TYPES
                and not R.partner(text, ents, c.members, j)
            ),
            subject,
        )
        if actor is not None:
            # the whole 在A、B、…、C等领域 list, not only the items near 领域
            for t in R.list_before(text, ents, c.members, i):
                rules.emit(actor, "develops", t, c, "clause")


def main_fields(rules: RelationRules, c: Clause, subject: int | None) -> None:
    """以电子信息、装备制造为主攻方向: the industries a subject makes its main line, it develops.

    Not 以…为重点的新一轮科技浪潮 (a modifier of what follows), and only with a clause subject.
    """
    if subject is None:
        return
    ents = c.ents
    for m in _MAIN_FIELD.finditer(c.text, c.start, c.end):
        for i in c.members:
            if (
                ents[i].type == "Industry"
                and m.start(1) <= ents[i].start
                and ents[i].end <= m.end(1)
            ):
                rules.emit(subject, "develops", i, c, "main-field")
