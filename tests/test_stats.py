"""kg.analysis.stats on small hand-made graphs, and `kg stats` on the seed build."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from conftest import run_kg
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.report import format_stats
from kg.analysis.stats import compute_stats, pagerank, read_graph
from kg.errors import GraphFileError
from kg.export.tables import export_graphml, export_json
from kg.rdf.blocks import turtle_text
from kg.types import DocumentInfo, Mention

DOCS = {
    "d1": DocumentInfo("d1", "one.txt", "0" * 64, None, 100),
    "d2": DocumentInfo("d2", "two.txt", "1" * 64, None, 100),
}


def _mentions(name: str, per_doc: dict[str, int]) -> list[Mention]:
    return [
        Mention(doc, i * 10, i * 10 + len(name), name, f"{name}第{i}句。")
        for doc, n in per_doc.items()
        for i in range(n)
    ]


def _graph() -> nx.MultiDiGraph:
    """Two triangles of places and industries joined by one edge, and one isolated program."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = DOCS
    nodes = {
        "Place:成都": ("Place", {"d1": 3, "d2": 1}),
        "Place:绵阳": ("Place", {"d1": 1}),
        "Industry:电子信息": ("Industry", {"d1": 2}),
        "Place:重庆": ("Place", {"d2": 4}),
        "Industry:汽车": ("Industry", {"d2": 2}),
        "Industry:摩托车": ("Industry", {"d2": 1}),
        "Program:智改数转": ("Program", {"d1": 1, "d2": 2}),
    }
    for key, (type_, per_doc) in nodes.items():
        name = key.split(":", 1)[1]
        ms = _mentions(name, per_doc)
        G.add_node(
            key,
            type=type_,
            name=name,
            subclass=None,
            aliases=[],
            mentions=ms,
            mention_count=len(ms),
            documents=sorted(per_doc),
        )
    for h, rel, t in [
        ("Place:成都", "develops", "Industry:电子信息"),
        ("Place:绵阳", "develops", "Industry:电子信息"),
        ("Place:绵阳", "locatedIn", "Place:成都"),
        ("Place:重庆", "develops", "Industry:汽车"),
        ("Place:重庆", "develops", "Industry:摩托车"),
        ("Industry:摩托车", "partOf", "Industry:汽车"),
        ("Place:成都", "cooperatesWith", "Place:重庆"),
        ("Place:成都", "develops", "Industry:汽车"),
    ]:
        G.add_edge(h, t, key=rel, rel=rel, evidence=[])
    return G


def test_stats_counts_and_components():
    s = compute_stats(_graph())
    assert s["graph"] == {"entities": 7, "relations": 8, "documents": 2}
    assert s["entities"] == {"Industry": 3, "Place": 3, "Program": 1}
    assert s["relations"] == {"cooperatesWith": 1, "develops": 5, "locatedIn": 1, "partOf": 1}
    assert s["components"]["count"] == 2 and s["components"]["isolated"] == 1
    assert s["components"]["largest"][0]["size"] == 6


def test_stats_top_entities_by_degree_and_pagerank():
    s = compute_stats(_graph(), top=2)
    places = s["top_entities"]["Place"]
    assert [e["name"] for e in places["by_degree"]] == ["成都", "重庆"]
    assert places["by_degree"][0] == {"name": "成都", "key": "Place:成都", "degree": 4}
    industries = s["top_entities"]["Industry"]["by_pagerank"]
    assert industries[0]["name"] == "汽车"  # three relations point at it, one from another industry
    assert len(s["top_entities"]["Program"]["by_degree"]) == 1


def test_stats_communities_are_the_two_triangles_and_reproducible():
    G = _graph()
    s = compute_stats(G)
    comm = s["communities"]
    assert comm["count"] == 2 and comm["seed"] == 42 and comm["modularity"] > 0.2
    assert sorted(sorted(c["members"]) for c in comm["largest"]) == [
        sorted(["成都", "绵阳", "电子信息"]),
        sorted(["重庆", "汽车", "摩托车"]),
    ]
    # the same graph built in another order gives the same communities
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    random.Random(1).shuffle(nodes)
    random.Random(2).shuffle(edges)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    assert compute_stats(H) == s


def test_stats_entity_documents_name_the_files():
    s = compute_stats(_graph(), top=3)
    first = s["entity_documents"][0]
    assert first["name"] == "成都" and first["mentions"] == 4
    assert first["documents"] == [
        {"document": "one.txt", "mentions": 3},
        {"document": "two.txt", "mentions": 1},
    ]
    assert s["documents"][0] == {"document": "two.txt", "entities": 5, "mentions": 10}


