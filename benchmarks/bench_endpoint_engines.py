"""Which engine behind the SPARQL endpoint? Measure the candidates on the same graph and queries.

Candidates: pyoxigraph in-process, rdflib in-process, ``oxigraph serve`` over loopback HTTP, and
pyoxigraph in our worker processes (:class:`neurokg.server.pool.QueryPool`). Reported: load time,
median latency per query, whether the engine follows ``SERVICE`` to a local listener, and what
``oxigraph serve --timeout-s 1`` answers to a query that cannot finish. Bounded: every step has a
time limit. Run: ``python benchmarks/bench_endpoint_engines.py [--graph-dir DIR] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from neurokg import load_graph
from neurokg.core.namespace import PREFIXES
from neurokg.server.pool import QueryPool

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
QUERIES = {
    "lookup": "SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = 'diabetes') }",
    "join+group": (
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o skos:prefLabel ?l } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10"
    ),
    "statements": (
        "SELECT ?s ?p ?o ?start WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; "
        "nko:evidence ?ev . ?ev nko:start ?start } ORDER BY ?start LIMIT 100"
    ),
    "scan-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
SLOW = {
    "streaming": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "aggregate": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
}


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _follows_service(run: Callable[[str], object]) -> bool:
    """Run a SERVICE query naming a local listener; report whether the engine connected."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    sock.settimeout(5)
    port = sock.getsockname()[1]
    hit: list[bool] = []

    def accept() -> None:
        try:
            conn, _ = sock.accept()
            hit.append(True)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        run(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    except Exception:
        pass
    thread.join(6)
    sock.close()
    return bool(hit)


def _http_query(url: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    body = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
    status = -1
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status = response.status
            chunks = []
            while time.monotonic() < deadline and sum(map(len, chunks)) < 64 << 20:
                chunk = response.read(1 << 16)
                if not chunk:
                    return status, b"".join(chunks)
                chunks.append(chunk)
            return status, b"".join(chunks) + b" [client stopped reading: still streaming]"
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except Exception as exc:  # no answer in time, or a connection cut mid-body
        return status, repr(exc).encode()


def _complete_json(body: bytes) -> bool:
    import json

    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph-dir", help="curated graph directory (default: the packaged graph/)")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    graph = load_graph(graph_dir=args.graph_dir, corpus=None)
    nt = graph.serialize(format="nt", encoding="utf-8")
    print(f"graph: {len(graph)} triples\n")

    t = time.perf_counter()
    Graph().parse(data=nt, format="nt")
    rdflib_load = time.perf_counter() - t
    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
    ox_load = time.perf_counter() - t

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = _free_port()
    location = tempfile.mkdtemp(prefix="bench-oxigraph-")
    server = subprocess.Popen(
        [binary, "serve", "--location", location, "--bind", f"127.0.0.1:{port}", "--timeout-s", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        t = time.perf_counter()
        put = urllib.request.Request(
            url + "/store?default", data=nt, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        urllib.request.urlopen(put, timeout=60).close()
        server_load = time.perf_counter() - t

        t = time.perf_counter()
        pool = QueryPool(nt, workers=1, timeout=30)
        pool_start = time.perf_counter() - t

        rows = []
        for name, text in QUERIES.items():
            q = PROLOGUE + text
            rows.append(
                (
                    name,
                    _median_ms(lambda q=q: list(store.query(q)), args.repeat),
                    _median_ms(lambda q=q: list(graph.query(q)), max(3, args.repeat // 10)),
                    _median_ms(lambda q=q: _http_query(url + "/query", q), args.repeat),
                    _median_ms(lambda q=q: pool.run(q, "json"), args.repeat),
                )
            )
        pool.close()

        print("| step | pyoxigraph in-process | rdflib in-process | oxigraph serve (HTTP) | pyoxigraph worker pool |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(
            f"| load {len(graph)} triples | {ox_load * 1000:.0f} ms | {rdflib_load * 1000:.0f} ms | "
            f"{server_load * 1000:.0f} ms (PUT) | {pool_start * 1000:.0f} ms (start 1 worker) |"
        )
        for name, a, b, c, d in rows:
            print(f"| query `{name}` (median) | {a:.2f} ms | {b:.1f} ms | {c:.2f} ms | {d:.2f} ms |")

        ox_service = _follows_service(lambda q: list(ox.Store().query(q)))
        rdflib_service = _follows_service(lambda q: list(Graph().query(q)))
        server_service = _follows_service(lambda q: _http_query(url + "/query", q, timeout=10))
        print(
            f"| follows SERVICE to a local listener | {'yes' if ox_service else 'no'} | "
            f"{'yes' if rdflib_service else 'no'} | {'yes' if server_service else 'no'} | refused before it runs |"
        )
        print("\n`oxigraph serve --timeout-s 1`, queries that cannot finish in time (client gives up after 15 s):\n")
        for name, text in SLOW.items():
            t = time.perf_counter()
            status, body = _http_query(url + "/query", text, timeout=15)
            seconds = time.perf_counter() - t
            verdict = "complete JSON" if _complete_json(body) else "NOT a complete JSON document"
            shown = "no answer" if status == -1 else f"status {status}"
            print(f"- {name}: {shown} after {seconds:.1f} s, {len(body)} bytes, {verdict} ({body[-60:]!r})")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(location, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
