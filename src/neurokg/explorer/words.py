"""The explorer's plain words: class names, relation sentences, certainty and limit words, answer groups.

A lay reader sees these words, never a class or property name: ``MentalHealthEffect`` is "effect on mood
or mind", ``caveatKind`` "often ineffective" a chip, ``nko:causes`` a verb in a sentence.

>>> sentence_text(sentence_parts("diabetes", curie(NKO.causes), "neuropathic pain", "possible", ["can"]))
'Diabetes can cause neuropathic pain'
>>> sentence_text(sentence_parts("illness", curie(NKO.causes), "neuropathic pain", "often", ["usually"]))
'Illness usually causes neuropathic pain'
>>> sentence_text(sentence_parts("cancer", curie(NKO.causes), "neuropathic pain", "in some cases", []))
'In some cases, cancer causes neuropathic pain'
>>> sentence_text(sentence_parts("neuropathic pain", curie(NKO.hasSymptom), "numbness", "asserted", []))
'Neuropathic pain has numbness as a symptom'
>>> class_words("MentalHealthEffect"), class_words("SomethingNew")
('effect on mood or mind', 'something new')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from neurokg.core.namespace import NKO, curie, local_name

__all__ = [
    "CERTAINTY_STRENGTH",
    "CERTAINTY_WORDS",
    "CLASS_WORDS",
    "GROUPS",
    "INVERSE_PHRASES",
    "LIMIT_WORDS",
    "RELATION_PHRASES",
    "class_words",
    "group_of",
    "limit_words",
    "sentence_parts",
    "sentence_text",
]

CLASS_WORDS: dict[str, str] = {
    local_name(NKO.Drug): "medicine",
    local_name(NKO.DrugClass): "group of medicines",
    local_name(NKO.Procedure): "procedure",
    local_name(NKO.Therapy): "therapy",
    local_name(NKO.LifestyleIntervention): "lifestyle change",
    local_name(NKO.Treatment): "treatment",
    local_name(NKO.PainQuality): "kind of pain",
    local_name(NKO.Symptom): "symptom",
    local_name(NKO.SideEffect): "side effect",
    local_name(NKO.MentalHealthEffect): "effect on mood or mind",
    local_name(NKO.DailyLifeImpact): "effect on daily life",
    local_name(NKO.Mechanism): "how it happens in the body",
    local_name(NKO.Condition): "condition",
    local_name(NKO.RiskFactor): "risk factor",
    local_name(NKO.EtiologicAgent): "germ or agent",
    local_name(NKO.Exposure): "exposure or event",
    local_name(NKO.Cause): "cause",
    local_name(NKO.AnatomicalStructure): "body part",
    local_name(NKO.Statistic): "figure",
    local_name(NKO.AdvertisedProduct): "advertised product",
    local_name(NKO.ClinicalCourse): "course over time",
    local_name(NKO.Phenomenon): "body process or event",
    local_name(NKO.BodyFunction): "body function",
    local_name(NKO.Entity): "concept",
}
"""Plain words for each class (a class not listed gets its name split into words)."""

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def class_words(name: str) -> str:
    """The plain words for class ``name``."""
    return CLASS_WORDS.get(name) or _CAMEL.sub(" ", name).lower()


# relation: (third person, base form); "{o}" marks where the object goes when not at the end
RELATION_PHRASES: dict[str, tuple[str, str]] = {
    curie(NKO.causes): ("causes", "cause"),
    curie(NKO.riskFactorFor): ("raises the risk of", "raise the risk of"),
    curie(NKO.hasSymptom): ("has {o} as a symptom", "have {o} as a symptom"),
    curie(NKO.mechanismOf): ("is part of how {o} comes about", "be part of how {o} comes about"),
    curie(NKO.leadsTo): ("leads to", "lead to"),
    curie(NKO.worsens): ("worsens", "worsen"),
    curie(NKO.treats): ("treats", "treat"),
    curie(NKO.manages): ("helps manage", "help manage"),
    curie(NKO.prevents): ("prevents", "prevent"),
    curie(NKO.improves): ("improves", "improve"),
    curie(NKO.reduces): ("reduces", "reduce"),
    curie(NKO.triggers): ("sets off", "set off"),
    curie(NKO.hasSideEffect): ("has {o} as a side effect", "have {o} as a side effect"),
    curie(NKO.memberOf): ("is in the group", "be in the group"),
    curie(NKO.subtypeOf): ("is a kind of", "be a kind of"),
    curie(NKO.exampleOf): ("is an example of", "be an example of"),
    curie(NKO.complicationOf): ("is a complication of", "be a complication of"),
    curie(NKO.affects): ("affects", "affect"),
    curie(NKO.hasMentalHealthEffect): ("brings on", "bring on"),
    curie(NKO.hasDailyLifeImpact): ("affects", "affect"),
    curie(NKO.partOf): ("is part of", "be part of"),
    curie(NKO.statisticAbout): ("is a figure about", "be a figure about"),
}
"""How each relation reads in a sentence; a relation not listed reads as its label."""

INVERSE_PHRASES: dict[str, tuple[str, str]] = {
    curie(NKO.causes): ("is caused by", "be caused by"),
    curie(NKO.leadsTo): ("follows from", "follow from"),
    curie(NKO.worsens): ("is made worse by", "be made worse by"),
    curie(NKO.hasSymptom): ("is a symptom of", "be a symptom of"),
    curie(NKO.hasMentalHealthEffect): ("is brought on by", "be brought on by"),
    curie(NKO.hasDailyLifeImpact): ("is affected by", "be affected by"),
    curie(NKO.hasSideEffect): ("is a side effect of", "be a side effect of"),
    curie(NKO.treats): ("is treated by", "be treated by"),
    curie(NKO.manages): ("is helped by", "be helped by"),
    curie(NKO.prevents): ("is prevented by", "be prevented by"),
    curie(NKO.improves): ("is improved by", "be improved by"),
    curie(NKO.reduces): ("is reduced by", "be reduced by"),
    curie(NKO.triggers): ("is set off by", "be set off by"),
}
"""How a relation reads from its object ("numbness is a symptom of it"), where that reads better."""

CERTAINTY_WORDS = {"asserted": "stated as fact", "often": "often", "in some cases": "in some cases",
                   "possible": "possible", "rare": "rare", "unclear": "unclear"}
"""Plain words for each certainty label (the ontology's labels of its certainty levels)."""

CERTAINTY_STRENGTH = {"asserted": 6, "often": 5, "in some cases": 4, "possible": 3, "rare": 2, "unclear": 1}
"""How firmly a certainty states a relation (the ontology's ``nko:strength`` order)."""

LIMIT_WORDS = {
    "often ineffective": "often ineffective",
    "temporary": "temporary relief",
    "last resort": "last resort",
    "not first line": "not a first choice",
    "dependence risk": "risk of dependence",
    "mechanism unknown": "how it works is unclear",
    "may not help": "may not help",
    "severe cases only": "for severe cases only",
    "for non-responders": "when other treatments fail",
    "invasive": "needs surgery",
    "first line": "a first choice",
}
"""Chip words for the limits of a treatment (caveat kinds, durability, line of therapy labels)."""


def limit_words(label: str) -> str:
    """The chip words for a limit label (its label when it has no plainer words)."""
    return LIMIT_WORDS.get(label, label)


_MODALS = ("could", "may", "might", "can")
_ADVERBS = {"usually": "usually", "commonly": "commonly", "most common": "commonly", "most commonly": "commonly",
            "typically": "typically", "often": "often", "frequently": "often"}  # fmt: skip


def _hedge_words(hedges: Iterable[str]) -> set[str]:
    return {w for h in hedges for part in str(h).split(";") for w in [" ".join(part.split()).casefold()] if w}


def _modal(certainty: str | None, hedges: Sequence[str]) -> tuple[str, str]:
    """How the sentence hedges: ("", "") firm, ("modal", word), ("adverb", word) or ("prefix", words)."""
    words = _hedge_words(hedges)
    tokens = {t for w in words for t in w.split()}
    if certainty == "often":
        adverb = next((_ADVERBS[w] for w in sorted(words) if w in _ADVERBS), None)
        adverb = adverb or next((_ADVERBS[t] for t in sorted(tokens) if t in _ADVERBS), "often")
        return ("adverb", adverb)
    if certainty == "in some cases":
        return ("prefix", "in some cases")
    if certainty == "rare":
        return ("adverb", "rarely")
    if certainty in ("possible", "unclear"):
        return ("modal", next((m for m in _MODALS if m in tokens), "can" if certainty == "possible" else "may"))
    return ("", "")


def _hedged_verb(third: str, base: str, certainty: str | None, hedges: Sequence[str]) -> tuple[str, str]:
    kind, word = _modal(certainty, hedges)
    if kind == "modal":
        return f"{word} {base}", ""
    if kind == "adverb":
        return (third.replace("is ", f"is {word} ", 1) if third.startswith("is ") else f"{word} {third}"), ""
    return third, (word if kind == "prefix" else "")


def verb_words(relation: str, certainty: str | None, hedges: Sequence[str], *, inverse: bool = False) -> str:
    """The hedged verb of a relation read from its subject, or from its object (``""`` if it has no such reading).

    >>> verb_words(curie(NKO.hasSymptom), "often", ["commonly"], inverse=True)
    'is commonly a symptom of'
    >>> verb_words(curie(NKO.hasMentalHealthEffect), "possible", ["can"], inverse=True)
    'can be brought on by'
    """
    table = INVERSE_PHRASES if inverse else RELATION_PHRASES
    if relation not in table:
        return ""
    verb, prefix = _hedged_verb(*table[relation], certainty, hedges)
    return f"{prefix} {verb}" if prefix else verb


def sentence_parts(
    subject: str, relation: str, obj: str, certainty: str | None, hedges: Sequence[str], relation_label: str = ""
) -> list[list[str]]:
    """The sentence of a statement as parts ``[kind, text]``: ``s`` subject, ``o`` object, ``t`` words."""
    name = relation_label or local_name(relation)
    verb, prefix = _hedged_verb(*RELATION_PHRASES.get(relation, (name, name)), certainty, hedges)
    before, _, after = verb.partition("{o}")
    parts = [["s", subject], ["t", f" {before.strip()} "], ["o", obj]]
    if after.strip():
        parts.append(["t", f" {after.strip()}"])
    if prefix:
        parts.insert(0, ["t", f"{prefix.capitalize()}, "])
    return parts


def sentence_text(parts: Sequence[Sequence[str]]) -> str:
    """The sentence as plain text, its first letter capitalised."""
    text = "".join(p[1] for p in parts)
    return text[:1].upper() + text[1:]


GROUPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("causes", "What causes it", [(curie(NKO.causes), "in"), (curie(NKO.riskFactorFor), "in"),
                                  (curie(NKO.leadsTo), "in"), (curie(NKO.complicationOf), "out")]),
    ("mechanisms", "How it comes about", [(curie(NKO.mechanismOf), "in")]),
    ("worse", "What makes it worse or sets it off", [(curie(NKO.worsens), "in"), (curie(NKO.triggers), "in")]),
    ("symptoms", "Symptoms", [(curie(NKO.hasSymptom), "out")]),
    ("effects", "What it leads to", [(curie(NKO.causes), "out"), (curie(NKO.leadsTo), "out"),
                                     (curie(NKO.worsens), "out"), (curie(NKO.complicationOf), "in"),
                                     (curie(NKO.riskFactorFor), "out"), (curie(NKO.mechanismOf), "out")]),
    ("mood", "Effects on mood and daily life", [(curie(NKO.hasMentalHealthEffect), "out"),
                                                (curie(NKO.hasDailyLifeImpact), "out")]),
    ("helps", "What helps", [(curie(NKO.treats), "in"), (curie(NKO.manages), "in"), (curie(NKO.prevents), "in"),
                             (curie(NKO.reduces), "in"), (curie(NKO.improves), "in")]),
    ("helpsWith", "What it helps with", [(curie(NKO.treats), "out"), (curie(NKO.manages), "out"),
                                         (curie(NKO.prevents), "out"), (curie(NKO.reduces), "out"),
                                         (curie(NKO.improves), "out")]),
    ("sideEffects", "Side effects", [(curie(NKO.hasSideEffect), "out")]),
    ("comesFrom", "What brings it on", [(curie(NKO.hasSymptom), "in"), (curie(NKO.hasMentalHealthEffect), "in"),
                                        (curie(NKO.hasDailyLifeImpact), "in"), (curie(NKO.hasSideEffect), "in")]),
    ("kinds", "Kinds, groups and parts", [(curie(NKO.subtypeOf), "in"), (curie(NKO.subtypeOf), "out"),
                                          (curie(NKO.memberOf), "in"), (curie(NKO.memberOf), "out"),
                                          (curie(NKO.exampleOf), "in"), (curie(NKO.exampleOf), "out"),
                                          (curie(NKO.partOf), "in"), (curie(NKO.partOf), "out")]),
    ("figures", "Figures", [(curie(NKO.statisticAbout), "in"), (curie(NKO.statisticAbout), "out")]),
    ("other", "Other links", [(curie(NKO.affects), "in"), (curie(NKO.affects), "out")]),
]  # fmt: skip
"""A concept's answers grouped by meaning, in this order: (key, title, [(relation, direction)])."""

_GROUP_OF = {(rel, direction): key for key, _, pairs in GROUPS for rel, direction in pairs}


def group_of(relation: str, direction: str) -> str:
    """The answer group of a relation seen from one of its ends (``"in"`` or ``"out"``)."""
    return _GROUP_OF.get((relation, direction), "other")
