"""Gold annotations for :mod:`kg.analysis.evaluate`: the annotation format, and names and values
compared the way the annotation spec says.

The gold is a folder of JSON files, one per annotated text::

    {"doc": "a.txt",
     "entities": [{"name": "成都", "type": "Place", "aliases": ["成都市"], "status": "core"}],
     "relations": [{"head": "成都", "rel": "builds", "tail": "国家超算中心", "status": "core"}],
     "observations": [{"subject": "成都", "indicator": "国家级创新平台", "value": 146,
                       "unit": "个", "alt_subjects": [], "status": "core"}]}
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

from rdflib import URIRef

from ..errors import InputError
from ..vocab import KG

#: The five entity classes, by their local names (the gold's ``type``).
ENTITY_CLASSES: dict[str, URIRef] = {
    "Place": KG.Place,
    "Program": KG.Program,
    "Industry": KG.Industry,
    "Platform": KG.Platform,
    "Organization": KG.Organization,
}
#: The seven relations, by their local names (the gold's ``rel``).
RELATION_PROPERTIES: dict[str, URIRef] = {
    "locatedIn": KG.locatedIn,
    "develops": KG.develops,
    "implements": KG.implements,
    "builds": KG.builds,
    "focusesOn": KG.focusesOn,
    "cooperatesWith": KG.cooperatesWith,
    "partOf": KG.partOf,
}
#: Relations that hold both ways, so a prediction may state either direction.
SYMMETRIC_RELATIONS = frozenset({"cooperatesWith"})
#: An observation's value matches within this fraction of the gold value.
VALUE_TOLERANCE = 0.005
#: Scale words that may lead a unit, longest first so 万亿 is not read as 万.
SCALE_WORDS = (("万亿", 10**12), ("亿", 10**8), ("千万", 10**7), ("百万", 10**6), ("万", 10**4))

# White space, quotation marks and book-title marks: names compare without them.
_IGNORED_IN_NAMES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")


# ---------------------------------------------------------------- names and values


@cache
def _traditional_to_simplified() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def normalize_name(name: str) -> str:
    """The form in which gold and predicted names compare.

    NFKC (full-width forms to plain ones), traditional characters to
    simplified, then quotation marks, book-title marks and white space removed.

    Example:
        >>> normalize_name("《數碼港》 計劃")
        '数码港计划'
        >>> normalize_name("“ＡＩ＋”行动")
        'AI+行动'
    """
    text = unicodedata.normalize("NFKC", name)
    text = _traditional_to_simplified()(text)
    return _IGNORED_IN_NAMES.sub("", text)


def base_value(value: float, unit: str | None) -> float:
    """``value`` with a scale word at the start of ``unit`` multiplied out.

    Example:
        >>> base_value(3.8, "亿元")
        380000000.0
        >>> base_value(1.15, "万人"), base_value(12, "%")
        (11500.0, 12.0)
    """
    for word, factor in SCALE_WORDS:
        if (unit or "").startswith(word):
            return float(value) * factor
    return float(value)


def values_match(gold: float, predicted: float) -> bool:
    """Whether ``predicted`` lies within :data:`VALUE_TOLERANCE` of ``gold``.

    Example:
        >>> values_match(200, 200.9), values_match(200, 201.1)
        (True, False)
    """
    return abs(predicted - gold) <= VALUE_TOLERANCE * abs(gold)


@dataclass(frozen=True)
class GoldEntity:
    """A gold entity merged over files by type and canonical name."""

    key: str
    label: str
    core: bool
    type: str
    names: frozenset[str]


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation; ``heads`` and ``tails`` are the normalised names of its ends."""

    key: str
    label: str
    core: bool
    rel: str
    heads: frozenset[str]
    tails: frozenset[str]


@dataclass(frozen=True)
class GoldObservation:
    """A gold observation; ``subjects`` names the subject and its ``alt_subjects``."""

    key: str
    label: str
    core: bool
    subjects: frozenset[str]
    value: float


GoldItem = GoldEntity | GoldRelation | GoldObservation


