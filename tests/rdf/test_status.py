"""The loader's status step: a plain triple only where a document states it, a summary from the evidence."""

from __future__ import annotations

import logging
from pathlib import Path

from rdflib.compare import isomorphic

from neurokg.core.namespace import NK, NKO
from neurokg.rdf.load import read_sources
from neurokg.rdf.oxload import from_rdflib, to_rdflib
from neurokg.rdf.provenance import statement_iri
from neurokg.rdf.status import summarize
from tests.fixturegraph import make_graph_dir


def test_loader_asserts_the_plain_triple_only_where_a_document_states_it(tmp_path: Path, caplog) -> None:
    delta = """
nk:fx_other a nko:Symptom ; skos:prefLabel "other symptom"@en ; skos:definition "Another symptom."@en .
nk:fx_condition nko:hasSymptom nk:fx_other .
[] rdf:subject nk:fx_condition ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_other ;
    nko:evidence [ nko:status nko:InferredByCurator ; nko:reason "read between the lines" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] .
[] rdf:subject nk:fx_symptom ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_condition ;
    nko:evidence [ nko:status nko:Stated ; nko:certainty nko:Often ; nko:hedge "often" ;
                   nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] ,
                 [ nko:status nko:Stated ; nko:certainty nko:Possible ; nko:hedge "may" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] ,
                 [ nko:status nko:InferredByCurator ; nko:lineOfTherapy nko:FirstLine ; nko:reason "ours" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] .
"""
    with caplog.at_level(logging.WARNING):
        g = read_sources(graph_dir=make_graph_dir(tmp_path, delta), corpus=None).graph
    # a hand-written plain triple of an inferred relation is dropped, with a warning naming the file
    assert (NK.fx_condition, NKO.hasSymptom, NK.fx_other) not in g
    assert "delta0.ttl: no evidence states" in caplog.text
    # a stated relation written as a statement only gets its plain triple
    assert (NK.fx_symptom, NKO.hasSymptom, NK.fx_condition) in g
    st = statement_iri(NK.fx_symptom, NKO.hasSymptom, NK.fx_condition)
    assert set(g.objects(st, NKO.status)) == {NKO.Stated, NKO.InferredByCurator}
    # the summary rests on the stated readings: the least firm certainty, every hedge, no curator line of therapy
    assert set(g.objects(st, NKO.certainty)) == {NKO.Possible}
    assert {str(h) for h in g.objects(st, NKO.hedge)} == {"often", "may"}
    assert g.value(st, NKO.lineOfTherapy) is None
    # two readings of one passage (stated and inferred) stay two evidence nodes
    assert len(list(g.objects(st, NKO.evidence))) == 3
    # the step is idempotent
    store = from_rdflib(g)
    assert summarize(store).removed == [] and isomorphic(to_rdflib(store), g)
