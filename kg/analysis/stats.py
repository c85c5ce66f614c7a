"""Statistics of a built graph: counts, central entities, components, communities.

``compute_stats(G)`` returns plain data (dicts, lists, numbers, strings)
ready for JSON; :func:`kg.analysis.report.format_stats` renders it as the
table ``kg stats`` prints; ``read_graph`` opens a build folder for them (its RDF through
:mod:`kg.rdf.reader`, else its ``graph.json`` or ``graph.graphml``).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from ..errors import GraphFileError

#: Seed of the Louvain community detection, so every run gives the same communities.
LOUVAIN_SEED = 42


# -- reading -------------------------------------------------------------------


def read_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The graph of a build folder, or of one of its files, for :func:`compute_stats`.

    Read from the build's RDF (its store, else ``graph.ttl``) by
    :func:`kg.rdf.reader.read_graph` when there is one beside ``path``, with
    mentions, file names and evidence; otherwise from ``graph.json`` or
    ``graph.graphml`` (:func:`read_tables`).

    Raises:
        GraphFileError: no graph at ``path``, or it cannot be read.
    """
    from ..rdf.reader import read_graph as read_rdf
    from ..rdf.store import locate_graph

    p = Path(path)
    folder = p.parent if p.suffix in (".json", ".graphml") else p
    try:
        locate_graph(folder)
    except GraphFileError:
        return read_tables(path)
    return read_rdf(folder)


def read_tables(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The flat graph of a build's ``graph.json`` (else ``graph.graphml``), or of one such file.

    ``aliases`` and ``documents`` come back as lists; there are no mentions
    and no file names (documents are their ids).

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
    return G


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
    mention_docs = {k: _mentions_by_document(d) for k, d in G.nodes(data=True)}
    doc_rows, doc_count = _documents(documents, mention_docs, top)
    return {
        "graph": {
            "entities": G.number_of_nodes(),
            "relations": G.number_of_edges(),
            "documents": doc_count,
        },
        "entities": dict(sorted(Counter(d["type"] for _, d in G.nodes(data=True)).items())),
        "relations": dict(sorted(Counter(k for _, _, k in G.edges(keys=True)).items())),
        "top_entities": _top_entities(G, degree, rank, top),
        "components": _components(G, degree, top),
        "communities": _communities(G, degree, top),
        "entity_documents": _entity_documents(G, documents, mention_docs, top),
        "documents": doc_rows,
    }


def _ranked(G: nx.MultiDiGraph, keys, score: dict) -> list[str]:
    """``keys`` best first by ``score``, ties by name then key."""
    return sorted(keys, key=lambda k: (-score[k], G.nodes[k]["name"], k))


def _members(G: nx.MultiDiGraph, keys, degree: dict, n: int) -> list[str]:
    """Names of the ``n`` best connected of ``keys``."""
    return [G.nodes[k]["name"] for k in _ranked(G, keys, degree)[:n]]


def _top_entities(G: nx.MultiDiGraph, degree: dict, rank: dict, top: int) -> dict:
    by_type: dict[str, list[str]] = defaultdict(list)
    for key, d in G.nodes(data=True):
        by_type[d["type"]].append(key)
    name = lambda key: G.nodes[key]["name"]  # noqa: E731
    return {
        t: {
            "by_degree": [
                {"name": name(k), "key": k, "degree": degree[k]}
                for k in _ranked(G, keys, degree)[:top]
            ],
            "by_pagerank": [
                {"name": name(k), "key": k, "pagerank": round(rank[k], 6)}
                for k in _ranked(G, keys, rank)[:top]
            ],
        }
        for t, keys in sorted(by_type.items())
    }


def _components(G: nx.MultiDiGraph, degree: dict, top: int) -> dict:
    components = sorted(
        (sorted(c) for c in nx.weakly_connected_components(G)), key=lambda c: (-len(c), c)
    )
    return {
        "count": len(components),
        "isolated": sum(1 for c in components if len(c) == 1),
        "largest": [
            {"size": len(c), "members": _members(G, c, degree, top)}
            for c in components[:top]
            if len(c) > 1
        ],
    }


def _communities(G: nx.MultiDiGraph, degree: dict, top: int) -> dict:
    U = _undirected_projection(G)
    communities = (
        [sorted(c) for c in nx.community.louvain_communities(U, seed=LOUVAIN_SEED)]
        if len(U)
        else []
    )
    modularity = nx.community.modularity(U, communities) if U.number_of_edges() else 0.0
    communities = sorted((c for c in communities if len(c) > 1), key=lambda c: (-len(c), c))
    return {
        "algorithm": "louvain",
        "seed": LOUVAIN_SEED,
        "count": len(communities),
        "modularity": round(modularity, 4),
        "largest": [
            {
                "size": len(c),
                "types": dict(Counter(G.nodes[k]["type"] for k in c).most_common()),
                "members": _members(G, c, degree, top),
            }
            for c in communities[:top]
        ],
    }


def _entity_documents(G: nx.MultiDiGraph, documents: dict, mention_docs: dict, top: int) -> list:
    """For the ``top`` most mentioned entities, the three files that mention each most."""
    name = lambda key: G.nodes[key]["name"]  # noqa: E731
    most_mentioned = sorted(G, key=lambda k: (-G.nodes[k].get("mention_count", 0), name(k), k))
    rows = []
    for k in most_mentioned[:top]:
        docs = sorted(
            mention_docs[k].items(), key=lambda kv: (-(kv[1] or 0), _doc_name(documents, kv[0]))
        )
        rows.append(
            {
                "name": name(k),
                "key": k,
                "mentions": G.nodes[k].get("mention_count", 0),
                "documents": [
                    {"document": _doc_name(documents, d), "mentions": n} for d, n in docs[:3]
                ],
            }
        )
    return rows


def _documents(documents: dict, mention_docs: dict, top: int) -> tuple[list[dict], int]:
    """The ``top`` files by entities mentioned, and how many documents there are."""
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
    rows = [
        {
            "document": _doc_name(documents, d),
            "entities": per_doc_entities[d],
            "mentions": per_doc_mentions[d] if counts_known else None,
        }
        for d in doc_ids[:top]
    ]
    return rows, len(doc_ids)
