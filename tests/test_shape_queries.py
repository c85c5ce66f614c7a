"""The compiled SPARQL checks (kg.shape_queries) report what pyshacl reports.

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

from kg.errors import GraphFileError
from kg.shape_queries import compile_shapes, validate_store
from kg.shapes import validate as pyshacl_validate

from test_shapes import CONFORMING


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
        same_kind = [x for _, _, x in triples if type(x) is type(o) and getattr(x, "datatype", None) == getattr(o, "datatype", None)]
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
    assert {"https://w3id.org/xinzhi-kg/shapes#EntityTypeShape", "https://w3id.org/xinzhi-kg/shapes#PartOfShape",
            "https://w3id.org/xinzhi-kg/shapes#MentionTextShape"} <= shapes


def test_shape_queries_agree_with_pyshacl_on_damaged_graphs():
    conforming = rdflib.Graph().parse(CONFORMING, format="turtle")
    rng = random.Random(20261122)
    compared = 0
    for _ in range(120):
        g = rdflib.Graph()
        g += conforming
        _damage(g, rng)
        expected = set(pyshacl_validate(g).results)
        assert set(validate_store(_store(g)).results) == expected
        compared += bool(expected)
    assert compared > 60  # most damage is caught, so the comparison is not between two empty reports


@pytest.mark.slow
def test_shape_queries_agree_with_pyshacl_on_the_seed_graph(seed_build):
    g = rdflib.Graph().parse(seed_build / "graph.ttl", format="turtle")
    g.remove((None, rdflib.RDF.type, URIRef("https://w3id.org/xinzhi-kg/ontology#Document")))  # many results

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

    with pytest.raises(GraphFileError, match=rf"urn:shape: .*{refused}.* not supported .*--engine pyshacl"):
        compile_shapes(shapes)
