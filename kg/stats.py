"""Statistics of a built graph: counts, central entities, components, communities.

``compute_stats(G)`` returns plain data (dicts, lists, numbers, strings)
ready for JSON; ``format_stats`` renders it as the table ``kg stats``
prints; ``read_graph`` opens a build folder's ``graph.json`` (or
``graph.graphml``) for them.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from .errors import GraphFileError

#: Seed of the Louvain community detection, so every run gives the same communities.
LOUVAIN_SEED = 42


# -- reading -------------------------------------------------------------------


def read_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The graph of a build folder (its ``graph.json``, else ``graph.graphml``) or of one such file.

    ``aliases`` and ``documents`` come back as lists. When ``graph.ttl`` lies
    beside the file, the documents' file names (``G.graph["documents"]``) and
    each entity's mentions per document (node attribute
    ``document_mentions``) are read from it too.

    Raises:
        GraphFileError: no graph file at ``path``, or it cannot be read.
    """
    p = Path(path)
    if p.is_dir():
        candidates = [p / "graph.json", p / "graph.graphml"]
        p = next((c for c in candidates if c.exists()), candidates[0])
        if not p.exists():
            raise GraphFileError(
                f"{path}: no graph.json or graph.graphml here; run `kg build -o {path}` first or pass a build folder"
            )
    elif not p.exists():
        raise GraphFileError(
            f"{path}: no such file or folder; run `kg build -o {path}` first or pass a build folder or its graph.json"
        )
    try:
        if p.suffix == ".graphml":
            G = nx.read_graphml(p, force_multigraph=True)
            if not G.is_directed():
                G = G.to_directed()
        else:
            data = json.loads(p.read_text(encoding="utf-8"))
            G = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(
            f"{p}: not a graph written by `kg build` ({exc}); rebuild it with `kg build`"
        ) from None
    G = nx.MultiDiGraph(G)
    for _, d in G.nodes(data=True):
        for attr in ("aliases", "documents"):
            value = d.get(attr, "")
            d[attr] = (
                [x for x in value.split("|") if x] if isinstance(value, str) else list(value or [])
            )
        d["subclass"] = d.get("subclass") or None
        d["mention_count"] = int(d.get("mention_count", 0))
    for _, _, k, d in G.edges(keys=True, data=True):
        d.setdefault("rel", k)
    if (p.parent / "graph.ttl").exists():
        _read_document_mentions(G, p.parent)
    return G


def _read_document_mentions(G: nx.MultiDiGraph, folder: Path) -> None:
    """Add file names and mentions per document from the build's RDF (its store, or graph.ttl)."""
    from .sparql.query import run_query
    from .types import ENTITY_TYPES, entity_key
    from .vocab import KG_NS, KGR_NS

    doc_prefix = KGR_NS + "doc/"
    files = run_query(folder, "SELECT ?d ?f WHERE { ?d a kg:Document ; kg:fileName ?f }")
    G.graph["documents"] = {d.removeprefix(doc_prefix): f for d, f in files.rows}
    counts = run_query(
        folder,
        "SELECT ?c ?name ?d (COUNT(?m) AS ?n) WHERE { ?e a ?c ; rdfs:label ?name ; kg:hasMention ?m . "
        "?m kg:document ?d . VALUES ?c { " + " ".join(f"kg:{t}" for t in ENTITY_TYPES) + " } } "
        "GROUP BY ?c ?name ?d",
    )
    for c, name, d, n in counts.rows:
        key = entity_key(c.removeprefix(KG_NS), name)
        if key in G:
            G.nodes[key].setdefault("document_mentions", {})[d.removeprefix(doc_prefix)] = int(n)


# -- computing -----------------------------------------------------------------


