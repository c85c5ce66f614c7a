"""The build pipeline: parallel, cached, incremental and distributed builds give the serial build's output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from kg.errors import InputError
from kg.pipeline import extraction
from kg.pipeline.build import build_corpus
from kg.pipeline.cache import ExtractionCache
from kg.pipeline.extraction import run_extraction
from kg.pipeline.fingerprints import compute_fingerprint, pipeline_version
from kg.pipeline.parallel import extract_file
from kg.rdf import turtle_text

#: The three smallest seed documents: enough for merging across files, quick to extract.
SMALL_SEEDS = sorted(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)[:3]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder holding copies of three seed documents."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in SMALL_SEEDS:
        shutil.copy(p, folder / p.name)
    return folder


def ttl(result) -> bytes:
    """The bytes ``graph.ttl`` gets for a build's graph."""
    return turtle_text(result.graph).encode("utf-8")


def fresh_ttl(folder: Path) -> bytes:
    """graph.ttl of a serial build of ``folder`` with no cache."""
    return ttl(build_corpus([folder], jobs=1, use_cache=False, validate=False))


def test_pipeline_parallel_build_matches_serial_byte_for_byte(corpus, tmp_path):
    serial = build_corpus([corpus], tmp_path / "serial", jobs=1, use_cache=False, validate=False)
    parallel = build_corpus(
        [corpus], tmp_path / "parallel", jobs=2, use_cache=False, validate=False
    )
    assert parallel.backend == "2 processes" and serial.backend == "serial"
    assert parallel.extracted == serial.extracted == 3
    assert (tmp_path / "parallel" / "graph.ttl").read_bytes() == (
        tmp_path / "serial" / "graph.ttl"
    ).read_bytes()
    assert not (tmp_path / "parallel" / ".cache").exists()


def test_pipeline_second_build_extracts_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = build_corpus([corpus], out, jobs=1, validate=False)
    assert (first.extracted, first.cached) == (3, 0)
    assert len(list((out / ".cache").rglob("*.json"))) == 3
    second = build_corpus([corpus], out, jobs=2, validate=False)
    assert (second.extracted, second.cached, second.backend) == (0, 3, "cache")
    assert ttl(second) == ttl(first)


def test_pipeline_changed_file_is_the_only_one_extracted(corpus, tmp_path):
    cache = tmp_path / "cache"
    build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    changed = corpus / SMALL_SEEDS[0].name
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text[: len(text) // 2], encoding="utf-8")
    again = build_corpus([corpus], jobs=2, cache_dir=cache, validate=False)
    assert (again.extracted, again.cached) == (1, 2)
    assert ttl(again) == fresh_ttl(corpus)


def test_pipeline_extracts_a_changed_file_in_a_worker_while_reading_the_cache(
    corpus, tmp_path, monkeypatch
):
    # With many cached documents to read and little to extract, the default
    # (no --jobs) extracts in one background worker, with the same output.
    monkeypatch.setattr(extraction, "BACKGROUND_MIN_HITS", 2)
    monkeypatch.setattr(extraction, "default_jobs", lambda: 2)  # as on any machine with two cores
    cache = tmp_path / "cache"
    build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    changed = corpus / SMALL_SEEDS[1].name
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n成都市建设科学城。\n", encoding="utf-8"
    )
    again = build_corpus([corpus], cache_dir=cache, validate=False)
    assert (again.extracted, again.cached, again.backend) == (1, 2, "1 process")
    assert ttl(again) == fresh_ttl(corpus)
    monkeypatch.setattr(extraction, "BACKGROUND_MIN_HITS", 3)  # too few hits: this process extracts
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n绵阳市建设科技城。\n", encoding="utf-8"
    )
    assert build_corpus([corpus], cache_dir=cache, validate=False).backend == "serial"


def test_pipeline_removed_file_takes_away_what_only_it_supported(corpus, tmp_path):
    out = tmp_path / "out"
    before = build_corpus([corpus], out, jobs=1, validate=False)
    gone = corpus / SMALL_SEEDS[1].name
    gone_id = next(
        d.id for d in before.graph.graph["documents"].values() if d.file_name == gone.name
    )
    only_there = {k for k, d in before.graph.nodes(data=True) if d["documents"] == [gone_id]}
    assert only_there, "the test needs entities that only the removed file mentions"
    gone.unlink()
    after = build_corpus([corpus], out, jobs=1, validate=False)
    assert (after.extracted, after.cached, after.documents) == (0, 2, 2)
    assert not only_there & set(after.graph.nodes)
    assert all(gone_id not in d["documents"] for _, d in after.graph.nodes(data=True))
    assert ttl(after) == fresh_ttl(corpus) == (out / "graph.ttl").read_bytes()


