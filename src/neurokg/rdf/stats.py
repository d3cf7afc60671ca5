"""Counts of the graph: entities per class, triples per relation, provenance totals.

>>> from neurokg import load_graph
>>> s = graph_stats(load_graph())
>>> s["documents"]
7
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from neurokg.core.namespace import NKO, curie
from neurokg.rdf.provenance import affirms
from neurokg.rdf.schema import domain_predicates, entities
from neurokg.rdf.status import ORDER, basis, status_token

__all__ = ["graph_stats"]


def graph_stats(graph: Graph) -> dict[str, Any]:
    """Return totals, entities per class (an entity counts once per class it has) and triples per relation.

    ``relations`` counts plain triples (what a document states); ``statements_by_basis`` counts the
    statements by what they rest on: stated, inferred by a curator only, advertised only; ``denied`` counts the
    stated statements whose every stated reading denies the relation (``nko:negated``): they have no plain
    triple, so ``relations`` is the stated count less the denied one.
    """
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
        "statements_by_basis": _by_basis(graph),
        "denied": _denied(graph),
        "classes": dict(sorted(classes.items())),
        "relations_by_predicate": dict(sorted(relations.items())),
    }


def _denied(graph: Graph) -> int:
    """Statements with stated readings, every one of which denies the relation."""
    out = 0
    for st in set(graph.subjects(NKO.negated, Literal(True))):
        stated = [ev for ev in graph.objects(st, NKO.evidence) if (ev, NKO.status, NKO.Stated) in graph]
        out += bool(stated) and not any(affirms(graph, ev) for ev in stated)
    return out


def _by_basis(graph: Graph) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for st in set(graph.subjects(RDF.type, NKO.Statement)):
        best = basis(t for t in (status_token(x) for x in graph.objects(st, NKO.status)) if t)
        if best is not None:
            counts[best] += 1
    return {token: counts[token] for token in ORDER}
