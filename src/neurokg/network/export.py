"""The networkx view as files: GraphML (Gephi, Cytoscape, yEd) and node-link JSON (d3, ``nx.node_link_graph``).

GraphML holds only strings, numbers and booleans, so list and dict attributes (``altLabels``,
``evidence``, ``caveatKind``, the graph's ``classes``...) are written as JSON strings and ``None``
values are left out; :func:`graphml_safe` makes that copy. Node-link JSON keeps them as they are.
Both writers replace their file atomically (temporary file + rename).

>>> import json, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("nk:a", label="a", altLabels=["A"])
>>> G.add_edge("nk:a", "nk:a", key="nko:leadsTo", evidence=[{"document": "d.txt", "start": 0, "end": 3}], hedge=None)
'nko:leadsTo'
>>> H = graphml_safe(G)
>>> H.nodes["nk:a"]["altLabels"], sorted(H.edges["nk:a", "nk:a", "nko:leadsTo"])
('["A"]', ['evidence'])
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from neurokg.core.atomic import atomic_write
from neurokg.network.view import to_networkx
from neurokg.rdf.load import Sources

__all__ = ["GRAPHML", "NODE_LINK", "graphml_safe", "write_graphml", "write_network", "write_node_link"]

log = logging.getLogger(__name__)

GRAPHML = "neurokg.graphml"
NODE_LINK = "neurokg.nodelink.json"


def _safe(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | dict | set):
            value = json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
        out[name] = value
    return out


def graphml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes GraphML can hold: lists and dicts as JSON strings, ``None`` left out."""
    H = nx.MultiDiGraph(**_safe(G.graph))
    H.add_nodes_from((n, _safe(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _safe(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML (see :func:`graphml_safe`).

    Read it back with ``nx.read_graphml(path, force_multigraph=True)`` (without it, a graph that happens
    to have no parallel edges comes back as a ``DiGraph``).
    """
    path = Path(path)
    atomic_write(path, lambda tmp: nx.write_graphml(graphml_safe(G), tmp, encoding="utf-8"))
    return path


def write_node_link(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as node-link JSON; read it back with ``nx.node_link_graph(json.load(f))``."""
    path = Path(path)
    data = nx.node_link_data(G, edges="edges")

    def write(tmp: str) -> None:
        Path(tmp).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    atomic_write(path, write)
    return path


def write_network(sources: Sources, directory: Path, *, include: Iterable[str] = ()) -> list[str]:
    """Build writer: the networkx view of ``sources.graph`` as GraphML and node-link JSON in ``directory``.

    By default the view holds the relations a document states; ``include`` adds the inferred and/or
    advertised ones, each edge with its ``basis`` and ``status``. The view comes from the pyoxigraph
    store the graph was loaded into when there is one (the same view, faster).
    """
    G = to_networkx(sources.loaded.store if sources.loaded is not None else sources.graph, include=include)
    write_graphml(G, directory / GRAPHML)
    write_node_link(G, directory / NODE_LINK)
    log.info("wrote %s and %s: %d nodes, %d edges", GRAPHML, NODE_LINK, G.number_of_nodes(), G.number_of_edges())
    return [GRAPHML, NODE_LINK]
