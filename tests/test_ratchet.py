"""The ratchet: dev-set scores of the seed graph never fall below the recorded floors."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "tests" / "dev_score_floor.json").read_text(encoding="utf-8"))


def test_ratchet_dev_scores_stay_above_the_floors(seed_build, tmp_path):
    score_py = SHARED / "eval" / "score.py"
    assert score_py.exists(), (
        f"{score_py} is missing: the dev set lives in ../shared beside the checkout"
    )
    out = tmp_path / "scores.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(score_py),
            "--gold",
            str(SHARED / "eval" / "gold"),
            "--pred",
            str(seed_build / "graph.ttl"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(out.read_text(encoding="utf-8"))
    below = {
        name: (scores[name]["f1"], floor)
        for name, floor in FLOORS.items()
        if not name.startswith("_") and scores[name]["f1"] < floor
    }
    assert not below, f"dev F1 below the floor (got, floor): {below}\n{proc.stdout}"
