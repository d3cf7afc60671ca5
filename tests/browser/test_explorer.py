"""The explorer in a real browser: Debian's chromium driven by Playwright, pages opened from file://.

Every page is opened with every non-file request aborted and recorded, and every console message
of type error recorded; the tests assert that both lists stay empty. Screenshots go to
``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib

from neurokg import to_networkx
from neurokg.explorer import write_explorer
from tests.conftest import BUILT, ROOT
from tests.explorergraph import XSS_DEFINITION, XSS_LABEL, XSS_TITLE, fixture_network

pytestmark = pytest.mark.browser


ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Opened:
    """A page and what it tried to do."""

    page: object
    remote: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)  # type: ignore[attr-defined]

    def clean(self) -> None:
        """No remote request, no console error, no dialog."""
        assert self.remote == [], self.remote
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert all(u.startswith(("file:", "data:")) for u in self.requests), self.requests


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[Path], Opened]]:
    pages = []

    def open_(path: Path) -> Opened:
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        pages.append(page)
        opened = Opened(page)

        def route(r) -> None:
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                opened.remote.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda req: opened.requests.append(req.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(d) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.neurokgExplorer && window.neurokgExplorer.ready", timeout=30_000)
        return opened

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(fixture_network(), tmp_path_factory.mktemp("explorer") / "fixture.html")


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory, graph: rdflib.Graph) -> Path:
    return write_explorer(graph, tmp_path_factory.mktemp("explorer") / "real.html")


def _screenshot(opened: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / name))  # type: ignore[attr-defined]


def _node_point(opened: Opened, node: str) -> tuple[float, float]:
    """Where ``node`` is drawn, in page coordinates."""
    x, y = opened.js(
        """(id) => { const n = neurokgExplorer.network; const d = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.getElementById('nkg-network').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        node,
    )  # type: ignore[misc]
    return x, y


def _in_view(opened: Opened, node: str) -> bool:
    x, y = _node_point(opened, node)
    box = opened.js("(() => { const r = document.getElementById('nkg-network').getBoundingClientRect(); "
                    "return [r.left, r.top, r.right, r.bottom]; })()")  # fmt: skip
    left, top, right, bottom = box  # type: ignore[misc]
    return bool(left <= x <= right and top <= y <= bottom)


def _visible(opened: Opened) -> tuple[list[str], list[str]]:
    """Ids of the nodes and edges vis-network draws (not hidden)."""
    nodes, edges = opened.js(
        """() => { const b = neurokgExplorer.network.body;
                   return [b.nodeIndices.filter((i) => !b.nodes[i].options.hidden).sort(),
                           b.edgeIndices.filter((i) => !b.edges[i].options.hidden).sort()]; }"""
    )  # type: ignore[misc]
    return nodes, edges


def _details(opened: Opened) -> str:
    return str(opened.js("document.getElementById('nkg-details').textContent"))


