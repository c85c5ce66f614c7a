"""kg.rdf.store: finding a build's graph, loading it in chunks, replacing a store in one step."""

from __future__ import annotations

import networkx as nx
import pytest

import kg.rdf.store as store_module
from kg.errors import GraphFileError
from kg.rdf import turtle_text
from kg.rdf.store import (
    STORE_DIR,
    build_store,
    load_graph,
    locate_graph,
    open_read_only,
    open_store,
)
from kg.types import DocumentInfo, Mention

TTL = '<http://x/a> <http://x/p> "1" .\n<http://x/a> <http://x/q> <http://x/b> .\n'


def _graph(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["documents"] = {"d1": DocumentInfo("d1", "a.txt", "0" * 64, None, 1000)}
    for i in range(n):
        name = f"地{i}"
        m = Mention("d1", i * 3, i * 3 + 2, name, f"{name}。")
        G.add_node(
            f"Place:{name}",
            type="Place",
            name=name,
            subclass=None,
            aliases=[],
            mentions=[m],
            mention_count=1,
            documents=["d1"],
        )
    return G


def test_store_locate_a_folder_its_store_a_file_or_nothing(tmp_path):
    (tmp_path / "graph.ttl").write_text(TTL, encoding="utf-8")
    src = locate_graph(tmp_path)
    assert src.store is None and src.turtle == tmp_path / "graph.ttl"
    build_store(tmp_path / "graph.ttl", tmp_path / STORE_DIR)
    src = locate_graph(tmp_path)
    assert src.store == tmp_path / STORE_DIR and src.turtle == tmp_path / "graph.ttl"
    assert locate_graph(tmp_path / STORE_DIR).folder == tmp_path
    assert locate_graph(tmp_path / "graph.ttl").store is None
    with pytest.raises(GraphFileError, match="kg build"):
        locate_graph(tmp_path / "nowhere")


def test_store_build_replaces_the_old_store_and_leaves_nothing_beside_it(tmp_path):
    (tmp_path / "one.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "two.ttl").write_text('<http://x/c> <http://x/p> "2" .\n', encoding="utf-8")
    target = tmp_path / "out" / STORE_DIR
    build_store(tmp_path / "one.ttl", target)
    reader = open_read_only(target)  # a reader of the old store keeps its view
    build_store(tmp_path / "two.ttl", target)
    assert len(reader) == 2 and len(open_read_only(target)) == 1
    assert [p.name for p in target.parent.iterdir()] == [STORE_DIR]


def test_store_bad_turtle_keeps_the_old_store(tmp_path):
    (tmp_path / "good.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "bad.ttl").write_text("<http://x/a> <http://x/p> .\n", encoding="utf-8")
    target = tmp_path / STORE_DIR
    build_store(tmp_path / "good.ttl", target)
    with pytest.raises(GraphFileError, match="not valid Turtle"):
        build_store(tmp_path / "bad.ttl", target)
    assert len(open_store(tmp_path)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "good.ttl", STORE_DIR]


def test_store_load_graph_in_small_chunks_holds_the_turtle_triples(monkeypatch):
    import pyoxigraph as ox

    G = _graph(30)
    whole = ox.Store()
    whole.bulk_load(turtle_text(G).encode(), ox.RdfFormat.TURTLE)
    monkeypatch.setattr(store_module, "LOAD_CHUNK", 200)  # many chunks
    chunked = load_graph(G)
    assert sorted(map(str, chunked)) == sorted(map(str, whole))


def test_store_open_read_only_refuses_a_folder_that_is_not_a_store(tmp_path):
    with pytest.raises(GraphFileError, match="cannot open the store"):
        open_read_only(tmp_path)
