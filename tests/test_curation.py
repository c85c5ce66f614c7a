"""Curation decisions: parsing with clear errors, and each operation's exact effect on extractions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.curation import apply_curation, parse_curation, read_curation
from kg.errors import CurationError
from kg.types import DocumentInfo, Entity, Extraction, Mention, Observation, Relation

S1 = "蓉城建设天府实验室，发展电子信息产业。"
S2 = "成都市与重庆合作，蓉城的产值达到100亿元。"


def _mention(doc: str, sentence: str, text: str, base: int = 0) -> Mention:
    at = sentence.index(text)
    return Mention(doc, base + at, base + at + len(text), text, sentence)


def _sentence(doc: str, sentence: str, base: int = 0) -> Mention:
    return Mention(doc, base, base + len(sentence), sentence, sentence)


def _corpus() -> list[Extraction]:
    a = DocumentInfo("a" * 16, "a.txt", "a" * 64, None, len(S1))
    b = DocumentInfo("b" * 16, "b.txt", "b" * 64, None, len(S2))
    x1 = Extraction(
        a,
        (
            Entity("Place:蓉城", "Place", "蓉城", (), (_mention(a.id, S1, "蓉城"),)),
            Entity("Platform:天府实验室", "Platform", "天府实验室", (),
                   (_mention(a.id, S1, "天府实验室"),), "Laboratory"),
            Entity("Industry:电子信息", "Industry", "电子信息", ("电子信息产业",),
                   (_mention(a.id, S1, "电子信息产业"),)),
        ),
        (
            Relation("Place:蓉城", "builds", "Platform:天府实验室", (_sentence(a.id, S1),)),
            Relation("Place:蓉城", "develops", "Industry:电子信息", (_sentence(a.id, S1),)),
        ),
        (),
    )  # fmt: skip
    x2 = Extraction(
        b,
        (
            Entity("Place:成都", "Place", "成都", ("成都市",), (_mention(b.id, S2, "成都市"),)),
            Entity("Place:重庆", "Place", "重庆", (), (_mention(b.id, S2, "重庆"),)),
            Entity("Place:蓉城", "Place", "蓉城", (), (_mention(b.id, S2, "蓉城"),)),
        ),
        (Relation("Place:成都", "cooperatesWith", "Place:重庆", (_sentence(b.id, S2),)),),
        (Observation("Place:蓉城", "产值", Decimal("10000000000"), "元", None,
                     _mention(b.id, S2, "100亿元")),),
    )  # fmt: skip
    return [x1, x2]


def _apply(lines: str):
    return apply_curation(_corpus(), parse_curation(lines, "curation.tsv"))


def _entities(result) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.key, e.aliases) for x in result.extractions for e in x.entities]


def _relations(result) -> list[tuple[str, str, str]]:
    return [(r.head, r.rel, r.tail) for x in result.extractions for r in x.relations]


def test_curation_merge_makes_the_other_name_an_alias_everywhere():
    result = _apply("merge\t成都\t蓉城\tsame city\tli")
    assert _entities(result) == [
        ("Industry:电子信息", ("电子信息产业",)),
        ("Place:成都", ("蓉城",)),
        ("Platform:天府实验室", ()),
        ("Place:成都", ("成都市", "蓉城")),
        ("Place:重庆", ()),
    ]
    assert ("Place:成都", "builds", "Platform:天府实验室") in _relations(result)
    assert [o.subject for x in result.extractions for o in x.observations] == ["Place:成都"]
    merged = next(e for e in result.extractions[1].entities if e.key == "Place:成都")
    assert [m.text for m in merged.mentions] == ["成都市", "蓉城"]  # both mentions kept, in order
    assert result.outcomes[0].changed == {"Place:成都"} and result.unmatched == []


def test_curation_rename_retype_and_alias():
    renamed = _apply("rename\t天府实验室\t天府新区实验室")
    assert ("Platform:天府新区实验室", ("天府实验室",)) in _entities(renamed)
    assert ("Place:蓉城", "builds", "Platform:天府新区实验室") in _relations(renamed)

    retyped = _apply("retype\t天府实验室\tOrganization")
    lab = next(e for x in retyped.extractions for e in x.entities if e.name == "天府实验室")
    assert (lab.key, lab.subclass) == ("Organization:天府实验室", None)
    # builds needs a Platform: the relation no longer fits and is kept as rejected, not dropped.
    assert ("Place:蓉城", "builds", "Organization:天府实验室") not in _relations(retyped)
    assert [(r.head, r.rel) for r in retyped.outcomes[0].relations] == [("Place:蓉城", "builds")]

    aliased = _apply("alias\tPlace:重庆\t渝")
    assert ("Place:重庆", ("渝",)) in _entities(aliased)


def test_curation_rejections_keep_what_they_take_out():
    result = _apply(
        "reject-entity\t天府实验室\tnot named\n"
        "reject-relation\t重庆\tcooperatesWith\t成都市\n"
        "reject-observation\t蓉城\t产值\t1e10\n"
    )
    assert "Platform:天府实验室" not in [k for k, _ in _entities(result)]
    assert _relations(result) == [("Place:蓉城", "develops", "Industry:电子信息")]
    entity, relation, observation = result.outcomes
    assert [e.key for e in entity.entities] == ["Platform:天府实验室"]
    assert [r.rel for r in entity.relations] == ["builds"]  # its relation goes with it
    assert [(r.head, r.tail) for r in relation.relations] == [("Place:成都", "Place:重庆")]
    assert [o.value for o in observation.observations] == [Decimal("10000000000")]
    assert [o for x in result.extractions for o in x.observations] == []


def test_curation_add_relation_finds_its_evidence_sentence():
    result = _apply("add-relation\t蓉城\tdevelops\t电子信息\ta.txt:发展电子信息产业\tmissed")
    (added,) = result.outcomes[0].added
    assert (added.head, added.rel, added.tail) == ("Place:蓉城", "develops", "Industry:电子信息")
    assert [(m.start, m.end, m.sentence) for m in added.evidence] == [(0, len(S1), S1)]
    no_quote = _apply("add-relation\t成都\tbuilds\t天府实验室")
    assert no_quote.unmatched  # the two are never named in one document


def test_curation_unmatched_lines_are_reported_and_applying_is_deterministic():
    result = _apply("merge\t成都\t蓉城\nrename\t北京\t首都\n")
    assert [d.line for d in result.unmatched] == [2]
    again = apply_curation(list(reversed(_corpus())), parse_curation("merge\t成都\t蓉城", "c"))
    assert again.extractions == _apply("merge\t成都\t蓉城").extractions


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("combine\ta\tb", "curation.tsv:1: unknown operation 'combine'"),
        ("merge a b", "separate fields with tabs"),
        ("merge\t成都", "merge needs 2 tab-separated fields"),
        ("retype\t成都\tCity", "cannot retype to 'City'"),
        ("reject-relation\t成都\tbuild\t天府实验室", "unknown relation 'build'"),
        ("reject-observation\t成都\t产值\t一百亿", "is not a number"),
        ("merge\tPlce:成都\t蓉城", "'Plce' is not an entity type"),
        ("reject-entity\ta\tnote\tauthor\tmore", "takes at most 3 fields"),
    ],
)
def test_curation_bad_lines_name_the_file_line_and_fix(line, message):
    with pytest.raises(CurationError, match=message):
        parse_curation("# header\n" + line if "curation.tsv:1" not in message else line,
                       "curation.tsv")  # fmt: skip


def test_curation_file_that_cannot_be_read(tmp_path):
    with pytest.raises(CurationError, match="cannot read the curation file"):
        read_curation(tmp_path / "missing.tsv")
    (tmp_path / "gbk.tsv").write_bytes("merge\t成都\t蓉城".encode("gbk"))
    with pytest.raises(CurationError, match="not UTF-8"):
        read_curation(tmp_path / "gbk.tsv")
