"""The benchmarks' generated graphs are valid input, so what they time is a real validation.

The store's own scan timer (``scan_growth.py``) and the named-query timer (``named_at_scale.py``) run on one of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_generated_graph_is_valid_curated_input(tmp_path: Path) -> None:
    graph_dir = tmp_path / "graph"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gen_graph.py"), "20000", str(graph_dir / "generated.ttl")],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-m", "neurokg", "validate", "--graph", str(graph_dir), "--corpus", ""],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "valid: 0 error(s)" in done.stdout + done.stderr
    scan = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scan_growth.py"), str(graph_dir / "generated.ttl"), "--reps", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    header, _, row = scan.stdout.splitlines()
    assert header.startswith("| triples |") and row.endswith("| x1.00 | x1.00 | x1.00 | x1.00 |")
    named = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "named_at_scale.py"), str(graph_dir / "generated.ttl"),
         "--only", "05-lines-of-therapy", "11-statistics"],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    rows = [line for line in named.stdout.splitlines() if line.startswith("| 0") or line.startswith("| 1")]
    assert [r.split(" | ")[0] for r in rows] == ["| 05-lines-of-therapy", "| 11-statistics"]
    assert int(rows[1].split(" | ")[1]) > 0  # the generated copies keep their statistics
