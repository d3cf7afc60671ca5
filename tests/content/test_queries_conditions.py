"""Competency questions 1-3 and 9-14 (causes, chains, symptoms, statistics, advertising) on both engines."""

from __future__ import annotations

import pytest
from rdflib import Graph

from neurokg.sparql import named_query, run_query

ENGINES = ["oxigraph", "rdflib"]
DOC0 = "000_c4bdad115d249047.txt"
DOC3 = "003_0cd4833e1a3bd26d.txt"
NIDDK = "nih_niddk_0000034_diabetic-neuropathies.txt"


@pytest.fixture(scope="module")
def stores(graph: Graph):
    from neurokg.sparql import to_store

    return {"oxigraph": to_store(graph), "rdflib": graph}


def _records(stores, query: str, engine: str, **bindings):
    res = run_query(stores[engine], named_query(query), engine=engine, bindings=bindings or None)
    return res.records()


@pytest.mark.parametrize("engine", ENGINES)
def test_01_causes(stores, engine: str) -> None:
    rows = _records(stores, "01-causes", engine)
    direct_np = {r["cause"]: r for r in rows if r["target"] == "neuropathic pain" and r["route"] == "direct"}
    for cause in [
        "diabetes",
        "multiple sclerosis",
        "multiple myeloma",
        "cancer",
        "HIV/AIDS",
        "syphilis",
        "shingles",
        "amputation",
        "surgery",
        "alcohol use",
        "cancer treatment",
        "chemotherapy",
        "radiation therapy",
        "vitamin B deficiency",
        "carpal tunnel syndrome",
        "thyroid problem",
        "facial nerve problem",
        "arthritis in the spine",
        "injury",
        "infection",
        "spine injury",
    ]:
        assert cause in direct_np, cause
    assert direct_np["diabetes"]["documents"] == DOC3
    assert direct_np["multiple sclerosis"]["certainty"] == "in some cases"
    neuropathy = {r["cause"] for r in rows if r["target"] == "neuropathy" and r["route"] == "direct"}
    assert {"diabetes", "injury", "infection", "autoimmune condition", "certain drugs"} <= neuropathy
    direct = {r["cause"]: r["documents"] for r in rows if r["target"] == "neuropathy" and r["route"] == "direct"}
    assert all(DOC0 in direct[c] for c in ("diabetes", "injury", "infection", "autoimmune condition", "certain drugs"))
    assert direct["diabetes"] == f"{DOC0} {NIDDK}"  # an NIH page states it too
    via = {(r["cause"], r["route"]) for r in rows}
    assert ("herniated disc", "via nerve damage") in via
    assert ("chickenpox virus", "via shingles") in via


@pytest.mark.parametrize("engine", ENGINES)
def test_02_chains(stores, engine: str) -> None:
    edges = {(r["from"], r["relation"], r["to"]) for r in _records(stores, "02-chains", engine)}
    for edge in [
        ("nerve damage", "leads to", "abnormal pain signals"),
        ("abnormal pain signals", "leads to", "central sensitization"),
        ("central sensitization", "leads to", "chronic pain"),
        ("nerve damage", "leads to", "nerve hyperexcitability"),
        ("nerve hyperexcitability", "leads to", "abnormal pain signals"),
        ("nerve inflammation", "leads to", "nerve compression"),
        ("nerve compression", "leads to", "chronic pain"),
        ("autonomic dysfunction", "mechanism of", "chronic pain"),
        ("neuropathic pain", "subtype of", "chronic pain"),
    ]:
        assert edge in edges, edge
    assert not any("depression" in (a, b) for a, _, b in edges)


