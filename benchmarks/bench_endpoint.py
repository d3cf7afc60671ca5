"""Bounded load test of ``neurokg serve`` next to ``oxigraph serve-read-only``, on loopback, in one run.

Starts each server in a subprocess on a free loopback port over the same graph, then runs ``--clients``
threads with keep-alive connections that send ``--queries`` queries in total (a mix of lookups, joins,
ASK and CONSTRUCT, in JSON, CSV, TSV, XML and Turtle) within ``--limit`` seconds, and reports
throughput, p50/p99 latency and the ratio neurokg / oxigraph. Each client thread sends from its own
loopback address (127.0.0.N), as separate clients would. Exits 1 if any request failed or the time
limit was hit.
Run: ``python benchmarks/bench_endpoint.py [--graph-dir DIR] [--clients 4] [--queries 2000]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
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
from neurokg.core.namespace import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
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


def _load(port: int, path: str, args: argparse.Namespace) -> tuple[int, float, list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(args.queries))
    deadline = time.monotonic() + args.limit

    def client(index: int) -> None:
        source = (f"127.0.0.{index + 2}", 0)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            query, accept = MIX[n % len(MIX)]
            body = urllib.parse.urlencode({"query": PROLOGUE + query})
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
            started = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                data = response.read()
                ok = response.status == 200 and len(data) > 0
            except (OSError, http.client.HTTPException) as exc:
                ok, data = False, repr(exc).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(data[:200].decode("utf-8", "replace"))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), time.perf_counter() - started, latencies, errors


def _wait_listening(port: int) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph-dir", help="curated graph directory (default: the packaged graph/)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds for each server's run")
    args = parser.parse_args()

    graph = load_graph(graph_dir=args.graph_dir, corpus=None)
    dist = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    (dist / "neurokg.nt").write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p),
    }
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    store = dist / "oxigraph-store"
    subprocess.run(
        [binary, "load", "--location", str(store), "--file", str(dist / "neurokg.nt")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers = {}
    port = _free_port()
    servers["neurokg serve"] = (
        [
            sys.executable,
            "-m",
            "neurokg",
            "serve",
            "--port",
            str(port),
            "--dist",
            str(dist),
            "--workers",
            str(args.workers),
        ],
        port,
        "/sparql",
    )
    port = _free_port()
    servers["oxigraph serve-read-only"] = (
        [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        port,
        "/query",
    )
    rows = []
    failed = False
    for name, (cmd, port, path) in servers.items():
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            _wait_listening(port)
            done, wall, latencies, errors = _load(port, path, args)
        finally:
            server.terminate()
            server.wait(15)
        ms = sorted(x * 1000 for x in latencies)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("nan")
        rows.append((name, done, done / wall, statistics.median(ms), p99, len(errors)))
        for message in errors[:5]:
            print(f"{name} error:", message)
        failed = failed or bool(errors) or done < args.queries
    print(f"graph: {len(graph)} triples; {args.clients} clients, neurokg with {args.workers} workers")
    print("| server | clients | queries | throughput | p50 | p99 | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, done, rate, p50, p99, errs in rows:
        print(f"| {name} | {args.clients} | {done} | {rate:.0f} queries/s | {p50:.1f} ms | {p99:.1f} ms | {errs} |")
    (_, _, ours, our_p50, _, _), (_, _, theirs, their_p50, _, _) = rows
    print(f"ratio neurokg / oxigraph: throughput {ours / theirs:.2f}, p50 {our_p50 / their_p50:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
