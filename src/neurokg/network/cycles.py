"""Feedback loops: directed cycles of causal triples (pain disturbs sleep, poor sleep lowers pain tolerance...).

A loop is a directed cycle of the walk graph made of the causal relations of
:data:`CAUSAL_RELATIONS` (the ``nko:CausalRelation`` relations but ``hasSymptom``: a condition and
its symptom are one state, not a step of a chain). ``nko:complicationOf`` is walked backwards: *X is
a complication of neuropathic pain* is a step from the pain to X. Taxonomy (``subtypeOf``,
``memberOf``...), treatment and anatomy relations close no feedback loop and are left out unless
asked for. By default a loop walks only relations a document states, plus the steps a curator added
to close a chain that a passage itself calls a cycle (readings marked ``nko:closesCycle``), which the
answer marks as inferences: :func:`loop_network` picks those edges from the full view; a loop takes at
most one such unstated step. Each loop is a list of :class:`~neurokg.network.hops.Hop` that ends where it starts;
a loop ``through`` a node starts at that node, other loops at their smallest node id.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for u, k, v in [("pain", "nko:leadsTo", "sleep"), ("sleep", "nko:leadsTo", "tol"), ("tol", "nko:worsens", "pain"),
...                 ("pain", "nko:subtypeOf", "x"), ("x", "nko:leadsTo", "pain")]:
...     _ = G.add_edge(u, v, key=k, label=k, statement=None, evidence=[])
>>> [[h.source for h in loop] for loop in feedback_loops(G)]
[['pain', 'sleep', 'tol']]
>>> [[h.source for h in loop] for loop in feedback_loops(G, through="tol")]
[['tol', 'pain', 'sleep']]
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Collection, Iterator, Mapping
from typing import Any

import networkx as nx

from neurokg.core.namespace import NKO, curies
from neurokg.network.frames import Walks
from neurokg.network.hops import Hop, best_hop, walk_graph

__all__ = ["BACKWARD_RELATIONS", "CAUSAL_RELATIONS", "closes_cycle", "feedback_loops", "loop_network"]

log = logging.getLogger(__name__)

CAUSAL_RELATIONS = curies(
    NKO.leadsTo,
    NKO.causes,
    NKO.worsens,
    NKO.triggers,
    NKO.mechanismOf,
    NKO.riskFactorFor,
    NKO.hasMentalHealthEffect,
    NKO.hasDailyLifeImpact,
    NKO.hasSideEffect,
    NKO.complicationOf,
)
"""Relations a feedback loop is made of, by default: the causal relations of the ontology but hasSymptom."""

BACKWARD_RELATIONS = frozenset(curies(NKO.complicationOf, NKO.causedBy, NKO.followsFrom, NKO.sideEffectOf))
"""Relations whose object brings about their subject: loops walk them from object to subject."""


def closes_cycle(data: Mapping[str, Any]) -> bool:
    """Whether an edge rests on a curator's step that closes a chain a passage calls a cycle.

    >>> closes_cycle({"evidence": [{"status": "inferred", "closesCycle": True}]})
    True
    >>> closes_cycle({"evidence": [{"status": "stated"}]})
    False
    """
    return any(r.get("status") == "inferred" and r.get("closesCycle") for r in data.get("evidence") or [])


def loop_network(G: nx.MultiDiGraph, include: Collection[str] = ()) -> nx.MultiDiGraph:
    """The edges loops walk: what a document states (and the bases in ``include``), plus the closing steps.

    ``G`` is a view that holds the inferred relations (``to_networkx(graph, include="inferred")``); an
    inferred edge stays only when it closes a chain that a passage calls a cycle (:func:`closes_cycle`), or
    when ``include`` asks for inferred relations; an advertised one only when ``include`` asks for it.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="nko:leadsTo", basis="stated", evidence=[{"status": "stated"}])
    >>> _ = G.add_edge("b", "a", key="nko:worsens", basis="inferred",
    ...                evidence=[{"status": "inferred", "closesCycle": True}])
    >>> _ = G.add_edge("b", "c", key="nko:leadsTo", basis="inferred", evidence=[{"status": "inferred"}])
    >>> sorted(loop_network(G).edges(keys=True))
    [('a', 'b', 'nko:leadsTo'), ('b', 'a', 'nko:worsens')]
    """
    keep = {"stated", *include}
    drop = [
        (u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
        if d.get("basis", "stated") not in keep and not (d.get("basis") == "inferred" and closes_cycle(d))
    ]  # fmt: skip
    if not drop:
        return G
    H = G.copy()
    H.remove_edges_from(drop)
    return H


def feedback_loops(
    G: nx.MultiDiGraph,
    *,
    through: str | None = None,
    relations: Collection[str] | None = CAUSAL_RELATIONS,
    max_length: int = 8,
    limit: int | None = None,
) -> Walks:
    """Return the directed cycles of ``G`` over ``relations``, shortest first, with at most one unstated step.

    Parameters
    ----------
    G
        The graph of :func:`neurokg.to_networkx`.
    through
        Only loops through this node, which they start from.
    relations
        Edge keys loops may use (those of :data:`BACKWARD_RELATIONS` walked backwards); ``None``: all.
    max_length
        Longest loop, in hops (cycle enumeration grows fast with it).
    limit
        Stop once this many loops are found (counting only those kept, before sorting), to bound the work
        on large graphs.
    """
    if relations is None:
        relations = sorted({k for _, _, k in G.edges(keys=True)})
    forward = [r for r in relations if r not in BACKWARD_RELATIONS]
    backward = [r for r in relations if r in BACKWARD_RELATIONS]
    W = walk_graph(G, forward=forward, backward=backward)
    kept: list[tuple[list[str], list[Hop]]] = []
    for cycle in _cycles(W, through, max_length):
        if limit is not None and len(kept) >= limit:
            break
        loop = _rotate(cycle, through)
        walk = [best_hop(G, W, u, v) for u, v in itertools.pairwise([*loop, loop[0]])]
        # a loop rests on what the documents state but for at most one step (a named cycle's closing step, or
        # with include one inferred or advertised relation): two unstated steps would join two cycles by guesses
        if sum(h.basis != "stated" for h in walk) <= 1:
            kept.append((loop, walk))
    kept.sort(key=lambda lw: (len(lw[0]), lw[0]))
    log.info("%d loops%s", len(kept), f" through {through}" if through else "")
    return Walks((walk for _, walk in kept), G)


def _cycles(W: nx.DiGraph, through: str | None, max_length: int) -> Iterator[list[str]]:
    if through is None:
        yield from _bounded_cycles(W, max_length)
        return
    if through not in W:
        return
    if W.has_edge(through, through):
        yield [through]
    # a cycle through X is X plus a simple path from one of X's successors back to X
    component = next(c for c in nx.strongly_connected_components(W) if through in c)
    sub = W.subgraph(component)
    for succ in sorted(sub.successors(through)):
        if succ == through:
            continue
        for path in nx.all_simple_paths(sub, succ, through, cutoff=max_length - 1):
            yield [through, *path[:-1]]


def _bounded_cycles(W: nx.DiGraph, max_length: int) -> Iterator[list[str]]:
    """Every simple cycle of at most ``max_length`` arcs, once each, from its smallest node, streamed.

    A depth-bounded search from each node over larger nodes only. networkx's ``simple_cycles`` gives the
    same cycles, but recomputes strongly connected components after each node it removes, which
    is quadratic on sparse graphs of tens of thousands of nodes.
    """
    rank = {node: i for i, node in enumerate(sorted(W))}
    for start in sorted(W):
        low = rank[start]
        path = [start]
        on_path = {start}
        stack = [iter(sorted(W.successors(start)))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == start:
                yield list(path)
            elif rank[nxt] > low and nxt not in on_path and len(path) < max_length:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(sorted(W.successors(nxt))))


def _rotate(cycle: list[str], through: str | None) -> list[str]:
    start = cycle.index(through) if through is not None else cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]
