"""The explorer's answers against the named queries and commands, in Debian's chromium (network refused).

Issue 16, done-when items 3, 5, 6 and 9: the causes and treatments cards give what queries 01 and 06 give,
sentences with their certainty, limits and passages and no identifier outside "data details"; advertising and
inference are off by default and listed in their own cards; search ranks names, forgives a typo, searches the
sentences and suggests on a miss; ``viz --focus`` opens on its focus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import rdflib

from neurokg import to_networkx
from neurokg.core.namespace import curie
from neurokg.explorer import write_explorer
from neurokg.explorer.basis import full_network
from neurokg.explorer.words import CERTAINTY_WORDS
from tests.browser.wait import wait_until
from tests.conftest import CORPUS
from tests.explorergraph import FIXTURE_CORPUS, sources_graph

pytestmark = pytest.mark.browser

CURIE = re.compile(r"\b(?:nk|nko|nks|nkd|nke|obo|mesh|drugbank|biolink|schema):[A-Za-z0-9_]")


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory, graph: rdflib.Graph) -> Path:
    return write_explorer(graph, tmp_path_factory.mktemp("answers") / "real.html", corpus=CORPUS)


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(sources_graph(), tmp_path_factory.mktemp("answers") / "fixture.html", corpus=FIXTURE_CORPUS)


def _query(cli: Any, number: str, fixture: bool = False) -> list[dict[str, Any]]:
    """The rows of a named query: by the command on the real graph, by the library on the fixture of sources."""
    if fixture:
        from neurokg.sparql.engine import run_query
        from neurokg.sparql.named import find_named

        return run_query(sources_graph(), find_named(number).text).records()
    code, out, err = cli("query", "--named", number, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _rows(opened: Any) -> list[str]:
    return opened.js("[...document.querySelectorAll('#nkg-panel li.row')].map((li) => li.dataset.statement)")


def _visible_panel_text(opened: Any) -> str:
    return str(opened.js("document.getElementById('nkg-panel').innerText"))


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_causes_card_is_query_01(open_page: Any, cli: Any, real_page: Path, fixture_page: Path, which: str) -> None:
    """Item 3: exactly the direct causes of query 01, each with its certainty word and its passages in full."""
    rows = [
        r for r in _query(cli, "01", which == "fixture") if r["target"] == "neuropathic pain" and r["route"] == "direct"
    ]
    assert len(rows) == (25 if which == "real" else 4)
    graph = sources_graph() if which == "fixture" else None
    G = full_network(graph) if graph is not None else None
    opened = open_page(fixture_page if which == "fixture" else real_page, hash="q/causes")
    shown = opened.js("""[...document.querySelectorAll('#nkg-causes-direct > li.row')].map((li) => [
        li.dataset.statement,
        li.querySelector('.chip.certainty').dataset.certainty, li.querySelector('.chip.certainty').textContent])""")
    assert sorted(s for s, _, _ in shown) == sorted(curie(r["statement"]) for r in rows)
    certainty = {curie(r["statement"]): r["certainty"] for r in rows}
    assert all(c == certainty[s] and word == CERTAINTY_WORDS[c] for s, c, word in shown)
    for button in opened.page.query_selector_all("#nkg-causes-direct .quote-toggle"):
        button.click()
    quotes = opened.js("""Object.fromEntries([...document.querySelectorAll('#nkg-causes-direct > li.row')].map((li) =>
        [li.dataset.statement, [...li.querySelectorAll('blockquote')].map((q) => q.textContent)]))""")
    expanded = opened.js("document.querySelectorAll('#nkg-causes-direct blockquote.collapsed').length")
    assert expanded == 0
    evidence = _evidence_texts(G if G is not None else None, opened)
    for sid, texts in quotes.items():
        assert sorted(texts) == sorted(evidence[sid]) and texts, sid
    text = _visible_panel_text(opened)
    assert not CURIE.search(text), CURIE.search(text)
    opened.clean()


def _evidence_texts(G: Any, opened: Any) -> dict[str, list[str]]:
    """The distinct evidence texts of each statement (identical texts from several sources merge into one)."""
    if G is None:
        from neurokg import load_graph

        G = full_network(load_graph(corpus=CORPUS))
    return {d["statement"]: sorted({ev["text"] for ev in d["evidence"]}) for _, _, d in G.edges(data=True)}


def test_identical_quotes_merge_and_sources_are_counted(open_page: Any, fixture_page: Path) -> None:
    opened = open_page(fixture_page, hash="q/causes")
    row = "#nkg-causes-direct li.row:first-child"
    assert opened.text(f"{row} .sentence") == "Diabetes causes neuropathic pain."
    assert opened.text(f"{row} .sources").startswith("Stated by 3 sources")
    assert opened.js(f"document.querySelectorAll('{row} blockquote').length") == 1  # the same sentence in 3 sources
    cite = opened.text(f"{row} .quote .cite")
    assert all(t in cite for t in ("Nerve pain explained", "Peripheral nerve problems", "Diabetes and the nerves"))
    marks = opened.js(
        f"[...document.querySelectorAll('{row} blockquote mark')].map((m) => [m.className, m.textContent])"
    )
    assert marks == [["end-s", "Diabetes"], ["end-o", "neuropathic pain"]]  # both ends marked
    opened.page.click(f"{row} details.data summary")
    details = opened.text(f"{row} details.data")
    assert "g2_diabetes.txt [" in details and "nko:causes" in details  # identifiers and offsets, on request
    opened.clean()


def test_treatments_card_chips_are_query_06(open_page: Any, cli: Any, real_page: Path, graph: rdflib.Graph) -> None:
    """Item 3: a limit chip for exactly the (treatment, limit) pairs of query 06, without clicking anything."""
    rows = _query(cli, "06")
    expected = {(r["treatment"], r["qualifier"]) for r in rows}
    opened = open_page(real_page, hash="q/treatments")
    shown = opened.js("""[...document.querySelectorAll('#nkg-panel li.row')].flatMap((li) => {
        const s = neurokgExplorer.model.statements[li.dataset.statement];
        return [...li.querySelectorAll('.chip.limit')].map((c) =>
          [neurokgExplorer.model.concepts[s.s].label, c.dataset.limit, li.dataset.statement]);
      })""")
    assert {(t, limit) for t, limit, _ in shown} == expected
    # and statement by statement: each row shows the limits query 06 gives for its statement, once
    assert sorted((sid, limit) for _, limit, sid in shown) == sorted(
        (curie(r["statement"]), r["qualifier"]) for r in rows
    )
    text = _visible_panel_text(opened)
    assert "temporary relief" in text and "not a first choice" in text and "risk of dependence" in text
    assert not CURIE.search(text)
    for code in ("caveatKind", "lineOfTherapy", "durability", "DrugClass", "TemporaryRelief"):
        assert code not in text
    opened.clean()


def test_advertising_and_inference_are_off_by_default(open_page: Any, cli: Any, real_page: Path,
                                                      fixture_page: Path, graph: rdflib.Graph) -> None:  # fmt: skip
    """Item 5: no advertised or inferred statement is drawn; their own cards list exactly them, with a banner."""
    for path, fixture in ((real_page, False), (fixture_page, True)):
        view = to_networkx(sources_graph() if fixture else graph, include=("inferred", "advertised"))
        truth = {b: sorted({d["statement"] for _, _, d in view.edges(data=True) if d["basis"] == b})
                 for b in ("inferred", "advertised")}  # fmt: skip
        opened = open_page(path)
        model = opened.js("neurokgExplorer.model.statements")
        hidden = {sid for sid, s in model.items() if s["basis"] != "stated"}
        assert hidden == {*truth["inferred"], *truth["advertised"]} and truth["inferred"] and truth["advertised"]
        advertised = sorted(sid for sid in hidden if model[sid]["basis"] == "advertised")
        # query 13 also lists a claim a document states outside advertising (basis "stated; advertised"): drawn
        rows13 = _query(cli, "13", fixture)
        assert sorted(curie(r["statement"]) for r in rows13 if r["basis"] == "advertised") == advertised
        # not in the story, the cards or the answers
        on_page = set(opened.js("[...document.querySelectorAll('[data-statement]')].map((e) => e.dataset.statement)"))
        assert not on_page & hidden
        for card in ("causes", "treatments", "mood", "agreement"):
            opened.js("(r) => neurokgExplorer.go(r)", f"q/{card}")
            assert not set(_rows(opened)) & hidden, card
        for node in {model[sid]["o"] for sid in hidden}:
            opened.js("(r) => neurokgExplorer.go(r)", f"c/{node}")
            assert not set(_rows(opened)) & hidden
            assert "Not shown:" in opened.text("#nkg-panel")  # hidden, and said so
        opened.js("() => neurokgExplorer.go('map')")
        wait_until(opened.page, "neurokgExplorer.mapReady === true")
        drawn = opened.js("""() => { const b = neurokgExplorer.network.body;
            return b.edgeIndices.filter((i) => !b.edges[i].options.hidden)
                            .map((i) => neurokgExplorer.edges.get(i).nk.statement); }""")
        assert not set(drawn) & hidden and drawn
        opened.js("() => neurokgExplorer.go('q/advertising')")
        assert sorted(_rows(opened)) == advertised
        assert opened.text("#nkg-panel .banner").startswith("Advertising: ")
        assert all(opened.js("[...document.querySelectorAll('#nkg-panel li.row .chip.adv')].map((c) => c.textContent)"))
        assert len(opened.page.query_selector_all("#nkg-panel li.row .chip.adv")) == len(advertised)
        opened.js("() => neurokgExplorer.go('q/inferred')")
        assert sorted(_rows(opened)) == truth["inferred"]  # what the graph has no document state
        assert opened.text("#nkg-panel .banner").startswith("Inference: ")
        opened.page.check("#nkg-show-advertised")  # asked for: shown, and told apart by words
        opened.js("() => neurokgExplorer.go('map')")
        drawn = opened.js("""() => { const b = neurokgExplorer.network.body;
            return b.edgeIndices.filter((i) => !b.edges[i].options.hidden)
                            .map((i) => neurokgExplorer.edges.get(i).nk.statement); }""")
        assert set(advertised) <= set(drawn)
        opened.clean()


def _near(a: str, b: str) -> bool:
    """Whether ``b`` is one edit (a change, an insertion, a deletion or a swap of neighbours) from ``a``, or equal."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _typo(label: str, names: list[str]) -> str | None:
    """A one-letter substitution of ``label`` that no name contains and no other name is one edit from."""
    low = label.lower()
    for i in [len(low) // 2, *range(len(low))]:
        if not low[i].isalpha():
            continue
        for letter in "qxzjkvw":
            typo = low[:i] + letter + low[i + 1 :]
            if letter == low[i] or any(typo in n for n in names):
                continue
            if not any(_near(typo, n) for n in names if n != low):
                return typo
    return None


def test_a_typo_of_any_label_finds_it_first(open_page: Any, real_page: Path, graph: rdflib.Graph) -> None:
    """Item 6: over all labels, a one-letter typo suggests that label first."""
    G = to_networkx(graph)
    names = sorted({d["label"].lower() for _, d in G.nodes(data=True)} |
                   {a.lower() for _, d in G.nodes(data=True) for a in d.get("altLabels", [])})  # fmt: skip
    typos = {n: _typo(d["label"], names) for n, d in G.nodes(data=True)}
    assert sum(t is None for t in typos.values()) <= 3, [n for n, t in typos.items() if t is None]
    opened = open_page(real_page)
    first = opened.js("(qs) => qs.map((q) => (neurokgExplorer.searchConcepts(q)[0] || {}).id)",
                      [t for t in typos.values() if t])  # fmt: skip
    assert first == [n for n, t in typos.items() if t]
    opened.clean()


def test_search_ranks_prefixes_sentences_and_misses(open_page: Any, real_page: Path, graph: rdflib.Graph) -> None:
    """Item 6: a word prefix gives the most connected match first; a qualifier word is found; a miss suggests."""
    G = to_networkx(graph)
    degree = dict(G.degree())
    opened = open_page(real_page)
    for prefix in ("sle", "neuro", "anti", "depr", "musc"):
        names = {n: [d["label"], *d.get("altLabels", [])] for n, d in G.nodes(data=True)}
        exact = [n for n, ns in names.items() if prefix in (x.lower() for x in ns)]
        starts = [n for n, ns in names.items() if any(w.startswith(prefix) for x in ns for w in x.lower().split())]
        best = max(exact or starts, key=lambda n: (degree[n], [-ord(c) for c in G.nodes[n]["label"]]))
        assert opened.js("(q) => neurokgExplorer.searchConcepts(q)[0].id", prefix) == best, prefix
    page = opened.page
    page.fill("#nkg-search", "sleep")
    kinds = opened.js("[...document.querySelectorAll('#nkg-results a.hit .kind')].map((k) => k.textContent)")
    assert kinds and all(not re.search(r"[a-z][A-Z]", k) for k in kinds)  # the kind of each hit, in plain words
    page.press("#nkg-search", "Enter")
    assert opened.text("#nkg-panel-title") == "sleep disturbance"
    temporary = opened.js("neurokgExplorer.searchSentences('temporary')")
    records = opened.js("(ids) => ids.map((s) => neurokgExplorer.model.statements[s])", temporary)
    assert temporary and all("temporary" in json.dumps(r).lower() for r in records)
    nerve_block = next(
        d["statement"] for u, v, d in G.edges(data=True) if u == "nk:nerve_block" and v == "nk:neuropathic_pain"
    )
    assert nerve_block in temporary  # a durability qualifier, found by its word
    page.fill("#nkg-search", "vicious cycle")
    page.press("#nkg-search", "Enter")
    assert opened.text("#nkg-panel-title").startswith("Sentences with")
    page.fill("#nkg-search", "zqxwvy")
    page.press("#nkg-search", "Enter")
    assert opened.text("#nkg-panel-title") == "Nothing matches \u201czqxwvy\u201d"
    assert opened.js("document.querySelectorAll('#nkg-panel li.row').length") == 0  # the panel is cleared
    assert opened.js("document.querySelectorAll('#nkg-suggest a.concept').length") == 3
    opened.clean()


def test_focus_opens_selected_and_named(open_page: Any, cli: Any, tmp_path: Path) -> None:
    """Item 9: `neurokg viz --focus X` opens with X selected, its answers shown and X in the title."""
    out = tmp_path / "focus.html"
    code, _, err = cli("viz", "-o", out, "--focus", "muscle tension")
    assert code == 0, err
    opened = open_page(out)
    assert "muscle tension" in opened.js("document.title")
    assert opened.text("#nkg-panel-title") == "muscle tension"
    assert opened.js("[neurokgExplorer.state.selected, location.hash]") == [
        "nk:muscle_tension",
        "#c/nk%3Amuscle_tension",
    ]
    assert opened.js("document.querySelectorAll('#nkg-panel li.row').length") > 0
    opened.page.click("#tab-map")
    wait_until(opened.page, "neurokgExplorer.mapReady === true")
    assert opened.js("neurokgExplorer.network.getSelectedNodes()") == ["nk:muscle_tension"]
    opened.clean()


def test_concept_answers_add_up(open_page: Any, real_page: Path, graph: rdflib.Graph) -> None:
    """A concept's groups, in a fixed order, count every relation shown: the counts add up."""
    opened = open_page(real_page, hash="c/nk:neuropathic_pain")
    groups = opened.js("""[...document.querySelectorAll('#nkg-panel section.group')].map((g) =>
        [g.dataset.group, g.querySelectorAll('li.row').length,
         Number(g.querySelector('h3').textContent.match(/\\((\\d+)\\)/)[1])])""")
    order = [key for key, _ in opened.js("neurokgExplorer.model.groups")]
    assert [g for g, _, _ in groups] == [k for k in order if k in {g for g, _, _ in groups}]
    assert all(n == counted for _, n, counted in groups)
    G = to_networkx(graph)
    touching = [*G.in_edges("nk:neuropathic_pain", data=True), *G.out_edges("nk:neuropathic_pain", data=True)]
    stated = [d for _, _, d in touching
              if not d.get("promotional") and d.get("basis", "stated") == "stated"]  # fmt: skip
    assert sum(n for _, n, _ in groups) == len(stated)
    assert opened.text("#nkg-concept-count").startswith(f"{len(stated)} relations")
    opened.clean()


def test_agreement_across_sources(open_page: Any, cli: Any, fixture_page: Path) -> None:
    """What several sources state (query 12), and what only the agency pages or only the articles state."""
    # query 12: one row per reading, with how many sources state the relation
    both = sorted({curie(r["statement"]) for r in _query(cli, "12", True) if int(r["stated"]) >= 2})
    opened = open_page(fixture_page, hash="q/agreement")
    model = opened.js("neurokgExplorer.model.statements")
    several = opened.js(
        "[...document.querySelectorAll('#nkg-panel section.group li.row')].map((li) => li.dataset.statement)"
    )
    assert sorted(several) == both and len(both) == 7
    assert model[several[0]]["sentence"] == "Diabetes causes neuropathic pain"  # stated by the most sources first
    groups = {}
    for group in opened.js("[...document.querySelectorAll('#nkg-panel details.only')].map((d) => d.dataset.group)"):
        opened.page.click(f"#nkg-panel details.only[data-group='{group}'] summary")
        wait_until(  # the rows are added when the disclosure opens
            opened.page,
            "(g) => document.querySelector(`#nkg-panel details.only[data-group='${g}']`).children.length > 1",
            arg=group,
        )
        groups[group] = opened.js(
            "(g) => [...document.querySelectorAll(`#nkg-panel details.only[data-group='${g}'] li.row`)]"
            ".map((li) => li.dataset.statement)", group)  # fmt: skip
    agency = {"g1_agency.txt", "g2_diabetes.txt"}
    stated = {sid for sid, s in model.items() if s["basis"] == "stated"}
    assert sorted(groups) == ["", "Example Health Agency"]
    assert set(groups["Example Health Agency"]) == {sid for sid in stated if set(model[sid]["sources"]) <= agency}
    assert set(groups[""]) == {sid for sid in stated if not set(model[sid]["sources"]) & agency}
    assert "Only in sources published by Example Health Agency (" in opened.text("#nkg-panel")
    opened.clean()


def test_search_list_by_keyboard(open_page: Any, fixture_page: Path) -> None:
    opened = open_page(fixture_page)
    page = opened.page
    page.fill("#nkg-search", "pain")
    assert opened.js("document.querySelector('#nkg-results a.hit').dataset.node") == "nk:pain"  # the exact name first
    page.press("#nkg-search", "ArrowDown")
    first = opened.js("document.activeElement.dataset.node")
    page.keyboard.press("ArrowDown")
    second = opened.js("document.activeElement.dataset.node")
    assert first and second and first != second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert opened.js("document.activeElement.id") == "nkg-search"
    page.press("#nkg-search", "ArrowDown")
    page.keyboard.press("Enter")
    assert opened.js("document.getElementById('nkg-panel').contains(document.activeElement)")
    assert opened.js("document.getElementById('nkg-results').hidden") is True
    page.fill("#nkg-search", "pain")
    page.mouse.click(5, 400)  # a click elsewhere closes the list
    assert opened.js("document.getElementById('nkg-results').hidden") is True
    opened.clean()


def test_each_source_reading_and_curators_readings(open_page: Any, real_page: Path, fixture_page: Path) -> None:
    """Where the sources read a relation differently, each one's reading; a curator's reading waits to be asked."""
    for path, concept, readings in (
        (real_page, "nk:anticonvulsant", ["often", "in some cases"]),
        (fixture_page, "nk:anticonvulsant", ["in some cases", "often"]),
    ):
        opened = open_page(path, hash=f"c/{concept}")
        row = opened.page.locator("#nkg-panel li.row", has_text="treats neuropathic pain").first
        line = row.locator(".readings").inner_text()
        assert line.startswith("The sources read it differently: ")
        words = [w for w in readings]
        assert all(w in line for w in words) and line.index(words[0]) < line.index(words[1])
        assert "first line" not in row.inner_text()  # a curator's judgement: not shown by default
        opened.clean()
    opened = open_page(fixture_page, hash="c/nk:anticonvulsant")
    opened.page.check("#nkg-show-inferred")
    row = opened.page.locator("#nkg-panel li.row", has_text="treats neuropathic pain").first
    assert "A curator also reads this passage: Made up for the tests" in row.inner_text()
    assert "also a curator's reading" in row.inner_text()
    opened.clean()


SHOWN = "['inferred', 'advertised'].map((k) => document.getElementById('nkg-show-' + k).checked)"
DRAWN = """() => { const b = neurokgExplorer.network.body;
    return b.edgeIndices.filter((i) => !b.edges[i].options.hidden)
                        .map((i) => neurokgExplorer.edges.get(i).nk.statement); }"""


def test_built_with_include_opens_with_them_shown(open_page: Any, fixture_page: Path, tmp_path: Path) -> None:
    """``viz --include inferred,advertised``: the page opens with both ticked and their relations drawn and listed."""
    opened = open_page(fixture_page)
    assert opened.js(SHOWN) == [False, False]
    opened.clean()
    path = write_explorer(sources_graph(), tmp_path / "all.html", corpus=FIXTURE_CORPUS, include="inferred,advertised")
    opened = open_page(path)
    assert opened.js(SHOWN) == [True, True]
    model = opened.js("neurokgExplorer.model.statements")
    hidden = {sid for sid, s in model.items() if s["basis"] != "stated"}
    opened.js("() => neurokgExplorer.go('map')")
    wait_until(opened.page, "neurokgExplorer.mapReady === true")
    assert hidden and hidden <= set(opened.js(DRAWN))
    opened.clean()
