"""The ontology classes the proposer reasons with, by local name, each taken from the closed namespace.

A misspelt class fails when this module is imported, not silently at a comparison:

>>> K.Treatment
'Treatment'
"""

from __future__ import annotations

from neurokg.core.namespace import NKO, local_name

__all__ = ["K"]


class K:
    """Local names of ontology classes (``K.Treatment == "Treatment"``)."""

    AnatomicalStructure = local_name(NKO.AnatomicalStructure)
    Cause = local_name(NKO.Cause)
    Condition = local_name(NKO.Condition)
    DailyLifeImpact = local_name(NKO.DailyLifeImpact)
    Drug = local_name(NKO.Drug)
    DrugClass = local_name(NKO.DrugClass)
    EtiologicAgent = local_name(NKO.EtiologicAgent)
    Exposure = local_name(NKO.Exposure)
    Mechanism = local_name(NKO.Mechanism)
    MentalHealthEffect = local_name(NKO.MentalHealthEffect)
    Phenomenon = local_name(NKO.Phenomenon)
    SideEffect = local_name(NKO.SideEffect)
    Symptom = local_name(NKO.Symptom)
    Therapy = local_name(NKO.Therapy)
    Treatment = local_name(NKO.Treatment)
