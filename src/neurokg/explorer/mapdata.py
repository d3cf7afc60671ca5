"""The whole map: the drawn part of the graph as a pyvis network for vis-network, one edge per statement.

Nodes are coloured by family and shaped by class, sized by degree, at positions computed in Python
(:mod:`neurokg.explorer.layout`); each edge carries its statement id, is labelled with the words of its
sentence ("can cause", "advertised: treats") and is dashed when hedged, dotted when inferred or advertised.
Edges sharing their two ends are curved apart (``docs/decisions/0023``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from neurokg.explorer.basis import edge_basis
from neurokg.explorer.layout import layout
from neurokg.explorer.statements import edge_id
from neurokg.explorer.style import class_style, relation_colours
from neurokg.network.spec import ENTITY

__all__ = ["DASHES", "map_network"]

DASHES = {"hedged": [8, 5], "inferred": [1, 4], "advertised": [2, 5]}
"""Line style per kind of statement (the words on the line say it too)."""

_BASIS_WORDS = {"inferred": "inferred: ", "advertised": "advertised: "}


def _edge_smoothing(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Curve the edges that share their two ends so that each stays visible and clickable."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, k in graph.edges(keys=True):
        groups[(min(u, v), max(u, v))].append((u, v, k))
    smooth: dict[tuple[str, str, str], dict[str, Any]] = {}
    for edges in groups.values():
        if len(edges) == 1:
            continue
        for i, (u, v, k) in enumerate(sorted(edges)):
            # curvedCW bends to the right of the travel direction; a flipped edge bends the other way
            side = 1 if u <= v else -1
            rank = i + 1
            smooth[(u, v, k)] = {"enabled": True, "type": "curvedCW" if side * (-1) ** rank > 0 else "curvedCCW",
                                 "roundness": round(0.12 + 0.12 * ((rank + 1) // 2), 2)}  # fmt: skip
    return smooth


def _hedged(attrs: dict[str, Any]) -> bool:
    return bool(attrs.get("hedge")) or attrs.get("certainty") not in (None, "asserted")


def map_network(graph: nx.MultiDiGraph, records: dict[str, dict[str, Any]], *, title: str, seed: int) -> Any:
    """A directed pyvis ``Network`` of ``graph``; ``records`` are the statement records by id (for the words)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    pos = layout(graph, seed)
    degree = dict(graph.degree())
    ranked = sorted(graph, key=lambda n: (-degree[n], n))
    rank = {n: i for i, n in enumerate(ranked)}
    for n in sorted(graph):
        d = graph.nodes[n]
        kind = str(d.get("type", ENTITY))
        colour, shape, family = class_style(kind)
        x, y = pos[n]
        net.add_node(n, label=str(d.get("label", n)), shape=shape,
                     color={"background": colour, "border": "#1f2328",
                            "highlight": {"background": colour, "border": "#000000"}},
                     size=round(8 + 3.5 * math.sqrt(degree[n]), 1), x=x, y=y,
                     nk={"type": kind, "family": family, "rank": rank[n]})  # fmt: skip
    colours = relation_colours(k for _, _, k in graph.edges(keys=True))
    smooth = _edge_smoothing(graph)
    seen: set[str] = set()
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        sid = edge_id(u, v, k, d)
        vis_id = sid if sid not in seen else f"{sid} {u} {k} {v}"  # vis-network refuses duplicate ids
        seen.add(vis_id)
        basis = edge_basis(d)
        record = records.get(sid, {})
        words = "".join(p[1] for p in record.get("parts", []) if p[0] == "t").strip() or str(d.get("label", k))
        options: dict[str, Any] = {
            "id": vis_id,
            "label": _BASIS_WORDS.get(basis, "") + " ".join(words.split()),
            "color": {"color": colours[k], "highlight": colours[k], "hover": colours[k]},
            "width": 2.5 if basis == "advertised" else 1.5,
            "nk": {"statement": sid, "relation": k, "basis": basis, "hedged": _hedged(d)},
        }
        style = basis if basis in DASHES else ("hedged" if _hedged(d) else "")
        if style:
            options["dashes"] = DASHES[style]
        if (u, v, k) in smooth:
            options["smooth"] = smooth[(u, v, k)]
        net.add_edge(u, v, **options)
    return net
