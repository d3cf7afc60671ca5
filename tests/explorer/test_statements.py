"""Statement records: sentences, limits, sources and quotes merged, on the fixture of four sources."""

from __future__ import annotations

import rdflib

from neurokg.explorer.basis import full_network
from neurokg.explorer.statements import marks, statement_records
from tests.explorergraph import sources_graph


def _by_sentence() -> dict[str, dict]:
    return {r["sentence"]: r for r in statement_records(full_network(sources_graph()))}


def test_sources_quotes_and_limits() -> None:
    records = _by_sentence()
    diabetes = records["Diabetes causes neuropathic pain"]
    assert diabetes["sources"] == ["a2_explained.txt", "g1_agency.txt", "g2_diabetes.txt"]
    assert len(diabetes["quotes"]) == 1 and diabetes["quotes"][0]["docs"] == diabetes["sources"]  # merged
    assert diabetes["quotes"][0]["marks"] == [[0, 8, "s"], [34, 50, "o"]]
    assert [e[:2] for e in diabetes["evidence"]] == [["a2_explained.txt", 116], ["g1_agency.txt", 27],
                                                     ["g2_diabetes.txt", 25]]  # fmt: skip
    opioid = records["In some cases, opioid treats neuropathic pain"]
    assert opioid["limits"] == [["dependence risk", "risk of dependence"], ["not first line", "not a first choice"]]
    assert records["Nerve block may treat neuropathic pain"]["limits"] == [["temporary", "temporary relief"]]
    injury = records["Injury usually causes neuropathic pain"]
    assert len(injury["quotes"]) == 2 and injury["strength"] == 5 and injury["certainty"] == "often"
    assert records["Neuropathic pain commonly has burning pain as a symptom"]["inverse"] == "is commonly a symptom of"
    advert = records["PainAway Plus treats neuropathic pain"]
    assert advert["basis"] == "advertised" and advert["quotes"][0]["status"] == ["advertised"]


def test_marks_find_both_ends_and_plurals() -> None:
    text = "Anticonvulsants sometimes ease neuropathic pain; nerve pain too."
    assert marks(text, ["anticonvulsant"], ["neuropathic pain", "nerve pain"]) == [
        [0, 15, "s"], [31, 47, "o"], [49, 59, "o"]]  # fmt: skip
    assert marks("no names here", ["x"], ["y"]) == []


def test_real_graph_records_every_edge(graph: rdflib.Graph) -> None:
    G = full_network(graph)
    records = statement_records(G)
    assert len(records) == G.number_of_edges() == len({r["id"] for r in records})
    assert all(r["sentence"] and r["sentence"][0].isupper() for r in records)
