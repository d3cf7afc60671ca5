"""What the networkx view keeps: which class names a node, which qualifiers an edge and a reading carry.

Both builders of the view (:mod:`neurokg.network.view` on rdflib, :mod:`neurokg.network.oxbuild`
on pyoxigraph) read this one specification, and build each edge's provenance with
:func:`edge_provenance`, so both give the same view.

An edge carries the readings it shows (``evidence``: one dict per evidence span, with its
``status`` and its own qualifiers), ``status`` (the status tokens among them, strongest first),
``basis`` (the strongest) and the summary qualifiers of the readings its basis rests on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from neurokg.core.namespace import NKO, local_name
from neurokg.rdf.status import ORDER, basis

__all__ = ["ENTITY", "TYPE_PRIORITY", "QUALIFIERS", "edge_provenance", "make_reading", "primary_type"]

ENTITY = local_name(NKO.Entity)
"""The type of a node with no more specific class."""

TYPE_PRIORITY = [
    local_name(c)
    for c in (
        NKO.Drug,
        NKO.DrugClass,
        NKO.Procedure,
        NKO.Therapy,
        NKO.LifestyleIntervention,
        NKO.Treatment,
        NKO.PainQuality,
        NKO.Symptom,
        NKO.SideEffect,
        NKO.MentalHealthEffect,
        NKO.DailyLifeImpact,
        NKO.Mechanism,
        NKO.Condition,
        NKO.RiskFactor,
        NKO.EtiologicAgent,
        NKO.Exposure,
        NKO.Cause,
        NKO.AnatomicalStructure,
        NKO.BodyFunction,
        NKO.Statistic,
        NKO.AdvertisedProduct,
        NKO.Phenomenon,
        NKO.Entity,
    )
]
"""Which class names a node's ``type`` when it has several (first match wins)."""

QUALIFIERS = {
    # name: (property, many values?, is an IRI-valued qualifier?)
    "certainty": (NKO.certainty, False, True),
    "hedge": (NKO.hedge, True, False),
    "lineOfTherapy": (NKO.lineOfTherapy, True, True),
    "durability": (NKO.durability, True, True),
    "caveatKind": (NKO.caveatKind, True, True),
    "caveat": (NKO.caveat, True, False),
    "population": (NKO.population, False, False),
    "attributedTo": (NKO.attributedTo, False, True),
    "negated": (NKO.negated, False, False),
    "closesCycle": (NKO.closesCycle, False, False),
}
"""Qualifiers of a reading (and of an edge's summary); IRI values become their labels (``"not first line"``)."""


def primary_type(types: list[str]) -> str:
    """The most specific of ``types`` (local class names) by :data:`TYPE_PRIORITY`.

    >>> primary_type(["Cause", "Condition"])
    'Condition'
    """
    for name in TYPE_PRIORITY:
        if name in types:
            return name
    return types[0] if types else ENTITY


def make_reading(
    span: dict[str, Any], status: str | None, values: Mapping[str, list[Any]], reason: str | None
) -> dict[str, Any]:
    """One reading as the view keeps it: the span, its status token, its non-empty qualifiers, its reason.

    >>> make_reading({"document": "d.txt", "start": 1, "end": 4}, "inferred", {"hedge": ["b", "a"]}, "why")
    {'document': 'd.txt', 'start': 1, 'end': 4, 'status': 'inferred', 'hedge': ['a', 'b'], 'reason': 'why'}
    """
    out = dict(span)
    out["status"] = status or "stated"
    for name, (_prop, many, _is_iri) in QUALIFIERS.items():
        vals = [v for v in values.get(name, []) if v not in (None, "")]
        if vals:
            out[name] = sorted(set(vals), key=str) if many else min(vals, key=str)
    if reason:
        out["reason"] = reason
    return out


def _merge(readings: list[dict[str, Any]], strength: Mapping[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (_prop, many, _is_iri) in QUALIFIERS.items():
        values = [v for r in readings for v in (r[name] if isinstance(r.get(name), list) else [r.get(name)])]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        if name == "certainty":
            out[name] = min(values, key=lambda v: (strength.get(str(v), 0), str(v)))
        elif many:
            out[name] = sorted(set(values), key=str)
        else:
            out[name] = min(values, key=str)
    return out


def edge_provenance(
    readings: list[dict[str, Any]], shown: Collection[str], strength: Mapping[str, int]
) -> dict[str, Any]:
    """The provenance attributes of an edge from all its readings: those shown, their statuses, basis and summary.

    ``readings`` are dicts ``{document, start, end[, text], status, <qualifier>..., [reason]}``; a reading
    without a status counts as stated (a plain triple says so). ``shown`` lists the statuses to show
    (``stated`` and what the user included); ``strength`` maps a certainty label to its strength.

    >>> r = [{"document": "a.txt", "start": 0, "end": 5, "status": "stated", "certainty": "often"},
    ...      {"document": "b.txt", "start": 3, "end": 9, "status": "stated", "certainty": "in some cases"},
    ...      {"document": "a.txt", "start": 0, "end": 9, "status": "inferred", "lineOfTherapy": ["first line"]}]
    >>> p = edge_provenance(r, {"stated"}, {"often": 5, "in some cases": 4})
    >>> p["basis"], p["status"], p["certainty"], len(p["evidence"])
    ('stated', ['stated'], 'in some cases', 2)
    >>> edge_provenance(r, {"stated", "inferred"}, {})["status"]
    ['stated', 'inferred']
    """
    for r in readings:
        r["status"] = r.get("status") or "stated"
    visible = sorted(
        (r for r in readings if r["status"] in shown),
        key=lambda r: (r["document"], r["start"] or 0, r["end"] or 0, r["status"]),
    )
    tokens = {r["status"] for r in visible}
    best = basis(tokens) or "stated"
    out: dict[str, Any] = {
        "basis": best,
        "status": [t for t in ORDER if t in tokens],
        "evidence": visible,
    }
    out.update(_merge([r for r in visible if r["status"] == best], strength))
    return out
