"""What the ontology in a graph declares: domain relations, entity classes and their hierarchy.

>>> from neurokg import load_graph
>>> g = load_graph(corpus=None)
>>> NKO.causes in domain_predicates(g)
True
>>> class_ancestors(g)["Drug"]
['Entity', 'Treatment']
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from neurokg.core.namespace import NKO, local_name

__all__ = ["class_ancestors", "domain_predicates", "entities"]


def domain_predicates(graph: Graph) -> set[URIRef]:
    """Every sub-property of ``nko:relatedTo`` that the ontology in ``graph`` declares."""
    return {p for p in graph.transitive_subjects(RDFS.subPropertyOf, NKO.relatedTo) if isinstance(p, URIRef)}


def entities(graph: Graph) -> set[URIRef]:
    """Every node typed with a subclass of ``nko:Entity``."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, NKO.Entity))
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def class_ancestors(graph: Graph) -> dict[str, list[str]]:
    """Each ``nko`` entity class (local name) mapped to its superclasses below ``nko:Entity`` included."""
    classes = {c for c in graph.transitive_subjects(RDFS.subClassOf, NKO.Entity) if c is not None}
    out: dict[str, list[str]] = {}
    for c in sorted(classes, key=str):
        if str(c).startswith(str(NKO)):
            ancestors = (a for a in graph.transitive_objects(c, RDFS.subClassOf) if a is not None)
            out[local_name(c)] = sorted(local_name(a) for a in ancestors if a != c and a in classes)
    return out
