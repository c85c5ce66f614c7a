"""`kg serve` under load: many clients, a few runaway and malformed queries.

Each client sends one query at a time (GET /sparql, JSON results) until the
time is up: mostly cheap questions, a share of *runaway* queries (a three-way
cross join that never finishes on a real graph) and a share of *malformed*
ones. It reports, per kind, how many got which status and how long they took:

* cheap queries should be answered 200 even while runaway ones hold workers
  (time waiting for a worker must not count against a query's timeout);
* malformed queries should get 400 at once, without waiting for a worker;
* runaway queries should get 503 at their own timeout.

Run against a build (starts ``kg serve GRAPH --timeout T`` from this checkout)::

    .venv/bin/python bench/bench_serve.py --graph out --seconds 30 --clients 20

or against a server already running: ``--url http://127.0.0.1:7878/``.
``tests/test_server.py`` runs a shorter version of the same load.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

CHEAP = (
    "SELECT ?p ?name WHERE { ?p a kg:Place ; rdfs:label ?name }",
    "SELECT ?place (COUNT(?i) AS ?n) WHERE { ?place kg:develops ?i } GROUP BY ?place",
    'SELECT ?p ?o WHERE { ?e rdfs:label "成都"@zh ; ?p ?o }',
    "ASK { ?d a kg:Document }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Observation }",
)
#: Never finishes on a graph of a few thousand triples: a three-way cross product of every triple.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MALFORMED = (
    "SELECT ?x WHERE { ?x a kg:Place",
    "SELEC ?x WHERE { ?x ?p ?o }",
    "ASK { ?s ?p }",
)


@dataclass
class LoadReport:
    """Status counts and latencies (seconds) per kind of query."""

    seconds: float
    clients: int
    statuses: dict[str, Counter] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=dict)

    def count(self, kind: str, status: int | str | None = None) -> int:
        got = self.statuses.get(kind, Counter())
        return sum(got.values()) if status is None else got.get(status, 0)

    def share(self, kind: str, status: int) -> float:
        total = self.count(kind)
        return self.count(kind, status) / total if total else 0.0

    def summary(self) -> dict:
        out: dict = {"seconds": round(self.seconds, 1), "clients": self.clients}
        for kind, counts in sorted(self.statuses.items()):
            lat = sorted(self.latencies.get(kind, [0.0]))
            out[kind] = {
                "requests": sum(counts.values()),
                "status": {str(k): v for k, v in sorted(counts.items(), key=str)},
                "p50_s": round(statistics.median(lat), 3),
                "p95_s": round(lat[int(0.95 * (len(lat) - 1))], 3),
                "max_s": round(lat[-1], 3),
            }
        return out


def _get(url: str, query: str, timeout: float) -> int | str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            "/sparql?query=" + quote(query),
            headers={"Accept": "application/sparql-results+json"},
        )
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__
    finally:
        conn.close()


def run_load(
    url: str,
    *,
    clients: int = 20,
    seconds: float = 30.0,
    runaway: float = 0.03,
    malformed: float = 0.03,
    max_requests: int = 50_000,
    client_timeout: float = 120.0,
    seed: int = 7,
) -> LoadReport:
    """Send the mixed load to the endpoint at ``url`` (its base URL) and count the answers."""
    report = LoadReport(0.0, clients)
    lock = threading.Lock()
    sent = [0]
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        n = i
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= max_requests:
                    return
                sent[0] += 1
            draw = rng.random()
            if draw < runaway:
                kind, query = "runaway", RUNAWAY
            elif draw < runaway + malformed:
                kind, query = "malformed", rng.choice(MALFORMED)
            else:
                kind, query = "cheap", CHEAP[n % len(CHEAP)]
                n += 1
            started = time.monotonic()
            status = _get(url, query, client_timeout)
            took = time.monotonic() - started
            with lock:
                report.statuses.setdefault(kind, Counter())[status] += 1
                report.latencies.setdefault(kind, []).append(took)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + client_timeout + 30)
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def kg_serve(graph: Path, timeout: float, workers: int | None):
    """``kg serve GRAPH`` from this checkout on a free loopback port; yields its base URL."""
    args = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        str(graph),
        "--port",
        "0",
        "--timeout",
        str(timeout),
    ]
    if workers:
        args += ["--workers", str(workers)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        line = proc.stderr.readline().decode("utf-8", "replace")
        m = re.search(r"at (http://\S+/) ", line)
        if not m:
            raise SystemExit(f"kg serve did not start: {line}{proc.stderr.read(2000)!r}")
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain the log
        yield m.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--graph", type=Path, help="a build folder to serve with kg serve")
    where.add_argument("--url", help="base URL of a running kg serve")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--runaway", type=float, default=0.03, help="share of runaway queries")
    ap.add_argument("--malformed", type=float, default=0.03, help="share of malformed queries")
    ap.add_argument("--timeout", type=float, default=2.0, help="kg serve --timeout (with --graph)")
    ap.add_argument("--workers", type=int, help="kg serve --workers (with --graph)")
    args = ap.parse_args()

    def load(url: str) -> LoadReport:
        return run_load(
            url,
            clients=args.clients,
            seconds=args.seconds,
            runaway=args.runaway,
            malformed=args.malformed,
        )

    if args.graph:
        with kg_serve(args.graph, args.timeout, args.workers) as url:
            report = load(url)
    else:
        report = load(args.url)
    summary = report.summary()
    print(json.dumps(summary, indent=1))
    cheap = report.count("cheap")
    print(
        f"cheap: {report.count('cheap', 200)} of {cheap} answered 200 ({100 * report.share('cheap', 200):.1f} %); "
        f"malformed: {report.count('malformed', 400)} of {report.count('malformed')} got 400; "
        f"runaway: {report.count('runaway', 503)} of {report.count('runaway')} got 503 "
        f"(p50 {summary.get('runaway', {}).get('p50_s', 0)} s)"
    )


if __name__ == "__main__":
    main()
