"""Entity rule family: enumerations (A、B和C产业; 甲、乙、丙等三家企业), whose items take
the type their shared head or the lexicon gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import (
    _COMPANIES_SUCH_AS,
    _COMPANY_TAILS,
    _COUNT,
    _FUNCTION_CHARS,
    _LATIN_NAME,
    _LIST,
    _LIST_AS_MAIN,
    _LIST_HEADS_INDUSTRY,
    _LIST_HEADS_ORG,
    _LIST_HEADS_PLATFORM,
    _LIST_TAIL_HEAD,
    _LOOSE_INDUSTRY_HEADS,
    _MEANS_TAIL,
    _NOT_FIELDS_TAIL,
    _is_oov,
    rare_word,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules
    from .lexicon import LexEntry


def lists(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """Coordinated items sharing a head: 电子信息、装备制造2个万亿级产业集群; 金凤、嘉陵江四大实验室."""
    for m in _LIST.finditer(text):
        chunk_start, chunk = m.start(), m.group(1)
        items = chunk.split("、")
        last = items[-1]
        # the tail after the last item: 等 / N大 / N个 ... head
        cut = (
            re.search(r"等|在内的|这(?=[\d一二三四五六七八九十两几些类])", last)
            or _COUNT.search(last)
            or _LIST_AS_MAIN.search(last)
        )
        head = after = None
        if cut and cut.start() >= 2:
            items[-1], after = last[: cut.start()], last[cut.start() :]
            hm = _LIST_TAIL_HEAD.match(after)
            head = hm.group(1) if hm else None
        elif (k := _district_prefix(rules, last)) and k < len(last):
            items[-1], after = (
                last[:k],
                last[k:],
            )  # …、南山区布局建设…: the list ends with the district
        # the last item may hold 和/及/与 joining two items
        if len(items[-1]) > 3:
            tail_items = [t for t in re.split(r"[和及与]", items[-1]) if t]
            items = items[:-1] + tail_items
        items = _trim_first_item(rules, text, toks, items, chunk_start)
        if after and _NOT_FIELDS_TAIL.match(after):
            # 科技、卫生健康等部门; 在交通、医疗、金融等领域实现应用: departments and fields
            # of application, not industries (not even the known ones) nor bodies
            _drop_found(rules, chunk_start, chunk_start + len(chunk), ("Industry",))
            continue
        if after and _MEANS_TAIL.match(after):
            continue  # 实施…、建设创新平台、企业人才引进等方式: ways of doing, not things named
        types = _list_type(rules, items, head, after or "")
        first_at = text.find(items[0], chunk_start) if items else -1
        if types is None and first_at > 0 and _COMPANIES_SUCH_AS.search(text, 0, first_at):
            types = ("Organization", None)  # 知名公司（如A、B、C）: the items are companies
        if types is None:
            continue
        type_, suffix = types
        known_industries = sum(
            1 for i in items if (e := rules.lexicon.get(i)) and e.type == "Industry"
        )
        if head in ("产业集群", "产业", "产业链", "行业", "集群"):
            known_industries += 1  # the head itself says the items are industries
        _add_items(rules, text, items, chunk_start, type_, suffix, known_industries)


def _trim_first_item(
    rules: EntityRules, text: str, toks: list[Tok], items: list[str], chunk_start: int
) -> list[str]:
    """The list's items with the first one trimmed of leading verbs (using the tokens), or
    dropped when nothing of it is left."""
    # the first item: trim leading verbs using the tokens
    first_end = chunk_start + len(items[0])
    ti = next((k for k, t in enumerate(toks) if t.start <= first_end - 1 < t.end), None)
    if ti is not None:
        fi = rules.extend_left(toks, ti, limit=4)
        if fi > ti and toks[ti].tag == "d" and toks[ti].text not in P.LEFT_STOP_WORDS and ti > 0:
            fi = min(
                rules.extend_left(toks, ti - 1, limit=3), ti
            )  # 先进设备|更新/d: a mistagged last word
        fi = _joined_start(rules, toks, fi, chunk_start)
        if chunk_start < toks[fi].start < first_end:
            items[0] = text[toks[fi].start : first_end]
        elif toks[fi].start >= first_end:
            items = items[1:]
    return items


def _add_items(
    rules: EntityRules,
    text: str,
    items: list[str],
    chunk_start: int,
    type_: str,
    suffix: str | None,
    known_industries: int,
) -> None:
    """Add each acceptable item of a list as a candidate of the list's type (with the
    shared head as its suffix when the items leave it off)."""
    pos = chunk_start
    for item in items:
        at = text.find(item, pos)
        if at < 0:
            continue
        pos = at + len(item)
        alias: tuple[str, ...] = ()
        quoted = re.fullmatch(r"“?([^“”]{2,12})”([A-Za-z0-9]*)", item)
        if quoted:  # “中国天眼”FAST: the quoted name, with what follows as an alias
            at = text.find(quoted.group(1), at)
            item, alias = quoted.group(1), tuple(a for a in (quoted.group(2),) if a)
        elif "“" in item or "”" in item:
            continue
        if type_ == "Organization" and (k := _country_prefix(rules, item)):
            at, item = at + k, item[k:]  # 美国|某某仪器: the company's country is not its name
        if not _list_item_ok(rules, item, type_, known_industries):
            continue
        if suffix and not item.endswith(suffix):
            # 天山、昆仑三大实验室: the shared head outweighs a county's short name
            rules.add(at, at + len(item), type_, item + suffix, item, 4, "list", aliases=(item,))
        elif not rules.lexicon.get(item):  # the lexicon rule has known ones
            rules.add(
                at,
                at + len(item),
                type_,
                item,
                item,
                1 + bool(quoted),
                "list",
                "District" if type_ == "Place" else None,
                aliases=alias,
            )


def _country_prefix(rules: EntityRules, item: str) -> int:
    """Length of the country that opens a listed company's name (0 if none, or if nothing
    of a name would be left)."""
    return _place_prefix(rules, item, min(len(item) - 2, 4), lambda e, _: e.subclass == "Country")


def _place_prefix(
    rules: EntityRules, item: str, most: int, accept: Callable[[LexEntry, str], bool] | None = None
) -> int:
    """Length of the longest known place, of at most ``most`` characters, that opens ``item``
    and that ``accept`` (entry, surface) takes; 0 if none."""
    for k in range(min(len(item), most), 1, -1):
        e = rules.lexicon.get(item[:k])
        if e is not None and e.type == "Place" and (accept is None or accept(e, item[:k])):
            return k
    return 0


def _drop_found(rules: EntityRules, start: int, end: int, types: tuple[str, ...]) -> None:
    """Forget spans of these types found so far inside ``start:end``."""
    rules.found = [
        f for f in rules.found if not (f.type in types and start <= f.start and f.end <= end)
    ]


def _list_item_ok(rules: EntityRules, item: str, type_: str, known_industries: int = 0) -> bool:
    if not (2 <= len(item) <= 14) or item in P.LEFT_STOP_WORDS or item in P.GENERIC_NAMES:
        return False
    if re.search(r"[的是了在对将把被]|^[\d一二三四五六七八九十两几多各该这其]", item):
        return False
    if type_ == "Industry":
        entry = rules.lexicon.get(item)
        if entry:
            return entry.type == "Industry"
        if (
            _starts_with_place(rules, item)
            or item in P.GENERIC_FIELDS
            or item.startswith(P.SCOPE_WORDS)
        ):
            return False
        if "与" in item:  # 半导体与集成电路: one field named by two joined ones
            parts = item.split("与")
            return (
                len(parts) == 2
                and "等" not in item
                and all(
                    2 <= len(p) <= 6 and _industry_part(rules, p, known_industries) for p in parts
                )
            )
        return _industry_part(rules, item, known_industries)
    if type_ == "Organization":
        # a company in a list is a name: unknown to the general dictionary (or in it only as
        # a rare word: brand names are), or a known organization
        return (
            _is_oov(item)
            or rare_word(item)
            or bool(rules.lexicon.get(item))
            or (item.endswith(_COMPANY_TAILS) and not item.startswith(_COMPANY_TAILS))
            or _LATIN_NAME.fullmatch(item) is not None
        )
    return True


def _industry_part(rules: EntityRules, item: str, known_industries: int) -> bool:
    """An unknown list item reads as an industry: it ends like one (…制造, …材料), or it is
    short and stands beside known industries (制氢、储氢 beside 氢能)."""
    if (e := rules.lexicon.get(item)) and e.type == "Industry":
        return True
    return item.endswith(P.INDUSTRY_TAILS) or (known_industries >= 1 and len(item) <= 5)


def _joined_start(rules: EntityRules, toks: list[Tok], fi: int, floor: int) -> int:
    """Where a list's first item starts when 与 joins two fields into its name (聚焦|网络与通信、…).

    ``fi`` is the start found by :meth:`extend_left`, which stops at 与; the word
    before 与 joins the item only when it reads as a field itself.
    """
    if fi < 2 or toks[fi - 1].text != "与" or toks[fi - 2].start < floor:
        return fi
    word = toks[fi - 2].text
    entry = rules.lexicon.get(word)
    if (entry and entry.type == "Industry") or (
        word.endswith(P.INDUSTRY_TAILS) and word not in P.GENERIC_FIELDS
    ):
        return fi - 2
    return fi


def _starts_with_place(rules: EntityRules, item: str) -> bool:
    return _place_prefix(rules, item, min(len(item), 6) - 1) > 0


def _list_type(
    rules: EntityRules, items: list[str], head: str | None, after: str
) -> tuple[str, str | None] | None:
    known = [e.type for i in items if (e := rules.lexicon.get(i))]
    if head:
        if head in P.PROGRAM_SUFFIXES and re.search(r"[\d一二三四五六七八九十两]+大", after):
            return "Program", head
        if (
            head in P.PLATFORM_SUFFIXES
            and re.search(r"[\d一二三四五六七八九十两]+大", after)
            and head not in ("平台", "中心")
        ):
            return "Platform", head
        if head in _LIST_HEADS_INDUSTRY:
            if known and known.count("Industry") < len(known) / 2:
                return None
            if head in _LOOSE_INDUSTRY_HEADS and "Industry" not in known:
                return None
            return "Industry", None
        if head in _LIST_HEADS_ORG:
            return "Organization", None
        if head in _LIST_HEADS_PLATFORM:
            return "Platform", None
    if (
        len(known) >= 2
        and len(set(known)) == 1
        and len(known) >= len(items) / 2
        and known[0] in ("Industry", "Organization")
    ):
        return known[0], None
    if _district_list(rules, items):
        return "Place", None
    if _company_list(rules, items):
        return "Organization", None
    return None


def _company_list(rules: EntityRules, items: list[str]) -> bool:
    """甲芯科技、乙微半导、丙耀科技: most items are company names (a name no dictionary
    knows before a company word: 科技, 智能, 电子 …), so the rest are companies too."""
    named = sum(
        1
        for i in items
        if not rules.lexicon.get(i)
        and (tail := next((t for t in _COMPANY_TAILS if i.endswith(t)), None))
        and _is_oov(i[: -len(tail)])
    )
    return len(items) >= 2 and named >= 2 and named * 2 >= len(items)


def _district_prefix(rules: EntityRules, item: str) -> int:
    """Length of the known district that opens ``item`` (0 if none)."""
    return _place_prefix(
        rules,
        item,
        6,
        lambda e, surface: e.subclass == "District" and surface.endswith(("区", "县")),
    )


def _district_list(rules: EntityRules, items: list[str]) -> bool:
    """光明区、坪山区、南山区: county-level names beside a known one are districts too
    (the division list lags behind new districts)."""
    if not all(
        2 <= len(i) <= 5 and i.endswith(("区", "县")) and not set(i) & _FUNCTION_CHARS
        for i in items
    ):
        return False
    return any(
        (e := rules.lexicon.get(i)) and e.type == "Place" and e.subclass == "District"
        for i in items
    )
