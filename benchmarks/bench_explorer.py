"""Explorer: time to a settled render in headless chromium, for the real graph and generated graphs.

Run: ``PYTHONPATH=src NEUROKG_CORPUS=../shared/corpus python benchmarks/bench_explorer.py [--sizes 500 2000 5000]``

For each graph: the time to write the page in Python (layout + HTML), the page size, then in Debian's
chromium (Playwright, page opened from file://) the time from navigation to the first drawn frame
(physics is off, so that frame is the settled picture; the script checks that no node moves
afterwards), the time of one full redraw (what panning and zooming cost per frame) and of one
search (focus + neighbourhood highlight). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from neurokg.explorer.html import write_explorer
from neurokg.network.spec import TYPE_PRIORITY

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.chromium import ARGS, CHROMIUM

RELATIONS = ["causes", "leadsTo", "treats", "manages", "hasSymptom", "affects", "partOf", "worsens", "memberOf"]


def generated(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random graph of ``n`` nodes and ``2n`` statements shaped like ``to_networkx`` output."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        kind = rng.choice(TYPE_PRIORITY[:-1])
        G.add_node(f"nk:n{i}", label=f"node {i}", type=kind, types=[kind], definition=f"Generated node {i}.",
                   altLabels=[f"alias {i}"], xrefs=[], iri=f"https://w3id.org/neurokg/id/n{i}")  # fmt: skip
    for j in range(2 * n):
        u, v = rng.sample(range(n), 2)
        rel = rng.choice(RELATIONS)
        G.add_edge(f"nk:n{u}", f"nk:n{v}", key=f"nko:{rel}", label=rel, statement=f"nks:{j:016x}",
                   evidence=[{"document": "gen.txt", "start": j, "end": j + 40, "text": f"generated evidence {j}"}],
                   certainty=rng.choice(["asserted", "possible"]))  # fmt: skip
    return G


def measure(browser, path: Path, search: str, runs: int) -> dict[str, float]:
    loads, redraws, searches = [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        start = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.neurokgExplorer && window.neurokgExplorer.ready", timeout=300_000)
        loads.append((time.perf_counter() - start) * 1000)
        before = page.evaluate("neurokgExplorer.network.getPositions()")
        page.wait_for_timeout(500)
        if page.evaluate("neurokgExplorer.network.getPositions()") != before:
            raise SystemExit(f"{path}: nodes still move after the first frame")
        redraws.append(page.evaluate(
            "(() => { const n = neurokgExplorer.network; const t = performance.now();"
            " for (let i = 0; i < 5; i++) n.redraw(); return (performance.now() - t) / 5; })()"
        ))  # fmt: skip
        searches.append(page.evaluate(
            "(q) => { const t = performance.now(); neurokgExplorer.search(q); return performance.now() - t; }", search
        ))  # fmt: skip
        page.close()
    return {
        "load": statistics.median(loads),
        "redraw": statistics.median(redraws),
        "search": statistics.median(searches),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="page loads per graph (median reported)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from neurokg import load_graph, to_networkx

    graphs: list[tuple[str, nx.MultiDiGraph, str]] = [
        ("real graph", to_networkx(load_graph()), "central sensitization")
    ]
    graphs += [(f"generated {n}", generated(n), f"node {n // 2}") for n in args.sizes]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, G, query in graphs:
            path = Path(tmp) / f"{name.replace(' ', '-')}.html"
            start = time.perf_counter()
            write_explorer(G, path)
            python_s = time.perf_counter() - start
            m = measure(browser, path, query, args.runs)
            rows.append((name, G.number_of_nodes(), G.number_of_edges(), python_s, path.stat().st_size / 1e6, m))
            print(f"{name}: done", file=sys.stderr, flush=True)
        browser.close()
    print("| graph | nodes | edges | write page (Python) | page size | open → settled | one redraw | search |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, n, e, py, mb, m in rows:
        print(f"| {name} | {n:,} | {e:,} | {py:.1f} s | {mb:.1f} MB | {m['load'] / 1000:.2f} s "
              f"| {m['redraw']:.0f} ms | {m['search']:.0f} ms |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
