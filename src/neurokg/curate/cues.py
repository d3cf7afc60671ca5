"""Cue words and their scope: what hedges, negates or otherwise qualifies a relation.

Cue rules (``rules/cues.toml``) are general phrases matched with spaCy's PhraseMatcher: hedges and
frequency words set the certainty (an ``nko:CertaintyLevel``), negations negate, and other phrases
give the line of therapy, durability, a caveat kind, an attribution or an advertising passage.
Values are ontology individuals, checked against the closed namespace when the rules load.

A cue qualifies a relation, not a word: :func:`qualify` applies the cues of the relation's clause
(the part of the sentence between ``but``, ``while``, ``which``, ``;`` and the like that holds the
relation's trigger), so ``Sometimes NSAIDs are used, but they may not reduce nerve pain`` gives the
first relation *in some cases* and the second *may not help*.

>>> text = "Sometimes NSAIDs are used, but they may not reduce nerve pain."
>>> cues = find_cues(text)
>>> [(c.kind, text[c.start:c.end]) for c in cues]  # doctest: +NORMALIZE_WHITESPACE
[('certainty', 'Sometimes'), ('certainty', 'may'), ('pseudo', 'may not'), ('caveat', 'may not reduce'),
 ('negation', 'not')]
>>> q = qualify(text, cues, 0, 25, anchor=17)
>>> q.certainty, q.hedge, q.negated
('InSomeCases', ('Sometimes',), False)
>>> qualify(text, cues, 27, len(text), anchor=45).caveats
('MayNotHelp',)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from neurokg.core.namespace import NKO
from neurokg.curate.terms import RULES_DIR
from neurokg.curate.tokens import blank_english

__all__ = ["Cue", "Qualifiers", "CueRules", "cue_rules", "find_cues", "qualify", "clause_bounds", "is_advertising"]

_CLAUSE_BREAK = re.compile(
    r"[;]|,\s*(?:but|while|whereas|although|though|which|so)\b|\b(?:but|whereas|however)\b"
    r"|\b(?:that|which|who)\s+(?:are|is|were|was)\b"
)
_MODALS = frozenset({"may", "might", "can", "could", "may be", "can be", "could be", "might be"})
_BYLINE = re.compile(r"\bBy\s+[A-Z]{2,}(?:\s+[A-Z]{2,})+\b")


@dataclass(frozen=True)
class Cue:
    """A cue phrase at ``text[start:end]``: its ``kind`` and the ``value`` it sets."""

    start: int
    end: int
    kind: str
    value: str
    text: str


@dataclass(frozen=True)
class Qualifiers:
    """What the text says about one relation, in the ontology's terms (local names of ``nko:``)."""

    certainty: str = "Asserted"
    hedge: tuple[str, ...] = ()
    negated: bool = False
    line_of_therapy: str | None = None
    durability: str | None = None
    caveats: tuple[str, ...] = ()
    attributed_to: str | None = None
    advertising: bool = False
    cues: tuple[Cue, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CueRules:
    """The PhraseMatcher of the cue rules, the certainty priority and the rules' version."""

    matcher: Any
    labels: dict[str, tuple[str, str]]
    priority: tuple[str, ...]
    version: int
    byline: bool


def _check(kind: str, value: str) -> None:
    if kind in ("certainty", "line", "durability", "caveat"):
        getattr(NKO, value)  # a misspelt individual raises AttributeError here, not in a proposal


@lru_cache(maxsize=1)
def cue_rules() -> CueRules:
    """The cue rules of ``rules/cues.toml``, compiled into one PhraseMatcher (lower-case match)."""
    from spacy.matcher import PhraseMatcher

    data = tomllib.loads((RULES_DIR / "cues.toml").read_text(encoding="utf-8"))
    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str, str]] = {}
    byline = False
    for n, rule in enumerate(data["cue"]):
        _check(rule["kind"], rule["value"])
        key = f"cue{n}"
        labels[key] = (rule["kind"], rule["value"])
        matcher.add(key, [nlp.make_doc(p) for p in rule["phrases"]])
        byline = byline or bool(rule.get("byline"))
    for level in data["priority"]:
        _check("certainty", level)
    return CueRules(matcher, labels, tuple(data["priority"]), int(data["version"]), byline)


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Cues in ``text[start:end]``; a phrase inside a longer one of the same kind is dropped."""
    rules = cue_rules()
    end = len(text) if end is None else end
    doc = blank_english().make_doc(text[start:end])
    found: list[Cue] = []
    for match_id, a, b in rules.matcher(doc):
        kind, value = rules.labels[doc.vocab.strings[match_id]]
        span = doc[a:b]
        s, e = start + span.start_char, start + span.end_char
        found.append(Cue(s, e, kind, value, text[s:e]))
    if rules.byline:
        for m in _BYLINE.finditer(text, start, end):
            found.append(Cue(m.start(), m.end(), "advertising", "byline", m.group()))
    keep = [
        c
        for c in found
        if not any(
            o is not c
            and o.kind == c.kind
            and o.start <= c.start
            and c.end <= o.end
            and (o.end - o.start) > (c.end - c.start)
            for o in found
        )
    ]
    return sorted(keep, key=lambda c: (c.start, c.end, c.kind))


def is_advertising(cues: list[Cue]) -> bool:
    """True when a passage's cues mark it as advertising: a byline, or two different advertising phrases."""
    ads = [c for c in cues if c.kind == "advertising"]
    return any(c.value == "byline" for c in ads) or len({c.text.casefold() for c in ads}) >= 2


