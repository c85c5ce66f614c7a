"""Entity rule family: names ending in a type's head word (之江实验室, 产业建圈强链行动,
浙江大学), extended left over the words that belong to the name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .name_checks import name_ok
from .name_patterns import (
    _BUILD_VERBS,
    _CATEGORY_NOUNS,
    _CLOSING_BRACKET,
    _COUNT_WORD,
    _FACILITY_PROJECT,
    _FIELD_NAMED_HEADS,
    _GOVERNMENT_HEADS,
    _INNER_COUNT,
    _MODIFIED_BY_PROGRAM,
    _NAME_INNER,
    _NUMBER_WORD,
    _PROGRAM_INNER,
    _QUOTED_PLATFORM,
    _REMIT_HEADS,
    _RESEARCH_HEADS,
    _ZONE_HEADS,
    _ZONE_INNER,
    _canonical,
    _longest_suffix,
    _subclass_for_suffix,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def suffix_names(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """Names ending in a type's head word: 之江实验室, 产业建圈强链行动, 浙江大学."""
    for j, tok in enumerate(toks):
        # the longest head word ending with this token (it may span three tokens)
        tail = text[toks[max(0, j - 2)].start : tok.end]
        hit = _longest_suffix(tail)
        if hit is None:
            continue
        suffix, type_ = hit
        head_start = tok.end - len(suffix)
        inner = _inner_words(suffix, type_)
        h, first, prefix = _prefix_before_head(rules, toks, j, head_start, inner)
        first, prefix = _trim_prefix(rules, prefix, first, h, type_, suffix)
        start = toks[first].start if first <= h else head_start
        end = _name_end(rules, text, tok.end, type_)
        name = text[start:end]
        if _counted_or_quantified(rules, text, toks, first, prefix, start, head_start):
            continue
        if len(name) > rules.max_name_chars + 12 or not (
            name_ok(rules, name, prefix, suffix, type_)
            or _built_field_facility(toks, first, prefix, suffix, type_)
        ):
            # …独角兽企业浙江强脑科技有限公司: a name often starts at a place
            retry = _place_in_prefix(rules, prefix, suffix)
            if retry is None:
                continue
            prefix = prefix[retry:]
            start = prefix[0].start
            name = text[start:end]
            if len(name) > rules.max_name_chars + 12 or not name_ok(
                rules, name, prefix, suffix, type_
            ):
                continue
        if _named_elsewhere(rules, text, toks, j, prefix, suffix, type_, start, end):
            continue
        if type_ == "Organization" and _QUOTED_KIND.fullmatch(text[start:head_start]):
            continue  # “双一流”大学: a kind of university the quoted label names, not one
        subclass = _subclass_for_suffix(suffix, type_)
        if type_ == "Platform" and _quoted_platform(
            rules, text, prefix, suffix, start, end, subclass
        ):
            continue
        rules.add(start, end, type_, _canonical(name, type_), name, 2, "suffix", subclass)


def _inner_words(suffix: str, type_: str) -> frozenset:
    """The stop words that may stand inside a name with this head word."""
    if type_ == "Program" or suffix in _REMIT_HEADS:  # a leading group is named by its remit
        return _PROGRAM_INNER
    if type_ == "Platform" and suffix.endswith(_ZONE_HEADS):
        return _ZONE_INNER  # a pilot zone is named by what it pilots (…创新发展试验区)
    return _NAME_INNER if suffix.endswith(_RESEARCH_HEADS) else frozenset()


def _place_in_prefix(rules: EntityRules, prefix: list[Tok], suffix: str) -> int | None:
    """Index of the first place after the start of a rejected prefix where the name may
    start instead (…独角兽企业|浙江强脑科技有限公司), or ``None``."""
    for k, t in enumerate(prefix):
        e = rules.lexicon.get(t.text)
        if k == 0 or e is None or e.type != "Place":
            continue
        # a district opens its government's name too (径向|南沙区政府)
        if e.subclass in ("Province", "City", "Country") or suffix in _GOVERNMENT_HEADS:
            return k
    return None


#: A quoted label standing alone before an organization's head word.
_QUOTED_KIND = re.compile(r"“[^“”]{2,10}”")


