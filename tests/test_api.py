"""The Python API: kg.build / kg.load and the KnowledgeGraph they return.

The checks compare the API's views with each other (SPARQL against NetworkX,
a loaded build against the built one), so they hold whatever the extractor
reads from the two short texts below.
"""

from __future__ import annotations

import sys

import networkx as nx
import pytest
import rdflib

import kg
from kg.errors import GraphFileError, InputError, QueryError

TEXTS = {
    "a.txt": "成都市大力发展电子信息产业和人工智能产业，建设西部（成都）科学城。\n成都市实施“智改数转”行动，推动制造业高质量发展。\n",
    "b.txt": "重庆市与成都市加强合作，共同发展汽车产业。\n重庆市建设明月湖实验室，2023年全市工业产值达到1.2万亿元。\n",
}


def _values(g: rdflib.Graph) -> set:
    """Triples with typed literals as Python values (Turtle writes ``1E+12`` as ``1000000000000.0``)."""
    return {
        (s, p, o.toPython() if isinstance(o, rdflib.Literal) and o.datatype else o) for s, p, o in g
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny(corpus) -> kg.KnowledgeGraph:
    return kg.build([corpus])


@pytest.fixture(scope="module")
def saved(tiny, tmp_path_factory):
    out = tmp_path_factory.mktemp("saved") / "out"
    tiny.save(out)
    return out


def test_api_build_returns_a_knowledge_graph(tiny):
    assert isinstance(tiny, kg.KnowledgeGraph)
    s = tiny.summary()
    assert s["documents"] == 2
    assert sum(s["entities"].values()) == tiny.networkx().number_of_nodes() > 0
    assert repr(tiny).startswith("<KnowledgeGraph: ")
    assert tiny.violations is None and tiny.problems == []


def test_api_build_accepts_one_path_and_validates_on_request(corpus):
    g = kg.build(corpus / "a.txt", validate=True)
    assert g.summary()["documents"] == 1
    assert g.violations == 0


def test_api_build_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        kg.build([tmp_path / "nope"])


def test_api_networkx_and_rdf_views(tiny):
    G = tiny.networkx()
    assert isinstance(G, nx.MultiDiGraph)
    for _, d in G.nodes(data=True):
        assert {"type", "name", "aliases", "mentions", "mention_count", "documents"} <= set(d)
    for _, _, k, d in G.edges(keys=True, data=True):
        assert d["rel"] == k
    assert isinstance(tiny.rdf(), rdflib.Graph) and len(tiny.rdf()) > 0


def test_api_query_select_matches_networkx(tiny):
    G = tiny.networkx()
    df = tiny.query(
        "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?c ; rdfs:label ?name . "
        "VALUES ?c { kg:Place kg:Program kg:Industry kg:Platform kg:Organization } "
        "BIND(STRAFTER(STR(?c), '#') AS ?type) } GROUP BY ?type ORDER BY ?type"
    )
    assert list(df.columns) == ["type", "n"]
    assert dict(zip(df["type"], df["n"], strict=False)) == tiny.summary()["entities"]
    assert df["n"].dtype.kind == "i"  # xsd:integer becomes int
    names = tiny.query("SELECT ?name WHERE { ?e kg:mentionCount ?n ; rdfs:label ?name }")
    assert sorted(names["name"]) == sorted(d["name"] for _, d in G.nodes(data=True))


def test_api_query_relations_match_networkx(tiny):
    rows = tiny.query(
        "SELECT ?h ?rel ?t WHERE { ?a a kg:RelationAssertion ; kg:assertedSubject ?h ; "
        "kg:assertedPredicate ?p ; kg:assertedObject ?t BIND(STRAFTER(STR(?p), '#') AS ?rel) }",
        as_frame=False,
    )
    assert sorted(r["rel"] for r in rows) == sorted(
        k for _, _, k in tiny.networkx().edges(keys=True)
    )


def test_api_query_ask_construct_and_list_rows(tiny):
    assert tiny.query("ASK { ?d a kg:Document }") is True
    assert tiny.query("ASK { ?d a kg:NoSuchClass }") is False
    triples = tiny.query(
        "CONSTRUCT { ?d a kg:Document } WHERE { ?d a kg:Document }", as_frame=False
    )
    assert len(triples) == 2 and set(triples[0]) == {"subject", "predicate", "object"}
    rows = tiny.query(
        "SELECT ?f ?n WHERE { ?d kg:fileName ?f ; kg:charCount ?n } ORDER BY ?f", as_frame=False
    )
    assert [r["f"] for r in rows] == ["a.txt", "b.txt"] and all(
        isinstance(r["n"], int) for r in rows
    )


def test_api_query_unbound_and_own_prefixes(tiny):
    rows = tiny.query(
        "PREFIX kg: <https://w3id.org/xinzhi-kg/ontology#>\n"
        "SELECT ?d ?x WHERE { ?d a kg:Document OPTIONAL { ?d kg:noSuchProperty ?x } }",
        as_frame=False,
    )
    assert len(rows) == 2 and all(r["x"] is None for r in rows)


def test_api_query_without_pandas_gives_dicts(tiny, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    rows = tiny.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }")
    assert rows == [{"n": 2}]


def test_api_query_errors_are_query_errors(tiny):
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        tiny.query("SELEC nothing")


def test_api_save_writes_every_output(saved):
    from kg.export import OUTPUT_FILES

    for name in OUTPUT_FILES:
        assert (saved / name).stat().st_size > 0, name


def test_api_load_round_trips_the_build(tiny, saved):
    g = kg.load(saved)
    A, B = tiny.networkx(), g.networkx()
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    assert list(A.edges(keys=True, data=True)) == list(B.edges(keys=True, data=True))
    assert A.graph["documents"] == B.graph["documents"]
    assert A.graph["observations"] == B.graph["observations"]
    assert _values(g.rdf()) == _values(tiny.rdf())
    assert g.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }", as_frame=False) == [
        {"n": 2}
    ]
    assert kg.load(saved / "graph.ttl").summary() == tiny.summary()


