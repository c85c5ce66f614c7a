"""The plain-text report ``kg stats`` prints, from :func:`kg.analysis.stats.compute_stats`'s result."""

from __future__ import annotations

from ..export.tables import text_table as _table


def _counts(d: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items()) or "none"


def format_stats(stats: dict) -> str:
    """The plain-text report ``kg stats`` prints, from :func:`compute_stats`'s result.

    Example:
        >>> import networkx as nx
        >>> from kg.analysis.stats import compute_stats
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("Place:成都", type="Place", name="成都", mention_count=1, documents=["d1"])
        >>> print(format_stats(compute_stats(G)).splitlines()[0])
        graph        1 entities, 0 relations, 1 documents
    """
    g, comp, comm = stats["graph"], stats["components"], stats["communities"]
    largest = comp["largest"][0]["size"] if comp["largest"] else min(1, g["entities"])
    out = [
        f"graph        {g['entities']} entities, {g['relations']} relations, {g['documents']} documents",
        f"entities     {_counts(stats['entities'])}",
        f"relations    {_counts(stats['relations'])}",
        f"components   {comp['count']} weakly connected (largest {largest} entities, {comp['isolated']} isolated)",
        f"communities  {comm['count']} with 2 or more entities (Louvain, seed {comm['seed']}, modularity {comm['modularity']})",
        "",
        "Top entities per type: by degree (relations in and out) and by PageRank",
    ]
    rows = []
    for t, tops in stats["top_entities"].items():
        for i, (a, b) in enumerate(zip(tops["by_degree"], tops["by_pagerank"], strict=False), 1):
            rows.append(
                [
                    t if i == 1 else "",
                    i,
                    f"{a['name']} ({a['degree']})",
                    f"{b['name']} ({b['pagerank']:.4f})",
                ]
            )
    out += _table(["type", "#", "by degree", "by PageRank"], rows)
    out += _sections(stats)
    return "\n".join(out)


def _sections(stats: dict) -> list[str]:
    """The tables after the top entities: components, communities, entities by file, files."""
    comp, comm = stats["components"], stats["communities"]
    out: list[str] = []
    if comp["largest"]:
        out += ["", "Largest weakly connected components"]
        out += _table(
            ["#", "size", "best connected members"],
            [[i, c["size"], ", ".join(c["members"])] for i, c in enumerate(comp["largest"], 1)],
        )
    if comm["largest"]:
        out += ["", "Largest communities"]
        out += _table(
            ["#", "size", "types", "best connected members"],
            [
                [i, c["size"], _counts(c["types"]), ", ".join(c["members"])]
                for i, c in enumerate(comm["largest"], 1)
            ],
        )
    if stats["entity_documents"]:
        out += ["", "Most mentioned entities and the files that mention them most"]
        out += _table(
            ["entity", "mentions", "files (mentions)"],
            [
                [
                    e["name"],
                    e["mentions"],
                    ", ".join(
                        d["document"] + ("" if d["mentions"] is None else f" ({d['mentions']})")
                        for d in e["documents"]
                    ),
                ]
                for e in stats["entity_documents"]
            ],
        )
    if stats["documents"]:
        out += ["", "Files by entities mentioned"]
        out += _table(
            ["file", "entities", "mentions"],
            [
                [d["document"], d["entities"], "" if d["mentions"] is None else d["mentions"]]
                for d in stats["documents"]
            ],
        )
    return out
