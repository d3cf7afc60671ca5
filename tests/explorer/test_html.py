"""The explorer page: self-contained, every statement on the map, data escaped, deterministic; `viz` and build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from neurokg import to_networkx
from neurokg.core.errors import NotFoundError, UsageError
from neurokg.explorer import explorer_html, explorer_page, select_subgraph, write_build_explorer, write_explorer
from neurokg.explorer.basis import full_network
from neurokg.explorer.html import SCRIPTS, STATIC
from neurokg.network.names import resolve as find_node
from neurokg.pipeline.build import _extra_writers
from neurokg.rdf.load import read_sources
from tests.conftest import ROOT
from tests.explorergraph import (
    FIXTURE_CORPUS,
    XSS_DEFINITION,
    XSS_LABEL,
    XSS_TITLE,
    embedded,
    fixture_network,
    sources_graph,
)

PACKAGE = ROOT / "src" / "neurokg" / "explorer"


def test_every_node_and_statement_is_on_the_map() -> None:
    html = explorer_html(fixture_network())
    nodes, edges = embedded(html, "nodes"), embedded(html, "edges")
    assert [n["id"] for n in nodes] == ["nk:a", "nk:b", "nk:c", "nk:d", "nk:e"]
    assert sorted(e["id"] for e in edges) == [f"nks:st{i}" for i in range(1, 7)]
    parallel = {e["id"]: e for e in edges if (e["from"], e["to"]) == ("nk:a", "nk:b")}
    assert set(parallel) == {"nks:st1", "nks:st2"}
    # the two parallel edges bend to opposite sides, so both stay visible
    assert {parallel[i]["smooth"]["type"] for i in parallel} == {"curvedCW", "curvedCCW"}
    assert all(e["arrows"] == "to" for e in edges)


def test_styles_words_and_markers() -> None:
    html = explorer_html(fixture_network())
    nodes = {n["id"]: n for n in embedded(html, "nodes")}
    edges = {e["id"]: e for e in embedded(html, "edges")}
    assert nodes["nk:c"]["shape"] == "diamond" and nodes["nk:a"]["shape"] == "dot"
    assert nodes["nk:b"]["size"] > nodes["nk:d"]["size"]  # size grows with degree
    assert nodes["nk:b"]["nk"]["rank"] == 0  # the most connected, labelled at every zoom
    # advertised, hedged and stated lines differ by style and by words
    assert edges["nks:st3"]["nk"]["basis"] == "advertised" and edges["nks:st3"]["dashes"] == [2, 5]
    assert edges["nks:st3"]["label"] == "advertised: treats"
    assert edges["nks:st2"]["nk"]["hedged"] is True and edges["nks:st2"]["dashes"] == [8, 5]
    assert edges["nks:st2"]["label"] == "may cause"
    assert "dashes" not in edges["nks:st1"] and edges["nks:st1"]["label"] == "has as a symptom"
    model = embedded(html, "model")
    st2 = model["statements"]["nks:st2"]
    assert st2["sentence"] == "Alpha disease may cause beta pain" and st2["certainty"] == "possible"
    assert st2["evidence"][0] == ["f.txt", 10, 20, "stated", ""] and "text" not in st2["evidence"][0]
    evidence = fixture_network().edges["nk:a", "nk:b", "nko:causes"]["evidence"]
    assert [q["text"] for q in st2["quotes"]] == [ev["text"] for ev in evidence if "text" in ev]
    assert model["statements"]["nks:st3"]["limits"] == []  # first line is no limit


def test_page_is_self_contained() -> None:
    html = explorer_html(fixture_network())
    assert not re.search(r"<(link|iframe|img|object|embed)\b", html, re.IGNORECASE)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "<script src" not in html and "@import" not in html
    for name in (
        "bootstrap",
        "tom-select",
        "cdnjs",
        "jsdelivr",
        "unpkg",
        "sourceMappingURL",
        "fetch(",
        "XMLHttpRequest",
    ):
        assert name not in html, name
    assert "vis-network 9.1.2" in html  # the inlined library and its version
    assert "default-src 'none'" in html and "connect-src 'none'" in html  # the page's CSP forbids any fetch, too


def test_script_and_style_live_in_static_files() -> None:
    """The page's JavaScript and CSS are files under static/, inlined as they are; Python holds no script."""
    html = explorer_html(fixture_network())
    for name in SCRIPTS:
        text = (STATIC / "js" / name).read_text(encoding="utf-8")
        assert text in html and len(text.splitlines()) <= 300, name
    assert (STATIC / "explorer.css").read_text(encoding="utf-8") in html
    assert sorted(p.name for p in (STATIC / "js").glob("*.js")) == sorted(SCRIPTS)
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "addEventListener" not in source and "getElementById" not in source, path
        assert len(source.splitlines()) <= 300, path


