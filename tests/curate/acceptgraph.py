"""A small graph, a corpus and reviews for the ``accept`` tests (our own words; no corpus document)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neurokg.curate.proposals import Proposal
from neurokg.curate.propose import propose
from neurokg.curate.review import REVIEW_FORMAT, proposals_digest
from neurokg.rdf.load import load_graph
from neurokg.rdf.provenance import document_hash
from tests.curate.leaflet import LEAFLET
from tests.fixturegraph import PREFIXES

HANDOUT = "Clinic Handout\n\nOver the years, diabetes can cause neuropathy.\n"
"""A second invented document: it states one relation the leaflet states too."""

CONCEPTS = """
nkd:handbook a nko:SourceDocument ;
    rdfs:label "invented handbook"@en ;
    nko:fileName "handbook.txt" ;
    nko:sha256 "HASH" ;
    nko:charCount LENGTH ;
    nko:titleStart 0 ;
    nko:titleEnd 8 .

nk:diabetes a nko:Condition , nko:Cause ;
    skos:prefLabel "diabetes"@en ;
    skos:definition "A disease of high blood sugar."@en .
nk:neuropathy a nko:Condition ;
    skos:prefLabel "neuropathy"@en ;
    skos:definition "Damage to nerves."@en .
nk:neuropathic_pain a nko:Condition ;
    skos:prefLabel "neuropathic pain"@en ;
    skos:definition "Pain from damaged nerves."@en .
nk:gabapentin a nko:Drug ;
    skos:prefLabel "gabapentin"@en ;
    skos:definition "An anti-seizure drug."@en .
nk:opioid a nko:DrugClass ;
    skos:prefLabel "opioid"@en ;
    skos:altLabel "opioids"@en ;
    skos:definition "A strong pain medicine."@en .
nk:nerve_block a nko:Procedure ;
    skos:prefLabel "nerve block"@en ;
    skos:altLabel "nerve blocks"@en ;
    skos:definition "An injection near a nerve."@en .
nk:chemotherapy a nko:Treatment , nko:Exposure , nko:Cause ;
    skos:prefLabel "chemotherapy"@en ;
    skos:definition "Cancer drugs."@en .
nk:vitamin_b_deficiency a nko:Cause , nko:Condition ;
    skos:prefLabel "vitamin B deficiency"@en ;
    skos:definition "Too little vitamin B."@en .

nk:diabetes nko:causes nk:neuropathic_pain .
[] a nko:Statement ; rdf:subject nk:diabetes ; rdf:predicate nko:causes ; rdf:object nk:neuropathic_pain ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S0 ; nko:end E0 ; nko:status nko:Stated ] .
nk:gabapentin nko:treats nk:neuropathic_pain .
[] a nko:Statement ; rdf:subject nk:gabapentin ; rdf:predicate nko:treats ; rdf:object nk:neuropathic_pain ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S1 ; nko:end E1 ; nko:status nko:Stated ] .
nk:opioid nko:treats nk:neuropathic_pain .
[] a nko:Statement ; rdf:subject nk:opioid ; rdf:predicate nko:treats ; rdf:object nk:neuropathic_pain ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S2 ; nko:end E2 ; nko:status nko:Stated ] .
nk:nerve_block nko:treats nk:neuropathic_pain .
[] a nko:Statement ; rdf:subject nk:nerve_block ; rdf:predicate nko:treats ; rdf:object nk:neuropathic_pain ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S3 ; nko:end E3 ; nko:status nko:Stated ] .
nk:chemotherapy nko:causes nk:neuropathy .
[] a nko:Statement ; rdf:subject nk:chemotherapy ; rdf:predicate nko:causes ; rdf:object nk:neuropathy ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S4 ; nko:end E4 ; nko:status nko:Stated ] .
nk:vitamin_b_deficiency nko:causes nk:neuropathy .
[] a nko:Statement ; rdf:subject nk:vitamin_b_deficiency ; rdf:predicate nko:causes ; rdf:object nk:neuropathy ;
    nko:evidence [ nko:document nkd:handbook ; nko:start S5 ; nko:end E5 ; nko:status nko:Stated ] .
"""

SPANS = ("diabetes: pain.", "gabapentin: pain.", "opioids: pain.", "nerve blocks: pain.", "chemotherapy: neuropathy.",
         "vitamin B deficiency: neuropathy.")  # fmt: skip
HANDBOOK = "Handbook\n\n" + " ".join(SPANS) + "\n"
"""The text of the graph's own hand-curated document: one span for each relation above."""


def make_setup(tmp: Path) -> tuple[Path, Path]:
    """A graph directory and a corpus holding the handbook, the leaflet and the handout."""
    gdir, corpus = tmp / "graph", tmp / "corpus"
    gdir.mkdir(parents=True)
    corpus.mkdir(parents=True)
    concepts = CONCEPTS.replace("HASH", document_hash(HANDBOOK)).replace("LENGTH", str(len(HANDBOOK)))
    for n, span in enumerate(SPANS):
        start = HANDBOOK.index(span)
        concepts = concepts.replace(f"S{n} ;", f"{start} ;").replace(f"E{n} ;", f"{start + len(span)} ;")
    (gdir / "concepts.ttl").write_text(PREFIXES + concepts, encoding="utf-8")
    for name, text in (("handbook.txt", HANDBOOK), ("leaflet.txt", LEAFLET), ("handout.txt", HANDOUT)):
        (corpus / name).write_text(text, encoding="utf-8")
    return gdir, corpus


def proposals_for(gdir: Path, corpus: Path, name: str) -> tuple[list[dict[str, Any]], list[Proposal]]:
    """What ``propose`` makes of one corpus document against the small graph."""
    result = propose(load_graph(graph_dir=gdir, corpus=corpus), [corpus / name])
    return [d.as_record() for d in result.documents], result.proposals


def write_review(
    path: Path,
    documents: list[dict[str, Any]],
    proposals: list[Proposal],
    decide: dict[str, tuple],
    *,
    curator: str = "A. Curator",
    reviewed: str = "2025-06-02T09:00:00Z",
) -> Path:
    """A review file as the review page saves it; ``decide`` maps ``subject predicate object`` to a decision.

    A decision is ``("accept",)``, ``("accept", annotations)``, ``("edit", edited)`` or
    ``("reject", reason, note)``; every other proposal stays pending.
    """
    decisions = []
    for p in proposals:
        d = decide.get(f"{p.subject} {p.predicate} {p.object}", ("pending",))
        rec = {"proposal": p.as_record(), "decision": d[0], "reason": None, "note": "", "edited": {}}
        if d[0] == "reject":
            rec["reason"], rec["note"] = d[1], d[2]
        elif len(d) > 1:
            rec["edited"] = d[1]
        decisions.append(rec)
    review = {
        "format": REVIEW_FORMAT,
        "digest": proposals_digest(proposals),
        "created": reviewed,
        "reviewed": reviewed,
        "curator": curator,
        "tool_version": proposals[0].tool_version,
        "rules_version": proposals[0].rules_version,
        "documents": documents,
        "decisions": decisions,
    }
    path.write_text(json.dumps(review, indent=1), encoding="utf-8")
    return path
