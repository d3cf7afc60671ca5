"""Analytics on tiny hand-made graphs: exact answers for paths, loops, neighbours, rankings, treatments, names."""

from __future__ import annotations

import networkx as nx
import pytest

from neurokg.core.errors import AmbiguousNameError, NotFoundError, UsageError
from neurokg.network.cycles import feedback_loops
from neurokg.network.hops import HOP_COLUMNS, hop_rows, walk_graph
from neurokg.network.names import resolve, resolve_relation
from neurokg.network.neighbors import neighbors
from neurokg.network.paths import shortest_paths
from neurokg.network.ranking import has_type, rank
from neurokg.network.treatments import TREATMENT_COLUMNS, treatment_rows, treatments

CLASSES = {
    "Condition": ["Entity", "Phenomenon"],
    "Symptom": ["Entity", "Phenomenon"],
    "Drug": ["Entity", "Treatment"],
    "DrugClass": ["Entity", "Treatment"],
    "Treatment": ["Entity"],
    "Phenomenon": ["Entity"],
    "Entity": [],
}

NODES = {
    "nk:diabetes": ("diabetes", "Condition", ["diabetes mellitus"]),
    "nk:neuropathy": ("neuropathy", "Condition", ["nerve damage"]),
    "nk:pain": ("pain", "Symptom", []),
    "nk:neuropathic_pain": ("neuropathic pain", "Condition", ["nerve pain"]),
    "nk:sleep": ("sleep disturbance", "Symptom", ["poor sleep", "insomnia"]),
    "nk:tolerance": ("reduced pain tolerance", "Symptom", []),
    "nk:depression": ("depression", "Condition", ["low mood"]),
    "nk:insomnia": ("insomnia", "Symptom", []),
    "nk:ad": ("antidepressant", "DrugClass", ["antidepressants"]),
    "nk:tca": ("tricyclic antidepressant", "DrugClass", []),
    "nk:amitriptyline": ("amitriptyline", "Drug", []),
    "nk:opioid": ("opioid", "DrugClass", ["low mood"]),
}

EDGES = [
    ("nk:diabetes", "nko:causes", "nk:neuropathy", {"certainty": "possible", "hedge": "can"}),
    ("nk:neuropathy", "nko:leadsTo", "nk:neuropathic_pain", {"certainty": "asserted"}),
    ("nk:neuropathic_pain", "nko:leadsTo", "nk:sleep", {}),
    ("nk:neuropathic_pain", "nko:hasSymptom", "nk:sleep", {}),
    ("nk:sleep", "nko:leadsTo", "nk:tolerance", {}),
    ("nk:tolerance", "nko:worsens", "nk:neuropathic_pain", {"caveat": ["closes the cycle"]}),
    ("nk:depression", "nko:complicationOf", "nk:neuropathic_pain", {}),
    ("nk:depression", "nko:worsens", "nk:sleep", {}),
    ("nk:neuropathic_pain", "nko:subtypeOf", "nk:pain", {}),
    ("nk:insomnia", "nko:subtypeOf", "nk:sleep", {}),
    ("nk:ad", "nko:treats", "nk:neuropathic_pain", {"lineOfTherapy": ["first line"]}),
    ("nk:tca", "nko:subtypeOf", "nk:ad", {}),
    ("nk:amitriptyline", "nko:memberOf", "nk:tca", {}),
    ("nk:opioid", "nko:treats", "nk:pain", {"caveatKind": ["dependence risk"], "certainty": "in some cases"}),
    ("nk:opioid", "nko:treats", "nk:neuropathic_pain", {"caveatKind": ["may not help"]}),
]


def _ev(u: str, v: str) -> list[dict]:
    return [{"document": "doc.txt", "start": len(u), "end": len(u) + len(v)}]


@pytest.fixture
def G() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(classes=CLASSES)
    for node, (label, type_, alts) in NODES.items():
        g.add_node(node, label=label, type=type_, types=[type_], altLabels=alts)
    for u, key, v, quals in EDGES:
        name = key.split(":")[1]
        g.add_edge(u, v, key=key, label=name, statement=f"nks:{u[3:]}-{name}-{v[3:]}", evidence=_ev(u, v), **quals)
    return g


# ---------------------------------------------------------------- names --


def test_resolve_label_altlabel_id_case_insensitively(G) -> None:
    assert resolve(G, "  Diabetes ") == "nk:diabetes"
    assert resolve(G, "DIABETES MELLITUS") == "nk:diabetes"
    assert resolve(G, "nk:sleep") == "nk:sleep"
    assert resolve(G, "https://w3id.org/neurokg/id/sleep") == "nk:sleep"


def test_resolve_prefers_the_label_over_an_altlabel(G) -> None:
    assert resolve(G, "insomnia") == "nk:insomnia"  # also an altLabel of nk:sleep


