"""Measuring the proposer against the curated graph, leaving one document out.

For a held-out document, the vocabulary loses every label that occurs in that document and in no
other (:func:`held_out_vocabulary`): names only that document uses must be found as new terms. A
proposal *matches* a curated statement with evidence in the document when its subject and object
name the statement's two concepts (the same CURIE, or, for a new end, a name that normalises to
one of the concept's labels) and its span overlaps one of the statement's evidence spans there.

- *pair*: the two concepts match in either direction, whatever the property;
- *typed*: the property and the direction match too.

Recall counts matched statements, precision matching proposals. Qualifier accuracy compares, on each
matched statement (its best proposal), the certainty, negation, line of therapy, durability and
advertising flag with what the graph records.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from neurokg.core.namespace import NKO, curie
from neurokg.curate.documents import read_text, register
from neurokg.curate.names import normalise
from neurokg.curate.proposals import Proposal
from neurokg.curate.propose import propose_text
from neurokg.curate.vocabulary import Vocabulary, vocabulary

__all__ = [
    "GoldStatement",
    "Scores",
    "FIELDS",
    "gold_statements",
    "held_out_vocabulary",
    "matched_proposals",
    "score",
    "leave_one_out",
]

FIELDS = ("certainty", "negated", "line_of_therapy", "durability", "advertising")
"""The qualifiers compared on matched statements."""


@dataclass(frozen=True)
class GoldStatement:
    """A curated statement with evidence in one document: its triple, spans there and qualifiers."""

    subject: str
    predicate: str
    object: str
    spans: tuple[tuple[int, int], ...]
    certainty: str
    line_of_therapy: str | None
    durability: str | None
    advertising: bool
    negated: bool = False
    readings: tuple[tuple[int, int, str | None, bool | None], ...] = ()
    """Per-evidence certainty and advertising status, where the graph records them (the evidence-status
    model of "Trustworthy answers I"); a matched proposal is compared with the reading of its span."""

    def reading(self, start: int, end: int) -> tuple[str, bool]:
        """The certainty and advertising flag of the evidence that ``[start, end)`` overlaps."""
        for a, b, certainty, advertised in self.readings:
            if a < end and start < b:
                return certainty or self.certainty, self.advertising if advertised is None else advertised
        return self.certainty, self.advertising


@dataclass
class Scores:
    """Counts and ratios of one document's evaluation."""

    document: str
    proposals: int = 0
    statements: int = 0
    matched: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    qualifiers: dict[str, tuple[int, int]] = field(default_factory=dict)

    def recall(self, level: str) -> float:
        return self.matched.get(level, 0) / self.statements if self.statements else 0.0

    def precision(self, level: str) -> float:
        return self.correct.get(level, 0) / self.proposals if self.proposals else 0.0

    def qualifier_accuracy(self, name: str | None = None) -> float:
        pairs = [self.qualifiers[name]] if name else list(self.qualifiers.values())
        total = sum(n for _, n in pairs)
        return sum(k for k, _ in pairs) / total if total else 0.0


