"""The proposals file: JSON Lines, a document record then one proposal per line, every field checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurokg.curate.proposals import REQUIRED, ProposalFileError, read_jsonl, write_jsonl
from neurokg.curate.propose import propose
from neurokg.rdf.provenance import document_hash
from tests.curate.leaflet import LEAFLET, write_leaflet


@pytest.fixture(scope="module")
def leaflet_result(bare_graph, tmp_path_factory: pytest.TempPathFactory):
    path = write_leaflet(tmp_path_factory.mktemp("leaflet"))
    return path, propose(bare_graph, [path])


def triples(result) -> set[tuple[str, str, str]]:
    return {(p.subject, p.predicate, p.object) for p in result.proposals}


def test_document_record_then_proposals(leaflet_result, tmp_path: Path) -> None:
    _, result = leaflet_result
    out = tmp_path / "p.jsonl"
    write_jsonl(out, result.documents, result.proposals)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["record"] == "document"
    assert lines[0]["file_name"] == "leaflet.txt" and lines[0]["sha256"] == document_hash(LEAFLET)
    assert lines[0]["length"] == len(LEAFLET) and lines[0]["title"] == "Foot Nerve Pain Leaflet"
    assert lines[0]["licence"] is None  # an unknown document: nothing is guessed
    proposals = lines[1:]
    assert len(proposals) == len(result.proposals) >= 6
    for p in proposals:
        assert p["record"] == "proposal"
        expected = {"certainty", "hedge", "negated", "score", "subject_new", "object_new", "quote"}
        assert set(REQUIRED) | expected <= set(p)
        assert LEAFLET[p["start"] : p["end"]] == p["quote"]
        assert isinstance(p["hedge"], list) and isinstance(p["negated"], bool) and 0 < p["score"] < 1
    documents, back = read_jsonl(out)
    assert [d["file_name"] for d in documents] == ["leaflet.txt"] and back == result.proposals


def test_relations_in_the_ontology_vocabulary_with_scoped_qualifiers(leaflet_result) -> None:
    _, result = leaflet_result
    by_triple = {(p.subject, p.predicate, p.object): p for p in result.proposals}
    diabetes = by_triple[("nk:diabetes", "causes", "nk:neuropathy")]
    assert (diabetes.certainty, diabetes.hedge, diabetes.negated) == ("Possible", ("can",), False)
    gabapentin = by_triple[("nk:gabapentin", "treats", "nk:neuropathic_pain")]
    assert gabapentin.certainty == "InSomeCases" and gabapentin.caveats == ()  # "may not help" is the next clause
    opioids = next(p for p in result.proposals if p.subject == "nk:opioid")
    assert opioids.line_of_therapy == "NotFirstLine" and "DependenceRisk" in opioids.caveats and not opioids.negated


def test_list_items_take_their_other_end_from_the_lead_in(leaflet_result) -> None:
    _, result = leaflet_result
    items = {p.subject: p for p in result.proposals if p.rule.endswith("list-item")}
    assert set(items) == {"nk:vitamin_b_deficiency", "nk:chemotherapy"}
    for p in items.values():
        assert (p.predicate, p.object, p.object_new) == ("causes", "foot nerve pain", True)
        assert p.object_start is None and p.context  # the object is named by the question above the list


def test_advertising_passage_marks_its_relations(leaflet_result) -> None:
    _, result = leaflet_result
    ads = [p for p in result.proposals if p.advertising]
    assert ads and all(p.status == "Advertised" for p in ads)
    assert {p.object for p in ads} == {"nk:neuropathy"} and all(p.subject_new for p in ads)
    assert not any(p.advertising for p in result.proposals if p.subject == "nk:diabetes")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"document": "d.txt", "start": 0, "end": 3, "subject": "a", "object": "b"}', "missing field 'predicate'"),
        (
            '{"document": "d.txt", "start": 0, "end": 3, "subject": "a", "predicate": "cures", "object": "b"}',
            "predicate 'cures' is not a relation of the ontology",
        ),
        (
            '{"document": "d.txt", "start": "0", "end": 3, "subject": "a", "predicate": "causes", "object": "b"}',
            "field 'start' must be an integer offset",
        ),
        (
            '{"document": "d.txt", "start": 0, "end": 3, "subject": "a", "predicate": "causes", "object": "b",'
            ' "certainty": "Likely"}',
            "certainty 'Likely' is not one of",
        ),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"record": "document", "file_name": "d.txt"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ProposalFileError, match=rf"bad\.jsonl:2: .*{message}"):
        read_jsonl(path)
    assert ProposalFileError.exit_code == 1
