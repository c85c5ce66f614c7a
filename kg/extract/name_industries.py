"""Entity rule family: industries named by a head word (X产业, X产业集群, X行业) where X
reads like an industry (the lexicon or the words before it say so)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def industry_heads(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """``X产业`` / ``X产业集群`` / ``X行业``: X is an industry when it reads like one."""
    for j, tok in enumerate(toks):
        m = re.search(r"(产业集群|产业|行业|工业)$", tok.text)
        if not m:
            continue
        head = m.group(1)
        core_end = tok.end - len(head)
        first = rules.extend_left(toks, j - 1, limit=3) if j > 0 else 0
        if first < j and (e := rules.lexicon.get(toks[first].text)) and e.type == "Place":
            first += 1  # 芜湖|机器人产业: the place whose industry it is, not part of its name
        elif first < j and e is not None and e.type == "Organization":
            continue  # 某集团|云计算产业创新基地: a company's own business names its facility
        first = _known_industry_start(rules, text, toks, first, j, core_end)
        scoped = False
        while first < j and toks[first].text in P.SCOPE_WORDS:
            first += 1  # 全球|光电子信息产业: the scope of an industry is not part of its name
            scoped = True
        if scoped and text[toks[first].start : core_end] in P.GENERIC_FIELDS:
            continue  # 全球|科技产业: a scope and a generic field name no industry
        start = toks[first].start if first < j else tok.start
        core = text[start:core_end]
        if not (2 <= len(core) <= 10) or re.match(r"^[\d一二三四五六七八九十两几多各该这其]", core):
            continue
        surface = text[start : tok.end]
        entry = rules.lexicon.get(core)
        if entry and entry.type == "Industry":
            rules.add(start, tok.end, "Industry", entry.canonical, surface, 2, "industry-head")
        elif rules.lexicon.get(surface):
            continue  # the lexicon rule has it
        elif core in P.INDUSTRY_CATEGORIES and head in ("产业", "产业集群"):
            rules.add(start, tok.end, "Industry", core + "产业", surface, 2, "industry-category")
        elif core.endswith(P.INDUSTRY_TAILS) and head != "工业":
            rules.add(
                start,
                tok.end,
                "Industry",
                core,
                surface,
                1,
                "industry-head",
                aliases=(surface,),
            )


def _known_industry_start(
    rules: EntityRules, text: str, toks: list[Tok], first: int, j: int, core_end: int
) -> int:
    """Where a known industry starts after words that only place or scope it
    (全国|生物医药产业, 北方|生物医药产业, …领域|生物医药产业): those words are not part
    of the industry's name. ``first`` if the whole core is known or no such word leads."""
    if first >= j or rules.lexicon.get(text[toks[first].start : core_end]):
        return first
    for k in range(first + 1, j + 1):  # j: the known industry is inside the head's token
        entry = rules.lexicon.get(text[toks[k].start : core_end])
        if entry is None or entry.type != "Industry":
            continue
        if all(_scopes_industry(rules, t) for t in toks[first:k]):
            return k
        break
    return first


def _scopes_industry(rules: EntityRules, t: Tok) -> bool:
    """A word before an industry that places or scopes it: a place or a name, a
    park (…合作区), a scope or modifier word, a direction, a field head closing an
    earlier phrase."""
    entry = rules.lexicon.get(t.text)
    return (
        (entry is not None and entry.type == "Place")
        or t.tag in ("ns", "nr", "nrt", "f", "s")
        or t.text.endswith(P.PLATFORM_SUFFIXES)
        or t.text in P.GENERIC_MODIFIERS
        or t.text in P.LEFT_STOP_WORDS
        or t.text in P.INDUSTRY_HEADS
    )
