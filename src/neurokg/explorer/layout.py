"""Node positions computed in Python: a seeded spring layout, scaled to pixels, overlaps pushed apart.

The page draws with physics off, so the same graph always gives the same picture.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

__all__ = ["layout"]


_LAYOUT_SCALE = 90.0  # pixels per sqrt(node): keeps the mean spacing about constant


_MIN_DISTANCE = 55.0  # pixels between node centres after the layout


def layout(graph: nx.MultiDiGraph, seed: int) -> dict[str, tuple[int, int]]:
    """Spring layout with a fixed seed on the undirected simple graph, scaled to pixels, overlaps pushed apart."""
    import numpy as np

    n = graph.number_of_nodes()
    if n == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in graph.edges() if u != v))
    iterations = 50 if n <= 1000 else max(10, 25_000 // n)
    pos = nx.spring_layout(simple, seed=seed, iterations=iterations)
    nodes = list(pos)
    xy = np.array([pos[v] for v in nodes], dtype=float) * (_LAYOUT_SCALE * math.sqrt(n))
    _spread(xy, _MIN_DISTANCE)
    return {v: (round(float(x)), round(float(y))) for v, (x, y) in zip(nodes, xy, strict=True)}


def _spread(xy: Any, min_distance: float, rounds: int = 40) -> None:
    """Push apart, in place, the points closer than ``min_distance`` (deterministic; a k-d tree finds the pairs)."""
    import numpy as np
    from scipy.spatial import cKDTree

    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(min_distance, output_type="ndarray")
        if not len(pairs):
            return
        i, j = pairs[:, 0], pairs[:, 1]
        diff = xy[i] - xy[j]
        dist = np.hypot(diff[:, 0], diff[:, 1])
        same = dist < 1e-6  # coincident points: separate them along a fixed direction by index
        diff[same] = np.stack([np.cos(j[same]), np.sin(j[same])], axis=1)
        dist[same] = 1.0
        push = diff * ((min_distance - dist) / dist / 4)[:, None]
        np.add.at(xy, i, push)
        np.add.at(xy, j, -push)
