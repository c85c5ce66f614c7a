"""Distribution of figures: 上海、北京分别拥有65家和56家… gives each listed item its figure.

The figures after 分别 go to the items of the list before it, in order, when the
list has as many items as there are figures.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from . import figures as F
from . import lists as L
from .entities import Found

if TYPE_CHECKING:  # (observations imports this module: the name is for annotations only)
    from .observations import FoundObservation

# between the figures 分别 hands out (65家和56家, 8%、8%、10%以上) and between a list and 分别
_FIGURE_JOIN = re.compile(r"\s*(?:以上|以下|左右)?\s*(?:[、,，和及与]|以及)\s*")
_LIST_TO_EACH = re.compile(r"[^。；;：:]{0,10}")


def distribute(
    text: str,
    ents: list[Found],
    in_sent: list[int],
    out: list[FoundObservation],
    s0: int,
    s1: int,
) -> list[FoundObservation]:
    """上海、北京分别拥有65家和56家…: the figures after 分别 go to the listed items in order,
    when the list before it has as many items as there are figures.

    Figures attributed to several subjects (a place and its industry) become one each.
    """
    for at in (m.start() for m in re.finditer("分别", text[s0:s1])):
        at += s0
        nxt = text.find("分别", at + 2, s1)
        end = nxt if nxt >= 0 else s1
        firsts: dict[int, FoundObservation] = {}
        for o in out:
            if o.sent_start == s0 and at < o.start < end:
                firsts.setdefault(o.start, o)
        # the figures right after 分别, joined by 、/和 (65家和56家), not the later ones
        starts: list[int] = []
        for start in sorted(firsts):
            if starts and not _FIGURE_JOIN.fullmatch(text[firsts[starts[-1]].end : start]):
                break
            starts.append(start)
        if len(starts) < 2:
            continue
        items = _last_list_before(text, ents, in_sent, at, len(starts))
        if items is None:
            continue
        kept = [o for o in out if o.sent_start != s0 or o.start not in starts]
        # what all of them measure: 等重点行业产值|分别…, else what follows the last figure
        common = F.TAIL.sub("", F.LEAD.sub("", text[ents[items[-1]].end : at]).strip()).strip(
            "等的 "
        )
        if not common:
            last = firsts[starts[-1]]
            common = re.split(r"[，,；;。、：:（(]", text[last.end : last.end + 24], maxsplit=1)[0]
        for item, start in zip(items, starts, strict=True):
            kept.append(
                replace(firsts[start], subject=item, indicator=common[:40] or firsts[start].unit)
            )
        out = sorted(kept, key=lambda o: (o.sent_start, o.start))
    return out


def _last_list_before(
    text: str, ents: list[Found], in_sent: list[int], at: int, size: int
) -> list[int] | None:
    """The nearest 、/和-list of ``size`` named items that ends before ``at``, or ``None``."""
    before = [i for i in in_sent if ents[i].end <= at and ents[i].type != "Program"]
    runs = L.lists_in(text, ents, before)
    if not runs or len(runs[-1]) != size:
        return None  # the nearest list counts otherwise: not a one-to-one reading
    # …等重点行业产值|分别, 合肥GDP增幅|分别: only what they measure between the list and 分别
    if not _LIST_TO_EACH.fullmatch(text[ents[runs[-1][-1]].end : at]):
        return None
    return runs[-1]
