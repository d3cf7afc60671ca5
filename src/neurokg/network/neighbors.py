"""Neighbourhoods: what an entity is directly (or within a few hops) related to, and how.

A breadth-first walk from a node along outgoing and incoming triples: each row is one triple that
reaches a node first seen at that depth, as a :class:`~neurokg.hops.Hop` from the node it was
reached from (``inverse`` when the triple points back at it).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for u, k, v in [("d", "nko:causes", "n"), ("n", "nko:hasSymptom", "p"), ("t", "nko:treats", "n")]:
...     _ = G.add_edge(u, v, key=k, label=k, statement=None, evidence=[])
>>> [(depth, h.target, h.relation, h.inverse) for depth, h in neighbors(G, "n")]
[(1, 'p', 'nko:hasSymptom', False), (1, 'd', 'nko:causes', True), (1, 't', 'nko:treats', True)]
>>> [(depth, h.target) for depth, h in neighbors(G, "d", depth=2, direction="out")]
[(1, 'n'), (2, 'p')]
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from neurokg.core.errors import UsageError
from neurokg.network.frames import Neighbourhood
from neurokg.network.hops import Hop, make_hop

__all__ = ["DIRECTIONS", "neighbors"]

DIRECTIONS = ("both", "out", "in")


def neighbors(
    G: nx.MultiDiGraph,
    node: str,
    *,
    relations: Collection[str] | None = None,
    depth: int = 1,
    direction: str = "both",
) -> Neighbourhood:
    """Return ``(depth, hop)`` for every triple reaching a new node within ``depth`` hops of ``node``.

    Parameters
    ----------
    relations
        Only these relations (edge keys); ``None``: all.
    depth
        How many hops away, at least 1.
    direction
        ``out`` (triples from the node), ``in`` (triples to it) or ``both``.
    """
    if direction not in DIRECTIONS:
        raise UsageError(f"direction must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
    if depth < 1:
        raise UsageError(f"depth must be at least 1, got {depth}")
    allowed = None if relations is None else set(relations)
    seen = {node}
    frontier = [node]
    rows: list[tuple[int, Hop]] = []
    for level in range(1, depth + 1):
        found: list[tuple[int, Hop]] = []
        reached: set[str] = set()
        for u in frontier:
            steps: list[tuple[str, str, bool]] = []
            if direction in ("both", "out"):
                steps += [(v, k, False) for _, v, k in sorted(G.out_edges(u, keys=True), key=lambda e: (e[2], e[1]))]
            if direction in ("both", "in"):
                steps += [(w, k, True) for w, _, k in sorted(G.in_edges(u, keys=True), key=lambda e: (e[2], e[0]))]
            for other, key, inverse in steps:
                if other in seen or (allowed is not None and key not in allowed):
                    continue
                found.append((level, make_hop(G, u, other, key, inverse=inverse)))
                reached.add(other)
        rows += found
        seen |= reached
        frontier = sorted(reached)
        if not frontier:
            break
    return Neighbourhood(rows, G)
