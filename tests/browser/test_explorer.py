"""The whole map in a real browser: Debian's chromium driven by Playwright, pages opened from file://.

Every page is opened with every non-file request aborted and recorded, and every console error recorded; the
tests assert that both lists stay empty. Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import rdflib

from neurokg import to_networkx
from neurokg.explorer import write_explorer
from neurokg.explorer.basis import edge_basis
from tests.browser.wait import wait_until
from tests.conftest import BUILT
from tests.explorergraph import XSS_DEFINITION, XSS_LABEL, XSS_TITLE, fixture_network

pytestmark = pytest.mark.browser

STATED = sorted(d["statement"] for _, _, d in fixture_network().edges(data=True) if edge_basis(d) == "stated")
"""What the map draws by default: nks:st3 is an advertising claim (and nks:st4 a curator's inference, once
evidence has a status)."""


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(fixture_network(), tmp_path_factory.mktemp("explorer") / "fixture.html")


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory, graph: rdflib.Graph) -> Path:
    return write_explorer(graph, tmp_path_factory.mktemp("explorer") / "real.html")


def _map(open_page: Any, path: Path, **kw: Any) -> Any:
    opened = open_page(path, hash="map", **kw)
    wait_until(opened.page, "neurokgExplorer.mapReady === true")
    return opened


def _node_point(opened: Any, node: str) -> tuple[float, float]:
    """Where ``node`` is drawn, in page coordinates."""
    x, y = opened.js(
        """(id) => { const n = neurokgExplorer.network; const d = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.getElementById('nkg-network').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        node,
    )
    return x, y


def _in_view(opened: Any, node: str) -> bool:
    x, y = _node_point(opened, node)
    left, top, right, bottom = opened.js(
        "(() => { const r = document.getElementById('nkg-network').getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })()"
    )
    return bool(left <= x <= right and top <= y <= bottom)


def _visible(opened: Any) -> tuple[list[str], list[str]]:
    """Ids of the nodes and edges vis-network draws (not hidden)."""
    nodes, edges = opened.js(
        """() => { const b = neurokgExplorer.network.body;
                   return [b.nodeIndices.filter((i) => !b.nodes[i].options.hidden).sort(),
                           b.edgeIndices.filter((i) => !b.edges[i].options.hidden).sort()]; }"""
    )
    return nodes, edges


def test_draws_every_node_and_each_stated_parallel_edge(open_page: Any, fixture_page: Path) -> None:
    opened = _map(open_page, fixture_page)
    nodes, edges = _visible(opened)
    assert nodes == ["nk:a", "nk:b", "nk:c", "nk:d", "nk:e"]
    assert edges == STATED and "nks:st3" not in edges  # advertising is left out by default
    assert opened.js("neurokgExplorer.edges.get('nks:st2').dashes") == [8, 5]  # hedged
    opened.page.check("#nkg-show-advertised")
    opened.page.check("#nkg-show-inferred")
    assert _visible(opened)[1] == [f"nks:st{i}" for i in range(1, 7)]
    assert opened.js("neurokgExplorer.edges.get('nks:st3').label") == "advertised: treats"
    opened.clean()


def test_layout_is_fixed_and_does_not_move(open_page: Any, fixture_page: Path) -> None:
    opened = _map(open_page, fixture_page)
    first = opened.js("neurokgExplorer.network.getPositions()")
    opened.page.wait_for_timeout(600)
    assert opened.js("neurokgExplorer.network.getPositions()") == first
    expected = opened.js("Object.fromEntries(neurokgExplorer.nodes.get().map((n) => [n.id, {x: n.x, y: n.y}]))")
    assert first == expected  # the positions computed in Python, untouched by physics