def pagerank(G: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 500) -> dict:
    """PageRank by power iteration, weighted by the edge attribute ``weight`` (default 1).

    The same definition as :func:`networkx.pagerank` (dangling nodes spread
    their rank evenly), without needing SciPy.

    Example:
        >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")])
        >>> {k: round(v, 3) for k, v in pagerank(G).items()}
        {'a': 0.333, 'b': 0.32, 'c': 0.31, 'd': 0.038}
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: 0.0 for u in nodes}
    for u, _, w in G.edges(data="weight", default=1):
        out_weight[u] += w
    dangling = [u for u in nodes if out_weight[u] == 0]
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        prev = rank
        base = (1.0 - alpha) / n + alpha * sum(prev[u] for u in dangling) / n
        rank = dict.fromkeys(nodes, base)
        for u, v, w in G.edges(data="weight", default=1):
            rank[v] += alpha * prev[u] * w / out_weight[u]
        if sum(abs(rank[u] - prev[u]) for u in nodes) < n * tol:
            break
    return rank


def _simple_digraph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """``G`` without parallel edges, ``weight`` = how many relations join the pair (built in sorted order)."""
    D = nx.DiGraph()
    D.add_nodes_from(sorted(G))
    weights = Counter((u, v) for u, v in G.edges())
    for (u, v), w in sorted(weights.items()):
        D.add_edge(u, v, weight=w)
    return D


def _undirected_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``G``, nodes and edges added in sorted order (so seeds reproduce)."""
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    U.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in G.edges() if u != v}))
    return U


def rank_entities(G: nx.MultiDiGraph) -> list[dict]:
    """Every entity with its degree and PageRank, best first (the numbers behind ``top_entities``).

    Degree counts relations in and out; PageRank runs on the directed graph,
    each pair weighted by the relations between them.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("Place:成都", type="Place", name="成都", mention_count=2)
        >>> G.add_node("Industry:汽车", type="Industry", name="汽车", mention_count=1)
        >>> _ = G.add_edge("Place:成都", "Industry:汽车", key="develops")
        >>> [(r["name"], r["degree"], r["pagerank"]) for r in rank_entities(G)]
        [('汽车', 1, 0.649123), ('成都', 1, 0.350877)]
    """
    degree = dict(G.degree())
    rank = pagerank(_simple_digraph(G))
    rows = [
        {
            "key": k,
            "name": d["name"],
            "type": d["type"],
            "degree": degree[k],
            "pagerank": round(rank[k], 6),
            "mentions": int(d.get("mention_count", 0)),
        }
        for k, d in G.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r["pagerank"], -r["degree"], r["name"], r["key"]))


def _doc_name(documents: dict, doc_id: str) -> str:
    info = documents.get(doc_id)
    if info is None:
        return doc_id
    return getattr(info, "file_name", info)


def _mentions_by_document(data: dict) -> dict[str, int | None]:
    """Mentions per document id of one node: from its ``mentions``, ``document_mentions`` or ``documents``."""
    if data.get("mentions"):
        return dict(Counter(m.doc_id for m in data["mentions"]))
    if data.get("document_mentions"):
        return dict(data["document_mentions"])
    return dict.fromkeys(data.get("documents", []))


