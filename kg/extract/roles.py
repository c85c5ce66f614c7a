"""Roles of a span in a clause: who acts, who is only a partner, a site, a possessor,
an item of a list, or a place that merely qualifies a phrase or a name.

The relation rules ask these predicates before making a span the actor of a verb
(在合肥建设… names a site, 与香港共建… a partner, 继北京之后… a comparison).
"""

from __future__ import annotations

import re

from . import patterns as P
from .entities import Found
from .scope import SUBJECT_TYPES

#: What marks a partner of the subject rather than an actor (与香港共建…).
PARTNER_MARKS = frozenset("与同跟")


def compared(text: str, e: Found) -> bool:
    """Whether a span is only what something is compared with (继北京之后…, 像深圳一样…),
    so not the actor of the verb after it.

    >>> compared("X是继北京之后第二家获批园区", Found(3, 5, "Place", "北京", "北京"))
    True
    """
    return text[e.start - 1 : e.start] in ("继", "像", "同") and text.startswith(
        ("之后", "之外", "一样", "那样", "相比"), e.end
    )


def modifier_use(text: str, e: Found) -> bool:
    """Whether a place name only qualifies a fixed phrase (中国特色社会主义, 中国式现代化),
    so it is not what the sentence is about.

    >>> modifier_use("以中国特色社会主义思想为指导", Found(1, 3, "Place", "中国", "中国"))
    True
    """
    return text.startswith(("特色", "式现代化", "梦"), e.end)


#: Development zones named by their city's name and a short head (合肥高新区 lies in 合肥).
ZONES = frozenset({"高新区", "经开区", "开发区", "新区", "自贸区", "综保区"})


def qualifies(name: str, place: str) -> bool:
    """Whether ``place`` qualifies a name that stands without it (武汉|东湖高新区),
    rather than being part of the name itself (重庆|大学)."""
    rest = name.replace(place, "", 1).strip("（）()")
    if rest in ZONES:  # 苏州|高新区: a zone of the city (the zone word alone names nothing)
        return True
    return (
        len(rest) >= 4
        and rest not in P.GENERIC_NAMES
        and not rest.endswith(("大学", "学院", "日报", "报社"))
    )


def list_members(text: str, ents: list[Found], candidates: list[int], member: int) -> list[int]:
    """The Place/Organization items of the 、/和-list that ``member`` belongs to."""
    out = [member]
    idx = candidates.index(member)
    for step in (-1, 1):
        k = idx
        while 0 <= k + step < len(candidates):
            a, b = (
                (candidates[k + step], candidates[k])
                if step < 0
                else (candidates[k], candidates[k + step])
            )
            if text[ents[a].end : ents[b].start].strip() not in (
                "、",
                "和",
                "及",
                "与",
                "以及",
                "",
            ):
                break
            k += step
            if ents[candidates[k]].type in SUBJECT_TYPES:
                out.append(candidates[k])
    return sorted(set(out))


def supports_another(ents: list[Found], m: re.Match, after: list[int]) -> bool:
    """支持亨通集团在光纤通信领域…: the supported company is who develops the field, not the supporter."""
    return (
        m.group() in ("支持", "鼓励", "引导")
        and bool(after)
        and ents[after[0]].type in SUBJECT_TYPES
        and ents[after[0]].start - m.end() <= 1
    )


def just_launched(text: str, ents: list[Found], c0: int, verb_at: int) -> int | None:
    """The program the clause before ``c0`` ends on (实施产业链“链长制”。围绕…), when the
    clause opening at ``c0`` starts with its verb; not the last of several (A工程和B工程，围绕…)."""
    if text[c0:verb_at].strip():
        return None
    for i, e in enumerate(ents):
        if (
            e.type == "Program"
            and not e.nested
            and 0 <= e.end <= c0
            and re.fullmatch(r"[”\"」』]?[，,；;。]\s*", text[e.end : c0])
            and text[e.start - 1 : e.start] not in ("和", "、", "及", "与")
        ):
            return i
    return None


def partner(text: str, ents: list[Found], in_clause: list[int], j: int) -> bool:
    """Whether a span is (in a list) after 与/同/跟: a partner in the field, not its developer
    (加强与新加坡在生物医药领域的合作)."""
    k = in_clause.index(j)
    while k > 0 and text[ents[in_clause[k - 1]].end : ents[in_clause[k]].start] in (
        "、",
        "和",
        "及",
    ):
        k -= 1
    first = ents[in_clause[k]]
    return text[first.start - 1 : first.start] in PARTNER_MARKS


def list_before(text: str, ents: list[Found], in_clause: list[int], last: int) -> list[int]:
    """``last`` and the industries listed before it with 、/和/及 (A、B和C)."""
    out = [last]
    k = in_clause.index(last)
    while k > 0:
        a, b = in_clause[k - 1], out[-1]
        if ents[a].type != "Industry" or text[ents[a].end : ents[b].start] not in (
            "、",
            "和",
            "及",
            "以及",
        ):
            break
        out.append(a)
        k -= 1
    return out


def possessor(text: str, e: Found, verb_at: int) -> bool:
    """Whether a span only modifies the actor of the verb after it (X等8省市的10家园区成为…).

    >>> possessor("北京的10家园区成为试点", Found(0, 2, "Place", "北京", "北京"), 9)
    True
    """
    return re.match(r"(?:等[^，。；的]{0,6})?的[^，。；的]{2,}$", text[e.end : verb_at]) is not None


def is_site(text: str, e: Found, verb_at: int) -> bool:
    """Whether a span is where the verb after it happens: 在合肥建设…, 在中国科学技术大学周边建设….

    >>> is_site("在合肥建设实验室", Found(1, 3, "Place", "合肥", "合肥"), 3)
    True
    """
    return (
        text[e.start - 1 : e.start] == "在"
        and re.fullmatch(r"(?:周边|附近|境内|等地|一带)?", text[e.end : verb_at]) is not None
    )


def in_list(text: str, e: Found) -> bool:
    """Whether a span is one item of a 、-list (so not a clause's subject)."""
    return text[e.end : e.end + 1] == "、" or text[e.start - 1 : e.start] == "、"