def test_click_node_opens_its_answers(open_page: Any, fixture_page: Path) -> None:
    opened = _map(open_page, fixture_page)
    opened.page.mouse.click(*_node_point(opened, "nk:a"))
    wait_until(opened.page, "location.hash === '#c/nk%3Aa'")
    panel = opened.text("#nkg-panel")
    assert "alpha disease" in panel and "A made-up condition." in panel and "Also called: alpha syndrome" in panel
    assert "Alpha disease has beta pain as a symptom." in panel and "Alpha disease may cause beta pain." in panel
    assert "text of nks:st1" in panel  # the quote
    assert opened.js("document.querySelectorAll('#nkg-panel .row').length") == 2
    assert "obo:X_1" not in panel  # identifiers only under "data details"
    opened.page.click("#nkg-concept-data summary")
    assert "obo:X_1" in opened.text("#nkg-panel")
    opened.clean()


def test_filters_include_subclasses_all_none_only_and_refit(open_page: Any, fixture_page: Path) -> None:
    opened = _map(open_page, fixture_page)
    page = opened.page
    page.uncheck("input[data-kind=class][data-key=Drug]")
    nodes, edges = _visible(opened)
    assert nodes == ["nk:a", "nk:b", "nk:d", "nk:e"] and edges == ["nks:st1", "nks:st2", "nks:st5", "nks:st6"]
    page.uncheck("input[data-kind=relation][data-key='nko:causes']")
    assert _visible(opened)[1] == ["nks:st1", "nks:st5", "nks:st6"]
    assert page.inner_text("#nkg-status").startswith("4 of 5 concepts, 3 of 6 relations shown")
    page.click("#nkg-filters .bulk button:text('All') >> nth=0")
    page.click("#nkg-filters .bulk button:text('All') >> nth=1")
    assert _visible(opened) == (["nk:a", "nk:b", "nk:c", "nk:d", "nk:e"], STATED)
    page.uncheck("input[data-kind=class][data-key=Treatment]")  # a class hides its subclasses
    assert _visible(opened)[0] == ["nk:a", "nk:b", "nk:e"]
    page.click("#nkg-filters .bulk button:text('None') >> nth=0")
    assert _visible(opened)[0] == []
    page.click("input[data-kind=class][data-key=Symptom] >> xpath=../.. >> button.only")
    assert _visible(opened)[0] == ["nk:b"] and _in_view(opened, "nk:b")  # re-fitted on what is left
    opened.clean()


def test_labels_stay_readable_at_every_zoom(open_page: Any, real_page: Path) -> None:
    opened = _map(open_page, real_page)
    for scale in (0.05, 0.2, 1.0):
        opened.js(
            "(s) => { neurokgExplorer.network.moveTo({scale: s}); neurokgExplorer.network.emit('zoom', {scale: s}); }",
            scale,
        )
        sizes = opened.js("""() => { const n = neurokgExplorer.network, s = n.getScale();
          return neurokgExplorer.nodes.get().filter((x) => x.nk.rank < 25).map((x) => x.font.size * s); }""")
        assert (
            len(sizes) == 25 and min(sizes) >= 13 * min(scale, 1) - 0.01 and min(sizes) >= 13 * 0.999
        ) or scale == 1.0
        assert min(sizes) >= 12.9, (scale, min(sizes))
    opened.page.focus("#nkg-network")
    before = opened.js("neurokgExplorer.network.getScale()")
    opened.page.keyboard.press("+")
    assert opened.js("neurokgExplorer.network.getScale()") > before
    opened.page.keyboard.press("-")
    opened.page.keyboard.press("-")
    assert opened.js("neurokgExplorer.network.getScale()") < before
    opened.clean()


