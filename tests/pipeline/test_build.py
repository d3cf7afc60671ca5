"""The build writes every output atomically, and refuses an invalid graph leaving dist/ untouched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from neurokg.pipeline.build import MARKER, build
from tests.conftest import BUILT, ROOT
from tests.fixturegraph import FIXTURES, make_graph_dir


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(built) -> Path:
    return built.out


@pytest.fixture
def small_graph(tmp_path: Path) -> Path:
    """A small valid graph of two files (the fixture base and one more), to break in each test."""
    return make_graph_dir(tmp_path, FIXTURES / "shapes" / "StatementShape~raw.pass.ttl")


@BUILT
def test_build_writes_all_outputs(built: Path) -> None:
    for name in ("neurokg.ttl", "neurokg.nt", "neurokg.jsonld", "stats.json", "validation.txt", MARKER):
        assert (built / name).is_file(), name
    stats = json.loads((built / "stats.json").read_text())
    assert stats["documents"] == 7  # the two articles and the five NIH pages
    assert stats["evidence_text"] is True
    by_basis = stats["statements_by_basis"]
    # a plain triple for every stated relation, none for an inferred or advertised one
    assert stats["relations"] == by_basis["stated"] - stats["denied"] and stats["denied"] >= 3  # denials: no triple
    assert sum(by_basis.values()) == stats["statements"]
    assert by_basis["inferred"] > 0 and by_basis["advertised"] > 0


@BUILT
def test_outputs_are_isomorphic_and_canonical(built: Path, graph: rdflib.Graph) -> None:
    ttl = rdflib.Graph().parse(built / "neurokg.ttl")
    nt = rdflib.Graph().parse(built / "neurokg.nt")
    jsonld = rdflib.Graph().parse(built / "neurokg.jsonld", format="json-ld")
    assert isomorphic(ttl, nt) and isomorphic(ttl, jsonld)
    assert isomorphic(ttl, graph)
    lines = (built / "neurokg.nt").read_text().splitlines()
    assert lines == sorted(lines)


@BUILT
def test_rebuild_is_byte_identical(built: Path, tmp_path: Path, corpus: Path) -> None:
    again = tmp_path / "again"
    build(again, corpus=corpus)
    for name in ("neurokg.ttl", "neurokg.nt", "stats.json"):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


@BUILT
def test_evidence_text_resolved_only_with_corpus(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_text = rdflib.Graph().parse(built / "neurokg.nt")
    nko_text = rdflib.URIRef("https://w3id.org/neurokg/ontology#text")
    spans = set(with_text.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/neurokg/ontology#Evidence")))
    assert spans and set(with_text.subjects(nko_text, None)) == spans  # every span has its text
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    result = build(tmp_path / "bare", graph_dir=make_graph_dir(tmp_path))
    bare = rdflib.Graph().parse(tmp_path / "bare" / "neurokg.nt")
    assert not result.evidence_text
    assert len(set(bare.subjects(nko_text, None))) == 0


def _fails_and_keeps_dist(cli, gdir: Path, out: Path, *expected: str) -> str:
    before = _snapshot(out)
    code, _out, err = cli("build", "--out", out, "--graph", gdir)
    assert code == 1, err
    for text in expected:
        assert text in err, f"{text!r} not in {err}"
    assert _snapshot(out) == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    return err


@pytest.fixture
def dist(tmp_path: Path, small_graph: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    out = tmp_path / "dist"
    build(out, graph_dir=small_graph)
    return out


def test_syntax_error_names_file_and_line(cli, small_graph: Path, dist: Path) -> None:
    path = small_graph / "delta0.ttl"
    lines = path.read_text().splitlines()
    lines.insert(9, 'nk:oops skos:prefLabel "unterminated .')
    path.write_text("\n".join(lines) + "\n")
    _fails_and_keeps_dist(cli, small_graph, dist, "delta0.ttl:10", "syntax error")


def test_missing_label_names_entity_rule_and_file(cli, small_graph: Path, dist: Path) -> None:
    path = small_graph / "base.ttl"
    text = path.read_text()
    assert 'skos:prefLabel "fixture condition"@en ;' in text
    path.write_text(text.replace('skos:prefLabel "fixture condition"@en ;', "", 1))
    _fails_and_keeps_dist(cli, small_graph, dist, "nk:fx_condition", "EntityPrefLabel", "base.ttl")


def test_wrong_range_names_entity_rule_and_file(cli, small_graph: Path, dist: Path) -> None:
    (small_graph / "zz_wrong.ttl").write_text(
        (FIXTURES / "prefixes.ttl").read_text()
        + "nk:fx_condition nko:memberOf nk:fx_symptom .\n"
        + "[] rdf:subject nk:fx_condition ; rdf:predicate nko:memberOf ; rdf:object nk:fx_symptom ;\n"
        + "   nko:evidence [ nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] .\n"
    )
    err = _fails_and_keeps_dist(cli, small_graph, dist, "memberOf-range", "memberOf-domain", "nk:fx_symptom")
    assert "base.ttl" in err


def test_refuses_to_replace_a_foreign_directory(cli, tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    code, _out, err = cli("build", "--out", foreign)
    assert code == 2 and "not made by neurokg build" in err
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_hash_mismatch_is_reported_and_not_used(tmp_path: Path) -> None:
    from neurokg.rdf.load import read_sources

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT.parent / "shared" / "corpus", corpus)
    changed = corpus / "003_0cd4833e1a3bd26d.txt"
    changed.write_text("X" + changed.read_text(encoding="utf-8"), encoding="utf-8")
    sources = read_sources(corpus=corpus)
    assert [p.file for p in sources.problems] == [str(changed)]
    assert "SHA-256" in str(sources.problems[0])
    nko = rdflib.Namespace("https://w3id.org/neurokg/ontology#")
    doc = rdflib.URIRef("https://w3id.org/neurokg/document/003_0cd4833e1a3bd26d")
    texts = [t for ev in sources.graph.subjects(nko.document, doc) for t in sources.graph.objects(ev, nko.text)]
    assert texts == []
