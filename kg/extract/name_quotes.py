"""Entity rule family: quoted and titled names (“数字湖南”, 《……行动计划》) that take
the type their context or their own head gives."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import (
    _HEADING_TITLE,
    _PROGRAM_TITLE_HEADS,
    _QUOTE,
    _QUOTE_INDUSTRY_TAIL,
    _QUOTE_PROGRAM_CONTEXT,
    _QUOTE_PROGRAM_TAIL,
    _SECTION_WORDS,
    _SIMILE_WORDS,
    _SLOGAN_VERBS,
    _SUFFIX_TYPES,
    _TITLE,
    _TITLE_EDITION,
    _canonical,
    _longest_suffix,
    _subclass_for_suffix,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def quoted_names(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """“…” names typed by what follows them, 《…》 policy titles, and a heading
    line that is itself a policy title (…三年行动方案（2024—2026年）)."""
    heading_title(rules, text)
    titled_names(rules, text)
    quotes = list(_QUOTE.finditer(text))
    for n in range(len(quotes)):
        _quoted_name(rules, text, quotes, n)


def _quoted_name(rules: EntityRules, text: str, quotes: list[re.Match[str]], n: int) -> None:
    """Add the ``n``-th quote as a name when the lexicon, a program tail, its own head word
    or its context says what it names."""
    m = quotes[n]
    inner = m.group(1).strip()
    if len(inner) < 2 or re.search(r"[，。！？；]", inner):
        return
    # “揭榜挂帅”“赛马制”等方式: a chain of quotes shares what follows its last member
    k = n
    while k + 1 < len(quotes) and re.fullmatch(
        r"[、和及与]?", text[quotes[k].end() : quotes[k + 1].start()]
    ):
        k += 1
    after = text[quotes[k].end() : quotes[k].end() + 10]
    before = text[max(0, m.start() - 4) : m.start()]
    if before.endswith(_SIMILE_WORDS):
        return  # 犹如“数字大脑”: a figure of speech, not a name
    entry = rules.lexicon.get(inner)
    if entry:
        rules.add(
            m.start(),
            m.end(),
            entry.type,
            entry.canonical,
            inner,
            4,
            "quote-lexicon",
            entry.subclass,
        )
        return
    # “城市大脑”项目: a quoted platform named with the project that builds it is the platform
    own_platform = _longest_suffix(inner)
    if k == n and not (
        own_platform and own_platform[1] == "Platform" and len(inner) > len(own_platform[0]) + 1
    ):
        tail = _QUOTE_PROGRAM_TAIL.match(text, m.end())
        if tail:
            name = inner + tail.group()
            rules.add(
                m.start(),
                tail.end(),
                "Program",
                name,
                text[m.start() : tail.end()],
                4,
                "quote-suffix",
                aliases=(inner,),
            )
            return
    if _quoted_own_head(rules, text, m, inner):
        return
    _quoted_in_context(rules, text, m, inner, after, before, chained=k != n)


def _quoted_own_head(rules: EntityRules, text: str, m: re.Match[str], inner: str) -> bool:
    """A quote ending in its own type's head word (or 谷): whether it is settled (added, or
    rejected as a clause or a slogan)."""
    own = next(
        ((s, ty) for s, ty in _SUFFIX_TYPES if inner.endswith(s) and len(inner) > len(s) + 1),
        None,
    )
    if own and (
        "、" in inner  # 为‘…’共建国家城市、产业提供…方案: a clause, not a name
        or (own[1] == "Organization" and "的" in inner)  # “没有围墙的大学”: a slogan
        or inner.startswith(_SLOGAN_VERBS)  # “打破围墙办大学”
    ):
        return True
    if own and not re.search(r"[+＋]|[一二三四五六七八九十两多]+[核区基地园城]", inner):
        rules.add(
            m.start(),
            m.end(),
            own[1],
            inner,
            inner,
            4,
            # “城市大脑”项目: the project is the platform's (a later 该项目 refers to it)
            "quoted-project"
            if own[1] == "Platform" and text.startswith("项目", m.end())
            else "quote-own-suffix",
            _subclass_for_suffix(own[0], own[1]),
        )
        return True
    if inner.endswith("谷") and len(inner) >= 2:
        rules.add(m.start(), m.end(), "Platform", inner, inner, 4, "quote-valley")
        return True
    return False


def _quoted_in_context(
    rules: EntityRules,
    text: str,
    m: re.Match[str],
    inner: str,
    after: str,
    before: str,
    chained: bool,
) -> None:
    """A short quote typed by its context: an industry tail, a field after a formula, or a
    program's verb or owner around it."""
    if len(inner) > 16:
        return
    ind = _QUOTE_INDUSTRY_TAIL.match(text, m.end())
    if ind and not chained:
        rules.add(
            m.start(),
            ind.end(),
            "Industry",
            inner + ind.group(),
            text[m.start() : ind.end()],
            4,
            "quote-industry",
            aliases=(inner,),
        )
        return
    if re.search(r"[+＋]", inner):
        parts = re.split(r"[+＋]", inner)
        if len(parts) > 2 or all(
            len(p) >= 2 and p in P.GENERIC_NAMES | P.GENERIC_FIELDS for p in parts if p
        ):
            return  # 数据+算法+算力: a formula, not a named program
        if re.match(r"^(?:等)?(?:[\d一二三四五六七八九十]+大)?(?:领域|产业|方向)", after):
            rules.add(m.start(), m.end(), "Industry", inner, inner, 3, "quote-plus-field")
            return
    if (
        _QUOTE_PROGRAM_CONTEXT.match(after)
        or re.search(r"[+＋×]", inner)
        or re.search(r"(?:实施|推行|开展|启动|发起|出台|采用|落实|共建)$", before)
        or (
            before.endswith("的")
            and _entity_ends_at(rules, m.start() - 1, ("Place", "Organization"))
        )
    ):
        rules.add(m.start(), m.end(), "Program", inner, inner, 3, "quote-context")


