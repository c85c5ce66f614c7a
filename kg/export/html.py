"""Interactive HTML map: one self-contained page that explains every node and edge.

The page inlines vis-network's JS and CSS (the copy that ships inside the
``pyvis`` package), the page's own script and style (``templates/``) and the
graph as JSON in a ``<script type="application/json">`` block, so opening it
makes no network request at all (its Content-Security-Policy forbids any).

Positions are computed here, before the page opens: each connected component
is laid out on its own (NetworkX's spring layout for small ones, pivot MDS
refined by a grid-accelerated force layout for large ones) and the components
are packed in rows, so the browser draws at once and physics stays off. The
page can still tidy what is shown with a bounded physics run that stops.

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
import math
import os
import re
from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from importlib import resources

import networkx as nx
import numpy as np

from ..atomic import write_text_atomic
from ..errors import KgError
from ..types import ENTITY_TYPES, RELATION_TYPES, Mention

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
#: Median distance from a node to its nearest neighbour, in layout units.
NODE_SPACING = 0.8
#: Components at least this big use :func:`mesh_layout` rather than NetworkX's O(n²) spring layout.
LARGE_COMPONENT = 100
#: Repulsion and gravity of :func:`mesh_layout`, relative to unit springs.
REPULSION = 1.0
GRAVITY = 1.0
#: Repulsion fades as exp(-d / (this × layout width)), so the rim does not pile up.
REPULSION_RANGE = 0.1
#: Above this many nodes the page hides edges while dragging and zooming.
LARGE_GRAPH = 2000

_VIS_DIR = "lib/vis-9.1.2"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


# --------------------------------------------------------------------------- entry points


def export_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    iris: Mapping[Hashable, object] | None = None,
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
    iris: Mapping[Hashable, object] | None = None,
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
    iris: Mapping[Hashable, object],
    positions: Mapping[Hashable, tuple[float, float]],
    max_evidence: int = MAX_EVIDENCE,
    title: str = "",
) -> dict:
    """The JSON the page reads: styles, documents, sentences, nodes and edges.

    Positions are in layout units (see :func:`layout_positions`) and come
    out in page pixels.
    """
    infos = G.graph.get("documents", {})
    doc_ids = sorted(infos, key=lambda d: (infos[d].file_name, d))
    docs = [
        {"f": infos[d].file_name, **({"t": infos[d].title} if infos[d].title else {})}
        for d in doc_ids
    ]
    doc_index = {d: i for i, d in enumerate(doc_ids)}

    def doc(doc_id: str) -> int:
        if doc_id not in doc_index:  # a mention of a document the graph does not describe
            doc_index[doc_id] = len(docs)
            docs.append({"f": doc_id})
        return doc_index[doc_id]

    sentences: list[str] = []
    sentence_index: dict[str, int] = {}

    def evidence(mentions: Iterable[Mention]) -> tuple[list[list[int]], int]:
        seen: set[tuple[str, str]] = set()
        out = []
        for m in mentions:
            if (m.sentence, m.doc_id) in seen:
                continue
            seen.add((m.sentence, m.doc_id))
            if len(out) < max_evidence:
                if m.sentence not in sentence_index:
                    sentence_index[m.sentence] = len(sentences)
                    sentences.append(m.sentence)
                out.append([sentence_index[m.sentence], doc(m.doc_id)])
        return out, len(seen)

    node_types = [t for t in ENTITY_TYPES] + sorted(
        {d["type"] for _, d in G.nodes(data=True)} - set(ENTITY_TYPES)
    )
    rel_types = [r for r in RELATION_TYPES] + sorted(
        {k for *_, k in G.edges(keys=True)} - set(RELATION_TYPES)
    )
    type_index = {t: i for i, t in enumerate(node_types)}
    rel_index = {r: i for i, r in enumerate(rel_types)}

    nodes = []
    node_index = {}
    for i, (key, d) in enumerate(G.nodes(data=True)):
        node_index[key] = i
        ev, n_ev = evidence(d.get("mentions", ()))
        x, y = positions[key]
        node = {"k": str(key), "n": d.get("name", str(key)), "t": type_index[d["type"]]}
        if d.get("subclass"):
            node["s"] = SUBCLASS_LABELS.get(d["subclass"], d["subclass"])
        if d.get("aliases"):
            node["a"] = list(d["aliases"])
        node.update(
            iri=str(iris.get(key, "")),
            m=int(d.get("mention_count", 0)),
            d=sorted({doc(x) for x in d.get("documents", ())}),
            e=ev,
            ne=n_ev,
            x=round(x * UNIT_PX, 1),
            y=round(y * UNIT_PX, 1),
        )
        nodes.append(node)
    edges = []
    for h, t, k, d in G.edges(keys=True, data=True):
        ev, n_ev = evidence(d.get("evidence", ()))
        edges.append(
            {"h": node_index[h], "t": node_index[t], "r": rel_index[k], "e": ev, "ne": n_ev}
        )

    def type_style(t: str) -> dict:
        label, color, shape = TYPE_STYLES.get(t, (t, "#8c8c8c", "dot"))
        return {"id": t, "label": label, "color": color, "shape": shape}

    def rel_style(r: str) -> dict:
        label, color = REL_STYLES.get(r, (r, "#8c8c8c"))
        return {"id": r, "label": label, "color": color, "symmetric": r in SYMMETRIC_RELATIONS}

    return {
        "title": title,
        "font": FONT_STACK,
        "large": G.number_of_nodes() > LARGE_GRAPH,
        "types": [type_style(t) for t in node_types],
        "rels": [rel_style(r) for r in rel_types],
        "docs": docs,
        "sentences": sentences,
        "nodes": nodes,
        "edges": edges,
    }


# --------------------------------------------------------------------------- layout


def layout_positions(G: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """A position for every node, in layout units (:data:`UNIT_PX` pixels); y grows downwards.

    Each connected component is laid out on its own: NetworkX's spring layout
    below :data:`LARGE_COMPONENT` nodes, :func:`mesh_layout` above. The
    components are then packed in rows, largest first, and nodes without
    edges fill a grid after them, grouped by type. The same graph always
    gets the same positions.

    >>> pos = layout_positions(nx.path_graph(3))
    >>> sorted(pos), all(len(p) == 2 for p in pos.values())
    ([0, 1, 2], True)
    """
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((h, t) for h, t in G.edges() if h != t)
    components = sorted(
        (c for c in nx.connected_components(U) if len(c) > 1),
        key=lambda c: (-len(c), min(map(str, c))),
    )
    blocks: list[tuple[list, np.ndarray]] = []
    for comp in components:
        keys = sorted(comp, key=str)
        blocks.append((keys, _component_layout(U.subgraph(keys), keys, seed)))
    isolated = [k for k in U if U.degree(k) == 0]
    if isolated:
        order = {t: i for i, t in enumerate(ENTITY_TYPES)}

        def rank(k):
            d = G.nodes[k]
            return (
                order.get(d.get("type"), len(order)),
                str(d.get("type", "")),
                -d.get("mention_count", 0),
                str(k),
            )

        isolated.sort(key=rank)
        blocks.append((isolated, _grid(len(isolated))))
    return _pack(blocks)


def _component_layout(sub: nx.Graph, keys: list, seed: int) -> np.ndarray:
    n = len(keys)
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    if n < LARGE_COMPONENT:
        pos = nx.spring_layout(sub, seed=seed, iterations=100)
        xy = np.array([pos[k] for k in keys], dtype=float)
    else:
        index = {k: i for i, k in enumerate(keys)}
        edges = np.array([(index[a], index[b]) for a, b in sub.edges()], dtype=np.int64)
        xy = mesh_layout(n, edges, seed=seed)
    # Scale so that a typical node's nearest neighbour is a label's width away.
    spacing = float(np.median(_nearest_distances(xy))) or 1.0
    return xy * (NODE_SPACING / spacing)


def _nearest_distances(xy: np.ndarray, sample: int = 1000) -> np.ndarray:
    """Distance to the nearest other point, for every point or an even sample of ``sample``."""
    rows = np.arange(0, len(xy), max(1, len(xy) // sample))
    sq = (xy**2).sum(axis=1)
    d2 = np.maximum(sq[rows, None] + sq[None, :] - 2 * xy[rows] @ xy.T, 0.0)
    d2[np.arange(len(rows)), rows] = np.inf
    return np.sqrt(d2.min(axis=1))


def mesh_layout(n: int, edges: np.ndarray, *, seed: int = 0, iterations: int = 100) -> np.ndarray:
    """Force-directed positions for a large connected graph in O((n + m) · iterations).

    Starts from pivot MDS (graph distances from 50 far-apart pivots), then
    runs a ForceAtlas2-style model: linear springs on edges, repulsion
    ``(deg_i + 1)(deg_j + 1) / d`` between all pairs (fading beyond
    :data:`REPULSION_RANGE` of the layout's width) and a pull to the centre,
    so hubs push each other apart while their leaves stay close. The
    all-pairs repulsion is read off a grid: node mass is spread on a 2-D
    mesh and convolved with the kernel by FFT (the particle-mesh method of
    N-body codes).

    Args:
        n: number of nodes, ``0 … n-1``.
        edges: ``(m, 2)`` array of node indexes.

    >>> xy = mesh_layout(4, np.array([[0, 1], [1, 2], [2, 3]]))
    >>> xy.shape
    (4, 2)
    """
    rng = np.random.default_rng(seed)
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges.tolist():
        adj[a].append(b)
        adj[b].append(a)
    mass = np.array([len(x) + 1.0 for x in adj])
    xy = _pivot_mds(adj, min(50, n))
    # Spread the start to about one node per unit area, with jitter to part nodes MDS puts on one spot.
    span = float(np.ptp(xy, axis=0).max()) or 1.0
    xy = xy * (math.sqrt(n) / span) + rng.normal(scale=0.3, size=xy.shape)
    a, b = edges[:, 0], edges[:, 1]
    step, last = 0.05, 0.002
    cool = (last / step) ** (1 / max(1, iterations - 1))
    for _ in range(iterations):
        force = _mesh_repulsion(xy, mass) * (REPULSION * mass[:, None])
        delta = xy[b] - xy[a]
        for dim in range(2):
            force[:, dim] += np.bincount(a, delta[:, dim], n) - np.bincount(b, delta[:, dim], n)
        off = xy - xy.mean(axis=0)
        force -= (
            GRAVITY
            * mass[:, None]
            * off
            / np.maximum(np.linalg.norm(off, axis=1, keepdims=True), 1e-9)
        )
        length = np.maximum(np.linalg.norm(force, axis=1, keepdims=True), 1e-9)
        limit = step * float(np.ptp(xy, axis=0).max())
        xy += force / length * np.minimum(length, limit)
        step *= cool
    return xy


def _bfs(adj: list[list[int]], source: int) -> np.ndarray:
    dist = [-1] * len(adj)
    dist[source] = 0
    queue = deque([source])
    while queue:
        u = queue.popleft()
        du = dist[u] + 1
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = du
                queue.append(v)
    return np.array(dist, dtype=float)


def _pivot_mds(adj: list[list[int]], k: int) -> np.ndarray:
    """Pivot MDS (Brandes & Pich 2006) with max-min pivots, starting at the highest degree."""
    n = len(adj)
    d2 = np.empty((n, k))
    nearest = np.full(n, np.inf)
    pivot = max(range(n), key=lambda i: (len(adj[i]), -i))
    for c in range(k):
        dist = _bfs(adj, pivot)
        d2[:, c] = dist**2
        nearest = np.minimum(nearest, dist)
        pivot = int(np.argmax(nearest))
    c = -0.5 * (d2 - d2.mean(axis=0) - d2.mean(axis=1, keepdims=True) + d2.mean())
    _, vectors = np.linalg.eigh(c.T @ c)  # ascending eigenvalues: the last two span the layout
    xy = c @ vectors[:, ::-1][:, :2]
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((n, 2 - xy.shape[1]))])
    return xy


def _mesh_repulsion(xy: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Field of the repulsion ``mass_j / d`` at every node, from a cloud-in-cell mass grid."""
    n = len(xy)
    size = int(min(256, max(32, 2 * math.sqrt(n))))
    lo = xy.min(axis=0) - 1.0
    cell = float((xy.max(axis=0) + 1.0 - lo).max()) / (size - 2)
    g = (xy - lo) / cell
    i0 = np.floor(g).astype(np.int64)
    f = g - i0
    corners = [
        (0, 0, (1 - f[:, 0]) * (1 - f[:, 1])),
        (1, 0, f[:, 0] * (1 - f[:, 1])),
        (0, 1, (1 - f[:, 0]) * f[:, 1]),
        (1, 1, f[:, 0] * f[:, 1]),
    ]
    flat = [(i0[:, 0] + dx) * size + (i0[:, 1] + dy) for dx, dy, _ in corners]
    rho = np.zeros(size * size)
    for idx, (_, _, w) in zip(flat, corners, strict=False):
        rho += np.bincount(idx, w * mass, size * size)
    rho = rho.reshape(size, size)
    spectrum = np.fft.rfft2(rho, s=(2 * size, 2 * size))
    fields = [
        np.fft.irfft2(spectrum * k, s=(2 * size, 2 * size))[:size, :size].ravel() / cell
        for k in _kernel(size)
    ]
    force = np.zeros((n, 2))
    for idx, (_, _, w) in zip(flat, corners, strict=False):
        force[:, 0] += fields[0][idx] * w
        force[:, 1] += fields[1][idx] * w
    return force


@lru_cache(maxsize=8)
def _kernel(size: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the repulsion kernel r̂/r, tapered (r in cells), on the wrapped (2·size)² grid."""
    off = np.fft.fftfreq(2 * size, 1 / (2 * size))  # 0, 1, …, size-1, -size, …, -1 cells
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx**2 + dy**2
    r2[0, 0] = np.inf
    taper = np.exp(-np.sqrt(r2) / (REPULSION_RANGE * size))
    return np.fft.rfft2(dx / r2 * taper), np.fft.rfft2(dy / r2 * taper)


def _grid(count: int, dx: float = 1.0, dy: float = 0.6) -> np.ndarray:
    cols = max(1, math.ceil(math.sqrt(count * dy / dx)))
    i = np.arange(count)
    return np.column_stack([(i % cols) * dx, (i // cols) * dy]).astype(float)


def _pack(
    blocks: list[tuple[list, np.ndarray]], margin: float = 1.5
) -> dict[Hashable, tuple[float, float]]:
    """Place blocks left to right in rows about as wide as the whole is tall."""
    shapes = []
    for keys, xy in blocks:
        xy = xy - xy.min(axis=0)
        shapes.append((keys, xy, *(xy.max(axis=0) + margin)))
    if not shapes:
        return {}
    area = sum(w * h for *_, w, h in shapes)
    row_width = max(max(w for *_, w, _h in shapes), math.sqrt(area))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for keys, xy, w, h in shapes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in zip(keys, xy.tolist(), strict=False):
            out[key] = (x + px, y + py)
        x += w
        row_height = max(row_height, h)
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {k: (px - cx, py - cy) for k, (px, py) in out.items()}
