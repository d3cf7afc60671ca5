"""Explanatory paths: the shortest chains of evidenced triples from one entity to another.

Paths come shortest first (Yen's algorithm, :func:`networkx.shortest_simple_paths`), so ``max_paths``
gives the shortest path and then the next shortest alternatives. Each path is a list of
:class:`~neurokg.hops.Hop`, each hop with its relation, qualifiers and evidence. Directed paths
follow the triples as stated; ``undirected`` paths may also walk a triple backwards (the hop is
then marked ``inverse``).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for u, k, v in [("d", "nko:causes", "n"), ("n", "nko:hasMentalHealthEffect", "dep"), ("x", "nko:causes", "dep")]:
...     _ = G.add_edge(u, v, key=k, label=k, statement=None, evidence=[])
>>> [[h.target for h in p] for p in shortest_paths(G, "d", "dep")]
[['n', 'dep']]
>>> shortest_paths(G, "d", "x")
[]
>>> [[(h.target, h.inverse) for h in p] for p in shortest_paths(G, "d", "x", undirected=True)]
[[('n', False), ('dep', False), ('x', True)]]
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Collection

import networkx as nx

from neurokg.network.frames import Walks
from neurokg.network.hops import Hop, best_hop, walk_graph

__all__ = ["shortest_paths"]

log = logging.getLogger(__name__)


def shortest_paths(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_paths: int = 5,
    undirected: bool = False,
    relations: Collection[str] | None = None,
    max_hops: int | None = None,
) -> Walks:
    """Return up to ``max_paths`` simple paths from ``source`` to ``target``, shortest first.

    Parameters
    ----------
    G
        The graph of :func:`neurokg.to_networkx`.
    source, target
        Node ids (see :func:`neurokg.resolve` for names).
    max_paths
        How many paths at most.
    undirected
        Also walk triples backwards.
    relations
        Only these relations (edge keys); ``None``: every relation.
    max_hops
        Leave out paths longer than this.

    Returns
    -------
    list of list of Hop
        Empty when ``target`` cannot be reached.
    """
    if max_paths < 1:
        return Walks([], G)
    W = walk_graph(G, forward=relations, backward=relations if undirected else ())
    try:
        node_paths = nx.shortest_simple_paths(W, source, target)
        out: list[list[Hop]] = []
        for nodes in itertools.islice(node_paths, max_paths):
            if max_hops is not None and len(nodes) - 1 > max_hops:
                break
            out.append([best_hop(G, W, u, v) for u, v in itertools.pairwise(nodes)])
    except nx.NetworkXNoPath:
        log.info("no path from %s to %s", source, target)
        return Walks([], G)
    return Walks(out, G)
