"""How the explorer draws each class and relation: colour and shape."""

from __future__ import annotations

from collections.abc import Iterable

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.network.spec import ENTITY

__all__ = ["CLASS_STYLES", "RELATION_COLOURS", "class_style", "relation_colours"]


CLASS_STYLES: dict[str, tuple[str, str]] = {
    # class: (colour, vis-network shape); shapes group the families, colours tell classes apart
    local_name(NKO.Drug): ("#1f77b4", "diamond"),
    local_name(NKO.DrugClass): ("#6baed6", "diamond"),
    local_name(NKO.Procedure): ("#17becf", "square"),
    local_name(NKO.Therapy): ("#2ca02c", "square"),
    local_name(NKO.LifestyleIntervention): ("#98df8a", "square"),
    local_name(NKO.Treatment): ("#0b6e4f", "square"),
    local_name(NKO.PainQuality): ("#ff9896", "triangle"),
    local_name(NKO.Symptom): ("#d62728", "triangle"),
    local_name(NKO.SideEffect): ("#e377c2", "triangleDown"),
    local_name(NKO.MentalHealthEffect): ("#9467bd", "triangleDown"),
    local_name(NKO.DailyLifeImpact): ("#c5b0d5", "triangleDown"),
    local_name(NKO.Mechanism): ("#8c564b", "hexagon"),
    local_name(NKO.Condition): ("#ff7f0e", "dot"),
    local_name(NKO.RiskFactor): ("#ffbb78", "star"),
    local_name(NKO.EtiologicAgent): ("#bcbd22", "star"),
    local_name(NKO.Exposure): ("#dbdb8d", "star"),
    local_name(NKO.Cause): ("#f7b6d2", "star"),
    local_name(NKO.AnatomicalStructure): ("#7f7f7f", "dot"),
    local_name(NKO.Statistic): ("#393b79", "square"),
    local_name(NKO.Phenomenon): ("#c49c94", "dot"),
    local_name(NKO.Entity): ("#bbbbbb", "dot"),
}
"""Colour and shape per class (the node's most specific ``type``)."""


RELATION_COLOURS: dict[str, str] = {
    curie(NKO.causes): "#c0392b",
    curie(NKO.riskFactorFor): "#e67e22",
    curie(NKO.hasSymptom): "#d35400",
    curie(NKO.mechanismOf): "#8e44ad",
    curie(NKO.leadsTo): "#7d3c98",
    curie(NKO.worsens): "#922b21",
    curie(NKO.treats): "#1e8449",
    curie(NKO.manages): "#27ae60",
    curie(NKO.prevents): "#117a65",
    curie(NKO.hasSideEffect): "#b7950b",
    curie(NKO.memberOf): "#2471a3",
    curie(NKO.subtypeOf): "#5d6d7e",
    curie(NKO.exampleOf): "#85929e",
    curie(NKO.complicationOf): "#a04000",
    curie(NKO.affects): "#2e86c1",
    curie(NKO.hasMentalHealthEffect): "#6c3483",
    curie(NKO.hasDailyLifeImpact): "#a569bd",
    curie(NKO.partOf): "#616a6b",
    curie(NKO.statisticAbout): "#1a5276",
}
"""Colour per relation; relations not listed get a colour from :data:`_EXTRA_COLOURS` by name."""


_EXTRA_COLOURS = ["#34495e", "#16a085", "#d4ac0d", "#cb4335", "#5b2c6f", "#0e6655", "#784212", "#1b4f72"]


def class_style(name: str) -> tuple[str, str]:
    return CLASS_STYLES.get(name, CLASS_STYLES[ENTITY])


def relation_colours(keys: Iterable[str]) -> dict[str, str]:
    present = set(keys)
    colours = {k: RELATION_COLOURS[k] for k in present & set(RELATION_COLOURS)}
    for i, k in enumerate(sorted(present - set(RELATION_COLOURS))):
        colours[k] = _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]
    return colours
