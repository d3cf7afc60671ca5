"""The two commands of the README on this checkout: ``make run`` builds and says where; ``make notebooks`` is wired.

``make test`` itself is what CI runs (``.ci/run``), so it is not run from inside the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEUROKG_", "MAKE"))}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def venv() -> str:
    """The environment ``make`` made for this checkout (``make test`` made it before running the suite)."""
    prefix = Path(sys.prefix)
    if not (prefix / ".installed").is_file():
        pytest.skip(f"{prefix} was not made by make (no .installed): run the suite with make test")
    return str(prefix)


def test_make_run_builds_and_says_where(venv: str, tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "dist"
    done = _make("run", f"VENV={venv}", f"OUT={out}", f"CORPUS={corpus}")
    assert done.returncode == 0, done.stderr
    assert f"Graph:    {out}/neurokg.ttl" in done.stdout
    assert f"Explorer: file://{out}/explorer.html" in done.stdout
    assert (out / "neurokg.nt").is_file() and (out / "explorer.html").is_file()
    assert "evidence text is unavailable" not in done.stdout
    again = _make("run", f"VENV={venv}", f"OUT={out}", f"CORPUS={corpus}")
    assert again.returncode == 0 and "up to date:" in again.stdout and "nothing to do" in again.stdout


def test_make_notebooks_runs_jupyterlab_on_loopback_with_the_corpus(venv: str, corpus: Path) -> None:
    # -n: print the recipe; starting JupyterLab is what a person does with it
    done = _make("-n", "notebooks", f"VENV={venv}", f"CORPUS={corpus}", "JUPYTER_ARGS=--no-browser")
    assert done.returncode == 0, done.stderr
    recipe = done.stdout.replace("\\\n", " ")
    line = next(ln for ln in recipe.splitlines() if "jupyter lab" in ln)
    assert f"NEUROKG_CORPUS={corpus}" in line and "--ip=127.0.0.1" in line
    assert line.rstrip().endswith("--no-browser notebooks/") and f"{venv}/bin/jupyter lab" in line


def test_make_refuses_a_corpus_that_does_not_exist(venv: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-corpus"
    for target in ("run", "notebooks"):
        done = _make(target, f"VENV={venv}", f"OUT={tmp_path / 'dist'}", f"CORPUS={missing}")
        assert done.returncode == 2, target
        assert f"error: CORPUS={missing} is not a directory" in done.stderr
    assert not (tmp_path / "dist").exists()
