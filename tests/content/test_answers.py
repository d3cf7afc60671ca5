"""The complete answer of every named query on the real graph, row for row (issue 14: answers, not fragments).

The expected answers in tests/content/answers/ are written by ``tools/gen_answers.py`` and read by a person:
a change in them is a change in what users are told, reviewed in the diff. Besides the whole answer, the
checks below name what each question must not lose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from tools.gen_answers import OUT, answer_lines, cases

CASES = cases()


@pytest.fixture(scope="module")
def store(bare_graph: Graph):
    """The real graph without document text, as the answers were written (offsets only)."""
    from neurokg.sparql import to_store

    return to_store(bare_graph)


def _rows(stem: str) -> list[dict]:
    return [json.loads(line) for line in (OUT / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_named_query_has_its_complete_answer() -> None:
    from neurokg.sparql import named_queries

    assert {name for _, name, _ in CASES} == set(named_queries())
    assert {p.stem for p in Path(OUT).glob("*.jsonl")} == {stem for stem, _, _ in CASES}


@pytest.mark.parametrize(("stem", "name", "bindings"), CASES, ids=[c[0] for c in CASES])
def test_complete_answer(store, stem: str, name: str, bindings: dict[str, str]) -> None:
    expected = (OUT / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    assert answer_lines(store, name, bindings) == expected


def test_causes_show_the_second_step_and_the_denial() -> None:
    rows = _rows("01-causes")
    via = [r for r in rows if r["route"].startswith("via ")]
    assert via and all(r["viaCertainty"] for r in via)
    injury = [r for r in rows if (r["cause"], r["target"], r["route"]) == ("injury", "neuropathic pain", "direct")]
    assert injury and all("003_0cd4833e1a3bd26d" in r["denied"] for r in injury), injury


def test_symptoms_include_the_autonomic_ones() -> None:
    found = {(r["symptom"], r["route"]) for r in _rows("03-symptoms")}
    assert {"abdominal pain", "constipation", "bladder pain"} <= {s for s, _ in found}


def test_treatments_carry_side_effects_and_denials() -> None:
    rows = _rows("04-treatments")
    antidepressant = next(r for r in rows if r["treatment"] == "antidepressant" and not r["via"])
    assert {"drowsiness", "weight gain", "sexual dysfunction"} <= set(antidepressant["sideEffects"].split(", "))
    opioid = next(r for r in rows if r["treatment"] == "opioid" and not r["via"])
    assert "003_0cd4833e1a3bd26d" in opioid["denied"]
    inherited = [r for r in rows if r["via"]]
    assert inherited and all(r["certainty"] == "" or r["certainty"].endswith(f"(for {r['via']})") for r in inherited)


def test_pain_qualities_are_paired_with_their_conditions() -> None:
    pairs = {(r["painQuality"], r["condition"]) for r in _rows("10-pain-quality-examples")}
    assert {("stabbing pain", "trigeminal neuralgia"), ("electric shock-like pain", "postherpetic neuralgia"),
            ("burning pain", "diabetic neuropathy")} <= pairs  # fmt: skip
