"""How the explorer draws each class and relation: a few colour families, told apart by shape too.

Five families (treatments; conditions and causes; symptoms and effects; mechanisms and the body; other) in
dark tones of a colour-blind-safe palette, so that a family's colour is also readable as text on white
(contrast 4.5:1 or more, tested) and the families stay apart under deuteranopia; within a family, shapes tell
the classes apart. Relations take the colour of their family (causal, treating, effects, taxonomy), and a
relation's words, not its colour, say what it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.network.spec import ENTITY

__all__ = ["CLASS_STYLES", "FAMILIES", "RELATION_COLOURS", "RELATION_FAMILIES", "class_style", "relation_colours"]

FAMILIES: dict[str, tuple[str, str]] = {
    "treatment": ("#005a8f", "treatments"),
    "condition": ("#a13c00", "conditions and causes"),
    "symptom": ("#8e3a6e", "symptoms and effects"),
    "mechanism": ("#00704f", "mechanisms and the body"),
    "other": ("#24292f", "other"),
}
"""Family: (colour, plain name)."""

_CLASSES: dict[object, tuple[str, str]] = {
    NKO.Drug: ("treatment", "diamond"),
    NKO.DrugClass: ("treatment", "diamond"),
    NKO.Procedure: ("treatment", "square"),
    NKO.Therapy: ("treatment", "square"),
    NKO.LifestyleIntervention: ("treatment", "square"),
    NKO.Treatment: ("treatment", "square"),
    NKO.PainQuality: ("symptom", "triangle"),
    NKO.Symptom: ("symptom", "triangle"),
    NKO.SideEffect: ("symptom", "triangleDown"),
    NKO.MentalHealthEffect: ("symptom", "triangleDown"),
    NKO.DailyLifeImpact: ("symptom", "triangleDown"),
    NKO.Mechanism: ("mechanism", "hexagon"),
    NKO.AnatomicalStructure: ("mechanism", "dot"),
    NKO.Condition: ("condition", "dot"),
    NKO.RiskFactor: ("condition", "star"),
    NKO.EtiologicAgent: ("condition", "star"),
    NKO.Exposure: ("condition", "star"),
    NKO.Cause: ("condition", "star"),
    NKO.ClinicalCourse: ("condition", "dot"),
    NKO.Statistic: ("other", "square"),
    NKO.AdvertisedProduct: ("other", "dot"),
    NKO.Phenomenon: ("other", "dot"),
    NKO.BodyFunction: ("other", "dot"),
    NKO.Entity: ("other", "dot"),
}

CLASS_STYLES: dict[str, tuple[str, str, str]] = {
    local_name(c): (FAMILIES[family][0], shape, family) for c, (family, shape) in _CLASSES.items()
}
"""Colour, vis-network shape and family per class (the node's most specific ``type``)."""

RELATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "condition": tuple(curie(r) for r in (NKO.causes, NKO.riskFactorFor, NKO.leadsTo, NKO.worsens, NKO.mechanismOf,
                                          NKO.complicationOf, NKO.triggers)),
    "treatment": tuple(curie(r) for r in (NKO.treats, NKO.manages, NKO.prevents, NKO.reduces, NKO.improves)),
    "symptom": tuple(curie(r) for r in (NKO.hasSymptom, NKO.hasMentalHealthEffect, NKO.hasDailyLifeImpact,
                                        NKO.hasSideEffect, NKO.affects)),
    "other": tuple(curie(r) for r in (NKO.memberOf, NKO.subtypeOf, NKO.exampleOf, NKO.partOf, NKO.statisticAbout)),
}  # fmt: skip
"""Relation families: causal, treating, effects, taxonomy and the rest."""

RELATION_COLOURS: dict[str, str] = {r: FAMILIES[f][0] for f, rels in RELATION_FAMILIES.items() for r in rels}
"""Colour per relation; a relation not listed is drawn in the colour of the "other" family."""


def class_style(name: str) -> tuple[str, str, str]:
    """Colour, shape and family of class ``name`` (the plain entity's for an unknown class)."""
    return CLASS_STYLES.get(name, CLASS_STYLES[ENTITY])


def relation_colours(keys: Iterable[str]) -> dict[str, str]:
    """The colour of each relation in ``keys``."""
    return {k: RELATION_COLOURS.get(k, FAMILIES["other"][0]) for k in keys}
