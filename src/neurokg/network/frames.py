"""DataFrames of the networkx view and of every analytic's answer, with flat, typed columns.

The analytics return lists (of paths, loops, ranked entities, treatments, neighbours) that also
know how to become a :class:`pandas.DataFrame`: one row per hop, entity or option, what it rests
on (``basis``: ``stated``, ``inferred by curator``, ``advertised``, joined by ``"; "``), qualifiers
as columns of their own, lists joined by ``"; "``, evidence as its documents, span count and first
text. :func:`node_frame` and :func:`edge_frame` give the view itself.

>>> import neurokg
>>> G = neurokg.to_networkx(neurokg.load_graph(corpus=None))
>>> paths = neurokg.shortest_paths(G, "nk:diabetes", "nk:depression", max_paths=1)
>>> list(paths.to_dataframe().columns[:6])
['path', 'hop', 'from', 'from_label', 'relation', 'relation_label']
>>> node_frame(G).loc["nk:diabetes", "label"]
'diabetes'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.network.basis import basis_text
from neurokg.network.spec import QUALIFIERS

if TYPE_CHECKING:
    import pandas as pd

    from neurokg.network.hops import Hop

__all__ = ["Neighbourhood", "Ranking", "TreatmentOptions", "Walks", "edge_frame", "node_frame"]


def _joined(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _evidence(evidence: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "documents": "; ".join(sorted({str(e.get("document", "")) for e in evidence})),
        "spans": len(evidence),
        "text": next((str(e["text"]) for e in evidence if e.get("text")), None),
    }


def _label(G: nx.MultiDiGraph, node: str | None) -> str | None:
    if node is None:
        return None
    return str(G.nodes[node].get("label", node)) if node in G else node


def _hop_record(G: nx.MultiDiGraph, hop: Hop) -> dict[str, Any]:
    return {
        "from": hop.source,
        "from_label": _label(G, hop.source),
        "relation": hop.relation,
        "relation_label": hop.label,
        "to": hop.target,
        "to_label": _label(G, hop.target),
        "direction": "inverse" if hop.inverse else "forward",
        "basis": basis_text(hop.status),
        **{name: _joined(hop.qualifiers.get(name)) for name in QUALIFIERS},
        "statement": hop.statement,
        **_evidence(hop.evidence),
    }


def _frame(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(records), columns=list(columns)).convert_dtypes()


_HOP = ["from", "from_label", "relation", "relation_label", "to", "to_label", "direction", "basis", *QUALIFIERS,
        "statement", "documents", "spans", "text"]  # fmt: skip


class Walks(list):  # type: ignore[type-arg]
    """Paths or loops, each a list of :class:`~neurokg.network.hops.Hop`; a list, and a table."""

    def __init__(self, walks: Iterable[list[Hop]] = (), graph: nx.MultiDiGraph | None = None) -> None:
        super().__init__(walks)
        self.graph = graph if graph is not None else nx.MultiDiGraph()

    def to_dataframe(self) -> pd.DataFrame:
        """One row per hop: ``path`` (from 1), ``hop`` (from 1), its ends, relation, qualifiers and evidence."""
        records = (
            {"path": p, "hop": h, **_hop_record(self.graph, hop)}
            for p, walk in enumerate(self, start=1)
            for h, hop in enumerate(walk, start=1)
        )
        return _frame(records, ["path", "hop", *_HOP])


class Neighbourhood(list):  # type: ignore[type-arg]
    """``(depth, Hop)`` pairs of :func:`~neurokg.network.neighbors.neighbors`; a list, and a table."""

    def __init__(self, rows: Iterable[tuple[int, Hop]] = (), graph: nx.MultiDiGraph | None = None) -> None:
        super().__init__(rows)
        self.graph = graph if graph is not None else nx.MultiDiGraph()

    def to_dataframe(self) -> pd.DataFrame:
        """One row per relation: ``depth`` and the hop's columns."""
        return _frame(({"depth": d, **_hop_record(self.graph, hop)} for d, hop in self), ["depth", *_HOP])


class Ranking(list):  # type: ignore[type-arg]
    """:class:`~neurokg.network.ranking.Ranked` entities, best first; a list, and a table."""

    def to_dataframe(self) -> pd.DataFrame:
        """One row per entity: rank, node, label, type, score, degree, what its edges rest on (empty if none)."""
        records = ({**asdict(r), "basis": basis_text(r.basis) if r.basis else ""} for r in self)
        return _frame(records, ["rank", "node", "label", "type", "score", "degree", "basis"])


class TreatmentOptions(list):  # type: ignore[type-arg]
    """:class:`~neurokg.network.treatments.TreatmentOption` s, as ordered; a list, and a table."""

    def __init__(self, options: Iterable[Any] = (), graph: nx.MultiDiGraph | None = None) -> None:
        super().__init__(options)
        self.graph = graph if graph is not None else nx.MultiDiGraph()

    def to_dataframe(self) -> pd.DataFrame:
        """One row per option: the treatment and its type, what it is for, through what, qualifiers, evidence."""
        G = self.graph
        records = (
            {
                "treatment": o.treatment,
                "treatment_label": _label(G, o.treatment),
                "type": G.nodes[o.treatment].get("type") if o.treatment in G else None,
                "relation": o.relation,
                "target": o.target,
                "target_label": _label(G, o.target),
                "via": o.via,
                "via_label": _label(G, o.via),
                "basis": basis_text(o.statuses),
                **{name: _joined(o.qualifiers.get(name)) for name in QUALIFIERS},
                "statement": o.statement,
                **_evidence(o.evidence),
                "route_hops": len(o.route),
            }
            for o in self
        )
        columns = ["treatment", "treatment_label", "type", "relation", "target", "target_label", "via", "via_label",
                   "basis", *QUALIFIERS, "statement", "documents", "spans", "text", "route_hops"]  # fmt: skip
        return _frame(records, columns)


def node_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The nodes of the view, indexed by id: label, type, all types, definition, other names, xrefs, degree."""
    records = (
        {
            "node": n,
            "label": d.get("label"),
            "type": d.get("type"),
            "types": _joined(d.get("types", [])),
            "definition": d.get("definition"),
            "altLabels": _joined(d.get("altLabels", [])),
            "xrefs": _joined(d.get("xrefs", [])),
            "degree": G.degree(n),
        }
        for n, d in G.nodes(data=True)
    )
    columns = ["node", "label", "type", "types", "definition", "altLabels", "xrefs", "degree"]
    return _frame(records, columns).set_index("node")


def edge_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The edges of the view, one per statement: ends, relation, what it rests on, qualifiers as columns, evidence."""
    records = (
        {
            "source": u,
            "source_label": _label(G, u),
            "relation": k,
            "relation_label": d.get("label"),
            "target": v,
            "target_label": _label(G, v),
            "basis": basis_text(d.get("status") or [d.get("basis") or "stated"]),
            **{name: _joined(d.get(name)) for name in QUALIFIERS},
            "statement": d.get("statement"),
            **_evidence(d.get("evidence") or []),
        }
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    columns = ["source", "source_label", "relation", "relation_label", "target", "target_label", "basis", *QUALIFIERS,
               "statement", "documents", "spans", "text"]  # fmt: skip
    return _frame(records, columns)
