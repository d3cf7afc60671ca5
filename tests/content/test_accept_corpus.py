"""``neurokg propose`` then ``neurokg accept`` end to end on a document of the corpus, against a copy of the real graph.

The NIH page on complex regional pain syndrome is already curated: its rejected proposals stay out of a new
proposal run, a proposal a curator already wrote by hand changes nothing, a new reading becomes a statement with
its provenance, and accepting again changes nothing (tests/curate/test_accept.py covers an unseen document).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import Literal

from neurokg.core.namespace import NK, NKO
from neurokg.curate.proposals import read_jsonl
from neurokg.rdf.load import load_graph
from neurokg.rdf.provenance import statement_iri
from tests.conftest import CORPUS, ROOT
from tests.curate.acceptgraph import write_review

CRPS = "nih_ninds_0000059_complex-regional-pain-syndrome.txt"
NEW = "nk:immune_response mechanismOf nk:complex_regional_pain_syndrome"
STEROID = "nk:steroid treats nk:pain"
BY_HAND = "nk:complex_regional_pain_syndrome affects nk:hand"
FRAGMENT = "traumatic injury to lower causes nk:complex_regional_pain_syndrome"


def test_propose_and_accept_on_a_corpus_page(cli, tmp_path: Path) -> None:
    corpus = CORPUS
    gdir = tmp_path / "graph"
    shutil.copytree(ROOT / "graph", gdir)
    out = tmp_path / "crps.jsonl"
    code, stdout, err = cli("propose", corpus / CRPS, "-o", out, "--no-review", "--graph", gdir)
    assert code == 0, err
    assert "left out 2 proposals a curator rejected before" in stdout
    documents, proposals = read_jsonl(out)
    assert documents[0]["file_name"] == CRPS
    found = {f"{p.subject} {p.predicate} {p.object}" for p in proposals}
    assert {NEW, STEROID, BY_HAND, FRAGMENT} <= found
    decide = {NEW: ("accept",), BY_HAND: ("accept",), FRAGMENT: ("reject", "wrong-entity", "a fragment of a phrase")}
    review = write_review(tmp_path / "crps.review.json", documents, proposals, decide)
    # the page's curated reading already says the immune response causes CRPS: one fact takes one causal
    # relation, so accepting it as a mechanism is refused by the QC rule, and nothing is written
    before = {p.name: p.read_bytes() for p in gdir.iterdir()}
    code, _, err = cli("accept", review, "--graph", gdir, "--corpus", corpus, "--format", "json")
    assert code == 1 and "two-causal-relations" in err
    assert {p.name: p.read_bytes() for p in gdir.iterdir()} == before
    del decide[NEW]
    decide[STEROID] = ("accept",)
    review = write_review(tmp_path / "crps.review.json", documents, proposals, decide)

    code, stdout, err = cli("accept", review, "--graph", gdir, "--corpus", corpus, "--format", "json")
    assert code == 0, err
    (row,) = json.loads(stdout)
    assert (row["accepted"], row["rejected"], row["new statements"], row["unchanged"]) == (2, 1, 1, 1), row
    assert FRAGMENT.split(" causes ")[0] in (gdir / "rejections.tsv").read_text(encoding="utf-8")

    g = load_graph(graph_dir=gdir, corpus=corpus)
    st = statement_iri(NK.steroid, NKO.treats, NK.pain)
    (ev,) = g.objects(st, NKO.evidence)
    assert g.value(ev, NKO.status) == NKO.Stated
    assert g.value(ev, NKO.agentType) == NKO.ManualValidationOfAutomatedAgent
    assert g.value(ev, NKO.validatedBy) == Literal("A. Curator") and g.value(ev, NKO.proposedBy)
    assert str(g.value(ev, NKO.text))  # re-anchored: the span resolves against the corpus
    assert (NK.steroid, NKO.treats, NK.pain) in g
    assert (NK.immune_response, NKO.mechanismOf, NK.complex_regional_pain_syndrome) not in g

    code, stdout, _ = cli("accept", review, "--graph", gdir, "--corpus", corpus)
    assert code == 0 and "nothing to change: the graph already holds these decisions" in stdout
