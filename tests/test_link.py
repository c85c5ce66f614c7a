"""kg.link: places → GB/T 2260 codes, coordinates and ISO 3166 codes; industries → GB/T 4754 / 2018 codes."""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest

from kg.link import IndustryLink, PlaceInput, PlaceLink, link_graph, link_industry, link_places
from kg.link.industries import gbt4754, sei2018
from kg.link.places import countries, divisions, new_areas

# name, place context (other places named in the same document), the place it is said to lie in,
# expected (adcode, level, within, country); None: not linked.
PLACES = [
    ("成都", (), (), ("510100", "city", None, None)),
    ("成都市", (), (), ("510100", "city", None, None)),
    ("四川", (), (), ("510000", "province", None, None)),
    ("海淀区", (), (), ("110108", "county", None, None)),  # a district
    ("海淀", (), (), ("110108", "county", None, None)),
    ("都江堰", (), (), ("510181", "county", None, None)),  # a county-level city
    ("重庆", (), (), ("500000", "province", None, None)),  # a municipality
    # 鼓楼区 is a district of 南京, 徐州, 福州 and 开封: the document's other places decide
    ("鼓楼区", ("南京",), (), ("320106", "county", None, None)),
    ("鼓楼区", ("福州",), (), ("350102", "county", None, None)),
    ("鼓楼区", ("江苏",), (), None),  # 南京's and 徐州's are both in 江苏: still tied
    ("鼓楼区", (), (), None),
    # a bare city name goes to the city, not to the districts of the same stem
    ("西安", (), (), ("610100", "city", None, None)),
    ("西安", ("吉林", "辽源"), (), ("220403", "county", None, None)),
    ("吉林", (), (), None),  # 吉林省 and 吉林市: no context, no link
    ("德国", (), (), (None, None, None, "DE")),
    ("中国", (), (), (None, None, None, "CN")),
    ("欧洲", (), (), None),
    # zones and new areas: the coordinates of the division they lie in, marked
    (
        "天府新区",
        (),
        (),
        (None, None, "510000", None),
    ),  # national new area, from the State Council's list
    (
        "合肥高新区",
        (),
        (),
        (None, None, "340100", None),
    ),  # from the division at the start of its name
    ("横琴粤澳深度合作区", (), ("珠海",), (None, None, "440400", None)),  # from locatedIn
    (
        "横琴粤澳深度合作区",
        (),
        ("珠海", "广东"),
        (None, None, "440400", None),
    ),  # nested: the inner one
    ("横琴粤澳深度合作区", (), ("珠海", "成都"), None),  # they disagree
    ("浦东新区", (), (), ("310115", "county", None, None)),  # a new area that is a district
]


def _link(name, context, within):
    places = [
        PlaceInput(
            "Place:" + name, name, documents=("d1",), within=tuple("Place:" + w for w in within)
        )
    ]
    places += [PlaceInput("Place:" + c, c, documents=("d1",)) for c in context if c != name]
    places += [PlaceInput("Place:" + w, w, documents=("d2",)) for w in within]
    return link_places(places).get("Place:" + name)


@pytest.mark.parametrize(("name", "context", "within", "expected"), PLACES)
def test_link_places_table(name, context, within, expected):
    link = _link(name, context, within)
    if expected is None:
        assert link is None
        return
    adcode, _level, inside, _country = expected
    assert (link.adcode, link.level, link.within, link.country) == expected
    if adcode or inside:
        d = divisions()[adcode or inside]
        assert (link.lat, link.lon) == (d.lat, d.lon)
    else:
        assert link.lat is None and link.lon is None


def test_link_places_coordinates_of_chengdu_are_wgs84_decimals():
    link = _link("成都", (), ())
    assert isinstance(link.lat, Decimal)
    assert Decimal("30.5") < link.lat < Decimal("30.7")
    assert Decimal("104.0") < link.lon < Decimal("104.1")


# name, expected (GB/T 4754-2017 code, level, title, 2018 code); None: no single item
INDUSTRIES = [
    ("集成电路", ("3973", "小类", "集成电路制造", None)),
    ("制造业", ("C", "门类", "制造业", None)),
    ("汽车", ("36", "大类", "汽车制造业", None)),
    ("汽车产业", ("36", "大类", "汽车制造业", None)),
    ("计算机", ("391", "中类", "计算机制造", None)),
    ("工业机器人", ("3491", "小类", "工业机器人制造", None)),
    ("集成电路设计", ("6520", "小类", "集成电路设计", None)),
    ("教育", ("83", "大类", "教育", None)),  # 门类 P and 大类 83 share the name: the finer one
    ("人工智能", (None, None, None, "1.5")),
    ("新能源汽车", (None, None, None, "5")),
    ("新材料产业", (None, None, None, "3")),
    ("未来产业", None),
    ("数字经济", None),
    ("先进制造业", None),
]


@pytest.mark.parametrize(("name", "expected"), INDUSTRIES)
def test_link_industries_table(name, expected):
    link = link_industry(name)
    if expected is None:
        assert link is None
    else:
        assert (link.code, link.level, link.title, link.sei_code) == expected


def test_link_industries_aliases_count():
    assert link_industry("AI", ["人工智能"]).sei_code == "1.5"


def test_link_graph_sets_links_and_is_deterministic():
    def graph():
        G = nx.MultiDiGraph()
        G.add_node("Place:成都", type="Place", name="成都", aliases=["成都市"], documents=["d1"])
        G.add_node("Place:鼓楼区", type="Place", name="鼓楼区", aliases=[], documents=["d2"])
        G.add_node("Place:福州", type="Place", name="福州", aliases=[], documents=["d2"])
        G.add_node("Place:高新园", type="Place", name="光谷合作区", aliases=[], documents=["d1"])
        G.add_node(
            "Industry:集成电路", type="Industry", name="集成电路", aliases=[], documents=["d1"]
        )
        G.add_node(
            "Industry:未来产业", type="Industry", name="未来产业", aliases=[], documents=["d1"]
        )
        G.add_node(
            "Organization:华为", type="Organization", name="华为", aliases=[], documents=["d1"]
        )
        G.add_edge("Place:高新园", "Place:成都", key="locatedIn", rel="locatedIn")
        return link_graph(G)

    G = graph()
    assert G.nodes["Place:成都"]["link"] == PlaceLink(
        "510100", "city", divisions()["510100"].lat, divisions()["510100"].lon
    )
    assert G.nodes["Place:鼓楼区"]["link"].adcode == "350102"
    assert G.nodes["Place:高新园"]["link"].within == "510100"
    assert G.nodes["Industry:集成电路"]["link"] == IndustryLink("3973", "小类", "集成电路制造")
    assert "link" not in G.nodes["Industry:未来产业"]
    assert "link" not in G.nodes["Organization:华为"]
    again = graph()
    assert {k: d.get("link") for k, d in G.nodes(data=True)} == {
        k: d.get("link") for k, d in again.nodes(data=True)
    }


def test_link_tables_are_well_formed():
    codes = [i.code for i in gbt4754()]
    assert len(codes) == len(set(codes))
    assert sum(len(c) == 2 and c.isdigit() for c in codes) == 97  # every 大类
    assert sum(c.isalpha() for c in codes) == 20  # every 门类
    assert all(i.code.isalpha() or i.code[:2].isdigit() for i in gbt4754())
    assert [i.code for i in sei2018() if "." not in i.code] == [str(n) for n in range(1, 10)]
    alpha2 = set(countries().values())
    assert "DE" in alpha2 and all(len(c) == 2 and c.isupper() for c in alpha2)
    assert all(code in divisions() for code in new_areas().values())
