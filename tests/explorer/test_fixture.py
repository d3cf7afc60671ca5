"""The explorer's fixture of four made-up sources is what its script writes, and has what the tests need."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from neurokg.explorer.basis import edge_basis, full_network
from tests.explorergraph import FIXTURE, sources_graph


def _make() -> object:
    spec = importlib.util.spec_from_file_location("make_explorer_fixture", FIXTURE / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_files_are_current(tmp_path: Path) -> None:
    written = _make().write(tmp_path)  # type: ignore[attr-defined]
    assert len(written) == 6
    for path in written:
        kept = FIXTURE / path.relative_to(tmp_path)
        assert kept.read_bytes() == path.read_bytes(), f"{kept} is stale: run python tests/fixtures/explorer/make.py"


def test_fixture_has_several_sources_and_what_the_views_need() -> None:
    G = full_network(sources_graph())
    bases = Counter(edge_basis(d) for _, _, d in G.edges(data=True))
    assert G.number_of_nodes() == 25 and bases["stated"] == 30 and bases["advertised"] == 2
    assert bases["inferred"] == 1
    sources = Counter(len({ev["document"] for ev in d["evidence"]}) for _, _, d in G.edges(data=True))
    assert sources[1] > 0 and sources[2] > 0 and sources[3] == 1  # stated by one, two and three sources
    texts = Counter(ev["text"] for _, _, d in G.edges(data=True) for ev in d["evidence"])
    assert max(texts.values()) >= 3  # one sentence word for word in three sources


def test_fixture_passes_validation() -> None:
    """The fixture is a valid graph (shapes and QC rules, with its corpus): what a build would accept."""
    from neurokg.rdf.load import read_sources
    from neurokg.rdf.validate import validate_sources
    from tests.explorergraph import FIXTURE_CORPUS, FIXTURE_GRAPH

    report = validate_sources(read_sources(graph_dir=FIXTURE_GRAPH, corpus=FIXTURE_CORPUS))
    assert report.conforms, str(report)
