"""Where `neurokg validate` spends its CPU time on one graph: per phase and per compiled query.

    python benchmarks/profile_validate.py GRAPH_DIR_OR_FILE [--top 15]

Loads the graph as ``validate`` does (:func:`neurokg.rdf.oxload.load_store`, no corpus), then runs
each compiled shape query and each QC rule once, timing CPU (``time.process_time``) and wall, and
prints the phases and the most expensive queries. Run it at two sizes to see which grow faster
than the data (``gen_graph.py`` writes generated graphs).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox

from neurokg.core import resources
from neurokg.core.prefixes import PREFIXES
from neurokg.rdf.fastshacl import compile_shapes
from neurokg.rdf.oxload import load_store
from neurokg.rdf.qc import qc_rules
from neurokg.rdf.rewrite import anti_joins


def _timed(fn, reps=1):  # type: ignore[no-untyped-def]
    best = None
    for _ in range(reps):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        run = (out, time.process_time() - c, time.perf_counter() - w)
        best = run if best is None or run[1] < best[1] else best
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", type=Path, help="a generated graph file, or a directory of .ttl files")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--reps", type=int, default=1, help="run each query this many times, keep the least CPU")
    args = parser.parse_args(argv)
    files = sorted(args.graph.glob("*.ttl")) if args.graph.is_dir() else [args.graph]
    ontology = resources.ontology_dir() / "neurokg.ttl"
    loaded, cpu, wall = _timed(lambda: load_store([ontology, *files]))
    print(f"load + mint + status: {cpu:.2f} s CPU, {wall:.2f} s wall, {len(loaded.store):,} triples")
    shapes = ox.Store()
    shapes.load(path=str(resources.ontology_dir() / "shapes.ttl"), format=ox.RdfFormat.TURTLE)
    checks, cpu, wall = _timed(lambda: compile_shapes(shapes))
    print(f"compile shapes: {cpu:.2f} s CPU, {len(checks)} queries")
    timings = []
    for c in checks:
        rows, cpu, wall = _timed(
            lambda c=c: len(list(loaded.store.query(c.query, prefixes=c.prefixes or None))), args.reps
        )
        timings.append(("shape", c.rule, rows, cpu, wall))
    for rule in qc_rules():
        if rule.requires_corpus:
            continue
        q = anti_joins(rule.query)
        rows, cpu, wall = _timed(lambda q=q: len(list(loaded.store.query(q, prefixes=dict(PREFIXES)))), args.reps)
        timings.append(("qc", rule.name, rows, cpu, wall))
    for kind in ("shape", "qc"):
        part = [t for t in timings if t[0] == kind]
        print(f"{kind} queries: {sum(t[3] for t in part):.2f} s CPU, {sum(t[4] for t in part):.2f} s wall")
    print("\n| kind | rule | rows | CPU s | wall s |\n| --- | --- | ---: | ---: | ---: |")
    for kind, rule, rows, cpu, wall in sorted(timings, key=lambda t: -t[3])[: args.top]:
        print(f"| {kind} | {rule} | {rows} | {cpu:.3f} | {wall:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