def test_stats_empty_graph():
    s = compute_stats(nx.MultiDiGraph())
    assert s["graph"] == {"entities": 0, "relations": 0, "documents": 0}
    assert s["communities"]["count"] == 0 and s["components"]["count"] == 0
    assert format_stats(s).startswith("graph        0 entities")


def test_stats_format_has_every_section():
    text = format_stats(compute_stats(_graph()))
    for heading in (
        "Top entities per type",
        "Largest weakly connected components",
        "Largest communities",
        "Most mentioned entities",
        "Files by entities mentioned",
    ):
        assert heading in text
    assert "成都 (4)" in text and "one.txt (3)" in text


def test_stats_read_graph_from_files_gives_the_same_stats(tmp_path):
    G = _graph()
    export_json(G, tmp_path / "graph.json")
    (tmp_path / "graph.ttl").write_text(turtle_text(G), encoding="utf-8")
    F = read_graph(tmp_path)
    assert F.nodes["Place:成都"]["documents"] == ["d1", "d2"]
    assert compute_stats(F) == compute_stats(G)


def test_stats_read_graph_without_turtle_or_from_graphml(tmp_path):
    G = _graph()
    export_graphml(G, tmp_path / "graph.graphml")
    F = read_graph(tmp_path)  # no graph.json: falls back to GraphML
    s, expected = compute_stats(F), compute_stats(G)
    assert (
        s["top_entities"] == expected["top_entities"]
        and s["communities"] == expected["communities"]
    )
    # without graph.ttl there are no file names or per-file counts, only document ids
    assert s["entity_documents"][0]["documents"] == [
        {"document": "d1", "mentions": None},
        {"document": "d2", "mentions": None},
    ]
    assert s["documents"][0]["mentions"] is None


def test_stats_read_graph_missing_is_a_graph_file_error(tmp_path):
    with pytest.raises(GraphFileError, match="kg build"):
        read_graph(tmp_path)
    with pytest.raises(GraphFileError, match="no such file"):
        read_graph(tmp_path / "nope")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=30))
def test_stats_pagerank_is_a_distribution(edges):
    G = nx.DiGraph()
    G.add_nodes_from(range(8))
    G.add_edges_from((u, v) for u, v in edges if u != v)
    rank = pagerank(G)
    assert abs(sum(rank.values()) - 1) < 1e-9 and all(r > 0 for r in rank.values())
    try:
        import scipy  # noqa: F401
    except ImportError:
        return
    expected = nx.pagerank(G, tol=1e-12)
    assert all(abs(rank[n] - expected[n]) < 1e-6 for n in G)


def test_stats_cli_table_on_the_seed_build(seed_build):
    proc = run_kg("stats", str(seed_build))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((seed_build / "graph.json").read_text(encoding="utf-8"))
    first = proc.stdout.splitlines()[0]
    assert first.startswith(
        f"graph        {len(data['nodes'])} entities, {len(data['links'])} relations, 5 documents"
    )
    for heading in (
        "Top entities per type",
        "Largest communities",
        "Most mentioned entities",
        "Files by entities mentioned",
    ):
        assert heading in proc.stdout
    assert ".txt (" in proc.stdout  # files named, with mention counts read from graph.ttl


def test_stats_cli_json_on_the_seed_build(seed_build):
    proc = run_kg("stats", str(seed_build), "--format", "json", "--top", "3")
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    data = json.loads((seed_build / "graph.json").read_text(encoding="utf-8"))
    assert sum(s["entities"].values()) == len(data["nodes"]) == s["graph"]["entities"]
    assert sum(s["relations"].values()) == len(data["links"])
    assert set(s["top_entities"]) == {d["type"] for d in data["nodes"]}
    assert all(len(t["by_degree"]) <= 3 for t in s["top_entities"].values())
    assert 0 < len(s["communities"]["largest"]) <= 3 and s["communities"]["seed"] == 42
    assert s["components"]["count"] >= 1
    assert len(s["entity_documents"]) == 3 and all(
        d["document"].endswith(".txt") for e in s["entity_documents"] for d in e["documents"]
    )
    assert len(s["documents"]) == 3
    assert (
        run_kg("stats", str(seed_build), "--format", "json").stdout
        == run_kg("stats", str(seed_build), "--format", "json").stdout
    )


def test_stats_cli_missing_build_is_one_clear_line(tmp_path):
    proc = run_kg("stats", str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert (
        proc.stderr.strip().startswith("error:")
        and "kg build" in proc.stderr
        and len(proc.stderr.strip().splitlines()) == 1
    )
