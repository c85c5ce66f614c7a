"""Industries → codes of GB/T 4754-2017《国民经济行业分类》 and 《战略性新兴产业分类(2018)》.

An Industry is linked to an item of a classification when one of its names
is the item's name, or the item's name without its ending (汽车 is 汽车制造业,
集成电路 is 集成电路制造, 新材料 is 新材料产业); the entity's own 产业/行业/工业
ending is dropped first (汽车产业 is 汽车). An exact name shuts out endings.
When the names match several items of one classification, the link is made
only if they nest (教育 is both the 门类 P and the 大类 83: the finer one is
taken); otherwise, and for anything that is no single item (未来产业, 数字经济),
nothing is linked.

The tables (``data/gbt4754_2017.tsv``, ``data/sei_2018.tsv``) name their source
and what of it they hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: GB/T 4754's level of a code, by its form.
LEVEL_NAMES = {1: "门类", 2: "大类", 3: "中类", 4: "小类"}
_ITEM_ENDINGS = ("制造业", "制造", "服务", "业")
_SEI_ENDINGS = ("产业",)
_ENTITY_ENDINGS = ("产业", "行业", "工业")


@dataclass(frozen=True)
class Item:
    """One item of a classification: ``code``, ``name``, and for GB/T 4754 its ``section`` (门类 letter)."""

    code: str
    name: str
    section: str = ""

    @property
    def level(self) -> str:
        """GB/T 4754's level (门类, 大类, 中类, 小类); for 2018's classification the depth ("1", "2")."""
        if self.section:
            return LEVEL_NAMES[1 if self.code.isalpha() else len(self.code)]
        return str(self.code.count(".") + 1)


@dataclass(frozen=True)
class IndustryLink:
    """The codes of an Industry: GB/T 4754-2017 ``code`` (with ``level`` and ``title``), 2018 ``sei_code``."""

    code: str | None = None
    level: str | None = None
    title: str | None = None
    sei_code: str | None = None
    sei_title: str | None = None

    def signature(self) -> str:
        """A text that changes exactly when the link does (for the RDF writer's block signatures)."""
        return "|".join(
            v or "" for v in (self.code, self.level, self.title, self.sei_code, self.sei_title)
        )


def _rows(file_name: str) -> list[list[str]]:
    text = resources.files("kg.link.data").joinpath(file_name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def gbt4754() -> tuple[Item, ...]:
    """The GB/T 4754-2017 items of the package's table."""
    return tuple(Item(code, name, section) for section, code, name in _rows("gbt4754_2017.tsv"))


@cache
def sei2018() -> tuple[Item, ...]:
    """The items of 《战略性新兴产业分类(2018)》 in the package's table."""
    return tuple(Item(code, name) for code, name in _rows("sei_2018.tsv"))


def _stem(name: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return None


@cache
def _index(table: str) -> tuple[dict[str, list[Item]], dict[str, list[Item]]]:
    items, endings = (gbt4754(), _ITEM_ENDINGS) if table == "gbt" else (sei2018(), _SEI_ENDINGS)
    exact: dict[str, list[Item]] = {}
    stems: dict[str, list[Item]] = {}
    for item in items:
        exact.setdefault(item.name, []).append(item)
        stem = _stem(item.name, endings)
        if stem:
            stems.setdefault(stem, []).append(item)
    return exact, stems


def _holds(outer: Item, inner: Item) -> bool:
    if outer.section:
        return (
            outer.code == inner.section
            if outer.code.isalpha()
            else inner.code.startswith(outer.code)
        )
    return inner.code == outer.code or inner.code.startswith(outer.code + ".")


def _one_item(found: Iterable[Item]) -> Item | None:
    """The finest of items that nest, else ``None``."""
    items = sorted(set(found), key=lambda i: (len(i.code), i.code))
    if not items:
        return None
    finest = items[-1]
    return finest if all(_holds(i, finest) for i in items) else None


def _match(names: Iterable[str], table: str) -> Item | None:
    exact, stems = _index(table)
    forms: list[str] = []
    for n in names:
        forms.append(n)
        stem = _stem(n, _ENTITY_ENDINGS)
        if stem:
            forms.append(stem)
    hits = [i for f in forms for i in exact.get(f, [])]
    if not hits:
        hits = [i for f in forms for i in stems.get(f, [])]
    return _one_item(hits)


def link_industry(name: str, aliases: Iterable[str] = ()) -> IndustryLink | None:
    """The codes of the industry named ``name`` (or one of ``aliases``), or ``None`` if it is no single item.

    >>> link_industry("集成电路")
    IndustryLink(code='3973', level='小类', title='集成电路制造', sei_code=None, sei_title=None)
    >>> link_industry("汽车").code, link_industry("新材料").sei_code, link_industry("未来产业")
    ('36', '3', None)
    """
    names = [name, *aliases]
    gbt, sei = _match(names, "gbt"), _match(names, "sei")
    if gbt is None and sei is None:
        return None
    return IndustryLink(
        code=gbt.code if gbt else None,
        level=gbt.level if gbt else None,
        title=gbt.name if gbt else None,
        sei_code=sei.code if sei else None,
        sei_title=sei.name if sei else None,
    )
