"""The review page and the review file: a curator accepts, edits or rejects each proposal.

:func:`review_html` renders one self-contained HTML page (Jinja, like the explorer; no network
request, a Content-Security-Policy that forbids any) listing every proposal with the words that
state it, the two ends and the cue words highlighted, its qualifiers and the controls to accept,
edit or reject it with a reason code (:data:`REASONS`). *Save review* downloads a JSON review file
(:data:`REVIEW_FORMAT`) that ``neurokg accept`` reads back with :func:`read_review`; *Open review*
loads one to go on where the curator stopped. The page and the file quote the document: both
belong in the ignored work directory.

The data goes into the page as JSON in a ``<script type="application/json">`` element (``<``,
``>``, ``&`` escaped) and is shown with ``textContent`` only, never parsed as HTML.

>>> from neurokg import load_graph
>>> from neurokg.curate.proposals import Proposal
>>> p = Proposal(document="d.txt", sha256="0" * 64, start=0, end=12, quote="<b>Diabetes</b>",
...              subject="nk:diabetes", subject_label="diabetes", predicate="causes",
...              object="nk:neuropathy", object_label="neuropathy")
>>> html = review_html(load_graph(corpus=None), [], [p])
>>> "<b>Diabetes</b>" in html, "\\\\u003cb\\\\u003eDiabetes" in html
(False, True)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from neurokg.core.errors import UsageError
from neurokg.core.namespace import NKO
from neurokg.curate.documents import Document
from neurokg.curate.proposals import CERTAINTY_LEVELS, Proposal, ProposalFileError, proposal_from_json

__all__ = [
    "REASONS",
    "DECISIONS",
    "REVIEW_FORMAT",
    "Decision",
    "Review",
    "review_html",
    "write_review_page",
    "read_review",
    "proposals_digest",
    "relation_choices",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
REVIEW_FORMAT = "neurokg-review/1"
"""The ``format`` of a review file."""

DECISIONS = ("pending", "accept", "edit", "reject")
REASONS: dict[str, str] = {
    "wrong-entity": "wrong entity: an end is not the concept the text names",
    "wrong-relation": "wrong relation: the text states another relation between these two",
    "wrong-direction": "wrong direction: subject and object are swapped",
    "not-stated": "not stated: the text does not say this",
    "hedge-missed": "hedge missed: the text hedges it (may, often, some people) and the proposal does not",
    "negation-missed": "negation missed: the text denies it",
    "advertising": "advertising: a promotional passage claims it",
    "qualifier-wrong": "qualifier wrong: line of therapy, durability or caveat is not what the text says",
    "duplicate": "duplicate: another proposal says the same from the same words",
    "too-general": "too general: true, but says nothing a reader needs",
    "other": "other (say why in the note)",
}
"""Reject reason codes and their meaning (the page offers them; ``accept`` logs them)."""


@dataclass(frozen=True)
class Decision:
    """A curator's decision on one proposal; ``edited`` holds the fields the curator changed."""

    proposal: Proposal
    decision: str
    reason: str | None = None
    note: str = ""
    edited: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Review:
    """A review file: who reviewed what, when, with which tool, and each decision."""

    documents: list[dict[str, Any]]
    decisions: list[Decision]
    curator: str
    reviewed: str
    tool_version: str
    rules_version: str
    proposals_digest: str


def proposals_digest(proposals: Sequence[Proposal]) -> str:
    """SHA-256 of the proposals' ids in order: which set of proposals a review file answers."""
    return hashlib.sha256("\n".join(p.id for p in proposals).encode()).hexdigest()


def relation_choices(graph: Graph) -> list[dict[str, str]]:
    """The ontology's domain relations (forward ones) with their labels, for the edit control."""
    out = []
    for prop in graph.subjects(RDFS.subPropertyOf, NKO.relatedTo):
        name = str(prop).rsplit("#", 1)[-1]
        label = graph.value(prop, RDFS.label)
        definition = graph.value(prop, SKOS.definition)
        out.append({"name": name, "label": str(label or name), "definition": str(definition or "")})
    return sorted(out, key=lambda r: r["label"])


