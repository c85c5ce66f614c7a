"""kg evaluate on small invented gold and predictions: each scoring rule of the annotation format."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal

from kg.analysis.evaluate import Scores, evaluate, score
from kg.analysis.gold import (
    ENTITY_CLASSES,
    RELATION_PROPERTIES,
    base_value,
    normalize_name,
    read_gold,
    values_match,
)
from kg.analysis.predictions import predictions_from_graph
from kg.cli import main
from kg.errors import GraphFileError, InputError
from kg.vocab import KG, KGR

# ---------------------------------------------------------------- helpers: invented gold and graphs


def ent(name, etype="Place", aliases=(), status="core"):
    return {"name": name, "type": etype, "aliases": list(aliases), "status": status}


def rel(head, rel_name, tail, status="core"):
    return {"head": head, "rel": rel_name, "tail": tail, "status": status, "evidence": ""}


def obs(subject, value, unit="个", alt_subjects=(), indicator="指标", status="core"):
    return {
        "subject": subject,
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "year": None,
        "alt_subjects": list(alt_subjects),
        "status": status,
        "evidence": "",
    }


def write_gold(folder: Path, *docs: dict) -> Path:
    """One gold file per dict (keys entities, relations, observations)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        data = {"doc": f"{i}.txt", "entities": [], "relations": [], "observations": [], **doc}
        (folder / f"{i}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def graph(entities=(), relations=(), observations=()) -> Graph:
    """A build's graph: entities (key, type or types, label, alternative labels),
    relations (head key, rel, tail key), observations (subject key, value)."""
    g = Graph()
    for key, types, label, *alts in entities:
        node = KGR[key]
        for t in [types] if isinstance(types, str) else types:
            g.add((node, RDF.type, ENTITY_CLASSES[t]))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, SKOS.prefLabel, Literal(label)))
        for alt in alts:
            g.add((node, SKOS.altLabel, Literal(alt)))
    for head, rel_name, tail in relations:
        g.add((KGR[head], RELATION_PROPERTIES[rel_name], KGR[tail]))
    for i, (subject, value) in enumerate(observations):
        node = KGR[f"obs{i}"]
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.subject, KGR[subject]))
        g.add((node, KG.value, Literal(Decimal(str(value)))))
    return g


def scores_for(tmp_path: Path, g: Graph, *docs: dict) -> Scores:
    return score(read_gold(write_gold(tmp_path / "gold", *docs)), predictions_from_graph(g))


def counts(scores: Scores, measure: str) -> tuple[int, int, int]:
    s = scores.measures[measure]
    return s.tp, s.fp, s.fn


# ---------------------------------------------------------------- names and values


def test_evaluate_normalize_name_folds_width_script_marks_and_space():
    assert normalize_name("青禾數據中心") == "青禾数据中心"
    assert normalize_name("《青禾 智造\u3000计划》") == "青禾智造计划"
    assert normalize_name("“ＡＩ＋”「行动」『二』〈三〉‘四’\"五\"'六'") == "AI+行动二三四五六"


@given(
    st.text(alphabet="青禾市數據中心ＡＢ12+", max_size=12),
    st.text(alphabet="青禾市數據中心ＡＢ12+", max_size=12),
    st.sampled_from(list("“”‘’\"'「」『』《》〈〉 \u3000\t")),
)
def test_evaluate_normalize_name_ignores_marks_anywhere_and_is_idempotent(a, b, mark):
    assert normalize_name(a + mark + b) == normalize_name(a + b)
    assert normalize_name(normalize_name(a + b)) == normalize_name(a + b)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (3.8, "亿元", 380_000_000),
        (1.15, "万", 11_500),
        (2, "万亿元", 2_000_000_000_000),
        (12, "%", 12),
        (7, None, 7),
        (5, "千瓦", 5),  # 千 alone is part of a unit, not a scale word
    ],
)
def test_evaluate_base_value_multiplies_out_scale_words(value, unit, expected):
    assert base_value(value, unit) == pytest.approx(expected)


def test_evaluate_values_match_within_half_a_percent():
    assert values_match(1000, 1004.9) and values_match(1000, 995.1) and values_match(1000, 1000)
    assert not values_match(1000, 1005.2) and not values_match(1000, 994.8)
    assert values_match(0, 0) and not values_match(0, 0.001)


# ---------------------------------------------------------------- entities


def test_evaluate_entities_match_through_aliases(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", "Place", "青禾"), ("b", "Place", "云岭省政府驻地", "澄湖市")]),
        {"entities": [ent("青禾市", aliases=["青禾"]), ent("澄湖市")]},
    )
    assert counts(s, "entities") == (2, 0, 0)
    assert s.measures["entities"].f1 == 1.0


