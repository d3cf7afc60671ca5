"""Every named query on a generated graph, timed in one process: which answers grow faster than the data.

    python benchmarks/named_at_scale.py GRAPH_FILE [--only NAME ...] [--reps 1]

Loads the ontology and the file as ``validate`` does (:func:`neurokg.rdf.oxload.load_store`, no
corpus) and runs each named query (``src/neurokg/sparql/queries``) on the store, printing its rows
and CPU seconds (least of ``--reps``). Run it on ``gen_graph.py`` graphs of two sizes and on the real
graph to compare. The generated copies rename their entities (``nk:neuropathic_pain__3``), so the
queries about one named condition find nothing there: what they time is the work done before
finding nothing, which must stay small.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from neurokg.core import resources
from neurokg.core.prefixes import PREFIXES
from neurokg.rdf.oxload import load_store
from neurokg.sparql.named import named_queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", type=Path, help="a generated graph file (gen_graph.py)")
    parser.add_argument("--only", nargs="*", default=[], help="these named queries only")
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args(argv)
    store = load_store([resources.ontology_dir() / "neurokg.ttl", args.graph]).store
    print(f"{len(store):,} triples in the store\n\n| query | rows | CPU s |\n| --- | ---: | ---: |")
    for name, named in sorted(named_queries().items()):
        if args.only and name not in args.only:
            continue
        best, rows = float("inf"), 0
        for _ in range(args.reps):
            start = time.process_time()
            rows = len(list(store.query(named.text, prefixes=dict(PREFIXES))))  # type: ignore[arg-type]
            best = min(best, time.process_time() - start)
        print(f"| {name} | {rows} | {best:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