def compute_stats(G: nx.MultiDiGraph, top: int = 5) -> dict:
    """Statistics of a built graph, as plain data.

    Args:
        G: the graph of a build (``BuildResult.graph``, ``KnowledgeGraph.networkx()``
            or :func:`read_graph`).
        top: how many entities, communities, components and documents to list.

    Returns:
        A dict with ``graph`` (counts), ``entities`` (count by type),
        ``relations`` (count by relation), ``top_entities`` (per type, the
        ``top`` entities ``by_degree`` — relations in and out — and
        ``by_pagerank`` — on the directed graph, weighted by parallel
        relations), ``components`` (weakly connected), ``communities``
        (Louvain on the undirected simple graph, seed :data:`LOUVAIN_SEED`),
        ``entity_documents`` (for the most mentioned entities, the files that
        mention each most) and ``documents`` (entities mentioned per file).

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("Place:成都", type="Place", name="成都", mention_count=3, documents=["d1"])
        >>> G.add_node("Industry:电子信息", type="Industry", name="电子信息", mention_count=1, documents=["d1"])
        >>> G.add_edge("Place:成都", "Industry:电子信息", key="develops", rel="develops")
        'develops'
        >>> s = compute_stats(G)
        >>> s["entities"], s["relations"], s["components"]["count"]
        ({'Industry': 1, 'Place': 1}, {'develops': 1}, 1)
        >>> s["top_entities"]["Place"]["by_degree"]
        [{'name': '成都', 'key': 'Place:成都', 'degree': 1}]
    """
    documents = G.graph.get("documents") or {}
    degree = dict(G.degree())
    rank = pagerank(_simple_digraph(G))
    by_type: dict[str, list[str]] = defaultdict(list)
    for key, d in G.nodes(data=True):
        by_type[d["type"]].append(key)
    name = lambda key: G.nodes[key]["name"]  # noqa: E731

    def ranked(keys, score):
        return sorted(keys, key=lambda k: (-score[k], name(k), k))

    top_entities = {
        t: {
            "by_degree": [
                {"name": name(k), "key": k, "degree": degree[k]} for k in ranked(keys, degree)[:top]
            ],
            "by_pagerank": [
                {"name": name(k), "key": k, "pagerank": round(rank[k], 6)}
                for k in ranked(keys, rank)[:top]
            ],
        }
        for t, keys in sorted(by_type.items())
    }

    def members(keys, n=top):
        return [name(k) for k in ranked(keys, degree)[:n]]

    components = sorted(
        (sorted(c) for c in nx.weakly_connected_components(G)), key=lambda c: (-len(c), c)
    )
    U = _undirected_projection(G)
    communities = (
        [sorted(c) for c in nx.community.louvain_communities(U, seed=LOUVAIN_SEED)]
        if len(U)
        else []
    )
    modularity = nx.community.modularity(U, communities) if U.number_of_edges() else 0.0
    communities = sorted((c for c in communities if len(c) > 1), key=lambda c: (-len(c), c))

    mention_docs = {k: _mentions_by_document(d) for k, d in G.nodes(data=True)}
    most_mentioned = sorted(G, key=lambda k: (-G.nodes[k].get("mention_count", 0), name(k), k))[
        :top
    ]
    entity_documents = []
    for k in most_mentioned:
        docs = sorted(
            mention_docs[k].items(), key=lambda kv: (-(kv[1] or 0), _doc_name(documents, kv[0]))
        )
        entity_documents.append(
            {
                "name": name(k),
                "key": k,
                "mentions": G.nodes[k].get("mention_count", 0),
                "documents": [
                    {"document": _doc_name(documents, d), "mentions": n} for d, n in docs[:3]
                ],
            }
        )
    per_doc_entities: Counter = Counter()
    per_doc_mentions: Counter = Counter()
    for docs in mention_docs.values():
        for d, n in docs.items():
            per_doc_entities[d] += 1
            per_doc_mentions[d] += n or 0
    counts_known = any(n is not None for docs in mention_docs.values() for n in docs.values())
    doc_ids = sorted(
        set(documents) | set(per_doc_entities),
        key=lambda d: (-per_doc_entities[d], _doc_name(documents, d)),
    )

    return {
        "graph": {
            "entities": G.number_of_nodes(),
            "relations": G.number_of_edges(),
            "documents": len(doc_ids),
        },
        "entities": dict(sorted(Counter(d["type"] for _, d in G.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(k for _, _, k in G.edges(keys=True)).items())),
        "top_entities": top_entities,
        "components": {
            "count": len(components),
            "isolated": sum(1 for c in components if len(c) == 1),
            "largest": [
                {"size": len(c), "members": members(c)} for c in components[:top] if len(c) > 1
            ],
        },
        "communities": {
            "algorithm": "louvain",
            "seed": LOUVAIN_SEED,
            "count": len(communities),
            "modularity": round(modularity, 4),
            "largest": [
                {
                    "size": len(c),
                    "types": dict(Counter(G.nodes[k]["type"] for k in c).most_common()),
                    "members": members(c),
                }
                for c in communities[:top]
            ],
        },
        "entity_documents": entity_documents,
        "documents": [
            {
                "document": _doc_name(documents, d),
                "entities": per_doc_entities[d],
                "mentions": per_doc_mentions[d] if counts_known else None,
            }
            for d in doc_ids[:top]
        ],
    }


# -- formatting ----------------------------------------------------------------


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _table(header: list[str], rows: list[list]) -> list[str]:
    cells = [header] + [[str(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=False)).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _counts(d: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items()) or "none"


def format_stats(stats: dict) -> str:
    """The plain-text report ``kg stats`` prints, from :func:`compute_stats`'s result.

    Example:
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
    return "\n".join(out)
