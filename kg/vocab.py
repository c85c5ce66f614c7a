"""The project's vocabulary: one place for every class and property IRI.

``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace`, so a typo such
as ``KG.locatedin`` fails at import time instead of writing a wrong triple.
The names implement ``ontology/xinzhi.ttl`` (and the contract it follows).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/xinzhi-kg/ontology"
KG_NS = ONTOLOGY_IRI + "#"
KGR_NS = "https://w3id.org/xinzhi-kg/id/"


class KG(DefinedNamespace):
    """Classes and properties of the xinzhi-kg ontology."""

    _NS = Namespace(KG_NS)
    _fail = True

    # the five entity classes
    Place: URIRef
    Program: URIRef
    Industry: URIRef
    Platform: URIRef
    Organization: URIRef
    # finer classes, asserted beside the main one
    Country: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Region: URIRef
    Laboratory: URIRef
    Centre: URIRef
    ScienceCity: URIRef
    Park: URIRef
    Policy: URIRef
    Company: URIRef
    University: URIRef
    GovernmentBody: URIRef
    # provenance and facts
    Document: URIRef
    Mention: URIRef
    RelationAssertion: URIRef
    Observation: URIRef

    # the seven relations
    locatedIn: URIRef
    develops: URIRef
    implements: URIRef
    builds: URIRef
    focusesOn: URIRef
    cooperatesWith: URIRef
    partOf: URIRef

    # entity -> document / mention
    mentionedIn: URIRef
    mentionCount: URIRef
    hasMention: URIRef
    # document
    fileName: URIRef
    sha256: URIRef
    charCount: URIRef
    # mention
    document: URIRef
    startOffset: URIRef
    endOffset: URIRef
    surfaceForm: URIRef
    sentence: URIRef
    sentenceAsWritten: URIRef
    # relation assertion
    assertedSubject: URIRef
    assertedPredicate: URIRef
    assertedObject: URIRef
    evidence: URIRef
    statedIn: URIRef
    # observation
    subject: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    year: URIRef
    # curation
    CurationDecision: URIRef
    RejectedFact: URIRef
    operation: URIRef
    curationFile: URIRef
    lineNumber: URIRef
    lineText: URIRef
    changed: URIRef
    rejects: URIRef
    curatedBy: URIRef
    factKind: URIRef
    rejectedType: URIRef
    rejectedEvidence: URIRef

    # links to national codes (kg.link)
    adcode: URIRef
    divisionLevel: URIRef
    containingDivision: URIRef
    countryCode: URIRef
    industryCode: URIRef
    nationalIndustryCode: URIRef
    nationalIndustryLevel: URIRef
    nationalIndustryTitle: URIRef
    emergingIndustryCode: URIRef
    emergingIndustryTitle: URIRef


KGR = Namespace(KGR_NS)

#: Prefixes predeclared for every query and written into every Turtle file.
PREFIXES = {
    "kg": KG_NS,
    "kgr": KGR_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for :data:`PREFIXES`, to put before a user's query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
