"""The map's geographic view: places at their coordinates, every other entity around its place.

A plain projection (equirectangular, longitudes shrunk by the cosine of 35°N,
the middle of China), no tiles and no network. A place with a division code
(:mod:`kg.link`) sits at its own coordinates. Everything else that can be
placed goes round a *home* place, on a sunflower spiral (nearest first):

1. a zone or new area: the division it lies in (``within``), when that
   division is in the graph;
2. the place it is ``locatedIn``;
3. the place it has most relations with;
4. the place it shares most documents with.

What has no home (foreign countries, regions related to no placed place,
entities of documents that name none) is laid out in a grid south-west of the
map. The result is
plain data for the page: page-pixel positions, the level of each place, and
for the others their home and how it was found.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable

import networkx as nx

from ..link import IndustryLink, PlaceLink

#: Page pixels per degree of latitude.
PX_PER_DEGREE = 200.0
_COS_REF = math.cos(math.radians(35.0))
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
#: Place levels as the page shows them: 省级, 地级, 县级, and a zone at its division's coordinates.
LEVEL_CODES = {"province": "p", "city": "c", "county": "x"}
#: How a home was found (see the module docstring).
HOME_REASONS = {1: "所在行政区", 2: "位于", 3: "关系最多的地点", 4: "同文档最多的地点"}
_LEVEL_NAMES = {"province": "省级", "city": "地级", "county": "县级"}


def project(lat: float, lon: float) -> tuple[float, float]:
    """Page pixels of a WGS84 point (x east, y south).

    >>> x1, _ = project(30.57, 104.07); x2, _ = project(31.23, 121.47)
    >>> x1 < x2
    True
    """
    return round(lon * _COS_REF * PX_PER_DEGREE, 1), round(-lat * PX_PER_DEGREE, 1)


def _spiral(cx: float, cy: float, k: int) -> tuple[float, float]:
    r = 40.0 + 18.0 * math.sqrt(k)
    a = k * _GOLDEN_ANGLE
    return round(cx + r * math.cos(a), 1), round(cy + r * math.sin(a), 1)


def _homes(G: nx.MultiDiGraph, placed: dict[Hashable, tuple[float, float]]) -> dict:
    """Node → (home place, reason) for every node that is not placed by its own coordinates."""
    by_code: dict[str | None, Hashable] = {}
    for key in sorted(placed, key=str):
        link = G.nodes[key].get("link")
        by_code.setdefault(link.adcode, key)
    docs_of: dict[str, list[Hashable]] = {}
    for key in sorted(placed, key=str):
        for doc in G.nodes[key].get("documents", ()):
            docs_of.setdefault(doc, []).append(key)
    homes: dict[Hashable, tuple[Hashable, int]] = {}
    for key, data in sorted(G.nodes(data=True), key=lambda kv: str(kv[0])):
        if key in placed:
            continue
        link = data.get("link")
        if isinstance(link, PlaceLink) and link.within and link.within in by_code:
            homes[key] = (by_code[link.within], 1)
            continue
        if isinstance(link, PlaceLink) and link.country:
            continue  # a country is no satellite of a Chinese place
        located = Counter(
            t
            for _, t, rel, d in G.out_edges(key, keys=True, data=True)
            if rel == "locatedIn" and t in placed
        )
        related = Counter(
            o
            for h, t in [*G.out_edges(key), *G.in_edges(key)]
            for o in (t if h == key else h,)
            if o in placed
        )
        shared = Counter(o for doc in data.get("documents", ()) for o in docs_of.get(doc, ()))
        for reason, counts in ((2, located), (3, related), (4, shared)):
            if reason == 4 and data.get("type") == "Place":
                break  # a region named beside a city is not at that city
            if counts:
                best = max(
                    counts.items(),
                    key=lambda kv: (kv[1], G.nodes[kv[0]].get("mention_count", 0), str(kv[0])),
                )
                homes[key] = (best[0], reason)
                break
    return homes


def geo_layout(G: nx.MultiDiGraph) -> dict[Hashable, dict]:
    """Per node, the fields of the page's geographic view.

    ``gx``/``gy``: page pixels; ``gl``: ``p``/``c``/``x`` for a division at its
    own coordinates, ``z`` for a zone at its division's; ``gh``/``gr``: the key
    of its home place and the reason (:data:`HOME_REASONS`); ``gu``: 1 when it
    has no place on the map (laid out in the grid).
    """
    placed: dict[Hashable, tuple[float, float]] = {}
    out: dict[Hashable, dict] = {}
    seen_codes: set[str] = set()
    for key, data in sorted(G.nodes(data=True), key=lambda kv: str(kv[0])):
        link = data.get("link")
        if (
            isinstance(link, PlaceLink)
            and link.adcode
            and link.lat is not None
            and link.lon is not None
        ):
            if link.adcode in seen_codes:  # a second node of one division goes round the first
                continue
            seen_codes.add(link.adcode)
            placed[key] = project(float(link.lat), float(link.lon))
            out[key] = {
                "gx": placed[key][0],
                "gy": placed[key][1],
                "gl": LEVEL_CODES[link.level or "county"],
            }
    homes = _homes(G, placed)
    rings: dict[Hashable, list[Hashable]] = {}
    for key, (home, _reason) in homes.items():
        rings.setdefault(home, []).append(key)
    for home, members in rings.items():
        members.sort(key=lambda k: (homes[k][1], -G.nodes[k].get("mention_count", 0), str(k)))
        cx, cy = placed[home]
        for n, key in enumerate(members):
            x, y = _spiral(cx, cy, n)
            out[key] = {"gx": x, "gy": y, "gh": str(home), "gr": homes[key][1]}
            link = G.nodes[key].get("link")
            if isinstance(link, PlaceLink) and link.within:
                out[key]["gl"] = "z"
    # zones whose division is not in the graph: at their division's coordinates
    rest = sorted((k for k in G.nodes if k not in out), key=str)
    unplaced = []
    for key in rest:
        link = G.nodes[key].get("link")
        if isinstance(link, PlaceLink) and link.lat is not None and link.lon is not None:
            x, y = project(float(link.lat), float(link.lon))
            out[key] = {"gx": x, "gy": y, "gl": "z"}
        else:
            unplaced.append(key)
    # the grid: south-west of the map, 12 to a row
    x0, y0 = project(16.0, 74.0)
    for n, key in enumerate(unplaced):
        out[key] = {
            "gx": round(x0 + 70.0 * (n % 12), 1),
            "gy": round(y0 + 50.0 * (n // 12), 1),
            "gu": 1,
        }
    return out


def link_rows(link: object) -> list[list[str]]:
    """What the map's panel shows of a node's link: ``[label, value]`` rows (empty without one).

    >>> link_rows(PlaceLink(adcode="510100", level="city"))
    [['行政区划代码', '510100（地级）']]
    """
    rows: list[list[str]] = []
    if isinstance(link, PlaceLink):
        if link.adcode:
            rows.append(
                ["行政区划代码", f"{link.adcode}（{_LEVEL_NAMES.get(link.level or '', '')}）"]
            )
        if link.lat is not None and link.lon is not None:
            where = "所在行政区 " + link.within + " 的坐标" if link.within else "WGS84"
            rows.append(["坐标", f"{link.lat}, {link.lon}（{where}）"])
        if link.country:
            rows.append(["国家代码", f"{link.country}（ISO 3166-1）"])
    elif isinstance(link, IndustryLink):
        if link.code:
            rows.append(
                ["国民经济行业分类", f"{link.code} {link.title}（{link.level}，GB/T 4754-2017）"]
            )
        if link.sei_code:
            rows.append(["战略性新兴产业分类", f"{link.sei_code} {link.sei_title}（2018）"])
    return rows


def geo_fields(G: nx.MultiDiGraph) -> dict[Hashable, dict]:
    """Per node, what the page needs beyond the force layout: :func:`geo_layout` and ``l`` (:func:`link_rows`)."""
    fields = geo_layout(G)
    for key, data in G.nodes(data=True):
        rows = link_rows(data.get("link"))
        if rows:
            fields.setdefault(key, {})["l"] = rows
    return fields
