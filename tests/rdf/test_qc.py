"""QC rules: one file each, the rule in the first comment line, a passing and a failing fixture each."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurokg.rdf.load import read_sources
from neurokg.rdf.qc import qc_rules
from neurokg.rdf.validate import validate_sources
from tests.fixturegraph import FIXTURES, make_corpus, make_graph_dir

RULES = qc_rules()


def test_rule_count_and_headers() -> None:
    assert len(RULES) == 7
    for rule in RULES:
        first = rule.query.splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, rule.path
        assert rule.level in {"error", "warning"}
    assert [r.name for r in RULES if r.requires_corpus] == ["span-mentions-no-label"]


def test_every_rule_has_fixtures() -> None:
    names = {p.name.split(".")[0] for p in (FIXTURES / "qc").glob("*.ttl")}
    assert names == {r.name for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_pass_and_fail(tmp_path: Path, rule, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    corpus = make_corpus(tmp_path) if rule.requires_corpus else None
    for kind in ("pass", "fail"):
        delta = FIXTURES / "qc" / f"{rule.name}.{kind}.ttl"
        gdir = make_graph_dir(tmp_path / kind, delta, with_hash=corpus is not None)
        report = validate_sources(read_sources(graph_dir=gdir, corpus=corpus))
        hits = [v for v in report.violations if v.rule == rule.name]
        if kind == "pass":
            assert report.conforms, str(report)
        else:
            assert hits, f"{rule.name} did not fire: {report}"
            assert hits[0].message.startswith(rule.rule)


def test_corpus_rule_is_skipped_without_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    gdir = make_graph_dir(tmp_path, FIXTURES / "qc" / "span-mentions-no-label.fail.ttl")
    report = validate_sources(read_sources(graph_dir=gdir))
    assert report.conforms and not report.corpus_checked
