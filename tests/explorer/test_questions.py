"""The question cards hold the answers of the named queries, on the real graph and the fixture of sources."""

from __future__ import annotations

import rdflib

from neurokg.core.namespace import curie
from neurokg.explorer.questions import QUERIES, question_answers
from neurokg.sparql.engine import run_query
from neurokg.sparql.named import find_named
from tests.explorergraph import sources_graph


def _rows(graph: rdflib.Graph, number: str) -> list[dict]:
    return run_query(graph, find_named(number).text).records()


def test_cards_are_the_named_queries(graph: rdflib.Graph) -> None:
    for g in (graph, sources_graph()):
        answers = question_answers(g, "neuropathic pain")
        causes = [r for r in _rows(g, "01") if r["target"] == "neuropathic pain"]
        assert answers["causes"]["direct"] == [[curie(r["statement"]), r["certainty"]] for r in causes
                                               if r["route"] == "direct"]  # fmt: skip
        assert len(answers["causes"]["via"]) == sum(r["route"] != "direct" for r in causes)
        assert [s for s, _, _ in answers["symptoms"]] == [curie(r["statement"]) for r in _rows(g, "03")
                                                           if r["condition"] == "neuropathic pain"]  # fmt: skip
        assert [s for s, _, _ in answers["limits"]] == [curie(r["statement"]) for r in _rows(g, "06")]
        assert answers["advertised"] == [curie(r["statement"]) for r in _rows(g, "13") if r["basis"] == "advertised"]
        assert answers["chains"] == [curie(r["statement"]) for r in _rows(g, "02")]
        assert set(answers["queries"]) == set(QUERIES) and answers["queries"]["causes"].startswith("01-")


def test_fixture_answers_in_full() -> None:
    answers = question_answers(sources_graph(), "neuropathic pain")
    assert answers["causes"]["target"] == "neuropathic pain"
    assert sorted(c for _, c in answers["causes"]["direct"]) == ["asserted", "often", "possible", "possible"]
    assert sorted(v for _, v, _ in answers["causes"]["via"]) == ["nerve damage", "neuropathy"]
    assert sorted(k for _, k, _ in answers["symptoms"]) == ["pain quality", "sensory"]
    limits = sorted(q for _, q, _ in answers["limits"])
    assert limits == ["dependence risk"] * 3 + ["mechanism unknown", "not first line", "temporary"]
    assert len(answers["advertised"]) == 2
    # query 12: one row per reading; the card, one per statement a source states, with how many state it
    assert len({sid for sid, _ in answers["agreement"]}) == len(answers["agreement"]) == 30
    assert sum(r[1] in ("stated by 2 sources", "stated by 3 sources") for r in answers["agreement"]) == 7