def test_list_alternative_and_csv_export(open_page: Any, fixture_page: Path) -> None:
    opened = _map(open_page, fixture_page)
    page = opened.page
    page.click("#nkg-map-list summary")
    wait_until(page, "document.querySelectorAll('#nkg-map-list li').length > 0")  # filled when it opens
    items = opened.js("[...document.querySelectorAll('#nkg-map-list li')].map((li) => li.textContent)")
    assert len(items) == len(STATED) and "Alpha disease may cause beta pain." in items
    page.uncheck("input[data-kind=relation][data-key='nko:causes']")
    assert opened.js("document.querySelectorAll('#nkg-map-list li').length") == len(STATED) - 1  # less st2
    with page.expect_download() as download:
        page.click("#nkg-export")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["statement"] for r in rows) == [s for s in STATED if s != "nks:st2"]
    assert {r["sentence"] for r in rows} >= {
        "Alpha disease has beta pain as a symptom",
        "Beta pain leads to epsilon mood",
    }
    opened.clean()


def test_injected_markup_is_shown_as_text(open_page: Any, tmp_path: Path) -> None:
    page_path = write_explorer(fixture_network(xss=True), tmp_path / "xss.html", title=XSS_TITLE)
    opened = open_page(page_path)
    page = opened.page
    assert opened.js("document.title") == XSS_TITLE
    assert opened.js("document.getElementById('nkg-title').textContent") == XSS_TITLE
    page.fill("#nkg-search", "<svg onload")
    assert XSS_LABEL in opened.text("#nkg-results")
    page.press("#nkg-search", "Enter")
    assert opened.js("document.getElementById('nkg-panel-title').textContent") == XSS_LABEL
    text = opened.text("#nkg-panel")
    assert XSS_DEFINITION in text and "<script>window.__xss=4</script>" in text
    page.click("#nkg-panel button:text('Show on the map')")
    wait_until(page, "neurokgExplorer.mapReady === true")
    assert _in_view(opened, "nk:x")
    page.mouse.move(*_node_point(opened, "nk:x"))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text().startswith(XSS_LABEL)
    page.wait_for_timeout(300)
    assert opened.js("window.__xss === undefined")
    assert opened.js("document.querySelectorAll('img, #nkg-panel script, .vis-tooltip script').length") == 0
    assert opened.js("document.querySelectorAll('script').length") == 6  # 4 data + vis-network + explorer
    opened.screenshot("explorer-xss.png")
    opened.clean()


def test_real_graph_counts_and_no_network(open_page: Any, real_page: Path, graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    opened = _map(open_page, real_page)
    nodes, edges = _visible(opened)
    assert len(nodes) == G.number_of_nodes() and set(nodes) == set(G.nodes)
    stated = {
        d["statement"]
        for _, _, d in G.edges(data=True)
        if not d.get("promotional") and d.get("basis", "stated") == "stated"
    }
    assert set(edges) == stated
    opened.screenshot("explorer-real-map.png")
    opened.clean()


@BUILT
def test_acceptance_built_explorer_from_disk(open_page: Any, built: Any, graph: rdflib.Graph) -> None:
    """`neurokg build` output opened from disk, network refused: search, the answers and their passages."""
    assert "explorer.html" in built.files
    G = to_networkx(graph)
    opened = open_page(built.out / "explorer.html")
    page = opened.page
    page.fill("#nkg-search", "central sensitization")
    page.press("#nkg-search", "Enter")
    wait_until(page, "location.hash === '#c/nk%3Acentral_sensitization'")
    texts = {
        ev["text"] for u, v, d in G.edges(data=True) if "nk:central_sensitization" in (u, v) for ev in d["evidence"]
    }
    assert texts
    quotes = set(opened.js("[...document.querySelectorAll('#nkg-panel blockquote')].map((q) => q.textContent)"))
    assert texts <= quotes
    opened.screenshot("explorer-search.png")
    page.click("#tab-map")
    wait_until(page, "neurokgExplorer.mapReady === true")
    assert opened.js("neurokgExplorer.network.getSelectedNodes()") == ["nk:central_sensitization"]
    page.mouse.click(*_node_point(opened, "nk:chronic_pain"))
    wait_until(page, "document.getElementById('nkg-panel-title').textContent === 'chronic pain'")
    opened.clean()
