"""kg.pipeline.cache: extractions survive the round trip to disk; anything doubtful is a miss."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from kg.pipeline.cache import (
    ExtractionCache,
    extraction_from_json,
    extraction_to_json,
    file_sha256,
)
from kg.types import DocumentInfo, Entity, Extraction, Mention, Observation, Relation

SHA = "ab" * 32


def _extraction(name: str = "a.txt") -> Extraction:
    doc = DocumentInfo(SHA[:16], name, SHA, "标题", 40)
    m1 = Mention(doc.id, 0, 2, "甲市", "甲市发展乙产业。")
    m2 = Mention(doc.id, 4, 7, "乙产业", "甲市发展乙产业。")
    m3 = Mention(doc.id, 20, 24, "3亿元", "甲市产值3亿元。")
    return Extraction(
        doc,
        (
            Entity("Place:甲市", "Place", "甲市", ("甲",), (m1,), "City"),
            Entity("Industry:乙产业", "Industry", "乙产业", (), (m2,)),
        ),
        (Relation("Place:甲市", "develops", "Industry:乙产业", (m1,)),),
        (Observation("Place:甲市", "产值", Decimal("3E+8"), "元", None, m3),),
    )


def test_cache_json_round_trip_keeps_everything_and_writes_each_sentence_once():
    x = _extraction()
    text = extraction_to_json(x)
    assert extraction_from_json(text) == x
    assert text.count("甲市发展乙产业。") == 1


def test_cache_put_get_and_a_renamed_file(tmp_path):
    cache = ExtractionCache(tmp_path, fingerprint="f" * 64)
    assert cache.get(SHA) is None
    cache.put(SHA, extraction_to_json(_extraction()))
    assert cache.get(SHA) == _extraction()
    assert cache.get(SHA, file_name="b.txt") == _extraction("b.txt")


def test_cache_another_fingerprint_misses_and_its_entry_is_replaced(tmp_path):
    old = ExtractionCache(tmp_path, fingerprint="1" * 64)
    old.put(SHA, extraction_to_json(_extraction()))
    new = ExtractionCache(tmp_path, fingerprint="2" * 64)
    assert new.get(SHA) is None
    new.put(SHA, extraction_to_json(_extraction()))
    assert not old.path_for(SHA).exists() and new.path_for(SHA).exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace('"sha256":"' + SHA, '"sha256":"' + "cd" * 32, 1),  # wrong key
        lambda text: "not json\n" + text,
    ],
)
def test_cache_damaged_entries_are_misses(tmp_path, damage):
    cache = ExtractionCache(tmp_path, fingerprint="f" * 64)
    cache.put(SHA, extraction_to_json(_extraction()))
    path = cache.path_for(SHA)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert cache.get(SHA) is None


def test_cache_file_sha256_reads_the_bytes(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes("成都".encode("gb18030") * 100_000)
    assert file_sha256(f) == hashlib.sha256(f.read_bytes()).hexdigest()


def test_cache_fingerprint_changes_with_the_tagger(monkeypatch):
    """A rules-only extraction is not reused when the statistical tagger is switched on."""
    from kg.pipeline.fingerprints import compute_fingerprint

    monkeypatch.setenv("KG_TAGGER", "none")
    rules_only = compute_fingerprint()
    monkeypatch.setenv("KG_TAGGER", "lac")
    assert compute_fingerprint() != rules_only
    monkeypatch.setenv("KG_TAGGER", "none")
    assert compute_fingerprint() == rules_only