def test_evaluate_entities_match_traditional_names(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", "Platform", "銀杉數據中心"), ("b", "Program", "《青禾智造計劃》")]),
        {"entities": [ent("银杉数据中心", "Platform"), ent("青禾智造计划", "Program")]},
    )
    assert counts(s, "entities") == (2, 0, 0)


def test_evaluate_borderline_entities_count_neither_way(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", "Place", "青禾市"), ("b", "Platform", "银杉总部"), ("c", "Place", "雾港")]),
        {"entities": [ent("青禾市"), ent("银杉总部", "Platform", status="borderline")]},
    )
    # 银杉总部 is neither right nor wrong; 雾港 is wrong; the borderline item is not to be found
    assert counts(s, "entities") == (1, 1, 0)
    assert s.measures["entities"].precision == 0.5
    assert s.measures["entities"].recall == 1.0
    assert s.missed["entities"] == [] and s.spurious["entities"] == ["雾港 (Place)"]


def test_evaluate_missing_borderline_entity_does_not_lower_recall(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", "Place", "青禾市")]),
        {"entities": [ent("青禾市"), ent("银杉总部", "Platform", status="borderline")]},
    )
    assert s.measures["entities"].recall == 1.0


def test_evaluate_wrong_type_counts_only_untyped(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", "Organization", "南湖实验室")]),
        {"entities": [ent("南湖实验室", "Platform")]},
    )
    assert counts(s, "entities") == (0, 1, 1)
    assert counts(s, "entities_untyped") == (1, 0, 0)
    assert counts(s, "type:Organization") == (0, 1, 0)
    assert counts(s, "type:Platform") == (0, 0, 1)


def test_evaluate_scores_each_type_on_its_own(tmp_path):
    s = scores_for(
        tmp_path,
        graph(
            [
                ("a", "Place", "青禾市"),
                ("b", "Place", "雾港"),
                ("c", "Industry", "晶谷光材"),
                ("d", "Organization", "北辰大学"),
            ]
        ),
        {
            "entities": [
                ent("青禾市"),
                ent("澄湖市"),
                ent("晶谷光材", "Industry"),
                ent("北辰大学", "Organization"),
            ]
        },
    )
    assert counts(s, "type:Place") == (1, 1, 1)
    assert counts(s, "type:Industry") == (1, 0, 0)
    assert counts(s, "type:Organization") == (1, 0, 0)
    assert counts(s, "type:Program") == (0, 0, 0)
    assert s.measures["type:Program"].f1 == 0.0
    assert set(s.measures) == {
        "entities",
        "entities_untyped",
        *(f"type:{t}" for t in ENTITY_CLASSES),
        "relations",
        "relations_untyped",
        "observations",
    }


def test_evaluate_entity_with_two_types_counts_in_each_type(tmp_path):
    s = scores_for(
        tmp_path,
        graph([("a", ["Place", "Platform"], "青禾高新区")]),
        {"entities": [ent("青禾高新区", "Place")]},
    )
    assert counts(s, "entities") == (1, 0, 0)
    assert counts(s, "type:Place") == (1, 0, 0)
    assert counts(s, "type:Platform") == (0, 1, 0)


def test_evaluate_recall_counts_distinct_gold_entities(tmp_path):
    # two predicted spellings of one gold entity: both right, but one item found
    s = scores_for(
        tmp_path,
        graph([("a", "Place", "青禾市"), ("b", "Place", "青禾")]),
        {"entities": [ent("青禾市", aliases=["青禾"]), ent("澄湖市")]},
    )
    assert counts(s, "entities") == (2, 0, 1)
    assert s.measures["entities"].recall == 0.5


def test_evaluate_merges_gold_entities_across_files_and_core_wins(tmp_path):
    s = scores_for(
        tmp_path,
        graph([]),
        {"entities": [ent("青禾市", status="borderline")]},
        {"entities": [ent("青禾市", aliases=["青禾"])]},
    )
    assert counts(s, "entities") == (0, 0, 1)
    assert s.missed["entities"] == ["青禾市 (Place)"]


# ---------------------------------------------------------------- relations


PLACES = [ent("青禾市"), ent("澄湖市"), ent("晶谷光材", "Industry")]


def test_evaluate_cooperates_with_matches_either_direction(tmp_path):
    entities = [("q", "Place", "青禾市"), ("c", "Place", "澄湖市")]
    gold = {"entities": PLACES, "relations": [rel("青禾市", "cooperatesWith", "澄湖市")]}
    reverse = scores_for(tmp_path / "1", graph(entities, [("c", "cooperatesWith", "q")]), gold)
    assert counts(reverse, "relations") == (1, 0, 0)


