"""The page's loops, treatments and walk graphs are the library's: what the commands answer."""

from __future__ import annotations

import rdflib

from neurokg.explorer.analytics import example_pair, loop_records, treatment_records, walk_records
from neurokg.explorer.basis import analytic_network
from neurokg.network.cycles import feedback_loops
from neurokg.network.hops import walk_graph
from neurokg.network.treatments import treatments
from tests.explorergraph import sources_graph


def test_loops_and_treatments_are_the_commands(graph: rdflib.Graph) -> None:
    for g in (graph, sources_graph()):
        G = analytic_network(g)
        loops = loop_records(G)
        assert [[(h["from"], h["to"], h["statement"]) for h in loop["hops"]] for loop in loops] == [
            [(h.source, h.target, h.statement) for h in loop] for loop in feedback_loops(G)]  # fmt: skip
        options = treatments(G, "nk:neuropathic_pain")
        assert [(t["t"], t["statement"], t["via"]) for t in treatment_records(G, "nk:neuropathic_pain")] == [
            (t.treatment, t.statement, t.via or "") for t in options]  # fmt: skip


def test_fixture_loops_name_the_passage_that_calls_them_cycles() -> None:
    loops = loop_records(analytic_network(sources_graph()))
    assert [[h["from"] for h in loop["hops"]] for loop in loops] == [
        ["nk:depression", "nk:neuropathic_pain"],
        ["nk:muscle_tension", "nk:neuropathic_pain"],
        ["nk:neuropathic_pain", "nk:sleep_disturbance"],
    ]
    assert [bool(loop["cycle"]) for loop in loops] == [True, False, True]


def test_walk_graphs_keep_networkx_order() -> None:
    G = analytic_network(sources_graph())
    walk = walk_records(G)
    assert walk["nodes"] == list(G)
    W = walk_graph(G, forward=None, backward=())
    index = {n: i for i, n in enumerate(walk["nodes"])}
    for n in W:
        assert walk["directed"]["succ"][index[n]] == [index[m] for m in W.successors(n)]
        assert walk["directed"]["pred"][index[n]] == [index[m] for m in W.predecessors(n)]
    U = walk_graph(G, forward=None, backward=None)
    assert len(walk["undirected"]["arcs"]) == U.number_of_edges() == 2 * W.number_of_edges() - sum(
        1 for u, v in W.edges() if W.has_edge(v, u))  # fmt: skip
    assert example_pair(G, ["nk:diabetes"], ["nk:depression", "nk:anxiety"]) == ["nk:diabetes", "nk:depression"]
    assert example_pair(G, ["nk:anxiety"], ["nk:diabetes"]) == []
