"""kg.graph: entities merged by shared names, relations and observations carried over, order-free."""

from __future__ import annotations

import random
from decimal import Decimal

from kg.graph import build_graph, resolve_entities
from kg.types import DocumentInfo, Entity, Extraction, Mention, Observation, Relation


def _m(doc: str, start: int, text: str) -> Mention:
    return Mention(doc, start, start + len(text), text, f"句子里有{text}。")


def _e(type_: str, name: str, doc: str, *aliases: str, mentions: int = 1, subclass=None) -> Entity:
    ms = tuple(_m(doc, 10 * i, name) for i in range(mentions))
    return Entity(f"{type_}:{name}", type_, name, aliases, ms, subclass)


def _x(doc: str, entities=(), relations=(), observations=()) -> Extraction:
    info = DocumentInfo(doc, f"{doc}.txt", doc * 8, None, 100)
    return Extraction(info, tuple(entities), tuple(relations), tuple(observations))


def test_graph_resolve_merges_entities_of_one_type_that_share_a_name():
    entities = [
        _e("Place", "甲市", "d1", "甲", mentions=3),
        _e("Place", "甲", "d2", mentions=1),
        _e("Industry", "甲", "d2"),  # another type: not merged
        _e("Place", "乙市", "d1"),
    ]
    mapping = resolve_entities(entities)
    assert mapping["Place:甲"] == mapping["Place:甲市"] == "Place:甲市"  # the most mentioned name
    assert mapping["Industry:甲"] == "Industry:甲"
    assert mapping["Place:乙市"] == "Place:乙市"


def test_graph_resolve_merges_through_a_chain_of_aliases():
    mapping = resolve_entities(
        [
            _e("Program", "双千计划", "d1", "双千", mentions=2),
            _e("Program", "双千", "d2", "双千工程"),
            _e("Program", "双千工程", "d3"),
        ]
    )
    assert set(mapping.values()) == {"Program:双千计划"}


def test_graph_nodes_edges_and_observations():
    a, b = _e("Place", "甲市", "d1", "甲", mentions=2, subclass="City"), _e("Place", "甲", "d2")
    ind = _e("Industry", "丙产业", "d1")
    ev = (_m("d1", 40, "甲市发展丙产业"),)
    obs = Observation("Place:甲", "产值", Decimal("5E+8"), "元", 2024, _m("d2", 50, "5亿元"))
    G = build_graph(
        [
            _x("d1", [a, ind], [Relation("Place:甲市", "develops", "Industry:丙产业", ev)]),
            _x(
                "d2",
                [b],
                [
                    Relation("Place:甲", "develops", "Industry:丙产业", ev),  # the same edge again
                    Relation("Place:甲", "locatedIn", "Place:甲市", ev),  # a loop after merging
                    Relation("Place:甲", "partOf", "Place:无此地", ev),  # an unknown node
                ],
                [obs],
            ),
        ]
    )
    node = G.nodes["Place:甲市"]
    assert node["aliases"] == ["甲"] and node["subclass"] == "City"
    assert node["mention_count"] == 3 and node["documents"] == ["d1", "d2"]
    assert sorted(G.edges(keys=True)) == [("Place:甲市", "Industry:丙产业", "develops")]
    assert G.edges["Place:甲市", "Industry:丙产业", "develops"]["evidence"] == list(ev)
    assert [o.subject for o in G.graph["observations"]] == ["Place:甲市"]
    assert sorted(G.graph["documents"]) == ["d1", "d2"]


def test_graph_cooperation_is_one_edge_whatever_the_direction():
    x, y = _e("Organization", "甲大学", "d1"), _e("Organization", "乙公司", "d1")
    ev1, ev2 = (_m("d1", 1, "甲大学与乙公司合作"),), (_m("d1", 30, "乙公司与甲大学合作"),)
    G = build_graph(
        [
            _x(
                "d1",
                [x, y],
                [
                    Relation(x.key, "cooperatesWith", y.key, ev1),
                    Relation(y.key, "cooperatesWith", x.key, ev2),
                ],
            )
        ]
    )
    assert list(G.edges(keys=True)) == [
        ("Organization:乙公司", "Organization:甲大学", "cooperatesWith")
    ]
    assert len(G.edges[y.key, x.key, "cooperatesWith"]["evidence"]) == 2


def test_graph_is_the_same_whatever_the_order_of_the_extractions():
    xs = [
        _x(f"d{i}", [_e("Place", f"地{i % 3}", f"d{i}", "共名" if i % 2 else "别名")])
        for i in range(6)
    ]
    G = build_graph(xs)
    shuffled = xs[:]
    random.Random(7).shuffle(shuffled)
    H = build_graph(shuffled)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
