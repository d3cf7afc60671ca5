"""Network exports and the fast loader: GraphML and node-link JSON read back; both builders give the same view."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from neurokg import to_networkx
from neurokg.network.export import GRAPHML, NODE_LINK, graphml_safe, write_graphml, write_node_link
from neurokg.network.oxbuild import read_network
from neurokg.sparql.engine import to_store
from tests.conftest import BUILT
from tests.fixturegraph import make_corpus, make_graph_dir


@pytest.fixture(scope="module")
def built(built) -> Path:
    assert GRAPHML in built.files and NODE_LINK in built.files
    return built.out


@BUILT
def test_build_graphml_reads_back_with_networkx(built: Path, graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    H = nx.read_graphml(built / GRAPHML, force_multigraph=True)
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H.nodes) == set(G.nodes)
    assert set(H.edges(keys=True)) == set(G.edges(keys=True))
    assert H.nodes["nk:diabetes"]["label"] == "diabetes"
    assert json.loads(H.nodes["nk:diabetes"]["altLabels"]) == G.nodes["nk:diabetes"]["altLabels"]
    edge = H.edges["nk:diabetes", "nk:neuropathy", "nko:causes"]
    assert json.loads(edge["evidence"]) == G.edges["nk:diabetes", "nk:neuropathy", "nko:causes"]["evidence"]
    assert edge["statement"].startswith("nks:") and edge["certainty"] == "possible"
    assert json.loads(H.graph["classes"])["Drug"] == ["Entity", "Treatment"]


@BUILT
def test_build_node_link_reads_back_whole(built: Path, graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    data = json.loads((built / NODE_LINK).read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_multigraph() and H.is_directed()
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True), key=str) == sorted(G.edges(keys=True, data=True), key=str)


def test_graphml_safe_serializes_lists_and_drops_none(tmp_path: Path) -> None:
    G = nx.MultiDiGraph(classes={"Drug": ["Treatment"]})
    G.add_node("a", altLabels=["x", "y"], definition="", promotional=True)
    G.add_edge("a", "a", key="nko:leadsTo", caveatKind=["rare"], statement=None, start=3)
    H = graphml_safe(G)
    assert H.nodes["a"] == {"altLabels": '["x", "y"]', "definition": "", "promotional": True}
    assert H.edges["a", "a", "nko:leadsTo"] == {"caveatKind": '["rare"]', "start": 3}
    back = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"), force_multigraph=True)
    assert back.nodes["a"]["promotional"] is True and back.edges["a", "a", "nko:leadsTo"]["start"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]  # no temporary file left behind
    write_node_link(G, tmp_path / "g.json")
    assert json.loads((tmp_path / "g.json").read_text())["edges"][0]["caveatKind"] == ["rare"]


def _same_view(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_fast_loader_equals_rdflib_view_on_the_real_graph(graph: rdflib.Graph) -> None:
    _same_view(to_networkx(to_store(graph)), to_networkx(graph))


def test_fast_loader_equals_rdflib_view_on_a_fixture(tmp_path: Path) -> None:
    from neurokg import load_graph

    gdir = make_graph_dir(tmp_path, with_hash=True)
    g = load_graph(graph_dir=gdir, corpus=make_corpus(tmp_path))
    G = to_networkx(g)
    assert list(G.edges(keys=True)) == [("nk:fx_condition", "nk:fx_symptom", "nko:hasSymptom")]
    assert G.edges["nk:fx_condition", "nk:fx_symptom", "nko:hasSymptom"]["evidence"][0]["text"]
    _same_view(to_networkx(to_store(g)), G)
    path = tmp_path / "g.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    _same_view(read_network(str(path)), G)
