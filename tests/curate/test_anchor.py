"""Re-anchoring: a span is shown or merged only if it still points at the same words of the same text."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from neurokg.curate.anchor import AnchorError, reanchor
from neurokg.curate.proposals import read_jsonl
from neurokg.curate.propose import anchor_proposals, propose
from neurokg.rdf.provenance import document_hash
from tests.curate.leaflet import LEAFLET, write_leaflet

TEXT = "Diabetes can cause neuropathy. Diabetes is common."


def test_same_text_same_offsets() -> None:
    assert reanchor(TEXT, document_hash(TEXT), 0, 29, "Diabetes can cause neuropathy") == (0, 29)


@pytest.mark.parametrize(
    ("text", "sha", "start", "end", "quote", "reason"),
    [
        (" " + TEXT, document_hash(TEXT), 0, 29, "Diabetes can cause neuropathy", "document-changed"),  # shifted
        (TEXT.replace("can", "may"), document_hash(TEXT), 0, 29, "Diabetes can cause neuropathy", "document-changed"),
        (TEXT, document_hash(TEXT), 1, 30, "Diabetes can cause neuropathy", "quote-mismatch"),
        (TEXT, document_hash(TEXT), 40, 400, None, "offsets-out-of-range"),
        (TEXT, None, None, None, "Diabetes", "quote-ambiguous"),
        (TEXT, None, None, None, "insulin", "quote-not-found"),
        (TEXT, None, 0, 8, None, "no-anchor"),
    ],
)
def test_refused(
    text: str, sha: str | None, start: int | None, end: int | None, quote: str | None, reason: str
) -> None:
    with pytest.raises(AnchorError) as info:
        reanchor(text, sha, start, end, quote)
    assert info.value.reason == reason


def test_proposals_of_an_edited_document_are_dropped(bare_graph, tmp_path: Path) -> None:
    path = write_leaflet(tmp_path)
    made = propose(bare_graph, [path]).proposals
    edited = "Updated.\n" + LEAFLET  # every offset shifts and the hash changes
    kept, dropped = anchor_proposals(made, {"leaflet.txt": edited}, {"leaflet.txt": document_hash(edited)})
    assert kept == [] and len(dropped) == len(made)
    assert all(d.reason.startswith("document-changed") for d in dropped)
    same, none = anchor_proposals(made, {"leaflet.txt": LEAFLET}, {"leaflet.txt": document_hash(LEAFLET)})
    assert same == made and none == []


def test_external_candidates_go_through_the_same_anchoring(bare_graph, tmp_path: Path) -> None:
    path = write_leaflet(tmp_path)
    candidates = tmp_path / "other-tool.jsonl"
    good = {
        "document": "leaflet.txt",
        "start": None,
        "end": None,
        "quote": "Chemotherapy",
        "subject": "nk:chemotherapy",
        "predicate": "causes",
        "object": "nk:neuropathy",
        "score": 0.9,
        "source": "other-tool",
    }
    stale = {**good, "quote": "Radiation therapy", "subject": "nk:radiation_therapy"}
    shifted = {**good, "sha256": document_hash("an older version"), "start": 0, "end": 12}
    candidates.write_text("\n".join(json.dumps(c) for c in (good, stale, shifted)) + "\n", encoding="utf-8")
    external = read_jsonl(candidates)[1]
    result = propose(bare_graph, [path], candidates=external)
    kept = [p for p in result.proposals if p.source == "other-tool"]
    assert len(kept) == 1 and LEAFLET[kept[0].start : kept[0].end] == "Chemotherapy"
    assert kept[0].sha256 == document_hash(LEAFLET)  # anchored candidates carry the hash they were checked against
    assert sorted(d.reason.split(":")[0] for d in result.dropped) == ["document-changed", "quote-not-found"]
    assert replace(kept[0], score=0.1).id == kept[0].id  # the id names the statement and span, not the score
