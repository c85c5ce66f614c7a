"""SHACL validation (ontology/shapes.ttl) on small hand-written graphs, with both engines.

``tests/data/shapes_conforming.ttl`` conforms; each case below breaks it in one
way and names exactly the violations expected, as (focus node, path, kind of
constraint), with IRIs shortened to ``kgr:…``, ``kg:…``, ``rdf:…``, ``rdfs:…``.
Every test that takes the ``validate`` fixture runs twice: with pyshacl
(:func:`kg.validate.reference.validate`) and with the compiled SPARQL checks over an
Oxigraph store (:func:`kg.validate.validate_store`) that builds use.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, Namespace
from rdflib.namespace import SKOS

from kg.errors import GraphFileError, ValidationError
from kg.resources import ontology_path, shapes_path
from kg.validate import ValidationReport, validate_store
from kg.validate.reference import validate as pyshacl_validate
from kg.vocab import KG, KG_NS, KGR, KGR_NS

# A plain Namespace: pytest probes module globals, and rdflib's XSD warns on that.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

CONFORMING = Path(__file__).parent / "data" / "shapes_conforming.ttl"

DOC = KGR["doc/15aafd2815df7c6d"]
CHENGDU = KGR["place/chengdu"]
INDUSTRY = KGR["industry/dianzi-xinxi"]
CENTRE = KGR["platform/chengdu-zhisuan-zhongxin"]
HUAWEI = KGR["organization/huawei"]
OBSERVATION = KGR["observation/5f60718293a4b5c6"]
DEVELOPS_ASSERTION = KGR["assertion/1b2c3d4e5f607182"]
COOPERATES_ASSERTION = KGR["assertion/3d4e5f60718293a4"]
MENTION_70 = KGR["mention/15aafd2815df7c6d/70-72"]

_SHORT = {
    KGR_NS: "kgr:",
    KG_NS: "kg:",
    str(RDF): "rdf:",
    str(RDFS): "rdfs:",
    str(SKOS): "skos:",
}


def _short(text: str) -> str:
    for ns, prefix in _SHORT.items():
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text


def _found(report: ValidationReport, severity: str = "Violation") -> list[tuple[str, str, str]]:
    return sorted(
        (_short(r.focus), _short(r.path), r.constraint)
        for r in report.results
        if r.severity == severity
    )


def sparql_validate(data: rdflib.Graph, *, shapes_path=None) -> ValidationReport:
    """The build's engine: the graph loaded into an Oxigraph store, checked by compiled SPARQL."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return validate_store(store, shapes_file=shapes_path)


@pytest.fixture(params=["pyshacl", "sparql"])
def validate(request):
    return pyshacl_validate if request.param == "pyshacl" else sparql_validate


@pytest.fixture(scope="module")
def conforming() -> rdflib.Graph:
    return rdflib.Graph().parse(CONFORMING, format="turtle")


@pytest.fixture
def graph(conforming) -> rdflib.Graph:
    g = rdflib.Graph()
    g += conforming
    return g


# --- the ways to break the graph ------------------------------------------


def add_untyped_entity(g):
    e = KGR["industry/rengong-zhineng"]
    g.add((e, RDFS.label, Literal("人工智能", lang="zh")))
    g.add((e, SKOS.prefLabel, Literal("人工智能", lang="zh")))
    g.add((e, KG.mentionedIn, DOC))
    g.add((e, KG.mentionCount, Literal(1)))
    g.add((e, KG.hasMention, KGR["mention/15aafd2815df7c6d/38-42"]))


def add_second_main_type(g):
    g.add((CHENGDU, RDF.type, KG.Program))


def keep_only_finer_type(g):
    g.remove((CHENGDU, RDF.type, KG.Place))  # kg:City stays


def _replace_develops(g, subject, predicate, obj):
    """Replace 成都 develops 电子信息 by another direct triple, its assertion following it."""
    g.remove((CHENGDU, KG.develops, INDUSTRY))
    g.add((subject, predicate, obj))
    g.set((DEVELOPS_ASSERTION, KG.assertedSubject, subject))
    g.set((DEVELOPS_ASSERTION, KG.assertedPredicate, predicate))
    g.set((DEVELOPS_ASSERTION, KG.assertedObject, obj))


def develop_a_place(g):
    _replace_develops(g, CENTRE, KG.develops, CHENGDU)


def industry_builds(g):
    _replace_develops(g, INDUSTRY, KG.builds, CENTRE)


def place_part_of_platform(g):
    _replace_develops(g, CHENGDU, KG.partOf, CENTRE)


def end_beyond_document(g):
    g.set((MENTION_70, KG.endOffset, Literal(80)))  # the document has 76 characters


def start_not_before_end(g):
    g.set((MENTION_70, KG.startOffset, Literal(72)))


