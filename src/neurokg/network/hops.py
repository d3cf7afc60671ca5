"""Hops: one step of an explanation (a path, a loop, a route to a treatment), with its evidence.

A hop walks from one node to the next along a domain triple, forward (the triple is
``source relation target``) or against it (``inverse``: the triple is ``target relation source``,
as when an undirected path climbs back up ``nko:causes``). It carries what the edge of
:func:`neurokg.to_networkx` carries: the statement id, the summary qualifiers, the readings shown
(``evidence``), their statuses and the basis. A row says what its hop rests on (``basis``: stated,
inferred by curator, advertised) and shows each document's certainty where they differ.

Walks are made on a *walk graph* (:func:`walk_graph`): a simple ``DiGraph`` with an arc ``u -> v``
wherever some allowed relation joins them in the walked direction. When several do (``leadsTo``
and ``hasSymptom`` from neuropathic pain to sleep disturbance), the hop takes the first by
:data:`RELATION_PREFERENCE` and lists the others in ``also``.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "b", key="nko:causes", label="causes", statement="nks:1", evidence=[], certainty="possible")
'nko:causes'
>>> W = walk_graph(G, backward=None)
>>> sorted(W.edges())
[('a', 'b'), ('b', 'a')]
>>> hop = best_hop(G, W, "b", "a")
>>> hop.triple, hop.inverse, hop.qualifiers, hop.basis
(('a', 'nko:causes', 'b'), True, {'certainty': 'possible'}, 'stated')
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from neurokg.core.namespace import NKO, curies
from neurokg.network.basis import basis_text, certainty_text, labelled_qualifiers
from neurokg.network.spec import QUALIFIERS
from neurokg.rdf.status import LABELS

__all__ = [
    "HOP_COLUMNS",
    "RELATION_PREFERENCE",
    "Hop",
    "best_hop",
    "evidence_refs",
    "hop_phrase",
    "hop_rows",
    "make_hop",
    "route_text",
    "walk_graph",
]

RELATION_PREFERENCE = list(
    curies(
        NKO.leadsTo,
        NKO.causes,
        NKO.worsens,
        NKO.mechanismOf,
        NKO.riskFactorFor,
        NKO.complicationOf,
        NKO.hasSymptom,
        NKO.hasMentalHealthEffect,
        NKO.hasDailyLifeImpact,
        NKO.hasSideEffect,
        NKO.treats,
        NKO.manages,
        NKO.prevents,
        NKO.affects,
        NKO.memberOf,
        NKO.subtypeOf,
        NKO.exampleOf,
        NKO.partOf,
        NKO.statisticAbout,
    )
)
"""Which relation a hop reports when several join the same two nodes: causal ones first."""

HOP_COLUMNS = [
    "path", "hop", "from", "from_label", "relation", "to", "to_label", "direction", "basis", "also", "certainty",
    "qualifiers", "statement", "evidence",
]  # fmt: skip
"""Columns of :func:`hop_rows`: one row per hop, ``path`` numbers the path (or loop) from 1."""


@dataclass(frozen=True)
class Hop:
    """One step from ``source`` to ``target`` along ``relation`` (against it when ``inverse``)."""

    source: str
    target: str
    relation: str
    label: str
    inverse: bool = False
    statement: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    also: tuple[str, ...] = ()
    basis: str = "stated"
    status: tuple[str, ...] = ("stated",)

    @property
    def triple(self) -> tuple[str, str, str]:
        """The domain triple this hop walks, as stored: ``(subject, relation, object)``."""
        if self.inverse:
            return (self.target, self.relation, self.source)
        return (self.source, self.relation, self.target)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the hop."""
        return {
            "from": self.source,
            "to": self.target,
            "relation": self.relation,
            "label": self.label,
            "inverse": self.inverse,
            "also": list(self.also),
            "statement": self.statement,
            "basis": self.basis,
            "status": list(self.status),
            "qualifiers": dict(self.qualifiers),
            "evidence": list(self.evidence),
        }


