"""Scope: what a document, a section or a clause is about when it does not say.

A county's implementation opinion titled 加快重点产业实施意见 speaks for that
opinion in every article (设立规模不低于1亿元的…资金 is its measure); a
paragraph that opens 成都要… keeps 成都 as the subject of the clauses after it.
The relation and observation rules ask this module who the unstated subject is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
