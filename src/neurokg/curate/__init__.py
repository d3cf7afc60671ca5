"""Growing the graph from new documents: propose relations with their evidence, review them, measure.

``neurokg propose`` registers each document, proposes relations in the ontology's vocabulary with the
span that states each and its qualifiers, re-anchors every span, and writes JSON Lines and an offline
review page. Rules only (spaCy's blank English pipeline, no model): see ``docs/decisions/0050-*``.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "AnchorError": "neurokg.curate.anchor",
        "reanchor": "neurokg.curate.anchor",
        "Document": "neurokg.curate.documents",
        "register": "neurokg.curate.documents",
        "leave_one_out": "neurokg.curate.evaluate",
        "Proposal": "neurokg.curate.proposals",
        "read_jsonl": "neurokg.curate.proposals",
        "write_jsonl": "neurokg.curate.proposals",
        "Proposals": "neurokg.curate.propose",
        "propose_text": "neurokg.curate.propose",
        "propose_to_files": "neurokg.curate.propose",
        "Review": "neurokg.curate.review",
        "read_review": "neurokg.curate.review",
        "review_html": "neurokg.curate.review",
        "write_review_page": "neurokg.curate.review",
    },
)
