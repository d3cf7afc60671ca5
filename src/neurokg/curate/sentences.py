"""Sentence rules: the relations one sentence states, given what came before it.

Within a sentence (:func:`sentence_relations`): a trigger's nearest coordinated groups are its two
ends; a relative ``which`` passes the previous object on as the next subject; a participle after a
comma or ``by`` (``, resulting in``) keeps the sentence's subject; ``people with X`` makes X the
subject; a demonstrative (``these signals``, ``this type of pain``) stands for an earlier concept
with the same head word, and a sentence opening with ``It``/``These``/``They`` has the antecedent as
its subject; a subordinate clause (``since``, ``because``) has its own subject. Brackets and causal
chains are :mod:`~neurokg.curate.patterns`. Pairing the subject with every other concept by class
(``star=True``) is off: measured on the two articles it was right for fewer than one in five.
"""

from __future__ import annotations

import re
from dataclasses import replace

from neurokg.curate.classes import K
from neurokg.curate.mentions import Mention
from neurokg.curate.patterns import chains, cooccurrence, parenthetical
from neurokg.curate.relations import Relation, Slot, Trigger, groups, pair
from neurokg.curate.structure import Sentence

__all__ = ["ANAPHOR", "sentence_relations", "depth"]

_OPEN, _CLOSE = "(", ")"


def depth(text: str, start: int, at: int) -> int:
    """How many brackets are open at ``at``, counting from ``start``."""
    segment = text[start:at]
    return segment.count(_OPEN) - segment.count(_CLOSE)


ANAPHOR = re.compile(
    r"(?:[A-Z][\w ,]{0,30}?,\s*)?(?:it|this|these|they|those|such|the condition|the disease|people with this)\b",
    re.IGNORECASE,
)
_HOLDER = re.compile(
    r"\b(?:people|persons?|individuals|patients|those|anyone|someone|adults|children|men|women)\s+"
    r"(?:with|who have|who has|suffering from|living with)\s+$",
    re.IGNORECASE,
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|these|such)\s+(?:(?:type|kind|form)s?\s+of\s+)?$", re.IGNORECASE)
_VAGUE_HEADS = frozenset({"condition", "disease", "disorder", "illness", "problem"})
_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_EVENT = re.compile(r"(?:[A-Z][\w ,]{0,30}?,\s*)?(?:this|that)\s+(?!(?:type|kind|form)\b)", re.IGNORECASE)
"""``This in turn may ...``: a bare *this* stands for what the previous sentence said, not for a concept."""
_SUBORDINATE = re.compile(r"\b(?:since|because|when|whenever|where|although|though|if|unless)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:,\s*)?\b(?:which|that|who)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:,|\bby)\s*$")


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """End of the last match of ``pattern`` in ``text[start:end]`` (``end`` when none)."""
    found = [m.end() for m in pattern.finditer(text, start, end)]
    return found[-1] if found else end


def _head(m: Mention) -> str:
    return m.name.split()[-1].casefold().rstrip("s") if m.name.split() else ""


def _same_head(m: Mention, candidates: list[Mention]) -> tuple[Mention, ...]:
    """The latest earlier mention(s) of the block with ``m``'s head word (``these signals`` -> ``faulty signals``)."""
    for c in reversed(candidates):
        if c.key != m.key and _head(c) == _head(m):
            return (c,)
    return ()


