"""Positions for the map, computed before the page opens.

Each connected component is laid out on its own (NetworkX's spring layout for
small ones, pivot MDS refined by a grid-accelerated force layout for large
ones) and the components are packed in rows, so the browser draws at once and
physics stays off. Positions are in layout units; the page multiplies them by
``kg.export.html.UNIT_PX``.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable
from functools import lru_cache

import networkx as nx
import numpy as np

from ..types import ENTITY_TYPES

#: Median distance from a node to its nearest neighbour, in layout units.
NODE_SPACING = 0.8
#: Components at least this big use :func:`mesh_layout` rather than NetworkX's O(n²) spring layout.
LARGE_COMPONENT = 100
#: Repulsion and gravity of :func:`mesh_layout`, relative to unit springs.
REPULSION = 1.0
GRAVITY = 1.0
#: Repulsion fades as exp(-d / (this × layout width)), so the rim does not pile up.
REPULSION_RANGE = 0.1


def layout_positions(G: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """A position for every node, in layout units (``kg.export.html.UNIT_PX`` pixels); y grows downwards.

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
        index = {k: i for i, k in enumerate(keys)}
        # Edges as sorted index pairs: a subgraph view iterates its nodes in set (hash) order,
        # and both layouts depend on the order they are given.
        edges = sorted({tuple(sorted((index[a], index[b]))) for a, b in U.edges(keys)})
        blocks.append((keys, _component_layout(len(keys), np.array(edges, dtype=np.int64), seed)))
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


def _component_layout(n: int, edges: np.ndarray, seed: int) -> np.ndarray:
    """Positions of a connected component of nodes ``0 … n-1`` with ``edges`` (index pairs)."""
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    if n < LARGE_COMPONENT:
        sub = nx.Graph()
        sub.add_nodes_from(range(n))
        sub.add_edges_from(edges.tolist())
        pos = nx.spring_layout(sub, seed=seed, iterations=100)
        xy = np.array([pos[i] for i in range(n)], dtype=float)
    else:
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
    spectrum = np.fft.rfft2(rho.reshape(size, size), s=(2 * size, 2 * size))
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
