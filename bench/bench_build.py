"""Benchmark the build: extraction throughput per worker count, memory, incremental rebuilds.

    .venv/bin/python bench/bench_build.py --scale 10            # ~2 MB, 50 documents, a few minutes on 2 cores
    .venv/bin/python bench/bench_build.py --corpus /tmp/c100    # an existing corpus (bench/corpus_gen.py)

Every measurement runs in a fresh child process (so each pays its own
jieba/spaCy load, as ``kg build`` does), and the peak RSS is the largest sum
over that child and all its descendants (the forkserver and pool workers),
sampled every 0.1 s. It reports:

* raw ``jieba.posseg.lcut`` throughput over the normalised text of every
  document (the lexicon loaded into jieba, as in the pipeline);
* the extraction stage (read, normalise, extract, JSON round trip; no cache)
  with 1 and 2 workers: documents/s, KB/s of input files, peak RSS, and the
  ratio of per-worker extraction throughput to raw jieba;
* full ``build_corpus`` runs (SHACL validation and every output file, as
  ``kg build``): cold cache, after changing one document, and unchanged,
  with the time of each stage.

This is a benchmark, not a test: nothing here asserts a number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# ---------------------------------------------------------------- children


def child_raw(corpus: Path) -> dict:
    """Raw jieba.posseg.lcut over the normalised text of every document."""
    c0 = time.process_time()
    import jieba.posseg

    from kg.corpus.files import find_files, read_document
    from kg.pipeline.parallel import load_worker

    t, c = time.perf_counter(), time.process_time()
    load_worker()
    # load_cpu: what a pool worker spends before its first document (imports + load)
    load, load_cpu = time.perf_counter() - t, time.process_time() - c0
    texts = [d.text for d in (read_document(p) for p in find_files([corpus])) if d is not None]
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.posseg.lcut(text)
    return {
        "load_seconds": load,
        "load_cpu": load_cpu,
        "seconds": time.perf_counter() - t,
        "cpu": time.process_time() - c,
        "chars": sum(map(len, texts)),
    }


def child_extract(corpus: Path, jobs: int) -> dict:
    """The extraction stage alone, no cache; with ``jobs`` 1 it runs in this process.

    With one job the pipeline is loaded first, so ``cpu`` is the CPU time of
    extraction proper (read, normalise, extract, JSON round trip).
    """
    from kg.pipeline.extraction import run_extraction
    from kg.pipeline.parallel import load_worker

    start = time.perf_counter()
    if jobs == 1:
        load_worker()
    t, c = time.perf_counter(), time.process_time()
    run = run_extraction([corpus], jobs=jobs)
    end = time.perf_counter()
    # seconds: without a serial run's load (a pool's start-up is inside it);
    # with_load: the stage as `kg build --jobs N` pays it, load included either way
    return {
        "seconds": end - t,
        "with_load": end - start,
        "cpu": time.process_time() - c,
        "documents": len(run.extractions),
        "backend": run.backend,
    }


def child_build(corpus: Path, out: Path, jobs: int) -> dict:
    """One ``build_corpus`` run, as ``kg build CORPUS -o OUT --jobs JOBS``."""
    import resource

    from kg.pipeline.build import build_corpus

    r = build_corpus([corpus], out, jobs=jobs, validate=True, on_problem=lambda m: None)
    return {
        "seconds": r.seconds,
        "timings": r.timings,
        "extracted": r.extracted,
        "cached": r.cached,
        "triples": r.triples,
        "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# ---------------------------------------------------------------- parent


def run_child(*args: str) -> tuple[dict, dict]:
    """Run this script as a child; return its JSON result and what its process tree used.

    The usage dict has ``rss_mb`` (peak of the summed RSS), ``cpu`` (CPU
    seconds summed over the processes) and ``cpu_max`` (the busiest one's),
    sampled every 0.1 s.
    """
    import psutil

    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    ps = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
        except psutil.Error:
            procs = []
        rss = 0
        for p in procs:
            try:
                with p.oneshot():
                    rss += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{err[-3000:]}")
    usage = {
        "rss_mb": peak / 2**20,
        "cpu": sum(cpu.values()),
        "cpu_max": max(cpu.values(), default=0),
        "cpu_others": sum(v for pid, v in cpu.items() if pid != proc.pid),
    }
    return json.loads(out.strip().splitlines()[-1]), usage


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    import psutil

    return (
        f"{cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def corpus_size(corpus: Path) -> tuple[int, int]:
    files = [p for p in corpus.rglob("*.txt")]
    return len(files), sum(p.stat().st_size for p in files)


def change_one(corpus: Path) -> Path:
    """Append a paragraph to one document (the middle one) and return its path."""
    files = sorted(corpus.rglob("*.txt"))
    target = files[len(files) // 2]
    with target.open("a", encoding="utf-8") as fh:
        fh.write("\n\n2030年，绵阳市数字经济核心产业增加值达到1234亿元。\n")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--scale", type=int, default=10, help="copies of each seed to generate (default 10, ~2 MB)"
    )
    ap.add_argument("--corpus", type=Path, help="benchmark this folder instead of generating one")
    ap.add_argument(
        "--jobs", default="1,2", help="worker counts for the extraction stage (default 1,2)"
    )
    ap.add_argument(
        "--build-jobs", type=int, default=2, help="workers for the full builds (default 2)"
    )
    ap.add_argument("--no-build", action="store_true", help="skip the full and incremental builds")
    ap.add_argument(
        "--no-extract",
        action="store_true",
        help="skip the raw jieba and extraction-stage measurements",
    )
    ap.add_argument(
        "--full-only",
        action="store_true",
        help="run only the cold full build (no incremental ones)",
    )
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        mode, *rest = args.child
        if mode == "raw":
            result = child_raw(Path(rest[0]))
        elif mode == "extract":
            result = child_extract(Path(rest[0]), int(rest[1]))
        else:
            result = child_build(Path(rest[0]), Path(rest[1]), int(rest[2]))
        print(json.dumps(result))
        return 0

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        if args.corpus:
            corpus = args.corpus
        else:
            sys.path.insert(0, str(HERE))
            from corpus_gen import generate

            corpus = work / "corpus"
            generate(ROOT / "seeds", corpus, args.scale)
        n_docs, n_bytes = corpus_size(corpus)
        kb = n_bytes / 1024
        say = lambda line: print(line, flush=True)  # noqa: E731
        say(f"machine: {machine()}")
        say(f"load average at start: {os.getloadavg()[0]:.2f}")
        say(f"corpus: {corpus} ({n_docs} files, {n_bytes / 1e6:.2f} MB)\n")

        if not args.no_extract:
            raw, raw_use = run_child("raw", str(corpus))
            raw_kbs = kb / raw["cpu"]
            load = raw["load_cpu"]
            say(
                "| stage | workers | wall s | docs/s (wall) | KB/s (wall) | CPU s (all processes) | KB per CPU-s per worker | vs raw jieba | peak RSS MB |"
            )
            say("|---|---|---|---|---|---|---|---|---|")
            say(
                f"| raw jieba.posseg.lcut | 1 | {raw['seconds']:.1f} | {n_docs / raw['seconds']:.2f} | {kb / raw['seconds']:.0f} | "
                f"{raw['cpu']:.1f} | {raw_kbs:.0f} | 100% | {raw_use['rss_mb']:.0f} |"
            )
            ext: dict[int, tuple[dict, dict]] = {}
            for jobs in [int(j) for j in args.jobs.split(",")]:
                r, use = run_child("extract", str(corpus), str(jobs))
                ext[jobs] = (r, use)
                # one job: the child's own CPU after loading; more: the workers' CPU less their start-up
                cpu = r["cpu"] if jobs == 1 else use["cpu_others"] - jobs * load
                say(
                    f"| extraction ({r['backend']}) | {jobs} | {r['seconds']:.1f} | {n_docs / r['seconds']:.2f} | "
                    f"{kb / r['seconds']:.0f} | {use['cpu']:.1f} | {kb / cpu:.0f} | {kb / cpu / raw_kbs:.0%} | {use['rss_mb']:.0f} |"
                )
            say(
                f"\njieba/spaCy/lexicon load: {raw['load_seconds']:.1f} s wall; start-up {load:.1f} CPU s per process (imports + load, once per worker)"
            )
            if 1 in ext and 2 in ext:
                (r1, _), (r2, u2) = ext[1], ext[2]
                ideal1 = r1["cpu"] + load
                # two cores to itself: the busiest process, or half the total CPU, whichever is longer
                ideal2 = max(u2["cpu_max"], u2["cpu"] / 2)
                say(
                    f"2 workers vs 1, measured wall time, start-up included on both sides: "
                    f"{r1['with_load']:.1f} s / {r2['with_load']:.1f} s = {r1['with_load'] / r2['with_load']:.2f}x "
                    f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
                )
                say(
                    f"2 workers vs 1, measured wall time, the serial run's load left out: {r1['seconds'] / r2['seconds']:.2f}x"
                )
                say(
                    f"2 workers vs 1, from CPU time on 2 otherwise idle cores: {ideal1:.1f} s / {ideal2:.1f} s = {ideal1 / ideal2:.2f}x"
                )
            say("")

        if not args.no_build:
            out = work / "out"
            rows = []
            full, use_full = run_child("build", str(corpus), str(out), str(args.build_jobs))
            rows.append(("full (cold cache)", full, use_full))
            if not args.full_only:
                change_one(corpus)
                inc, use_inc = run_child("build", str(corpus), str(out), str(args.build_jobs))
                rows.append((f"changed 1 of {n_docs}", inc, use_inc))
                same, use_same = run_child("build", str(corpus), str(out), str(args.build_jobs))
                rows.append(("unchanged", same, use_same))
            stages = ("extract", "graph", "rdf", "validate", "export")
            say(
                f"full builds, --jobs {args.build_jobs}, SHACL validation and all outputs ({full['triples']} triples):\n"
            )
            say(
                "| build | extracted | cached | "
                + " | ".join(stages)
                + " | total s | % of full | CPU s | % of full CPU | peak RSS MB (main) |"
            )
            say("|---|---|---|" + "---|" * len(stages) + "---|---|---|---|---|")
            for name, r, use in rows:
                say(
                    f"| {name} | {r['extracted']} | {r['cached']} | "
                    + " | ".join(f"{r['timings'].get(s, 0):.1f}" for s in stages)
                    + f" | {r['seconds']:.1f} | {r['seconds'] / full['seconds']:.0%} | {use['cpu']:.0f} | "
                    f"{use['cpu'] / use_full['cpu']:.0%} | {use['rss_mb']:.0f} ({r['main_peak_mb']:.0f}) |"
                )
            if not args.full_only:
                say(
                    f"\nextraction stage alone, changed 1 of {n_docs}: "
                    f"{inc['timings']['extract'] / full['timings']['extract']:.0%} of the cold extraction stage"
                )
        say(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