def _prefix_before_head(
    rules: EntityRules, toks: list[Tok], j: int, head_start: int, inner: frozenset
) -> tuple[int, int, list[Tok]]:
    """The token where the head word starts, the name's first token and the words before
    the head (all of a token the head starts inside)."""
    h = j  # the token where the head word starts
    while h > 0 and toks[h].start > head_start:
        h -= 1
    if toks[h].start < head_start:  # the head starts inside a token: all of it is name
        first = min(rules.extend_left(toks, h - 1, inner=inner) if h > 0 else h, h)
        return h, first, toks[first : h + 1]
    first = rules.extend_left(toks, h - 1, inner=inner) if h > 0 else h
    return h, first, toks[first:h]


def _name_end(rules: EntityRules, text: str, end: int, type_: str) -> int:
    """Where the name ends: a year range or a place in brackets closes it
    (…方案（2023—2027年）, …实验室（广州）); else its head word does."""
    closing = _CLOSING_BRACKET.match(text, end)
    if closing and (
        (type_ == "Program" and re.search(r"\d{4}", closing.group()))
        or (type_ != "Program" and rules.lexicon.get(closing.group()[1:-1]))
    ):
        return closing.end()
    return end


def _named_elsewhere(
    rules: EntityRules,
    text: str,
    toks: list[Tok],
    j: int,
    prefix: list[Tok],
    suffix: str,
    type_: str,
    start: int,
    end: int,
) -> bool:
    """Whether what the head word names is named by another span: the word after it, a known
    name inside it, a known program, a facility or a quoted platform it builds."""
    if type_ == "Program" and j + 1 < len(toks) and toks[j + 1].text in _MODIFIED_BY_PROGRAM:
        return True  # 复兴战略全局, 战略布局: the head word modifies what follows
    if _lexicon_name_ends_at(rules, start, end, prefix):
        return True  # 七国集团 is known; what precedes it is not part of the name
    if type_ == "Program" and _known_program_mechanism(rules, prefix, suffix):
        return True  # 链长制工作机制: the known program, named with the word for what it is
    if suffix == "项目" and _longest_suffix(text[start : end - 2]) in _FACILITY_PROJECT:
        return True  # 合肥先进光源项目: the facility being built is what is named
    # “城市大脑”项目: the quoted platform is what is named
    return suffix == "项目" and bool(_QUOTED_PLATFORM.fullmatch(text, start, end - 2))


def _trim_prefix(
    rules: EntityRules, prefix: list[Tok], first: int, h: int, type_: str, suffix: str
) -> tuple[int, list[Tok]]:
    """Where the name starts within the words before its head: after a parent body, or at a
    place after a category noun (``first`` and ``prefix`` moved on together)."""
    # 工信部中国信息通信研究院: a parent body, then a body named in full from its national scope
    for k in range(len(prefix) - 1, 0, -1):
        if (
            type_ == "Organization"
            and prefix[k].text.startswith(("中国", "国家", "中华"))
            and _is_body(rules, prefix[k - 1])
        ):
            first = first + k if first <= h else first
            prefix = prefix[k:]
            break
    # 县委、县政府|重点产业发展领导小组: the bodies that set a group up are not in its name
    if type_ == "Organization" and suffix in _REMIT_HEADS:
        for k in range(len(prefix) - 1, -1, -1):
            if prefix[k].text.endswith(("政府", "党委", "县委", "市委", "省委", "区委")):
                first = first + k + 1 if first <= h else first
                prefix = prefix[k + 1 :]
                break
    # …领域独角兽企业浙江强脑科技有限公司: a category noun and then a place start a new name
    for k in range(len(prefix) - 1, 0, -1):
        if (
            prefix[k - 1].text in _CATEGORY_NOUNS
            and (e := rules.lexicon.get(prefix[k].text))
            and e.type == "Place"
        ):
            first = first + k if first <= h else first
            prefix = prefix[k:]
            break
    return first, prefix


def _counted_or_quantified(
    rules: EntityRules,
    text: str,
    toks: list[Tok],
    first: int,
    prefix: list[Tok],
    start: int,
    head_start: int,
) -> bool:
    """Whether the words before a head word count or quantify its kind (四大重庆实验室,
    各领域……计划) or leave no name at all: then they name no one thing."""
    if (
        first > 0
        and _COUNT_WORD.match(toks[first - 1].text)
        and all(
            ((e := rules.lexicon.get(t.text)) and e.type == "Place")
            or t.text in P.GENERIC_MODIFIERS
            for t in prefix
        )
    ):
        return True  # 四大重庆实验室: the head of a list, not a name
    if not prefix:
        return True
    if (
        first >= 2
        and toks[first - 1].text in ("场", "次")
        and _NUMBER_WORD.match(toks[first - 2].text)
    ):
        return True  # 举办28场|智能化改造示范项目推广会: a count of events names their kind
    if first >= 1 and toks[first - 1].text in ("各", "各个", "每个", "所有", "每"):
        return True  # 统筹各行业各|领域数字化建设应用计划: 各 quantifies over a kind
    # 工厂数字化改造两大行动: the head of a list, with the last item before the count
    return bool(_INNER_COUNT.search(text, start + 1, head_start))


