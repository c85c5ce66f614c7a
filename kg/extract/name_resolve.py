"""Resolving the entity candidates: overlapping spans give way (longest first, then by
rule priority), and names nested in a chosen span are added back."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import (
    _NESTED_PLATFORM_HEADS,
    _PARENT_INSTITUTION,
    _brand_word,
    _canonical,
)
from .spans import Found

if TYPE_CHECKING:
    from .entities import EntityRules


# ------------------------------------------------------------ resolution
def resolve(rules: EntityRules) -> list[Found]:
    """Non-overlapping spans: longer first, then higher priority, then earlier; a tagger's
    proposal only where no rule span overlaps it."""
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    order = lambda f: (f.rule == "proposal", -(f.end - f.start), -f.priority, f.start)  # noqa: E731
    for f in sorted(_places_in_proposals(rules.found), key=order):
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        chosen.append(f)
        taken.append((f.start, f.end))
    chosen.extend(_nested_platforms(rules, chosen))
    chosen.extend(_nested_industries(rules, chosen))
    chosen.extend(_nested_places(rules, chosen))
    chosen.extend(_parent_institutions(chosen))
    return sorted(chosen, key=lambda f: (f.start, f.nested))


def _nested_places(rules: EntityRules, chosen: list[Found]) -> list[Found]:
    """A place that opens a longer name (武汉东湖高新区, 菲律宾亚洲世纪战略研究所, 西部（成都）科学城)."""
    out = []
    for f in chosen:
        if f.rule in ("lexicon",) and f.type == "Place" and f.name == f.surface:
            continue
        name = f.surface
        opening = re.match(r"^(?:中国|国家|中共)", name)
        i = opening.end() if opening else 0
        for j in range(min(len(name) - 1, i + 10), i + 1, -1):
            entry = rules.lexicon.get(name[i:j])
            if (
                entry
                and entry.type == "Organization"
                and f.type == "Organization"
                and j - i >= 4
                and i == 0
            ):
                out.append(
                    Found(
                        f.start,
                        f.start + j,
                        "Organization",
                        entry.canonical,
                        name[:j],
                        rule="nested-org",
                        nested=True,
                    )
                )
                break
            if (
                entry
                and entry.type == "Place"
                and entry.canonical != f.name
                and (entry.subclass != "District" or name[i:j] == entry.canonical)
                and not _brand_word(name, j, f.type)
            ):
                out.append(
                    Found(
                        f.start + i,
                        f.start + j,
                        "Place",
                        entry.canonical,
                        name[i:j],
                        entry.subclass,
                        rule="nested-place",
                        nested=True,
                    )
                )
                break
        bracketed = _bracketed_place(rules, f, out)
        if bracketed:
            out.append(bracketed)
    return out


def _bracketed_place(rules: EntityRules, f: Found, out: list[Found]) -> Found | None:
    """A known place in brackets inside a name (西部（成都）科学城), unless one was found there."""
    name = f.surface
    inner = re.search(r"[（(]([^（）()]{2,8})[)）]", name)
    if inner:
        entry = rules.lexicon.get(inner.group(1))
        if (
            entry
            and entry.type == "Place"
            and not any(o.start == f.start + inner.start(1) for o in out)
        ):
            return Found(
                f.start + inner.start(1),
                f.start + inner.end(1),
                "Place",
                entry.canonical,
                inner.group(1),
                entry.subclass,
                rule="nested-place",
                nested=True,
            )
    return None


def _nested_platforms(rules: EntityRules, chosen: list[Found]) -> list[Found]:
    """A platform that a program's name is about (广州南沙科学城|总体发展规划,
    加快推进|光谷科技创新大走廊|…行动方案): its distinctive head inside the name."""
    out = []
    for f in chosen:
        if f.type != "Program" or f.nested:
            continue
        name = f.surface
        at = 0
        while opening := next((w for w in P.LEADING_STRIP if name.startswith(w, at)), None):
            at += len(opening)
        for head in _NESTED_PLATFORM_HEADS:
            end = name.find(head, at + 2)
            if end < 0 or end + len(head) >= len(name):
                continue
            stem = name[at:end]
            if stem[:2] in P.GENERIC_MODIFIERS or stem in P.GENERIC_MODIFIERS:
                break
            out.append(
                Found(
                    f.start + at,
                    f.start + end + len(head),
                    "Platform",
                    _canonical(name[at : end + len(head)], "Platform"),
                    name[at : end + len(head)],
                    rule="nested-platform",
                    nested=True,
                )
            )
            break
    return out


def _nested_industries(rules: EntityRules, chosen: list[Found]) -> list[Found]:
    """Industries named inside program and platform names, as nested mentions."""
    out = []
    for f in chosen:
        if f.type not in ("Program", "Platform"):
            continue
        name = f.surface
        i = 0
        while i < len(name):
            for j in range(min(len(name), i + 12), i + 1, -1):
                entry = rules.lexicon.get(name[i:j])
                if entry and entry.type == "Industry" and name[i:j] != name:
                    out.append(
                        Found(
                            f.start + i,
                            f.start + j,
                            "Industry",
                            entry.canonical,
                            name[i:j],
                            priority=0,
                            rule="nested",
                            nested=True,
                        )
                    )
                    i = j - 1
                    break
            i += 1
    return out


def _places_in_proposals(found: list[Found]) -> list[Found]:
    """``found`` without the known places that a tagger's proposal extends (纽约 in
    纽约湾区): the place is the proposal's opening, not a name of its own there
    (it comes back as a nested place); any other rule span the proposal overlaps
    keeps it out."""
    inside: set[int] = set()
    for p in found:
        if p.rule != "proposal":
            continue
        overlapping = [
            k
            for k, f in enumerate(found)
            if f.rule != "proposal" and f.start < p.end and p.start < f.end
        ]
        if overlapping and all(
            found[k].rule == "lexicon"
            and found[k].type == "Place"
            and p.start <= found[k].start
            and found[k].end <= p.end
            and (found[k].end - found[k].start) < (p.end - p.start)
            for k in overlapping
        ):
            inside.update(overlapping)
    return [f for k, f in enumerate(found) if k not in inside]


def _parent_institutions(chosen: list[Found]) -> list[Found]:
    """The university or academy a unit's name opens with (中国人民大学|经济学院, X社会科学院|课题组)."""
    out = []
    for f in chosen:
        if f.type != "Organization" or f.nested:
            continue
        m = _PARENT_INSTITUTION.match(f.surface)
        if m and len(m.group("parent")) >= 4:
            parent = m.group("parent")
            out.append(
                Found(
                    f.start,
                    f.start + len(parent),
                    "Organization",
                    parent,
                    parent,
                    "University" if parent.endswith("大学") else None,
                    rule="parent-institution",
                    nested=True,
                )
            )
    return out