def clause_bounds(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """The clause of the sentence ``text[start:end]`` that holds offset ``anchor``."""
    a, b = start, end
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.end() <= anchor:
            a = m.end()
        elif m.start() >= anchor:
            b = m.start()
            break
    return a, b


def _pseudo(cue: Cue, cues: list[Cue]) -> bool:
    """A negation word that is part of a phrase which does not negate (``not all``, ``not the first line``)."""
    return any(p.kind == "pseudo" and p.start < cue.end and cue.start < p.end for p in cues)


def qualify(
    text: str,
    cues: list[Cue],
    start: int,
    end: int,
    *,
    anchor: int,
    skip: tuple[tuple[int, int], ...] = (),
    advertising: bool = False,
    within: tuple[int, int] | None = None,
    triggers: tuple[int, ...] = (),
) -> Qualifiers:
    """The qualifiers of a relation whose trigger (or first end) is at ``anchor`` in sentence ``[start, end)``.

    Cues count inside the anchor's clause only; ``skip`` lists spans whose cues do not count (the
    subject's name: *long-term* in a name is not a durability); ``within`` narrows the scope further
    (a classification such as *A is a kind of B* takes only the cues between its two ends). Given
    the sentence's ``triggers`` (their start offsets), a modal (*may*, *can*) qualifies the triggers
    after it, not one before it: in *X caused by Y can trigger Z*, *can* belongs to *trigger*.
    """
    a, b = clause_bounds(text, start, end, anchor)
    if within is not None:
        a, b = max(a, within[0]), min(b, within[1])
    scoped = [c for c in cues if a <= c.start and c.end <= b and not any(s <= c.start and c.end <= e for s, e in skip)]
    if triggers:
        scoped = [c for c in scoped if not _modal_elsewhere(c, anchor, triggers)]
    rules = cue_rules()
    levels = {c.value for c in scoped if c.kind == "certainty"}
    certainty = next((lv for lv in rules.priority if lv in levels), "Asserted")
    hedge = tuple(c.text for c in scoped if c.kind == "certainty" and c.value == certainty)
    negated = any(c.kind == "negation" and not _pseudo(c, cues) for c in scoped)
    lines = [c.value for c in scoped if c.kind == "line"]
    line = "NotFirstLine" if "NotFirstLine" in lines else "LastResort" if "LastResort" in lines else None
    line = line or (lines[0] if lines else None)
    durations = [c.value for c in scoped if c.kind == "durability"]
    caveats = tuple(sorted({c.value for c in scoped if c.kind == "caveat"}))
    attribution = next((_attribution(text, c, b) for c in scoped if c.kind == "attribution"), None)
    return Qualifiers(
        certainty=certainty,
        hedge=hedge,
        negated=negated,
        line_of_therapy=line,
        durability=durations[0] if durations else None,
        caveats=caveats,
        attributed_to=attribution,
        advertising=advertising,
        cues=tuple(scoped),
    )


def _modal_elsewhere(cue: Cue, anchor: int, triggers: tuple[int, ...]) -> bool:
    """True for a modal after the trigger at ``anchor``: it belongs to a later verb of the clause."""
    if cue.kind != "certainty" or cue.text.casefold() not in _MODALS:
        return False
    return cue.start > anchor and any(anchor < t for t in triggers)


def _attribution(text: str, cue: Cue, end: int) -> str:
    """Who the text credits: the words after "according to", else the cue itself (``researchers``)."""
    if cue.text.casefold() == "according to":
        tail = re.match(r"\s*(?:the\s+)?([^,.;:()]{2,60})", text[cue.end : end])
        if tail:
            return tail.group(1).strip()
    return cue.text
