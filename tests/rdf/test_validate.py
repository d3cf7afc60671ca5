"""Every SHACL shape has a passing and a failing fixture; the failing one names the shape.

A fixture named ``Rule~raw`` is checked as written, without the loader's summary step: its shape guards
graphs that did not come through :func:`neurokg.rdf.load.read_sources` (the loader itself keeps the
plain triples and the statuses consistent, see ``tests/rdf/test_status.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neurokg.rdf.load import read_sources
from neurokg.rdf.report import ValidationReport
from neurokg.rdf.validate import validate, validate_sources
from tests.fixturegraph import FIXTURES, make_graph_dir, raw_graph

SHAPE_FIXTURES = sorted((FIXTURES / "shapes").glob("*.fail.ttl"))


def _rule(path: Path) -> str:
    """The rule a fixture exercises: ``Rule.path`` or ``Rule``, optionally ``~variant`` for a second case."""
    return path.name.removesuffix(".fail.ttl").removesuffix(".pass.ttl").split("~", 1)[0]


def _case(path: Path) -> str:
    return path.name.removesuffix(".fail.ttl")


def test_fixture_count() -> None:
    assert len(SHAPE_FIXTURES) == 35
    assert len(list((FIXTURES / "shapes").glob("*.pass.ttl"))) == 35


def test_base_fixture_is_valid(tmp_path: Path) -> None:
    report = validate_sources(read_sources(graph_dir=make_graph_dir(tmp_path), corpus=None))
    assert report.conforms, str(report)


def _check(gdir: Path, raw: bool) -> ValidationReport:
    if not raw:
        return validate_sources(read_sources(graph_dir=gdir))
    graph, origins = raw_graph(gdir)
    return validate(graph, origins=origins, with_corpus=False)


@pytest.mark.parametrize("fail", SHAPE_FIXTURES, ids=_case)
def test_shape_pass_and_fail(tmp_path: Path, fail: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    rule = _rule(fail)
    raw = _case(fail).endswith("~raw")
    passing = fail.with_name(f"{_case(fail)}.pass.ttl")
    ok = _check(make_graph_dir(tmp_path / "pass", passing), raw)
    assert ok.conforms, str(ok)
    bad = _check(make_graph_dir(tmp_path / "fail", fail), raw)
    assert not bad.conforms
    rules = {v.rule for v in bad.errors}
    assert rule in rules, f"expected {rule}, got {rules}"
    hit = next(v for v in bad.errors if v.rule == rule)
    assert hit.file.endswith("delta0.ttl") or hit.file.endswith("base.ttl"), hit