def test_fixture_draws_every_node_and_parallel_edge(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    nodes, edges = _visible(opened)
    assert nodes == ["nk:a", "nk:b", "nk:c", "nk:d", "nk:e"]
    assert edges == [f"nks:st{i}" for i in range(1, 7)]
    assert opened.js("[neurokgExplorer.nodes.length, neurokgExplorer.edges.length]") == [5, 6]
    assert opened.js("neurokgExplorer.edges.get('nks:st2').dashes") == [8, 5]  # hedged
    assert opened.js("neurokgExplorer.edges.get('nks:st3').dashes") == [2, 5]  # advertised
    assert opened.js("neurokgExplorer.edges.get('nks:st4').dashes") == [1, 4]  # inferred by a curator
    opened.clean()


def test_layout_is_fixed_and_does_not_move(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    first = opened.js("neurokgExplorer.network.getPositions()")
    opened.page.wait_for_timeout(600)  # type: ignore[attr-defined]
    assert opened.js("neurokgExplorer.network.getPositions()") == first
    expected = opened.js("Object.fromEntries(neurokgExplorer.nodes.get().map((n) => [n.id, {x: n.x, y: n.y}]))")
    assert first == expected  # the positions computed in Python, untouched by physics


def test_hover_shows_label_type_and_definition(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    opened.page.mouse.move(*_node_point(opened, "nk:a"))  # type: ignore[attr-defined]
    tip = opened.page.locator("div.vis-tooltip")  # type: ignore[attr-defined]
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text().split("\n") == ["alpha disease", "Condition", "A made-up condition."]


def test_search_focuses_node_and_highlights_neighbourhood(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    page = opened.page
    page.fill("#nkg-search", "alpha synd")  # type: ignore[attr-defined]
    page.press("#nkg-search", "Enter")  # type: ignore[attr-defined]
    assert opened.js("neurokgExplorer.network.getSelectedNodes()") == ["nk:a"]
    assert opened.js("document.getElementById('nkg-details-title').textContent") == "alpha disease"
    assert _in_view(opened, "nk:a") and _in_view(opened, "nk:b")  # the view shows the neighbourhood
    colours = opened.js("Object.fromEntries(neurokgExplorer.nodes.get().map((n) => [n.id, n.color.background]))")
    assert colours["nk:a"] != "#e6e6e6" and colours["nk:b"] != "#e6e6e6"  # type: ignore[index]
    assert colours["nk:c"] == colours["nk:d"] == colours["nk:e"] == "#e6e6e6"  # type: ignore[index]
    assert opened.js("document.querySelectorAll('#nkg-names option').length") == 6  # 5 labels + 1 other name
    opened.clean()


def test_click_node_shows_relations_evidence_and_markers(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    opened.page.mouse.click(*_node_point(opened, "nk:a"))  # type: ignore[attr-defined]
    text = _details(opened)
    assert "alpha disease" in text and "A made-up condition." in text
    assert "alpha syndrome" in text and "obo:X_1" in text
    assert "text of nks:st1" in text  # evidence text
    assert "f.txt [10\u201320) (text not included" in text  # evidence without text: document and offsets
    assert "hedged: may" in text
    assert opened.js("document.querySelectorAll('#nkg-details .rel').length") == 2
    opened.page.mouse.click(*_node_point(opened, "nk:c"))  # type: ignore[attr-defined]
    text = _details(opened)
    assert "⚠ advertised" in text and "inferred by curator" in text
    assert "a curator's reason" in text  # the reason of the inferred reading
    opened.clean()


def test_click_edge_shows_relation_qualifiers_and_evidence(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    (x1, y1), (x2, y2) = _node_point(opened, "nk:c"), _node_point(opened, "nk:b")
    opened.page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)  # type: ignore[attr-defined]
    assert opened.js("neurokgExplorer.network.getSelectedEdges()") == ["nks:st3"]
    text = _details(opened)
    assert text.startswith("treats⚠ advertised")
    assert "f \u00b7 advertised" in text  # the reading says it is an advertising claim
    assert "lineOfTherapy" in text and "first line" in text and "text of nks:st3" in text
    opened.clean()


def test_filters_hide_nodes_and_edges(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    page = opened.page
    page.uncheck("input[data-kind=class][data-key=Drug]")  # type: ignore[attr-defined]
    nodes, edges = _visible(opened)
    assert nodes == ["nk:a", "nk:b", "nk:d", "nk:e"]
    assert edges == ["nks:st1", "nks:st2", "nks:st5", "nks:st6"]
    page.uncheck("input[data-kind=relation][data-key='nko:causes']")  # type: ignore[attr-defined]
    nodes, edges = _visible(opened)
    assert edges == ["nks:st1", "nks:st5", "nks:st6"]
    assert page.inner_text("#nkg-status") == "4 of 5 nodes, 3 of 6 relations shown"  # type: ignore[attr-defined]
    page.click("#nkg-reset")  # type: ignore[attr-defined]
    assert _visible(opened) == (["nk:a", "nk:b", "nk:c", "nk:d", "nk:e"], [f"nks:st{i}" for i in range(1, 7)])
    opened.clean()


def test_path_between_two_nodes(open_page, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    page = opened.page
    page.fill("#nkg-path-from", "alpha disease")  # type: ignore[attr-defined]
    page.fill("#nkg-path-to", "delta class")  # type: ignore[attr-defined]
    page.click("#nkg-path-go")  # type: ignore[attr-defined]
    assert opened.js("[...document.querySelectorAll('#nkg-path li')].map((li) => li.dataset.node)") == [
        "nk:a", "nk:b", "nk:c", "nk:d"
    ]  # fmt: skip
    dim = opened.js("neurokgExplorer.edges.get().filter((e) => e.color.color !== '#e3e3e3').map((e) => e.id).sort()")
    # the path's edges stay coloured (of the parallel a->b pair, the first by relation: causes), the rest is dimmed
    assert dim == ["nks:st2", "nks:st3", "nks:st4"]
    # with the drug hidden there is no path any more
    page.uncheck("input[data-kind=class][data-key=Drug]")  # type: ignore[attr-defined]
    page.click("#nkg-path-go")  # type: ignore[attr-defined]
    assert "no path between alpha disease and delta class" in _details(opened)
    opened.clean()


def test_injected_markup_is_shown_as_text(open_page, tmp_path: Path) -> None:
    page_path = write_explorer(fixture_network(xss=True), tmp_path / "xss.html", title=XSS_TITLE)
    opened = open_page(page_path)
    page = opened.page
    assert opened.js("document.title") == XSS_TITLE
    assert opened.js("document.getElementById('nkg-title').textContent") == XSS_TITLE
    page.fill("#nkg-search", "<svg onload")  # type: ignore[attr-defined]
    page.press("#nkg-search", "Enter")  # type: ignore[attr-defined]
    assert opened.js("document.getElementById('nkg-details-title').textContent") == XSS_LABEL
    text = _details(opened)
    assert XSS_DEFINITION in text and "<script>window.__xss=4</script>" in text
    page.mouse.move(*_node_point(opened, "nk:x"))  # type: ignore[attr-defined]
    tip = page.locator("div.vis-tooltip")  # type: ignore[attr-defined]
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text().split("\n")[0] == XSS_LABEL
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert opened.js("window.__xss === undefined")
    assert opened.js("document.querySelectorAll('img, svg, #nkg-details script, .vis-tooltip script').length") == 0
    assert opened.js("document.querySelectorAll('script').length") == 5  # 3 data + vis-network + explorer
    _screenshot(opened, "explorer-xss.png")
    opened.clean()


def test_real_graph_counts_and_no_network(open_page, real_page: Path, graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    opened = open_page(real_page)
    nodes, edges = _visible(opened)
    assert len(nodes) == G.number_of_nodes() and set(nodes) == set(G.nodes)
    assert len(edges) == G.number_of_edges()
    assert sorted(edges) == sorted(d["statement"] for _, _, d in G.edges(data=True))
    _screenshot(opened, "explorer-real.png")
    opened.clean()


@BUILT
def test_acceptance_built_explorer_from_disk(open_page, built, graph: rdflib.Graph) -> None:
    """`neurokg build` output opened from disk, network refused: every node, search, evidence text."""
    assert "explorer.html" in built.files
    G = to_networkx(graph)
    opened = open_page(built.out / "explorer.html")
    assert len(_visible(opened)[0]) == G.number_of_nodes()
    page = opened.page
    page.fill("#nkg-search", "central sensitization")  # type: ignore[attr-defined]
    page.press("#nkg-search", "Enter")  # type: ignore[attr-defined]
    assert opened.js("neurokgExplorer.network.getSelectedNodes()") == ["nk:central_sensitization"]
    texts = [
        ev["text"] for u, v, d in G.edges(data=True) if "nk:central_sensitization" in (u, v) for ev in d["evidence"]
    ]
    assert texts
    details = _details(opened)
    assert all(t in details for t in texts)
    _screenshot(opened, "explorer-search.png")
    # and a click on a neighbour on the canvas shows its evidence too
    page.mouse.click(*_node_point(opened, "nk:chronic_pain"))  # type: ignore[attr-defined]
    assert opened.js("document.getElementById('nkg-details-title').textContent") == "chronic pain"
    # where the documents read a relation differently, each document's reading is shown: the anticonvulsants
    page.fill("#nkg-search", "anticonvulsant")  # type: ignore[attr-defined]
    page.press("#nkg-search", "Enter")  # type: ignore[attr-defined]
    readings = opened.js(
        """() => [...document.querySelectorAll('#nkg-details .rel')]
                 .filter((r) => r.textContent.includes('neuropathic pain') && r.textContent.startsWith('\u2192 treats'))
                 .flatMap((r) => [...r.querySelectorAll('.reading')].map((x) => x.textContent))"""
    )
    assert any(r.startswith("000_c4bdad115d249047 \u00b7 stated \u00b7 often") for r in readings), readings  # type: ignore[union-attr]
    assert any(r.startswith("003_0cd4833e1a3bd26d \u00b7 stated \u00b7 in some cases") for r in readings)  # type: ignore[union-attr]
    note = str(opened.js("document.getElementById('nkg-basis-note').textContent"))
    assert "Only relations a document states are drawn" in note
    assert "first line" not in _details(opened)  # a curator's judgement is not drawn by default
    opened.clean()


def test_inferred_and_advertised_only_when_included_and_marked(open_page, tmp_path: Path, graph: rdflib.Graph) -> None:
    stated = set(d["statement"] for _, _, d in to_networkx(graph).edges(data=True))
    G = to_networkx(graph, include=["inferred", "advertised"])
    opened = open_page(write_explorer(G, tmp_path / "included.html"))
    labels = opened.js("Object.fromEntries(neurokgExplorer.edges.get().map((e) => [e.id, [e.label, e.nk.basis]]))")
    extra = {k: v for k, v in labels.items() if k not in stated}  # type: ignore[union-attr]
    assert extra and all(basis in ("inferred", "advertised") for _, basis in extra.values())
    assert all(label.endswith(" (inferred)") for label, basis in extra.values() if basis == "inferred")
    assert all(label.endswith("\u26a0") for label, basis in extra.values() if basis == "advertised")
    page = opened.page
    page.fill("#nkg-search", "anticonvulsant")  # type: ignore[attr-defined]
    page.press("#nkg-search", "Enter")  # type: ignore[attr-defined]
    text = _details(opened)
    assert "+ curator reading" in text and "inferred by curator" in text and "first line" in text
    assert "Also drawn" in str(opened.js("document.getElementById('nkg-basis-note').textContent"))
    opened.clean()