def test_pipeline_renamed_file_is_a_cache_hit_under_its_new_name(corpus, tmp_path):
    cache = tmp_path / "cache"
    build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    old = corpus / SMALL_SEEDS[2].name
    old.rename(corpus / "renamed.txt")
    again = build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    assert (again.extracted, again.cached) == (0, 3)
    assert "renamed.txt" in {d.file_name for d in again.graph.graph["documents"].values()}
    assert ttl(again) == fresh_ttl(corpus)


def test_pipeline_damaged_cache_entry_is_extracted_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    first = build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    entry = sorted(cache.rglob("*.json"))[0]
    entry.write_text(entry.read_text(encoding="utf-8")[:100], encoding="utf-8")
    again = build_corpus([corpus], jobs=1, cache_dir=cache, validate=False)
    assert (again.extracted, again.cached) == (1, 2)
    assert ttl(again) == ttl(first)


def test_pipeline_problems_are_reported_alike_in_parallel(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SMALL_SEEDS[0], folder / "a.txt")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.txt").write_text("   \n", encoding="utf-8")
    shutil.copy(SMALL_SEEDS[0], folder / "d.txt")
    (folder / "e.txt").write_text("   \n", encoding="utf-8")
    runs = {}
    for jobs in (1, 2):
        seen: list[str] = []
        run = run_extraction([folder], jobs=jobs, on_problem=seen.append)
        runs[jobs] = (len(run.extractions), seen)
    assert runs[1] == runs[2]
    count, seen = runs[2]
    assert count == 1
    assert [Path(m.split(":")[0]).name for m in seen] == ["b.txt", "c.txt", "d.txt", "e.txt"]
    assert "same bytes" in seen[2] and "empty" in seen[3]
    with pytest.raises(InputError, match=r"b\.txt"):
        run_extraction([folder], jobs=1, strict=True)


def test_pipeline_fingerprint_changes_with_rules_and_word_lists(tmp_path, monkeypatch):
    import kg.pipeline.fingerprints

    copy = tmp_path / "kg"
    shutil.copytree(
        ROOT / "kg" / "extract", copy / "extract", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "kg" / "corpus", copy / "corpus", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "kg" / "types.py", copy / "types.py")
    monkeypatch.setattr(kg.pipeline.fingerprints, "_KG_DIR", copy)
    base = compute_fingerprint()
    assert base == compute_fingerprint()
    from kg.extract import PIPELINE_VERSION

    assert pipeline_version() == PIPELINE_VERSION
    (copy / "extract" / "data" / "new_list.txt").write_text("新词\n", encoding="utf-8")
    with_list = compute_fingerprint()
    with (copy / "extract" / "entities.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# a rule edit\n")
    with_rule = compute_fingerprint()
    assert len({base, with_list, with_rule}) == 3
    cache = ExtractionCache(tmp_path / "c", fingerprint=base)
    assert cache.path_for("ab" * 32) != ExtractionCache(
        tmp_path / "c", fingerprint=with_rule
    ).path_for("ab" * 32)


_EXTRACT_ONE = "import sys; from kg.pipeline.parallel import extract_file; sys.stdout.write(extract_file(sys.argv[1]).extraction)"


def test_pipeline_extraction_does_not_depend_on_the_hash_seed():
    """Workers are separate processes with their own string-hash seeds: rules must not iterate sets in hash order."""
    doc = str(max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _EXTRACT_ONE, doc],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("2", "3")
    ]
    outputs = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert outputs[0] == outputs[1], (
        "extraction differs between PYTHONHASHSEED=2 and 3 (a rule iterates a set)"
    )


@pytest.mark.server
def test_pipeline_dask_build_matches_local_build(corpus):
    distributed = pytest.importorskip("distributed")
    local = build_corpus([corpus], jobs=1, use_cache=False, validate=False)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        remote = build_corpus(
            [corpus], scheduler=cluster.scheduler_address, use_cache=False, validate=False
        )
    assert remote.backend.startswith("Dask tcp://127.0.0.1:")
    assert remote.extracted == 3
    assert ttl(remote) == ttl(local)


def test_pipeline_unreachable_scheduler_is_a_clear_error(corpus, monkeypatch):
    import kg.pipeline.parallel
    from kg.pipeline.parallel import SchedulerError

    pytest.importorskip("distributed")
    monkeypatch.setattr(kg.pipeline.parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler"):
        build_corpus([corpus], scheduler="tcp://127.0.0.1:9", use_cache=False, validate=False)


def test_pipeline_worker_reports_unreadable_files_instead_of_raising(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    r = extract_file(str(empty))
    assert r.extraction is None and r.problem.startswith(str(empty)) and "empty" in r.problem


def test_pipeline_unguarded_script_falls_back_to_this_process(corpus, tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from kg.pipeline.extraction import run_extraction\n"
        f"run = run_extraction([{str(corpus)!r}], jobs=2)\n"
        "print(len(run.extractions), run.extracted)\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's kg, not an installed one
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["3", "3"]
    assert "__main__" in proc.stderr and "in this process" in proc.stderr
