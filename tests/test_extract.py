"""Extraction on short texts written for these tests (quality is measured by score.py)."""

from __future__ import annotations

from kg.corpus import read_document
from kg.extract import extract


def _extract(tmp_path, text: str):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    return extract(read_document(path))


def test_extract_entities_and_a_relation_from_a_short_text(tmp_path):
    x = _extract(
        tmp_path,
        "绵阳市加快建设中国科技城，大力发展新能源汽车和集成电路产业，深入实施创新驱动发展战略。\n",
    )
    found = {(e.type, e.name) for e in x.entities}
    assert ("Place", "绵阳") in found
    assert ("Industry", "新能源汽车") in found
    assert ("Industry", "集成电路") in found
    assert ("Program", "创新驱动发展战略") in found
    rels = {(r.head, r.rel, r.tail) for r in x.relations}
    assert ("Place:绵阳", "develops", "Industry:新能源汽车") in rels
    assert ("Place:绵阳", "implements", "Program:创新驱动发展战略") in rels


def test_extract_mentions_point_at_their_text(tmp_path):
    x = _extract(tmp_path, "南宁市发展人工智能产业。\n")
    doc = read_document(tmp_path / "t.txt")
    for e in x.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert m.text in m.sentence


def test_extract_observation_with_scale_word(tmp_path):
    x = _extract(tmp_path, "西宁市拥有国家高新技术企业 1.2 万家。\n")
    obs = [(o.subject, int(o.value), o.unit) for o in x.observations]
    assert ("Place:西宁", 12000, "家") in obs
