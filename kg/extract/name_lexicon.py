"""Entity rule family: terms of the lexicon (places, industries, known names) where
they stand as whole words in the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .name_patterns import (
    _AMOUNT_BEFORE,
    _NOT_AN_INDUSTRY_AFTER,
    _is_oov,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules
    from .lexicon import LexEntry


# ------------------------------------------------------------ rule families
def lexicon_terms(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """Lexicon terms aligned with token boundaries, and place abbreviations (川渝, 在蓉)."""
    n = len(toks)
    for i in range(n):
        _lexicon_term_at(rules, text, toks, i)
        _abbreviations_at(rules, toks, i)


def _lexicon_term_at(rules: EntityRules, text: str, toks: list[Tok], i: int) -> None:
    """The longest lexicon term starting at token ``i`` (up to six tokens long)."""
    longest: tuple[str, LexEntry] | None = None
    end = i
    for j in range(i + 1, min(len(toks), i + 6) + 1):
        surface = text[toks[i].start : toks[j - 1].end]
        if not rules.lexicon.begins_a_term(surface):
            break  # no term starts with these words: none longer either
        if entry := rules.lexicon.get(surface):
            longest, end = (surface, entry), j
    if longest is None:
        return
    surface, entry = longest
    if entry.type == "Industry" and _NOT_AN_INDUSTRY_AFTER.match(text, toks[end - 1].end):
        return  # 载人航天精神, 网络安全大赛: a field word inside another phrase
    if (
        entry.subclass == "District"
        and surface != entry.canonical
        and (
            not _stands_alone(toks, i, end)
            or _AMOUNT_BEFORE.search(text, max(0, toks[i].start - 4), toks[i].start)
        )
    ):
        # 新建, 长安汽车, 天河二号: a county's short name that is really another word;
        # 突破万亿元大关: after an amount it is the word for a threshold
        return
    rules.add(
        toks[i].start,
        toks[end - 1].end,
        entry.type,
        entry.canonical,
        surface,
        3,
        "lexicon",
        entry.subclass,
    )


def _abbreviations_at(rules: EntityRules, toks: list[Tok], i: int) -> None:
    """One-character place abbreviations at token ``i``: in pairs (川渝) or after 在/来/赴/驻 (在蓉)."""
    n = len(toks)
    # one-character abbreviations after 在/来/赴/驻 (在蓉) and in pairs (川渝)
    t = toks[i].text
    if (
        len(t) == 1
        and i + 1 < n
        and len(toks[i + 1].text) == 1
        and t in rules.lexicon.abbreviations
        and toks[i + 1].text in rules.lexicon.abbreviations
        and t != toks[i + 1].text
        and not (i + 2 < n and _is_oov(toks[i + 2].text))  # 湘|渝|易购: a brand
    ):
        pair = t + toks[i + 1].text
        if not rules.lexicon.get(pair):
            rules.add(
                toks[i].start,
                toks[i + 1].end,
                "Place",
                pair,
                pair,
                2,
                "abbreviation-pair",
                "Region",
            )
    if (
        len(t) == 2
        and all(ch in rules.lexicon.abbreviations for ch in t)
        and not rules.lexicon.get(t)
        # 苏宁易购: a pair that runs into an unknown word is the start of a brand
        and not (i + 1 < n and _is_oov(toks[i + 1].text))
    ):
        rules.add(toks[i].start, toks[i].end, "Place", t, t, 2, "abbreviation-pair", "Region")
    elif len(t) == 2 and t[0] in "在来赴驻留" and t[1] in rules.lexicon.abbreviations:
        name = rules.lexicon.abbreviations[t[1]]
        rules.add(toks[i].start + 1, toks[i].end, "Place", name, t[1], 2, "abbreviation")


#: Negation and degree words: a word after them is an adjective (不太平, 很平安).
_DEGREE_WORDS = frozenset(["不", "并不", "很", "更", "最", "太", "较", "十分", "非常", "比较"])
#: One-character geographic features that name a bay, lake, island … after a word.
_FEATURE_WORDS = frozenset("湾湖岛江河港山峡")


def _stands_alone(toks: list[Tok], i: int, j: int) -> bool:
    """Whether tokens ``i:j`` read as a place name by themselves: tagged as one,
    and followed by a boundary or a function word rather than more name."""
    if j - i != 1 or toks[i].tag != "ns":
        return False
    if i > 0 and toks[i - 1].text in _DEGREE_WORDS:
        return False  # 并不|太平: after 不 or 很 the word is an adjective, not a county
    if j >= len(toks):
        return True
    nxt = toks[j]
    if nxt.text in _FEATURE_WORDS:
        return False  # 广阳|湾, 某某|湖: the name of a bay, lake or island, not the county
    return nxt.tag in ("x", "p", "c", "u", "uj", "ul", "d", "v", "vn", "f") or nxt.text in (
        "区",
        "县",
        "市",
        "等",
        "和",
    )