@pytest.mark.parametrize("engine", ENGINES)
def test_03_symptoms(stores, engine: str) -> None:
    rows = _records(stores, "03-symptoms", engine)
    by_kind: dict[str, set[str]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], set()).add(r["symptom"])
    qualities = by_kind["1 pain quality"]
    assert {"burning pain", "stabbing pain", "tingling", "electric shock-like pain"} <= qualities
    assert "pins and needles" not in qualities  # a name of tingling (one concept: paresthesia)
    assert {"numbness", "spontaneous pain", "evoked pain", "allodynia", "abnormal sensation"} <= by_kind["2 sensory"]
    assert "muscle weakness" in by_kind["3 motor"]
    assert "fatigue" in by_kind["4 emotional"]  # emotional distress is a mental-health effect, not a symptom (08)
    assert "sleep disturbance" in by_kind["5 sleep and daily life"]  # through the states neuropathy leads to
    assert {"abdominal pain", "constipation", "bladder pain"} <= by_kind["6 other"]  # the autonomic symptoms
    burning = next(r for r in rows if r["symptom"] == "burning pain" and r["condition"] == "neuropathic pain")
    assert burning["documents"] == f"{DOC0} {DOC3}"
    # article 000 only advertises that neuropathy brings pain; the NIDDK page states it, so the row is stated
    assert {(r["condition"], r["basis"]) for r in rows if r["symptom"] == "pain"} == {("neuropathy", "stated")}
    assert all(NIDDK in r["documents"] for r in rows if r["symptom"] == "pain")
    assert {r["basis"] for r in rows} == {"stated"}
    with_ads = _records(stores, "03-symptoms", engine, include="advertised")
    (pain,) = [r for r in with_ads if r["symptom"] == "pain"]
    assert pain["basis"] == "stated" and pain["condition"] == "neuropathy"  # a document states it: the row says so


@pytest.mark.parametrize("engine", ENGINES)
def test_09_feedback_loops(stores, engine: str) -> None:
    rows = _records(stores, "09-feedback-loops", engine)
    edges = {(r["from"], r["to"]) for r in rows}
    # the tension cycle is stated step by step
    for edge in [
        ("neuropathic pain", "muscle tension"),
        ("muscle tension", "muscle spasm"),
        ("muscle tension", "nerve compression"),
        ("nerve compression", "neuropathic pain"),
        ("change in posture", "neuropathic pain"),
    ]:
        assert edge in edges, edge
    closing = {(r["from"], r["to"]) for r in rows if r["basis"] != "stated"}
    # the sleep, mood and distress cycles close through a curator's step marked as closing a named cycle
    assert {("reduced pain tolerance", "neuropathic pain"), ("pain perception", "chronic pain"),
            ("emotional distress", "neuropathic pain")} <= closing  # fmt: skip
    closing_label = "inferred by curator: closes a cycle the text names"
    assert {r["basis"] for r in rows if r["basis"] != "stated"} == {closing_label}
    assert ("diabetes", "neuropathy") not in edges
    rows = _records(stores, "09-feedback-loops", engine, include="inferred")
    included = {(r["from"], r["to"]): r["basis"] for r in rows}
    for edge in [*closing, ("neuropathic pain", "sleep disturbance"), ("chronic pain", "depression"),
                 ("depression", "pain perception"), ("sleep disturbance", "reduced pain tolerance")]:  # fmt: skip
        assert edge in included, edge
    assert included[("depression", "pain perception")] == "stated"


def test_09_gives_the_edges_of_the_loops_command(stores, cli) -> None:
    import json

    code, out, _ = cli("loops", "--format", "json")
    assert code == 0
    walked = {r["statement"].split(":")[-1] for r in json.loads(out)}
    rows = _records(stores, "09-feedback-loops", "oxigraph")
    assert {r["statement"].rsplit("/", 1)[-1] for r in rows} == walked


@pytest.mark.parametrize("engine", ENGINES)
def test_10_pain_quality_examples(stores, engine: str) -> None:
    rows = _records(stores, "10-pain-quality-examples", engine)
    pairs = {(r["painQuality"], r["condition"]): r for r in rows}
    assert ("burning pain", "diabetic neuropathy") in pairs
    assert ("stabbing pain", "trigeminal neuralgia") in pairs
    assert ("stabbing pain", "postherpetic neuralgia") in pairs
    assert ("electric shock-like pain", "postherpetic neuralgia") in pairs  # was an inverted exampleOf
    # the burning of trigeminal neuralgia is the NINDS page's (its atypical form), not article 000's
    assert pairs[("burning pain", "trigeminal neuralgia")]["documents"] == "nih_ninds_0000268_trigeminal-neuralgia.txt"


