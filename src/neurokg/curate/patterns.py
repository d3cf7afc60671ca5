"""Further sentence patterns: brackets, causal chains, labelled list items and co-occurrence by class.

- ``surgery (amputation)``: a concept in brackets after another is a kind or an example of it;
- ``A comes from B, which C can bring about``: C causes A too (a causal chain);
- ``Fatigue: since the illness disturbs sleep ...``: a labelled item's subject brings about its label, and
  a labelled treatment (``Support groups: ...``) does what its description says and has its
  treatments as parts;
- :func:`default_family`: how two concepts of given classes are most likely related.
"""

from __future__ import annotations

import re
from itertools import pairwise

from neurokg.curate.classes import K
from neurokg.curate.mentions import Mention
from neurokg.curate.relations import Relation, Trigger, groups, pair
from neurokg.curate.structure import Block, Sentence

__all__ = ["chains", "parenthetical", "default_family", "cooccurrence", "label_relations"]

_CAUSAL = frozenset({"causes", "leadsTo", "mechanismOf"})


def chains(relations: list[Relation], sent: Sentence) -> list[Relation]:
    """``A comes from B, which C can bring about``: what causes the cause also causes A."""
    out = []
    for first in relations:
        for later in relations:
            if (
                first.predicate in _CAUSAL
                and later.predicate in _CAUSAL
                and later.anchor > first.anchor
                and later.object.key == first.subject.key
                and later.subject.key != first.object.key
            ):
                triple = pair("cause", later.subject, first.object)
                if triple:
                    out.append(Relation(*triple, sent.start, sent.end, later.anchor, "cause:chain", 0.45))
    return out


def parenthetical(text: str, sent: Sentence, mentions: list[Mention]) -> list[Relation]:
    """``surgery (amputation)``: a concept in brackets after another names a kind or an example of it.

    An abbreviation in brackets (``(CBT)``) names the same concept and gives nothing.
    """
    out = []
    for a, b in pairwise(mentions):
        between = text[a.end : b.start]
        after = text[b.end : b.end + 2]
        if re.fullmatch(r"\s*\(\s*", between) and after.lstrip().startswith(")"):
            if text[b.start : b.end].isupper() or b.key == a.key:
                continue
            triple = pair("include", a, b)
            if triple:
                out.append(Relation(*triple, sent.start, sent.end, b.start, "include:parenthesis", 0.55))
    return out


def default_family(agent: Mention, patient: Mention) -> str | None:
    """The family two co-occurring concepts most likely stand in, from their classes alone."""
    a, p = agent.classes, patient.classes
    if K.AnatomicalStructure in p:
        return "affect"
    if K.Treatment in a and K.Treatment not in p:
        return "treat"
    if K.Drug in p and K.DrugClass in a:
        return "include"
    if K.Treatment in a or K.Treatment in p or K.AnatomicalStructure in a:
        return None
    if p & {K.MentalHealthEffect, K.DailyLifeImpact}:
        return "cause"
    if K.Condition in a and K.Symptom in p:
        return "symptom"
    if a & {K.Cause, K.Mechanism}:
        return "cause"
    return None


def cooccurrence(
    text: str,
    sent: Sentence,
    gs: list[list[Mention]],
    subject: tuple[Mention, ...],
    relations: list[Relation],
    triggers: list[Trigger],
) -> list[Relation]:
    """The sentence's subject with each concept no trigger rule related, when their classes suggest how."""
    used = {m.key for r in relations for m in (r.subject, r.object)}
    out = []
    subject_keys = {m.key for m in subject}
    for g in gs:
        for m in g:
            if m.key in used or m.key in subject_keys:
                continue
            for s in subject:
                family = default_family(s, m)
                triple = pair(family, s, m) if family else None
                if triple:
                    a, p, o = triple
                    anchor = triggers[0].start if triggers else m.start
                    out.append(Relation(a, p, o, sent.start, sent.end, anchor, f"{family}:cooccurrence", 0.4))
    return out


def _labelled_treatment(
    text: str,
    block: Block,
    sent: Sentence,
    mentions: list[Mention],
    triggers: list[Trigger],
) -> list[Relation]:
    """``Yoga: stretching classes can ease stiffness``: the labelled treatment does
    what its description says the treatments in it do, and those treatments are parts of it."""
    assert block.label_end is not None
    labels = [m for m in mentions if m.end <= block.label_end and K.Treatment in m.classes]
    described = [m for m in mentions if m.start > block.label_end]
    # the treatments named before the description's verb ("... can alleviate") are its parts
    verbs = [t for t in triggers if described and t.start > described[0].start and t.family != "include"]
    until = verbs[0].start if verbs else sent.end
    first = [m for m in described if K.Treatment in m.classes and m.start < until]
    out = []
    for label in labels:
        for m in first:
            triple = pair("part", m, label) if m.key != label.key else None
            if triple:
                out.append(Relation(*triple, sent.start, sent.end, m.start, "part:label", 0.5))
        for t in triggers:
            if t.family not in ("treat", "manage", "prevent"):
                continue
            right = next((g for g in groups(text, [m for m in mentions if m.start >= t.end])), [])
            for m in right:
                triple = pair(t.family, label, m)
                if triple:
                    out.append(Relation(*triple, sent.start, sent.end, t.start, f"{t.family}:label", 0.5))
    return out


def label_relations(
    text: str,
    block: Block,
    sent: Sentence,
    mentions: list[Mention],
    subject: tuple[Mention, ...],
    triggers: list[Trigger],
) -> list[Relation]:
    """``Fatigue: since the illness disturbs sleep ...``: the item's subject brings about the labelled effect."""
    assert block.label_end is not None
    labels = [m for m in mentions if m.end <= block.label_end and K.Treatment not in m.classes]
    after = groups(text, [m for m in mentions if m.start > block.label_end])
    if not any(m.end <= block.label_end for m in subject) and subject:
        after = [list(subject)]
    out = _labelled_treatment(text, block, sent, mentions, triggers)
    for label in labels:
        for s in after[0] if after else ():
            if s.end <= block.label_end or s.key == label.key:
                continue
            family = default_family(s, label) or ("cause" if label.classes & {K.Symptom, K.Phenomenon} else None)
            triple = pair(family, s, label) if family else None
            if triple:
                out.append(Relation(*triple, sent.start, sent.end, label.start, f"{family}:label", 0.5))
    return out
