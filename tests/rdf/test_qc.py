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


STATEMENT_ONLY = """
nk:fx_adv a nko:Condition ; skos:prefLabel "advertised condition"@en ;
    skos:definition "Subject of an advertised statement only."@en .
nk:fx_inf a nko:Symptom ; skos:prefLabel "inferred symptom"@en ;
    skos:definition "Object of an inferred statement only."@en .
nk:fx_note a nko:Symptom ; skos:prefLabel "noted symptom"@en ;
    skos:definition "Subject of a statement that is no relation."@en .
nk:fx_seen a nko:Symptom ; skos:prefLabel "seen symptom"@en ; skos:definition "Only a non-relation triple."@en .
nk:fx_adv nko:hasSymptom nk:fx_symptom .
[] rdf:subject nk:fx_adv ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_symptom ;
    nko:evidence [ nko:status nko:Advertised ; nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] .
[] rdf:subject nk:fx_condition ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_inf ;
    nko:evidence [ nko:status nko:InferredByCurator ; nko:reason "a curator's reading"@en ;
                   nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] .
[] rdf:subject nk:fx_note ; rdf:predicate rdfs:seeAlso ; rdf:object nk:fx_symptom ;
    nko:evidence [ nko:status nko:Stated ; nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] .
nk:fx_seen rdfs:seeAlso nk:fx_symptom .
"""


def test_entity_without_relation_counts_statements_on_both_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relation stated only as a statement (advertised, inferred) counts; a statement or triple of another
    predicate does not: the rule's rewritten form (MINUS, then lookups per entity) gives pySHACL's engine's rows."""
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    sources = read_sources(graph_dir=make_graph_dir(tmp_path, STATEMENT_ONLY))
    found = {}
    for engine in ("fast", "pyshacl"):
        report = validate_sources(sources, engine=engine)
        found[engine] = sorted(v.focus for v in report.violations if v.rule == "entity-without-relation")
    assert found["fast"] == found["pyshacl"]
    assert [f.rsplit("/", 1)[-1] for f in found["fast"]] == ["fx_note", "fx_seen"]