def test_evaluate_other_relations_match_only_forward_unless_untyped(tmp_path):
    entities = [("q", "Place", "青禾市"), ("c", "Place", "澄湖市")]
    gold = {"entities": PLACES, "relations": [rel("青禾市", "locatedIn", "澄湖市")]}
    s = scores_for(tmp_path, graph(entities, [("c", "locatedIn", "q")]), gold)
    assert counts(s, "relations") == (0, 1, 1)
    assert counts(s, "relations_untyped") == (1, 0, 0)
    assert s.spurious["relations"] == ["澄湖市 locatedIn 青禾市"]
    assert s.missed["relations"] == ["青禾市 locatedIn 澄湖市"]


def test_evaluate_relation_ends_match_through_aliases_and_traditional_names(tmp_path):
    entities = [("q", "Place", "青禾"), ("i", "Industry", "晶谷光材產業")]
    gold = {
        "entities": [
            ent("青禾市", aliases=["青禾"]),
            ent("晶谷光材", "Industry", ["晶谷光材产业"]),
        ],
        "relations": [rel("青禾市", "develops", "晶谷光材")],
    }
    s = scores_for(tmp_path, graph(entities, [("q", "develops", "i")]), gold)
    assert counts(s, "relations") == (1, 0, 0)


def test_evaluate_wrong_relation_counts_only_untyped(tmp_path):
    entities = [("q", "Place", "青禾市"), ("i", "Industry", "晶谷光材")]
    gold = {"entities": PLACES, "relations": [rel("青禾市", "develops", "晶谷光材")]}
    s = scores_for(tmp_path, graph(entities, [("q", "focusesOn", "i")]), gold)
    assert counts(s, "relations") == (0, 1, 1)
    assert counts(s, "relations_untyped") == (1, 0, 0)


def test_evaluate_borderline_relation_and_relation_in_two_files(tmp_path):
    entities = [("q", "Place", "青禾市"), ("c", "Place", "澄湖市"), ("i", "Industry", "晶谷光材")]
    doc = {
        "entities": PLACES,
        "relations": [
            rel("青禾市", "develops", "晶谷光材"),
            rel("澄湖市", "develops", "晶谷光材", status="borderline"),
        ],
    }
    s = scores_for(
        tmp_path, graph(entities, [("q", "develops", "i"), ("c", "develops", "i")]), doc, doc
    )
    # the same relation annotated in two files is one item to find
    assert counts(s, "relations") == (1, 0, 0)
    assert s.measures["relations"].precision == 1.0


# ---------------------------------------------------------------- observations


def test_evaluate_observation_matches_alt_subjects(tmp_path):
    entities = [("q", "Place", "青禾市"), ("i", "Industry", "晶谷光材")]
    gold = {
        "entities": PLACES,
        "observations": [obs("晶谷光材", 24.9, "%", alt_subjects=["青禾市"])],
    }
    s = scores_for(tmp_path, graph(entities, observations=[("q", 24.9)]), gold)
    assert counts(s, "observations") == (1, 0, 0)
    s = scores_for(tmp_path / "2", graph(entities, observations=[("i", 24.9)]), gold)
    assert counts(s, "observations") == (1, 0, 0)


def test_evaluate_observation_needs_subject_and_value_within_tolerance(tmp_path):
    entities = [("q", "Place", "青禾市"), ("c", "Place", "澄湖市")]
    gold = {"entities": PLACES, "observations": [obs("青禾市", 146)]}
    predicted = [("q", 146.7), ("q", 147), ("c", 146), ("nowhere", 146)]
    s = scores_for(tmp_path, graph(entities, observations=predicted), gold)
    assert counts(s, "observations") == (1, 3, 0)
    assert s.spurious["observations"] == [
        f"{KGR['nowhere']} 146",
        "澄湖市 146",
        "青禾市 147",
    ]


def test_evaluate_observation_units_with_scale_words(tmp_path):
    entities = [("q", "Place", "青禾市"), ("c", "Place", "澄湖市")]
    gold = {
        "entities": PLACES,
        "observations": [obs("青禾市", 3.8, "亿元"), obs("澄湖市", 1.15, "万人")],
    }
    s = scores_for(
        tmp_path, graph(entities, observations=[("q", 380_000_000), ("c", 11_520)]), gold
    )
    assert counts(s, "observations") == (2, 0, 0)


