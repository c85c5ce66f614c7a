"""Word lists that drive the rules: suffixes, triggers, stop words.

These are properties of Chinese policy prose in general (how names are
formed, which verbs introduce which relation), not of any particular text.
Each list is a tuple so the rules can build regular expressions from it.
"""

from __future__ import annotations

import re

from .wordlists import words


def longest_first(word: str) -> tuple[int, str]:
    """Sort key: longer words first, ties in code-point order (the same in every process).

    >>> sorted({"产业", "产业集群", "行业"}, key=longest_first)
    ['产业集群', '产业', '行业']
    """
    return (-len(word), word)


def alternation(words) -> str:
    r"""A regular-expression alternation of ``words``, longest first so the longest wins.

    >>> print(alternation(["产业", "产业集群", "5G+"]))
    产业集群|5G\+|产业
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=longest_first))


#: Head words that end a named platform, longest first.
PLATFORM_SUFFIXES = words("platform_suffixes")
#: Head words that end a named program (policy instrument), longest first.
PROGRAM_SUFFIXES = words("program_suffixes")
#: Head words that end a named organization, longest first.
ORGANIZATION_SUFFIXES = words("organization_suffixes")
#: Heads after which a quoted or listed name is an industry.
INDUSTRY_HEADS = words("industry_heads")
#: Words that are never the start of a name: verbs and modifiers that lead into one.
LEADING_STRIP = words("leading_strip")
#: Words that stop a name from extending further to the left.
LEFT_STOP_WORDS = frozenset(LEADING_STRIP) | frozenset(words("left_stop_words"))
#: Words that set a scope (全球, 全国, 国内 …): never the start of an industry's name.
SCOPE_WORDS = words("scope_words")
#: Adverbs jieba glues to a verb in one token (全力支持, 新创建): such a token stops a name too.
STOP_VERB_ADVERBS = frozenset(words("stop_verb_adverbs"))
#: Words of a clause (很多, 较, 被 …): a prefix holding one is a sentence fragment, not a name.
CLAUSE_MARKERS = frozenset(words("clause_markers"))
#: Verbs that open a heading without belonging to the program it names (实施|产业创新集群融合发展行动).
HEADING_VERBS = words("heading_verbs")
#: Verbs that may stand inside a program's name (创新驱动发展战略, 先进设备更新行动).
PROGRAM_INNER_VERBS = frozenset(words("program_inner_verbs"))
#: jieba tags that may be part of a name.
NAME_TAGS = frozenset(
    [
        "n",
        "nr",
        "nr1",
        "nr2",
        "nrj",
        "nrf",
        "nrt",
        "ns",
        "nsf",
        "nt",
        "nz",
        "nl",
        "ng",
        "j",
        "eng",
        "m",
        "mq",
        "q",
        "a",
        "an",
        "b",
        "vn",
        "f",
        "s",
        "l",
        "i",
        "t",
        "k",
        "h",
        "zg",
        "x",
        "un",
        "g",
        "vi",
        "v",
    ]
)
#: Function-word tags that end a name going left.
STOP_TAGS = frozenset(
    [
        "p",
        "c",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "e",
        "y",
        "o",
        "w",
        "r",
        "rr",
        "rz",
        "d",
        "dg",
        "zg",
    ]
) - {"zg"}
#: Phrases that are never entities on their own (categories, not names).
GENERIC_NAMES = frozenset(words("generic_names"))
#: Modifier words that make a suffix-headed phrase generic when they are all it has.
GENERIC_MODIFIERS = frozenset(words("generic_modifiers"))
#: Units after a number, longest first; a scale word (万, 亿) may precede them.
UNITS = (
    "万亿元",
    "亿元",
    "万元",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "亿千瓦",
    "台（套）",
    "台(套)",
    "人次",
    "平方公里",
    "平方米",
    "公顷",
    "亩",
    "EFLOPS",
    "PFLOPS",
    "TFLOPS",
    "公里",
    "吨",
    "元",
    "美元",
    "个",
    "家",
    "项",
    "人",
    "所",
    "件",
    "台",
    "套",
    "辆",
    "座",
    "条",
    "次",
    "名",
    "位",
    "年",
    "倍",
    "%",
    "％",
    "个百分点",
    "户",
    "艘",
    "颗",
    "款",
    "种",
    "篇",
    "场",
    "批",
)

#: Category words that form an industry name together with 产业 (新兴产业, 未来产业).
INDUSTRY_CATEGORIES = frozenset(words("industry_categories"))
#: Word endings that make a phrase before 产业/行业 an industry (…制造, …能源, …汽车).
INDUSTRY_TAILS = tuple(
    sorted(
        set(words("industry_tails")),
        key=longest_first,
    )
)

#: Words that fill field lists without being industries (在人才、资金、政策等方面).
GENERIC_FIELDS = frozenset(words("generic_fields"))

#: Heads specific enough that 国家/中国 before them makes a name (国家超算中心),
#: and facility heads whose descriptive names are names (超重力实验场).
SPECIFIC_HEADS = frozenset(words("specific_heads"))
#: Heads that name one place or facility whatever non-generic words precede them (光明科学城, 太湖湾科技创新带).
FACILITY_HEADS = frozenset(words("facility_heads"))


#: A sentence that opens by naming the document's own place (我市, 全省, 本区), after any numbering
#: (use with ``match(text, pos)``: no ``^``, which would not match at ``pos``).
SELF_REFERENCE = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:(?:力争)?到\s*\d{4}\s*年(?:底|末)?[，,]?\s*)?"
    r"(?:我|全|本)(?P<level>市|省|区|县)(?![场长委])"
)

#: 以共建西部科学城为牵引: what a sentence works through, not what it is about.
MEANS_PHRASE = re.compile(
    r"以[^，。；！？]{1,24}?为(?:牵引|抓手|引领|支撑|核心|重点|主线|主攻方向|载体|依托|契机|突破口|龙头|纽带|平台)"
)

#: The entity subclass each self-reference names: 全市 a city, 全省 a province.
SELF_REFERENCE_LEVEL = {"市": "City", "省": "Province", "区": "District", "县": "District"}


#: 依托鹏城实验室建设…: a verb that makes what follows the means, not the actor.
MEANS_VERBS = ("依托", "依靠", "借助", "凭借", "利用", "通过")


def after_means_verb(text: str, start: int) -> bool:
    """Whether a span starting at ``start`` is the object of 依托/借助… (so not a subject).

    >>> after_means_verb("依托黔灵实验室建设平台", 2)
    True
    """
    return text[max(0, start - 2) : start] in MEANS_VERBS


def narrows(ents: list, a: int, b: int) -> bool:
    """Whether place ``b`` directly follows place ``a`` and narrows it (北京海淀, 江苏苏州)."""
    ea, eb = ents[a], ents[b]
    return (
        ea.type == eb.type == "Place"
        and eb.start == ea.end
        and ea.start >= 0
        and ea.subclass != eb.subclass
    )


def in_means_phrase(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a 以…为牵引 phrase.

    >>> in_means_phrase("以共建西部科学城为牵引，川渝…", 3, 8)
    True
    """
    for m in MEANS_PHRASE.finditer(text, max(0, start - 26), min(len(text), end + 12)):
        if m.start() <= start and end <= m.end():
            return True
    return False


def self_reference(text: str, pos: int, end: int, ents: list, carried: int | None) -> int | None:
    """The entity a clause opening with 全市/我省/本区 at ``pos`` names, or ``None``.

    The carried topic when it is of the named level (全市 and a city);
    else the last place of that level named before ``pos`` in ``ents``.
    """
    m = SELF_REFERENCE.match(text, pos, end)
    if not m:
        return None
    want = SELF_REFERENCE_LEVEL[m.group("level")]
    if carried is not None and ents[carried].subclass == want:
        return carried
    before = [
        i
        for i, e in enumerate(ents)
        if e.start >= 0
        and e.end <= pos
        and not e.nested
        and e.type == "Place"
        and e.subclass == want
    ]
    return max(before, key=lambda i: ents[i].start, default=None)
