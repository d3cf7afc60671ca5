"""Time the networkx view and every analytic on the real graph and on synthetic graphs of 10k and 1M triples.

    python benchmarks/bench_network.py                 # real, 10k, 1M (about 5 minutes on 2 cores)
    python benchmarks/bench_network.py --sizes 10000   # real and 10k only

The synthetic graphs come from ``gen_graph.py`` (copies of the real graph wired together) and are
cached in ``--data`` (default: a ``neurokg-bench`` directory in the temp dir). Each step reports wall
time and process CPU time: on a shared machine the wall time also counts waiting for a core.
Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402
from gen_graph import generate  # noqa: E402

from neurokg import load_graph, to_networkx  # noqa: E402
from neurokg.network.cycles import feedback_loops  # noqa: E402
from neurokg.network.neighbors import neighbors  # noqa: E402
from neurokg.network.oxbuild import read_network  # noqa: E402
from neurokg.network.paths import shortest_paths  # noqa: E402
from neurokg.network.ranking import rank  # noqa: E402
from neurokg.network.treatments import treatments  # noqa: E402

Row = tuple[str, str, float, float, str]


def timed(rows: list[Row], dataset: str, step: str, func: Callable[[], Any], note: Callable[[Any], str]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows.append((dataset, step, wall, cpu, note(result)))
    print(f"{dataset:>5}  {step:<34} {wall:8.2f} s wall {cpu:8.2f} s cpu  {note(result)}", flush=True)
    return result


def analytics(rows: list[Row], dataset: str, G: Any, suffix: str, *, sample: int | None) -> None:
    def n(name: str) -> str:
        return f"nk:{name}{suffix}"

    timed(rows, dataset, "path diabetes→depression (max 5)",
          lambda: shortest_paths(G, n("diabetes"), n("depression"), max_paths=5),
          lambda r: f"{len(r)} paths, shortest {len(r[0]) if r else 0} hops")  # fmt: skip
    timed(rows, dataset, "path undirected (max 5)",
          lambda: shortest_paths(G, n("diabetes"), n("depression"), max_paths=5, undirected=True),
          lambda r: f"{len(r)} paths")  # fmt: skip
    timed(
        rows,
        dataset,
        "loops --through sleep (limit 1000)",
        lambda: feedback_loops(G, through=n("sleep_disturbance"), limit=1000),
        lambda r: f"{len(r)} loops",
    )
    timed(
        rows,
        dataset,
        "loops --through muscle tension",
        lambda: feedback_loops(G, through=n("muscle_tension"), limit=1000),
        lambda r: f"{len(r)} loops",
    )
    timed(
        rows,
        dataset,
        "loops, all (max 6 hops, limit 1000)",
        lambda: feedback_loops(G, max_length=6, limit=1000),
        lambda r: f"{len(r)} loops",
    )
    timed(
        rows,
        dataset,
        "neighbors neuropathic pain --depth 2",
        lambda: neighbors(G, n("neuropathic_pain"), depth=2),
        lambda r: f"{len(r)} rows",
    )
    timed(rows, dataset, "rank --by degree", lambda: rank(G, by="degree"), lambda r: r[0].node)
    timed(rows, dataset, "rank --by pagerank", lambda: rank(G, by="pagerank"), lambda r: r[0].node)
    label = "rank --by betweenness" + (f" --sample {sample}" if sample else "")
    timed(rows, dataset, label, lambda: rank(G, by="betweenness", sample=sample), lambda r: r[0].node)
    timed(rows, dataset, "treatments neuropathic pain",
          lambda: treatments(G, n("neuropathic_pain")), lambda r: f"{len(r)} options")  # fmt: skip


def size_of(G: Any) -> str:
    return f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 1_000_000], help="synthetic sizes")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "neurokg-bench")
    parser.add_argument("--sample", type=int, default=50, help="betweenness sample on graphs over 10k nodes")
    args = parser.parse_args(argv)
    corpus = os.environ.get("NEUROKG_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    rows: list[Row] = []

    real = timed(
        rows,
        "real",
        "load_graph (rdflib, with corpus)",
        lambda: load_graph(corpus=corpus),
        lambda r: f"{len(r)} triples",
    )
    G = timed(rows, "real", "to_networkx(rdflib graph)", lambda: to_networkx(real), size_of)
    from neurokg.sparql.engine import to_store

    real_store = to_store(real)
    timed(rows, "real", "to_networkx(pyoxigraph store)", lambda: to_networkx(real_store), size_of)
    analytics(rows, "real", G, "", sample=None)

    for size in args.sizes:
        name = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
        path = args.data / f"synthetic-{size}.nt"
        if not path.exists():
            timed(rows, name, "generate (gen_graph.py)", lambda path=path, size=size: generate(size, path), str)
        g = timed(rows, name, "parse N-Triples (rdflib)", lambda path=path: rdflib.Graph().parse(path, format="nt"),
                  lambda r: f"{len(r)} triples")  # fmt: skip
        G = timed(rows, name, "to_networkx(rdflib graph)", lambda g=g: to_networkx(g), size_of)
        del g
        store = ox.Store()
        timed(rows, name, "load pyoxigraph store", lambda path=path, store=store: store.bulk_load(
            path=str(path), format=ox.RdfFormat.N_TRIPLES), lambda r: "")  # fmt: skip
        timed(rows, name, "to_networkx(pyoxigraph store)", lambda store=store: to_networkx(store), size_of)
        del store
        fast = timed(rows, name, "read_network (pyoxigraph parse)", lambda path=path: read_network(str(path)), size_of)
        assert sorted(fast.edges(keys=True)) == sorted(G.edges(keys=True)), "fast and rdflib views differ"
        del fast
        analytics(rows, name, G, "__0", sample=args.sample if G.number_of_nodes() > 10_000 else None)

    print("\n| graph | step | wall s | CPU s | result |\n| --- | --- | ---: | ---: | --- |")
    for dataset, step, wall, cpu, note in rows:
        print(f"| {dataset} | {step} | {wall:.2f} | {cpu:.2f} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
