"""The graph as a networkx ``MultiDiGraph``: entities as nodes, domain triples as edges.

Nodes are keyed by CURIE (``nk:diabetes``) and carry ``label``, ``type`` (the most specific
class), ``types``, ``definition``, ``altLabels``, ``xrefs`` and ``iri``. Each domain triple is one
edge keyed by its predicate's CURIE (``nko:causes``), carrying ``predicate``, ``label`` (the
predicate's label), ``statement`` (the statement's CURIE, the same id as in RDF and HTML),
``evidence`` (a list of ``{document, start, end[, text]}``) and the qualifiers that the statement
gives (``certainty``, ``hedge``, ``lineOfTherapy``, ``durability``, ``caveatKind``, ``caveat``,
``population``, ``attributedTo``, ``promotional``; a single-valued qualifier given twice keeps the
smallest value, so the view is deterministic). Ontology, shape and provenance nodes are
not part of this view. The graph attribute ``classes`` maps each ontology class (local name) to its
superclasses, so that a filter on ``Treatment`` also finds a ``Drug``.

>>> from neurokg import load_graph, to_networkx
>>> G = to_networkx(load_graph())
>>> G.nodes["nk:diabetes"]["label"]
'diabetes'
>>> "nko:causes" in G["nk:diabetes"]["nk:neuropathy"]
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.network.spec import ENTITY, QUALIFIERS, primary_type
from neurokg.rdf.schema import class_ancestors, domain_predicates, entities

__all__ = ["to_networkx"]

def _label(graph: Graph, node: Node) -> str:
    value = graph.value(node, SKOS.prefLabel) or graph.value(node, RDFS.label)
    return str(value) if value is not None else curie(str(node))


def _evidence(graph: Graph, statement: Node) -> list[dict[str, Any]]:
    spans = []
    for ev in graph.objects(statement, NKO.evidence):
        doc = graph.value(ev, NKO.document)
        start, end = graph.value(ev, NKO.start), graph.value(ev, NKO.end)
        span: dict[str, Any] = {
            "document": str(graph.value(doc, NKO.fileName) or doc) if doc is not None else "",
            "start": int(start) if isinstance(start, Literal) else None,
            "end": int(end) if isinstance(end, Literal) else None,
        }
        text = graph.value(ev, NKO.text)
        if text is not None:
            span["text"] = str(text)
        spans.append(span)
    return sorted(spans, key=lambda s: (s["document"], s["start"] or 0))


def _qualifiers(graph: Graph, statement: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (prop, many, is_iri) in QUALIFIERS.items():
        values = list(graph.objects(statement, prop))
        if not values:
            continue
        rendered = [
            (_label(graph, v) if is_iri else v.toPython() if isinstance(v, Literal) else str(v)) for v in values
        ]
        out[name] = sorted(rendered, key=str) if many else min(rendered, key=str)
    return out


def to_networkx(graph: Graph | Any) -> nx.MultiDiGraph:
    """Return the domain of ``graph`` as a :class:`networkx.MultiDiGraph` (see the module docstring).

    ``graph`` is an rdflib graph or a pyoxigraph store; a store goes through the one-pass builder of
    :mod:`neurokg.oxnetwork`, which gives the same view and is much faster on large graphs.
    """
    if not isinstance(graph, Graph):
        from neurokg.network.oxbuild import triples_to_networkx

        return triples_to_networkx(graph.quads_for_pattern(None, None, None))
    G = nx.MultiDiGraph()
    G.graph["classes"] = class_ancestors(graph)
    preds = domain_predicates(graph)
    statements: dict[tuple[Node, Node, Node], Node] = {}
    for st in graph.subjects(RDF.type, NKO.Statement):
        s, p, o = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        if s is not None and p is not None and o is not None:
            statements[(s, p, o)] = st
    for e in sorted(entities(graph), key=str):
        types = sorted(local_name(t) for t in graph.objects(e, RDF.type) if str(t).startswith(str(NKO)))
        xrefs = sorted(
            curie(str(x))
            for prop in (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch)
            for x in graph.objects(e, prop)
        )
        G.add_node(
            curie(str(e)),
            iri=str(e),
            label=_label(graph, e),
            type=primary_type(types),
            types=types,
            definition=str(graph.value(e, SKOS.definition) or ""),
            altLabels=sorted(str(a) for a in graph.objects(e, SKOS.altLabel)),
            xrefs=xrefs,
        )
    for s, p, o in sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        if p not in preds or not isinstance(o, URIRef):
            continue
        u, v, key = curie(str(s)), curie(str(o)), curie(str(p))
        stmt = statements.get((s, p, o))
        attrs: dict[str, Any] = {"predicate": str(p), "label": _label(graph, p)}
        attrs["statement"] = curie(str(stmt)) if stmt is not None else None
        attrs["evidence"] = _evidence(graph, stmt) if stmt is not None else []
        if stmt is not None:
            attrs.update(_qualifiers(graph, stmt))
        for node in (u, v):
            if node not in G:  # an end outside the typed entities: keep it, marked untyped
                G.add_node(node, iri=str(s if node == u else o), label=node, type=ENTITY, types=[])
        G.add_edge(u, v, key=key, **attrs)
    return G