@pytest.mark.parametrize("engine", ENGINES)
def test_11_statistics(stores, engine: str) -> None:
    rows = _records(stores, "11-statistics", engine)
    by = {(r["statistic"], r["about"]): r for r in rows}
    cc = by[("share of neuropathic pain cases due to diabetes", "diabetes")]
    assert float(cc["value"]) == 30 and cc["unit"] == "percent" and cc["attributedTo"] == "Cleveland Clinic"
    up = by[("share of Americans with neuropathic pain", "neuropathic pain")]
    assert float(up["value"]) == 10 and up["population"] == "Americans" and "up to" in up["hedge"]
    # one unit for every statistic: percent ("one in three" is 33.3)
    one_in_three = by[("share of Americans with chronic pain", "chronic pain")]
    assert float(one_in_three["value"]) == pytest.approx(100 / 3, abs=0.1)
    assert float(by[("share of chronic pain that is neuropathic", "neuropathic pain")]["value"]) == pytest.approx(20)
    assert {r["unit"] for r in rows} == {"percent"}


@pytest.mark.parametrize("engine", ENGINES)
def test_12_shared_facts(stores, engine: str) -> None:
    """What the two articles both state, and what only one of them does (tests/content/test_agreement.py: NIH pages)."""
    rows = _records(stores, "12-shared-facts", engine)
    articles = {(r["subject"], r["relation"], r["object"]): r for r in rows}
    both = {k for k, r in articles.items() if int(r["statedByArticles"]) == 2}
    assert ("chronic pain", "has mental-health effect", "depression") in both
    assert ("neuropathic pain", "has symptom", "burning pain") in both
    stated = [r for r in rows if r["status"] == "stated"]
    one = {(r["subject"], r["object"]): r["document"] for r in stated if int(r["stated"]) == 1}
    assert one[("vitamin B deficiency", "neuropathic pain")] == DOC3
    assert one[("central sensitization", "chronic pain")] == DOC0
    assert [int(r["stated"]) for r in rows] == sorted((int(r["stated"]) for r in rows), reverse=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_13_advertised(stores, engine: str) -> None:
    rows = _records(stores, "13-advertised", engine)
    assert rows and all(r["documents"] == DOC0 for r in rows)
    basis = {(r["subject"], r["object"]): r["basis"] for r in rows}
    assert {b for k, b in basis.items() if k != ("neuropathy", "pain")} == {"advertised"}
    assert basis[("neuropathy", "pain")] == "stated; advertised"  # the NIDDK page states it
    claims = {(r["subject"], r["object"]) for r in rows}
    assert ("Neuropathy No More", "reduced quality of life") in claims
    assert ("Neuropathy No More", "neuropathy") in claims


@pytest.mark.parametrize("engine", ENGINES)
def test_14_concept_by_any_label(stores, engine: str) -> None:
    rows = _records(stores, "14-concept", engine, name="Paresthesia")
    assert rows and {r["concept"] for r in rows} == {"tingling"}
    assert ("in", "has symptom", "neuropathic pain") in {(r["direction"], r["relation"], r["other"]) for r in rows}
    diabetes = _records(stores, "14-concept", engine, name="DIABETES")
    rels = {(r["direction"], r["relation"], r["other"]) for r in diabetes}
    assert ("out", "causes", "neuropathic pain") in rels
    assert ("in", "statistic about", "share of neuropathic pain cases due to diabetes") in rels
    assert all(r["evidenceText"] for r in diabetes)
    assert _records(stores, "14-concept", engine, name="no such concept") == []
