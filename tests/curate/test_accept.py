"""``neurokg accept``: reviewed proposals become ordinary statements with evidence, status and provenance."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from neurokg.core.namespace import NK, NKO
from neurokg.curate.accept import AcceptError, accept
from neurokg.curate.merge import accepted_file_name
from neurokg.curate.propose import propose
from neurokg.curate.rejections import LOG_NAME, read_rejections
from neurokg.rdf.load import load_graph
from neurokg.rdf.provenance import document_hash, statement_iri
from tests.curate.acceptgraph import make_setup, proposals_for, write_review
from tests.curate.leaflet import LEAFLET
from tests.fixturegraph import PREFIXES

DIABETES = "nk:diabetes causes nk:neuropathy"
GABAPENTIN = "nk:gabapentin treats nk:neuropathic_pain"
CHEMO = "nk:chemotherapy causes foot nerve pain"
OPIOID = "nk:opioid riskFactorFor addiction"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A graph, a corpus and a review of the leaflet: one accepted, one edited, one rejected."""
    gdir, corpus = make_setup(tmp_path)
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    review = write_review(
        tmp_path / "leaflet.review.json",
        documents,
        proposals,
        {
            DIABETES: ("accept", {"caveat": "Over time."}),
            GABAPENTIN: ("edit", {"predicate": "manages", "caveats": ["MayNotHelp"]}),
            CHEMO: ("reject", "wrong-entity", "foot nerve pain is not a concept; the cause is of neuropathy"),
        },
    )
    return gdir, corpus, review


def readings(gdir: Path, corpus: Path, s: str, p: str, o: str) -> dict[str, dict]:
    """Evidence of one statement of the graph in ``gdir``: document file name -> property -> values."""
    g = load_graph(graph_dir=gdir, corpus=corpus)
    st = statement_iri(NK[s], NKO[p], NK[o])
    out: dict[str, dict] = {}
    for ev in g.objects(st, NKO.evidence):
        name = str(g.value(g.value(ev, NKO.document), NKO.fileName))
        props: dict = {}
        for prop, value in g.predicate_objects(ev):
            props.setdefault(str(prop).rsplit("#", 1)[-1], set()).add(value)
        out[name] = props
    return out


def test_accepted_and_edited_proposals_become_statements_with_provenance(setup) -> None:
    gdir, corpus, review = setup
    result = accept([review], graph_dir=gdir, corpus=corpus)
    assert [p.name for p in result.written] == [accepted_file_name("leaflet.txt"), LOG_NAME]
    counts = result.counts["leaflet.txt"]
    assert (counts["accept"], counts["edit"], counts["reject"], counts["new statement"]) == (1, 1, 1, 2)
    assert counts["pending"] == 3

    ev = readings(gdir, corpus, "diabetes", "causes", "neuropathy")["leaflet.txt"]
    assert ev["status"] == {NKO.Stated} and ev["agentType"] == {NKO.ManualValidationOfAutomatedAgent}
    assert ev["certainty"] == {NKO.Possible} and ev["hedge"] == {Literal("can")}
    assert ev["caveat"] == {Literal("Over time.")} and ev["reviewDecision"] == {Literal("accept")}
    assert ev["validatedBy"] == {Literal("A. Curator")}
    assert ev["validatedOn"] == {Literal("2025-06-02", datatype=XSD.date)}
    assert next(iter(ev["proposedBy"])).startswith("neurokg ") and next(iter(ev["rulesVersion"])).startswith("cues")
    assert LEAFLET[int(next(iter(ev["start"]))) : int(next(iter(ev["end"])))] == str(next(iter(ev["text"])))

    edited = readings(gdir, corpus, "gabapentin", "manages", "neuropathic_pain")["leaflet.txt"]
    assert edited["reviewDecision"] == {Literal("edit")} and edited["caveatKind"] == {NKO.MayNotHelp}
    g = load_graph(graph_dir=gdir, corpus=corpus)
    assert (NK.diabetes, NKO.causes, NK.neuropathy) in g  # a stated reading asserts the plain triple
    leaflet = next(g.subjects(NKO.fileName, Literal("leaflet.txt")))
    assert (leaflet, RDF.type, NKO.SourceDocument) in g  # described from the review's document record
    assert str(g.value(leaflet, NKO.sha256)) == review_sha(review)


def review_sha(review: Path) -> str:
    import json

    return json.loads(review.read_text())["documents"][0]["sha256"]


def test_accepting_twice_changes_nothing(setup) -> None:
    gdir, corpus, review = setup
    accept([review], graph_dir=gdir, corpus=corpus)
    before = {p.name: p.read_bytes() for p in gdir.iterdir()}
    again = accept([review], graph_dir=gdir, corpus=corpus)
    assert again.written == [] and {p.name: p.read_bytes() for p in gdir.iterdir()} == before
    counts = again.counts["leaflet.txt"]
    assert (counts["unchanged"], counts["new statement"], counts["removed"]) == (2, 0, 0)


