"""The OWL ontology in ontology/xinzhi.ttl: syntax, coverage of kg.vocab, axioms, OWL-RL."""

from __future__ import annotations

import shutil
import subprocess

import owlrl
import pytest
import rdflib
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from kg.resources import ontology_path, shapes_path
from kg.vocab import KG, KG_NS, KGR, ONTOLOGY_IRI

# A plain Namespace: pytest probes module globals, and rdflib's XSD warns on that.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SOSA = Namespace("http://www.w3.org/ns/sosa/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

VOCAB_TERMS = sorted(KG[name] for name in KG.__annotations__)
MAIN_CLASSES = {KG.Place, KG.Program, KG.Industry, KG.Platform, KG.Organization}

# The relation table of shared/spec/ontology.md.
RELATIONS = {
    KG.locatedIn: ({KG.Platform, KG.Organization, KG.Place}, {KG.Place}),
    KG.develops: ({KG.Place, KG.Organization, KG.Platform}, {KG.Industry}),
    KG.implements: ({KG.Place, KG.Organization}, {KG.Program}),
    KG.builds: ({KG.Place, KG.Organization}, {KG.Platform}),
    KG.focusesOn: ({KG.Program, KG.Platform}, {KG.Industry}),
    KG.cooperatesWith: ({KG.Place, KG.Organization}, {KG.Place, KG.Organization}),
    KG.partOf: ({KG.Place, KG.Platform}, {KG.Place, KG.Platform}),
}

FINER_CLASSES = {
    KG.Country: KG.Place,
    KG.Province: KG.Place,
    KG.City: KG.Place,
    KG.District: KG.Place,
    KG.Region: KG.Place,
    KG.Laboratory: KG.Platform,
    KG.Centre: KG.Platform,
    KG.ScienceCity: KG.Platform,
    KG.Park: KG.Platform,
    KG.Policy: KG.Program,
    KG.Company: KG.Organization,
    KG.University: KG.Organization,
    KG.GovernmentBody: KG.Organization,
}

DATATYPE_RANGES = {
    KG.mentionCount: XSD.integer,
    KG.fileName: XSD.string,
    KG.sha256: XSD.string,
    KG.charCount: XSD.integer,
    KG.startOffset: XSD.integer,
    KG.endOffset: XSD.integer,
    KG.surfaceForm: RDF.langString,
    KG.sentence: RDF.langString,
    KG.indicator: RDF.langString,
    KG.value: XSD.decimal,
    KG.unit: XSD.string,
    KG.year: XSD.gYear,
}

EXAMPLE = """
@base <https://w3id.org/xinzhi-kg/id/> .
@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .
<place/chengdu> a kg:Place , kg:City ; kg:cooperatesWith <organization/huawei> ;
    kg:partOf <place/chengyu-diqu> .
<place/chengyu-diqu> a kg:Place , kg:Region ; kg:partOf <place/zhongguo> .
<place/zhongguo> a kg:Place , kg:Country .
<organization/huawei> a kg:Organization , kg:Company .
<platform/chengdu-zhisuan-zhongxin> a kg:Centre ; kg:locatedIn <place/chengdu> .
<observation/1> a kg:Observation ; kg:subject <place/chengdu> ; kg:value 146.0 .
<doc/15aafd2815df7c6d> a kg:Document .
"""


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path(), format="turtle")