def test_text_is_escaped_for_script_and_html() -> None:
    html = explorer_html(fixture_network(xss=True), title=XSS_TITLE)
    for raw in (XSS_LABEL, XSS_DEFINITION, XSS_TITLE, "<svg", "window.__xss=4</script>"):
        assert raw not in html, raw
    assert "<title>&lt;/title&gt;&lt;script&gt;window.__xss=3&lt;/script&gt;</title>" in html
    # the data survive the escaping unchanged
    nodes = {n["id"]: n for n in embedded(html, "nodes")}
    model = embedded(html, "model")
    assert nodes["nk:x"]["label"] == XSS_LABEL and model["concepts"]["nk:x"]["definition"] == XSS_DEFINITION
    assert model["title"] == XSS_TITLE
    # no script of the page renders data as HTML
    for path in [*sorted((STATIC / "js").glob("*.js")), PACKAGE / "templates" / "explorer.html.j2"]:
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, (path.name, sink)


def test_same_graph_same_bytes(graph: rdflib.Graph, corpus: Path) -> None:
    first = explorer_html(graph, corpus=corpus)
    assert explorer_html(graph, corpus=corpus) == first
    G = to_networkx(graph)
    nodes = embedded(first, "nodes")
    assert len(nodes) == G.number_of_nodes() and len(embedded(first, "edges")) >= G.number_of_edges()
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # positions come from Python, all distinct
    fixture = explorer_html(sources_graph(), corpus=FIXTURE_CORPUS)
    assert explorer_html(sources_graph(), corpus=FIXTURE_CORPUS) == fixture


def test_real_graph_quotes_the_evidence(graph: rdflib.Graph) -> None:
    model = embedded(explorer_html(graph), "model")
    for u, v, k, d in full_network(graph).edges(keys=True, data=True):
        record = model["statements"][d["statement"]]
        assert (record["s"], record["rel"], record["o"]) == (u, k, v)
        assert sorted(q["text"] for q in record["quotes"]) == sorted({ev["text"] for ev in d["evidence"]})


def test_select_subgraph() -> None:
    G = fixture_network()
    assert sorted(select_subgraph(G, focus="alpha syndrome", depth=1)) == ["nk:a", "nk:b"]
    assert sorted(select_subgraph(G, focus="nk:a", depth=2)) == ["nk:a", "nk:b", "nk:c", "nk:e"]
    assert sorted(select_subgraph(G, focus="nk:a", depth=0)) == ["nk:a"]
    sub = select_subgraph(G, relations=["causes", "nko:memberOf"])
    assert sorted(sub) == ["nk:a", "nk:b", "nk:c", "nk:d"]
    assert sorted(k for _, _, k in sub.edges(keys=True)) == ["nko:causes", "nko:memberOf"]
    sub = select_subgraph(G, types=["drug", "DrugClass"])
    assert sorted(sub) == ["nk:c", "nk:d"] and sub.number_of_edges() == 1
    sub = select_subgraph(G, focus="gamma drug", depth=3, types=["Symptom"])
    assert sorted(sub) == ["nk:b", "nk:c"]  # the focus stays although it is not a Symptom
    with pytest.raises(NotFoundError, match="unknown relation 'cures'; known: causes"):
        select_subgraph(G, relations=["cures"])
    with pytest.raises(NotFoundError, match="unknown class"):
        select_subgraph(G, types=["Gene"])
    with pytest.raises(UsageError):
        select_subgraph(G, focus="nk:a", depth=-1)