def test_a_second_document_adds_evidence_to_the_same_statement(setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    accept([review], graph_dir=gdir, corpus=corpus)
    documents, proposals = proposals_for(gdir, corpus, "handout.txt")
    second = write_review(tmp_path / "handout.review.json", documents, proposals, {DIABETES: ("accept",)})
    result = accept([second], graph_dir=gdir, corpus=corpus)
    assert result.counts["handout.txt"]["added to existing statement"] == 1
    assert set(readings(gdir, corpus, "diabetes", "causes", "neuropathy")) == {"leaflet.txt", "handout.txt"}
    g = load_graph(graph_dir=gdir, corpus=corpus)
    statements = set(g.subjects(RDF.subject, NK.diabetes)) & set(g.subjects(RDF.object, NK.neuropathy))
    assert len(statements) == 1


def test_evidence_joins_a_hand_curated_statement(setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    _, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    documents = [{"file_name": "leaflet.txt"}]
    edit = {"object": "nk:neuropathic_pain"}  # the handbook states diabetes causes neuropathic pain
    second = write_review(tmp_path / "r.json", documents, proposals, {DIABETES: ("edit", edit)})
    second.write_text(second.read_text().replace('"documents": [\n  {\n   "file_name": "leaflet.txt"\n  }\n ]',
                                                 '"documents": []'))  # fmt: skip
    accept([review], graph_dir=gdir, corpus=corpus)
    result = accept([second], graph_dir=gdir, corpus=corpus)
    assert result.counts["leaflet.txt"]["added to existing statement"] == 1
    assert set(readings(gdir, corpus, "diabetes", "causes", "neuropathic_pain")) == {"handbook.txt", "leaflet.txt"}
    assert readings(gdir, corpus, "diabetes", "causes", "neuropathy") == {}  # reviewed again: the edit replaces it


def test_rejections_are_logged_and_keep_the_proposal_from_coming_back(setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    accept([review], graph_dir=gdir, corpus=corpus)
    log = read_rejections(gdir / LOG_NAME)
    (rejected,) = log.values()
    assert (rejected.subject, rejected.object, rejected.reason) == (
        "nk:chemotherapy",
        "foot nerve pain",
        "wrong-entity",
    )
    assert "LEAFLET" not in (gdir / LOG_NAME).read_text() and "Chemotherapy" not in (gdir / LOG_NAME).read_text()
    graph = load_graph(graph_dir=gdir, corpus=corpus)
    again = propose(graph, [corpus / "leaflet.txt"], rejected=set(log))
    assert [p.id for p in again.suppressed] == [rejected.proposal]
    assert rejected.proposal not in {p.id for p in again.proposals}
    # a later review that accepts it (edited to a concept) takes it off the log
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    later = write_review(tmp_path / "later.json", documents, proposals, {CHEMO: ("edit", {"object": "nk:neuropathy"})})
    accept([later], graph_dir=gdir, corpus=corpus)
    assert read_rejections(gdir / LOG_NAME) == {}
    assert "leaflet.txt" in readings(gdir, corpus, "chemotherapy", "causes", "neuropathy")


def test_a_later_rejection_removes_the_accepted_reading(setup, tmp_path: Path) -> None:
    gdir, corpus, review = setup
    accept([review], graph_dir=gdir, corpus=corpus)
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    undo = write_review(tmp_path / "undo.json", documents, proposals, {DIABETES: ("reject", "not-stated", "misread")})
    result = accept([undo], graph_dir=gdir, corpus=corpus)
    assert result.counts["leaflet.txt"]["removed"] == 1
    g = load_graph(graph_dir=gdir, corpus=corpus)
    assert (NK.diabetes, NKO.causes, NK.neuropathy) not in g
    assert not set(g.subjects(RDF.subject, NK.diabetes)) & set(g.subjects(RDF.object, NK.neuropathy))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda text: " " + text, "document-changed"),  # shifted: every offset moves by one
        (lambda text: text.replace("neuropathy.", "neuropathies."), "document-changed"),  # edited
    ],
)
def test_a_shifted_or_edited_document_is_refused_and_nothing_written(setup, change, reason) -> None:
    gdir, corpus, review = setup
    before = {p.name: p.read_bytes() for p in gdir.iterdir()}
    (corpus / "leaflet.txt").write_text(change(LEAFLET), encoding="utf-8")
    with pytest.raises(AcceptError) as info:
        accept([review], graph_dir=gdir, corpus=corpus)
    assert f"leaflet.txt: {reason}: reviewed on SHA-256" in str(info.value)
    assert {p.name: p.read_bytes() for p in gdir.iterdir()} == before


