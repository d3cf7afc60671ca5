"""Bounded load test of ``neurokg serve`` on loopback: throughput and p50/p99 latency, zero errors.

Starts the CLI endpoint in a subprocess on a free loopback port over the graph, then runs
``--clients`` threads with keep-alive connections that send ``--queries`` queries in total (a mix
of lookups, joins, ASK and CONSTRUCT, in JSON, CSV, TSV, XML and Turtle) within ``--limit``
seconds. Exits 1 if any request failed or the time limit was hit.
Run: ``python benchmarks/bench_endpoint.py [--graph-dir DIR] [--clients 4] [--queries 2000]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from neurokg import load_graph

ROOT = Path(__file__).resolve().parents[1]
MIX = [
    ("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = 'diabetes') }", "application/sparql-results+json"),
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph-dir", help="curated graph directory (default: the packaged graph/)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds for the whole run")
    args = parser.parse_args()

    graph = load_graph(graph_dir=args.graph_dir, corpus=None)
    dist = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    (dist / "neurokg.nt").write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p),
    }
    cmd = [sys.executable, "-m", "neurokg", "serve", "--port", str(port), "--dist", str(dist)]
    cmd += ["--workers", str(args.workers)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "SPARQL endpoint: ..." once it listens
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counter = iter(range(args.queries))
        deadline = time.monotonic() + args.limit

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.monotonic() < deadline:
                with lock:
                    n = next(counter, None)
                if n is None:
                    break
                query, accept = MIX[n % len(MIX)]
                body = urllib.parse.urlencode({"query": query})
                headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
                started = time.perf_counter()
                try:
                    conn.request("POST", "/sparql", body, headers)
                    response = conn.getresponse()
                    data = response.read()
                    ok = response.status == 200 and len(data) > 0
                except (OSError, http.client.HTTPException) as exc:
                    ok, data = False, repr(exc).encode()
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(data[:200].decode("utf-8", "replace"))
            conn.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(15)

    done = len(latencies)
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("nan")
    print(
        f"graph: {len(graph)} triples; {args.clients} clients, {args.workers} workers, {done} queries in {wall:.1f} s"
    )
    print("| clients | workers | queries | throughput | p50 | p99 | errors |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {args.clients} | {args.workers} | {done} | {done / wall:.0f} queries/s | "
        f"{statistics.median(ms):.1f} ms | {p99:.1f} ms | {len(errors)} |"
    )
    for message in errors[:5]:
        print("error:", message)
    if done < args.queries:
        print(f"time limit of {args.limit:g} s hit after {done} queries")
    return 1 if errors or done < args.queries else 0


if __name__ == "__main__":
    raise SystemExit(main())
