"""Feedback loops."""

from __future__ import annotations

import networkx as nx

from neurokg.network.cycles import feedback_loops


def test_loops_over_causal_relations(G) -> None:
    loops = feedback_loops(G)
    assert [[h.triple for h in loop] for loop in loops] == [
        [
            ("nk:neuropathic_pain", "nko:leadsTo", "nk:sleep"),
            ("nk:sleep", "nko:leadsTo", "nk:tolerance"),
            ("nk:tolerance", "nko:worsens", "nk:neuropathic_pain"),
        ],
        [  # complicationOf is walked from the pain to its complication
            ("nk:depression", "nko:worsens", "nk:sleep"),
            ("nk:sleep", "nko:leadsTo", "nk:tolerance"),
            ("nk:tolerance", "nko:worsens", "nk:neuropathic_pain"),
            ("nk:depression", "nko:complicationOf", "nk:neuropathic_pain"),
        ],
    ]
    assert loops[1][-1].inverse and loops[1][-1].source == "nk:neuropathic_pain"


def test_loops_through_start_there_and_carry_evidence(G) -> None:
    loops = feedback_loops(G, through="nk:tolerance")
    assert [[h.source for h in loop] for loop in loops] == [
        ["nk:tolerance", "nk:neuropathic_pain", "nk:sleep"],
        ["nk:tolerance", "nk:neuropathic_pain", "nk:depression", "nk:sleep"],
    ]
    assert all(h.evidence and h.statement for loop in loops for h in loop)
    assert feedback_loops(G, through="nk:diabetes") == []


def test_loops_bounds(G) -> None:
    assert len(feedback_loops(G, max_length=3)) == 1
    assert len(feedback_loops(G, limit=1)) == 1
    assert feedback_loops(G, relations=["nko:leadsTo"]) == []


def test_bounded_cycle_search_equals_networkx() -> None:
    from neurokg.network.cycles import _bounded_cycles

    W = nx.gnp_random_graph(40, 0.08, seed=3, directed=True)
    W = nx.relabel_nodes(W, {n: f"n{n:02d}" for n in W})
    for bound in (2, 4, 6):
        ours = sorted(tuple(c) for c in _bounded_cycles(W, bound))
        theirs = [tuple(c[c.index(min(c)) :] + c[: c.index(min(c))]) for c in nx.simple_cycles(W, length_bound=bound)]
        assert ours == sorted(theirs) and len(ours) == len(set(ours))
    assert len(ours) > 10
