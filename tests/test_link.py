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
    ("海淀", ("北京",), (), ("110108", "county", None, None)),
    ("海淀", (), (), None),  # a county's short name needs a place of its province beside it
    ("都江堰", ("成都",), (), ("510181", "county", None, None)),  # a county-level city
    ("灯塔", (), (), None),  # 灯塔市 of 辽宁, or a lighthouse
    ("阿里", (), (), None),  # 阿里地区 of 西藏, or a company
    ("阿里", ("西藏",), (), ("542500", "city", None, None)),
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
    (
        "朝阳",
        ("北京",),
        (),
        ("110105", "county", None, None),
    ),  # a municipality is its districts' city
    ("海南", ("内蒙古",), (), ("460000", "province", None, None)),  # a province beats 乌海's 海南区
    ("海南", ("乌海",), (), ("150303", "county", None, None)),  # unless the document is about 乌海
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


# --- in the RDF -------------------------------------------------------------

INVENTED = (
    "成都市大力发展集成电路产业，打造汽车产业集群。\n"
    "四川天府新区位于成都，建设西部算力中心。\n"
    "福州市鼓楼区建设软件园，发展人工智能产业。\n"
    "成都与德国开展合作。\n"
)

CODES = """
SELECT ?name ?p ?o WHERE {
  ?e rdfs:label ?name ; ?p ?o .
  VALUES ?p { kg:adcode kg:divisionLevel kg:containingDivision kg:countryCode geo:lat
              kg:nationalIndustryCode kg:nationalIndustryLevel kg:emergingIndustryCode }
}"""


@pytest.fixture(scope="module")
def invented_build(tmp_path_factory):
    from kg.pipeline import build_corpus

    folder = tmp_path_factory.mktemp("invented")
    (folder / "a.txt").write_text(INVENTED, encoding="utf-8")
    return build_corpus([folder], folder / "out")


def test_link_rdf_carries_codes_and_coordinates_and_validates(invented_build):
    from kg.sparql.query import run_query

    assert invented_build.violations == 0
    rows = {
        (name, p.rsplit("#", 1)[1], o)
        for name, p, o in run_query(invented_build.out_dir, CODES).rows
    }
    assert {
        ("成都", "adcode", "510100"),
        ("成都", "divisionLevel", "city"),
        ("成都", "lat", "30.572893"),
        ("鼓楼区", "adcode", "350102"),  # 福州's, by the place named beside it
        ("天府新区", "containingDivision", "510000"),
        ("德国", "countryCode", "DE"),
        ("集成电路", "nationalIndustryCode", "3973"),
        ("集成电路", "nationalIndustryLevel", "小类"),
        ("汽车", "nationalIndustryCode", "36"),
        ("人工智能", "emergingIndustryCode", "1.5"),
    } <= rows


def test_link_shapes_reject_malformed_codes_and_coordinates():
    import pyoxigraph as ox
    import rdflib
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import XSD

    from kg.validate import validate_store
    from kg.vocab import KG, KGR_NS

    geo = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    g = rdflib.Graph().parse("tests/data/shapes_conforming.ttl", format="turtle")
    chengdu = URIRef(KGR_NS + "place/chengdu")
    huawei = URIRef(KGR_NS + "organization/huawei")
    industry = URIRef(KGR_NS + "industry/dianzi-xinxi")
    g.set((chengdu, KG.adcode, Literal("5101")))  # five digits
    g.add((huawei, geo.lat, Literal("30.5", datatype=XSD.decimal)))  # not a place, no origin
    g.add((industry, KG.nationalIndustryCode, Literal("3973")))  # no level or title
    store = ox.Store()
    store.bulk_load(g.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    found = {
        (focus.rsplit("/", 1)[1], path.rsplit("#", 1)[-1])
        for focus, path, _message in validate_store(store).violations
    }
    assert {
        ("chengdu", "adcode"),
        ("huawei", ""),  # only a kg:Place has coordinates
        ("huawei", "lat"),  # coordinates without a code or a containing division
        ("huawei", "long"),
        ("dianzi-xinxi", "nationalIndustryLevel"),
        ("dianzi-xinxi", "nationalIndustryTitle"),
    } <= found


def test_link_changes_the_signature_of_the_entity_block():
    from kg.rdf import rdf_blocks

    def header(link):
        G = nx.MultiDiGraph()
        G.add_node(
            "Place:成都", type="Place", name="成都", aliases=[], mention_count=1, documents=[]
        )
        if link:
            G.nodes["Place:成都"]["link"] = link
        block = next(b for b in rdf_blocks(G) if b.key.startswith("e "))
        return block.signature, block.text()

    plain, linked = (
        header(None),
        header(PlaceLink("510100", "city", Decimal("30.5"), Decimal("104"))),
    )
    moved = header(PlaceLink("510100", "city", Decimal("30.6"), Decimal("104")))
    assert len({plain[0], linked[0], moved[0]}) == 3
    assert 'kg:adcode "510100"' in linked[1] and "kg:adcode" not in plain[1]


def test_link_links_come_back_with_a_loaded_build(invented_build):
    import kg

    G = kg.load(invented_build.out_dir).networkx()
    built = {k: d.get("link") for k, d in invented_build.graph.nodes(data=True)}
    assert {k: d.get("link") for k, d in G.nodes(data=True)} == built
    assert built["Place:鼓楼区"].adcode == "350102"
