"""Interactive HTML map: one self-contained page that explains every node and edge.

The page inlines vis-network's JS and CSS (the copy that ships inside the
``pyvis`` package), the page's own script and style (``templates/``) and the
graph as JSON in a ``<script type="application/json">`` block, so opening it
makes no network request at all (its Content-Security-Policy forbids any).

Positions come from :mod:`kg.export.layout`, before the page opens, so the
browser draws at once and physics stays off. The page can still tidy what is
shown with a bounded physics run that stops.

Data block, kept compact because a 5,000-node page carries all of it:
``nodes[i] = {k: key, n: name, t: type index, s: subclass label, a: aliases,
iri, m: mention count, d: document indexes, e: [[sentence index, document
index], …], ne: distinct evidence sentences, x, y}`` and ``edges[j] = {h, t:
node indexes, r: relation index, e, ne}``; sentences and documents are stored
once and referred to by index.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Hashable, Iterable, Mapping
from importlib import resources

import networkx as nx

from ..atomic import write_text_atomic
from ..errors import KgError
from ..types import ENTITY_TYPES, RELATION_TYPES, DocumentInfo, Mention
from .geo import geo_fields
from .layout import layout_positions

#: Entity type → (Chinese label, colour, vis-network shape). Shapes are ones vis sizes by ``size``.
TYPE_STYLES = {
    "Place": ("地点", "#4e79a7", "dot"),
    "Program": ("政策举措", "#f28e2b", "diamond"),
    "Industry": ("产业", "#59a14f", "square"),
    "Platform": ("创新平台", "#e15759", "triangle"),
    "Organization": ("组织机构", "#b07aa1", "hexagon"),
}
#: Relation → (Chinese label, colour), labels as in ``ontology/xinzhi.ttl``.
REL_STYLES = {
    "locatedIn": ("位于", "#1b9e77"),
    "develops": ("发展", "#66a61e"),
    "implements": ("实施", "#d95f02"),
    "builds": ("建设", "#7570b3"),
    "focusesOn": ("聚焦", "#c99700"),
    "cooperatesWith": ("合作", "#e7298a"),
    "partOf": ("组成部分", "#a6761d"),
}
#: Finer classes, labelled as in the ontology.
SUBCLASS_LABELS = {
    "Country": "国家",
    "Province": "省级行政区",
    "City": "城市",
    "District": "区县",
    "Region": "区域",
    "Laboratory": "实验室",
    "Centre": "中心",
    "ScienceCity": "科学城",
    "Park": "园区",
    "Policy": "政策文件",
    "Company": "企业",
    "University": "高等院校",
    "GovernmentBody": "政府机构",
}
#: Relations drawn without an arrow (stored in one direction only).
SYMMETRIC_RELATIONS = ("cooperatesWith",)
#: Fonts for Chinese labels, first available wins.
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
#: Distinct evidence sentences kept per node or edge (the panel says how many more there are).
MAX_EVIDENCE = 50
#: One layout unit in page pixels.
UNIT_PX = 120.0
#: Above this many nodes the page hides edges while dragging and zooming.
LARGE_GRAPH = 2000

_VIS_DIR = "lib/vis-9.1.2"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


# --------------------------------------------------------------------------- entry points


def export_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    iris: Mapping[str, str] | None = None,
    title: str | None = None,
    max_evidence: int = MAX_EVIDENCE,
) -> None:
    """Write the graph as one self-contained interactive HTML page (atomically).

    Args:
        G: the graph stage's output.
        path: the file to write.
        iris: node key → entity IRI; default :func:`kg.rdf.blocks.entity_iri_map`.
        title: the page title; default names the documents' count.
        max_evidence: distinct sentences kept per node or edge.
    """
    write_text_atomic(path, render_html(G, iris=iris, title=title, max_evidence=max_evidence))


def render_html(
    G: nx.MultiDiGraph,
    *,
    iris: Mapping[str, str] | None = None,
    title: str | None = None,
    max_evidence: int = MAX_EVIDENCE,
) -> str:
    """The page :func:`export_html` writes, as a string."""
    if iris is None:
        from ..rdf.blocks import entity_iri_map

        iris = entity_iri_map(G)
    ndocs = len(G.graph.get("documents", {}))
    if title is None:
        title = f"xinzhi-kg 知识图谱 · {ndocs} 篇文档"
    data = map_data(
        G, iris=iris, positions=layout_positions(G), max_evidence=max_evidence, title=title
    )
    vis_js, vis_css = vis_assets()
    parts = {
        "title": html.escape(title),
        "vis_css": vis_css,
        "font": FONT_STACK,
        "map_css": _template("map.css"),
        "vis_js": vis_js,
        "map_js": _template("map.js"),
        "data": script_json(data),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _template("map.html"))


# --------------------------------------------------------------------------- page parts


def script_json(data: object) -> str:
    """JSON safe to put inside ``<script type="application/json">``.

    Every ``<`` becomes ``\\u003c``, so no value can close the element or
    open a comment; ``JSON.parse`` reads it back unchanged.

    >>> script_json({"s": "</script><b>"})
    '{"s":"\\\\u003c/script>\\\\u003cb>"}'
    >>> json.loads(script_json({"s": "</script>"}))["s"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, from the copy inside the pyvis package.

    Raises:
        KgError: pyvis (or its vis-network copy) is not installed.
    """
    try:
        base = resources.files("pyvis").joinpath(_VIS_DIR)
        js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise KgError(
            f"vis-network not found in the pyvis package ({_VIS_DIR}): {exc}; "
            "reinstall with `pip install pyvis==0.3.2` (or `make setup`)"
        ) from exc
    # A source-map comment would make developer tools fetch a file that is not there.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    for name, text, end in (
        ("vis-network.min.js", js, "</script"),
        ("vis-network.css", css, "</style"),
    ):
        if end in text.lower():
            raise KgError(f"{name}: contains {end!r} and cannot be inlined; reinstall pyvis==0.3.2")
    return js, css


def _template(name: str) -> str:
    return resources.files("kg.export").joinpath("templates", name).read_text(encoding="utf-8")


def map_data(
    G: nx.MultiDiGraph,
    *,
    iris: Mapping[str, str],
    positions: Mapping[Hashable, tuple[float, float]],
    max_evidence: int = MAX_EVIDENCE,
    title: str = "",
) -> dict:
    """The JSON the page reads: styles, documents, sentences, nodes and edges.

    Positions are in layout units (see :func:`layout_positions`) and come
    out in page pixels.
    """
    table = _EvidenceTable(G.graph.get("documents", {}), max_evidence)
    node_types = _ordered(ENTITY_TYPES, (d["type"] for _, d in G.nodes(data=True)))
    rel_types = _ordered(RELATION_TYPES, (k for *_, k in G.edges(keys=True)))
    lines = {r.id: r.text for r in G.graph.get("curation", [])}
    nodes = _node_entries(G, table, iris, positions, node_types, lines)
    edges = _edge_entries(G, table, rel_types, lines)
    return {
        "title": title,
        "font": FONT_STACK,
        "large": G.number_of_nodes() > LARGE_GRAPH,
        "types": [_type_style(t) for t in node_types],
        "rels": [_rel_style(r) for r in rel_types],
        "docs": table.docs,
        "sentences": table.sentences,
        "nodes": nodes,
        "edges": edges,
    }


class _EvidenceTable:
    """The page's documents and sentences, each stored once and cited by index.

    Indexes are handed out in the order things are first cited, so the page's
    data depends only on the order of the graph's nodes and edges.
    """

    def __init__(self, infos: Mapping[str, DocumentInfo], max_evidence: int) -> None:
        doc_ids = sorted(infos, key=lambda d: (infos[d].file_name, d))
        self.docs: list[dict] = [
            {"f": infos[d].file_name, **({"t": infos[d].title} if infos[d].title else {})}
            for d in doc_ids
        ]
        self.sentences: list[str] = []
        self._doc_index = {d: i for i, d in enumerate(doc_ids)}
        self._sentence_index: dict[str, int] = {}
        self._max_evidence = max_evidence

    def doc(self, doc_id: str) -> int:
        """The index of a document, added if the graph does not describe it."""
        if doc_id not in self._doc_index:
            self._doc_index[doc_id] = len(self.docs)
            self.docs.append({"f": doc_id})
        return self._doc_index[doc_id]

    def cite(self, mentions: Iterable[Mention]) -> tuple[list[list[int]], int]:
        """``[[sentence, document], …]`` for the first distinct mentions, and how many there are."""
        seen: set[tuple[str, str]] = set()
        out: list[list[int]] = []
        for m in mentions:
            if (m.shown, m.doc_id) in seen:
                continue
            seen.add((m.shown, m.doc_id))
            if len(out) < self._max_evidence:
                if m.shown not in self._sentence_index:
                    self._sentence_index[m.shown] = len(self.sentences)
                    self.sentences.append(m.shown)
                out.append([self._sentence_index[m.shown], self.doc(m.doc_id)])
        return out, len(seen)


def _ordered(known: Iterable[str], present: Iterable[str]) -> list[str]:
    """The ontology's names in its order, then any other names present, sorted."""
    names = list(known)
    return names + sorted(set(present) - set(names))


def _node_entries(
    G: nx.MultiDiGraph,
    table: _EvidenceTable,
    iris: Mapping[str, str],
    positions: Mapping[Hashable, tuple[float, float]],
    node_types: list[str],
    lines: Mapping[str, str],
) -> list[dict]:
    """One ``nodes[i]`` entry per node, in the graph's order."""
    type_index = {t: i for i, t in enumerate(node_types)}
    geo = geo_fields(G)  # the geographic view and the codes of kg.link (kg.export.geo)
    nodes = []
    for key, d in G.nodes(data=True):
        ev, n_ev = table.cite(d.get("mentions", ()))
        x, y = positions[key]
        node = {"k": str(key), "n": d.get("name", str(key)), "t": type_index[d["type"]]}
        if d.get("subclass"):
            node["s"] = SUBCLASS_LABELS.get(d["subclass"], d["subclass"])
        if d.get("aliases"):
            node["a"] = list(d["aliases"])
        if d.get("curated_by"):
            node["c"] = [lines[i] for i in d["curated_by"] if i in lines]
        node.update(
            iri=str(iris.get(key, "")),
            m=int(d.get("mention_count", 0)),
            d=sorted({table.doc(doc_id) for doc_id in d.get("documents", ())}),
            e=ev,
            ne=n_ev,
            x=round(x * UNIT_PX, 1),
            y=round(y * UNIT_PX, 1),
        )
        node.update(geo.get(key, {}))
        nodes.append(node)
    return nodes


def _edge_entries(
    G: nx.MultiDiGraph, table: _EvidenceTable, rel_types: list[str], lines: Mapping[str, str]
) -> list[dict]:
    """One ``edges[j]`` entry per edge, its ends given as node indexes."""
    node_index = {key: i for i, key in enumerate(G.nodes)}
    rel_index = {r: i for i, r in enumerate(rel_types)}
    edges = []
    for h, t, k, d in G.edges(keys=True, data=True):
        ev, n_ev = table.cite(d.get("evidence", ()))
        edge = {"h": node_index[h], "t": node_index[t], "r": rel_index[k], "e": ev, "ne": n_ev}
        if d.get("curated_by"):
            edge["c"] = [lines[i] for i in d["curated_by"] if i in lines]
        edges.append(edge)
    return edges


def _type_style(t: str) -> dict:
    label, color, shape = TYPE_STYLES.get(t, (t, "#8c8c8c", "dot"))
    return {"id": t, "label": label, "color": color, "shape": shape}


def _rel_style(r: str) -> dict:
    label, color = REL_STYLES.get(r, (r, "#8c8c8c"))
    return {"id": r, "label": label, "color": color, "symmetric": r in SYMMETRIC_RELATIONS}