def test_ambiguous_name_lists_candidates(G) -> None:
    with pytest.raises(AmbiguousNameError) as exc:
        resolve(G, "low mood")
    assert exc.value.candidates == [("nk:depression", "depression"), ("nk:opioid", "opioid")]
    assert "depression (nk:depression)" in str(exc.value) and exc.value.exit_code == 1


def test_unknown_name_suggests_closest_labels(G) -> None:
    with pytest.raises(NotFoundError, match=r"did you mean: neuropathy, neuropathic pain") as exc:
        resolve(G, "neuropaty")
    assert exc.value.exit_code == 1


def test_resolve_relation(G) -> None:
    assert resolve_relation(G, "leadsTo") == resolve_relation(G, "nko:leadsTo") == "nko:leadsTo"
    with pytest.raises(NotFoundError, match="did you mean: leadsTo"):
        resolve_relation(G, "leadTo")


# ---------------------------------------------------------------- paths --


def test_shortest_path_has_every_hop_with_relation_qualifiers_evidence(G) -> None:
    [path] = shortest_paths(G, "nk:diabetes", "nk:sleep", max_paths=1)
    assert [h.triple for h in path] == [
        ("nk:diabetes", "nko:causes", "nk:neuropathy"),
        ("nk:neuropathy", "nko:leadsTo", "nk:neuropathic_pain"),
        ("nk:neuropathic_pain", "nko:leadsTo", "nk:sleep"),
    ]
    assert path[0].qualifiers == {"certainty": "possible", "hedge": "can"}
    assert path[0].evidence == [{"document": "doc.txt", "start": 11, "end": 24}]
    assert path[2].also == ("nko:hasSymptom",)  # the preferred relation is reported, the other named
    assert all(h.statement for h in path)


def test_paths_come_shortest_first_and_max_bounds_them(G) -> None:
    paths = shortest_paths(G, "nk:neuropathy", "nk:tolerance", max_paths=5)
    assert [[h.target for h in p] for p in paths] == [["nk:neuropathic_pain", "nk:sleep", "nk:tolerance"]]
    assert len(shortest_paths(G, "nk:diabetes", "nk:tolerance", max_paths=0)) == 0


def test_directed_path_missing_undirected_found(G) -> None:
    assert shortest_paths(G, "nk:diabetes", "nk:depression") == []
    [path] = shortest_paths(G, "nk:diabetes", "nk:depression", undirected=True, max_paths=1)
    assert [(h.target, h.relation, h.inverse) for h in path] == [
        ("nk:neuropathy", "nko:causes", False),
        ("nk:neuropathic_pain", "nko:leadsTo", False),
        ("nk:depression", "nko:complicationOf", True),
    ]
    assert path[-1].triple == ("nk:depression", "nko:complicationOf", "nk:neuropathic_pain")


def test_path_relation_filter(G) -> None:
    assert shortest_paths(G, "nk:diabetes", "nk:sleep", relations=["nko:causes", "nko:leadsTo"]) != []
    assert shortest_paths(G, "nk:diabetes", "nk:sleep", relations=["nko:leadsTo"]) == []


def test_hop_rows_one_row_per_hop_with_path_id(G) -> None:
    paths = shortest_paths(G, "nk:diabetes", "nk:neuropathic_pain")
    rows = hop_rows(G, paths)
    assert [r[:3] for r in rows] == [[1, 1, "nk:diabetes"], [1, 2, "nk:neuropathy"]]
    assert len(rows[0]) == len(HOP_COLUMNS)
    compact = hop_rows(G, paths, compact=True)
    assert compact[0][HOP_COLUMNS.index("evidence")] == "doc.txt[11:24]"
    assert compact[0][HOP_COLUMNS.index("qualifiers")] == "hedge=can"


def test_walk_graph_orders_parallel_relations_by_preference(G) -> None:
    W = walk_graph(G)
    assert W["nk:neuropathic_pain"]["nk:sleep"]["options"] == [("nko:leadsTo", False), ("nko:hasSymptom", False)]


# ---------------------------------------------------------------- loops --


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


# ----------------------------------------------------------- neighbours --


def test_neighbors_depth_one_both_directions(G) -> None:
    found = [(d, h.target, h.relation, h.inverse) for d, h in neighbors(G, "nk:sleep")]
    assert found == [
        (1, "nk:tolerance", "nko:leadsTo", False),
        (1, "nk:neuropathic_pain", "nko:hasSymptom", True),
        (1, "nk:neuropathic_pain", "nko:leadsTo", True),
        (1, "nk:insomnia", "nko:subtypeOf", True),
        (1, "nk:depression", "nko:worsens", True),
    ]


