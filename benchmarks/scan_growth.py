"""How pyoxigraph's own per-row cost grows with the store: the floor under ``validate``'s growth.

    python benchmarks/scan_growth.py GRAPH_FILE [GRAPH_FILE ...] [--reps 7]

For each file (generated graphs from ``gen_graph.py``, smallest first), loads it into a pyoxigraph
memory store with nothing of neurokg in between and times, in CPU seconds (least of ``--reps``), the
load and two queries that any validation must run in some form: a bare count of every
``rdf:predicate`` row (one index scan) and the same rows grouped by statement (what an
``sh:maxCount`` check does). Prints each time per row in nanoseconds and its growth from the first
file, next to the growth in triples: a per-row cost that rises means the store itself grows faster
than the data (``docs/decisions/0009-validation-scales-linearly.md``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox

RDF_PREDICATE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>"
QUERIES = {
    "scan": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {RDF_PREDICATE} ?o }}",
    "group": f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT ?s WHERE {{ ?s {RDF_PREDICATE} ?o }} GROUP BY ?s "
    f"HAVING (COUNT(?o) > 1) }} }}",
}


def _least(fn, reps: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(reps):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def measure(path: Path, reps: int) -> dict[str, float]:
    """Per-row CPU nanoseconds of the load (per triple) and of each query (per ``rdf:predicate`` row)."""
    holder: list[ox.Store] = []

    def load() -> None:
        holder.clear()
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        holder.append(store)

    loaded = _least(load, max(1, reps // 3))
    store = holder[0]
    counted = store.query(QUERIES["scan"])
    assert isinstance(counted, ox.QuerySolutions)
    rows = int(next(iter(counted))[0].value)
    out = {"triples": float(len(store)), "rows": float(rows), "load": 1e9 * loaded / len(store)}
    for name, query in QUERIES.items():
        out[name] = 1e9 * _least(lambda q=query: list(store.query(q)), reps) / rows  # type: ignore[arg-type]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graphs", type=Path, nargs="+", help="generated graph files, smallest first")
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    print("| triples | load ns/triple | scan ns/row | group ns/row | x triples | x load | x scan | x group |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    first: dict[str, float] | None = None
    for path in args.graphs:
        m = measure(path, args.reps)
        first = first or m
        growth = [m["triples"] / first["triples"]] + [
            m[k] * m["triples" if k == "load" else "rows"] / (first[k] * first["triples" if k == "load" else "rows"])
            for k in ("load", "scan", "group")
        ]
        cells = " | ".join(f"x{g:.2f}" for g in growth)
        print(f"| {int(m['triples']):,} | {m['load']:.0f} | {m['scan']:.0f} | {m['group']:.0f} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
