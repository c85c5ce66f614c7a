"""``kg profile``: everything a build holds about one entity, as Markdown, JSON or HTML.

Type, names, IRI, codes and coordinates (:mod:`kg.link`), documents,
relations grouped by type with the sentences that state them, the numbers
stated about it, and the entities most often named in the same sentences.
Made from the rows of ``queries/profile.rq`` (see :mod:`kg.analysis.briefs`).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from .briefs import (
    REL_LABELS,
    TYPE_LABELS,
    Evidence,
    esc,
    evidence_text,
    html_page,
    md_cell,
    named_rows,
    open_build,
    pick_entity,
)

_LEVELS = {"province": "省级", "city": "地级", "county": "县级"}
_TYPE_OF_FOLDER = {t.lower(): t for t in TYPE_LABELS}
#: Sentences shown per relation in Markdown and HTML (JSON has them all).
SHOWN_EVIDENCE = 2


@dataclass
class RelationRow:
    """One relation of the entity: the other end and the sentences that state it."""

    other: str
    other_iri: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class ObservationRow:
    """A number stated about the entity."""

    indicator: str
    value: str
    unit: str
    year: str | None
    evidence: Evidence


@dataclass
class Profile:
    """What :func:`build_profile` gathers; ``relations`` maps ``"out develops"``/``"in locatedIn"`` to rows."""

    name: str
    type: str
    iri: str
    classes: list[str]
    aliases: list[str]
    mentions: int
    codes: dict[str, str]
    documents: list[tuple[str, str | None]]
    relations: dict[str, list[RelationRow]]
    observations: list[ObservationRow]
    comentions: list[tuple[str, str, int]]

    def to_dict(self) -> dict:
        """Plain data (what ``--format json`` prints)."""
        return asdict(self)


def build_profile(
    out: str | os.PathLike, name: str, *, type_: str | None = None, top: int = 10
) -> Profile:
    """The profile of the entity named ``name`` (canonical name or alias) in the build in ``out``.

    Args:
        type_: the entity type when the name is ambiguous (default: the most mentioned).
        top: how many co-mentioned entities to keep.

    Raises:
        KgError: no entity of that name.
    """
    store = open_build(out)
    ref = pick_entity(store, name, type_)
    rows = [r for r in named_rows(store, "profile", [name]) if r[0] == ref.iri]
    by: dict[str, list[tuple]] = defaultdict(list)
    for _e, section, key, value, detail, sentence, file_name in rows:
        by[section].append((key, value, detail, sentence, file_name))
    relations: dict[str, dict[str, RelationRow]] = defaultdict(dict)
    for key, value, other_iri, sentence, file_name in by["relation"]:
        row = relations[key].setdefault(other_iri, RelationRow(value, other_iri))
        ev = Evidence(sentence, file_name)
        if ev not in row.evidence:
            row.evidence.append(ev)
    per_other = _sentences_per_other(by["comention"])
    names = {iri: value for _key, value, iri, _s, _f in by["comention"]}
    ranked = sorted(per_other.items(), key=lambda kv: (-len(kv[1]), names[kv[0]], kv[0]))[:top]
    return Profile(
        name=ref.name,
        type=ref.type,
        iri=ref.iri,
        classes=sorted({v for _, v, *_ in by["type"]} - {ref.type}),
        aliases=sorted({v for _, v, *_ in by["alias"]}),
        mentions=ref.mentions,
        codes={k: v for k, v, *_ in by["code"]},
        documents=sorted({(f, d) for _, _, d, _, f in by["document"]}),
        relations={
            k: sorted(relations[k].values(), key=lambda r: (-len(r.evidence), r.other))
            for k in sorted(relations, key=_relation_order)
        },
        observations=sorted(
            {
                ObservationRow(k, v, d.split("|")[0], d.split("|")[1] or None, Evidence(s, f))
                for k, v, d, s, f in by["observation"]
            },
            key=lambda o: (o.evidence.file_name, o.indicator, o.value),
        ),
        comentions=[(names[i], i, len(sentences)) for i, sentences in ranked],
    )


def _sentences_per_other(rows: list[tuple]) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _key, _value, other_iri, sentence, file_name in rows:
        out[other_iri].add((file_name, sentence))
    return out


def _relation_order(key: str) -> tuple[int, int]:
    direction, rel = key.split(" ", 1)
    order = list(REL_LABELS)
    return (0 if direction == "out" else 1, order.index(rel) if rel in order else len(order))


def relation_heading(key: str) -> str:
    """``"out develops"`` → ``发展 → (develops)``; incoming relations read ``← 位于 (locatedIn)``."""
    direction, rel = key.split(" ", 1)
    label = REL_LABELS.get(rel, rel)
    return f"{label} → ({rel})" if direction == "out" else f"← {label} ({rel})"


def code_lines(codes: dict[str, str]) -> list[tuple[str, str]]:
    """The codes and coordinates as ``(label, text)`` lines.

    >>> code_lines({"adcode": "510100", "divisionLevel": "city"})
    [('行政区划代码', '510100（地级，GB/T 2260）')]
    """
    out = []
    if "adcode" in codes:
        level = _LEVELS.get(codes.get("divisionLevel", ""), "")
        out.append(("行政区划代码", f"{codes['adcode']}（{level}，GB/T 2260）"))
    if "lat" in codes and "long" in codes:
        where = (
            f"所在行政区 {codes['containingDivision']} 的坐标"
            if "containingDivision" in codes
            else "WGS84"
        )
        out.append(("坐标", f"{codes['lat']}, {codes['long']}（{where}）"))
    if "countryCode" in codes:
        out.append(("国家代码", f"{codes['countryCode']}（ISO 3166-1）"))
    if "nationalIndustryCode" in codes:
        out.append(
            (
                "国民经济行业分类",
                f"{codes['nationalIndustryCode']} {codes.get('nationalIndustryTitle', '')}"
                f"（{codes.get('nationalIndustryLevel', '')}，GB/T 4754-2017）",
            )
        )
    if "emergingIndustryCode" in codes:
        out.append(
            (
                "战略性新兴产业分类",
                f"{codes['emergingIndustryCode']} {codes.get('emergingIndustryTitle', '')}（2018）",
            )
        )
    return out


def type_of(iri: str) -> str:
    """The main type of an entity, from its IRI's folder (``…/id/place/chengdu`` → ``Place``)."""
    folder = iri.rsplit("/", 2)[-2] if iri.count("/") >= 2 else ""
    return _TYPE_OF_FOLDER.get(folder, "")


