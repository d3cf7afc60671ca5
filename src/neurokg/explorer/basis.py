"""What each relation the explorer shows rests on: a document's statement, a curator's inference, an advertisement.

One small place reads it from the networkx view (:func:`neurokg.to_networkx`, decision 0008), so the rest of
the explorer never looks at how the model records it. An edge of the view carries ``basis`` (``stated``,
``inferred`` or ``advertised``) and ``status`` (every status among its readings); each reading of its
``evidence`` carries its own ``status``.

>>> edge_basis({"basis": "inferred"}), edge_basis({"basis": "advertised"}), edge_basis({})
('inferred', 'advertised', 'stated')
>>> reading_status({"status": "advertised"}, "stated")
'advertised'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.network.view import to_networkx

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["BASES", "analytic_network", "edge_basis", "edge_statuses", "full_network", "reading_status"]

BASES = ("stated", "inferred", "advertised")
"""What a relation may rest on, strongest first; the explorer shows only ``stated`` unless asked."""


def edge_basis(attrs: Mapping[str, Any]) -> str:
    """What the relation of an edge rests on: ``stated``, ``inferred`` or ``advertised``."""
    basis = attrs.get("basis")
    return str(basis) if basis in BASES else "stated"


def edge_statuses(attrs: Mapping[str, Any]) -> list[str]:
    """Every status among the readings of an edge, strongest first (its basis when the view has none)."""
    given = set(attrs.get("status") or []) & set(BASES)
    given |= {reading_status(ev, edge_basis(attrs)) for ev in attrs.get("evidence") or []}
    return [b for b in BASES if b in given] or [edge_basis(attrs)]


def reading_status(evidence: Mapping[str, Any], default: str) -> str:
    """The status of one evidence reading (the edge's basis when the reading has none)."""
    status = evidence.get("status")
    return str(status) if status in BASES else default


def full_network(graph: Graph) -> nx.MultiDiGraph:
    """Every relation the graph has, whatever it rests on (each edge says which, see :func:`edge_basis`)."""
    return to_networkx(graph, include=("inferred", "advertised"))


def analytic_network(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network the commands compute on by default (``neurokg path``, ``loops``, ``treatments``): stated only.

    From an rdflib graph it is :func:`neurokg.to_networkx` with its defaults, the very network the commands
    build; an edge that does not rest on a statement is dropped (none is, once the view leaves them out).
    """
    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    drop = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if edge_basis(d) != "stated"]
    if not drop:
        return G
    G = G.copy()
    G.remove_edges_from(drop)
    return G
