"""The compiled SPARQL checks (kg.validate) report what pyshacl reports.

test_shapes.py runs every hand-made case through both engines; here they are
compared result for result (focus, path, message, component, severity,
value, shape) on the seed graph and on randomly damaged graphs.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from test_shapes import CONFORMING

from kg.errors import GraphFileError
from kg.validate import validate_store
from kg.validate.compiler import compile_shapes
from kg.validate.reference import validate as pyshacl_validate


def _store(g: rdflib.Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_load(g.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _damage(g: rdflib.Graph, rng: random.Random) -> None:
    """Drop, repeat or swap one to three triples (objects swapped for terms of the same kind)."""
    triples = sorted(g)
    for _ in range(rng.randint(1, 3)):
        s, p, o = t = rng.choice(triples)
        action = rng.choice(["drop", "swap", "add", "relabel"])
        g.remove(t)
        same_kind = [
            x
            for _, _, x in triples
            if type(x) is type(o) and getattr(x, "datatype", None) == getattr(o, "datatype", None)
        ]
        if action == "swap":
            g.add((s, p, rng.choice(same_kind)))
        elif action == "add":
            g.add(t)
            g.add((s, p, rng.choice(same_kind)))
        elif action == "relabel" and isinstance(o, Literal) and o.language:
            g.add((s, p, Literal(str(o), lang=rng.choice(["en", "zh-Hant"]))))


def test_shape_queries_compile_every_project_shape():
    checks = compile_shapes()

    shapes = {c.shape for c in checks}
    assert len(shapes) >= 50
    assert {
        "https://w3id.org/xinzhi-kg/shapes#EntityTypeShape",
        "https://w3id.org/xinzhi-kg/shapes#PartOfShape",
        "https://w3id.org/xinzhi-kg/shapes#MentionTextShape",
    } <= shapes


def _damaged_graphs(seed: int, count: int):
    """``count`` copies of the conforming test graph, each damaged by :func:`_damage`, and the generator."""
    conforming = rdflib.Graph().parse(CONFORMING, format="turtle")
    rng = random.Random(seed)
    for _ in range(count):
        g = rdflib.Graph()
        g += conforming
        _damage(g, rng)
        yield g, rng


def test_shape_queries_agree_with_pyshacl_on_damaged_graphs():
    compared = 0
    for g, _ in _damaged_graphs(20261122, 120):
        expected = set(pyshacl_validate(g).results)
        assert set(validate_store(_store(g)).results) == expected
        compared += bool(expected)
    assert (
        compared > 60
    )  # most damage is caught, so the comparison is not between two empty reports


def test_shape_queries_restricted_to_some_nodes_report_what_a_full_run_reports():
    # validate_store(focus=…) checks the given nodes on their own (SPARQL
    # constraints first, then their targets): for those nodes it must give a
    # full run's results, and keep the previous results of the others.
    compared = 0
    for g, rng in _damaged_graphs(7, 60):
        store = _store(g)
        full = set(validate_store(store).results)
        nodes = sorted({str(s) for s in g.subjects() if isinstance(s, URIRef)})
        focus = set(rng.sample(nodes, len(nodes) // 2))
        kept = [r for r in full if r.focus not in focus]
        stale = [
            r._replace(message="stale") for r in full if r.focus in focus
        ]  # must be replaced, not kept
        restricted = validate_store(store, focus=focus, previous=kept + stale)
        assert set(restricted.results) == full
        compared += any(r.focus in focus for r in full)
    assert compared > 20


@pytest.mark.parametrize(
    "counts",
    [
        "sh:minCount 1",
        "sh:maxCount 1",
        "sh:minCount 1 ; sh:maxCount 1",
        "sh:minCount 2",
        "sh:maxCount 2",
        "sh:minCount 1 ; sh:maxCount 2",
    ],
)
def test_shape_queries_count_values_as_pyshacl_does(tmp_path, counts):
    # Bounds of 1 compile to "no value" / "a second value" patterns, other
    # bounds to a GROUP BY: both must count what pyshacl counts.
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .\n"
        f'<urn:shape> a sh:PropertyShape ; sh:targetClass kg:Place ; sh:path kg:partOf ; {counts} ; sh:message "wrong count" .\n',
        encoding="utf-8",
    )
    kg_ns = rdflib.Namespace("https://w3id.org/xinzhi-kg/ontology#")
    g = rdflib.Graph()
    for n in range(4):  # places with 0, 1, 2 and 3 values
        place = URIRef(f"urn:place{n}")
        g.add((place, rdflib.RDF.type, kg_ns.Place))
        for i in range(n):
            g.add((place, kg_ns.partOf, URIRef(f"urn:region{i}")))

    expected = pyshacl_validate(g, shapes_path=shapes)

    assert expected.results
    assert validate_store(_store(g), shapes_file=shapes).results == expected.results


@pytest.mark.slow
def test_shape_queries_agree_with_pyshacl_on_the_seed_graph(seed_build):
    g = rdflib.Graph().parse(seed_build / "graph.ttl", format="turtle")
    g.remove(
        (None, rdflib.RDF.type, URIRef("https://w3id.org/xinzhi-kg/ontology#Document"))
    )  # many results

    expected = pyshacl_validate(g)

    assert not expected.conforms
    assert validate_store(_store(g)).results == expected.results


@pytest.mark.parametrize(
    ("shape", "refused"),
    [
        ("sh:path ( kg:partOf kg:partOf ) ; sh:maxCount 1", "property path"),
        ("sh:path kg:partOf ; sh:hasValue kg:Place", "sh:hasValue"),
        ("sh:path kg:partOf ; sh:node [ sh:class kg:Place ]", "sh:node"),
    ],
)
def test_shape_queries_refuse_what_they_do_not_implement(tmp_path, shape, refused):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .\n"
        f"<urn:shape> a sh:PropertyShape ; sh:targetClass kg:Place ; {shape} .\n",
        encoding="utf-8",
    )

    with pytest.raises(
        GraphFileError, match=rf"urn:shape: .*{refused}.* not supported .*--engine pyshacl"
    ):
        compile_shapes(shapes)
