"""The graph as a networkx ``MultiDiGraph``: entities as nodes, relations as edges.

Nodes are keyed by CURIE (``nk:diabetes``) and carry ``label``, ``type`` (the most specific
class), ``types``, ``definition``, ``altLabels``, ``xrefs`` and ``iri``. Each domain triple is one
edge keyed by its predicate's CURIE (``nko:causes``), carrying ``predicate``, ``label`` (the
predicate's label), ``statement`` (the statement's CURIE, the same id as in RDF and HTML) and the
provenance of :func:`neurokg.network.spec.edge_provenance`: ``evidence`` (one reading per span:
``{document, start, end[, text], status, <qualifiers>[, reason]}``), ``status``, ``basis`` and the
summary qualifiers (``certainty``, ``hedge``, ``lineOfTherapy``, ``durability``, ``caveatKind``,
``caveat``, ``population``, ``attributedTo``). Ontology, shape and provenance nodes are not part of
this view. The graph attribute ``classes`` maps each ontology class (local name) to its
superclasses, so that a filter on ``Treatment`` also finds a ``Drug``; ``include`` records which
statuses besides stated the view shows.

By default the edges are the plain triples: the relations a document states. ``include`` (any of
``inferred``, ``advertised``) adds the relations that exist only as statements with such evidence,
and the readings of those statuses on every edge; each edge says what it rests on in ``basis``.

>>> from neurokg import load_graph, to_networkx
>>> g = load_graph()
>>> G = to_networkx(g)
>>> G.nodes["nk:diabetes"]["label"]
'diabetes'
>>> "nko:causes" in G["nk:diabetes"]["nk:neuropathy"]
True
>>> "nk:serotonin_norepinephrine_reuptake_inhibitor" in G["nk:duloxetine"]
False
>>> G2 = to_networkx(g, include=["inferred"])
>>> G2.edges["nk:duloxetine", "nk:serotonin_norepinephrine_reuptake_inhibitor", "nko:memberOf"]["basis"]
'inferred'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.network.spec import ENTITY, QUALIFIERS, edge_provenance, make_reading, primary_type
from neurokg.rdf.schema import class_ancestors, domain_predicates, entities
from neurokg.rdf.status import parse_include, status_token

__all__ = ["to_networkx"]


def _label(graph: Graph, node: Node) -> str:
    value = graph.value(node, SKOS.prefLabel) or graph.value(node, RDFS.label)
    return str(value) if value is not None else curie(str(node))


def _render(graph: Graph, value: Node, is_iri: bool) -> Any:
    return _label(graph, value) if is_iri else value.toPython() if isinstance(value, Literal) else str(value)


def _readings(graph: Graph, statement: Node) -> list[dict[str, Any]]:
    readings = []
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
        values = {
            name: [_render(graph, v, is_iri) for v in graph.objects(ev, prop)]
            for name, (prop, _many, is_iri) in QUALIFIERS.items()
        }
        reason = graph.value(ev, NKO.reason)
        status = status_token(graph.value(ev, NKO.status))
        readings.append(make_reading(span, status, values, str(reason) if reason is not None else None))
    return readings


def _strength(graph: Graph) -> dict[str, int]:
    return {_label(graph, c): int(v) for c, v in graph.subject_objects(NKO.strength) if isinstance(v, Literal)}


def to_networkx(graph: Graph | Any, *, include: Iterable[str] | str | None = ()) -> nx.MultiDiGraph:
    """Return the domain of ``graph`` as a :class:`networkx.MultiDiGraph` (see the module docstring).

    ``graph`` is an rdflib graph or a pyoxigraph store; a store goes through the one-pass builder of
    :mod:`neurokg.network.oxbuild`, which gives the same view and is much faster on large graphs.
    ``include`` adds inferred and/or advertised relations and readings (default: stated only).
    """
    shown = {"stated", *parse_include(include)}
    if not isinstance(graph, Graph):
        from neurokg.network.oxbuild import triples_to_networkx

        return triples_to_networkx(graph.quads_for_pattern(None, None, None), include=shown - {"stated"})
    G = nx.MultiDiGraph()
    G.graph["classes"] = class_ancestors(graph)
    G.graph["include"] = sorted(shown - {"stated"})
    preds = domain_predicates(graph)
    strength = _strength(graph)
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
    edges: set[tuple[Node, Node, Node]] = {(s, p, o) for s, p, o in graph if p in preds and isinstance(o, URIRef)}
    for triple, st in statements.items():
        if triple[1] in preds and isinstance(triple[2], URIRef):
            if shown & {status_token(x) for x in graph.objects(st, NKO.status)} - {"stated"}:
                edges.add(triple)
    for s, p, o in sorted(edges, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        u, v, key = curie(str(s)), curie(str(o)), curie(str(p))
        stmt = statements.get((s, p, o))
        attrs: dict[str, Any] = {"predicate": str(p), "label": _label(graph, p)}
        attrs["statement"] = curie(str(stmt)) if stmt is not None else None
        attrs.update(edge_provenance(_readings(graph, stmt) if stmt is not None else [], shown, strength))
        for node in (u, v):
            if node not in G:  # an end outside the typed entities: keep it, marked untyped
                G.add_node(node, iri=str(s if node == u else o), label=node, type=ENTITY, types=[])
        G.add_edge(u, v, key=key, **attrs)
    return G
