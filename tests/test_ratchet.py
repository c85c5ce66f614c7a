"""The ratchet: scores on both development sets never fall below the recorded floors.

Both sets are built from the repository's own copies (``seeds/`` and
``tests/data/dev2/texts/``) and scored with ``kg evaluate`` against
``tests/data/gold/``. When the project's shared evaluation folder is beside the
checkout (``../shared``), ``kg evaluate`` is also compared with its reference
scorer, and the copied gold with the shared one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, run_kg

from kg.analysis.evaluate import evaluate

DATA = ROOT / "tests" / "data"
GOLD = {"seeds": DATA / "gold" / "seeds", "dev2": DATA / "gold" / "dev2"}
SCORE_PY = SHARED / "eval" / "score.py"
FLOOR_FILE = ROOT / "tests" / "dev_score_floor.json"


def floors(dev_set: str) -> dict[str, float]:
    """The F1 floors of one set; the seed set's are the file's top-level measures."""
    data = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    block = data.get(dev_set, data if dev_set == "seeds" else {})
    return {
        name: value
        for name, value in block.items()
        if not name.startswith("_") and isinstance(value, int | float)
    }


@pytest.fixture(scope="module")
def dev2_build(tmp_path_factory) -> Path:
    """Build the repository's copy of the dev2 texts once for this module."""
    out = tmp_path_factory.mktemp("dev2-build") / "out"
    proc = run_kg("build", str(DATA / "dev2" / "texts"), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(params=["seeds", "dev2"])
def dev_set(request) -> tuple[str, Path]:
    """A development set's name and its build folder."""
    build = "seed_build" if request.param == "seeds" else "dev2_build"
    return request.param, request.getfixturevalue(build)


def test_ratchet_floors_name_measures_of_both_sets():
    measures = {"entities", "relations", "observations"} | {
        f"type:{t}" for t in ("Place", "Program", "Industry", "Platform", "Organization")
    }
    for name in GOLD:
        assert floors(name), f"{FLOOR_FILE.name} has no floors for {name}"
        assert set(floors(name)) <= measures | {"entities_untyped", "relations_untyped"}


def test_ratchet_dev_scores_stay_above_the_floors(dev_set):
    name, build = dev_set
    scores = evaluate(build, GOLD[name])
    f1 = {measure: round(score.f1, 4) for measure, score in scores.measures.items()}
    below = {m: (f1[m], floor) for m, floor in floors(name).items() if f1[m] < floor}
    assert not below, (
        f"{name}: F1 below the floor (got, floor): {below}; all scores: {f1}; "
        f"run `kg evaluate OUT --gold {GOLD[name].relative_to(ROOT)} --show 30` to see what changed"
    )


needs_shared = pytest.mark.skipif(
    not SCORE_PY.exists(), reason=f"{SCORE_PY} is not beside the checkout (../shared)"
)


@needs_shared
def test_ratchet_evaluate_agrees_with_the_reference_scorer(dev_set, tmp_path):
    name, build = dev_set
    out = tmp_path / "reference.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORE_PY),
            "--gold",
            str(GOLD[name]),
            "--pred",
            str(build / "graph.ttl"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    reference = json.loads(out.read_text(encoding="utf-8"))
    ours = evaluate(build, GOLD[name]).to_dict()["scores"]
    assert set(ours) == {k for k in reference if not k.startswith("_")}
    for measure, score in ours.items():
        ref = reference[measure]
        assert [score[k] for k in ("tp", "fp", "fn")] == [ref[k] for k in ("tp", "fp", "fn")], (
            measure
        )
        for k in ("p", "r", "f1"):
            assert score[k] == pytest.approx(ref[k], abs=5e-4), (measure, k)


#: The repository's copies of the development data, and the shared originals.
COPIES = {
    "gold/seeds": (GOLD["seeds"], SHARED / "eval" / "gold"),
    "gold/dev2": (GOLD["dev2"], SHARED / "eval" / "dev2" / "gold"),
    "dev2/texts": (DATA / "dev2" / "texts", SHARED / "eval" / "dev2" / "texts"),
}


@needs_shared
@pytest.mark.parametrize("copy", sorted(COPIES))
def test_ratchet_copied_dev_data_match_the_shared_originals(copy):
    ours, theirs = COPIES[copy]
    copied = {p.name: p.read_bytes() for p in ours.iterdir() if p.is_file()}
    shared = {p.name: p.read_bytes() for p in theirs.iterdir() if p.is_file()}
    assert copied == shared, f"tests/data/{copy} differs from {theirs}; copy the originals again"
