"""Types of the real graph: causes are never offered as treatments, and each retyped node says what it is."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, SKOS, Graph

from neurokg.core.namespace import NK, NKO
from neurokg.rdf.provenance import statement_iri

INCLUDES = [(), ("--include", "inferred"), ("--include", "inferred,advertised")]
RETYPED_CAUSES = ["chemotherapy", "radiation therapy", "cancer treatment", "amputation"]


def _labels_of_causes(graph: Graph) -> set[str]:
    """Every entity a statement of any standing names as a cause or risk factor of neuropathic pain."""
    out = set()
    for st in graph.subjects(RDF.object, NK.neuropathic_pain):
        if graph.value(st, RDF.predicate) in (NKO.causes, NKO.riskFactorFor):
            out.add(str(graph.value(graph.value(st, RDF.subject), SKOS.prefLabel)))
    return out


def _is_treatment(graph: Graph, node) -> bool:
    return any(NKO.Treatment in graph.transitive_objects(c, RDFS.subClassOf) for c in graph.objects(node, RDF.type))


@pytest.mark.parametrize("include", INCLUDES, ids=lambda i: i[-1] if i else "stated")
def test_no_treatment_answer_for_neuropathic_pain_offers_a_cause_of_it(
    graph: Graph, cli: Callable[..., tuple[int, str, str]], include: tuple[str, ...]
) -> None:
    causes = _labels_of_causes(graph)
    assert {"surgery", "chemotherapy", "amputation", "diabetes"} <= causes
    code, out, _ = cli("treatments", "neuropathic pain", *include, "--format", "json")
    assert code == 0
    offered = {r["label"] for r in json.loads(out)}
    assert len(offered) > 20 and not offered & causes, offered & causes
    param = ("--param", f"include={include[-1]}") if include else ()
    code, out, _ = cli("query", "--named", "04-treatments", *param, "--format", "json")
    assert code == 0
    listed = {r["treatment"] for r in json.loads(out)}
    assert len(listed) > 20 and not listed & causes, listed & causes


def test_the_treatment_ranking_holds_no_cancer_treatment_or_amputation(
    cli: Callable[..., tuple[int, str, str]],
) -> None:
    code, out, _ = cli("rank", "--type", "Treatment", "--top", "0", "--format", "json")
    assert code == 0
    ranked = {r["label"] for r in json.loads(out)}
    assert "antidepressant" in ranked and not ranked & set(RETYPED_CAUSES)


def test_cancer_treatments_and_amputation_are_exposures_not_treatments(graph: Graph) -> None:
    for name in ["chemotherapy", "radiation_therapy", "cancer_treatment", "amputation"]:
        assert (NK[name], RDF.type, NKO.Exposure) in graph, name
        assert not _is_treatment(graph, NK[name]), name


def test_medication_is_an_approach_to_treatment_not_a_drug_class(graph: Graph) -> None:
    assert set(graph.objects(NK.medication, RDF.type)) == {NKO.Treatment}
    assert not list(graph.subjects(NKO.memberOf, NK.medication))


def test_the_mental_health_nodes_name_the_loss_and_the_function(graph: Graph) -> None:
    assert str(graph.value(NK.poor_mental_health, SKOS.prefLabel)) == "poor mental health"
    assert (NK.poor_mental_health, RDF.type, NKO.MentalHealthEffect) in graph
    assert (NK.poor_mental_health, NKO.lossOf, NK.mental_health) in graph
    assert str(graph.value(NK.mental_health, SKOS.prefLabel)) == "mental health"
    assert (NK.mental_health, RDF.type, NKO.BodyFunction) in graph
    for loss, function in [("low_mood", "mood"), ("reduced_mobility", None), ("inability_to_work", None)]:
        kinds = set(graph.objects(NK[loss], RDF.type))
        assert kinds & {NKO.MentalHealthEffect, NKO.DailyLifeImpact}, loss
        if function:
            assert (NK[loss], NKO.lossOf, NK[function]) in graph


def test_progression_is_a_course_of_the_condition(graph: Graph) -> None:
    for name in ["progression", "spontaneous_improvement"]:
        assert set(graph.objects(NK[name], RDF.type)) == {NKO.ClinicalCourse}
    assert (NKO.ClinicalCourse, RDFS.subClassOf, NKO.Phenomenon) in graph


def test_diabetes_is_linked_to_diabetic_neuropathy_as_a_curators_reading(graph: Graph) -> None:
    st = statement_iri(NK.diabetes, NKO.causes, NK.diabetic_neuropathy)
    evidence = set(graph.objects(st, NKO.evidence))
    (ev,) = [e for e in evidence if graph.value(e, NKO.status) == NKO.InferredByCurator]
    assert graph.value(ev, NKO.reason) and "diabetes" in str(graph.value(ev, NKO.text)).lower()
    assert "000_" in str(graph.value(ev, NKO.document))
    # decision 0066: the NIDDK page states it; its spans joined the same statement, so the plain triple is there
    stated = evidence - {ev}
    assert stated and {graph.value(e, NKO.status) for e in stated} == {NKO.Stated}
    assert {str(graph.value(e, NKO.document)).rsplit("/", 1)[1] for e in stated} == {
        "nih_niddk_0000034_diabetic-neuropathies"
    }
    assert (NK.diabetes, NKO.causes, NK.diabetic_neuropathy) in graph
