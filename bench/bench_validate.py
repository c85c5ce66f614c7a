"""SHACL validation of a large graph: pyshacl (the reference) against the shapes compiled to SPARQL.

Makes a synthetic graph shaped like the graph stage's output (the generator
of ``bench_html.py``: the five entity types in the seed corpus's
proportions, the seven relations between the types they join, heavy-tailed
mentions with their sentences), sized to about ``--triples`` RDF triples,
writes its Turtle (:func:`kg.rdf.turtle_text`) and validates it with the
project's shapes four ways, each in a fresh process (so its peak memory is
its own):

- ``compiler``: :func:`kg.validate.validate_store` over an Oxigraph store,
  what ``kg build`` runs (the store loaded from the Turtle first, timed apart);
- ``compiler-focus``: the same, checking only ``--focus`` entity IRIs (what an
  incremental build checks after a small change);
- ``pyshacl``: :func:`kg.validate.reference.validate` (pyshacl over an rdflib
  graph, the ontology mixed in, SHACL-AF on: ``kg validate --engine pyshacl``);
- ``pyshacl-focus``: pyshacl with ``focus_nodes`` (pyshacl 0.26+), same nodes.

Both engines must report the same results where both run (checked). The
table is printed, or with ``--write`` replaces ``bench/VALIDATE.md`` (which
now holds two runs' tables, put together from their printed output).

pyshacl can have a time cap and a memory cap of its own (``--pyshacl-timeout``,
``--pyshacl-memory-mb``, an address-space limit on its process): a run that
passes either is stopped and reported as such, with its load time if it got
that far, so a large size can be tried without swapping out the machine.

Run: ``.venv/bin/python bench/bench_validate.py --triples 1000000 --write``
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

#: Triples per node of the generator at its default shape (measured: 1 node ≈ 2 edges ≈ 60 triples).
TRIPLES_PER_NODE = 60


def make_turtle(triples: int, folder: Path, seed: int = 0) -> tuple[Path, list[str]]:
    """Write the synthetic graph's Turtle into ``folder``; return its path and the entity IRIs."""
    from bench_html import synthetic_graph

    from kg.rdf import turtle_text
    from kg.rdf.blocks import entity_iri_map
    from kg.types import DocumentInfo

    nodes = max(50, triples // TRIPLES_PER_NODE)
    G = synthetic_graph(nodes=nodes, edges=2 * nodes, docs=max(20, nodes // 25), seed=seed)
    # the generator numbers mentions across the corpus: make each document long enough to hold them
    end = max((m.end for _, d in G.nodes(data=True) for m in d["mentions"]), default=0) + 1
    G.graph["documents"] = {
        k: DocumentInfo(d.id, d.file_name, d.sha256, d.title, end)
        for k, d in G.graph["documents"].items()
    }
    iris = entity_iri_map(G)
    path = folder / "graph.ttl"
    path.write_text(turtle_text(G, iris), encoding="utf-8")
    return path, sorted(iris.values())


def run_engine(engine: str, ttl: Path, focus: list[str]) -> dict:
    """Validate ``ttl`` with one engine in this process; timings in seconds, memory in MB."""
    import pyoxigraph as ox

    t = time.perf_counter()
    if engine.startswith("compiler"):
        from kg.validate import validate_store

        store = ox.Store()
        store.bulk_load(ttl.read_bytes(), ox.RdfFormat.TURTLE)
        triples = len(store)
        load = time.perf_counter() - t
        _progress(triples, load)
        t = time.perf_counter()
        report = validate_store(store, focus=focus if engine.endswith("focus") else None)
    else:
        import pyshacl
        import rdflib

        from kg.resources import ontology_path, shapes_path
        from kg.validate.reference import _results, validate

        g = rdflib.Graph()
        g.parse(ttl, format="turtle")
        triples = len(g)
        load = time.perf_counter() - t
        _progress(triples, load)
        t = time.perf_counter()
        if engine == "pyshacl":
            report = validate(g)
        else:
            shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
            ontology = rdflib.Graph().parse(ontology_path(), format="turtle")
            _, graph, _ = pyshacl.validate(
                g,
                shacl_graph=shapes,
                ont_graph=ontology,
                inference="none",
                advanced=True,
                allow_warnings=True,
                focus_nodes=[rdflib.URIRef(n) for n in focus],
            )
            report = type("R", (), {"results": _results(graph)})
    seconds = time.perf_counter() - t
    return {
        "engine": engine,
        "triples": triples,
        "load_s": round(load, 2),
        "validate_s": round(seconds, 2),
        "peak_mb": _peak_mb(),
        "results": sorted(map(list, report.results)),
    }


def _peak_mb() -> int:
    """This process's peak resident memory, in MB.

    Read from ``VmHWM`` where there is one (Linux): ``ru_maxrss`` carries over
    the peak of the parent that forked the process (here the parent made the
    graph, over 800 MB at 1 M triples), so it overstates a small child.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _progress(triples: int, load: float) -> None:
    """Tell the parent the load is done (read back if the run is stopped later)."""
    line = {"loaded": triples, "load_s": round(load, 2), "peak_mb": _peak_mb()}
    print(json.dumps(line), file=sys.stderr, flush=True)


def _last_progress(stderr: str | bytes | None) -> dict:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    for line in reversed((stderr or "").splitlines()):
        if line.startswith('{"loaded"'):
            return json.loads(line)
    return {}


def child(
    engine: str, ttl: Path, focus: list[str], timeout: float, memory_mb: int | None = None
) -> dict:
    """:func:`run_engine` in a fresh process, stopped after ``timeout`` seconds.

    ``memory_mb`` caps the process's address space. A run that finishes gives
    :func:`run_engine`'s fields and ``"status": "done"``; a stopped one gives
    ``"status": "timeout"`` or ``"memory"``, ``after_s`` and, if it had loaded
    the graph, ``triples``, ``load_s`` and ``peak_mb`` at that point.
    """
    focus_file = ttl.parent / "focus.json"
    focus_file.write_text(json.dumps(focus), encoding="utf-8")

    def cap() -> None:
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    t = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", engine, str(ttl), str(focus_file)],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=cap,
        )
    except subprocess.TimeoutExpired as exc:
        return _stopped(engine, "timeout", time.perf_counter() - t, exc.stderr)
    after = time.perf_counter() - t
    if proc.returncode and "MemoryError" in proc.stderr:
        return _stopped(engine, "memory", after, proc.stderr)
    if proc.returncode:
        raise RuntimeError(f"{engine} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout) | {"status": "done"}


def _stopped(engine: str, status: str, after: float, stderr: str | bytes | None) -> dict:
    progress = _last_progress(stderr)
    stopped = {"engine": engine, "status": status, "after_s": round(after)}
    if progress:
        stopped |= {
            "triples": progress["loaded"],
            "load_s": progress["load_s"],
            "peak_mb": progress["peak_mb"],
        }
    return stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--focus", type=int, default=1000, help="entity IRIs of the focus runs")
    parser.add_argument(
        "--timeout", type=float, default=1200, help="seconds an engine may take per size"
    )
    parser.add_argument(
        "--engines", nargs="+", default=["compiler", "compiler-focus", "pyshacl", "pyshacl-focus"]
    )
    parser.add_argument(
        "--pyshacl-max",
        type=int,
        default=1_000_000,
        help="largest size (triples asked for) pyshacl runs at",
    )
    parser.add_argument(
        "--pyshacl-focus-max",
        type=int,
        default=250_000,
        help="largest size pyshacl-focus runs at",
    )
    parser.add_argument(
        "--pyshacl-timeout",
        type=float,
        default=None,
        help="seconds pyshacl (load and validation) may take per size (default: --timeout)",
    )
    parser.add_argument(
        "--pyshacl-memory-mb",
        type=int,
        default=None,
        help="address-space cap of pyshacl's process, in MB (default: none)",
    )
    parser.add_argument("--write", action="store_true", help="write bench/VALIDATE.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        engine, ttl, focus_file = args.child
        focus = json.loads(Path(focus_file).read_text(encoding="utf-8"))
        result = run_engine(engine, Path(ttl), focus)
        sys.stdout.write(json.dumps(result, ensure_ascii=False))
        return 0

    rows = []
    for size in args.triples:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            ttl, entities = make_turtle(size, Path(tmp))
            made = time.perf_counter() - t
            focus = sorted(random.Random(1).sample(entities, min(args.focus, len(entities))))
            results = {}
            for engine in args.engines:
                limit = {"pyshacl": args.pyshacl_max, "pyshacl-focus": args.pyshacl_focus_max}
                if size > limit.get(engine, size):
                    continue
                if engine.startswith("pyshacl"):
                    timeout = args.pyshacl_timeout or args.timeout
                    r = child(engine, ttl, focus, timeout, args.pyshacl_memory_mb)
                else:
                    r = child(engine, ttl, focus, args.timeout)
                results[engine] = r
                shown = {k: v for k, v in r.items() if k != "results"}
                print(size, engine, shown, file=sys.stderr, flush=True)
            agree = {}
            for a, b in (("compiler", "pyshacl"), ("compiler-focus", "pyshacl-focus")):
                ra, rb = results.get(a), results.get(b)
                if ra and rb and ra["status"] == rb["status"] == "done":
                    agree[a] = ra["results"] == rb["results"]
            rows.append((size, made, ttl.stat().st_size, results, agree))
    text = report(rows, args)
    print(text)
    if args.write:
        (ROOT / "bench" / "VALIDATE.md").write_text(text, encoding="utf-8")
    return 0


def report(rows, args) -> str:
    versions = ", ".join(f"{d} {metadata.version(d)}" for d in ("pyshacl", "rdflib", "pyoxigraph"))
    out = [
        "# SHACL validation: pyshacl against the shapes compiled to SPARQL",
        "",
        f"`bench/bench_validate.py --triples {' '.join(map(str, args.triples))} --focus {args.focus}`"
        f" ({versions}; 2 cores shared with other jobs). Each engine runs in a fresh process;",
        "load = parsing the Turtle into the engine's graph (an Oxigraph store, an rdflib graph),",
        "validate = the validation alone, peak = the process's peak memory.",
        "",
        "| triples | engine | load s | validate s | peak MB | results | same results |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, _made, _bytes, results, agree in rows:
        for engine, r in results.items():
            if r["status"] != "done":
                why = "time" if r["status"] == "timeout" else "memory cap"
                triples = f"{r['triples']:,}" if "triples" in r else f"~{size:,} asked"
                load = r.get("load_s", "not loaded")
                peak = f"{r['peak_mb']:,} after load" if "peak_mb" in r else ""
                out.append(
                    f"| {triples} | {engine} | {load} | not finished after {r['after_s']:,} s"
                    f" (stopped: {why}) | {peak} | | |"
                )
                continue
            same = agree.get(engine, agree.get(engine.replace("pyshacl", "compiler"), ""))
            out.append(
                f"| {r['triples']:,} | {engine} | {r['load_s']} | {r['validate_s']} | {r['peak_mb']:,} "
                f"| {len(r['results'])} | {'yes' if same is True else 'NO' if same is False else ''} |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
