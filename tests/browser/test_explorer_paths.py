"""Paths and cycles in the explorer: the answers of `neurokg path` and `neurokg loops`, in Debian's chromium.

Issue 16, done-when item 4: the first three paths between two concepts are those of ``neurokg path A B --max 3``
(the page runs networkx's algorithm, ported, on the embedded walk graphs), each hop with its passage, and a
click on a hop keeps the list; the cycles card lists the loops of ``neurokg loops``, and one selected is
highlighted on the map, exactly its nodes and edges.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib

from neurokg.explorer import write_explorer
from neurokg.explorer.basis import analytic_network, full_network
from neurokg.network.paths import shortest_paths
from tests.browser.wait import wait_until
from tests.conftest import CORPUS
from tests.explorergraph import FIXTURE_CORPUS, sources_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory, graph: rdflib.Graph) -> Path:
    return write_explorer(graph, tmp_path_factory.mktemp("paths") / "real.html", corpus=CORPUS)


def _hops(paths: list[list[Any]]) -> list[list[tuple[str, str, str, bool]]]:
    return [[(h.source, h.target, h.statement, h.inverse) for h in p] for p in paths]


def _page_paths(opened: Any, a: str, b: str, undirected: bool) -> list[list[tuple[str, str, str, bool]]]:
    found = opened.js("([a, b, u]) => neurokgExplorer.findPaths(a, b, u, 3)", [a, b, undirected])
    return [[(h["from"], h["to"], h["statement"], h["inverse"]) for h in p] for p in found]


def test_paths_are_those_of_the_command(open_page: Any, real_page: Path, cli: Any, graph: rdflib.Graph) -> None:
    code, out, err = cli("path", "diabetes", "depression", "--max", "3", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    command = [[(r["from"], r["to"], r["statement"], r["direction"] == "inverse") for r in rows if r["path"] == n]
               for n in sorted({r["path"] for r in rows})]  # fmt: skip
    assert len(command) == 3
    opened = open_page(real_page)
    assert _page_paths(opened, "nk:diabetes", "nk:depression", False) == command
    # and for many pairs, both ways of walking: the library function the command calls
    G = analytic_network(graph)
    rng = random.Random(16)
    nodes = sorted(G)
    pairs = [tuple(rng.sample(nodes, 2)) for _ in range(30)]
    starts = [n for n in nodes if len(nx.descendants(G, n)) >= 3]
    for a in rng.sample(starts, 40):  # and pairs that have a path, often several of the same length
        pairs.append((a, rng.choice(sorted(nx.descendants(G, a)))))
    assert sum(nx.has_path(G, a, b) for a, b in pairs) >= 40
    for a, b in pairs:
        assert _page_paths(opened, a, b, False) == _hops(shortest_paths(G, a, b, max_paths=3)), (a, b)
    for a, b in pairs[:25]:
        assert _page_paths(opened, a, b, True) == _hops(shortest_paths(G, a, b, max_paths=3, undirected=True)), (a, b)
    opened.clean()


def test_fixture_paths_too(open_page: Any, tmp_path: Path) -> None:
    graph = sources_graph()
    page = write_explorer(graph, tmp_path / "fixture.html", corpus=FIXTURE_CORPUS)
    G = analytic_network(graph)
    opened = open_page(page)
    for a in sorted(G):
        for b in sorted(G):
            if a != b:
                assert _page_paths(opened, a, b, False) == _hops(shortest_paths(G, a, b, max_paths=3)), (a, b)
    opened.clean()


def test_path_answer_shows_each_hop_with_its_passage(open_page: Any, real_page: Path, graph: rdflib.Graph) -> None:
    opened = open_page(real_page, hash="path/nk%3Adiabetes/nk%3Adepression")
    paths = opened.js("[...document.querySelectorAll('#nkg-paths > li.path')].map((p) => p.dataset.nodes)")
    assert len(paths) == 3 and all(p.startswith("nk:diabetes ") and p.endswith(" nk:depression") for p in paths)
    edges = full_network(graph).edges(data=True)
    evidence = {d["statement"]: {ev["text"] for ev in d["evidence"]} for _, _, d in edges}
    hops = opened.js("""[...document.querySelectorAll('#nkg-paths li.hop')].map((h) =>
        [h.dataset.statement, [...h.querySelectorAll('blockquote')].map((q) => q.textContent)])""")
    assert hops and all(quotes and set(quotes) <= evidence[sid] for sid, quotes in hops)
    page = opened.page
    hop = page.locator("#nkg-paths li.hop").nth(1)
    hop.locator(".sources").click()
    assert opened.js("document.querySelectorAll('#nkg-paths > li.path').length") == 3  # the list stays
    assert "picked" in hop.get_attribute("class")
    assert hop.locator("blockquote").first.get_attribute("class").split().count("collapsed") == 0
    highlighted = opened.js("[...neurokgExplorer.state.highlight.edges]")
    assert highlighted == [hop.get_attribute("data-statement")]
    # the form: names, and walking against the arrows on request
    page.fill("#nkg-path-from", "diabetes")
    page.fill("#nkg-path-to", "anxiety")
    page.check("#nkg-path-both")
    page.click("#nkg-path-form button[type=submit]")
    wait_until(page, "location.hash === '#path/nk%3Adiabetes/nk%3Aanxiety/both'")
    assert opened.text("#nkg-panel .summary").startswith("3 paths from diabetes to anxiety")
    opened.clean()


def test_cycles_are_those_of_the_command(open_page: Any, real_page: Path, cli: Any) -> None:
    code, out, err = cli("loops", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    command = [
        [(r["from"], r["to"], r["statement"]) for r in rows if r["path"] == n]
        for n in sorted({r["path"] for r in rows})
    ]
    opened = open_page(real_page, hash="q/loops")
    loops = opened.js("neurokgExplorer.loops.map((l) => l.hops.map((h) => [h.from, h.to, h.statement]))")
    assert [[tuple(h) for h in loop] for loop in loops] == command
    assert opened.text("#nkg-panel .summary").startswith(f"{len(command)} cycles")
    assert opened.js("document.querySelectorAll('#nkg-loops > li.loop').length") == min(6, len(command))  # a page
    labels = opened.js(
        "[...document.querySelectorAll('#nkg-loops > li.loop:first-child svg text.step-label')]"
        ".map((t) => t.textContent)"
    )
    assert len(labels) == len(command[0])
    if len(command) > 6:
        opened.page.click("#nkg-panel .pager a:text('Next')")
        wait_until(opened.page, "location.hash === '#q/loops/1'")
        assert opened.js("document.querySelector('#nkg-loops > li.loop').dataset.loop") == "6"
    calls = opened.js("neurokgExplorer.loops.filter((l) => l.cycle).length")
    assert calls >= min(3, len(command))  # the passages that call a chain a vicious cycle
    opened.clean()


def test_a_selected_cycle_is_highlighted_exactly(open_page: Any, real_page: Path) -> None:
    opened = open_page(real_page)
    last = opened.js("neurokgExplorer.loops.length") - 1
    opened.js("(i) => neurokgExplorer.go('loop/' + i)", last)
    loop = opened.js("(i) => neurokgExplorer.loops[i]", last)
    nodes = sorted({h["from"] for h in loop["hops"]})
    edges = sorted(h["statement"] for h in loop["hops"])
    assert opened.text("#nkg-panel-title").startswith(f"Cycle {last + 1}: ")
    assert opened.js("document.querySelectorAll('#nkg-panel li.row').length") == len(edges)
    opened.page.click("#nkg-panel button:text('Show this cycle on the map')")
    wait_until(opened.page, "neurokgExplorer.mapReady === true")
    lit = opened.js("""() => [
        neurokgExplorer.nodes.get().filter((n) => n.color.background !== '#eceff1').map((n) => n.id).sort(),
        neurokgExplorer.edges.get().filter((e) => e.color.color !== '#e3e6e8').map((e) => e.nk.statement).sort()]""")
    assert lit == [nodes, edges]
    opened.clean()