def heading_title(rules: EntityRules, text: str) -> None:
    """A heading line that is itself a policy title (…三年行动方案（2024—2026年）)."""
    heading = _HEADING_TITLE.match(text)
    if (
        heading
        and len(text) <= 48
        and not text.startswith(("根据", "按照", "依据", "据", "在", "从", "对"))
    ):
        start, title = heading.start("title"), heading.group("title")
        numbering = re.match(
            r"[一二三四五六七八九十\d]+[、.．]\s*", title
        )  # 三、保障措施: a short title
        if numbering:  # leaves the numbering inside the title group
            start, title = start + numbering.end(), title[numbering.end() :]
        verb = next(
            (v for v in P.HEADING_VERBS if title.startswith(v) and len(title) - len(v) >= 4), ""
        )
        start, title = start + len(verb), title[len(verb) :]
        if not _section_label(title):
            rules.add(
                start,
                heading.end("title"),
                "Program",
                _canonical(title, "Program"),
                title,
                5,
                "heading-title",
                "Policy",
            )


def titled_names(rules: EntityRules, text: str) -> None:
    """《…》 titles ending in a policy head word (……规划, ……实施意见, ……行动方案)."""
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        if (
            _TITLE_EDITION.sub("", title).endswith(_PROGRAM_TITLE_HEADS)
            and not re.search(r"[：:]", title)
            and len(title) >= 4
        ):
            name = _canonical(title, "Program")  # 《“数据要素×”三年行动计划》: no quotation marks
            rules.add(m.start(), m.end(), "Program", name, title, 4, "title", "Policy")


def _entity_ends_at(rules: EntityRules, pos: int, types: tuple[str, ...]) -> bool:
    return any(f.end == pos and f.type in types for f in rules.found)


def _section_label(title: str) -> bool:
    """保障措施, 重点任务, 支持政策: a plan's standard section heading, not a policy's title.

    >>> _section_label("保障措施"), _section_label("产业创新集群融合发展行动")
    (True, False)
    """
    head = next(
        (h for h in sorted(_PROGRAM_TITLE_HEADS, key=P.longest_first) if title.endswith(h)), ""
    )
    rest = title[: len(title) - len(head)]
    return len(rest) <= 2 and (rest in P.GENERIC_MODIFIERS or rest in _SECTION_WORDS)
