"""Counts of the graph: entities per class, triples per relation, provenance totals.

>>> from neurokg import load_graph
>>> s = graph_stats(load_graph())
>>> s["documents"]
2
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from neurokg.namespace import NKO, curie

__all__ = ["domain_predicates", "entities", "graph_stats"]


def domain_predicates(graph: Graph) -> set[URIRef]:
    """Every sub-property of ``nko:relatedTo`` that the ontology in ``graph`` declares."""
    return {p for p in graph.transitive_subjects(RDFS.subPropertyOf, NKO.relatedTo) if isinstance(p, URIRef)}


def entities(graph: Graph) -> set[URIRef]:
    """Every node typed with a subclass of ``nko:Entity``."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, NKO.Entity))
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def graph_stats(graph: Graph) -> dict[str, Any]:
    """Return totals, entities per class (an entity counts once per class it has) and triples per relation."""
    preds = domain_predicates(graph)
    ents = entities(graph)
    classes: Counter[str] = Counter()
    for e in ents:
        for c in graph.objects(e, RDF.type):
            if str(c).startswith(str(NKO)):
                classes[curie(str(c))] += 1
    relations: Counter[str] = Counter()
    for _s, p, _o in graph:
        if p in preds:
            relations[curie(str(p))] += 1
    return {
        "triples": len(graph),
        "entities": len(ents),
        "relations": sum(relations.values()),
        "statements": len(set(graph.subjects(RDF.type, NKO.Statement))),
        "evidence_spans": len(set(graph.subjects(RDF.type, NKO.Evidence))),
        "documents": len(set(graph.subjects(RDF.type, NKO.SourceDocument))),
        "classes": dict(sorted(classes.items())),
        "relations_by_predicate": dict(sorted(relations.items())),
    }
