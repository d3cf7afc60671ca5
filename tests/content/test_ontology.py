"""The ontology parses everywhere, documents every term, and the shapes graph is itself valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SH, SKOS

from neurokg.core.namespace import NKO
from tests.conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "neurokg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


def test_ontology_parses_in_rdflib_and_pyoxigraph(onto: rdflib.Graph) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(onto) > 500


def test_every_class_and_property_has_label_and_definition(onto: rdflib.Graph) -> None:
    terms = [t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for t in onto.subjects(RDF.type, kind)]
    assert len(terms) > 60
    for term in terms:
        labels = [lbl for lbl in onto.objects(term, RDFS.label) if lbl.language == "en"]
        assert len(labels) == 1, f"{term} needs one English rdfs:label"
        assert onto.value(term, SKOS.definition), f"{term} needs a skos:definition"


def test_required_classes_exist(onto: rdflib.Graph) -> None:
    required = [
        "Condition",
        "Cause",
        "RiskFactor",
        "EtiologicAgent",
        "Exposure",
        "Mechanism",
        "Symptom",
        "PainQuality",
        "Treatment",
        "Drug",
        "DrugClass",
        "Procedure",
        "Therapy",
        "LifestyleIntervention",
        "SideEffect",
        "MentalHealthEffect",
        "DailyLifeImpact",
        "AnatomicalStructure",
        "Statistic",
        "SourceDocument",
        "Statement",
        "Evidence",
    ]
    for name in required:
        assert (NKO[name], RDF.type, OWL.Class) in onto, name


def test_every_domain_relation_has_domain_range_and_inverse(onto: rdflib.Graph) -> None:
    relations = set(onto.transitive_subjects(RDFS.subPropertyOf, NKO.relatedTo)) - {NKO.relatedTo}
    assert len(relations) == 22
    for prop in relations:
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop
    inverses = {p for p in relations if onto.value(p, OWL.inverseOf) is not None}
    assert relations - inverses == {NKO.statisticAbout}
    for prop in inverses:
        inverse = onto.value(prop, OWL.inverseOf)
        assert onto.value(inverse, RDFS.domain) == onto.value(prop, RDFS.range)
        assert onto.value(inverse, RDFS.range) == onto.value(prop, RDFS.domain)


@pytest.mark.parametrize(
    ("prop", "external"),
    [
        ("treatedBy", "https://schema.org/possibleTreatment"),
        ("treats", "https://w3id.org/biolink/vocab/treats_or_applied_or_studied_to_treat"),
        ("hasSymptom", "https://schema.org/signOrSymptom"),
        ("hasSymptom", "https://w3id.org/biolink/vocab/has_phenotype"),
        ("causes", "https://schema.org/causeOf"),
        ("causedBy", "https://schema.org/cause"),
        ("riskFactorFor", "https://schema.org/increasesRiskOf"),
        ("memberOf", "https://w3id.org/biolink/vocab/member_of"),
        ("causes", "https://w3id.org/biolink/vocab/causes"),
        ("hasSideEffect", "https://schema.org/adverseOutcome"),
        ("hasSideEffect", "https://w3id.org/biolink/vocab/has_side_effect"),
        ("memberOf", "https://schema.org/drugClass"),
    ],
)
def test_alignment_with_schema_org_and_biolink(onto: rdflib.Graph, prop: str, external: str) -> None:
    assert (NKO[prop], SKOS.closeMatch, rdflib.URIRef(external)) in onto


def test_shapes_graph_is_valid_shacl() -> None:
    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _results, text = pyshacl.validate(shapes, shacl_graph=rdflib.Graph().parse(shacl_shacl))
    assert conforms, text


def test_domain_range_shapes_mirror_the_ontology(onto: rdflib.Graph) -> None:
    shapes = rdflib.Graph().parse(SHAPES)
    relations = set(onto.transitive_subjects(RDFS.subPropertyOf, NKO.relatedTo)) - {NKO.relatedTo}
    for prop in relations:
        domain_shapes = list(shapes.subjects(SH.targetSubjectsOf, prop))
        range_shapes = list(shapes.subjects(SH.targetObjectsOf, prop))
        assert [shapes.value(s, SH["class"]) for s in domain_shapes] == [onto.value(prop, RDFS.domain)], prop
        assert [shapes.value(s, SH["class"]) for s in range_shapes] == [onto.value(prop, RDFS.range)], prop


def test_closed_namespace_rejects_unknown_terms() -> None:
    assert NKO.hasSymptom == rdflib.URIRef("https://w3id.org/neurokg/ontology#hasSymptom")
    with pytest.raises(AttributeError):
        _ = NKO.hasSymptoms


def test_closed_namespace_is_generated_from_the_current_ontology() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_namespace.py"), "--check"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