def sentence_relations(
    text: str,
    sent: Sentence,
    mentions: list[Mention],
    triggers: list[Trigger],
    antecedent: tuple[Mention, ...],
    earlier: tuple[Mention, ...] = (),
    *,
    star: bool = False,
    fallback: tuple[Mention, ...] = (),
    solo: bool = False,
    event: tuple[Mention, ...] = (),
) -> tuple[list[Relation], Slot | None, tuple[Mention, ...]]:
    """Relations of one sentence, the slot it leaves open (a trigger with no end after it) and its subject."""
    if antecedent or earlier:
        # "this type of pain", "these signals": a demonstrative points back to a concept with the same head
        resolved: list[Mention] = []
        for m in mentions:
            before = text[sent.start : m.start]
            back = _DEMONSTRATIVE.search(before)
            # "these signals", "this sensitization": a one-word name points back; "such restorative sleep" names itself
            target = _same_head(m, [*earlier, *antecedent]) if back and len(m.name.split()) == 1 else ()
            if not target and _DEFINITE.search(before) and len(m.name.split()) == 1 and earlier:
                # "Chronic nerve pain ... The pain can ...": a bare definite noun repeats the block's last concept
                target = _same_head(m, list(earlier))
            if not target and (back or _DEFINITE.search(before)) and _head(m) in _VAGUE_HEADS:
                # "the pain condition", "this disease": the condition under discussion
                target = tuple(a for a in antecedent if K.Condition in a.classes)
            if target:
                resolved.extend(replace(a, start=m.start, end=m.end) for a in target)
            else:
                resolved.append(m)
        mentions = resolved
    holder = next((m for m in mentions if _HOLDER.search(text[sent.start : m.start])), None)
    if holder is not None:
        # "people with diabetes experience ...": the condition is the subject, "with" no trigger
        prefix = _HOLDER.search(text[sent.start : holder.start])
        cut = sent.start + prefix.start() if prefix else holder.start
        triggers = [t for t in triggers if not (cut <= t.start and t.end <= holder.start)]
    gs = groups(text, mentions)
    first_trigger = triggers[0].start if triggers else sent.end
    if triggers and gs and triggers[0].end <= gs[0][0].start and triggers[0].family in ("part", "isa"):
        # "The combination of A, B and C can create ...": the group after the noun is the subject of what follows
        first_trigger = triggers[1].start if len(triggers) > 1 else sent.end
    opening = text[sent.start : (mentions[0].start if mentions else sent.end)]
    subject: tuple[Mention, ...] = ()
    if holder is not None:
        subject, rule_subject = next(tuple(g) for g in gs if holder in g), "holder"
    elif ANAPHOR.match(opening) and antecedent and (solo or not _EVENT.match(opening)):
        subject, rule_subject = antecedent, "anaphor"
    elif ANAPHOR.match(opening) and event:
        # "... a higher risk of falls. This can lead to ...": what the sentence before led to
        subject, rule_subject = event, "anaphor"
    elif gs and gs[0][0].start < first_trigger:
        subject, rule_subject = tuple(gs[0]), "subject"
    else:
        subject, rule_subject = (), "none"  # no subject of its own: the rules do not guess one
    relations: list[Relation] = []
    open_slot: Slot | None = None
    prev_right: tuple[Mention, ...] = ()
    previous: tuple[Trigger, tuple[Mention, ...], tuple[Mention, ...]] | None = None
    example_head: tuple[Mention, ...] = ()
    for k, t in enumerate(triggers):
        level = depth(text, sent.start, t.start)
        limit = triggers[k + 1].start if k + 1 < len(triggers) else sent.end
        right = next(
            (
                tuple(g)
                for g in gs
                if g[0].start >= t.end and g[0].start < limit and depth(text, sent.start, g[0].start) == level
            ),
            (),
        )
        bracket = text.rfind(_OPEN, sent.start, t.start) if level > 0 else t.start
        lefts = [
            tuple(g) for g in gs if g[-1].end <= bracket and depth(text, sent.start, g[0].start) == max(level - 1, 0)
        ] or [tuple(g) for g in gs if g[-1].end <= t.start and depth(text, sent.start, g[0].start) <= level]
        before = text[(prev_right[-1].end if prev_right else sent.start) : t.start]
        if t.family == "between":
            both = right if len(right) > 1 else lefts[-1] if lefts and len(lefts[-1]) > 1 else ()
            for b in both[1:]:
                triple = pair("between", both[0], b)
                if triple:
                    relations.append(Relation(*triple, sent.start, sent.end, t.start, "between", 0.6))
            prev_right = right if both is right else ()
            continue
        if t.family == "include" and previous is not None and not previous[2]:
            # "can cause complications, including A and B": the examples are what the trigger leads to
            p_trigger, p_left, _ = previous
            if right:
                relations.extend(_pairs(p_trigger, p_left, right, sent, "examples", 0.6))
                previous = (p_trigger, p_left, right)
                prev_right = right
                continue
        if t.family == "include" and previous is not None and lefts and lefts[-1] == previous[2] and right:
            # "cause side effects such as A and B": A and B stand in the same relation, besides being examples
            relations.extend(_pairs(previous[0], previous[1], right, sent, "examples", 0.55))
        sub = _SUBORDINATE.search(text, sent.start, t.start)
        local = [g for g in lefts if sub and g[0].start >= _last(_SUBORDINATE, text, sent.start, t.start)]
        if local and t.family != "include":
            # "A and B are linked since C leads to D": a subordinate clause has its own subject
            left, how = local[-1], "adjacent"
        elif (t.family == "include" or not t.forward or level > 0) and lefts:
            # "X such as A", "A due to X", "A (a complication of X)": the group just before
            left, how = lefts[-1], "adjacent"
        elif prev_right and _RELATIVE.search(before) and depth(text, sent.start, prev_right[0].start) == level:
            # "A or B, such as a and b, which all add up to C": the relative points at what the examples illustrate
            left, how = (example_head or prev_right), "relative"
        elif t.text.split()[0].endswith("ing") and _PARTICIPLE.search(text[sent.start : t.start]) and subject:
            left, how = subject, "participle"
        elif lefts and lefts[-1] != prev_right:
            left, how = lefts[-1], "adjacent"
        else:
            # the subject is the left end only if it comes before the trigger (or from an earlier sentence)
            left, how = (subject, rule_subject) if subject and subject[0].start < t.start else ((), "none")
        if not right:
            if left:
                open_slot = Slot(t.family, "agent" if t.forward else "patient", left, sent.start, sent.end)
                previous = (t, left, ())
            continue
        if not left and fallback and t.family not in ("isa", "include"):
            left, how = fallback, "heading"
        if not left:
            open_slot = Slot(t.family, "patient" if t.forward else "agent", right, sent.start, sent.end)
            prev_right = right
            continue
        score = 0.8 if how in ("adjacent", "relative") else 0.65 if how in ("participle", "subject") else 0.55
        made = _pairs(t, left, right, sent, how, score)
        if not made and how == "anaphor" and fallback:
            made = _pairs(t, fallback, right, sent, "heading", 0.5)
        if not made and how == "relative" and subject and subject[0].start < t.start:
            # "A helps people relax, which lowers blood pressure": which = what A does, so A lowers it
            made = _pairs(t, subject, right, sent, "relative-clause", 0.5)
        relations.extend(made)
        prev_right = right
        previous = (t, left, right) if t.family != "include" else previous
        example_head = left if t.family == "include" else ()
    relations.extend(parenthetical(text, sent, mentions))
    relations.extend(chains(relations, sent))
    if star:
        relations.extend(cooccurrence(text, sent, gs, subject, relations, triggers))
    return relations, open_slot, subject


def _pairs(
    t: Trigger, left: tuple[Mention, ...], right: tuple[Mention, ...], sent: Sentence, how: str, score: float
) -> list[Relation]:
    out = []
    for a in left:
        for b in right:
            agent, patient = (a, b) if t.forward else (b, a)
            triple = pair(t.family, agent, patient)
            if triple:
                rule = f"{t.family}:{'forward' if t.forward else 'backward'}:{how}"
                out.append(Relation(*triple, sent.start, sent.end, t.start, rule, score))
    return out
