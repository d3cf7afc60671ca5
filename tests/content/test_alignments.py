"""Alignments, statistics and the README's data model, checked against the ontology itself."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from neurokg.core.namespace import NK, NKO
from neurokg.sparql.engine import run_query
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA, BIOLINK = "https://schema.org/", "https://w3id.org/biolink/vocab/"
PREFIXES = {"schema": SCHEMA, "biolink": BIOLINK, "skos": str(SKOS)}
# schema.org properties whose subject is the condition (their object is its cause, risk factor, treatment...)
CONDITION_SIDE = {"cause", "riskFactor", "possibleTreatment", "possibleComplication", "pathophysiology"}
# schema.org terms that rdflib's generated SDO namespace leaves out (schema.org lists cause as causeOf's inverse)
NOT_IN_RDFLIB = {SCHEMA + "cause"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontology" / "neurokg.ttl")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    return README[start : README.index("\n## ", start + 1)]


def _rows(text: str, header: str) -> list[list[str]]:
    """The cells of the markdown table that starts with ``header`` (header and rule lines left out)."""
    rows = []
    for line in text[text.index(header) :].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().removeprefix("|").removesuffix("|").split("|")])
    return rows


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def _curie(term) -> str:
    for prefix, ns in PREFIXES.items():
        if str(term).startswith(ns):
            return f"{prefix}:{str(term)[len(ns):]}"
    return str(term)


def _forward(onto: Graph) -> list[URIRef]:
    return sorted(p for p in onto.subjects(RDFS.subPropertyOf, NKO.relatedTo))


def test_readme_relation_table_matches_the_ontology(onto: Graph) -> None:
    rows = _rows(_section("Data model"), "| relation | domain → range |")
    documented = {}
    for cells in rows:
        names = re.findall(r"`(\w+)`", cells[0])
        inverses = [i.strip() for i in cells[2].split(",") if i.strip()]
        aligned = {a.strip() for a in cells[3].split(",") if a.strip()}
        for i, name in enumerate(names):
            documented[name] = (cells[1], inverses[i] if inverses else "", aligned)
    assert set(documented) == {_local(p) for p in _forward(onto)}
    for p in _forward(onto):
        domain_range, inverse, aligned = documented[_local(p)]
        assert domain_range == f"{_local(onto.value(p, RDFS.domain))} → {_local(onto.value(p, RDFS.range))}", p
        assert inverse == _local(onto.value(p, OWL.inverseOf) or ""), p
        matches = {_curie(m) for m in onto.objects(p, SKOS.closeMatch)}
        assert aligned == matches, (p, aligned, matches)


def test_readme_class_table_matches_the_ontology(onto: Graph) -> None:
    rows = _rows(_section("Data model"), "| class | for | subclasses |")
    listed: set[str] = set()
    for cells in rows:
        classes = re.findall(r"`nko:(\w+)`", cells[0])
        listed |= set(classes)
        subs = set(re.findall(r"`(\w+)`", cells[2]))
        listed |= subs
        if len(classes) == 1:
            direct = {_local(s) for s in onto.subjects(RDFS.subClassOf, NKO[classes[0]])}
            assert subs == direct, (classes[0], subs, direct)
    every = {_local(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(str(NKO))}
    assert every - listed == {"Entity"}, every - listed  # nko:Entity is named in the text
    assert listed <= every


def test_schema_org_terms_exist_and_point_the_way_the_relation_does(onto: Graph) -> None:
    used = {(s, o) for p in (SKOS.closeMatch, SKOS.relatedMatch) for s, o in onto.subject_objects(p)}
    schema_terms = {o for _, o in used if str(o).startswith(SCHEMA)}
    from rdflib.namespace import SDO  # imported here: its closed namespace warns on pytest's attribute probes

    unknown = {t for t in schema_terms if t not in SDO and str(t) not in NOT_IN_RDFLIB}
    assert schema_terms and not unknown, unknown
    forward = set(_forward(onto))
    for s, o in used:
        if str(o).startswith(SCHEMA) and str(o)[len(SCHEMA) :] in CONDITION_SIDE:
            assert s not in forward, f"{s} is aligned with {o}, which points from the condition"
    assert (NKO.causes, SKOS.closeMatch, URIRef(SCHEMA + "causeOf")) in onto
    assert (NKO.riskFactorFor, SKOS.closeMatch, URIRef(SCHEMA + "increasesRiskOf")) in onto
    assert (NKO.treatedBy, SKOS.closeMatch, URIRef(SCHEMA + "possibleTreatment")) in onto


def test_member_of_is_membership_not_subclassing(onto: Graph) -> None:
    matches = set(onto.objects(NKO.memberOf, SKOS.closeMatch))
    assert URIRef(BIOLINK + "member_of") in matches and URIRef(BIOLINK + "subclass_of") not in matches


def test_statistics_share_one_unit(graph: Graph) -> None:
    stats = set(graph.subjects(RDF.type, NKO.Statistic))
    assert {str(graph.value(s, NKO.unit)) for s in stats} == {"percent"}
    assert all(0 <= float(graph.value(s, NKO.value)) <= 100 for s in stats)
    assert float(graph.value(NK.stat_chronic_pain_in_americans, NKO.value)) == pytest.approx(33.3)


def test_what_an_organisation_is_credited_with_is_one_query(graph: Graph) -> None:
    query = """SELECT DISTINCT ?what WHERE {
        ?source rdfs:label "Cleveland Clinic"@en .
        { ?what nko:attributedTo ?source . ?what a nko:Statistic . }
        UNION { ?ev nko:attributedTo ?source . ?st nko:evidence ?ev ; rdf:subject ?what . }
    }"""
    credited = {row[0] for row in run_query(graph, query).rows}
    assert credited == {str(NK.stat_diabetes_share_of_neuropathic_pain), str(NK.diabetes)}
    assert all(isinstance(o, URIRef) for o in graph.objects(None, NKO.attributedTo))
