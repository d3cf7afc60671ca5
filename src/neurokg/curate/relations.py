"""Relation rules: which two mentions a sentence relates, in which direction, with which property.

A trigger phrase (``rules/relations.toml``, matched with spaCy's PhraseMatcher) belongs to a
family whose two roles are ``agent`` and ``patient`` (``cause``: the cause and its effect). The
mentions next to it, taken as coordinated groups (``diabetes, trauma and infection``), fill the
roles (:mod:`~neurokg.curate.sentences` says which groups). The property then follows from the ends'
classes (:func:`choose_predicate`): a cause of a mental-health effect is ``hasMentalHealthEffect``,
a drug listed under a drug class is ``memberOf``. Every property is an ontology term.

>>> from neurokg.curate.mentions import Mention
>>> d = Mention(0, 8, "diabetes", "nk:diabetes", frozenset({"Cause", "Condition"}))
>>> p = Mention(20, 24, "pain", "nk:pain", frozenset({"Symptom", "Phenomenon"}))
>>> choose_predicate("cause", d, p), choose_predicate("symptom", d, p)
('causes', 'hasSymptom')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from neurokg.core.namespace import NKO
from neurokg.curate.classes import K
from neurokg.curate.cues import Qualifiers
from neurokg.curate.mentions import Mention
from neurokg.curate.terms import RULES_DIR
from neurokg.curate.tokens import blank_english

__all__ = [
    "Trigger",
    "Relation",
    "RelationRules",
    "relation_rules",
    "find_triggers",
    "groups",
    "choose_predicate",
    "pair",
    "Slot",
    "fill",
]

_COORD = re.compile(
    r"\s*(?:,|/|,?\s*\b(?:and|or|and/or|as well as|nor|plus|followed by)\b)?\s*"
    r"(?:\b(?:even|further|more|also|then|other)\s+)?"
    r"(?:\b(?:performing|doing|carrying out|taking part in|being in|having|feeling)\s+)?"
)


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase at ``[start, end)``: its family and whether the agent is on its left."""

    start: int
    end: int
    family: str
    forward: bool
    text: str


@dataclass(frozen=True)
class Relation:
    """A proposed relation ``subject predicate object`` stated by ``text[start:end]``.

    ``anchor`` is where its qualifiers are read from (the trigger, or the first end); ``context``
    lists the other spans it relies on (a heading, a list lead-in, the sentence an anaphor points to).
    """

    subject: Mention
    predicate: str
    object: Mention
    start: int
    end: int
    anchor: int
    rule: str
    score: float
    context: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Slot:
    """A relation announced without one of its ends: ``known`` plays ``role`` in a ``family`` relation."""

    family: str
    role: str
    known: tuple[Mention, ...]
    start: int
    end: int
    qualifiers: Qualifiers | None = None


@dataclass(frozen=True)
class RelationRules:
    """The trigger matcher, each family's nouns for headings and lead-ins, and the rules' version."""

    matcher: Any
    labels: dict[str, tuple[str, bool]]
    nouns: dict[str, tuple[str, tuple[str, ...]]]
    version: int


@lru_cache(maxsize=1)
def relation_rules() -> RelationRules:
    """The rules of ``rules/relations.toml``, compiled into one PhraseMatcher (lower-case match)."""
    from spacy.matcher import PhraseMatcher

    data = tomllib.loads((RULES_DIR / "relations.toml").read_text(encoding="utf-8"))
    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str, bool]] = {}
    for fam in data["family"]:
        for forward, key in ((True, "forward"), (False, "backward")):
            if fam[key]:
                label = f"{fam['name']}:{key}"
                labels[label] = (fam["name"], forward)
                matcher.add(label, [nlp.make_doc(p) for p in fam[key]])
    nouns = {name: (v["topic"], tuple(v["words"])) for name, v in data["nouns"].items()}
    return RelationRules(matcher, labels, nouns, int(data["version"]))


def find_triggers(text: str, start: int, end: int, mentions: list[Mention]) -> list[Trigger]:
    """Trigger phrases of ``text[start:end]`` outside the mentions, the longest of overlapping ones."""
    from spacy.util import filter_spans

    rules = relation_rules()
    doc = blank_english().make_doc(text[start:end])
    spans = []
    for match_id, a, b in rules.matcher(doc):
        span = doc[a:b]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    out = []
    for span in filter_spans(spans):
        s, e = start + span.start_char, start + span.end_char
        if any(m.start < e and s < m.end for m in mentions):
            continue
        family, forward = rules.labels[span.label_]
        out.append(Trigger(s, e, family, forward, text[s:e]))
    return out


_PARENS = re.compile(r"\([^()]*\)")


def _depth(text: str, start: int, at: int) -> int:
    segment = text[start:at]
    return segment.count("(") - segment.count(")")


def groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by commas, ``and``, ``or`` and the like form one group.

    A parenthesis is skipped when joining (``antidepressants (e.g., duloxetine) and anticonvulsants``
    is one group of two); the mentions inside it form their own group.
    """
    out: list[list[Mention]] = []
    if not mentions:
        return out
    base = mentions[0].start
    for m in mentions:
        if out:
            prev = out[-1][-1]
            gap = _PARENS.sub("", text[prev.end : m.start])
            same_level = _depth(text, base, prev.start) == _depth(text, base, m.start)
            if same_level and _COORD.fullmatch(gap):
                out[-1].append(m)
                continue
        out.append([m])
    # a group interrupted by a parenthesis continues after it
    merged: list[list[Mention]] = []
    for g in out:
        host = next(
            (h for h in reversed(merged) if _depth(text, base, h[-1].start) == _depth(text, base, g[0].start)), None
        )
        if host is not None and _depth(text, base, g[0].start) == 0 and merged and merged[-1] is not host:
            gap = _PARENS.sub("", text[host[-1].end : g[0].start])
            if _COORD.fullmatch(gap):
                host.extend(g)
                continue
        merged.append(g)
    return merged


def _has(m: Mention, *classes: str) -> bool:
    return any(c in m.classes for c in classes)


def _only_treatment(m: Mention) -> bool:
    return K.Treatment in m.classes and not (m.classes & {K.Cause, K.EtiologicAgent})


def choose_predicate(family: str, agent: Mention, patient: Mention) -> str | None:
    """The ontology property (local name) for ``agent`` and ``patient`` in a ``family`` relation."""
    if agent.key == patient.key:
        return None
    p = _choose(family, agent, patient)
    if p is not None:
        getattr(NKO, p)  # closed namespace: a misspelt property fails here
    return p


def _choose(family: str, agent: Mention, patient: Mention) -> str | None:
    if family == "between":
        family = "cause"
    if family == "complication" and (_only_treatment(patient) or _only_treatment(agent)):
        return None
    if family in ("cause", "affect", "symptom") and _has(patient, K.MentalHealthEffect):
        return "hasMentalHealthEffect"
    if family in ("cause", "affect") and _has(patient, K.DailyLifeImpact):
        return "hasDailyLifeImpact"
    if family == "cause":
        if _has(agent, K.Treatment) and _has(patient, K.SideEffect):
            return "hasSideEffect"
        if _has(patient, K.AnatomicalStructure):
            return "affects"
        if _has(agent, K.Mechanism) and not _has(patient, K.Mechanism):
            return "mechanismOf" if _has(patient, K.Condition) else "leadsTo"
        return "causes" if _has(agent, K.Cause) else "leadsTo"
    if family == "sideeffect" and not _has(agent, K.Treatment):
        return None  # only a treatment has side effects
    if family in ("treat", "manage", "prevent") and not _has(agent, K.Treatment, K.Exposure):
        return None  # what treats, eases or prevents is a treatment or something a person does
    if family == "treat":
        if _has(patient, K.AnatomicalStructure, K.Mechanism):
            return "affects"
        return "manages" if _has(patient, K.MentalHealthEffect, K.DailyLifeImpact) else "treats"
    if family == "include":
        if _has(agent, K.DrugClass) and (_has(patient, K.Drug) or not patient.classes):
            return "memberOf"
        if _has(patient, K.Treatment) and _has(agent, K.Treatment):
            return "subtypeOf"
        return "exampleOf"
    simple = {
        "manage": "manages",
        "prevent": "prevents",
        "symptom": "hasSymptom",
        "affect": "affects",
        "worsen": "worsens",
        "isa": "subtypeOf",
        "part": "partOf",
        "complication": "complicationOf",
        "sideeffect": "hasSideEffect",
        "risk": "riskFactorFor",
    }
    if family == "isa" and _has(agent, K.Drug) and _has(patient, K.DrugClass):
        return "memberOf"
    if family == "part" and not (agent.classes & patient.classes & {K.Treatment, K.AnatomicalStructure, K.Mechanism}):
        return None  # a part and its whole are of one kind: treatments, anatomy or processes
    if family == "symptom" and _has(patient, K.AnatomicalStructure):
        return "affects"
    return simple.get(family)


def pair(family: str, agent: Mention, patient: Mention) -> tuple[Mention, str, Mention] | None:
    """``(subject, predicate, object)`` for the roles of a family, or None when no property fits.

    The listed item of an ``include`` relation is its subject (``gabapentin memberOf anticonvulsant``).
    """
    if family == "symptom" and (_only_treatment(agent) or _only_treatment(patient)):
        # "relieve the symptoms of X": a treatment and a condition in a symptom phrase stand in a treat relation
        family = "treat"
        if _only_treatment(patient):
            agent, patient = patient, agent
    predicate = choose_predicate(family, agent, patient)
    if predicate is None:
        return None
    if family == "include":
        return patient, predicate, agent
    return agent, predicate, patient


def fill(slot: Slot, ends: list[Mention], start: int, end: int, rule: str, score: float) -> list[Relation]:
    """Relations that fill ``slot`` with each of ``ends`` in the span ``[start, end)``."""
    out = []
    for new in ends:
        for known in slot.known:
            agent, patient = (known, new) if slot.role == "agent" else (new, known)
            triple = pair(slot.family, agent, patient)
            if triple:
                s, p, o = triple
                out.append(Relation(s, p, o, start, end, start, rule, score, ((slot.start, slot.end),)))
    return out
