"""What the entity briefs share (:mod:`kg.analysis.profile`, :mod:`kg.analysis.compare`).

Both read a build through SPARQL on its store, with the named queries of
``queries/`` (``profile.rq``, ``compare.rq``) and the names put into their
``VALUES ?name`` line, so a SPARQL user running those queries gets the same
rows the briefs are made from.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import KgError
from ..rdf.store import open_store
from ..sparql.query import named_query, query_store
from ..types import ENTITY_TYPES

#: Chinese labels of the entity types and relations (as in the ontology and the map).
TYPE_LABELS = {
    "Place": "地点",
    "Program": "政策举措",
    "Industry": "产业",
    "Platform": "创新平台",
    "Organization": "组织机构",
}
REL_LABELS = {
    "locatedIn": "位于",
    "develops": "发展",
    "implements": "实施",
    "builds": "建设",
    "focusesOn": "聚焦",
    "cooperatesWith": "合作",
    "partOf": "组成部分",
}
_VALUES_NAME = re.compile(r"VALUES \?name \{[^}]*\}")
_KG = "https://w3id.org/xinzhi-kg/ontology#"


@dataclass(frozen=True)
class Evidence:
    """A sentence that states a fact, and the file it is in."""

    sentence: str
    file_name: str


def sparql_string(text: str) -> str:
    """A SPARQL literal tagged ``@zh``.

    >>> sparql_string('成都"')
    '"成都\\\\""@zh'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@zh'


def named_rows(store, name: str, names: Sequence[str]) -> list[tuple]:
    """Rows of the named query ``name`` with ``names`` in its ``VALUES ?name`` line."""
    values = "VALUES ?name { " + " ".join(sparql_string(n) for n in names) + " }"
    text = _VALUES_NAME.sub(lambda _: values, named_query(name))
    return list(query_store(store, text).rows)


def open_build(out: str | os.PathLike):
    """The store of the build in ``out`` (a build folder or its graph.ttl)."""
    return open_store(out)


@dataclass(frozen=True)
class EntityRef:
    """An entity a name resolved to: its IRI, main type, canonical name and mention count."""

    iri: str
    type: str
    name: str
    mentions: int


def find_entities(store, names: Iterable[str]) -> dict[str, list[EntityRef]]:
    """Per name, the entities it names: by canonical name first, then by alias; most mentioned first."""
    names = list(names)
    values = " ".join(sparql_string(n) for n in names)
    classes = " ".join(f"<{_KG}{t}>" for t in ENTITY_TYPES)
    rows = query_store(
        store,
        f"""SELECT ?name ?e ?class ?label ?how ?count WHERE {{
          VALUES ?name {{ {values} }} VALUES ?class {{ {classes} }}
          {{ ?e rdfs:label ?name BIND (0 AS ?how) }} UNION {{ ?e skos:altLabel ?name BIND (1 AS ?how) }}
          ?e a ?class ; rdfs:label ?label ; kg:mentionCount ?count }}""",
    ).rows
    found: dict[str, list[tuple]] = {n: [] for n in names}
    for row in rows:
        name, iri, cls, label, how, count = (str(v) for v in row)
        found[name].append((int(how), -int(count), iri, cls.removeprefix(_KG), label))
    return {
        n: [EntityRef(iri, t, label, -c) for _, c, iri, t, label in sorted(set(found[n]))]
        for n in names
    }


def pick_entity(store, name: str, type_: str | None = None) -> EntityRef:
    """The entity ``name`` names (of ``type_``, when given).

    Raises:
        KgError: no entity of that name (and type).
    """
    refs = [r for r in find_entities(store, [name])[name] if type_ in (None, r.type)]
    if not refs:
        of = f" of type {type_}" if type_ else ""
        raise KgError(
            f"no entity{of} named {name!r} in this build; check the name with "
            "`kg query OUT --name entity_aliases` or search it in the map"
        )
    return refs[0]


def esc(text: object) -> str:
    """HTML-escaped text."""
    return html.escape(str(text), quote=True)


HTML_STYLE = """body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",sans-serif;
max-width:1100px;margin:24px auto;padding:0 16px;color:#222;line-height:1.6}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#f3f3f3}q{quotes:none;color:#333}.src{color:#888;font-size:12px}code{font-size:13px}"""


def html_page(title: str, body: str) -> str:
    """A self-contained HTML page (no script, no request)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{HTML_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def evidence_text(evidence: Sequence[Evidence], shown: int) -> str:
    """The first ``shown`` sentences, quoted with their files, and how many more there are.

    >>> evidence_text([Evidence("成都发展。", "a.txt"), Evidence("又发展。", "b.txt")], 1)
    '“成都发展。”（a.txt）；另有 1 句'
    """
    text = "；".join(f"“{e.sentence}”（{e.file_name}）" for e in evidence[:shown])
    more = len(evidence) - shown
    return text + (f"；另有 {more} 句" if more > 0 else "")
