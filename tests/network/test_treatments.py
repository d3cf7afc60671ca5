"""Treatments: direct, through classes and broader concepts, with caveats."""

from __future__ import annotations

from neurokg.network.treatments import TREATMENT_COLUMNS, treatment_rows, treatments


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