def test_neighbors_relation_depth_direction(G) -> None:
    found = [(d, h.source, h.target) for d, h in neighbors(G, "nk:diabetes", depth=3, direction="out")]
    assert found == [
        (1, "nk:diabetes", "nk:neuropathy"),
        (2, "nk:neuropathy", "nk:neuropathic_pain"),
        (3, "nk:neuropathic_pain", "nk:sleep"),
        (3, "nk:neuropathic_pain", "nk:sleep"),
        (3, "nk:neuropathic_pain", "nk:pain"),
    ]
    assert [h.target for _, h in neighbors(G, "nk:sleep", relations=["nko:leadsTo"], direction="in")] == [
        "nk:neuropathic_pain"
    ]
    with pytest.raises(UsageError):
        neighbors(G, "nk:sleep", depth=0)


# -------------------------------------------------------------- ranking --


def test_rank_by_degree_with_ties_by_id(G) -> None:
    assert [(r.rank, r.node, r.score) for r in rank(G, top=3)] == [
        (1, "nk:neuropathic_pain", 8.0),
        (2, "nk:sleep", 5.0),
        (3, "nk:ad", 2.0),  # six nodes have degree 2: the smallest id comes first
    ]


def test_rank_type_includes_subclasses(G) -> None:
    assert [r.node for r in rank(G, type="Treatment", top=None)] == ["nk:ad", "nk:opioid", "nk:tca", "nk:amitriptyline"]
    assert has_type(G, "nk:amitriptyline", "Treatment") and not has_type(G, "nk:pain", "Treatment")
    with pytest.raises(NotFoundError, match="Drug"):
        rank(G, type="drugs")


def test_rank_pagerank_and_betweenness(G) -> None:
    assert rank(G, by="pagerank", top=1)[0].node == "nk:neuropathic_pain"
    top = rank(G, by="betweenness", top=2)
    assert [r.node for r in top] == ["nk:neuropathic_pain", "nk:sleep"]
    assert rank(G, by="betweenness", top=1, sample=3)[0].score >= 0
    with pytest.raises(UsageError):
        rank(G, by="closeness")


# ----------------------------------------------------------- treatments --


def test_treatments_direct_members_and_broader(G) -> None:
    found = [(t.treatment, t.target, t.via, t.relation) for t in treatments(G, "nk:neuropathic_pain")]
    assert found == [
        ("nk:ad", "nk:neuropathic_pain", None, "nko:treats"),
        ("nk:opioid", "nk:neuropathic_pain", None, "nko:treats"),
        ("nk:tca", "nk:neuropathic_pain", "nk:ad", "nko:treats"),
        ("nk:amitriptyline", "nk:neuropathic_pain", "nk:ad", "nko:treats"),
        ("nk:opioid", "nk:pain", None, "nko:treats"),
    ]


def test_treatments_keep_caveats_and_routes(G) -> None:
    options = treatments(G, "nk:neuropathic_pain")
    member = options[3]
    assert member.qualifiers == {"lineOfTherapy": ["first line"]}
    assert [h.triple for h in member.route] == [
        ("nk:amitriptyline", "nko:memberOf", "nk:tca"),
        ("nk:tca", "nko:subtypeOf", "nk:ad"),
        ("nk:ad", "nko:treats", "nk:neuropathic_pain"),
    ]
    broader = options[4]
    assert broader.qualifiers == {"caveatKind": ["dependence risk"], "certainty": "in some cases"}
    assert broader.route[-1].triple == ("nk:neuropathic_pain", "nko:subtypeOf", "nk:pain")
    rows = treatment_rows(G, options, compact=True)
    assert rows[4][TREATMENT_COLUMNS.index("caveatKind")] == "dependence risk"
    assert rows[3][-1] == (
        "amitriptyline -memberOf-> tricyclic antidepressant -subtypeOf-> antidepressant -treats-> neuropathic pain"
    )
    assert rows[4][-1] == "opioid -treats-> pain -^subtypeOf-> neuropathic pain"


def test_treatments_without_hierarchy(G) -> None:
    found = treatments(G, "nk:neuropathic_pain", broader=(), members=())
    assert [t.treatment for t in found] == ["nk:ad", "nk:opioid"]
    assert treatments(G, "nk:diabetes") == []


def test_bounded_cycle_search_equals_networkx() -> None:
    from neurokg.network.cycles import _bounded_cycles

    W = nx.gnp_random_graph(40, 0.08, seed=3, directed=True)
    W = nx.relabel_nodes(W, {n: f"n{n:02d}" for n in W})
    for bound in (2, 4, 6):
        ours = sorted(tuple(c) for c in _bounded_cycles(W, bound))
        theirs = [tuple(c[c.index(min(c)) :] + c[: c.index(min(c))]) for c in nx.simple_cycles(W, length_bound=bound)]
        assert ours == sorted(theirs) and len(ours) == len(set(ours))
    assert len(ours) > 10