def test_focus_names_resolve_like_every_command() -> None:
    G = fixture_network()
    assert find_node(G, "  Beta   PAIN ") == "nk:b"
    assert find_node(G, "nk:d") == "nk:d"
    with pytest.raises(NotFoundError, match="did you mean: beta pain"):
        find_node(G, "beta pian")
    G.nodes["nk:c"]["altLabels"] = ["alpha syndrome"]
    with pytest.raises(NotFoundError, match=r"ambiguous: .*\(nk:a\).*\(nk:c\)"):
        find_node(G, "alpha syndrome")


def test_focus_opens_the_page_on_it() -> None:
    """Item 9 (as data): the focus is selected, named in the title; the map draws its neighbourhood only."""
    page = explorer_page(sources_graph(), focus="central sensitization", corpus=FIXTURE_CORPUS)
    model = embedded(page.html, "model")
    assert model["focus"] == "nk:central_sensitization"
    assert page.title.startswith("central sensitization") and f"<title>{page.title}</title>" in page.html
    drawn = {n["id"] for n in embedded(page.html, "nodes")}
    assert drawn == {"nk:central_sensitization", "nk:nerve_damage", "nk:chronic_pain"} == {
        c for c, d in model["concepts"].items() if d["onMap"]}  # fmt: skip
    assert len(model["concepts"]) == 25  # the answers still cover the whole graph
    condition = explorer_page(sources_graph(), focus="neuropathy")
    assert embedded(condition.html, "model")["subject"] == "nk:neuropathy"  # a condition's story opens on it


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.html"
    write_explorer(fixture_network(), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["x.html"]
    with pytest.raises(UsageError, match="is a directory"):
        write_explorer(fixture_network(), tmp_path)


def test_cli_viz(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    out = tmp_path / "cs.html"
    code, stdout, err = cli("viz", "-o", out, "--focus", "central sensitization", "--depth", "1")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    nodes = {n["label"] for n in embedded(html, "nodes")}
    assert "central sensitization" in nodes and "chronic pain" in nodes
    assert embedded(html, "model")["reader"]  # NEUROKG_CORPUS: the reader has the texts
    assert stdout.startswith(f"wrote {out} (") and err.startswith("note: corpus: ") and err.count("\n") == 1
    code, _, err = cli("viz", "-o", out, "--focus", "central sensitisation")
    assert code == 1 and "did you mean: central sensitization" in err
    code, _, err = cli("viz", "-o", out, "--depth", "2")
    assert code == 2 and "--depth needs --focus" in err
    monkeypatch.setattr("neurokg.explorer.html.MAX_USABLE_NODES", 10)
    code, _, err = cli("viz", "-o", out, "--types", "Treatment", "--no-texts")
    kinds = {n["nk"]["type"] for n in embedded(out.read_text(encoding="utf-8"), "nodes")}
    assert code == 0 and "Drug" in kinds and kinds <= {"Drug", "DrugClass", "Procedure", "Therapy",
                                                       "LifestyleIntervention", "Treatment"}  # fmt: skip
    assert embedded(out.read_text(encoding="utf-8"), "model")["reader"] == {}
    assert "warning:" in err and "--focus" in err  # more mapped nodes than the map handles smoothly
    code, _, err = cli(
        "viz", "-o", out, "--graph", "tests/fixtures/explorer/graph", "--corpus", "tests/fixtures/explorer/corpus"
    )
    assert code == 0 and len(embedded(out.read_text(encoding="utf-8"), "model")["documents"]) == 4


def test_build_runs_the_explorer_writer(tmp_path: Path, corpus: Path, graph: rdflib.Graph) -> None:
    assert write_build_explorer in _extra_writers()
    assert write_build_explorer(read_sources(corpus=corpus), tmp_path) == ["explorer.html"]
    html = (tmp_path / "explorer.html").read_text(encoding="utf-8")
    assert len(embedded(html, "edges")) >= to_networkx(graph).number_of_edges()
    model = embedded(html, "model")
    assert sorted(model["reader"]) == sorted(d["file"] for d in model["documents"])
