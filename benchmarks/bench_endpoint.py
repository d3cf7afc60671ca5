"""``neurokg serve`` next to ``oxigraph serve-read-only`` on the same graph, with the same clients, in one run.

Both servers run side by side in subprocesses on loopback over the same built graph. For each client
count (``--clients``, default 1, 4 and 8), ``--rounds`` rounds run each workload in turn: ``--queries``
queries go to one server, then the same queries to the other (the order of the two alternates between
rounds, and the workloads are interleaved so that load from elsewhere falls on all of them alike);
medians over the rounds are reported with the ratios neurokg / oxigraph. Workloads:

* ``mix``: five repeated texts (a label lookup, a join with GROUP BY, 100 statements with evidence
  ordered, ASK, CONSTRUCT) in JSON, CSV, TSV, XML and Turtle;
* ``repeated``: one label lookup text, always the same;
* ``distinct``: the same lookup with one literal that differs in every query (no text is seen twice).

Every query carries the prologue a client such as YASGUI sends (all neurokg prefixes). Memory: the
server's process tree (PSS: shared copy-on-write pages divided among the processes that map them;
RSS counts them in each) idle after start, and at its peak under load. Exits 1 if any query failed
or the time limit was hit. Run: ``python benchmarks/bench_endpoint.py [--clients 1 4 8]
[--queries 1000] [--rounds 5] [--workers 3] [--graph-dir DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from loadgen import Run, free_port, load, peak_memory, tree_memory, wait_listening

from neurokg.core.namespace import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
LOOKUP = "SELECT ?e WHERE {{ ?e skos:prefLabel ?l FILTER(STR(?l) IN ('diabetes', '{other}')) }}"
MIX = [
    (LOOKUP.format(other="sleep disturbance"), "application/sparql-results+json"),
    (
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o skos:prefLabel ?l } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
        "text/csv",
    ),
    (
        "SELECT ?s ?p ?o ?start WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nko:evidence ?ev . "
        "?ev nko:start ?start } ORDER BY ?start LIMIT 100",
        "text/tab-separated-values",
    ),
    ("ASK { nk:diabetes nko:causes ?x }", "application/sparql-results+xml"),
    ("CONSTRUCT WHERE { nk:diabetes ?p ?o }", "text/turtle"),
]
JSON = "application/sparql-results+json"
WORKLOADS = {
    "mix": lambda n: (PROLOGUE + MIX[n % len(MIX)][0], MIX[n % len(MIX)][1]),
    "repeated": lambda n: (PROLOGUE + LOOKUP.format(other="sleep disturbance"), JSON),
    "distinct": lambda n: (PROLOGUE + LOOKUP.format(other=f"label {n}"), JSON),
}


def _servers(dist: Path, store: Path, binary: str, workers: int) -> dict[str, tuple[list[str], int, str]]:
    ours, theirs = free_port(), free_port()
    return {
        "neurokg": (
            [
                sys.executable,
                "-m",
                "neurokg",
                "serve",
                "--port",
                str(ours),
                "--dist",
                str(dist),
                "--workers",
                str(workers),
            ],
            ours,
            "/sparql",
        ),
        "oxigraph": (
            [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{theirs}"],
            theirs,
            "/query",
        ),
    }


def _summary(runs: list[Run]) -> tuple[float, float, float]:
    """Median over rounds of (throughput, p50, p99)."""
    return (
        statistics.median(r.rate for r in runs),
        statistics.median(r.percentile(50) for r in runs),
        statistics.median(r.percentile(99) for r in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph-dir", help="curated graph directory (default: the packaged graph/)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument(
        "--queries", type=int, default=1000, help="queries per server, workload, client count and round"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--workloads", nargs="+", default=list(WORKLOADS), choices=list(WORKLOADS))
    parser.add_argument("--limit", type=float, default=120.0, help="seconds for each measured run")
    args = parser.parse_args()

    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p),
    }
    dist = Path(tempfile.mkdtemp(prefix="bench-endpoint-")) / "dist"
    build = [sys.executable, "-m", "neurokg", "build", "--out", str(dist), "--corpus", ""]
    subprocess.run(build + (["--graph", args.graph_dir] if args.graph_dir else []), check=True, env=env)
    triples = sum(1 for line in (dist / "neurokg.nt").read_bytes().splitlines() if line.strip())
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    store = dist.parent / "oxigraph-store"
    subprocess.run(
        [binary, "load", "--location", str(store), "--file", str(dist / "neurokg.nt")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers = _servers(dist, store, binary, args.workers)
    procs = {
        name: subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for name, (cmd, _, _) in servers.items()
    }
    failed = False
    results: dict[tuple[str, str, int], list[Run]] = {}
    try:
        for _, port, _ in servers.values():
            wait_listening(port)
        time.sleep(2)  # let the workers settle before the idle measurement
        idle = {name: tree_memory(proc.pid) for name, proc in procs.items()}
        stop = threading.Event()
        peaks = {name: peak_memory(proc.pid, stop) for name, proc in procs.items()}
        first = 0
        for _, port, path in servers.values():  # warm up
            load(port, path, WORKLOADS["mix"], clients=1, queries=50, limit=args.limit, first=1_000_000)
        for clients in args.clients:
            for round_ in range(args.rounds):  # workloads interleaved: a burst of load elsewhere hits all alike
                for workload in args.workloads:
                    order = list(servers) if round_ % 2 == 0 else list(reversed(servers))
                    for name in order:
                        _, port, path = servers[name]
                        run = load(
                            port,
                            path,
                            WORKLOADS[workload],
                            clients=clients,
                            queries=args.queries,
                            limit=args.limit,
                            first=first,
                        )
                        results.setdefault((name, workload, clients), []).append(run)
                        for message in run.errors[:3]:
                            print(f"{name} {workload} error:", message)
                        failed = failed or bool(run.errors) or run.queries < args.queries
                    first += args.queries  # distinct texts stay distinct across rounds
        stop.set()
        loaded = {name: peak() for name, peak in peaks.items()}
    finally:
        for proc in procs.values():
            proc.terminate()
            proc.wait(15)
        shutil.rmtree(dist.parent, ignore_errors=True)

    print(
        f"graph: {triples} triples; neurokg serve with {args.workers} workers; {args.queries} queries per run, "
        f"median of {args.rounds} rounds; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        "\n| workload | clients | neurokg q/s | oxigraph q/s | ratio | p50 neurokg / oxigraph | ratio | "
        "p99 neurokg / oxigraph | ratio |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ratios: dict[tuple[str, int], float] = {}
    rates: dict[tuple[str, str, int], float] = {}
    for clients in args.clients:
        for workload in args.workloads:
            ours = _summary(results[("neurokg", workload, clients)])
            theirs = _summary(results[("oxigraph", workload, clients)])
            rates[("neurokg", workload, clients)], rates[("oxigraph", workload, clients)] = ours[0], theirs[0]
            ratios[(workload, clients)] = ours[0] / theirs[0]
            print(
                f"| {workload} | {clients} | {ours[0]:.0f} | {theirs[0]:.0f} | {ours[0] / theirs[0]:.2f} | "
                f"{ours[1]:.1f} / {theirs[1]:.1f} ms | {ours[1] / theirs[1]:.2f} | "
                f"{ours[2]:.1f} / {theirs[2]:.1f} ms | {ours[2] / theirs[2]:.2f} |"
            )
    if "distinct" in args.workloads and "repeated" in args.workloads:
        print("\n| clients | neurokg distinct / repeated | oxigraph distinct / repeated |")
        print("| ---: | ---: | ---: |")
        for clients in args.clients:
            ours = rates[("neurokg", "distinct", clients)] / rates[("neurokg", "repeated", clients)]
            theirs = rates[("oxigraph", "distinct", clients)] / rates[("oxigraph", "repeated", clients)]
            print(f"| {clients} | {ours:.2f} | {theirs:.2f} |")
    print("\n| server | idle RSS | idle PSS | peak PSS under load (RSS then) | processes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in servers:
        (rss, pss, count), (peak_rss, peak_pss, _) = idle[name], loaded[name]
        print(f"| {name} | {rss:.0f} MiB | {pss:.0f} MiB | {peak_pss:.0f} MiB ({peak_rss:.0f} MiB) | {count} |")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
