"""Linking: entities of the graph → national codes (places, industries).

:func:`link_graph` sets a ``link`` attribute on the nodes it can link: a
:class:`PlaceLink` (GB/T 2260 division code, level, WGS84 coordinates, or
ISO 3166-1 code) on Places, an :class:`IndustryLink` (GB/T 4754-2017 and
《战略性新兴产业分类(2018)》 codes) on Industries. It reads only the nodes'
names, aliases, documents and ``locatedIn``/``partOf`` edges, and the
package's tables, so the same graph always gets the same links.
"""

from __future__ import annotations

import networkx as nx

from .industries import IndustryLink, link_industry
from .places import PlaceInput, PlaceLink, link_places

__all__ = ["IndustryLink", "PlaceInput", "PlaceLink", "link_graph", "link_industry", "link_places"]


def link_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set ``G.nodes[key]["link"]`` on every Place and Industry that links; return ``G``.

    Nodes that do not link get no ``link`` attribute (an earlier one is removed).
    """
    places = []
    for key, data in G.nodes(data=True):
        data.pop("link", None)
        if data.get("type") != "Place":
            continue
        within = tuple(
            sorted(
                t
                for _, t, rel in G.out_edges(key, keys=True)
                if rel in ("locatedIn", "partOf") and G.nodes[t].get("type") == "Place"
            )
        )
        places.append(
            PlaceInput(
                key,
                data["name"],
                tuple(data.get("aliases", ())),
                tuple(data.get("documents", ())),
                within,
            )
        )
    for key, place_link in link_places(places).items():
        G.nodes[key]["link"] = place_link
    for _key, data in G.nodes(data=True):
        if data.get("type") == "Industry":
            industry_link = link_industry(data["name"], data.get("aliases", ()))
            if industry_link is not None:
                data["link"] = industry_link
    return G
