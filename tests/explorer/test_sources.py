"""Sources by title with their credits, and the reader's texts only where the graph vouches for them."""

from __future__ import annotations

import shutil
from pathlib import Path

import rdflib

from neurokg.explorer.basis import full_network
from neurokg.explorer.sources import document_records, reader_texts
from tests.explorergraph import FIXTURE_CORPUS, sources_graph


def test_documents_are_named_by_title_and_credited(graph: rdflib.Graph) -> None:
    g = sources_graph()
    docs = {d["file"]: d for d in document_records(g, full_network(g))}
    assert [d["title"] for d in docs.values()] == ["Living with nerve pain", "Nerve pain explained",
                                                   "Peripheral nerve problems", "Diabetes and the nerves"]  # fmt: skip
    assert docs["g1_agency.txt"]["publisher"] == "Example Health Agency"
    assert docs["g1_agency.txt"]["url"] == "https://example.org/nerves"
    assert docs["g1_agency.txt"]["licence"] == "CC BY 4.0"
    assert docs["a1_living.txt"]["counts"] == {"advertised": 2, "stated": 13}
    real = document_records(graph, full_network(graph))
    assert real[0]["title"].startswith("What is the connection between neuropathy")  # its own title


def test_reader_texts_only_when_their_hash_matches(tmp_path: Path) -> None:
    g = sources_graph()
    G = full_network(g)
    texts = reader_texts(g, G, FIXTURE_CORPUS)
    assert sorted(texts) == ["a1_living.txt", "a2_explained.txt", "g1_agency.txt", "g2_diabetes.txt"]
    for name, entry in texts.items():
        assert entry["text"] == (FIXTURE_CORPUS / name).read_text(encoding="utf-8")
        evidence = [e for _, _, d in G.edges(data=True) for e in d["evidence"]]
        spans = [(e["start"], e["end"]) for e in evidence if e["document"] == name]
        covered = {i for a, b, _, _ in entry["segments"] for i in range(a, b)}
        assert covered == {i for a, b in spans for i in range(a, b)}
    assert reader_texts(g, G, None) == {} and reader_texts(None, G, FIXTURE_CORPUS) == {}
    changed = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, changed)
    (changed / "g2_diabetes.txt").write_text("another text\n", encoding="utf-8")
    assert "g2_diabetes.txt" not in reader_texts(g, G, changed)  # offsets into another text would mislead