def _contexts(p: Proposal, texts: dict[str, str]) -> list[str]:
    text = texts.get(p.document, "")
    return [text[a:b] for a, b in p.context if 0 <= a < b <= len(text)]


def _page_data(
    graph: Graph, documents: Sequence[Document], proposals: Sequence[Proposal], texts: dict[str, str]
) -> dict[str, Any]:
    from neurokg.core.resources import version

    return {
        "format": REVIEW_FORMAT,
        "generator": f"neurokg {version()}",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "digest": proposals_digest(proposals),
        "documents": [d.as_record() for d in documents],
        "proposals": [p.as_record() for p in proposals],
        "contexts": {p.id: _contexts(p, texts) for p in proposals if p.context},
        "relations": relation_choices(graph),
        "certainty": list(CERTAINTY_LEVELS),
        "reasons": REASONS,
    }


def review_html(
    graph: Graph,
    documents: Sequence[Document],
    proposals: Sequence[Proposal],
    *,
    texts: dict[str, str] | None = None,
    title: str = "neurokg review",
) -> str:
    """The review page for ``proposals`` (already re-anchored) of ``documents``.

    ``texts`` (file name -> text) gives the headings and lead-ins a proposal relies on (its context).
    """
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    data = _page_data(graph, documents, proposals, texts or {})
    return env.get_template("review.html.j2").render(title=title, data=data)


def write_review_page(
    graph: Graph,
    path: str | os.PathLike[str],
    documents: Sequence[Document],
    proposals: Sequence[Proposal],
    *,
    texts: dict[str, str] | None = None,
    title: str = "neurokg review",
) -> Path:
    """Write :func:`review_html` to ``path`` atomically; return the path."""
    from neurokg.core.atomic import atomic_write_text

    return atomic_write_text(path, review_html(graph, documents, proposals, texts=texts, title=title))


def _decision(data: Any, where: str) -> Decision:
    if not isinstance(data, dict) or "proposal" not in data:
        raise ProposalFileError(f"{where}: a decision must be an object with a proposal")
    proposal = proposal_from_json(data["proposal"], where=f"{where}.proposal")
    decision = data.get("decision", "pending")
    if decision not in DECISIONS:
        raise ProposalFileError(f"{where}: decision {decision!r} is not one of {', '.join(DECISIONS)}")
    reason = data.get("reason")
    if decision == "reject" and reason not in REASONS:
        raise ProposalFileError(f"{where}: a rejection needs a reason code ({', '.join(REASONS)}), got {reason!r}")
    edited = data.get("edited") or {}
    if not isinstance(edited, dict):
        raise ProposalFileError(f"{where}: 'edited' must be an object")
    if decision == "edit":
        merged = {**proposal.as_record(), **edited}
        merged.pop("id", None)
        proposal_from_json(merged, where=f"{where}.edited")  # the edited proposal must itself be valid
    return Decision(proposal, decision, reason if decision == "reject" else None, str(data.get("note") or ""), edited)


def read_review(path: str | os.PathLike[str]) -> Review:
    """Read and check a review file; a bad one raises a one-line error naming the file and the decision."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: review file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProposalFileError(f"{path}: not a JSON review file ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != REVIEW_FORMAT:
        raise ProposalFileError(f"{path}: not a review file (format must be {REVIEW_FORMAT!r})")
    decisions = [_decision(d, f"{path}: decision {n}") for n, d in enumerate(data.get("decisions") or [], 1)]
    return Review(
        documents=list(data.get("documents") or []),
        decisions=decisions,
        curator=str(data.get("curator") or ""),
        reviewed=str(data.get("reviewed") or ""),
        tool_version=str(data.get("tool_version") or ""),
        rules_version=str(data.get("rules_version") or ""),
        proposals_digest=str(data.get("digest") or ""),
    )