def make_hop(G: nx.MultiDiGraph, source: str, target: str, relation: str, *, inverse: bool = False) -> Hop:
    """The hop from ``source`` to ``target`` along the edge ``relation`` of ``G`` (stored reversed if ``inverse``)."""
    u, v = (target, source) if inverse else (source, target)
    data = G.edges[u, v, relation]
    return Hop(
        source=source,
        target=target,
        relation=relation,
        label=str(data.get("label", relation)),
        inverse=inverse,
        statement=data.get("statement"),
        qualifiers={k: data[k] for k in QUALIFIERS if data.get(k) not in (None, [], "")},
        evidence=list(data.get("evidence") or []),
        basis=str(data.get("basis") or "stated"),
        status=tuple(data.get("status") or ("stated",)),
    )


def _rank(option: tuple[str, bool]) -> tuple[int, bool, str]:
    key, inverse = option
    order = RELATION_PREFERENCE.index(key) if key in RELATION_PREFERENCE else len(RELATION_PREFERENCE)
    return (order, inverse, key)


def walk_graph(
    G: nx.MultiDiGraph,
    *,
    forward: Collection[str] | None = None,
    backward: Collection[str] | None = (),
) -> nx.DiGraph:
    """The simple ``DiGraph`` of the steps allowed on ``G``.

    Parameters
    ----------
    forward
        Relations (edge keys) walked in their stored direction; ``None``: all.
    backward
        Relations walked against it (``u -> v`` for a triple ``v relation u``); ``None``: all; empty: none.

    Each arc has ``options``: the ``(relation, inverse)`` pairs joining its ends, preferred first.
    """
    W = nx.DiGraph()
    W.add_nodes_from(G)
    fwd = None if forward is None else set(forward)
    bwd = None if backward is None else set(backward)
    for u, v, key in G.edges(keys=True):
        if fwd is None or key in fwd:
            _add_option(W, u, v, (key, False))
        if bwd is None or key in bwd:
            _add_option(W, v, u, (key, True))
    for _, _, data in W.edges(data=True):
        data["options"].sort(key=_rank)
    return W


def _add_option(W: nx.DiGraph, u: str, v: str, option: tuple[str, bool]) -> None:
    if W.has_edge(u, v):
        W[u][v]["options"].append(option)
    else:
        W.add_edge(u, v, options=[option])


def best_hop(G: nx.MultiDiGraph, W: nx.DiGraph, source: str, target: str) -> Hop:
    """The hop ``source -> target`` of walk graph ``W``: its preferred relation, the others in ``also``."""
    options = W[source][target]["options"]
    key, inverse = options[0]
    hop = make_hop(G, source, target, key, inverse=inverse)
    also = tuple(f"^{k}" if inv else k for k, inv in options[1:])
    return replace(hop, also=also)


def evidence_refs(evidence: Sequence[dict[str, Any]]) -> str:
    """Evidence spans in short form, ``document[start:end]`` joined by ``; ``; a reading not stated says so.

    >>> evidence_refs([{"document": "a.txt", "start": 3, "end": 9, "text": "..."},
    ...                {"document": "a.txt", "start": 3, "end": 20, "status": "inferred"}])
    'a.txt[3:9]; a.txt[3:20] (inferred by curator)'
    """

    def ref(e: dict[str, Any]) -> str:
        status = e.get("status", "stated")
        tail = "" if status == "stated" else f" ({LABELS.get(status, status)})"
        return f"{e.get('document', '')}[{e.get('start')}:{e.get('end')}]{tail}"

    return "; ".join(ref(e) for e in evidence)