def drop_observation_value(g):
    g.remove((OBSERVATION, KG.value, None))


def integer_observation_value(g):
    g.set((OBSERVATION, KG.value, Literal(146)))


def drop_assertion(g):
    g.remove((DEVELOPS_ASSERTION, None, None))


def drop_direct_triple(g):
    g.remove((CHENGDU, KG.develops, INDUSTRY))


def untagged_label(g):
    g.set((CHENGDU, RDFS.label, Literal("成都")))
    g.set((CHENGDU, SKOS.prefLabel, Literal("成都")))


def bad_sha256(g):
    g.set((DOC, KG.sha256, Literal("15AAFD28")))


def relate_to_itself(g):
    g.add((CHENGDU, KG.cooperatesWith, CHENGDU))
    a = KGR["assertion/6a7b8c9d0e1f2a3b"]
    g.add((a, RDF.type, KG.RelationAssertion))
    g.add((a, KG.assertedSubject, CHENGDU))
    g.add((a, KG.assertedPredicate, KG.cooperatesWith))
    g.add((a, KG.assertedObject, CHENGDU))
    g.add((a, KG.evidence, KGR["mention/15aafd2815df7c6d/45-62"]))
    g.add((a, KG.statedIn, DOC))


def untyped_document(g):
    g.remove((DOC, RDF.type, KG.Document))


CASES = [
    (
        add_untyped_entity,
        [("kgr:industry/rengong-zhineng", "rdf:type", "QualifiedMinCountConstraintComponent")],
    ),
    (
        add_second_main_type,
        [("kgr:place/chengdu", "rdf:type", "QualifiedMaxCountConstraintComponent")],
    ),
    (
        keep_only_finer_type,
        [("kgr:place/chengdu", "rdf:type", "QualifiedMinCountConstraintComponent")],
    ),
    (
        develop_a_place,
        [("kgr:platform/chengdu-zhisuan-zhongxin", "kg:develops", "ClassConstraintComponent")],
    ),
    (industry_builds, [("kgr:industry/dianzi-xinxi", "", "OrConstraintComponent")]),
    (place_part_of_platform, [("kgr:place/chengdu", "", "OrConstraintComponent")]),
    (
        end_beyond_document,
        [("kgr:mention/15aafd2815df7c6d/70-72", "kg:endOffset", "SPARQLConstraintComponent")],
    ),
    (
        start_not_before_end,
        [("kgr:mention/15aafd2815df7c6d/70-72", "kg:startOffset", "LessThanConstraintComponent")],
    ),
    (
        drop_observation_value,
        [("kgr:observation/5f60718293a4b5c6", "kg:value", "MinCountConstraintComponent")],
    ),
    (
        integer_observation_value,
        [("kgr:observation/5f60718293a4b5c6", "kg:value", "DatatypeConstraintComponent")],
    ),
    (drop_assertion, [("kgr:place/chengdu", "kg:develops", "SPARQLConstraintComponent")]),
    (drop_direct_triple, [("kgr:assertion/1b2c3d4e5f607182", "", "SPARQLConstraintComponent")]),
    (
        untagged_label,
        [
            ("kgr:place/chengdu", "rdfs:label", "DatatypeConstraintComponent"),
            ("kgr:place/chengdu", "rdfs:label", "LanguageInConstraintComponent"),
        ],
    ),
    (
        bad_sha256,
        [
            ("kgr:doc/15aafd2815df7c6d", "kg:sha256", "PatternConstraintComponent"),
            ("kgr:doc/15aafd2815df7c6d", "kg:sha256", "SPARQLConstraintComponent"),
        ],
    ),
    (relate_to_itself, [("kgr:place/chengdu", "kg:cooperatesWith", "SPARQLConstraintComponent")]),
]


def test_shapes_conforming_graph_validates(validate, conforming):
    report = validate(conforming)

    assert report.conforms, report.text
    assert report.violations == []
    assert report.results == ()


@pytest.mark.parametrize(("breakage", "expected"), CASES, ids=[f.__name__ for f, _ in CASES])
def test_shapes_breakage_yields_exactly_the_expected_violations(
    validate, graph, breakage, expected
):
    breakage(graph)

    report = validate(graph)

    assert not report.conforms
    assert _found(report) == sorted(expected), report.text


