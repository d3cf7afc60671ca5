"""``neurokg accept`` from the command line: the summary, --check, exit codes, the rejection log for propose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurokg.cli.app import get_parser
from tests.curate.acceptgraph import make_setup, proposals_for, write_review

DIABETES = "nk:diabetes causes nk:neuropathy"
CHEMO = "nk:chemotherapy causes foot nerve pain"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    gdir, corpus = make_setup(tmp_path)
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    decide = {DIABETES: ("accept",), CHEMO: ("reject", "wrong-entity", "not a concept")}
    return gdir, corpus, write_review(tmp_path / "review.json", documents, proposals, decide)


def test_accept_prints_what_it_merged_and_wrote(cli, setup) -> None:
    gdir, corpus, review = setup
    code, out, err = cli("accept", review, "--graph", gdir, "--corpus", corpus, "--format", "csv")
    assert code == 0, err
    header, row = out.splitlines()[:2]
    assert header.startswith("document,accepted,edited,rejected,pending,new statements,added to existing")
    assert row.startswith("leaflet.txt,1,0,1,")
    code, out, _ = cli("accept", review, "--graph", gdir, "--corpus", corpus)
    assert code == 0 and "nothing to change: the graph already holds these decisions" in out


def test_check_writes_nothing(cli, setup) -> None:
    gdir, corpus, review = setup
    code, out, _ = cli("accept", review, "--graph", gdir, "--corpus", corpus, "--check")
    assert code == 0 and "nothing written (--check)" in out
    assert [p.name for p in gdir.iterdir()] == ["concepts.ttl"]


def test_problems_are_one_line_errors_with_exit_1_and_check_lists_them_all(cli, setup, tmp_path: Path) -> None:
    gdir, corpus, _ = setup
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    review = write_review(tmp_path / "bad.json", documents, proposals, {p: ("accept",) for p in
                          ("nk:opioid riskFactorFor addiction", "NerveEase program treats nk:neuropathy")})  # fmt: skip
    code, out, err = cli("accept", review, "--graph", gdir, "--corpus", corpus)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "'addiction' is not a label of any concept" in lines[0]
    assert "(and 1 more problems; neurokg accept --check lists them)" in lines[0]
    code, _, err = cli("accept", review, "--graph", gdir, "--corpus", corpus, "--check")
    problems = [line for line in err.splitlines() if line.startswith("problem: ")]
    assert code == 1 and len(problems) == 2 and "'NerveEase program'" in problems[1]


def test_a_bad_review_file_is_invalid_input(cli, setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    data = json.loads(review.read_text())
    data["decisions"][0]["decision"] = "reject"
    data["decisions"][0]["reason"] = "because"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, _, err = cli("accept", bad, "--graph", gdir, "--corpus", corpus)
    assert code == 1 and err.startswith(f"error: {bad}: decision 1: a rejection needs a reason code")


def test_without_a_corpus_nothing_can_be_re_anchored(cli, setup, monkeypatch: pytest.MonkeyPatch) -> None:
    gdir, _, review = setup
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    code, _, err = cli("accept", review, "--graph", gdir)
    assert code == 2 and "re-anchors every span in its document: give --corpus DIR" in err


def test_propose_leaves_out_what_was_rejected(cli, setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    assert cli("accept", review, "--graph", gdir, "--corpus", corpus)[0] == 0
    out_file = tmp_path / "again.jsonl"
    code, out, _ = cli("propose", corpus / "leaflet.txt", "--graph", gdir, "-o", out_file, "--no-review")
    assert code == 0 and "left out 1 proposals a curator rejected before" in out
    subjects = {json.loads(x).get("subject") for x in out_file.read_text().splitlines()}
    assert "nk:chemotherapy" not in subjects and "nk:diabetes" in subjects
    code, out, _ = cli("propose", corpus / "leaflet.txt", "--graph", gdir, "-o", out_file, "--no-review",
                       "--show-rejected")  # fmt: skip
    assert "left out" not in out and "nk:chemotherapy" in out_file.read_text()


def test_help_has_an_example_and_the_exit_codes() -> None:
    sub = next(a for a in get_parser()._actions if a.dest == "command")
    text = sub.choices["accept"].format_help()  # type: ignore[union-attr]
    assert "example:" in text and "neurokg accept" in text and "exit codes:" in text and "--check" in text


def test_readme_example(cli, setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README: `neurokg accept REVIEW --corpus ../shared/corpus` on the packaged graph (here a copy of a small one)."""
    import shutil

    from neurokg.core.resources import ontology_dir

    gdir, corpus, review = setup
    home = tmp_path / "home"
    shutil.copytree(ontology_dir(), home / "ontology")
    shutil.copytree(gdir, home / "graph")
    monkeypatch.setenv("NEUROKG_HOME", str(home))
    code, out, err = cli("accept", review, "--corpus", corpus)
    assert code == 0, err
    assert f"wrote {home / 'graph' / 'accepted_leaflet.ttl'}" in out
    assert (home / "graph" / "rejections.tsv").is_file() and not (gdir / "rejections.tsv").exists()
