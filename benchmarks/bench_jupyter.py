"""Jupyter: graph load per kernel, %sparql with and without the cached store, the inline explorer, notebooks.

Run: ``PYTHONPATH=src NEUROKG_CORPUS=../shared/corpus python benchmarks/bench_jupyter.py [--repeat 5]``

Measures, on the real graph: loading the kernel graph (with evidence text when ``NEUROKG_CORPUS`` is set);
a named query through the ``%sparql`` magic in a real IPython shell, the first time (which copies the graph
into pyoxigraph) and then with the cached store, against ``run_query`` on the rdflib graph (a copy per call);
``show_explorer`` for central sensitization at depths 1 and 2 (time and size of the output); and each notebook
executed top to bottom by nbclient, kernel start included. Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def _notebook_seconds(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "kernels" / "neurokg-bench"
        spec.mkdir(parents=True)
        kernel = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "bench",
            "language": "python",
            "env": {"PYTHONPATH": str(ROOT / "src")},
        }
        (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
        os.environ["JUPYTER_PATH"] = tmp
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, kernel_name="neurokg-bench", timeout=600, resources={"metadata": {"path": tmp}}).execute()
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    args = parser.parse_args(argv)

    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import neurokg.jupyter.magic as nbj
    from neurokg import named_query, run_query, to_networkx

    rows: list[tuple[str, str]] = []
    load, graph = _median(lambda: nbj.kernel_graph(reload=True), args.repeat)
    corpus = "on" if os.environ.get("NEUROKG_CORPUS") else "off"
    rows.append((f"kernel graph load ({len(graph)} triples, corpus {corpus})", f"{load * 1000:.0f} ms"))

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell.instance(config=config)
    shell.run_line_magic("load_ext", "neurokg")
    magic = "%sparql --named 14-concept --param 'name=central sensitization'"

    def first_query() -> float:
        nbj.kernel_graph(reload=True)  # a fresh kernel graph: no store yet
        start = time.perf_counter()
        shell.run_cell(magic, store_history=False, silent=True).raise_error()
        return time.perf_counter() - start

    first = statistics.median(first_query() for _ in range(args.repeat))
    cached, _ = _median(lambda: shell.run_cell(magic, store_history=False, silent=True).raise_error(), args.repeat)
    text = named_query("14-concept")
    uncached, _ = _median(lambda: run_query(graph, text, bindings={"name": "central sensitization"}), args.repeat)
    rows.append(("`%sparql --named 14-concept`, first in the kernel (store built)", f"{first * 1000:.0f} ms"))
    rows.append(("`%sparql --named 14-concept`, cached store", f"{cached * 1000:.1f} ms"))
    rows.append(("`run_query(graph, ...)` on the rdflib graph (a store per call)", f"{uncached * 1000:.0f} ms"))

    G = to_networkx(graph)
    for depth in (1, 2):
        seconds, shown = _median(lambda d=depth: nbj.show_explorer(G, focus="central sensitization", depth=d),
                                 args.repeat)  # fmt: skip
        size = len(shown.data.encode("utf-8"))  # type: ignore[attr-defined]
        rows.append((f"`show_explorer(G, focus='central sensitization', depth={depth})`",
                     f"{seconds * 1000:.0f} ms, {size / 1e6:.2f} MB"))  # fmt: skip

    if not args.no_notebooks:
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            rows.append((f"execute `notebooks/{path.name}` (nbclient, kernel start included)",
                         f"{_notebook_seconds(path):.1f} s"))  # fmt: skip

    print("| measure | median |")
    print("| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