def _union_members(g: rdflib.Graph, node) -> set:
    """The classes of a domain or range: a named class, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return {node}
    members = g.value(node, OWL.unionOf)
    assert members is not None, f"{node} is neither a class IRI nor an owl:unionOf"
    return set(Collection(g, members))


def _closure(ontology: rdflib.Graph, data: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g += ontology
    g.parse(data=data, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def test_ontology_header_has_version_title_description_license(ontology):
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")
    titles = {t.language for t in ontology.objects(onto, DCTERMS.title)}
    assert {"en", "zh"} <= titles
    assert ontology.value(onto, DCTERMS.description) is not None
    assert ontology.value(onto, DCTERMS.license) is not None


@pytest.mark.parametrize("term", VOCAB_TERMS, ids=lambda t: t[len(KG_NS) :])
def test_ontology_declares_every_vocab_term_with_labels_and_comment(ontology, term):
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not declared"
    languages = {label.language for label in ontology.objects(term, RDFS.label)}
    assert {"zh", "en"} <= languages, f"{term} lacks an rdfs:label @zh or @en"
    assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_ontology_declares_no_term_missing_from_vocab(ontology):
    declared = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }
    assert declared == set(VOCAB_TERMS)


@pytest.mark.parametrize("prop", sorted(RELATIONS), ids=lambda t: t[len(KG_NS) :])
def test_ontology_relation_domains_and_ranges_follow_the_spec(ontology, prop):
    domain, range_ = RELATIONS[prop]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert _union_members(ontology, ontology.value(prop, RDFS.domain)) == domain
    assert _union_members(ontology, ontology.value(prop, RDFS.range)) == range_


def test_ontology_cooperates_with_is_symmetric_and_part_of_transitive(ontology):
    assert (KG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG.partOf, RDF.type, OWL.TransitiveProperty) in ontology


@pytest.mark.parametrize("prop", sorted(DATATYPE_RANGES), ids=lambda t: t[len(KG_NS) :])
def test_ontology_datatype_properties_are_typed(ontology, prop):
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
    assert ontology.value(prop, RDFS.range) == DATATYPE_RANGES[prop]


def test_ontology_finer_classes_are_subclasses_of_their_main_class(ontology):
    for finer, main in FINER_CLASSES.items():
        assert (finer, RDFS.subClassOf, main) in ontology, finer


def test_ontology_main_classes_are_pairwise_disjoint(ontology):
    groups = [
        set(Collection(ontology, ontology.value(n, OWL.members)))
        for n in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert MAIN_CLASSES in groups


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (KG.Place, SCHEMA.Place),
        (KG.Organization, SCHEMA.Organization),
        (KG.Document, FOAF.Document),
        (KG.Document, PROV.Entity),
        (KG.Mention, PROV.Entity),
        (KG.Observation, SOSA.Observation),
        *((main, PROV.Entity) for main in sorted(MAIN_CLASSES)),
    ],
)
def test_ontology_aligns_classes_with_standard_vocabularies(ontology, cls, parent):
    assert (cls, RDFS.subClassOf, parent) in ontology


def test_ontology_aligns_value_with_sosa_simple_result(ontology):
    assert (KG.value, RDFS.subPropertyOf, SOSA.hasSimpleResult) in ontology


def test_ontology_owlrl_closure_infers_symmetry_transitivity_and_types(ontology):
    g = _closure(ontology, EXAMPLE)

    assert list(g.objects(None, ERRNS.error)) == []
    assert (KGR["organization/huawei"], KG.cooperatesWith, KGR["place/chengdu"]) in g
    assert (KGR["place/chengdu"], KG.partOf, KGR["place/zhongguo"]) in g
    # a finer class entails its main class and the alignments above it
    for t in (KG.Place, SCHEMA.Place, PROV.Entity):
        assert (KGR["place/chengdu"], RDF.type, t) in g
    assert (KGR["platform/chengdu-zhisuan-zhongxin"], RDF.type, KG.Platform) in g
    assert (KGR["organization/huawei"], RDF.type, SCHEMA.Organization) in g
    assert (KGR["observation/1"], RDF.type, SOSA.Observation) in g
    assert (KGR["observation/1"], SOSA.hasFeatureOfInterest, KGR["place/chengdu"]) in g
    assert (KGR["doc/15aafd2815df7c6d"], RDF.type, FOAF.Document) in g


def test_ontology_owlrl_closure_reports_an_entity_of_two_main_classes(ontology):
    g = _closure(ontology, EXAMPLE + "<place/chengdu> a kg:Program .\n")

    errors = [str(e) for e in g.objects(None, ERRNS.error)]
    assert len(errors) == 1
    assert "Disjoint classes" in errors[0] and "place/chengdu" in errors[0]


@pytest.mark.parametrize("path", [ontology_path(), shapes_path()], ids=lambda p: p.name)
def test_ontology_turtle_parses_with_rapper(path):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail(
            "rapper (Debian package raptor2-utils) is not on PATH; run `make test`, "
            "which installs it, or `apt-get install -y raptor2-utils`"
        )
    done = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Parsing returned" in done.stderr
    assert "rror" not in done.stderr.replace("Parsing returned", "")


def test_ontology_labels_are_plain_language_tagged_literals(ontology):
    for label in ontology.objects(None, RDFS.label):
        assert isinstance(label, Literal) and label.language in {"zh", "en"}, label
    assert not any(isinstance(s, BNode) for s in ontology.subjects(RDFS.label, None))
