"""Typing a tagger's candidate span: Place, Organization, or nothing.

A statistical tagger (see :mod:`kg.extract.proposals`) finds names no rule
knows, and also fragments (武汉光电子), generic words (现代, 科技局) and
pieces of longer names. A candidate becomes an entity only when its form
says what it is:

* a place (LOC): the general dictionary knows it as a place name, or it
  ends in a place word (…湾区, …城, …州) after a name of two or more
  characters, or it is a known place plus such a word (东京湾区); never a
  known place with something else after it (a fragment of a longer name);
* an organization (ORG): Latin script (CSDN), a company's shape (a name
  and a company word: 华天科技), a body's shape (a non-generic name and an
  organization head: 贸易发展局), or a short proper name the general
  dictionary does not know as a common word (安踏).

Names with a platform or program head, and names the lexicon knows, are
left to the rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns as P
from .lexicon import Lexicon
from .wordlists import words

#: Words that end a place's name after a proper name (东京湾区, 山景城); a
#: general construction list of Chinese place-name heads.
PLACE_HEADS = words("place_heads")
#: Place words that make a region of the place before them (东京|湾区), not another name of it.
_REGION_HEADS = words("region_heads")
#: Words that end a company's short name (国芯|科技, 华天|科技); a general construction
#: list of the business words of Chinese company names.
COMPANY_WORDS = words("company_words")
#: Heads of a body's name (贸易发展局, 创新及科技局, 证监会).
BODY_HEADS = words("body_heads")
#: Characters that never open a name: function words (和, 的), quantifiers (多维度, 全岛),
#: Cantonese particles (嘅, 喺).
_NOT_OPENING = frozenset("的了和与及或在从对将把被向为以是等其该各每本此这那多全诸嘅喺咗啲係")
#: Category words that end a description, not a name (瞪羚企业, 科研机构).
_CATEGORY_ENDS = ("企业", "机构", "单位", "高校", "院校", "龙头", "品牌")
_NUMERAL_RUN = re.compile(r"[一二三四五六七八九十百千万两\d]{2,}")
_SCRIPT = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z·&\-. ]*[\u4e00-\u9fffA-Za-z]$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z&\-. ]*[A-Za-z]$")
#: Parts of speech of the general dictionary that a name may have (place, person, other proper).
_NAME_TAGS = frozenset(["ns", "nr", "nz", "nt", "nrt", "nrfg", "j", "eng"])
#: A word the general dictionary knows this often (per its corpus) is a common word, not a name.
_COMMON_FREQ = 1000


@lru_cache(maxsize=1)
def _dictionary():
    """jieba's frequencies and tags (with the lexicon's terms registered)."""
    import jieba
    import jieba.posseg

    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def _known_word(word: str) -> tuple[int, str]:
    """(frequency, tag) of ``word`` in the general dictionary; (0, "") if it is unknown."""
    freq, tags = _dictionary()
    return freq.get(word, 0) or 0, tags.get(word, "")


def _common_word(word: str) -> bool:
    """A word of the general dictionary that is not a name: 现代, 浪潮, 核心竞争力.

    Frequent words and words with a part of speech other than a name's.
    """
    freq, tag = _known_word(word)
    if not freq:
        return False
    if freq >= _COMMON_FREQ and tag not in ("ns", "nr", "nrt"):
        return True  # 中华, 新时代: names of many things, not of one
    if tag in _NAME_TAGS:
        return False
    return tag != "n" or len(word) > 3


def _generic(word: str) -> bool:
    return (
        word in P.GENERIC_NAMES
        or word in P.GENERIC_MODIFIERS
        or word in P.GENERIC_FIELDS
        or word in P.LEFT_STOP_WORDS
    )


def _opens_with_modifier(name: str) -> bool:
    """新时代, 统筹市区: a modifier or a verb and then a common word, not a name."""
    for k in (1, 2):
        opening, rest = name[:k], name[k:]
        if len(rest) < 2:
            continue
        modifier = opening in P.LEADING_STRIP or opening in P.LEFT_STOP_WORDS
        verb = k == 2 and _known_word(opening)[1] == "v"
        if (modifier or verb) and (_common_word(rest) or _common_word(rest[:2])):
            return True
    return False


def _ends_with_rule_head(name: str) -> bool:
    """A platform or program head (…产业园, …行动): the suffix rules type those names."""
    return name.endswith(P.PLATFORM_SUFFIXES + P.PROGRAM_SUFFIXES)


def _place_opening(name: str, lexicon: Lexicon) -> int:
    """Length of the longest known place that opens ``name`` (0 if none)."""
    for k in range(min(len(name), 8), 1, -1):
        entry = lexicon.get(name[:k])
        if entry is not None and entry.type == "Place":
            return k
    return 0


def type_candidate(name: str, label: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """``(type, subclass)`` for a tagger's candidate, or ``None`` to drop it.

    >>> from kg.extract.lexicon import Lexicon, LexEntry
    >>> lex = Lexicon()
    >>> lex.add("东京", LexEntry("Place", "东京", "City"))
    >>> type_candidate("东京湾区", "LOC", lex), type_candidate("东京光电子", "LOC", lex)
    (('Place', 'Region'), None)
    >>> type_candidate("CSDN", "ORG", lex), type_candidate("的企业", "ORG", lex)
    (('Organization', None), None)
    """
    if not (2 <= len(name) <= 16) or not _SCRIPT.match(name) or name[0] in _NOT_OPENING:
        return None
    if _generic(name) or name in PLACE_HEADS or lexicon.get(name) is not None:
        return None
    if _ends_with_rule_head(name) or name.startswith(_CATEGORY_ENDS):
        return None
    if _NUMERAL_RUN.search(name) or name.endswith(_CATEGORY_ENDS) or _opens_with_modifier(name):
        return None
    if name[0] in "一二三四五六七八九十两" and (len(name) == 2 or name[1] in "大个国城省市地区方"):
        return None  # 三国, 三城, 三大城市: a count of places, not a name
    if label == "LOC":
        return _type_place(name, lexicon)
    if label == "ORG":
        return _type_organization(name, lexicon)
    return None


def _type_place(name: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
    head = next((h for h in PLACE_HEADS if name.endswith(h)), "")
    stem = name[: len(name) - len(head)]
    opening = _place_opening(name, lexicon)
    if opening:
        # 东京湾区: a known place and a region word; 大理州 is 大理 (the lexicon's), and a
        # known place before anything else is a fragment of a longer name
        return ("Place", "Region") if opening == len(stem) and head in _REGION_HEADS else None
    if _common_word(name) or _LATIN.match(name):
        return None
    if _known_word(name)[1] == "ns":
        return "Place", None
    if head and len(stem) >= 2 and not _common_word(stem) and not _generic(stem):
        # 山景城, 纽约湾区: a name and a place word
        return "Place", "Region" if len(head) > 1 else None
    return None


def _type_organization(name: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
    if _LATIN.match(name):
        # an acronym of two letters is more often a unit or a field (AI, 5G) than a company
        short_acronym = len(name) < 4 and name.isupper()
        return None if short_acronym or len(name) < 3 else ("Organization", None)
    if _place_opening(name, lexicon) == len(name) or name[0] in "省市县区州":
        return None  # 市药品: a level word opens a fragment of a body's name
    word = next((w for w in COMPANY_WORDS if name.endswith(w)), "")
    if word:
        stem = name[: len(name) - len(word)]
        known = lexicon.get(stem)
        if (
            len(stem) >= 2
            and not _generic(stem)
            and not _common_word(stem)
            and (known is None or known.type in ("Organization", "Place"))
        ):
            return "Organization", None
        return None
    head = next((h for h in BODY_HEADS if name.endswith(h)), "")
    if head:
        stem = name[: len(name) - len(head)]
        rest = stem[_place_opening(stem, lexicon) :]
        if (
            len(rest) >= 2
            and not _generic(rest)
            and rest[0] not in "省市县区"
            and all("\u4e00" <= c <= "\u9fff" for c in rest)
        ):
            return "Organization", "GovernmentBody" if head in ("局", "署", "厅", "委") else None
        return None
    freq, tag = _known_word(name)
    if (
        len(name) <= 4
        and (not freq or tag in _NAME_TAGS)
        and not _common_word(name)
        and not any(_generic(name[k : k + 2]) for k in range(len(name) - 1))
        and name not in P.PROGRAM_INNER_VERBS
    ):
        return "Organization", None  # 京东, 特步: a short proper name
    return None