def test_evaluate_borderline_observation_counts_neither_way(tmp_path):
    entities = [("q", "Place", "青禾市")]
    gold = {
        "entities": PLACES,
        "observations": [obs("青禾市", 5, status="borderline"), obs("青禾市", 9)],
    }
    s = scores_for(tmp_path, graph(entities, observations=[("q", 5)]), gold)
    assert counts(s, "observations") == (0, 0, 1)
    assert s.missed["observations"] == ["青禾市 指标 9"]


# ---------------------------------------------------------------- files, errors and the command


def test_evaluate_reads_a_build_folder_or_its_graph_file(tmp_path):
    gold = write_gold(tmp_path / "gold", {"entities": [ent("青禾市"), ent("澄湖市")]})
    out = tmp_path / "out"
    out.mkdir()
    graph([("q", "Place", "青禾市")]).serialize(out / "graph.ttl", format="turtle")
    by_folder, by_file = evaluate(out, gold), evaluate(out / "graph.ttl", gold)
    assert by_folder.to_dict() == by_file.to_dict()
    assert counts(by_folder, "entities") == (1, 0, 1)
    assert by_folder.measures["entities"].f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"entities": [{"name": "青禾市"}]}, "entity 1 has no 'type'"),
        ({"entities": [ent("青禾市", "City")]}, "entity 1 has type 'City'; use one of Place"),
        ({"relations": [rel("青禾市", "near", "澄湖市")]}, "relation 1 has rel 'near'"),
        ({"observations": [obs("青禾市", "许多")]}, "observation 1 has value '许多'"),
    ],
)
def test_evaluate_gold_errors_say_which_item(tmp_path, doc, message):
    write_gold(tmp_path / "gold", doc)
    with pytest.raises(InputError, match=message):
        read_gold(tmp_path / "gold")


def test_evaluate_gold_errors_for_missing_empty_and_broken_folders(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_gold(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=re.escape("no *.json gold files")):
        read_gold(tmp_path / "empty")
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape("bad.json: not JSON")):
        read_gold(tmp_path / "bad.json")


def test_evaluate_no_graph_is_a_graph_file_error(tmp_path):
    gold = write_gold(tmp_path / "gold", {"entities": [ent("青禾市")]})
    with pytest.raises(GraphFileError, match="no graph here"):
        evaluate(tmp_path, gold)
    (tmp_path / "graph.ttl").write_text("not turtle at all", encoding="utf-8")
    with pytest.raises(GraphFileError, match="not a readable RDF graph"):
        evaluate(tmp_path, gold)


@pytest.fixture
def small_build(tmp_path) -> tuple[Path, Path]:
    gold = write_gold(
        tmp_path / "gold",
        {
            "entities": PLACES,
            "relations": [rel("青禾市", "develops", "晶谷光材")],
            "observations": [obs("青禾市", 146)],
        },
    )
    out = tmp_path / "out"
    out.mkdir()
    g = graph(
        [("q", "Place", "青禾市"), ("i", "Industry", "晶谷光材"), ("w", "Place", "雾港")],
        [("q", "develops", "i")],
        [("q", 146), ("w", 3)],
    )
    g.serialize(out / "graph.ttl", format="turtle")
    return out, gold


def test_evaluate_cli_json_format(small_build, capsys):
    out, gold = small_build
    assert main(["evaluate", str(out), "--gold", str(gold), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"scores", "missed", "spurious"}
    assert result["scores"]["entities"] == {
        "p": 0.6667,
        "r": 0.6667,
        "f1": 0.6667,
        "tp": 2,
        "fp": 1,
        "fn": 1,
    }
    assert result["scores"]["relations"]["f1"] == 1.0
    assert result["scores"]["observations"] == {
        "p": 0.5,
        "r": 1.0,
        "f1": 0.6667,
        "tp": 1,
        "fp": 1,
        "fn": 0,
    }
    assert result["missed"]["entities"] == ["澄湖市 (Place)"]
    assert result["spurious"] == {
        "entities": ["雾港 (Place)"],
        "relations": [],
        "observations": ["雾港 3"],
    }


def test_evaluate_cli_table_lists_what_show_asks_for(small_build, capsys):
    out, gold = small_build
    assert main(["evaluate", str(out), "--gold", str(gold), "--show", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["measure", "P", "R", "F1", "tp", "fp", "fn"]
    assert lines[1].split() == ["entities", "0.667", "0.667", "0.667", "2", "1", "1"]
    assert "missed entities:" in lines and "  澄湖市 (Place)" in lines
    assert "spurious observations:" in lines and "  雾港 3" in lines


def test_evaluate_cli_errors_exit_1_with_one_line(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path), "--gold", str(tmp_path / "gold")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err
