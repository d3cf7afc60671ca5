"""From a curator's decision to a reading: the effective proposal, its ends resolved, its span re-anchored.

An accepted proposal is merged as proposed; an edited one with the curator's changes (``edited`` of
the review file); an accepted one may carry the curator's annotations only (:data:`ANNOTATIONS`:
a caveat in the curator's words, the population). Each end resolves to a concept of the graph: a
CURIE must name one, a label (a new end) must be a label of exactly one concept, so a new concept is
added to ``graph/`` by a curator, with its definition, before its relations are accepted. A span is
re-anchored against the document as it is now; a shifted or edited document refuses it.

>>> from neurokg import load_graph
>>> from neurokg.curate.vocabulary import vocabulary
>>> vocab = vocabulary(load_graph(corpus=None))
>>> resolve_end(vocab, "Diabetes Mellitus"), resolve_end(vocab, "nk:diabetes")
('nk:diabetes', 'nk:diabetes')
>>> resolve_end(vocab, "foot nerve pain")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
ReadingError: 'foot nerve pain' is not a label of any concept of the graph: ...
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from neurokg.curate.anchor import AnchorError, reanchor
from neurokg.curate.proposals import Proposal, ProposalFileError, proposal_from_json
from neurokg.curate.review import Decision
from neurokg.curate.vocabulary import Vocabulary

__all__ = ["ANNOTATIONS", "STATUSES", "Reading", "ReadingError", "effective", "resolve_end", "reading"]

ANNOTATIONS = frozenset({"caveat", "population"})
"""Fields an *accepted* proposal may carry from the curator without becoming an edit."""

STATUSES = ("Stated", "Advertised", "InferredByCurator")


class ReadingError(ValueError):
    """A decision that cannot be merged; the message says why in one line."""


@dataclass(frozen=True)
class Reading:
    """What one accepted or edited decision puts into the graph: a relation read at one span."""

    proposal: Proposal
    decision: str
    subject: str
    object: str
    start: int
    end: int


def effective(decision: Decision) -> Proposal:
    """The proposal as the curator accepted it: edits applied, annotations kept."""
    p, edited = decision.proposal, dict(decision.edited)
    if not edited:
        return p
    if decision.decision == "accept" and not set(edited) <= ANNOTATIONS:
        extra = ", ".join(sorted(set(edited) - ANNOTATIONS))
        raise ReadingError(
            f"an accepted proposal carries only a caveat or a population; changing {extra} makes it an edit"
        )
    if ("start" in edited or "end" in edited) and "quote" not in edited:
        edited["quote"] = None  # the old quote does not hold for new offsets: the hash anchors them
    merged = {**p.as_record(), **edited}
    merged.pop("id", None)
    try:
        return replace(proposal_from_json(merged, where="edited"), id=p.id)
    except ProposalFileError as exc:
        raise ReadingError(str(exc)) from exc


def resolve_end(vocab: Vocabulary, value: str) -> str:
    """The CURIE of the concept ``value`` names: a CURIE of the graph, or a label of exactly one concept."""
    if value.startswith("nk:"):
        if value not in vocab.concepts:
            raise ReadingError(f"{value} is not a concept of the graph: add it to graph/ first (docs/curation.md)")
        return value
    found = vocab.lookup(value)
    if not found:
        raise ReadingError(
            f"{value!r} is not a label of any concept of the graph: add the concept to graph/ with its "
            "definition, or edit the end to a known concept"
        )
    if len(found) > 1:
        raise ReadingError(f"{value!r} is a label of several concepts ({', '.join(found)}): edit the end to one")
    return found[0]


def reading(decision: Decision, vocab: Vocabulary, text: str, text_sha256: str) -> Reading:
    """Check one accepted or edited decision against the graph's concepts and the document's text."""
    p = effective(decision)
    if p.negated and p.status == "Advertised":
        raise ReadingError(
            "a negated reading is stated or inferred: advertising that denies a relation is not a denial"
        )
    if p.status not in STATUSES:
        raise ReadingError(f"status {p.status!r} is not one of {', '.join(STATUSES)}")
    if p.status == "InferredByCurator" and not p.reason.strip():
        raise ReadingError("a reading inferred by the curator needs a reason, in the curator's own words")
    try:
        start, end = reanchor(text, p.sha256, p.start, p.end, p.quote, text_sha256=text_sha256)
    except AnchorError as exc:
        raise ReadingError(str(exc)) from exc
    subject, obj = resolve_end(vocab, p.subject), resolve_end(vocab, p.object)
    if subject == obj:
        raise ReadingError(f"subject and object are the same concept ({subject})")
    return Reading(p, decision.decision, subject, obj, start, end)
