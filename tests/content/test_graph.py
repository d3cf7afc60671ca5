"""Content of the curated graph: evidence resolves, key facts and cycles are present, cross-references are sourced."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal

from neurokg.core.namespace import NK, NKO
from tests.conftest import BUILT, ROOT

A_FILES = [
    "core",
    "conditions",
    "causes",
    "mechanisms",
    "symptoms",
    "mental_health",
    "statistics",
    "promotional",
    "anatomy",
]
PROMO_DOC = "000_c4bdad115d249047.txt"


def _labels(g: Graph, node) -> list[str]:
    return [str(v).lower() for p in (SKOS.prefLabel, SKOS.altLabel, NKO.surfaceForm) for v in g.objects(node, p)]


def _ask(g: Graph, query: str) -> bool:
    from neurokg.sparql.engine import run_query

    return bool(run_query(g, query).boolean)


def test_a_files_exist() -> None:
    for name in A_FILES:
        assert (ROOT / "graph" / f"{name}.ttl").is_file(), name


def test_every_span_resolves_and_mentions_subject_or_object(graph: Graph, corpus: Path) -> None:
    texts = {}
    for doc in graph.subjects(RDF.type, NKO.SourceDocument):
        texts[doc] = (corpus / str(graph.value(doc, NKO.fileName))).read_text(encoding="utf-8")
    checked = 0
    for st in graph.subjects(RDF.type, NKO.Statement):
        s, o = graph.value(st, RDF.subject), graph.value(st, RDF.object)
        labels = _labels(graph, s) + _labels(graph, o)
        evidence = list(graph.objects(st, NKO.evidence))
        assert evidence, f"{st} has no evidence"
        for ev in evidence:
            doc = graph.value(ev, NKO.document)
            start, end = int(graph.value(ev, NKO.start)), int(graph.value(ev, NKO.end))
            text = texts[doc]
            assert 0 <= start < end <= len(text), ev
            span = text[start:end]
            assert str(graph.value(ev, NKO.text)) == span
            assert any(lab in span.lower() for lab in labels), f"{st}: span {start}-{end} names neither end"
            checked += 1
    assert checked > 500


def test_diabetes_reaches_depression_through_graph_edges(graph: Graph) -> None:
    assert _ask(graph, """ASK { nk:diabetes nko:causes ?n . ?n nko:hasMentalHealthEffect nk:depression }""")
    import networkx as nx

    from neurokg.network.view import to_networkx

    net = to_networkx(graph)
    path = nx.shortest_path(net, "nk:diabetes", "nk:depression")
    assert len(path) >= 3


@pytest.mark.parametrize("hub", ["muscle_tension", "nerve_compression"])
def test_stated_vicious_cycles_close(graph: Graph, hub: str) -> None:
    # pain -> muscle tension -> (spasm,) nerve compression -> pain: every step stated by doc 000
    assert _ask(graph, f"ASK {{ nk:{hub} (nko:leadsTo|nko:worsens|nko:hasMentalHealthEffect)+ nk:{hub} }}")


@pytest.mark.parametrize("hub", ["sleep_disturbance", "depression", "pain_perception"])
def test_cycles_that_close_only_by_a_curators_reading(graph: Graph, hub: str) -> None:
    # doc 000 calls these chains vicious cycles but never states the step back into the pain
    causal = "(nko:leadsTo|nko:worsens|nko:hasMentalHealthEffect)+"
    assert not _ask(graph, f"ASK {{ nk:{hub} {causal} nk:{hub} }}")
    import networkx as nx

    from neurokg.network.view import to_networkx

    net = to_networkx(graph, include=["inferred"])
    keep = {"nko:leadsTo", "nko:worsens", "nko:hasMentalHealthEffect"}
    sub = nx.DiGraph([(u, v) for u, v, k in net.edges(keys=True) if k in keep])
    start = next(s for s in sorted(sub.successors(f"nk:{hub}")) if nx.has_path(sub, s, f"nk:{hub}"))
    cycle = [f"nk:{hub}", *nx.shortest_path(sub, start, f"nk:{hub}")]
    bases = {net.edges[u, v, k]["basis"] for u, v in itertools.pairwise(cycle) for k in net[u][v] if k in keep}
    assert "inferred" in bases


def test_sleep_cycle_and_tension_cycle_are_made_of_leads_to_and_worsens(graph: Graph) -> None:
    assert _ask(graph, "ASK { nk:muscle_tension (nko:leadsTo|nko:worsens)+ nk:muscle_tension }")
    closing = "nk:reduced_pain_tolerance nko:worsens nk:neuropathic_pain"
    inferred = (
        "ASK { ?st rdf:subject nk:reduced_pain_tolerance ; rdf:predicate nko:worsens ; "
        "rdf:object nk:neuropathic_pain ; nko:status nko:InferredByCurator }"
    )
    assert _ask(graph, inferred), closing
    assert not _ask(graph, f"ASK {{ {closing} }}")


def test_cause_lists_are_complete(graph: Graph) -> None:
    other = {
        "vitamin_b_deficiency",
        "carpal_tunnel_syndrome",
        "thyroid_problem",
        "facial_nerve_problem",
        "arthritis_in_the_spine",
    }
    diseases = {"multiple_sclerosis", "multiple_myeloma", "cancer"}
    infections = {"hiv_aids", "syphilis", "shingles", "infection"}
    injuries = {"injury", "tissue_injury", "muscle_injury", "joint_injury", "spine_injury"}
    treatments = {
        "cancer_treatment",
        "chemotherapy",
        "radiation_therapy",
        "surgery",
        "amputation",
        "alcohol_use",
        "diabetes",
    }
    np_causes = {str(s).rsplit("/", 1)[1] for s in graph.subjects(NKO.causes, NK.neuropathic_pain)}
    assert other | diseases | infections | injuries | treatments <= np_causes
    neuropathy_causes = {str(s).rsplit("/", 1)[1] for s in graph.subjects(NKO.causes, NK.neuropathy)}
    assert {"diabetes", "injury", "infection", "autoimmune_condition", "certain_drugs"} <= neuropathy_causes
    damage = {str(s).rsplit("/", 1)[1] for s in graph.subjects(NKO.causes, NK.nerve_damage)}
    assert {
        "back_problem",
        "leg_problem",
        "hip_problem",
        "herniated_disc",
        "spinal_cord_compression",
        "alcohol_use",
    } <= damage


def test_hedges_are_recorded(graph: Graph) -> None:
    from neurokg.rdf.provenance import statement_iri

    st = statement_iri(NK.multiple_sclerosis, NKO.causes, NK.neuropathic_pain)
    assert graph.value(st, NKO.certainty) == NKO.InSomeCases
    st = statement_iri(NK.nerve_hyperexcitability, NKO.leadsTo, NK.allodynia)
    assert graph.value(st, NKO.certainty) == NKO.InSomeCases
    st = statement_iri(NK.diabetic_neuropathy, NKO.riskFactorFor, NK.cognitive_decline)
    assert graph.value(st, NKO.certainty) == NKO.Possible
    assert graph.value(st, NKO.hedge) == Literal("may")


def test_shared_fact_cites_both_documents(graph: Graph) -> None:
    from neurokg.rdf.provenance import statement_iri

    st = statement_iri(NK.chronic_pain, NKO.hasMentalHealthEffect, NK.depression)
    files = {str(graph.value(graph.value(ev, NKO.document), NKO.fileName)) for ev in graph.objects(st, NKO.evidence)}
    assert len(files) == 2


def test_advertised_readings_sit_in_the_pitch_and_nothing_else_does(graph: Graph, corpus: Path) -> None:
    text = (corpus / PROMO_DOC).read_text(encoding="utf-8")
    # the pitch opens with the product's name, before the article's first heading, and closes the text
    pitch_start = text.index(str(graph.value(NK.neuropathy_no_more, SKOS.prefLabel)))
    opening_end = text.index("\n\n\n")
    closing_start = text.rindex("\n\n") + 2
    advertised = set(graph.subjects(NKO.status, NKO.Advertised)) & set(graph.subjects(RDF.type, NKO.Evidence))
    assert len(advertised) >= 6
    for ev in graph.subjects(RDF.type, NKO.Evidence):
        if str(graph.value(graph.value(ev, NKO.document), NKO.fileName)) != PROMO_DOC:
            assert ev not in advertised
            continue
        start, end = int(graph.value(ev, NKO.start)), int(graph.value(ev, NKO.end))
        in_pitch = (pitch_start <= start and end <= opening_end) or start >= closing_start
        assert in_pitch == (ev in advertised), (ev, start, end)


def test_statistics_carry_value_unit_population_and_source(graph: Graph) -> None:
    stats = set(graph.subjects(RDF.type, NKO.Statistic))
    assert len(stats) == 5
    for s in stats:
        assert graph.value(s, NKO.value) is not None and graph.value(s, NKO.unit) is not None
        assert graph.value(s, NKO.population) is not None
    diabetes_share = NK.stat_diabetes_share_of_neuropathic_pain
    assert float(graph.value(diabetes_share, NKO.value)) == 30.0
    assert graph.value(diabetes_share, NKO.attributedTo) == NK.cleveland_clinic
    assert {str(graph.value(s, NKO.unit)) for s in stats} == {"percent"}


@BUILT
def test_whole_graph_validates(built) -> None:
    report = built.report  # the build validated the whole graph with the corpus (and wrote nothing otherwise)
    mine = [v for v in report.violations if any(f"graph/{n}.ttl" in v.file for n in A_FILES) and v.severity == "error"]
    assert not mine, "\n".join(map(str, mine))