def _is_body(rules: EntityRules, t: Tok) -> bool:
    """Whether a token is a government body's name by itself (工信部, 科技部, 国家统计局):
    a ministry's unit is named in full after it (a news agency's is named with it)."""
    if not t.text.endswith(("部", "局", "委", "办", "厅")):
        return False
    entry = rules.lexicon.get(t.text)
    return entry.type == "Organization" if entry is not None else t.tag == "nt"


def _quoted_platform(
    rules: EntityRules, text: str, prefix: list[Tok], suffix: str, start: int, end: int, subclass
) -> bool:
    """A platform name that opens with a quoted part: “鹏城云脑”智能算力平台 is named by the
    quote when the rest only says what kind of platform it is; “国之重器”超重力实验场 by the
    rest when that names it alone. Adds the span and returns True, or returns False."""
    words = [t.text for t in prefix]
    if not words or words[0] != "“" or "”" not in words:
        return False
    close = words.index("”")
    quoted, rest = "".join(words[1:close]), prefix[close + 1 :]
    if len(quoted) < 2:
        return False
    if set(quoted) & set("之的"):  # “国之重器”: a description in quotes, the rest is the name
        if rest and name_ok(rules, text[rest[0].start : end], rest, suffix, "Platform"):
            rules.add(
                rest[0].start,
                end,
                "Platform",
                text[rest[0].start : end],
                text[rest[0].start : end],
                2,
                "suffix",
                subclass,
            )
            return True
        return False
    kind = "".join(t.text for t in rest)
    if len(kind) <= 6 and all(
        t.text in P.GENERIC_MODIFIERS
        or len(t.text) <= 2
        or ((e := rules.lexicon.get(t.text)) and e.type == "Industry")
        for t in rest
    ):
        full = text[start:end]  # “鹏城云脑”智能算力平台: the rest only says what kind of platform
        rules.add(
            start,
            end,
            "Platform",
            quoted,
            full,
            2,
            "quoted-platform",
            subclass,
            aliases=(full.replace("“", "").replace("”", ""),),
        )
        return True
    return False


def _known_program_mechanism(rules: EntityRules, prefix: list[Tok], suffix: str) -> bool:
    """A known program followed by generic words and a generic head (X工作机制, X制度体系)."""
    words = [t for t in prefix if t.text not in '“”"']
    if suffix not in ("机制", "制度", "体系", "方案", "工程") or not words:
        return False
    entry = rules.lexicon.get(words[0].text)
    return (
        entry is not None
        and entry.type == "Program"
        and all(
            t.text in P.GENERIC_MODIFIERS or t.text in ("工作", "运行", "推进") for t in words[1:]
        )
    )


def _lexicon_name_ends_at(rules: EntityRules, start: int, end: int, prefix: list[Tok]) -> bool:
    known = [
        f
        for f in rules.found
        if f.rule == "lexicon"
        and f.end == end
        and f.start > start
        and f.type in ("Organization", "Platform")
    ]
    if not known:
        return False
    before = [t for t in prefix if t.end <= known[0].start]
    return not any(
        (e := rules.lexicon.get(t.text)) and e.type in ("Place", "Organization") for t in before
    )


def _built_field_facility(
    toks: list[Tok], first: int, prefix: list[Tok], suffix: str, type_: str
) -> bool:
    """建设深空探测实验室: one facility named by its field, right after the verb that builds it.

    The field needs four characters besides generic modifiers (重点, 新型, 国家级…);
    without a building verb (走出实验室, 一批…实验室) such a phrase is a category.
    """
    if type_ != "Platform" or suffix not in _FIELD_NAMED_HEADS or first < 1:
        return False
    if toks[first - 1].text not in _BUILD_VERBS:
        return False
    field = "".join(t.text for t in prefix if t.text not in P.GENERIC_MODIFIERS)
    return len(field) >= 4 and not re.search(r"[的之和与及]", field)
