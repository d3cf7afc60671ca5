"""Explorer: time to a usable page in headless chromium, for the real graph and a graph three times its size.

Run: ``PYTHONPATH=src NEUROKG_CORPUS=../shared/corpus python benchmarks/bench_explorer.py [--runs 3] [--times 3]``

For each graph: the time to write the page in Python (answers, analytics, layout, HTML), the page size, then in
Debian's chromium (Playwright, page opened from ``file://``, every http(s) request refused): the time from
navigation to a usable page (question cards, story and search ready: ``neurokgExplorer.ready``), the time to
open the whole map (first drawn frame; physics is off, so that frame is the settled picture, checked), one
concept's answers, one search with a typo and the three paths of the path card. The raw library it stands on,
a bare vis-network page drawing the same map with nothing else, is timed in the same run: the ratio says what
the answers-first page costs over drawing the graph alone. Prints a Markdown table.

The larger graph is ``benchmarks/gen_graph.py``'s: the real graph copied three times and wired together
(copies' names end in `` 1``, `` 2``; no evidence text, so quotes are offsets only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.chromium import ARGS, CHROMIUM  # noqa: E402

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head>
<body style="margin:0"><div id="n" style="width:1500px;height:950px"></div>
<script type="application/json" id="nodes">{nodes}</script><script type="application/json" id="edges">{edges}</script>
<script>{js}</script><script>
const t0 = performance.now();
const nodes = new vis.DataSet(JSON.parse(document.getElementById("nodes").textContent));
const edges = new vis.DataSet(JSON.parse(document.getElementById("edges").textContent));
const net = new vis.Network(document.getElementById("n"), {{nodes, edges}}, {{physics: {{enabled: false}},
  layout: {{improvedLayout: false}}, edges: {{arrows: "to", smooth: false}}}});
net.once("afterDrawing", () => {{ window.ready = true; }});
</script></body></html>"""


def _embedded(html: str, name: str) -> Any:
    start = html.index(f'id="nkg-{name}">') + len(f'id="nkg-{name}">')
    return json.loads(html[start : html.index("</script>", start)])


def bare_page(html: str, path: Path) -> Path:
    """The same map drawn by vis-network alone: the raw library, for the ratio."""
    from neurokg.explorer.html import _vis_assets

    js, css, _ = _vis_assets()
    nodes = json.dumps(_embedded(html, "nodes")).replace("<", "\\u003c")
    edges = json.dumps(_embedded(html, "edges")).replace("<", "\\u003c")
    path.write_text(BARE.format(css=css, js=js, nodes=nodes, edges=edges), encoding="utf-8")
    return path


def _wait(page: Any, expression: str) -> None:
    """Poll ``expression`` with evaluate: the page's CSP refuses the eval that ``wait_for_function`` needs."""
    for _ in range(60_000):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(5)
    raise SystemExit(f"never true: {expression}")


def _open(browser: Any, path: Path, ready: str) -> tuple[Any, float]:
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    _wait(page, ready)
    return page, (time.perf_counter() - start) * 1000


def _timed(page: Any, expression: str, arg: object = None) -> float:
    timed = f"(a) => {{ const t = performance.now(); ({expression})(a); return performance.now() - t; }}"
    return float(page.evaluate(timed, arg))


def measure(browser: Any, path: Path, bare: Path, runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in ("usable", "map", "concept", "search", "paths", "bare")}
    for _ in range(runs):
        page, usable = _open(browser, path, "window.neurokgExplorer && window.neurokgExplorer.ready")
        times["usable"].append(usable)
        subject = page.evaluate("neurokgExplorer.model.subject")
        times["concept"].append(_timed(page, "(id) => neurokgExplorer.go('c/' + id)", subject))
        label = page.evaluate("(id) => neurokgExplorer.model.concepts[id].label", subject)
        typo = label[:-2] + label[-1] + label[-2] if len(label) > 3 else label
        times["search"].append(_timed(page, "(q) => neurokgExplorer.searchConcepts(q)", typo))
        pair = page.evaluate("neurokgExplorer.model.questions.pair") or [subject, subject]
        times["paths"].append(_timed(page, "(p) => neurokgExplorer.findPaths(p[0], p[1], false, 3)", pair))
        page.evaluate("neurokgExplorer.clear()")
        start = time.perf_counter()
        page.evaluate("neurokgExplorer.setView('map')")
        _wait(page, "neurokgExplorer.mapReady === true")
        times["map"].append((time.perf_counter() - start) * 1000)
        before = page.evaluate("neurokgExplorer.network.getPositions()")
        page.wait_for_timeout(300)
        if page.evaluate("neurokgExplorer.network.getPositions()") != before:
            raise SystemExit(f"{path}: nodes still move after the first frame")
        page.close()
        page, drawn = _open(browser, bare, "window.ready === true")
        times["bare"].append(drawn)
        page.close()
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="page loads per graph (median reported)")
    parser.add_argument("--times", type=int, default=3, help="size of the larger graph, in copies of the real one")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from benchmarks.gen_graph import copies_target, generate
    from neurokg.core.resources import corpus_dir
    from neurokg.explorer.html import explorer_page, write_page
    from neurokg.rdf.load import load_graph

    corpus = corpus_dir()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        real = load_graph(corpus=corpus)
        synthetic = Path(tmp) / "synthetic.nt"
        generate(copies_target(args.times), synthetic)
        import rdflib

        bigger = rdflib.Graph().parse(synthetic, format="nt")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, graph, texts in (("real graph", real, corpus), (f"{args.times} x the real graph", bigger, None)):
            start = time.perf_counter()
            page = explorer_page(graph, corpus=texts)
            python_s = time.perf_counter() - start
            path = write_page(page, Path(tmp) / f"{name.replace(' ', '-')}.html")
            bare = bare_page(page.html, Path(tmp) / f"{name.replace(' ', '-')}-bare.html")
            m = measure(browser, path, bare, args.runs)
            rows.append((name, page.map_nodes, page.map_edges, python_s, path.stat().st_size / 1e6, m))
            print(f"{name}: done", file=sys.stderr, flush=True)
        browser.close()
    print("| graph | nodes | edges | write page (Python) | page size | open → usable | whole map drawn "
          "| bare vis-network draw (raw library) | usable / bare | map / bare | a concept's answers | search (typo) "
          "| 3 paths |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, n, e, py, mb, m in rows:
        print(f"| {name} | {n:,} | {e:,} | {py:.1f} s | {mb:.1f} MB | {m['usable'] / 1000:.2f} s "
              f"| {m['map'] / 1000:.2f} s "
              f"| {m['bare'] / 1000:.2f} s | {m['usable'] / m['bare']:.2f} | {m['map'] / m['bare']:.2f} "
              f"| {m['concept']:.0f} ms | {m['search']:.0f} ms | {m['paths']:.0f} ms |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
