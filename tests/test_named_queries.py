"""Every named question in queries/ documents itself and answers on the seed graph."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_kg

from kg.sparql.query import named_query, query_names, run_query

NAMES = query_names()


def test_named_queries_there_are_at_least_ten():
    assert len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_named_queries_say_what_they_answer(name):
    head = named_query(name).splitlines()[:6]
    assert any(line.startswith("# title:") for line in head), name
    assert any(line.startswith("# answers:") for line in head), name


#: Questions about curation answer on a build with a curation file; the seeds have none.
CURATED = {"curation_decisions"}


@pytest.mark.parametrize("name", NAMES)
def test_named_queries_answer_on_the_seed_graph(request, name):
    graph = request.getfixturevalue("curated_build" if name in CURATED else "seed_build")
    result = run_query(graph, named_query(name))
    if result.boolean is not None:
        assert result.boolean, name
    else:
        assert result.rows, f"{name} returned no rows on the seed graph"
        # every row binds its first variable: no empty shells
        assert all(row[0] not in (None, "") for row in result.rows), name


def test_named_queries_run_from_the_cli(seed_build):
    proc = run_kg(
        "query", str(seed_build), "--name", "evidence_for_triple", "--format", "json", cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    relations = {
        "locatedIn",
        "develops",
        "implements",
        "builds",
        "focusesOn",
        "cooperatesWith",
        "partOf",
    }
    assert rows and {row["relationName"] for row in rows} <= relations
    assert all(row["sentence"] and row["fileName"].endswith(".txt") for row in rows)
