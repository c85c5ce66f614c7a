"""The map's geographic view (issue #20): places at their coordinates, in headless Chromium."""

from __future__ import annotations

import pytest
from test_html import node_index

from kg.export.geo import geo_layout, project
from kg.pipeline import build_corpus

# An invented text naming three cities far apart and a province.
TEXT = (
    "成都市大力发展集成电路产业，成都高新区位于成都。\n"
    "上海市建设张江实验室，发展人工智能产业。\n"
    "昆明市发展生物医药产业。\n"
    "四川省推进新型工业化，支持成都建设西部科学城。\n"
)


@pytest.fixture(scope="module")
def geo_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("geo")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return build_corpus([folder], folder / "out", validate=False)


def test_map_geo_projection_keeps_compass_directions():
    chengdu, shanghai, kunming = (
        project(30.57, 104.07),
        project(31.23, 121.47),
        project(25.04, 102.71),
    )
    assert chengdu[0] < shanghai[0]  # west
    assert chengdu[1] < kunming[1]  # north (page y grows southwards)


def test_map_geo_layout_puts_places_at_coordinates_and_the_rest_round_them(geo_build):
    G = geo_build.graph
    geo = geo_layout(G)
    assert geo["Place:成都"]["gl"] == "c" and geo["Place:四川"]["gl"] == "p"
    assert "gh" not in geo["Place:成都"]
    homes = {k: v["gh"] for k, v in geo.items() if "gh" in v}
    assert homes["Industry:集成电路"] == "Place:成都"
    assert homes["Industry:生物医药"] == "Place:昆明"
    assert set(geo) == set(G.nodes)


@pytest.mark.browser
def test_map_geo_view_puts_chengdu_west_of_shanghai_and_north_of_kunming(geo_build, open_map):
    page, log = open_map(geo_build.out_dir / "graph.html")
    chengdu, shanghai, kunming, sichuan = (
        node_index(page, "Place:" + n) for n in ("成都", "上海", "昆明", "四川")
    )
    force = page.evaluate("ids => kgMap.network.getPositions(ids)", [chengdu, shanghai, kunming])
    page.check("#geo-view")
    page.wait_for_function("() => document.documentElement.dataset.view === 'geo'")
    pos = page.evaluate("ids => kgMap.network.getPositions(ids)", [chengdu, shanghai, kunming])
    c, s, k = (pos[str(i)] for i in (chengdu, shanghai, kunming))
    assert c["x"] < s["x"], "成都 is west of 上海"
    assert c["y"] < k["y"], "成都 is north of 昆明"
    assert page.is_visible("#geo-legend")
    # province and city levels are drawn apart
    sizes = page.evaluate("ids => ids.map(i => kgMap.nodes.get(i).size)", [sichuan, chengdu])
    assert sizes[0] > sizes[1]
    # the same search and panel: the panel shows the code and where the view put it
    page.fill("#search", "成都")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel[data-key='Place:成都']")
    panel = page.inner_text("#panel")
    assert "510100（地级）" in panel and "地理视图" in panel and "本身的坐标" in panel
    assert "kg profile OUT 成都" in panel
    page.evaluate("i => kgMap.selectNode(i)", node_index(page, "Industry:集成电路"))
    assert "在 成都 旁" in page.inner_text("#panel")
    # the same filters
    page.uncheck("input[data-type='Place']")
    assert page.evaluate("i => kgMap.nodes.get(i).hidden", chengdu) is True
    page.check("input[data-type='Place']")
    # back to the force layout, positions as before
    page.uncheck("#geo-view")
    back = page.evaluate("ids => kgMap.network.getPositions(ids)", [chengdu, shanghai, kunming])
    assert back == force
    assert log.errors == [] and all(r.startswith("file:") for r in log.requests)
