"""Agreement across the seven sources (issue 20): query 12 says which sources state or advertise a relation.

Pinned on relations of the real graph stated by one, two and three sources, and on advertising claims,
on both engines; and the NIH pages are in the graph with their provenance and credit.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from neurokg.core.namespace import NKO
from neurokg.sparql import named_query, run_query

ENGINES = ["oxigraph", "rdflib"]
DOC0, DOC3 = "000_c4bdad115d249047.txt", "003_0cd4833e1a3bd26d.txt"
NIDDK = "nih_niddk_0000034_diabetic-neuropathies.txt"
TN = "nih_ninds_0000268_trigeminal-neuralgia.txt"
SHINGLES = "nih_ninds_0000148_shingles.txt"
NIH = {
    NIDDK,
    TN,
    SHINGLES,
    "nih_ninds_0000229_peripheral-neuropathy.txt",
    "nih_ninds_0000059_complex-regional-pain-syndrome.txt",
}


@pytest.fixture(scope="module")
def stores(graph: Graph):
    from neurokg.sparql import to_store

    return {"oxigraph": to_store(graph), "rdflib": graph}


@pytest.fixture(scope="module")
def rows(stores) -> dict[str, list[dict]]:
    return {
        engine: run_query(stores[engine], named_query("12-shared-facts"), engine=engine, bindings={"include": ""})
        .records()
        for engine in ENGINES
    }


def relation(rows: list[dict], subject: str, rel: str, obj: str) -> list[dict]:
    return [r for r in rows if (r["subject"], r["relation"], r["object"]) == (subject, rel, obj)]


def summary(found: list[dict]) -> tuple:
    r = found[0]
    keys = ("agreement", "stated", "advertised", "statedByAgencies", "statedByArticles", "advertisedByArticles")
    return tuple(str(r[k]) for k in keys)


@pytest.mark.parametrize("engine", ENGINES)
def test_stated_by_one_source(rows, engine: str) -> None:
    found = relation(rows[engine], "blood vessel compression of the trigeminal nerve", "causes", "trigeminal neuralgia")
    assert summary(found) == ("stated by 1 source", "1", "0", "1", "0", "0")
    assert [(r["document"], r["sourceKind"], r["status"], r["certainty"], r["hedge"]) for r in found] == [
        (TN, "agency page", "stated", "unclear", "presumed")
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_stated_by_two_sources_an_article_and_an_agency_page(rows, engine: str) -> None:
    found = relation(rows[engine], "chickenpox virus", "causes", "shingles")
    assert summary(found) == ("stated by 2 sources", "2", "0", "1", "1", "0")
    assert {r["document"] for r in found} == {DOC3, SHINGLES}


@pytest.mark.parametrize("engine", ENGINES)
def test_stated_by_three_sources_each_with_its_own_reading(rows, engine: str) -> None:
    found = relation(rows[engine], "anticonvulsant", "treats", "neuropathic pain")
    assert summary(found) == ("stated by 3 sources", "3", "0", "1", "2", "0")
    readings = {r["document"]: r["certainty"] for r in found}
    assert readings == {DOC0: "often", DOC3: "in some cases", NIDDK: "asserted"}
    assert {r["qualifiersDiffer"] for r in found} == {"yes"}
    assert next(r for r in found if r["document"] == NIDDK)["population"] == "people with diabetes"
    first = rows[engine][0]
    assert int(first["stated"]) >= 3  # the most widely stated relations come first


@pytest.mark.parametrize("engine", ENGINES)
def test_advertising_claims_are_listed_and_labelled(rows, engine: str) -> None:
    found = relation(rows[engine], "Neuropathy No More", "manages", "reduced quality of life")
    assert summary(found) == ("advertised by 1 source", "0", "1", "0", "0", "1")
    assert {(r["document"], r["status"]) for r in found} == {(DOC0, "advertised")}
    # an advertised claim an agency page also states: both readings, each labelled
    both = relation(rows[engine], "neuropathy", "has symptom", "pain")
    assert summary(both) == ("stated by 1 source; advertised by 1", "1", "1", "1", "0", "1")
    assert {(r["document"], r["status"]) for r in both} == {(DOC0, "advertised"), (NIDDK, "stated")}


def test_both_engines_give_the_same_rows(rows) -> None:
    def key(r: dict) -> tuple:
        return tuple(str(r[k]) for k in ("statement", "document", "start", "status", "certainty", "agreement"))

    assert sorted(map(key, rows["oxigraph"])) == sorted(map(key, rows["rdflib"]))


def test_curator_inferences_only_when_asked(stores) -> None:
    query = named_query("12-shared-facts")
    plain = run_query(stores["oxigraph"], query, engine="oxigraph", bindings={"include": ""}).records()
    more = run_query(stores["oxigraph"], query, engine="oxigraph", bindings={"include": "inferred"}).records()
    assert "inferred by curator" not in {r["status"] for r in plain}
    inferred = [r for r in more if r["status"] == "inferred by curator"]
    assert inferred and len(more) == len(plain) + len(inferred)


def test_the_nih_pages_are_described_and_credited(graph: Graph) -> None:
    for name in NIH:
        doc = next(graph.subjects(NKO.fileName, Literal(name)))
        assert graph.value(doc, NKO.sourceKind) == NKO.AgencyPage
        assert "National Institutes of Health" in str(graph.value(doc, DCTERMS.publisher))
        assert str(graph.value(doc, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
        assert "MedQuAD" in str(graph.value(doc, DCTERMS.bibliographicCitation))
        assert str(graph.value(doc, DCTERMS.source)).startswith("http")
        assert str(graph.value(doc, DCTERMS.title))  # the title span resolved from the corpus


def test_every_nih_reading_is_stated_with_its_agent_and_validated_ones_with_provenance(graph: Graph) -> None:
    seen = {"validated": 0, "manual": 0}
    for ev in graph.subjects(RDF.type, NKO.Evidence):
        name = str(graph.value(graph.value(ev, NKO.document), NKO.fileName))
        if name not in NIH:
            continue
        assert graph.value(ev, NKO.status) == NKO.Stated
        agent = graph.value(ev, NKO.agentType)
        if agent == NKO.ManualValidationOfAutomatedAgent:
            seen["validated"] += 1
            for prop in (NKO.proposedBy, NKO.rulesVersion, NKO.proposal, NKO.validatedBy, NKO.validatedOn):
                assert graph.value(ev, prop) is not None, (ev, prop)
        else:
            assert agent == NKO.ManualAgent
            seen["manual"] += 1
    assert seen["validated"] > 50 and seen["manual"] > 100
