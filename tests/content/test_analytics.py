"""Analytics on the real curated graph: the questions of issue 4 come out right, with evidence on every hop."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from neurokg import to_networkx
from neurokg.network.cycles import feedback_loops
from neurokg.network.names import resolve
from neurokg.network.paths import shortest_paths
from neurokg.network.ranking import rank
from neurokg.network.treatments import treatments


@pytest.fixture(scope="module")
def G(graph) -> nx.MultiDiGraph:
    return to_networkx(graph)


def _has_evidence(hop) -> bool:
    return bool(hop.statement) and bool(hop.evidence) and all(e["document"] and e.get("text") for e in hop.evidence)


def test_names_resolve_on_the_real_graph(G) -> None:
    assert resolve(G, "Diabetes Mellitus") == "nk:diabetes"
    assert resolve(G, "nerve pain") == "nk:neuropathic_pain"
    assert resolve(G, "NSAIDs") == "nk:nsaid"


def test_path_from_diabetes_to_depression_with_evidence_on_every_hop(G) -> None:
    paths = shortest_paths(G, "nk:diabetes", "nk:depression", max_paths=3)
    assert paths, "no directed path from diabetes to depression"
    for path in paths:
        assert path[0].source == "nk:diabetes" and path[-1].target == "nk:depression"
        assert all(_has_evidence(h) for h in path), [h.triple for h in path if not _has_evidence(h)]
        assert all(G.has_edge(*h.triple[::2], key=h.relation) for h in path)
    assert len(paths[0]) <= len(paths[-1])


@pytest.mark.parametrize(
    ("node", "closing", "include"),
    [
        # pain disturbs sleep; poor sleep lowers pain tolerance, which (a curator reads) worsens the pain
        ("nk:sleep_disturbance", {"nk:neuropathic_pain", "nk:reduced_pain_tolerance"}, ["inferred"]),
        # pain tightens muscles; tension compresses nerves, which worsens the pain: every step stated
        ("nk:muscle_tension", {"nk:neuropathic_pain", "nk:nerve_compression"}, []),
    ],
)
def test_loops_through_with_evidence_per_hop(graph, node: str, closing: set[str], include: list[str]) -> None:
    G = to_networkx(graph, include=include)
    loops = feedback_loops(G, through=node)
    assert loops, f"no feedback loop through {node}"
    for loop in loops:
        assert loop[0].source == node and loop[-1].target == node
        assert all(a.target == b.source for a, b in itertools.pairwise(loop))
        assert all(_has_evidence(h) for h in loop)
    assert any(closing <= {h.source for h in loop} for loop in loops)


def test_treatments_for_neuropathic_pain(G) -> None:
    options = treatments(G, "nk:neuropathic_pain")
    found = {(t.treatment, t.via) for t in options}
    for cls in ("nk:antidepressant", "nk:anticonvulsant"):
        assert (cls, None) in found, f"{cls} is not a stated treatment"
        members = [u for u, _, k in G.in_edges(cls, keys=True) if k == "nko:memberOf"]
        assert members, f"{cls} has no member drugs"
        for drug in members:
            assert (drug, cls) in found, f"{drug} does not inherit {cls}"
    for t in options:
        assert t.evidence and t.statement and all(h.evidence for h in t.route)


@pytest.mark.parametrize(("cls", "caveat"), [("nk:nsaid", "often ineffective"), ("nk:opioid", "dependence risk")])
def test_treatments_carry_their_caveats(G, cls: str, caveat: str) -> None:
    stated = [
        t for t in treatments(G, "nk:neuropathic_pain") if t.treatment == cls and t.target == "nk:neuropathic_pain"
    ]
    assert stated, f"{cls} is not a stated treatment of neuropathic pain"
    assert caveat in stated[0].qualifiers.get("caveatKind", [])
    assert stated[0].qualifiers.get("caveat")


def test_rank_on_the_real_graph(G) -> None:
    best = max(d for _, d in G.degree())
    assert rank(G, by="degree", top=1)[0].score == best
    treatments_ = {r.type for r in rank(G, type="Treatment", top=None)}
    assert {"Drug", "DrugClass", "Therapy"} <= treatments_  # subclasses of Treatment count
    assert rank(G, by="pagerank", top=1)[0].node == "nk:neuropathic_pain"