@dataclass
class Gold:
    """Everything in a folder of gold files, ready to match predictions against."""

    entities: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    observations: list[GoldObservation] = field(default_factory=list)
    files: int = 0


def read_gold(path: str | PathLike[str]) -> Gold:
    """Read gold annotations: a folder of ``*.json`` files or one file.

    Raises:
        InputError: no gold there, a file that is not JSON, or an item that
            does not follow the format (missing name, unknown type or relation,
            a value that is not a number).
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path}: no *.json gold files here; pass the folder of gold files")
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"{path}: no such file or folder; pass the folder of gold JSON files")
    entities: dict[str, dict] = {}
    relations: list[GoldRelation] = []
    observations: list[GoldObservation] = []
    for file in files:
        data = _read_json(file)
        _add_file(file, data, entities, relations, observations)
    merged = [
        GoldEntity(key, e["label"], e["core"], e["type"], frozenset(e["names"]))
        for key, e in entities.items()
    ]
    return Gold(merged, relations, observations, len(files))


def _read_json(file: Path) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{file}: not UTF-8 ({exc.reason}); save the gold file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{file}: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); fix the file"
        ) from exc
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected an object with entities, relations and observations")
    return data


def _field(
    file: Path, kind: str, index: int, item: dict, name: str, allowed: Collection[str] = ()
) -> Any:
    """``item[name]``, or an :class:`InputError` that says which item of which file lacks it."""
    value = item.get(name) if isinstance(item, dict) else None
    if value is None or value == "":
        raise InputError(f"{file}: {kind} {index + 1} has no {name!r}; see the gold format")
    if allowed and value not in allowed:
        raise InputError(
            f"{file}: {kind} {index + 1} has {name} {value!r}; use one of {', '.join(allowed)}"
        )
    return value


def _is_core(item: dict) -> bool:
    return item.get("status", "core") == "core"


def _add_file(
    file: Path,
    data: dict,
    entities: dict[str, dict],
    relations: list[GoldRelation],
    observations: list[GoldObservation],
) -> None:
    # A name's forms are those of this file's entities so named: an alias such
    # as 本市 or 省政府 stands for different entities in different files.
    forms: dict[str, set[str]] = defaultdict(set)
    for i, e in enumerate(data.get("entities", [])):
        name = _field(file, "entity", i, e, "name")
        etype = _field(file, "entity", i, e, "type", ENTITY_CLASSES)
        names = {normalize_name(n) for n in [name, *e.get("aliases", [])]}
        forms[name] |= names
        key = f"{etype}:{normalize_name(name)}"
        merged = entities.setdefault(
            key, {"label": f"{name} ({etype})", "core": False, "type": etype, "names": set()}
        )
        merged["names"] |= names
        merged["core"] = merged["core"] or _is_core(e)

    def names_of(name: str) -> frozenset[str]:
        return frozenset(forms.get(name) or {normalize_name(name)})

    for i, r in enumerate(data.get("relations", [])):
        head = _field(file, "relation", i, r, "head")
        rel = _field(file, "relation", i, r, "rel", RELATION_PROPERTIES)
        tail = _field(file, "relation", i, r, "tail")
        label = f"{head} {rel} {tail}"
        key = f"{normalize_name(head)} {rel} {normalize_name(tail)}"
        relations.append(GoldRelation(key, label, _is_core(r), rel, names_of(head), names_of(tail)))
    for i, o in enumerate(data.get("observations", [])):
        subject = _field(file, "observation", i, o, "subject")
        raw = _field(file, "observation", i, o, "value")
        try:
            value = base_value(float(raw), o.get("unit"))
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"{file}: observation {i + 1} has value {raw!r}; give a number, with 万/亿 "
                "multiplied out"
            ) from exc
        subjects = frozenset().union(*(names_of(s) for s in [subject, *o.get("alt_subjects", [])]))
        indicator = o.get("indicator") or ""
        label = f"{subject} {indicator} {raw}"
        key = f"{normalize_name(subject)} {normalize_name(indicator)} {value!r}"
        observations.append(GoldObservation(key, label, _is_core(o), subjects, value))
