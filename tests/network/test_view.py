"""The networkx view: edges equal domain triples, attributes survive, provenance nodes stay out."""

from __future__ import annotations

import rdflib

from neurokg import to_networkx
from neurokg.core.namespace import curie
from neurokg.rdf.schema import domain_predicates, entities


def test_edges_equal_domain_triples(graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    preds = domain_predicates(graph)
    triples = {(curie(str(s)), curie(str(p)), curie(str(o))) for s, p, o in graph if p in preds}
    edges = {(u, k, v) for u, v, k in G.edges(keys=True)}
    assert edges == triples
    assert set(G.nodes) == {curie(str(e)) for e in entities(graph)}


def test_attributes_are_kept(graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    node = G.nodes["nk:diabetes"]
    assert node["label"] == "diabetes" and node["type"] == "Condition"
    assert "Cause" in node["types"] and "obo:DOID_9351" in node["xrefs"]
    edge = G.edges["nk:diabetes", "nk:neuropathy", "nko:causes"]
    assert edge["label"] == "causes"
    assert edge["statement"].startswith("nks:")
    assert edge["evidence"] and edge["evidence"][0]["document"].endswith(".txt")
    assert "text" in edge["evidence"][0]


def test_no_provenance_or_ontology_nodes(graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    assert not [n for n in G if n.startswith(("nks:", "nke:", "nkd:", "nko:", "nksh:"))]
