"""Counts of the graph: entities per class, triples per relation, provenance totals.

>>> from neurokg import load_graph
>>> s = graph_stats(load_graph())
>>> s["documents"]
2
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF

from neurokg.core.namespace import NKO, curie
from neurokg.rdf.schema import domain_predicates, entities

__all__ = ["graph_stats"]


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