def test_an_edited_span_must_hold_its_quoted_words(setup, tmp_path: Path) -> None:
    gdir, corpus, _ = setup
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    moved = {"start": 56, "end": 86, "quote": "Diabetes can cause neuropathy."}
    review = write_review(tmp_path / "r.json", documents, proposals, {DIABETES: ("edit", moved)})
    with pytest.raises(AcceptError, match="quote-mismatch"):
        accept([review], graph_dir=gdir, corpus=corpus)


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (("accept",), "'addiction' is not a label of any concept of the graph"),
        (("edit", {"object": "nk:nothing_here"}), "nk:nothing_here is not a concept of the graph"),
        (("edit", {"negated": True, "status": "Advertised"}), "a negated reading is stated or inferred"),
        (("accept", {"certainty": "Rare"}), "changing certainty makes it an edit"),
        (("edit", {"status": "InferredByCurator"}), "needs a reason"),
    ],
)
def test_a_decision_that_cannot_be_merged_names_the_decision(setup, tmp_path: Path, decision, message) -> None:
    gdir, corpus, _ = setup
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    review = write_review(tmp_path / "r.json", documents, proposals, {OPIOID: decision})
    with pytest.raises(AcceptError) as info:
        accept([review], graph_dir=gdir, corpus=corpus)
    assert message in str(info.value) and "r.json: decision" in str(info.value)
    assert not (gdir / accepted_file_name("leaflet.txt")).exists() and not (gdir / LOG_NAME).exists()


def test_a_negated_proposal_becomes_a_denial_without_a_plain_triple(setup, tmp_path: Path) -> None:
    gdir, corpus, _ = setup
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    denied = {"negated": True, "caveat": "The leaflet says it may not."}
    review = write_review(tmp_path / "r.json", documents, proposals, {GABAPENTIN: ("edit", denied)})
    accept([review], graph_dir=gdir, corpus=corpus)
    ev = readings(gdir, corpus, "gabapentin", "treats", "neuropathic_pain")["leaflet.txt"]
    assert ev["negated"] == {Literal(True)} and ev["status"] == {NKO.Stated}
    from rdflib import Graph

    written = Graph().parse(gdir / accepted_file_name("leaflet.txt"))
    assert (NK.gabapentin, NKO.treats, NK.neuropathic_pain) not in written  # a denial never makes the plain triple
    assert len(list(written.subjects(NKO.negated, Literal(True)))) == 1


def test_a_merge_that_breaks_the_graph_is_refused(setup, tmp_path: Path) -> None:
    gdir, corpus, _ = setup
    documents, proposals = proposals_for(gdir, corpus, "leaflet.txt")
    wrong = {"predicate": "memberOf"}  # diabetes is no drug and neuropathy no drug class: the shapes say so
    review = write_review(tmp_path / "r.json", documents, proposals, {DIABETES: ("edit", wrong)})
    with pytest.raises(AcceptError, match=r"validation: .*memberOf"):
        accept([review], graph_dir=gdir, corpus=corpus)
    assert not (gdir / accepted_file_name("leaflet.txt")).exists()


def test_check_writes_nothing(setup) -> None:
    gdir, corpus, review = setup
    result = accept([review], graph_dir=gdir, corpus=corpus, check=True)
    assert result.written == [] and result.counts["leaflet.txt"]["new statement"] == 2
    assert sorted(p.name for p in gdir.iterdir()) == ["concepts.ttl"]


def test_a_proposal_reading_a_hand_curated_span_otherwise_is_named_as_a_duplicate(setup) -> None:
    """A curator already read the leaflet's diabetes span by hand, as a plain assertion; the proposal on the
    same span reads a hedge ("can", possible). Accepting it would give the span two readings: refused, by name."""
    gdir, corpus, review = setup
    proposal = next(p for p in proposals_for(gdir, corpus, "leaflet.txt")[1] if p.subject == "nk:diabetes")
    title_end = LEAFLET.index("\n")
    (gdir / "by_hand.ttl").write_text(
        PREFIXES
        + f"""
nkd:leaflet a nko:SourceDocument ;
    rdfs:label "invented leaflet"@en ;
    nko:fileName "leaflet.txt" ;
    nko:sha256 "{document_hash(LEAFLET)}" ;
    nko:charCount {len(LEAFLET)} ;
    nko:titleStart 0 ;
    nko:titleEnd {title_end} .

nk:diabetes nko:causes nk:neuropathy .
[] a nko:Statement ; rdf:subject nk:diabetes ; rdf:predicate nko:causes ; rdf:object nk:neuropathy ;
    nko:evidence [ nko:document nkd:leaflet ; nko:start {proposal.start} ; nko:end {proposal.end} ;
                   nko:status nko:Stated ; nko:certainty nko:Asserted ] .
""",
        encoding="utf-8",
    )
    before = {p.name: p.read_bytes() for p in gdir.iterdir()}
    with pytest.raises(AcceptError) as info:
        accept([review], graph_dir=gdir, corpus=corpus)
    message = str(info.value)
    assert f"span {proposal.start}-{proposal.end}" in message
    assert "unlike the curator's reading by hand: reject it as a duplicate or edit it" in message
    assert {p.name: p.read_bytes() for p in gdir.iterdir()} == before  # nothing written, no rejection log
