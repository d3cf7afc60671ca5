"""What the networkx view keeps: which class names a node, which statement qualifiers an edge carries.

Both builders of the view (:mod:`neurokg.network.view` on rdflib, :mod:`neurokg.network.oxbuild`
on pyoxigraph) read this one specification.
"""

from __future__ import annotations

from neurokg.core.namespace import NKO, local_name

__all__ = ["ENTITY", "TYPE_PRIORITY", "QUALIFIERS", "primary_type"]

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
        NKO.Statistic,
        NKO.Phenomenon,
        NKO.Entity,
    )
]
"""Which class names a node's ``type`` when it has several (first match wins)."""

QUALIFIERS = {
    # name: (property, many values?, is an IRI-valued qualifier?)
    "certainty": (NKO.certainty, False, True),
    "hedge": (NKO.hedge, False, False),
    "lineOfTherapy": (NKO.lineOfTherapy, True, True),
    "durability": (NKO.durability, True, True),
    "caveatKind": (NKO.caveatKind, True, True),
    "caveat": (NKO.caveat, True, False),
    "population": (NKO.population, False, False),
    "attributedTo": (NKO.attributedTo, False, False),
    "promotional": (NKO.promotional, False, False),
}
"""Statement qualifiers copied onto edges; IRI values become their labels (``"not first line"``)."""


def primary_type(types: list[str]) -> str:
    """The most specific of ``types`` (local class names) by :data:`TYPE_PRIORITY`.

    >>> primary_type(["Cause", "Condition"])
    'Condition'
    """
    for name in TYPE_PRIORITY:
        if name in types:
            return name
    return types[0] if types else ENTITY
