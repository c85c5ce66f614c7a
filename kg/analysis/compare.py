"""``kg compare``: entities of one type side by side, as Markdown, JSON or HTML.

For two or more places (or any entities of one type): the industries they
develop, the platforms they build or hold, the programs they implement (what
all of them share, what only some have), and the numbers stated about them,
those with the same indicator side by side. Every cell carries the sentences
that state it. Made from the rows of ``queries/compare.rq``.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from ..errors import KgError
from .briefs import (
    TYPE_LABELS,
    EntityRef,
    Evidence,
    esc,
    evidence_text,
    find_entities,
    html_page,
    md_cell,
    named_rows,
    open_build,
)

SECTIONS = {"industry": "产业", "platform": "创新平台", "program": "政策举措"}
#: Sentences shown per cell in Markdown and HTML (JSON has them all).
SHOWN_EVIDENCE = 1


@dataclass
class ItemRow:
    """One industry, platform or program, and per entity the sentences that tie it to it (none: absent)."""

    item: str
    iri: str
    cells: dict[str, list[Evidence]] = field(default_factory=dict)


@dataclass(frozen=True)
class Number:
    """A number stated about one of the entities."""

    value: str
    unit: str
    year: str | None
    evidence: Evidence


@dataclass
class Comparison:
    """What :func:`build_comparison` gathers; entity names key the cells."""

    type: str
    entities: list[EntityRef]
    sections: dict[str, list[ItemRow]]
    numbers: dict[str, dict[str, list[Number]]]  # indicator → entity → numbers

    def names(self) -> list[str]:
        """The compared entities' canonical names, in the order asked."""
        return [e.name for e in self.entities]

    def shared(self, section: str) -> list[ItemRow]:
        """Rows every entity has."""
        return [r for r in self.sections[section] if len(r.cells) == len(self.entities)]

    def only(self, section: str, name: str) -> list[ItemRow]:
        """Rows only ``name`` has."""
        return [r for r in self.sections[section] if list(r.cells) == [name]]

    def some(self, section: str) -> list[ItemRow]:
        """Rows more than one entity, but not all, have."""
        return [r for r in self.sections[section] if 1 < len(r.cells) < len(self.entities)]

    def comparable(self) -> dict[str, dict[str, list[Number]]]:
        """Indicators stated for at least two of the entities."""
        return {k: v for k, v in self.numbers.items() if len(v) >= 2}

    def to_dict(self) -> dict:
        """Plain data (what ``--format json`` prints)."""
        return asdict(self) | {"comparable": sorted(self.comparable())}


def resolve(store, names: Sequence[str], type_: str | None = None) -> list[EntityRef]:
    """The entities the names name, all of one type (``type_``, else the first name's).

    Raises:
        KgError: fewer than two names, a name names nothing, or no entity of that type.
    """
    if len(names) < 2:
        raise KgError("compare needs at least two names, such as `kg compare out 成都 重庆`")
    found = find_entities(store, names)
    for n in names:
        if not found[n]:
            raise KgError(
                f"no entity named {n!r} in this build; check the spelling or use an alias"
            )
    kind = type_ or found[names[0]][0].type
    refs = []
    for n in names:
        of_kind = [r for r in found[n] if r.type == kind]
        if not of_kind:
            raise KgError(
                f"{n!r} is no {kind} in this build ({found[n][0].type}); compare entities of one type"
                " (or choose it with --type)"
            )
        refs.append(of_kind[0])
    if len({r.iri for r in refs}) < len(refs):
        raise KgError("two of the names are the same entity; name different ones")
    return refs


def build_comparison(
    out: str | os.PathLike, names: Sequence[str], *, type_: str | None = None
) -> Comparison:
    """Compare the entities named ``names`` in the build in ``out``."""
    store = open_build(out)
    refs = resolve(store, list(names), type_)
    by_iri = {r.iri: r.name for r in refs}
    sections: dict[str, dict[str, ItemRow]] = {s: {} for s in SECTIONS}
    numbers: dict[str, dict[str, list[Number]]] = defaultdict(lambda: defaultdict(list))
    for row in named_rows(store, "compare", list(names)):
        _n, iri, section, item, item_iri, value, unit, year, sentence, file_name = row
        if iri not in by_iri:
            continue
        who, ev = by_iri[iri], Evidence(sentence, file_name)
        if section == "observation":
            number = Number(value, unit or "", year, ev)
            if number not in numbers[item][who]:
                numbers[item][who].append(number)
            continue
        cell = sections[section].setdefault(item_iri, ItemRow(item, item_iri)).cells
        evidence = cell.setdefault(who, [])
        if ev not in evidence:
            evidence.append(ev)
    order = {n: i for i, n in enumerate(by_iri.values())}
    for rows in sections.values():
        for r in rows.values():
            r.cells = dict(sorted(r.cells.items(), key=lambda kv: order[kv[0]]))
    return Comparison(
        type=refs[0].type,
        entities=refs,
        sections={
            s: sorted(rows.values(), key=lambda r: (-len(r.cells), r.item))
            for s, rows in sections.items()
        },
        numbers={
            k: {n: v[n] for n in sorted(v, key=lambda n: order[n])}
            for k, v in sorted(numbers.items())
        },
    )


def format_comparison(c: Comparison, fmt: str = "md") -> str:
    """The comparison as ``md``, ``json`` or ``html``."""
    if fmt == "json":
        return json.dumps(c.to_dict(), ensure_ascii=False, indent=1)
    if fmt == "html":
        return _html(c)
    return _markdown(c)


