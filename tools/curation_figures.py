#!/usr/bin/env python3
"""Print the README's table of what curating each document with the proposer took.

Usage: ``python tools/curation_figures.py [GRAPH_DIR]``. The figures come from the graph (validated
readings and hand-added ones, by agent type) and its rejection log: see ``neurokg.curate.figures``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurokg.curate.figures import PageFigures, curation_figures
from neurokg.curate.rejections import LOG_NAME, read_rejections
from neurokg.rdf.load import load_graph

HEADER = (
    "| page | proposals | accepted | edited | rejected | acceptance | found | missed | recall on real work "
    "| reject reasons |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)


def _row(name: str, f: PageFigures, reasons: str) -> str:
    cells = [name, f.decided, f.accepted, f.edited, f.rejected, f"{f.acceptance:.2f}", f.found, f.missed]
    return "| " + " | ".join(str(c) for c in [*cells, f"{f.recall:.2f}", reasons]) + " |"


def table(graph_dir: Path | None = None) -> str:
    """The Markdown table, one row per document and a total."""
    from neurokg.core.resources import graph_dir as default_graph_dir

    gdir = graph_dir or default_graph_dir()
    pages = curation_figures(load_graph(graph_dir=gdir, corpus=None), read_rejections(gdir / LOG_NAME))
    lines = [HEADER]
    total = PageFigures("all")
    for f in pages:
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(f.reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(_row(f"`{f.document}`", f, reasons))
        for key in ("accepted", "edited", "rejected", "found", "missed"):
            setattr(total, key, getattr(total, key) + getattr(f, key))
    lines.append(_row(f"all {_words(len(pages))}", total, ""))
    return "\n".join(lines)


def _words(n: int) -> str:
    return {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}.get(n, str(n))


if __name__ == "__main__":
    print(table(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