def format_profile(p: Profile, fmt: str = "md") -> str:
    """The profile as ``md``, ``json`` or ``html``."""
    if fmt == "json":
        return json.dumps(p.to_dict(), ensure_ascii=False, indent=1)
    if fmt == "html":
        return _html(p)
    return _markdown(p)


def _markdown(p: Profile) -> str:
    kind = TYPE_LABELS.get(p.type, p.type) + "".join(f" · {c}" for c in p.classes)
    lines = [f"# {p.name}（{kind}）", "", f"- IRI：`{p.iri}`"]
    lines.append(f"- 别名：{'、'.join(p.aliases) if p.aliases else '—'}")
    lines.append(f"- 提及：{p.mentions} 次，{len(p.documents)} 篇文档")
    lines += [f"- {label}：{text}" for label, text in code_lines(p.codes)]
    lines += ["", "## 文档", ""]
    lines += [f"- {f}" + (f"：{t}" if t else "") for f, t in p.documents]
    lines += ["", "## 关系", ""]
    if not p.relations:
        lines.append("（无）")
    for key, rows in p.relations.items():
        lines += [f"### {relation_heading(key)}（{len(rows)}）", ""]
        lines += [f"- **{r.other}** —— {evidence_text(r.evidence, SHOWN_EVIDENCE)}" for r in rows]
        lines.append("")
    lines += ["## 数量", ""]
    if p.observations:
        lines += ["| 指标 | 数值 | 单位 | 年份 | 证据 |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {md_cell(o.indicator)} | {o.value} | {md_cell(o.unit)} | {o.year or ''} | "
            f"{md_cell(o.evidence.sentence)}（{md_cell(o.evidence.file_name)}） |"
            for o in p.observations
        ]
    else:
        lines.append("（无）")
    lines += ["", "## 同句出现最多的实体", ""]
    if p.comentions:
        lines += ["| 实体 | 类型 | 同句次数 |", "| --- | --- | --- |"]
        lines += [
            f"| {md_cell(n)} | {TYPE_LABELS.get(type_of(i), '')} | {c} |"
            for n, i, c in p.comentions
        ]
    else:
        lines.append("（无）")
    return "\n".join(lines) + "\n"


def _evidence_html(evidence: list[Evidence]) -> str:
    items = "".join(
        f'<li><q>{esc(e.sentence)}</q> <span class="src">{esc(e.file_name)}</span></li>'
        for e in evidence[:SHOWN_EVIDENCE]
    )
    more = len(evidence) - SHOWN_EVIDENCE
    return f"<ul>{items}</ul>" + (f'<p class="src">另有 {more} 句</p>' if more > 0 else "")


def _html(p: Profile) -> str:
    kind = TYPE_LABELS.get(p.type, p.type) + "".join(f" · {c}" for c in p.classes)
    facts = [("IRI", f"<code>{esc(p.iri)}</code>"), ("别名", esc("、".join(p.aliases) or "—"))]
    facts += [("提及", esc(f"{p.mentions} 次，{len(p.documents)} 篇文档"))]
    facts += [(label, esc(text)) for label, text in code_lines(p.codes)]
    body = [f"<h1>{esc(p.name)}（{esc(kind)}）</h1><table>"]
    body += [f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in facts]
    body += ["</table><h2>文档</h2><ul>"]
    body += [f"<li>{esc(f)}{'：' + esc(t) if t else ''}</li>" for f, t in p.documents]
    body += ["</ul><h2>关系</h2>"]
    for key, rows in p.relations.items():
        body.append(f"<h3>{esc(relation_heading(key))}（{len(rows)}）</h3><table>")
        body += [
            f"<tr><th>{esc(r.other)}</th><td>{_evidence_html(r.evidence)}</td></tr>" for r in rows
        ]
        body.append("</table>")
    body.append(
        "<h2>数量</h2><table><tr><th>指标</th><th>数值</th><th>单位</th><th>年份</th><th>证据</th></tr>"
    )
    body += [
        f"<tr><td>{esc(o.indicator)}</td><td>{esc(o.value)}</td><td>{esc(o.unit)}</td><td>{esc(o.year or '')}</td>"
        f'<td><q>{esc(o.evidence.sentence)}</q> <span class="src">{esc(o.evidence.file_name)}</span></td></tr>'
        for o in p.observations
    ]
    body.append(
        "</table><h2>同句出现最多的实体</h2><table><tr><th>实体</th><th>类型</th><th>同句次数</th></tr>"
    )
    body += [
        f"<tr><td>{esc(n)}</td><td>{esc(TYPE_LABELS.get(type_of(i), ''))}</td><td>{c}</td></tr>"
        for n, i, c in p.comentions
    ]
    body.append("</table>")
    return html_page(f"{p.name} · xinzhi-kg", "\n".join(body))
