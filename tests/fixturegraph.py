"""Assemble small graphs from tests/fixtures: prefixes + a valid base + one delta file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neurokg.rdf.provenance import document_hash

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PREFIXES = (FIXTURES / "prefixes.ttl").read_text(encoding="utf-8")
BASE = (FIXTURES / "base.ttl").read_text(encoding="utf-8")

FIXTURE_TEXT = (
    "Title here"
    + " " * 10
    + "the fixture condition shows it.".ljust(41)
    + "an other symptom appears here.".ljust(39)
    + "nothing relevant is said here"
).ljust(200, ".")
"""Text of the fixture document: [20, 60) names the condition, [61, 90) the other symptom."""


def make_graph_dir(tmp: Path, *deltas: Path | str, with_hash: bool = False) -> Path:
    """Write a graph directory holding the base graph and ``deltas`` (paths or Turtle text)."""
    gdir = tmp / "graph"
    gdir.mkdir(parents=True, exist_ok=True)
    base = BASE
    if with_hash:
        base = base.replace("0" * 64, document_hash(FIXTURE_TEXT))
    (gdir / "base.ttl").write_text(PREFIXES + base, encoding="utf-8")
    for i, delta in enumerate(deltas):
        text = delta.read_text(encoding="utf-8") if isinstance(delta, Path) else delta
        (gdir / f"delta{i}.ttl").write_text(PREFIXES + text, encoding="utf-8")
    return gdir


def make_corpus(tmp: Path) -> Path:
    """A corpus directory holding the fixture document."""
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "fixture.txt").write_text(FIXTURE_TEXT, encoding="utf-8")
    return corpus


def raw_graph(gdir: Path) -> tuple[Any, dict[Any, str]]:
    """The ontology and the files of ``gdir`` minted but not summarized, and each subject's file.

    Such a graph did not come through the loader's status step (``rdf/status.ru``): what the
    shapes of fixtures named ``Rule~raw`` guard against.
    """
    from rdflib import Graph

    from neurokg.core import resources
    from neurokg.rdf.load import read_turtle
    from neurokg.rdf.provenance import mint_statements

    graph = Graph()
    origins: dict[Any, str] = {}
    for path in [resources.ontology_dir() / "neurokg.ttl", *sorted(gdir.glob("*.ttl"))]:
        part = mint_statements(read_turtle(path))
        origins.update(dict.fromkeys(part.subjects(), str(path)))
        graph += part
    return graph, origins
