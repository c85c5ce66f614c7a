"""Golden Turtle: an invented text through corpus → graph → RDF gives exactly the stored file.

The text (``tests/data/golden/invented.txt``) is read and normalised by
:mod:`kg.corpus`; its entities, relations and observation are written out
below as a table (the extractor's rules are measured on the development
sets, not pinned here), and the graph and RDF stages turn them into
``invented.ttl``. The file is compared byte for byte, and by isomorphism so
that a failure says which triples differ. Regenerate it with
``pytest tests/test_golden.py --regen-golden`` and review the diff; never
edit it by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.corpus.files import document_from_text
from kg.graph import build_graph
from kg.rdf import turtle_text
from kg.types import Document, DocumentInfo, Entity, Extraction, Mention, Observation, Relation

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"

#: (type, name, subclass, aliases) of the invented text's entities.
ENTITIES = [
    ("Place", "青岚省", "Province", ()),
    ("Place", "澄溪市", "City", ()),
    ("Program", "星火智造三年行动计划", "Policy", ()),
    ("Industry", "云织材料", None, ()),
    ("Industry", "海潮能源装备", None, ()),
    ("Platform", "澄溪实验室", "Laboratory", ()),
    ("Organization", "远川大学", "University", ()),
]
#: (head name, relation, tail name, the sentence's first characters).
RELATIONS = [
    ("青岚省", "implements", "星火智造三年行动计划", "青岚省实施"),
    ("澄溪市", "locatedIn", "青岚省", "澄溪市位于"),
    ("澄溪市", "develops", "云织材料", "澄溪市位于"),
    ("澄溪市", "develops", "海潮能源装备", "澄溪市位于"),
    ("澄溪市", "builds", "澄溪实验室", "澄溪市建设"),
    ("澄溪市", "cooperatesWith", "远川大学", "澄溪市建设"),
]


def _sentence_of(doc: Document, start: int) -> str:
    return next(doc.text[a:b] for a, b in doc.sentences if a <= start < b)


def _mentions(doc: Document, name: str) -> tuple[Mention, ...]:
    out, at = [], doc.text.find(name)
    while at >= 0:
        out.append(Mention(doc.id, at, at + len(name), name, _sentence_of(doc, at)))
        at = doc.text.find(name, at + len(name))
    return tuple(out)


def _in_sentence(doc: Document, name: str, opening: str) -> Mention:
    return next(m for m in _mentions(doc, name) if m.sentence.startswith(opening))


def _extraction(doc: Document) -> Extraction:
    key = {name: f"{type_}:{name}" for type_, name, _, _ in ENTITIES}
    entities = tuple(
        Entity(key[name], type_, name, aliases, _mentions(doc, name), subclass)
        for type_, name, subclass, aliases in ENTITIES
    )
    relations = tuple(
        Relation(key[h], rel, key[t], (_in_sentence(doc, h, opening),))
        for h, rel, t, opening in RELATIONS
    )
    number = doc.text.index("1200亿元")
    evidence = Mention(
        doc.id, number, number + len("1200亿元"), "1200亿元", _sentence_of(doc, number)
    )
    observation = Observation(
        key["澄溪市"], "云织材料产业规模", Decimal("120000000000"), "元", 2024, evidence
    )
    return Extraction(DocumentInfo.of(doc), entities, relations, (observation,))


def _turtle() -> str:
    text = (GOLDEN / "invented.txt").read_text(encoding="utf-8")
    doc = document_from_text(text, path="invented.txt")
    assert doc is not None
    return turtle_text(build_graph([_extraction(doc)]))


def test_golden_turtle_of_the_invented_text(regen_golden):
    made = _turtle()
    golden = GOLDEN / "invented.ttl"
    if regen_golden:
        golden.write_text(made, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    a = to_isomorphic(Graph().parse(data=made, format="turtle"))
    b = to_isomorphic(Graph().parse(data=expected, format="turtle"))
    if a != b:
        _, only_made, only_golden = graph_diff(a, b)
        raise AssertionError(
            "triples differ from tests/data/golden/invented.ttl "
            "(review, then regenerate with --regen-golden):\n"
            f"only in this build:\n{only_made.serialize(format='nt')}\n"
            f"only in the golden file:\n{only_golden.serialize(format='nt')}"
        )
    assert made == expected, "same triples, other bytes: the order or layout of blocks changed"


def test_golden_turtle_is_the_same_in_every_run():
    assert _turtle() == _turtle()


def test_golden_turtle_conforms_to_the_shapes():
    import pyoxigraph as ox

    from kg.validate import validate_store

    store = ox.Store()
    store.bulk_load((GOLDEN / "invented.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    report = validate_store(store)
    assert report.conforms, report.violations
