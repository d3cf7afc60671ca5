"""The notebooks: committed without outputs, and each runs top to bottom in a real kernel.

The kernel is this interpreter (a kernelspec written to a temporary ``JUPYTER_PATH``, so a user's own
``python3`` kernelspec cannot swap it), imports this checkout's ``src/`` and starts in an empty
temporary directory, so a notebook that reads a relative path fails here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL = "neurokg-test"

# what each executed notebook must show, beyond running without error
EXPECTED = {
    "01-tour.ipynb": {"image/png": 1, "text/html": 10},
    "02-networks.ipynb": {"image/png": 1, "text/html": 4, "iframe": 1},
}

pytestmark = pytest.mark.slow


def test_notebook_count() -> None:
    assert [p.name for p in NOTEBOOKS] == sorted(EXPECTED)


def _code_cells(nb: Any) -> list[Any]:
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(_code_cells(nb)):
        assert cell.outputs == [], f"{path.name}: code cell {i} has outputs; clear them before committing"
        assert cell.execution_count is None, f"{path.name}: code cell {i} has an execution count"
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_relative_paths_in_code(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in _code_cells(nb):
        for needle in ("../", "open(", ".ttl", "Path("):
            assert needle not in cell.source, f"{path.name}: load data through the package API, not {needle!r}"


@pytest.fixture(scope="session")
def kernel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JUPYTER_PATH holding a kernelspec that runs this interpreter on this checkout."""
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "neurokg test kernel",
        "language": "python",
        "env": {
            "PYTHONPATH": str(ROOT / "src"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        },
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return base


@pytest.fixture
def jupyter_env(monkeypatch: pytest.MonkeyPatch, kernel_path: Path, corpus: Path) -> Iterator[None]:
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_path))
    monkeypatch.setenv("NEUROKG_CORPUS", str(corpus))
    yield


def _count(nb: Any, kind: str) -> int:
    n = 0
    for cell in _code_cells(nb):
        for out in cell.outputs:
            data = out.get("data", {})
            if kind == "iframe":
                n += "<iframe srcdoc=" in data.get("text/html", "")
            else:
                n += kind in data
    return n


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_kernel(path: Path, tmp_path: Path, jupyter_env: None) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=600,
        startup_timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    for i, cell in enumerate(_code_cells(nb)):
        assert cell.execution_count is not None, f"{path.name}: code cell {i} did not run"
        for out in cell.outputs:
            assert out.output_type != "error"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i} wrote to stderr: {out.text}"
    for kind, least in EXPECTED[path.name].items():
        assert _count(nb, kind) >= least, f"{path.name}: expected at least {least} {kind} outputs"
    assert list(tmp_path.iterdir()) == [], "the notebook wrote files into its working directory"
