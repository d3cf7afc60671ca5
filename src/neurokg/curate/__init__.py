"""Growing the graph from new documents: propose relations with their evidence, review them, measure.

``neurokg propose`` registers each document, proposes relations in the ontology's vocabulary with the
span that states each and its qualifiers, re-anchors every span, and writes JSON Lines and an offline
review page. Rules only (spaCy's blank English pipeline, no model): see ``docs/decisions/0050-*``.
"""

from __future__ import annotations

from neurokg.curate.anchor import AnchorError, reanchor
from neurokg.curate.documents import Document, register
from neurokg.curate.evaluate import leave_one_out
from neurokg.curate.proposals import Proposal, read_jsonl, write_jsonl
from neurokg.curate.propose import Proposals, propose, propose_text, propose_to_files
from neurokg.curate.review import Review, read_review, review_html, write_review_page

__all__ = [
    "AnchorError",
    "Document",
    "Proposal",
    "Proposals",
    "Review",
    "leave_one_out",
    "propose",
    "propose_text",
    "propose_to_files",
    "read_jsonl",
    "read_review",
    "reanchor",
    "register",
    "review_html",
    "write_jsonl",
    "write_review_page",
]
