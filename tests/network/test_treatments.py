"""Treatments: direct, through classes and broader concepts, with caveats."""

from __future__ import annotations

import networkx as nx

from neurokg.network.treatments import TREATMENT_COLUMNS, treatment_rows, treatments


def _with_otc(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` plus a class said to treat pain in general only."""
    H = G.copy()
    H.add_node("nk:otc", label="over-the-counter pain medicine", type="DrugClass", types=["DrugClass"])
    H.add_edge("nk:otc", "nk:pain", key="nko:treats", label="treats", statement="nks:otc", evidence=[],
               caveatKind=["often ineffective"], certainty="in some cases")  # fmt: skip
    return H


def test_treatments_direct_members_and_broader(G) -> None:
    found = [(t.treatment, t.target, t.via, t.relation) for t in treatments(_with_otc(G), "nk:neuropathic_pain")]
    assert found == [
        ("nk:ad", "nk:neuropathic_pain", None, "nko:treats"),
        ("nk:opioid", "nk:neuropathic_pain", None, "nko:treats"),
        ("nk:tca", "nk:neuropathic_pain", "nk:ad", "nko:treats"),
        ("nk:amitriptyline", "nk:neuropathic_pain", "nk:ad", "nko:treats"),
        ("nk:otc", "nk:pain", None, "nko:treats"),
    ]


def test_broader_concepts_never_contradict_the_narrower_one(G) -> None:
    # opioids treat pain in general, but what is said of them for neuropathic pain itself governs
    options = treatments(G, "nk:neuropathic_pain")
    opioid = [(t.target, t.qualifiers.get("caveatKind")) for t in options if t.treatment == "nk:opioid"]
    assert opioid == [("nk:neuropathic_pain", ["may not help"])]
    # asked about pain itself, the general statement is the answer
    assert [t.target for t in treatments(G, "nk:pain") if t.treatment == "nk:opioid"] == ["nk:pain"]


def test_treatments_keep_caveats_and_routes(G) -> None:
    G = _with_otc(G)
    options = treatments(G, "nk:neuropathic_pain")
    member = options[3]
    assert member.qualifiers == {"lineOfTherapy": ["first line"]}
    assert [h.triple for h in member.route] == [
        ("nk:amitriptyline", "nko:memberOf", "nk:tca"),
        ("nk:tca", "nko:subtypeOf", "nk:ad"),
        ("nk:ad", "nko:treats", "nk:neuropathic_pain"),
    ]
    broader = options[4]
    assert broader.qualifiers == {"caveatKind": ["often ineffective"], "certainty": "in some cases"}
    assert broader.route[-1].triple == ("nk:neuropathic_pain", "nko:subtypeOf", "nk:pain")
    rows = treatment_rows(G, options, compact=True)
    assert rows[4][TREATMENT_COLUMNS.index("caveatKind")] == "often ineffective"
    assert {row[TREATMENT_COLUMNS.index("basis")] for row in rows} == {"stated"}
    assert rows[3][-1] == (
        "amitriptyline -memberOf-> tricyclic antidepressant -subtypeOf-> antidepressant -treats-> neuropathic pain"
    )
    assert rows[4][-1] == "over-the-counter pain medicine -treats-> pain -^subtypeOf-> neuropathic pain"


def test_treatments_without_hierarchy(G) -> None:
    found = treatments(G, "nk:neuropathic_pain", broader=(), members=())
    assert [t.treatment for t in found] == ["nk:ad", "nk:opioid"]
    assert treatments(G, "nk:diabetes") == []
