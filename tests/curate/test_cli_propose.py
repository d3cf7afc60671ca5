"""``neurokg propose`` end to end: a corpus document and one the graph has never seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurokg.cli.app import get_parser
from tests.curate.leaflet import write_leaflet


def test_default_output_in_the_work_directory(
    cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    leaflet = write_leaflet(tmp_path)
    article = corpus / "003_0cd4833e1a3bd26d.txt"
    code, out, err = cli("propose", article, leaflet)
    assert code == 0, err
    jsonl = tmp_path / "work" / "proposals" / "003_0cd4833e1a3bd26d+1.jsonl"
    page = jsonl.with_suffix(".html")
    assert jsonl.is_file() and page.is_file()
    assert f"proposals: {Path('work/proposals/003_0cd4833e1a3bd26d+1.jsonl')}" in out
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    documents = [r for r in records if r["record"] == "document"]
    assert [d["file_name"] for d in documents] == ["003_0cd4833e1a3bd26d.txt", "leaflet.txt"]
    per_doc = {d["file_name"]: sum(r.get("document") == d["file_name"] for r in records) for d in documents}
    assert per_doc["003_0cd4833e1a3bd26d.txt"] > 100 and per_doc["leaflet.txt"] >= 6
    assert "003_0cd4833e1a3bd26d.txt" in out and "leaflet.txt" in out and "dropped" in out


def test_standard_output_is_pure_json_lines(cli, tmp_path: Path) -> None:
    code, out, err = cli("propose", write_leaflet(tmp_path), "-o", "-", "--format", "csv")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["record"] == "document" and all(r["record"] == "proposal" for r in lines[1:])
    assert err.startswith("document,sha256,characters,proposals,dropped")  # the summary goes to stderr
    assert not (tmp_path / "work").exists()


def test_missing_document_is_a_one_line_usage_error(cli, tmp_path: Path) -> None:
    code, out, err = cli("propose", tmp_path / "nothing.txt", "-o", tmp_path / "p.jsonl")
    assert code == 2 and out == ""
    assert err.strip() == f"error: {tmp_path / 'nothing.txt'}: document not found"
    assert not (tmp_path / "p.jsonl").exists()


def test_bad_candidates_file_is_invalid_input_and_nothing_is_written(cli, tmp_path: Path) -> None:
    bad = tmp_path / "c.jsonl"
    bad.write_text('{"document": "leaflet.txt", "start": 0}\n', encoding="utf-8")
    code, _, err = cli("propose", write_leaflet(tmp_path), "--candidates", bad, "-o", tmp_path / "p.jsonl")
    assert code == 1
    assert err.strip() == f"error: {bad}:1: missing field 'end'"
    assert not (tmp_path / "p.jsonl").exists()


def test_candidates_only(cli, tmp_path: Path) -> None:
    cand = tmp_path / "c.jsonl"
    cand.write_text(
        json.dumps(
            {
                "document": "leaflet.txt",
                "start": None,
                "end": None,
                "quote": "Chemotherapy",
                "subject": "nk:chemotherapy",
                "predicate": "causes",
                "object": "nk:neuropathy",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out_file = tmp_path / "p.jsonl"
    code, _, err = cli(
        "propose", write_leaflet(tmp_path), "--candidates", cand, "--no-rules", "-o", out_file, "--no-review"
    )
    assert code == 0, err
    proposals = [json.loads(x) for x in out_file.read_text(encoding="utf-8").splitlines()][1:]
    assert [(p["subject"], p["source"]) for p in proposals] == [("nk:chemotherapy", "external")]
    assert not out_file.with_suffix(".html").exists()


def test_help_has_an_example_and_the_exit_codes() -> None:
    sub = next(a for a in get_parser()._actions if a.dest == "command")
    text = sub.choices["propose"].format_help()  # type: ignore[union-attr]
    assert "example:" in text and "neurokg propose" in text and "exit codes:" in text


def test_readme_example(cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README: `neurokg propose ../shared/corpus/nih_ninds_0000148_shingles.txt` (the corpus fixture's path)."""
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("propose", corpus / "nih_ninds_0000148_shingles.txt")
    assert code == 0, err
    assert "CC BY 4.0 (MedQuAD)" in out and "http://www.ninds.nih.gov/disorders/shingles/shingles.htm" in out
    jsonl = Path("work/proposals/nih_ninds_0000148_shingles.jsonl")
    assert jsonl.is_file() and jsonl.with_suffix(".html").is_file()
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records[0]["credit"].startswith("NINDS via MedQuAD") and len(records) > 5
