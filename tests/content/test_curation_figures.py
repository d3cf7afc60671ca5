"""The README's table of what curating the NIH pages took is what the graph and the rejection log say."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("curation_figures", ROOT / "tools" / "curation_figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_table_matches_the_graph() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- curation-figures:begin -->\n", "\n<!-- curation-figures:end -->"
    shown = readme[readme.index(begin) + len(begin) : readme.index(end)]
    assert shown == _tool().table(ROOT / "graph")


def test_every_nih_page_was_reviewed_and_reread() -> None:
    rows = [line for line in _tool().table(ROOT / "graph").splitlines() if line.startswith("| `nih_")]
    assert len(rows) == 5
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        decided, accepted, edited, rejected, _, found, missed = (int(c) if c.isdigit() else c for c in cells[1:8])
        assert decided == accepted + edited + rejected and found > 0 and missed > 0
