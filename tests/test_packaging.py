"""The wheel carries ontology/, graph/ and the named queries, and the installed package finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sparql.test_engine import NAMED

pytestmark = pytest.mark.slow


def test_wheel_ships_data_and_installed_package_finds_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheels, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("neurokg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "neurokg/data/ontology/neurokg.ttl" in names
    assert "neurokg/data/ontology/shapes.ttl" in names
    graph_files = {n for n in names if n.startswith("neurokg/data/graph/") and n.endswith(".ttl")}
    assert graph_files == {f"neurokg/data/graph/{p.name}" for p in (ROOT / "graph").glob("*.ttl")}
    queries = {f"neurokg/sparql/queries/{p.name}" for p in (ROOT / "src/neurokg/sparql/queries").glob("*.rq")}
    assert len(queries) == len(NAMED) and queries <= names
    curate = ROOT / "src/neurokg/curate"  # the proposer's rules, sources and review template (issue 19)
    data = {f"neurokg/curate/{p.relative_to(curate)}" for p in curate.rglob("*") if p.suffix in (".toml", ".j2")}
    assert len(data) == 5 and data <= names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NEUROKG_HOME", "NEUROKG_CORPUS")}
    env["PYTHONPATH"] = str(target)
    code = "import neurokg, neurokg.core.resources as r; print(r.data_home()); print(len(neurokg.load_graph()) > 500)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    home, ok = done.stdout.split()
    assert Path(home) == target / "neurokg" / "data"
    assert ok == "True"
