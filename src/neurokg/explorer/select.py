"""Which part of the graph the explorer draws: a focus and its neighbourhood, classes, relations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import networkx as nx

from neurokg.core.errors import NotFoundError, UsageError
from neurokg.network.names import resolve
from neurokg.network.spec import ENTITY

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["as_network", "expand_classes", "select_subgraph"]


def as_network(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    from neurokg.network.view import to_networkx

    return to_networkx(graph)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _match_names(
    wanted: Iterable[str], known: dict[str, str], what: str, shown: Iterable[str] | None = None
) -> set[str]:
    """Map user-given names to canonical ones through ``known`` (normalised name -> canonical)."""
    out = set()
    for name in wanted:
        canonical = known.get(_norm(name))
        if canonical is None:
            choices = sorted(set(shown if shown is not None else known.values()))
            raise NotFoundError(f"unknown {what} {name!r}; known: {', '.join(choices)}")
        out.add(canonical)
    return out


def select_subgraph(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] = (),
    relations: Sequence[str] = (),
) -> nx.MultiDiGraph:
    """Return the part of ``graph`` to draw.

    ``relations`` (labels, local names or CURIEs) keeps only those edges and, without ``focus``,
    the nodes they touch; ``types`` (class names) keeps the nodes having one of those classes
    among their ``types``; ``focus`` (a name, see :func:`neurokg.resolve.resolve`) keeps the nodes within
    ``depth`` steps of it, in either direction, in what remains. The focus node is always kept.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([(n, {"label": n, "type": "Condition", "types": ["Condition"]}) for n in "abcd"])
    >>> G.add_edge("a", "b", key="nko:causes", label="causes")
    'nko:causes'
    >>> G.add_edge("b", "c", key="nko:leadsTo", label="leads to")
    'nko:leadsTo'
    >>> G.add_edge("c", "d", key="nko:causes", label="causes")
    'nko:causes'
    >>> sorted(select_subgraph(G, focus="b", depth=1))
    ['a', 'b', 'c']
    >>> sorted(select_subgraph(G, relations=["causes"]))
    ['a', 'b', 'c', 'd']
    >>> sorted(select_subgraph(G, relations=["leads to"]))
    ['b', 'c']
    """
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, got {depth}")
    sub = nx.MultiDiGraph(graph)
    focus_id = resolve(graph, focus) if focus is not None else None
    if relations:
        known: dict[str, str] = {}
        labels: dict[str, str] = {}
        for _, _, k, d in graph.edges(keys=True, data=True):
            labels[k] = str(d.get("label", k))
            for alias in (k, k.split(":", 1)[-1], labels[k]):
                known[_norm(alias)] = k
        keep_rel = _match_names(relations, known, "relation", labels.values())
        sub.remove_edges_from([(u, v, k) for u, v, k in graph.edges(keys=True) if k not in keep_rel])
        if focus_id is None:
            sub.remove_nodes_from([n for n in graph if sub.degree(n) == 0])
    if types:
        known = {_norm(t): t for _, d in graph.nodes(data=True) for t in [d.get("type", ENTITY), *d.get("types", [])]}
        keep_types = _match_names(types, known, "class")
        drop = [
            n
            for n, d in sub.nodes(data=True)
            if n != focus_id and not keep_types & {d.get("type", ENTITY), *d.get("types", [])}
        ]
        sub.remove_nodes_from(drop)
    if focus_id is not None:
        near = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), focus_id, cutoff=depth)
        sub = nx.MultiDiGraph(sub.subgraph(near))
    return sub


def expand_classes(graph: Graph, names: Sequence[str]) -> list[str]:
    """Add to the class ``names`` their subclasses in the ontology of ``graph`` that have instances.

    Names are matched case-insensitively to the ontology's classes; a name the ontology lacks
    raises :class:`NotFoundError` listing the classes.

    >>> from neurokg import load_graph
    >>> "Symptom" in expand_classes(load_graph(), ["symptom"])
    True
    """
    from rdflib import OWL, RDF, RDFS

    from neurokg.core.namespace import NKO

    if not names:
        return []
    classes = {str(c)[len(str(NKO)) :]: c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(NKO))}
    wanted = _match_names(names, {_norm(k): k for k in classes}, "class")
    out = set(wanted)
    for name in wanted:
        for sub in graph.transitive_subjects(RDFS.subClassOf, classes[name]):
            local = str(sub)[len(str(NKO)) :]
            if local in classes and next(graph.subjects(RDF.type, sub), None) is not None:
                out.add(local)
    with_instances = {n for n in out if next(graph.subjects(RDF.type, classes[n]), None) is not None}
    return sorted(with_instances or out)
