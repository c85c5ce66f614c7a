"""Cooperation rules: parties joined by 与/和/同/携手, or listed before a joint verb.

A与B合作, A携手B, 与A、B对接 (the clause's subject with every listed partner),
A、B、C三市联合… (every pair of a list that acts together).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from . import roles as R
from .clauses import Clause
from .scope import SUBJECT_TYPES

if TYPE_CHECKING:  # (relations imports this module: the name is for annotations only)
    from .relations import RelationRules

# between the last item of a list of parties and their joint verb: 合肥、芜湖、蚌埠|三市|联合
_LIST_TAIL = re.compile(
    r"(?:等)?(?:[两二三四五六七八九十\d]+(?:市|省|地|区|方|国|家|城|部门|部委|单位))?(?:等地)?"
)
#: What joins the items of a list of parties (合肥、芜湖和蚌埠).
_JOINS = ("、", "和", "及", "与", "以及")


def cooperation(rules: RelationRules, c: Clause, m: re.Match[str], subj: int | None) -> None:
    """A与B合作, A携手B, 与A、B对接, A、B、C三市联合…: parties joined by 与/和/同/携手 cooperate."""
    text, ents = c.text, c.ents
    parties = [i for i in c.members if ents[i].type in SUBJECT_TYPES]
    # a list of places or bodies right before the verb acts together: every pair cooperates
    chain = [i for i in parties if ents[i].end <= m.start()]
    if chain and _LIST_TAIL.fullmatch(text[ents[chain[-1]].end : m.start()]):
        members = [chain[-1]]
        for a in reversed(chain[:-1]):
            if text[ents[a].end : ents[members[-1]].start].strip() not in _JOINS:
                break
            members.append(a)
        if text[ents[members[-1]].start - 1 : ents[members[-1]].start] in R.PARTNER_MARKS:
            members = []  # 与上海、江苏、浙江共建…: partners of the subject, not of each other
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                rules.emit(b, "cooperatesWith", a, c, "cooperation")
    for a, b in itertools.pairwise(parties):
        gap = text[ents[a].end : ents[b].start]
        if re.fullmatch(r"\s*(?:与|和|同|跟|携手|联合|并与|以及)\s*", gap):
            rules.emit(a, "cooperatesWith", b, c, "cooperation")
    if subj is None or ents[subj].type not in SUBJECT_TYPES:
        return
    actors = rules.joint if subj in rules.joint else [subj]
    for i in parties:
        if i == subj or not re.search(
            r"(?:与|同|跟|携手|联合)\s*$", text[max(0, ents[i].start - 3) : ents[i].start]
        ):
            continue
        # 与东南亚、欧洲…合作: the whole list
        j = parties.index(i)
        while True:
            for actor in actors:
                rules.emit(actor, "cooperatesWith", parties[j], c, "cooperation")
            j += 1
            if not (
                j < len(parties)
                and text[ents[parties[j - 1]].end : ents[parties[j]].start] in ("、", "和", "及")
            ):
                break
