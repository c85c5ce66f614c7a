"""The HTML map (issue #5), driven in headless Chromium: offline, complete, searchable, explained."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from conftest import run_kg

from kg.export.html import export_html, render_html
from kg.export.layout import layout_positions, mesh_layout
from kg.types import DocumentInfo, Mention

HOSTILE = '</script><img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def seed_json(seed_build) -> dict:
    return json.loads((seed_build / "graph.json").read_text(encoding="utf-8"))


def node_index(page, key: str) -> int:
    i = page.evaluate("key => kgMap.indexOf(key)", key)
    assert i >= 0, f"{key} not in the page"
    return i


def node_point(page, i: int) -> tuple[float, float]:
    """Where node ``i`` is on the screen (page coordinates)."""
    return tuple(
        page.evaluate(
            """i => {
            const net = kgMap.network, p = net.getPositions([i])[i], d = net.canvasToDOM(p);
            const box = document.querySelector("#graph canvas").getBoundingClientRect();
            return [box.left + d.x, box.top + d.y];
        }""",
            i,
        )
    )


def zoom_to(page, i: int, scale: float = 1.0) -> None:
    page.evaluate("([i, s]) => kgMap.network.focus(i, {scale: s, animation: false})", [i, scale])
    page.wait_for_timeout(100)


# --------------------------------------------------------------------------- the seed map in Chromium


@pytest.mark.browser
def test_html_seed_map_is_offline_and_error_free(seed_build, open_map):
    path = seed_build / "graph.html"
    page, log = open_map(path)
    page.wait_for_timeout(300)
    assert log.errors == []
    assert log.requests == [path.resolve().as_uri()]
    text = path.read_text(encoding="utf-8")
    assert "<script src" not in text and '<link rel="stylesheet"' not in text
    assert "default-src 'none'" in text  # the page's CSP forbids any fetch, too


@pytest.mark.browser
def test_html_counts_equal_the_graph(seed_build, open_map, seed_json):
    page, _ = open_map(seed_build / "graph.html")
    nodes, links = seed_json["nodes"], seed_json["links"]
    got = page.evaluate(
        """() => ({nodes: kgMap.nodes.length, edges: kgMap.edges.length, shown: kgMap.shown(),
                  keys: kgMap.data.nodes.map(n => n.k),
                  rels: kgMap.data.edges.map(e => kgMap.data.rels[e.r].id),
                  stats: Object.assign({}, document.getElementById("stats").dataset)})"""
    )
    assert got["nodes"] == len(nodes) and got["edges"] == len(links)
    assert got["shown"] == {"nodes": len(nodes), "edges": len(links)}
    assert got["stats"]["nodes"] == str(len(nodes)) and got["stats"]["edges"] == str(len(links))
    assert sorted(got["keys"]) == sorted(n["id"] for n in nodes)
    assert sorted(got["rels"]) == sorted(link["rel"] for link in links)


@pytest.mark.browser
def test_html_search_finds_chengdu(seed_build, open_map):
    page, log = open_map(seed_build / "graph.html")
    page.fill("#search", "成都")
    first = page.locator("#search-results button").first
    assert first.inner_text().startswith("成都")
    first.click()
    assert page.get_attribute("#panel", "data-key") == "Place:成都"
    assert page.locator("#panel h2").inner_text().endswith("成都")
    assert page.evaluate("kgMap.network.getSelectedNodes()") == [node_index(page, "Place:成都")]
    # an alias finds the node too
    page.fill("#search", "成都市")
    assert page.locator("#search-results button").first.inner_text().startswith("成都")
    page.fill("#search", "没有这个名字")
    assert page.locator("#search-results .empty").count() == 1
    assert log.errors == []


@pytest.mark.browser
def test_html_type_filter_hides_that_type(seed_build, open_map, seed_json):
    page, log = open_map(seed_build / "graph.html")
    places = {n["id"] for n in seed_json["nodes"] if n["type"] == "Place"}
    touching = sum(
        1 for link in seed_json["links"] if link["source"] in places or link["target"] in places
    )
    assert places and touching

    def visible():
        return page.evaluate(
            """() => ({types: kgMap.nodes.get({filter: n => !n.hidden}).map(n => n.group),
                      edges: kgMap.edges.get({filter: e => !e.hidden}).length,
                      drawn: Object.keys(kgMap.network.getPositions()).length})"""
        )

    page.uncheck('input[data-type="Place"]')
    after = visible()
    assert "Place" not in after["types"]
    assert len(after["types"]) == len(seed_json["nodes"]) - len(places)
    assert after["edges"] == len(seed_json["links"]) - touching
    assert page.get_attribute("#stats", "data-nodes-shown") == str(len(after["types"]))
    page.check('input[data-type="Place"]')
    assert len(visible()["types"]) == len(seed_json["nodes"])
    assert log.errors == []


@pytest.mark.browser
def test_html_clicking_a_node_shows_its_evidence(seed_build, open_map, test_output):
    page, log = open_map(seed_build / "graph.html")
    assert page.locator("#panel .evidence").count() == 0
    i = node_index(page, "Place:成都")
    zoom_to(page, i)
    page.mouse.click(*node_point(page, i))
    assert page.get_attribute("#panel", "data-kind") == "node"
    assert page.get_attribute("#panel", "data-key") == "Place:成都"
    evidence = page.locator("#panel .evidence")
    assert evidence.count() >= 1
    assert "成都" in evidence.first.locator("mark").first.inner_text()
    assert page.locator("#panel code").inner_text().startswith("https://")
    page.get_by_role(
        "button", name="聚焦邻域"
    ).click()  # frame the neighbourhood for the screenshot
    page.wait_for_function("() => !kgMap.busy", timeout=60_000)
    page.mouse.move(240, 880)  # off the nodes: no tooltip in the picture
    page.screenshot(path=str(test_output / "html-seed.png"))
    assert log.errors == []


@pytest.mark.browser
def test_html_clicking_an_edge_shows_the_sentences_that_state_it(seed_build, open_map):
    page, log = open_map(seed_build / "graph.html")
    # a single (not parallel) edge from 成都, clicked half-way along
    j = page.evaluate(
        """() => {
            const d = kgMap.data, c = kgMap.indexOf("Place:成都");
            const pairs = {};
            d.edges.forEach(e => { const k = [e.h, e.t].sort().join(); pairs[k] = (pairs[k] || 0) + 1; });
            return d.edges.findIndex(e => e.h === c && pairs[[e.h, e.t].sort().join()] === 1);
        }"""
    )
    assert j >= 0
    h, t = page.evaluate("j => [kgMap.data.edges[j].h, kgMap.data.edges[j].t]", j)
    page.evaluate(
        """([h, t]) => { const p = kgMap.network.getPositions([h, t]);
            kgMap.network.moveTo({position: {x: (p[h].x + p[t].x) / 2, y: (p[h].y + p[t].y) / 2}, scale: 1.5, animation: false}); }""",
        [h, t],
    )
    page.wait_for_timeout(100)
    (x1, y1), (x2, y2) = node_point(page, h), node_point(page, t)
    page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    assert page.get_attribute("#panel", "data-kind") == "edge"
    assert page.locator("#panel .evidence").count() >= 1
    assert log.errors == []


@pytest.mark.browser
def test_html_focus_shows_only_the_neighbourhood(seed_build, open_map, seed_json):
    page, log = open_map(seed_build / "graph.html")
    key = "Place:成都"
    neighbours = {link["target"] for link in seed_json["links"] if link["source"] == key}
    neighbours |= {link["source"] for link in seed_json["links"] if link["target"] == key}
    page.fill("#search", "成都")
    page.keyboard.press("Enter")
    before = page.evaluate("() => kgMap.network.getPositions()")
    page.get_by_role("button", name="聚焦邻域").click()
    assert page.evaluate("kgMap.shown().nodes") == len(neighbours | {key})
    assert not page.locator("#focus-note").is_hidden()
    page.wait_for_function(
        "() => !kgMap.busy", timeout=60_000
    )  # the bounded physics run has stopped
    assert page.evaluate("kgMap.network.physics.physicsEnabled") is False
    page.click("#show-all")
    assert page.evaluate("kgMap.shown().nodes") == len(seed_json["nodes"])
    assert page.evaluate("() => kgMap.network.getPositions()") == before  # the focus put them back
    assert log.errors == []


# --------------------------------------------------------------------------- escaping, on a hand-made graph


def hostile_graph() -> nx.MultiDiGraph:
    doc = DocumentInfo("d0", "<b>a</b>.txt", "0" * 64, HOSTILE, 100)
    sentence = f"成都{HOSTILE}发展<i>人工智能</i>。"
    m1 = Mention("d0", 0, 2, "成都", sentence)
    m2 = Mention("d0", 40, 44, "人工智能", sentence)
    G = nx.MultiDiGraph(documents={"d0": doc}, observations=[])
    G.add_node(
        "Place:成都",
        type="Place",
        name="成都",
        subclass="City",
        aliases=[HOSTILE],
        mentions=[m1],
        mention_count=1,
        documents=["d0"],
    )
    G.add_node(
        f"Industry:{HOSTILE}",
        type="Industry",
        name=HOSTILE,
        subclass=None,
        aliases=[],
        mentions=[m2],
        mention_count=1,
        documents=["d0"],
    )
    G.add_edge("Place:成都", f"Industry:{HOSTILE}", key="develops", rel="develops", evidence=[m1])
    return G


@pytest.mark.browser
def test_html_data_is_shown_as_text_never_as_html(tmp_path, open_map):
    G = hostile_graph()
    path = tmp_path / "graph.html"
    export_html(G, path, iris={k: f"https://example.org/{i}" for i, k in enumerate(G)})
    assert HOSTILE not in path.read_text(encoding="utf-8")  # "<" is escaped in the JSON block
    page, log = open_map(path)
    page.fill("#search", "成都")
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    assert HOSTILE in panel.inner_text()
    assert panel.locator("img, i, script").count() == 0
    page.evaluate("kgMap.selectNode(1)")
    assert page.locator("#panel h2").inner_text().endswith(HOSTILE)
    assert page.evaluate("window.pwned") is None
    assert log.dialogs == [] and log.errors == []


@pytest.mark.browser
def test_html_empty_graph_opens_cleanly(tmp_path, open_map):
    path = tmp_path / "empty.html"
    export_html(nx.MultiDiGraph(), path, iris={})
    page, log = open_map(path)
    assert page.evaluate("() => [kgMap.nodes.length, kgMap.edges.length]") == [0, 0]
    assert log.errors == []


# --------------------------------------------------------------------------- without a browser


def test_html_render_is_deterministic():
    G = hostile_graph()
    iris = {k: f"https://example.org/{i}" for i, k in enumerate(G)}
    assert render_html(G, iris=iris) == render_html(G, iris=iris)


def test_html_layout_places_every_node_apart():
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(6), type="Place", mention_count=1)
    G.add_edges_from([(0, 1), (1, 2), (3, 4)])
    pos = layout_positions(G)
    assert sorted(pos) == list(range(6))
    xy = np.array([pos[i] for i in range(6)])
    d = np.linalg.norm(xy[:, None] - xy[None], axis=2) + np.eye(6) * 1e9
    assert d.min() > 0.3


def test_html_mesh_layout_unfolds_a_grid():
    grid = nx.convert_node_labels_to_integers(nx.grid_2d_graph(30, 30))
    xy = mesh_layout(len(grid), np.array(list(grid.edges())))
    lengths = np.linalg.norm(
        xy[[a for a, _ in grid.edges()]] - xy[[b for _, b in grid.edges()]], axis=1
    )
    corners = np.linalg.norm(xy[0] - xy[899])
    assert np.median(lengths) < corners / 15  # neighbours close, opposite corners far apart
    assert np.isfinite(xy).all()


# --------------------------------------------------------------------------- kg view


def test_html_view_prints_the_path(seed_build):
    proc = run_kg("view", str(seed_build))
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()) == (seed_build / "graph.html").resolve()
    missing = run_kg("view", str(seed_build / "nope"))
    assert missing.returncode == 1 and "kg build" in missing.stderr


def test_html_every_output_is_byte_identical_across_hash_seeds(tmp_path):
    """Two processes with different string-hash seeds write the same bytes, the map included.

    A layout fed a subgraph view iterates nodes in set order, which moves with the seed; one
    process rendering twice cannot see that.
    """
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:2]
    outs = [tmp_path / f"hash-{seed}" for seed in ("1", "77")]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg",
                "build",
                *map(str, seeds),
                "-o",
                str(out),
                "-q",
                "--no-validate",
                "--no-cache",
            ],
            env={**os.environ, "PYTHONHASHSEED": out.name.split("-")[1]},
            stderr=subprocess.PIPE,
        )
        for out in outs
    ]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read() if proc.stderr else ""
    names = [
        "graph.ttl",
        "graph.html",
        "graph.json",
        "graph.graphml",
        "entities.csv",
        "relations.csv",
    ]
    differ = [n for n in names if (outs[0] / n).read_bytes() != (outs[1] / n).read_bytes()]
    assert differ == []
