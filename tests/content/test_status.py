"""Evidence status on the real graph: the plain triples, the curated non-stated relations, every named query.

By default every answer holds only relations a document states; with ``include`` the others come
too, each row labelled. Where the two documents read a relation differently (the anticonvulsants:
"common" in one, "sometimes" in the other), each reading is kept (docs/decisions/0008-evidence-status.md).
"""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Graph, Literal

from neurokg.core.namespace import NK, NKO
from neurokg.network.treatments import treatments
from neurokg.network.view import to_networkx
from neurokg.rdf.provenance import statement_iri
from neurokg.rdf.schema import domain_predicates
from neurokg.sparql import named_queries, run_query, to_store
from tests.statusgraph import CLOSING_LABEL, NOT_STATED_LABELS


def test_plain_triples_are_exactly_the_stated_relations(graph: Graph, status: dict[str, set[str]]) -> None:
    relations = domain_predicates(graph)
    plain = {(s, p, o) for s, p, o in graph if p in relations}
    affirmed = 0
    for st in graph.subjects(RDF.type, NKO.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        # a stated reading makes the plain triple unless it denies the relation (nko:negated)
        says = any((ev, NKO.status, NKO.Stated) in graph and (ev, NKO.negated, Literal(True)) not in graph
                   for ev in graph.objects(st, NKO.evidence))  # fmt: skip
        assert (triple in plain) == says, triple
        affirmed += says
    assert len(plain) == affirmed
    denied = [st for st in graph.subjects(RDF.type, NKO.Statement) if (st, NKO.negated, Literal(True)) in graph]
    assert len(denied) >= 5  # the opioid, over-the-counter, injury, infection and illness denials at least


def test_every_evidence_has_one_status_and_every_inference_a_reason(graph: Graph) -> None:
    for ev in graph.subjects(RDF.type, NKO.Evidence):
        (value,) = list(graph.objects(ev, NKO.status))
        if value == NKO.InferredByCurator:
            assert graph.value(ev, NKO.reason), ev


def test_the_curated_non_stated_relations(status: dict[str, set[str]], graph: Graph) -> None:
    """The relations a reread of the documents found no span to state, and the advertising claims."""

    def key(s: str, p: str, o: str) -> str:
        return str(statement_iri(NK[s], NKO[p], NK[o]))

    inferred = [
        ("duloxetine", "memberOf", "serotonin_norepinephrine_reuptake_inhibitor"),
        ("gabapentin", "memberOf", "gabapentinoid"),
        ("pregabalin", "memberOf", "gabapentinoid"),
        ("peripheral_nerves", "partOf", "nervous_system"),
        ("autonomic_nervous_system", "partOf", "nervous_system"),
        ("nerve_endings", "partOf", "peripheral_nerves"),
        ("spinal_cord_compression", "affects", "spinal_cord"),
        ("herniated_disc", "affects", "spine"),
        ("impaired_healing", "worsens", "neuropathic_pain"),
        ("reduced_pain_tolerance", "worsens", "neuropathic_pain"),
        ("pain_perception", "worsens", "chronic_pain"),
        ("sleep_disturbance", "worsens", "neuropathic_pain"),
        ("emotional_distress", "worsens", "neuropathic_pain"),
        ("chronic_illness_neuropathy", "subtypeOf", "neuropathy"),
    ]
    advertised = [
        ("neuropathy_no_more", "treats", "neuropathy"),
        ("neuropathy_no_more", "manages", "reduced_quality_of_life"),
        ("lifestyle_change", "treats", "neuropathy"),
    ]
    found = {k: t for k, t in status.items() if k.startswith("http") and "stated" not in t}
    assert found == {**{key(*t): {"inferred"} for t in inferred}, **{key(*t): {"advertised"} for t in advertised}}
    # an NIH page states these three; the articles' readings (inferred, advertised) are kept beside
    now_stated = {
        ("amitriptyline", "memberOf", "tricyclic_antidepressant"): "inferred",
        ("peripheral_neuropathy", "affects", "peripheral_nerves"): "inferred",
        ("neuropathy", "hasSymptom", "pain"): "advertised",
    }
    assert {t: status[key(*t)] for t in now_stated} == {t: {"stated", r} for t, r in now_stated.items()}
    # first line is a curator's reading on stated relations: present, never stated
    first_line = {
        (graph.value(st, RDF.subject), graph.value(ev, NKO.status))
        for st in graph.subjects(RDF.type, NKO.Statement)
        for ev in graph.objects(st, NKO.evidence)
        if (ev, NKO.lineOfTherapy, NKO.FirstLine) in graph
    }
    assert first_line == {
        (NK.antidepressant, NKO.InferredByCurator),
        (NK.anticonvulsant, NKO.InferredByCurator),
        (NK.gabapentinoid, NKO.InferredByCurator),
        (NK.treating_underlying_cause, NKO.Stated),
        (NK.diabetes_care, NKO.Stated),  # the NIDDK page
    }


# ----------------------------------------------------------------------------------- named queries


@pytest.fixture(scope="module")
def store(graph: Graph):
    return to_store(graph)


def _include_queries() -> list[str]:
    return [name for name, q in named_queries().items() if "include" in q.params]


def test_every_named_query_but_the_advertising_one_takes_include() -> None:
    assert set(named_queries()) - set(_include_queries()) == {"13-advertised"}


def _basis_columns(columns: list[str]) -> list[str]:
    return [c for c in ("basis", "status") if c in columns]


AGREEMENT = "12-shared-facts"
"""Query 12 lists advertised readings by default, each labelled: agreement is its question (decision 0055)."""


@pytest.mark.parametrize("name", _include_queries())
def test_named_query_returns_nothing_inferred_or_advertised_by_default(store, name: str, not_stated) -> None:
    q = named_queries()[name]
    bindings = {"name": "neuropathic pain"} if "name" in q.params else {}
    result = run_query(store, q.text, bindings=bindings)
    records = result.records()
    assert records, name
    (column,) = _basis_columns(result.columns)
    for r in records:
        if r["statement"] is None:  # a row with no relation (an effect nothing manages)
            continue
        if name == AGREEMENT and r[column] == "advertised":
            assert "advertised by" in r["agreement"], r
            continue
        if name == "09-feedback-loops" and r[column] == CLOSING_LABEL:  # walked by default, as by loops, marked
            continue
        assert r[column] == "stated", (name, r)
        assert r["statement"] not in not_stated or name == AGREEMENT, (name, r)
    if name == AGREEMENT:  # an advertising-only claim is there, labelled, and nothing a curator inferred
        assert {"stated", "advertised"} == {r[column] for r in records}
        assert any(r["agreement"] == "advertised by 1 source" for r in records)


@pytest.mark.parametrize("name", _include_queries())
def test_named_query_with_include_labels_every_such_row(store, name: str, status) -> None:
    q = named_queries()[name]
    bindings = {"include": "inferred,advertised"}
    if "name" in q.params:
        bindings["name"] = "anticonvulsant"
    result = run_query(store, q.text, bindings=bindings)
    (column,) = _basis_columns(result.columns)
    labels = {r[column] for r in result.records() if r["statement"]}
    assert labels <= {"stated", *NOT_STATED_LABELS}
    for r in result.records():
        if r["statement"] and "stated" not in status[r["statement"]]:
            assert r[column] in NOT_STATED_LABELS, (name, r)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_14_keeps_each_documents_reading_of_the_anticonvulsants(store, graph: Graph, engine: str) -> None:
    target = store if engine == "oxigraph" else graph
    rows = run_query(target, named_queries()["14-concept"].text, engine=engine,
                     bindings={"name": "anticonvulsants"}).records()  # fmt: skip
    treats = [r for r in rows if r["relation"] == "treats" and r["other"] == "neuropathic pain"]
    by_doc = {r["document"][:3]: r for r in treats}
    assert set(by_doc) == {"000", "003", "nih"} and len(treats) == 3  # and the NIDDK page's reading
    assert (by_doc["000"]["certainty"], by_doc["000"]["hedge"]) == ("often", "common")
    assert (by_doc["003"]["certainty"], by_doc["003"]["hedge"]) == ("in some cases", "sometimes")
    assert by_doc["003"]["caveatKind"] == "mechanism unknown" and by_doc["000"]["caveatKind"] == ""
    assert {r["status"] for r in treats} == {"stated"} and all(r["lineOfTherapy"] == "" for r in treats)
    # the curators' first-line reading only with include, labelled and with its reason
    rows = run_query(target, named_queries()["14-concept"].text, engine=engine,
                     bindings={"name": "anticonvulsants", "include": "inferred"}).records()  # fmt: skip
    (judged,) = [r for r in rows if r["relation"] == "treats" and r["status"] == "inferred by curator"]
    assert judged["lineOfTherapy"] == "first line" and judged["reason"] and judged["certainty"] == ""


def test_broader_concepts_never_contradict_the_narrower_one(graph: Graph) -> None:
    G = to_networkx(graph)
    options = treatments(G, "nk:neuropathic_pain")
    # doc 003: opioids may not relieve nerve pain; their general pain relief is not offered for it
    assert not [t for t in options if t.treatment == "nk:opioid" and t.target != "nk:neuropathic_pain"]
    for t in options:
        if t.target != "nk:neuropathic_pain":
            for who in {t.treatment, t.via} - {None}:
                assert not any(G.has_edge(who, "nk:neuropathic_pain", k) for k in ("nko:treats", "nko:manages",
                                                                                    "nko:prevents")), t  # fmt: skip


READINGS = """
SELECT ?statement ?file ?status WHERE {
    ?statement nko:evidence ?ev . ?ev nko:status ?status ; nko:document/nko:fileName ?file .
}
"""


def _documents_queries() -> list[str]:
    return [n for n in _include_queries() if "AS ?documents" in named_queries()[n].text]


def test_the_documents_check_covers_queries_01_to_11() -> None:
    assert [n[:2] for n in _documents_queries()] == [f"{i:02}" for i in range(1, 12)]


@pytest.mark.parametrize("name", _documents_queries())
def test_documents_of_a_row_are_those_of_the_readings_it_rests_on(store, name: str) -> None:
    """A stated row never names a document that only advertises or infers the relation (and so on down)."""
    from neurokg.rdf.status import LABELS, status_token

    readings: dict[str, set[tuple[str, str]]] = {}
    for r in run_query(store, READINGS).records():
        readings.setdefault(str(r["statement"]), set()).add((str(r["file"]), LABELS[status_token(r["status"])]))
    result = run_query(store, named_queries()[name].text, bindings={"include": "inferred,advertised"})
    (column,) = _basis_columns(result.columns)
    checked = 0
    for r in result.records():
        if not r["statement"] or not r["documents"]:
            continue
        for file in re.split(r"[\s,]+", str(r["documents"])):
            if file not in ("...", ""):
                assert (file, r[column].split(":")[0]) in readings[str(r["statement"])], (name, r)
                checked += 1
    assert checked, name