def test_shapes_broken_graph_yields_exactly_the_expected_violations(validate, graph):
    for breakage in (
        add_untyped_entity,
        develop_a_place,
        end_beyond_document,
        drop_observation_value,
    ):
        breakage(graph)

    report = validate(graph)

    assert _found(report) == [
        ("kgr:industry/rengong-zhineng", "rdf:type", "QualifiedMinCountConstraintComponent"),
        ("kgr:mention/15aafd2815df7c6d/70-72", "kg:endOffset", "SPARQLConstraintComponent"),
        ("kgr:observation/5f60718293a4b5c6", "kg:value", "MinCountConstraintComponent"),
        ("kgr:platform/chengdu-zhisuan-zhongxin", "kg:develops", "ClassConstraintComponent"),
    ]
    assert len(report.violations) == 4
    focus, _path, message = next(v for v in report.violations if v[1] == str(KG.endOffset))
    assert focus == str(MENTION_70)
    assert "80" in message and "76" in message


def test_shapes_untyped_document_is_reported_itself_and_where_it_is_used(validate, graph):
    untyped_document(graph)

    found = _found(validate(graph))

    assert ("kgr:doc/15aafd2815df7c6d", "", "ClassConstraintComponent") in found
    assert {constraint for _, _, constraint in found} == {"ClassConstraintComponent"}
    assert {path for _, path, _ in found} == {"", "kg:mentionedIn", "kg:document", "kg:statedIn"}


def test_shapes_violation_names_the_offending_value(validate, graph):
    develop_a_place(graph)

    (result,) = validate(graph).results

    assert result.focus == str(CENTRE)
    assert result.path == str(KG.develops)
    assert result.value == str(CHENGDU)
    assert result.severity == "Violation"
    assert result.message == "The object of kg:develops is a kg:Industry."


def test_shapes_mention_text_mismatch_is_a_warning(validate, graph):
    end_beyond_document(graph)

    report = validate(graph)

    assert _found(report, "Warning") == [
        ("kgr:mention/15aafd2815df7c6d/70-72", "kg:surfaceForm", "SPARQLConstraintComponent")
    ]
    assert report.warnings == [
        (
            str(MENTION_70),
            str(KG.surfaceForm),
            "The surface form 成都 is not endOffset - startOffset characters long.",
        )
    ]


def test_shapes_warnings_alone_keep_the_graph_conforming(validate, graph):
    graph.add((CHENGDU, SKOS.altLabel, Literal("成都", lang="zh")))  # repeats the preferred label

    report = validate(graph)

    assert report.conforms
    assert report.violations == []
    assert _found(report, "Warning") == [
        ("kgr:place/chengdu", "skos:altLabel", "DisjointConstraintComponent")
    ]


def test_shapes_symmetric_cooperation_may_be_asserted_either_way(validate, graph):
    graph.remove((CHENGDU, KG.cooperatesWith, HUAWEI))
    graph.add((HUAWEI, KG.cooperatesWith, CHENGDU))  # the assertion still says chengdu -> huawei

    assert validate(graph).conforms


def test_shapes_validate_does_not_change_the_data_graph(validate, graph):
    before = len(graph)
    develop_a_place(graph)
    after_break = len(graph)

    validate(graph)

    assert len(graph) == after_break == before


def test_shapes_raise_for_violations_names_where_and_how_many(validate, graph):
    drop_observation_value(graph)
    report = validate(graph)

    with pytest.raises(ValidationError, match=r"^out/graph\.ttl: 1 SHACL violation\(s\).*kg:value"):
        report.raise_for_violations("out/graph.ttl")
    validate(rdflib.Graph()).raise_for_violations("empty")  # conforms: no error


def test_shapes_accepts_another_shapes_file(validate, tmp_path, conforming):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .\n"
        "[] a sh:NodeShape ; sh:targetClass kg:Place ; sh:property [ sh:path kg:develops ; sh:maxCount 0 ] .\n",
        encoding="utf-8",
    )

    report = validate(conforming, shapes_path=shapes)

    assert [(_short(f), _short(p)) for f, p, _ in report.violations] == [
        ("kgr:place/chengdu", "kg:develops")
    ]


def test_shapes_missing_shapes_file_raises_graph_file_error(validate, tmp_path):
    with pytest.raises(GraphFileError, match="not found"):
        validate(rdflib.Graph(), shapes_path=tmp_path / "nope.ttl")


def test_shapes_unrunnable_shapes_raise_graph_file_error(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .\n"
        '[] a sh:NodeShape ; sh:targetClass kg:Place ; sh:sparql [ sh:select """\n'
        '    SELECT $this WHERE { VALUES ?x { 1 } $this ?p ?x } """ ] .\n',
        encoding="utf-8",
    )
    place = rdflib.Graph().parse(
        data="<urn:x> a <https://w3id.org/xinzhi-kg/ontology#Place> .", format="turtle"
    )

    with pytest.raises(GraphFileError, match="cannot run"):
        pyshacl_validate(place, shapes_path=shapes)


def test_shapes_locates_the_repository_ontology_folder():
    assert ontology_path().is_file() and ontology_path().parent.name == "ontology"
    assert shapes_path().is_file() and shapes_path().parent == ontology_path().parent
