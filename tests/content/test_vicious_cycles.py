"""Every cycle the documents call vicious is a loop of ``neurokg loops``, with its evidence (issue 14).

By default a loop walks only causal relations a document states, plus the step a curator added to close a
chain that a passage calls a cycle (``nko:closesCycle``), marked as an inference. Doc 000 names three:
the daily-life cycle (pain disturbs sleep, mobility and daily activities), the cycle of its section 8
(tension, spasms and nerve compression; posture and gait; sleep; depression and anxiety raising pain
perception) and the cycle of emotional and psychological distress that closes its mental-health part.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Graph

from neurokg.network.cycles import CAUSAL_RELATIONS, closes_cycle, feedback_loops, loop_network

DOC0 = "000_c4bdad115d249047.txt"


@pytest.fixture(scope="module")
def loops(graph: Graph) -> list:
    from neurokg import to_networkx

    return list(feedback_loops(loop_network(to_networkx(graph, include="inferred"))))


def _nodes(loop) -> set[str]:
    return {h.source for h in loop}


def _cited(loop) -> set[int]:
    return {int(ev["start"]) for h in loop for ev in h.evidence if ev.get("document") == DOC0}


@pytest.mark.parametrize(
    ("named", "members", "passage"),
    [
        ("daily life", {"nk:neuropathic_pain", "nk:sleep_disturbance"}, 4110),
        ("tension and compression", {"nk:neuropathic_pain", "nk:muscle_tension", "nk:nerve_compression"}, 4941),
        ("posture", {"nk:neuropathic_pain", "nk:muscle_tension", "nk:muscle_spasm", "nk:change_in_posture"}, 5035),
        ("gait", {"nk:neuropathic_pain", "nk:muscle_spasm", "nk:change_in_gait"}, 5035),
        ("sleep and tolerance", {"nk:neuropathic_pain", "nk:sleep_disturbance", "nk:reduced_pain_tolerance"}, 5147),
        ("depression and pain perception", {"nk:depression", "nk:pain_perception", "nk:chronic_pain"}, 5268),
        ("emotional distress", {"nk:neuropathic_pain", "nk:emotional_distress"}, 13844),
    ],
)
def test_every_named_vicious_cycle_is_a_loop_with_its_evidence(loops, named, members, passage) -> None:
    found = [loop for loop in loops if members <= _nodes(loop)]
    assert found, f"the {named} cycle is not a loop"
    assert any(passage in _cited(loop) for loop in found), f"no {named} loop cites the passage at {passage}"
    assert all(h.evidence for loop in found for h in loop)


def test_no_default_loop_rests_on_a_relation_no_document_states(loops) -> None:
    assert loops
    for loop in loops:
        for hop in loop:
            assert hop.relation in CAUSAL_RELATIONS and hop.relation != "nko:hasSymptom"
            if hop.basis != "stated":
                assert hop.basis == "inferred" and hop.qualifiers.get("closesCycle"), hop
                assert any(ev.get("closesCycle") for ev in hop.evidence)


def test_closing_steps_are_marked_in_the_command(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the story cuts a line to the terminal; read it whole
    code, out, _ = cli("loops", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    inferred = [r for r in rows if r["basis"] != "stated"]
    assert inferred and all(r["qualifiers"].get("closesCycle") for r in inferred)
    code, text, _ = cli("loops")
    assert "closes a cycle the text names" in text


def test_an_inferred_step_that_closes_no_named_cycle_is_not_walked(graph: Graph) -> None:
    from neurokg import to_networkx

    full = to_networkx(graph, include="inferred")
    walked = loop_network(full)
    dropped = [(u, v, k) for u, v, k, d in full.edges(keys=True, data=True) if d.get("basis") == "inferred"
               and not closes_cycle(d)]  # fmt: skip
    assert dropped and not any(walked.has_edge(u, v, k) for u, v, k in dropped)
    assert isinstance(walked, nx.MultiDiGraph)


def test_limit_counts_the_loops_it_prints(graph: Graph, loops, cli) -> None:
    """``--limit N`` prints N loops when there are more: loops with two unstated steps, dropped, are not counted."""
    from neurokg import to_networkx

    H = loop_network(to_networkx(graph, include="inferred"))
    assert len(loops) > 12
    for n in (1, 5, 12, len(loops), len(loops) + 1):
        limited = feedback_loops(H, limit=n)
        assert len(limited) == min(n, len(loops))
        assert all(loop in loops for loop in limited)
    code, out, _ = cli("loops", "--limit", "5", "--format", "json")
    assert code == 0 and len({row["path"] for row in json.loads(out)}) == 5
