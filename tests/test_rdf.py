"""The built Turtle: independent parsers agree, builds are deterministic, IRIs are stable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pyoxigraph
import pytest
from conftest import ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace
from rdflib.compare import isomorphic

from kg.rdf import to_rdf
from kg.rdf.ids import slugify
from kg.rdf.terms import decimal_text

KG = Namespace("https://w3id.org/xinzhi-kg/ontology#")


def _build(inputs, out, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            *map(str, inputs),
            "-o",
            str(out),
            "-q",
            "--no-validate",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return (out / "graph.ttl").read_bytes()


def test_rdf_turtle_parses_with_rapper(seed_build):
    rapper = shutil.which("rapper")
    assert rapper, (
        "rapper (Debian raptor2-utils) is not installed: run `make test`, which installs it"
    )
    proc = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(seed_build / "graph.ttl")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "returned" in proc.stderr and "triples" in proc.stderr


def test_rdf_turtle_loads_into_oxigraph_with_the_same_triples(seed_build):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    store = pyoxigraph.Store()
    with open(seed_build / "graph.ttl", "rb") as fh:
        store.load(fh, pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def _by_value(g: Graph) -> set:
    """The triples with typed literals compared by value (rdflib rewrites ``"416"^^xsd:decimal`` as ``416.0``)."""
    return {
        (s, p, o.value if isinstance(o, Literal) and o.datatype is not None else o) for s, p, o in g
    }


def test_rdf_turtle_round_trips_through_rdflib(seed_build):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(again) == len(g)
    assert _by_value(again) == _by_value(g)


def test_rdf_graph_ttl_holds_the_triples_of_the_rdf_stage(seed_build):
    import kg

    loaded = kg.load(seed_build)
    assert isomorphic(
        Graph().parse(seed_build / "graph.ttl", format="turtle"), to_rdf(loaded.networkx())
    )


def test_rdf_builds_are_byte_identical_across_processes(tmp_path):
    inputs = [SEEDS / "000_4bf244e38c8513a9.txt", SEEDS / "002_50d3b4d398fe0756.txt"]
    first = _build(inputs, tmp_path / "a", "1")
    second = _build(inputs, tmp_path / "b", "2")
    assert first == second


def test_rdf_entity_iris_do_not_depend_on_the_corpus(tmp_path):
    one = Graph().parse(
        data=_build([SEEDS / "001_7aed2df2d37e0914.txt"], tmp_path / "one", "3"), format="turtle"
    )
    both = Graph().parse(
        data=_build(
            [SEEDS / "001_7aed2df2d37e0914.txt", SEEDS / "003_ceaa23412d44e44a.txt"],
            tmp_path / "both",
            "4",
        ),
        format="turtle",
    )
    chengdu = {s for s in one.subjects(KG.mentionedIn, None) if str(s).endswith("/place/chengdu")}
    assert chengdu and chengdu <= set(both.subjects())


def test_rdf_every_relation_has_its_evidence(seed_build):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    rows = g.query(
        """PREFIX kg: <https://w3id.org/xinzhi-kg/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE {
          VALUES ?p { kg:locatedIn kg:develops kg:implements kg:builds kg:focusesOn kg:cooperatesWith kg:partOf }
          ?s ?p ?o .
          FILTER NOT EXISTS { ?a kg:assertedSubject ?s ; kg:assertedPredicate ?p ; kg:assertedObject ?o ;
                                 kg:evidence/kg:sentence ?sentence }
        }"""
    )
    assert int(next(iter(rows))[0]) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12
    )
)
def test_rdf_slugs_are_url_safe_and_stable(name):
    slug = slugify(name)
    assert slug == slugify(name)
    assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug)


@pytest.mark.parametrize("text", ["0", "11500", "2.45", "0.0001", "1000000000000", "3.3E+12"])
def test_rdf_decimal_text_is_plain_xsd_decimal(text):
    from decimal import Decimal

    out = decimal_text(Decimal(text))
    assert "E" not in out and Decimal(out) == Decimal(text)