def _number_text(n: Number) -> str:
    return f"{n.value}{n.unit}" + (f"（{n.year}年）" if n.year else "")


def _groups(c: Comparison, section: str) -> list[tuple[str, list[ItemRow]]]:
    groups = [("共同", c.shared(section))]
    if len(c.entities) > 2:
        groups.append(("部分共有", c.some(section)))
    groups += [(f"仅 {n}", c.only(section, n)) for n in c.names()]
    return groups


def _markdown(c: Comparison) -> str:
    names = c.names()
    lines = [f"# {' · '.join(names)} 对比（{TYPE_LABELS.get(c.type, c.type)}）", ""]
    lines += _md_counts(c)
    for s, label in SECTIONS.items():
        lines += _md_section(c, s, label)
    lines += _md_comparable(c)
    lines += ["", "## 其他数量", ""]
    for n in names:
        lines += _md_other_numbers(c, n)
    return "\n".join(lines)


def _md_header(names: list[str], first: str = "") -> list[str]:
    """A table's head: an optional first column's title, then one column per entity."""
    lead = f"| {first} |" if first else "| |"
    return [
        f"{lead} " + " | ".join(md_cell(n) for n in names) + " |",
        "| --- |" + " --- |" * len(names),
    ]


def _md_counts(c: Comparison) -> list[str]:
    """The overview table: per entity, how many rows of each section and how many indicators."""
    names = c.names()
    lines = _md_header(names)
    for s, label in SECTIONS.items():
        counts = [sum(n in r.cells for r in c.sections[s]) for n in names]
        lines.append(f"| {label} | " + " | ".join(map(str, counts)) + " |")
    counts = [sum(n in v for v in c.numbers.values()) for n in names]
    lines += ["| 数量指标 | " + " | ".join(map(str, counts)) + " |", ""]
    return lines


def _md_section(c: Comparison, section: str, label: str) -> list[str]:
    """One section's rows, grouped into shared, partly shared and each entity's own."""
    lines = [f"## {label}", ""]
    for title, rows in _groups(c, section):
        lines += [f"### {title}（{len(rows)}）", ""]
        if not rows:
            lines.append("（无）")
        for r in rows:
            cells = "；".join(
                f"{n}：{evidence_text(ev, SHOWN_EVIDENCE)}" for n, ev in r.cells.items()
            )
            lines.append(f"- **{r.item}** —— {cells}")
        lines.append("")
    return lines


def _md_comparable(c: Comparison) -> list[str]:
    """The table of indicators stated for two or more of the entities."""
    names = c.names()
    lines = ["## 可比数量（同一指标）", ""]
    comparable = c.comparable()
    if not comparable:
        lines.append("（无：没有两方以上都有的指标）")
        return lines
    lines += _md_header(names, "指标")
    for indicator, per in comparable.items():
        texts = [
            "；".join(
                f"{_number_text(x)} “{x.evidence.sentence}”（{x.evidence.file_name}）"
                for x in per.get(n, [])
            )
            or "—"
            for n in names
        ]
        lines.append(f"| {md_cell(indicator)} | " + " | ".join(md_cell(x) for x in texts) + " |")
    return lines


def _md_other_numbers(c: Comparison, name: str) -> list[str]:
    """The numbers stated about ``name`` alone (indicators no other entity has)."""
    comparable = c.comparable()
    own = [(k, x) for k, per in c.numbers.items() if k not in comparable for x in per.get(name, [])]
    lines = [f"### {name}（{len(own)}）", ""]
    if own:
        lines += ["| 指标 | 数值 | 证据 |", "| --- | --- | --- |"]
        lines += [
            f"| {md_cell(k)} | {md_cell(_number_text(x))} | {md_cell(x.evidence.sentence)}（{md_cell(x.evidence.file_name)}） |"
            for k, x in own
        ]
    else:
        lines.append("（无）")
    lines.append("")
    return lines


def _html(c: Comparison) -> str:
    names = c.names()
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    body = [f"<h1>{esc(' · '.join(names))} 对比（{esc(TYPE_LABELS.get(c.type, c.type))}）</h1>"]
    for s, label in SECTIONS.items():
        body.append(f"<h2>{esc(label)}</h2><table><tr><th></th>{head}</tr>")
        for r in c.sections[s]:
            cells = "".join(
                "<td>"
                + "".join(
                    f'<q>{esc(e.sentence)}</q> <span class="src">{esc(e.file_name)}</span>'
                    for e in r.cells.get(n, [])[:SHOWN_EVIDENCE]
                )
                + ("" if n in r.cells else "—")
                + "</td>"
                for n in names
            )
            body.append(f"<tr><th>{esc(r.item)}</th>{cells}</tr>")
        body.append("</table>")
    body.append(f"<h2>数量</h2><table><tr><th>指标</th>{head}</tr>")
    for indicator, per in c.numbers.items():
        cells = "".join(
            "<td>"
            + "<br>".join(
                f'{esc(_number_text(x))} <q>{esc(x.evidence.sentence)}</q> <span class="src">{esc(x.evidence.file_name)}</span>'
                for x in per.get(n, [])
            )
            + "</td>"
            for n in names
        )
        body.append(f"<tr><th>{esc(indicator)}</th>{cells}</tr>")
    body.append("</table>")
    return html_page(f"{' · '.join(names)} · xinzhi-kg", "\n".join(body))
