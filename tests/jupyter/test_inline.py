"""The explorer inline: one self-contained iframe, checked as text and in chromium."""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from neurokg import to_networkx
from neurokg.core.errors import NotFoundError, UsageError
from neurokg.explorer import explorer_html, select_subgraph
from neurokg.jupyter import explorer_iframe, show_explorer
from tests.explorergraph import embedded

FOCUS = "central sensitization"
SRCDOC = re.compile(r'<iframe srcdoc="([^"]*)"')


@pytest.fixture(scope="module")
def network(graph: rdflib.Graph) -> nx.MultiDiGraph:
    return to_networkx(graph)


@pytest.fixture(scope="module")
def frame(network: nx.MultiDiGraph) -> str:
    shown = show_explorer(network, focus=FOCUS, depth=1)
    data = shown.data
    assert isinstance(data, str)
    return data


def _page(frame: str) -> str:
    found = SRCDOC.findall(frame)
    assert len(found) == 1, "exactly one iframe with a srcdoc"
    return html.unescape(found[0])


def test_show_explorer_returns_an_ipython_html_object(network: nx.MultiDiGraph) -> None:
    from IPython.display import HTML

    shown = show_explorer(network, focus=FOCUS, depth=1)
    assert isinstance(shown, HTML)
    assert shown._repr_html_() == shown.data
    assert shown.data.startswith('<div class="neurokg-explorer"') and shown.data.endswith("</iframe></div>")


def test_the_iframe_holds_the_whole_page(frame: str, network: nx.MultiDiGraph) -> None:
    page = _page(frame)
    assert page == explorer_html(network, focus=FOCUS, depth=1)
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert page.rstrip().endswith("</html>")
    assert "vis-network" in page and "new vis.Network" in page  # the library is inlined, not linked


def test_no_remote_resource_in_the_page(frame: str) -> None:
    page = _page(frame)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    for cdn in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrapcdn", "cloudflare"):
        assert cdn not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", frame, re.IGNORECASE)


def test_the_page_opens_on_the_focus_and_maps_its_neighbours(frame: str, network: nx.MultiDiGraph) -> None:
    page = _page(frame)
    near = set(select_subgraph(network, focus=FOCUS, depth=1))
    assert "nk:central_sensitization" in near and "nk:chronic_pain" in near and len(near) == 5
    assert {n["id"] for n in embedded(page, "nodes")} == near
    assert embedded(page, "model")["focus"] == "nk:central_sensitization"
    assert f"<title>{FOCUS}: what the sources say" in page


def test_depth_widens_the_map(network: nx.MultiDiGraph) -> None:
    two = _page(show_explorer(network, focus=FOCUS, depth=2).data)
    nodes = {n["id"] for n in embedded(two, "nodes")}
    assert len(nodes) > 5 and "nk:neuropathic_pain" in nodes


def test_an_rdflib_graph_adds_the_question_cards(graph: rdflib.Graph, frame: str) -> None:
    from_rdf = embedded(_page(show_explorer(graph, focus=FOCUS, depth=1).data), "model")
    from_view = embedded(_page(frame), "model")
    sentences = {k: (s["sentence"], s["basis"]) for k, s in from_view["statements"].items()}
    rdf = from_rdf["statements"]
    assert {k: (rdf[k]["sentence"], rdf[k]["basis"]) for k in sentences} == sentences  # the same answers
    assert from_rdf["questions"]["causes"]["direct"] and "causes" not in from_view["questions"]
    with pytest.raises(UsageError, match="rdflib Graph or a networkx MultiDiGraph"):
        show_explorer("diabetes")  # type: ignore[arg-type]


def test_the_frame_is_sandboxed_and_sized(frame: str) -> None:
    tag = frame[frame.index("<iframe") : frame.index(">", frame.index('" width=')) + 1]
    assert 'sandbox="allow-scripts' in tag and "allow-same-origin" not in tag
    assert 'height="600"' in tag and 'title="neurokg explorer"' in tag


def test_escaping_keeps_quotes_and_ampersands_inside_the_attribute() -> None:
    page = '<html><body><p title="a">x &amp; y</p><script>if (1 < 2 && "a") {}</script></body></html>'
    frame = explorer_iframe(page, height=200)
    attribute = SRCDOC.findall(frame)[0]
    assert html.unescape(attribute) == page
    assert not set("<>\"'") & set(attribute)  # nothing in the page can close the attribute or open a tag
    assert frame.count("<iframe") == 1 and frame.count("</iframe>") == 1


def test_bad_focus_and_height(network: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError, match="central sensitisation"):
        show_explorer(network, focus="central sensitisation", depth=1)
    with pytest.raises(UsageError, match="height"):
        explorer_iframe("<html></html>", height=0)


# ------------------------------------------------------------------ chromium --


def _poll(page: object, frame: object, expression: str) -> None:
    """Wait until ``expression`` is true in ``frame``: the page's CSP forbids the eval that wait_for_function needs."""
    for _ in range(300):
        if frame.evaluate(expression):  # type: ignore[attr-defined]
            return
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    raise AssertionError(f"never true: {expression}")


@pytest.mark.browser
def test_the_iframe_draws_the_explorer_in_chromium(browser: object, frame: str, tmp_path: Path) -> None:
    """A notebook-like host page: the explorer runs inside the sandboxed srcdoc frame, offline."""
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><h1>Out[1]:</h1>{frame}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    remote: list[str] = []
    errors: list[str] = []

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(("file:", "data:", "about:")):
            r.continue_()  # type: ignore[attr-defined]
        else:
            remote.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(host.as_uri())
        inner = page.frame_locator("iframe").locator("body")
        inner.wait_for(timeout=30_000)
        child = next(f for f in page.frames if f != page.main_frame)
        _poll(page, child, "Boolean(window.neurokgExplorer && window.neurokgExplorer.ready)")
        title = child.evaluate("document.getElementById('nkg-panel-title').textContent")
        assert title == FOCUS  # opened on the focus, its answers shown
        child.click("#card-loops")  # links work inside the sandboxed frame
        _poll(page, child, "document.getElementById('nkg-panel-title').textContent === 'Vicious cycles'")
        child.click("#tab-map")
        _poll(page, child, "window.neurokgExplorer.mapReady === true")
        status = child.evaluate("document.getElementById('nkg-status').textContent")
        assert status.startswith("5 of 5 concepts"), status
        ids = child.evaluate("window.neurokgExplorer.network.body.data.nodes.getIds()")
        assert "nk:central_sensitization" in ids
        box = page.locator("iframe").bounding_box()
        assert box is not None and box["height"] == pytest.approx(600, abs=4) and box["width"] > 1000
        assert remote == [] and errors == []
    finally:
        page.close()


def test_the_explorer_can_live_in_a_file_beside_the_notebook(
    network: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = show_explorer(network, focus="central sensitization", file="explorers/cs.html").data
    page = (tmp_path / "explorers" / "cs.html").read_text(encoding="utf-8")
    assert "srcdoc" not in shown and len(shown) < 500  # the notebook keeps a link, not the page
    assert 'src="explorers/cs.html"' in shown and 'href="explorers/cs.html"' in shown
    assert page.lower().startswith("<!doctype html>") and "central sensitization" in page
