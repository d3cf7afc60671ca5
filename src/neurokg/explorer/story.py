"""The story of a condition: lanes from its causes to what it does to mind and daily life, and what helps.

A concept's lane comes from its role relative to the condition, not from its class: what causes, raises the
risk of, leads to or worsens the condition is a cause; what is a mechanism of it (or of one of its mechanisms)
is a mechanism; what it has as a symptom is a symptom; what it leads to, brings on or affects is an effect.
A concept takes the first lane that fits, in that order, and keeps every statement that joins it to the
condition. Each lane is sorted by how firmly the sources state it (firmest certainty, then the number of
sources, then how connected the concept is). What helps is the answer of ``neurokg treatments``, grouped by
kind (medicines, procedures, therapies, lifestyle changes, other).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.explorer.analytics import treatment_records
from neurokg.explorer.basis import edge_basis
from neurokg.explorer.statements import edge_id
from neurokg.explorer.words import CERTAINTY_STRENGTH
from neurokg.network.spec import ENTITY

__all__ = ["HELP_KINDS", "LANES", "lanes", "stories"]

LANES = [
    ("causes", "Causes and risks"),
    ("mechanisms", "How it happens"),
    ("symptoms", "Symptoms"),
    ("effects", "Effects on mind and daily life"),
]
"""The lanes around the condition, left to right (the condition itself stands between mechanisms and symptoms)."""

_ROLES: dict[tuple[str, str], str] = {
    (curie(NKO.causes), "in"): "causes",
    (curie(NKO.riskFactorFor), "in"): "causes",
    (curie(NKO.leadsTo), "in"): "causes",
    (curie(NKO.worsens), "in"): "causes",
    (curie(NKO.complicationOf), "out"): "causes",
    (curie(NKO.mechanismOf), "in"): "mechanisms",
    (curie(NKO.hasSymptom), "out"): "symptoms",
    (curie(NKO.hasMentalHealthEffect), "out"): "effects",
    (curie(NKO.hasDailyLifeImpact), "out"): "effects",
    (curie(NKO.leadsTo), "out"): "effects",
    (curie(NKO.causes), "out"): "effects",
    (curie(NKO.worsens), "out"): "effects",
    (curie(NKO.complicationOf), "in"): "effects",
}
"""(relation, direction seen from the condition) -> lane."""

_SECOND_RING = {curie(NKO.mechanismOf): "mechanisms", curie(NKO.leadsTo): "mechanisms", curie(NKO.causes): "causes",
                curie(NKO.riskFactorFor): "causes"}  # fmt: skip
"""Relations into a mechanism of the condition, and the lane they put their subject in."""

HELP_KINDS: list[tuple[str, str, tuple[str, ...]]] = [
    ("medicines", "Medicines", (local_name(NKO.Drug), local_name(NKO.DrugClass))),
    ("procedures", "Procedures", (local_name(NKO.Procedure),)),
    ("therapies", "Therapies", (local_name(NKO.Therapy),)),
    ("lifestyle", "Lifestyle changes", (local_name(NKO.LifestyleIntervention),)),
    ("other", "Other approaches", ()),
]
"""Groups of the What helps band: (key, title, classes)."""


def _help_kind(kind: str) -> str:
    return next((key for key, _, classes in HELP_KINDS if kind in classes), "other")


_FEEDBACK = (curie(NKO.worsens), "in")
"""What worsens the condition is a cause only when it has no other role: in a cycle it is first an effect."""


def _rank(order: list[str], lane: str, relation: str, direction: str) -> tuple[int, int]:
    return ((relation, direction) == _FEEDBACK, order.index(lane))


def _entry(G: nx.MultiDiGraph, node: str, edges: list[tuple[str, str, str, dict]], via: str = "") -> dict[str, Any]:
    stated = [d for _, _, _, d in edges if edge_basis(d) == "stated"]
    docs = {str(e.get("document")) for d in stated for e in d.get("evidence") or []}
    return {
        "n": node,
        "st": sorted(edge_id(u, v, k, d) for u, v, k, d in edges),
        "via": via,
        "strength": max((CERTAINTY_STRENGTH.get(str(d.get("certainty")), 0) for d in stated), default=0),
        "sources": len(docs),
        "stated": int(bool(stated)),
    }


def _order(G: nx.MultiDiGraph, degree: Mapping[str, int]) -> Any:
    return lambda e: (-e["stated"], -e["strength"], -e["sources"], -degree[e["n"]], str(G.nodes[e["n"]].get("label")))


def lanes(G: nx.MultiDiGraph, analytic: nx.MultiDiGraph, condition: str) -> dict[str, Any]:
    """The lanes of ``condition`` in ``G`` (every relation, each marked with its basis) and its What helps band."""
    found: dict[str, tuple[Any, ...]] = {}  # node -> (lane, edges, relation, direction) or (lane, edges, via)
    touching = [(u, v, k, d, "in", u) for u, v, k, d in G.in_edges(condition, keys=True, data=True)]
    touching += [(u, v, k, d, "out", v) for u, v, k, d in G.out_edges(condition, keys=True, data=True)]
    order = [lane for lane, _ in LANES]
    for u, v, k, d, direction, other in sorted(touching, key=lambda t: (t[5], t[2], t[4])):
        lane = _ROLES.get((k, direction))
        if lane is None or other == condition:
            continue
        current = found.get(other)
        if current is None or _rank(order, lane, k, direction) < _rank(order, current[0], *current[2:]):
            found[other] = (lane, [*(current[1] if current else []), (u, v, k, d)], k, direction)
        else:
            current[1].append((u, v, k, d))
    found = {n: (lane, edges, "") for n, (lane, edges, *_) in found.items()}
    mechanisms = sorted(n for n, (lane, _, _) in found.items() if lane == "mechanisms")
    for m in mechanisms:
        for u, v, k, d in sorted(G.in_edges(m, keys=True, data=True), key=lambda e: (e[0], e[2])):
            lane = _SECOND_RING.get(k)
            if lane and u != condition and u not in found:
                found[u] = (lane, [(u, v, k, d)], m)
    degree = dict(G.degree())
    out: dict[str, Any] = {lane: [] for lane in order}
    for node, (lane, edges, via) in found.items():
        out[lane].append(_entry(G, node, edges, via))
    for lane in order:
        out[lane].sort(key=_order(G, degree))
    helps: dict[str, list[dict[str, Any]]] = {key: [] for key, _, _ in HELP_KINDS}
    if condition in analytic:
        strength = {edge_id(u, v, k, d): CERTAINTY_STRENGTH.get(str(d.get("certainty")), 0)
                    for u, v, k, d in analytic.edges(keys=True, data=True)}  # fmt: skip
        for t in treatment_records(analytic, condition):
            kind = _help_kind(str(G.nodes[t["t"]].get("type", ENTITY)))
            helps[kind].append({**t, "strength": strength.get(t["statement"], 0)})
        for entries in helps.values():  # stated of the condition itself first, firmest first
            entries.sort(key=lambda t: (t["target"] != condition, bool(t["via"]), -t["strength"],
                                        str(G.nodes[t["t"]].get("label"))))  # fmt: skip
    for u, _, k, d in sorted(G.in_edges(condition, keys=True, data=True), key=lambda e: (e[0], e[2])):
        if edge_basis(d) != "stated" and k in {curie(NKO.treats), curie(NKO.manages), curie(NKO.prevents)}:
            kind = _help_kind(str(G.nodes[u].get("type", ENTITY)))
            helps[kind].append({"t": u, "target": condition, "via": "", "statement": edge_id(u, condition, k, d),
                                "route": [edge_id(u, condition, k, d)], "strength": 0})  # fmt: skip
    return {"lanes": out, "helps": helps}


def stories(G: nx.MultiDiGraph, analytic: nx.MultiDiGraph, *, at_least: int = 2) -> dict[str, Any]:
    """The story of every condition of ``G`` that has at least ``at_least`` concepts in its lanes."""
    out = {}
    for node, data in sorted(G.nodes(data=True)):
        if data.get("type") != local_name(NKO.Condition):
            continue
        story = lanes(G, analytic, node)
        if sum(len(v) for v in story["lanes"].values()) >= at_least:
            out[node] = story
    return out