def _local(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def gold_statements(graph: Graph, file_name: str) -> list[GoldStatement]:
    """The curated statements with at least one evidence span in the document ``file_name`` that the text gives.

    A curator's inferred reading (``nko:InferredByCurator``: a step closing a named cycle, a class a document
    does not name) is not something the text says, so a span of that kind alone makes no gold statement.
    """
    doc = next((d for d in graph.subjects(NKO.fileName, Literal(file_name))), None)
    if doc is None:
        return []
    out = []
    for st in graph.subjects(RDF.type, NKO.Statement):
        spans = []
        readings = []
        for ev in graph.objects(st, NKO.evidence):
            if graph.value(ev, NKO.document) == doc and graph.value(ev, NKO.status) != NKO.InferredByCurator:
                start, end = graph.value(ev, NKO.start), graph.value(ev, NKO.end)
                if isinstance(start, Literal) and isinstance(end, Literal):
                    spans.append((int(start), int(end)))
                    own = graph.value(ev, NKO.certainty)
                    status = graph.value(ev, NKO.status)
                    advertised = None if status is None else _local(status) == "Advertised"
                    if own is not None or advertised is not None:
                        readings.append((int(start), int(end), _local(own) if own else None, advertised))
        if not spans:
            continue
        line, durability = graph.value(st, NKO.lineOfTherapy), graph.value(st, NKO.durability)
        # advertising in this document: every reading of it here is an advertising claim
        advertising = bool(readings) and all(r[3] for r in readings)
        out.append(
            GoldStatement(
                subject=curie(str(graph.value(st, RDF.subject))),
                predicate=_local(graph.value(st, RDF.predicate)),
                object=curie(str(graph.value(st, RDF.object))),
                spans=tuple(sorted(spans)),
                certainty=_local(graph.value(st, NKO.certainty) or NKO.Asserted),
                line_of_therapy=_local(line) if line else None,
                durability=_local(durability) if durability else None,
                advertising=advertising,
                readings=tuple(sorted(readings, key=lambda r: (r[0], r[1]))),
            )
        )
    return sorted(out, key=lambda g: (g.spans, g.subject, g.predicate, g.object))


def _words(text: str) -> str:
    return f" {normalise(text)} "


def held_out_vocabulary(vocab: Vocabulary, held_text: str, other_texts: Iterable[str]) -> Vocabulary:
    """``vocab`` without the labels that occur (as normalised words) in ``held_text`` and in no other text."""
    held = _words(held_text)
    others = [_words(t) for t in other_texts]

    def only_held(label: str) -> bool:
        key = f" {normalise(label)} "
        return key in held and not any(key in o for o in others)

    return vocab.without(only_held)


def _names(vocab: Vocabulary) -> dict[str, set[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for c in vocab.concepts.values():
        for label in (*c.labels, *c.forms):  # a surface form anchors the curated evidence: a mention of c
            table[normalise(label)].add(c.id)
    return table


def _ids(end: str, new: bool, names: dict[str, set[str]]) -> set[str]:
    return names.get(normalise(end), set()) if new else {end}


def _matches(
    proposals: Sequence[Proposal], gold: Sequence[GoldStatement], full: Vocabulary
) -> tuple[dict[str, set[int]], dict[str, set[str]], dict[int, Proposal]]:
    """Matched statement indexes and matching proposal ids per level, and each matched statement's best proposal."""
    names = _names(full)
    levels = ("pair", "directed", "typed")
    matched: dict[str, set[int]] = {lv: set() for lv in levels}
    correct: dict[str, set[str]] = {lv: set() for lv in levels}
    best: dict[int, tuple[tuple[bool, float], Proposal]] = {}
    for p in proposals:
        subj, obj = _ids(p.subject, p.subject_new, names), _ids(p.object, p.object_new, names)
        for k, g in enumerate(gold):
            if not any(p.start < e and s < p.end for s, e in g.spans):
                continue
            directed = g.subject in subj and g.object in obj
            if not (directed or (g.subject in obj and g.object in subj)):
                continue
            hits = {"pair": True, "directed": directed, "typed": directed and p.predicate == g.predicate}
            for lv in levels:
                if hits[lv]:
                    matched[lv].add(k)
                    correct[lv].add(p.id)
            rank = (hits["typed"], p.score)
            if k not in best or rank > best[k][0]:
                best[k] = (rank, p)
    return matched, correct, {k: p for k, (_, p) in best.items()}


def matched_proposals(
    document: str, proposals: Sequence[Proposal], gold: Sequence[GoldStatement], full: Vocabulary
) -> list[tuple[GoldStatement, Proposal]]:
    """Each matched statement with its best proposal (a typed match first, then the highest score)."""
    _, _, best = _matches(proposals, gold, full)
    return [(gold[k], best[k]) for k in sorted(best)]


def score(document: str, proposals: Sequence[Proposal], gold: Sequence[GoldStatement], full: Vocabulary) -> Scores:
    """Score one document's proposals against its curated statements (see the module docstring)."""
    result = Scores(document, proposals=len(proposals), statements=len(gold))
    matched, correct, best = _matches(proposals, gold, full)
    result.matched = {lv: len(v) for lv, v in matched.items()}
    result.correct = {lv: len(v) for lv, v in correct.items()}
    agree = {name: [0, 0] for name in FIELDS}
    for k, p in best.items():
        certainty, advertising = gold[k].reading(p.start, p.end)
        expected = {"certainty": certainty, "advertising": advertising}
        for name in FIELDS:
            agree[name][1] += 1
            agree[name][0] += getattr(p, name) == expected.get(name, getattr(gold[k], name))
    result.qualifiers = {k: (v[0], v[1]) for k, v in agree.items()}
    return result


def leave_one_out(
    graph: Graph, corpus: str | os.PathLike[str], held: str, others: Sequence[str]
) -> tuple[Scores, list[Proposal]]:
    """Propose for document ``held`` with a vocabulary without its own names; score it."""
    corpus = Path(corpus)
    full = vocabulary(graph)
    text = read_text(corpus / held)
    vocab = held_out_vocabulary(full, text, [read_text(corpus / o) for o in others])
    proposals = propose_text(vocab, register(corpus / held, text), text)
    return score(held, proposals, gold_statements(graph, held), full), proposals
