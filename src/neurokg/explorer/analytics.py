"""The analytics the explorer shows, computed by the library functions the commands call.

Loops are :func:`neurokg.network.cycles.feedback_loops` with the defaults of ``neurokg loops``; treatments are
:func:`neurokg.network.treatments.treatments` as ``neurokg treatments`` gives them. Paths between any two
concepts cannot all be computed ahead, so the page runs the algorithm of
:func:`neurokg.network.paths.shortest_paths` itself (networkx's ``shortest_simple_paths``, ported), on the walk
graphs of :func:`neurokg.network.hops.walk_graph` embedded here with the very order of their adjacency, so its
ties break as networkx breaks them and ``neurokg path A B --max 3`` gives the same paths (tested).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from neurokg.network.cycles import feedback_loops
from neurokg.network.hops import Hop, walk_graph
from neurokg.network.treatments import treatments

__all__ = ["CYCLE_WORDS", "example_pair", "loop_records", "treatment_records", "walk_records"]

CYCLE_WORDS = re.compile(r"\b(?:vicious\s+)?cycles?\b|\bloops?\b|\bspiral", re.IGNORECASE)
"""Words by which a passage calls a chain of effects a cycle."""


def _hop(hop: Hop) -> dict[str, Any]:
    u, key, v = hop.triple
    return {"from": hop.source, "to": hop.target, "statement": hop.statement or f"{u} {key} {v}",
            "inverse": int(hop.inverse), "closes": int(bool(hop.qualifiers.get("closesCycle")))}  # fmt: skip


def _cycle_quote(loop: list[Hop]) -> list[Any] | None:
    """The first passage, among the evidence of a loop's steps, that calls it a cycle: [statement, document, start]."""
    for hop in loop:
        for ev in hop.evidence:
            if CYCLE_WORDS.search(str(ev.get("text", ""))):
                return [_hop(hop)["statement"], ev.get("document"), ev.get("start")]
    return None


def loop_records(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The loops of ``neurokg loops`` (its defaults): each step, and the passage that calls it a cycle if any."""
    return [{"hops": [_hop(h) for h in loop], "cycle": _cycle_quote(loop)} for loop in feedback_loops(G)]


def treatment_records(G: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The answer of ``neurokg treatments NODE``: each treatment, the statement it rests on, route and class."""
    return [
        {"t": t.treatment, "target": t.target, "via": t.via or "", "statement": t.statement or "",
         "route": [_hop(h)["statement"] for h in t.route]}
        for t in treatments(G, node)
    ]  # fmt: skip


def _walk(W: nx.DiGraph, index: dict[str, int]) -> dict[str, Any]:
    succ = [[index[w] for w in W.successors(n)] for n in W]
    pred = [[index[w] for w in W.predecessors(n)] for n in W]
    arcs = {}
    for u, v, data in W.edges(data=True):
        key, inverse = data["options"][0]
        arcs[f"{index[u]} {index[v]}"] = [key, int(inverse)]
    return {"succ": succ, "pred": pred, "arcs": arcs}


def walk_records(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The walk graphs of ``neurokg path`` (directed, and ``--undirected``), adjacency in networkx's order.

    ``nodes`` lists node ids in ``G``'s order; ``succ``/``pred`` give, per node index, the neighbours' indices
    in the order networkx iterates them; ``arcs`` maps ``"i j"`` to the preferred ``[relation, inverse]`` and
    ``statements`` maps ``"u relation v"`` to the statement id of that edge.
    """
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    statements = {f"{u} {k} {v}": str(d.get("statement") or f"{u} {k} {v}") for u, v, k, d in
                  G.edges(keys=True, data=True)}  # fmt: skip
    return {
        "nodes": nodes,
        "directed": _walk(walk_graph(G, forward=None, backward=()), index),
        "undirected": _walk(walk_graph(G, forward=None, backward=None), index),
        "statements": statements,
    }


def example_pair(G: nx.MultiDiGraph, starts: Iterable[str], ends: Iterable[str]) -> list[str]:
    """A first question for the path card: the first start (in order) with a path of 2 hops or more to an end."""
    ends = [e for e in ends if e in G]
    for start in starts:
        if start not in G:
            continue
        reach = nx.single_source_shortest_path_length(G, start)
        found = [e for e in ends if reach.get(e, 0) >= 2]
        if found:
            return [start, found[0]]
    return []