def test_api_load_from_json_only(tiny, saved, tmp_path):
    (tmp_path / "graph.json").write_bytes((saved / "graph.json").read_bytes())
    g = kg.load(tmp_path)
    A, B = tiny.networkx(), g.networkx()
    assert sorted(A.edges(keys=True)) == sorted(B.edges(keys=True))
    assert all(A.nodes[k]["aliases"] == B.nodes[k]["aliases"] for k in A)
    assert g.query("ASK { ?e a kg:Place }") == any(
        d["type"] == "Place" for _, d in A.nodes(data=True)
    )


def test_api_load_missing_is_a_graph_file_error(tmp_path):
    with pytest.raises(GraphFileError, match="kg build"):
        kg.load(tmp_path)


def test_api_show_outside_jupyter_returns_the_html_path(tiny, saved):
    path = tiny.show()  # saved into `saved` last, so its graph.html is reused
    assert path == saved / "graph.html" and path.exists()
    fresh = kg.KnowledgeGraph(tiny.networkx(), tiny.rdf()).show()
    assert fresh.name == "graph.html" and fresh.stat().st_size > 0


def test_api_show_in_jupyter_displays_an_iframe(tiny, monkeypatch):
    pytest.importorskip("IPython")
    import IPython.display

    import kg.api

    shown = []
    monkeypatch.setattr(kg.api, "_in_jupyter", lambda: True)
    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert tiny.show(height=400) is None
    (obj,) = shown
    assert "<iframe srcdoc=" in obj.data and "height:400px" in obj.data


def test_api_stats_method(tiny):
    s = tiny.stats(top=2)
    assert s["graph"]["entities"] == tiny.networkx().number_of_nodes()
    assert s["entities"] == tiny.summary()["entities"]
