"""Commands answer from the prepared store, never a stale one; a build records its corpus and is incremental."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from neurokg.pipeline.build import MANIFEST, build
from neurokg.pipeline.prepared import cache_dir, inputs, prepare, record_build
from tests.fixturegraph import FIXTURES, make_corpus, make_graph_dir

LABELS = "SELECT ?label WHERE { nk:fx_symptom skos:prefLabel ?label }"
TEXTS = "SELECT ?text WHERE { ?span nko:text ?text }"


@pytest.fixture
def no_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)


def test_a_changed_file_prepares_the_store_again(cli, tmp_path: Path, no_corpus: None) -> None:
    gdir = make_graph_dir(tmp_path)
    code, out, err = cli("query", "--graph", gdir, "--format", "csv", LABELS)
    assert code == 0 and out.splitlines()[1:] == ["fixture symptom"], err
    code, out, err = cli("query", "--graph", gdir, "--format", "csv", LABELS)
    assert out.splitlines()[1:] == ["fixture symptom"] and "prepared again" not in err
    base = gdir / "base.ttl"
    base.write_text(base.read_text().replace('"fixture symptom"@en', '"renamed symptom"@en'))
    code, out, err = cli("query", "--graph", gdir, "--format", "csv", LABELS)
    assert code == 0 and out.splitlines()[1:] == ["renamed symptom"], (out, err)
    assert "base.ttl changed since the store was prepared: prepared again" in err


def test_a_new_file_and_new_code_make_a_new_store(tmp_path: Path, no_corpus: None) -> None:
    gdir = make_graph_dir(tmp_path)
    first = prepare(gdir, "")
    (gdir / "more.ttl").write_text((FIXTURES / "prefixes.ttl").read_text() + 'nk:x skos:altLabel "x"@en .\n')
    second = prepare(gdir, "")
    assert second.fresh and second.nt != first.nt and len(second.store) == len(first.store) + 1
    assert any(name.endswith("more.ttl") for name in second.changed)
    assert not prepare(gdir, "").fresh


def test_an_out_of_date_build_is_refused(cli, tmp_path: Path, no_corpus: None) -> None:
    gdir = make_graph_dir(tmp_path)
    dist = tmp_path / "dist"
    build(dist, graph_dir=gdir)
    base = gdir / "base.ttl"
    base.write_text(base.read_text().replace('"fixture symptom"@en', '"renamed symptom"@en'))
    code, _out, err = cli("push", "--dist", dist, "--endpoint", "http://127.0.0.1:9/store", "--timeout", "1")
    assert code == 2
    assert "is out of date" in err and "base.ttl" in err and "neurokg build --out" in err
    (dist / "build.json").unlink()
    code, _out, err = cli("serve", "--dist", dist, "--port", "0")
    assert code == 2 and "holds no neurokg build this version can check" in err


def test_the_recorded_corpus_is_used_and_named(cli, tmp_path: Path, no_corpus: None) -> None:
    corpus = make_corpus(tmp_path)
    gdir = make_graph_dir(tmp_path, with_hash=True)
    build(tmp_path / "dist", graph_dir=gdir, corpus=corpus)
    code, out, err = cli("query", "--graph", gdir, "--format", "csv", TEXTS)
    assert code == 0 and len(out.splitlines()) == 2, err
    assert f"corpus: {corpus.resolve()} (recorded by the build in {(tmp_path / 'dist').resolve()})" in err
    code, out, err = cli("query", "--graph", gdir, "--corpus", "", "--format", "csv", TEXTS)
    assert out.splitlines() == ["text"] and "corpus: none" in err


def test_locate_uses_the_corpus_of_the_last_build(cli, tmp_path: Path, no_corpus: None, corpus: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    record_build(inputs(None), copy, tmp_path / "dist")
    code, out, err = cli("locate", "central sensitization", "--format", "csv")
    assert code == 0 and len(out.splitlines()) > 1
    assert f"corpus: {copy.resolve()} (recorded by the build" in err


def test_build_skips_unchanged_work_and_says_so(cli, tmp_path: Path, no_corpus: None) -> None:
    gdir = make_graph_dir(tmp_path)
    dist = tmp_path / "dist"
    code, out, _err = cli("build", "--out", dist, "--graph", gdir)
    assert code == 0 and "outputs in" in out
    stamps = {p.name: p.stat().st_mtime_ns for p in dist.iterdir()}
    code, out, _err = cli("build", "--out", dist, "--graph", gdir)
    assert code == 0 and out.startswith("up to date:") and "nothing to do" in out
    assert {p.name: p.stat().st_mtime_ns for p in dist.iterdir()} == stamps
    (gdir / "base.ttl").write_text((gdir / "base.ttl").read_text().replace("fixture symptom", "another symptom"))
    code, out, _err = cli("build", "--out", dist, "--graph", gdir)
    assert code == 0 and "outputs in" in out
    assert "another symptom" in (dist / "neurokg.nt").read_text()
    manifest = json.loads((dist / MANIFEST).read_text())
    assert manifest["inputs"] == inputs(gdir).files and manifest["corpus"] is None
    code, out, _err = cli("build", "--out", dist, "--graph", gdir, "--force")
    assert code == 0 and "outputs in" in out


def test_changed_rules_revalidate_and_keep_the_outputs(tmp_path: Path, no_corpus: None, monkeypatch) -> None:
    home = tmp_path / "home"
    shutil.copytree(FIXTURES.parents[1] / "ontology", home / "ontology")
    gdir = make_graph_dir(home)
    monkeypatch.setenv("NEUROKG_HOME", str(home))
    dist = tmp_path / "dist"
    build(dist, graph_dir=gdir)
    kept = (dist / "neurokg.ttl").stat().st_mtime_ns
    rule = home / "ontology" / "qc" / "label-names-one-concept.rq"
    rule.write_text(rule.read_text().replace("belongs to two entities.", "belongs to two entities!"))
    result = build(dist, graph_dir=gdir)
    assert result.skipped == "outputs" and result.report.conforms
    assert (dist / "neurokg.ttl").stat().st_mtime_ns == kept
    assert build(dist, graph_dir=gdir).skipped == "unchanged"


def test_the_cache_keeps_a_few_stores(tmp_path: Path, no_corpus: None) -> None:
    gdir = make_graph_dir(tmp_path)
    for i in range(10):
        (gdir / "extra.ttl").write_text((FIXTURES / "prefixes.ttl").read_text() + f'nk:x{i} skos:altLabel "x"@en .\n')
        prepare(gdir, "")
    assert len([p for p in (cache_dir() / "stores").iterdir() if p.is_dir()]) <= 8
