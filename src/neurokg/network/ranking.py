"""Rankings: which entities sit at the centre of the graph, by degree, PageRank or betweenness.

Scores are computed on the whole graph, then filtered by type: ``type="Treatment"`` keeps drugs,
drug classes, therapies... too (the class hierarchy is the graph attribute ``classes`` of
:func:`neurokg.to_networkx`). Ties are broken by node id, so the order is stable.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(classes={"Drug": ["Treatment"], "Treatment": [], "Condition": []})
>>> G.add_nodes_from([("a", {"type": "Drug", "types": ["Drug"], "label": "a"}),
...                   ("b", {"type": "Condition", "types": ["Condition"], "label": "b"}),
...                   ("c", {"type": "Condition", "types": ["Condition"], "label": "c"})])
>>> G.add_edges_from([("a", "b", "nko:treats"), ("a", "c", "nko:treats"), ("b", "c", "nko:leadsTo")])
['nko:treats', 'nko:treats', 'nko:leadsTo']
>>> [(r.node, r.score) for r in rank(G)]
[('a', 2.0), ('b', 2.0), ('c', 2.0)]
>>> [r.node for r in rank(G, type="treatment")]
['a']
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import networkx as nx

from neurokg.core.errors import NotFoundError, UsageError
from neurokg.network.frames import Ranking
from neurokg.network.names import suggestions
from neurokg.rdf.status import ORDER

__all__ = ["MEASURES", "Ranked", "has_type", "rank", "resolve_type"]

log = logging.getLogger(__name__)

MEASURES = ("degree", "pagerank", "betweenness")


@dataclass(frozen=True)
class Ranked:
    """One ranked entity: its position from 1, id, label, type, score, total degree and what its edges rest on.

    ``basis`` lists the statuses of the edges the score counts (``stated``, and ``inferred`` or
    ``advertised`` when the view includes them), strongest first; empty for an entity with no edge.
    """

    rank: int
    node: str
    label: str
    type: str
    score: float
    degree: int
    basis: tuple[str, ...] = ()


def resolve_type(G: nx.MultiDiGraph, name: str) -> str:
    """The class (local name) ``name`` means, case-insensitively, with or without ``nko:``.

    >>> resolve_type(nx.MultiDiGraph(classes={"DrugClass": []}), "nko:drugclass")
    'DrugClass'
    """
    classes = set(G.graph.get("classes") or {}) | {t for _, d in G.nodes(data=True) for t in d.get("types") or []}
    wanted = name.strip().removeprefix("nko:").casefold()
    for cls in sorted(classes):
        if cls.casefold() == wanted:
            return cls
    close = suggestions(sorted(classes), name)
    raise NotFoundError(f"no class named {name!r}; did you mean: {', '.join(close or sorted(classes))}?")


def has_type(G: nx.MultiDiGraph, node: str, cls: str) -> bool:
    """Whether ``node`` has class ``cls`` or one of its subclasses."""
    parents = G.graph.get("classes") or {}
    data = G.nodes[node]
    for t in data.get("types") or [data.get("type")]:
        if t == cls or cls in parents.get(t, ()):
            return True
    return False


def _scores(G: nx.MultiDiGraph, by: str, sample: int | None) -> dict[str, float]:
    if by == "degree":
        return {n: float(d) for n, d in G.degree()}
    if by == "pagerank":
        return dict(nx.pagerank(G))
    if by == "betweenness":
        k = sample if sample is not None and sample < G.number_of_nodes() else None
        return dict(nx.betweenness_centrality(nx.DiGraph(G), k=k, seed=0))
    raise UsageError(f"--by must be one of {', '.join(MEASURES)}, got {by!r}")


def rank(
    G: nx.MultiDiGraph,
    *,
    by: str = "degree",
    type: str | None = None,
    top: int | None = 10,
    sample: int | None = None,
) -> Ranking:
    """Return the ``top`` entities by ``by`` (``degree``, ``pagerank`` or ``betweenness``), best first.

    Parameters
    ----------
    type
        Keep only entities of this class or its subclasses (a name for :func:`resolve_type`).
    top
        How many; ``None``: all.
    sample
        For betweenness on large graphs: estimate from this many source nodes (seeded, reproducible).
    """
    scores = _scores(G, by, sample)
    cls = resolve_type(G, type) if type else None
    nodes = [n for n in G if cls is None or has_type(G, n, cls)]
    nodes.sort(key=lambda n: (-scores.get(n, 0.0), n))
    if top is not None:
        nodes = nodes[:top]
    return Ranking(
        Ranked(
            i,
            n,
            str(G.nodes[n].get("label", n)),
            str(G.nodes[n].get("type", "")),
            round(scores.get(n, 0.0), 6),
            int(G.degree(n)),
            _bases(G, n),
        )
        for i, n in enumerate(nodes, start=1)
    )


def _bases(G: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    found = {str(d.get("basis") or "stated") for *_, d in G.in_edges(node, data=True)}
    found |= {str(d.get("basis") or "stated") for *_, d in G.out_edges(node, data=True)}
    return tuple(b for b in ORDER if b in found)
