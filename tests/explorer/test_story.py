"""The story of a condition: lanes by role, firmest first, and what helps by kind."""

from __future__ import annotations

import rdflib

from neurokg.explorer.basis import analytic_network, full_network
from neurokg.explorer.story import lanes, stories
from tests.explorergraph import sources_graph


def test_fixture_lanes_in_full() -> None:
    g = sources_graph()
    story = lanes(full_network(g), analytic_network(g), "nk:neuropathic_pain")
    nodes = {lane: [e["n"][3:] for e in entries] for lane, entries in story["lanes"].items()}
    assert nodes == {
        # firmest first, then the number of sources; what feeds back on the pain is first an effect
        "causes": ["diabetes", "neuropathy", "injury", "alcohol_use", "shingles"],
        "mechanisms": ["nerve_damage"],
        "symptoms": ["numbness", "burning_pain"],
        "effects": ["muscle_tension", "depression", "sleep_disturbance", "anxiety", "mobility"],
    }
    depression = next(e for e in story["lanes"]["effects"] if e["n"] == "nk:depression")
    assert len(depression["st"]) == 2 and depression["sources"] == 2  # brings on, and worsens: one box
    alcohol = next(e for e in story["lanes"]["causes"] if e["n"] == "nk:alcohol_use")
    assert alcohol["via"] == ""  # stated of the pain itself; also a cause of nerve damage
    helps = {kind: [t["t"][3:] for t in entries] for kind, entries in story["helps"].items() if entries}
    assert helps == {
        "medicines": ["anticonvulsant", "opioid", "gabapentin", "gabapentin"],  # the last: inferred
        "procedures": ["nerve_block"],
        "therapies": ["physical_therapy"],
        "lifestyle": ["exercise"],
        "other": ["painaway_plus"],  # advertised: listed, hidden unless asked
    }


def test_real_graph_stories(graph: rdflib.Graph) -> None:
    G = full_network(graph)
    every = stories(G, analytic_network(graph))
    assert "nk:neuropathic_pain" in every and "nk:neuropathy" in every
    story = every["nk:neuropathic_pain"]
    assert {e["n"] for e in story["lanes"]["mechanisms"]} >= {"nk:nerve_damage", "nk:abnormal_pain_signals"}
    causes = story["lanes"]["causes"]
    assert [e["stated"] for e in causes] == sorted((e["stated"] for e in causes), reverse=True)
    firm = [(e["strength"], e["sources"]) for e in causes if e["stated"]]
    assert firm == sorted(firm, reverse=True)