def _compact(qualifiers: dict[str, Any]) -> str:
    return "; ".join(f"{k}={', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in qualifiers.items())


def hop_rows(G: nx.MultiDiGraph, paths: Sequence[Sequence[Hop]], *, compact: bool = False) -> list[list[Any]]:
    """One row per hop under :data:`HOP_COLUMNS`; ``compact`` gives evidence as references (for a table)."""
    rows: list[list[Any]] = []
    for number, path in enumerate(paths, start=1):
        for index, hop in enumerate(path, start=1):
            quals = labelled_qualifiers(hop.evidence, hop.basis, hop.qualifiers)
            rows.append(
                [
                    number,
                    index,
                    hop.source,
                    G.nodes[hop.source].get("label", hop.source),
                    hop.relation,
                    hop.target,
                    G.nodes[hop.target].get("label", hop.target),
                    "inverse" if hop.inverse else "forward",
                    basis_text(hop.status),
                    ", ".join(hop.also) if compact else list(hop.also),
                    certainty_text(hop.evidence, hop.basis, str(hop.qualifiers.get("certainty", ""))),
                    (_compact(quals) if compact else quals),
                    hop.statement,
                    evidence_refs(hop.evidence) if compact else hop.evidence,
                ]
            )
    return rows


def route_text(G: nx.MultiDiGraph, start: str, hops: Sequence[Hop]) -> str:
    """A walk as text: labels joined by ``-relation->`` (``-^relation->`` for an inverse hop).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("nk:a", label="a")
    >>> G.add_node("nk:b", label="b")
    >>> route_text(G, "nk:a", [Hop("nk:a", "nk:b", "nko:causes", "causes", inverse=True)])
    'a -^causes-> b'
    """
    parts = [str(G.nodes[start].get("label", start))]
    for hop in hops:
        name = hop.relation.rsplit(":", 1)[-1]
        parts.append(f"-{'^' if hop.inverse else ''}{name}-> {G.nodes[hop.target].get('label', hop.target)}")
    return " ".join(parts)


def _hedged(label: str, hedge: str) -> str:
    """``causes`` with ``can`` -> ``can cause``; a label that is not a verb -> ``may be a risk factor for``."""
    first, _, rest = label.partition(" ")
    if first == "has":
        base = "have"
    elif first.endswith("s") and len(first) > 3:
        base = first[:-1]
    else:
        return f"{hedge} be {label}"
    return " ".join(x for x in (hedge, base, rest) if x)


def hop_phrase(G: nx.MultiDiGraph, hop: Hop) -> str:
    """One hop in words, as a person reads it: ``diabetes --can cause--> neuropathy``.

    The hedges the texts give (``can``, ``may``...) go with the verb (two readings: ``can/may``); a
    hop that walks a relation against its direction shows it stored way round:
    ``neuropathy <--causes-- diabetes``; a hop no document states says what it rests on.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="diabetes"); G.add_node("b", label="neuropathy")
    >>> hop_phrase(G, Hop("a", "b", "nko:causes", "causes", qualifiers={"hedge": ["can"]}))
    'diabetes --can cause--> neuropathy'
    >>> hop_phrase(G, Hop("b", "a", "nko:causes", "causes", inverse=True))
    'neuropathy <--causes-- diabetes'
    >>> hop_phrase(G, Hop("a", "b", "nko:causes", "causes", basis="inferred"))
    'diabetes --causes--> neuropathy (inferred by curator)'
    >>> hop_phrase(G, Hop("b", "a", "nko:worsens", "worsens", basis="inferred", qualifiers={"closesCycle": True}))
    'neuropathy --worsens--> diabetes (inferred: closes a cycle the text names)'
    """
    source = G.nodes[hop.source].get("label", hop.source) if hop.source in G else hop.source
    target = G.nodes[hop.target].get("label", hop.target) if hop.target in G else hop.target
    hedges = hop.qualifiers.get("hedge") or []
    hedge = "/".join(str(h) for h in ([hedges] if isinstance(hedges, str) else hedges))
    verb = _hedged(hop.label, hedge) if hedge else hop.label
    phrase = f"{source} <--{verb}-- {target}" if hop.inverse else f"{source} --{verb}--> {target}"
    if hop.qualifiers.get("negated"):
        phrase += " (a source says it may not hold)"
    if hop.basis == "stated":
        return phrase
    if hop.qualifiers.get("closesCycle"):
        return f"{phrase} (inferred: closes a cycle the text names)"
    return f"{phrase} ({LABELS.get(hop.basis, hop.basis)})"
