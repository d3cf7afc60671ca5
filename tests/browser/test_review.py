"""The review page in Debian's chromium: offline, highlights, decisions, the review file as a download."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from neurokg.curate.propose import propose
from neurokg.curate.review import read_review, write_review_page
from tests.curate.leaflet import LEAFLET, write_leaflet

pytestmark = pytest.mark.browser

XSS = LEAFLET.replace("Diabetes can cause neuropathy.", 'Diabetes <img src=x onerror="alert(1)"> can cause neuropathy.')


@pytest.fixture(scope="module")
def page_file(bare_graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    directory = tmp_path_factory.mktemp("review")
    path = write_leaflet(directory, text=XSS)
    result = propose(bare_graph, [path])
    page = write_review_page(
        bare_graph, directory / "review.html", result.documents, result.proposals, texts={"leaflet.txt": XSS}
    )
    return page, result.proposals


@pytest.fixture
def page(browser, page_file) -> Iterator[object]:
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    pg.remote, pg.errors, pg.dialogs = [], [], []  # type: ignore[attr-defined]

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            pg.remote.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.goto(page_file[0].resolve().as_uri())
    pg.wait_for_function("window.neurokgReview && window.neurokgReview.ready", timeout=30_000)
    yield pg
    assert pg.remote == [] and pg.errors == [] and pg.dialogs == []  # type: ignore[attr-defined]
    context.close()


def card_of(proposals, subject: str) -> int:
    return next(i for i, p in enumerate(proposals) if p.subject == subject)


def test_every_proposal_with_its_words_and_cues_highlighted(page, page_file) -> None:
    _, proposals = page_file
    assert page.locator("section.card").count() == len(proposals)
    i = card_of(proposals, "nk:diabetes")
    card = page.locator(f"#card-{i}")
    assert card.locator("mark.subject").inner_text() == "Diabetes"
    assert card.locator("mark.object").inner_text() == "neuropathy"
    assert card.locator("mark.cue-certainty").inner_text() == "can"
    # the markup in the document is shown as text, never parsed
    assert '<img src=x onerror="alert(1)">' in card.locator("blockquote").inner_text()
    assert page.locator("img").count() == 0
    items = card_of(proposals, "nk:chemotherapy")
    contexts = page.locator(f"#card-{items} .context").all_inner_texts()
    assert contexts[0] == "under: Other causes include:"
    assert contexts[1].startswith("the object is not named in these words")
    assert "licence: unknown" in page.locator("#sources").inner_text()


def test_decisions_saved_as_a_review_file_and_restored(page, page_file, tmp_path: Path) -> None:
    _, proposals = page_file
    accept, edit, reject = (card_of(proposals, s) for s in ("nk:diabetes", "nk:gabapentin", "nk:chemotherapy"))
    page.locator(f"#card-{accept} input[value=accept]").check()
    page.locator(f"#card-{accept} .a-caveat").fill("Over many years.")  # the curator's words, kept on accept
    page.locator(f"#card-{edit} input[value=edit]").check()
    page.locator(f"#card-{edit} .e-predicate").select_option("manages")
    page.locator(f"#card-{edit} .e-certainty").select_option("Possible")
    page.locator(f"#card-{reject}").focus()
    page.keyboard.press("r")
    assert "1 rejection(s) need a reason" not in page.locator("#status").inner_text()
    page.click("#save")
    assert "need a reason" in page.locator("#status").inner_text()  # no file without a reason for each rejection
    page.locator(f"#card-{reject} .reason").select_option("not-stated")
    page.locator(f"#card-{reject} .note").fill("the list names causes of foot pain, not of this")
    page.fill("#curator", "A. Curator")
    with page.expect_download() as info:
        page.click("#save")
    saved = tmp_path / "review.json"
    info.value.save_as(saved)

    review = read_review(saved)
    assert review.curator == "A. Curator" and review.proposals_digest
    decided = {d.proposal.subject: d for d in review.decisions if d.decision != "pending"}
    assert set(decided) == {"nk:diabetes", "nk:gabapentin", "nk:chemotherapy"}
    assert decided["nk:diabetes"].decision == "accept"
    assert decided["nk:diabetes"].edited == {"caveat": "Over many years."}
    assert decided["nk:gabapentin"].edited == {"predicate": "manages", "certainty": "Possible"}
    assert (decided["nk:chemotherapy"].reason, decided["nk:chemotherapy"].note) == (
        "not-stated",
        "the list names causes of foot pain, not of this",
    )
    assert len(review.decisions) == len(proposals) and review.documents[0]["file_name"] == "leaflet.txt"

    page.reload()
    page.wait_for_function("window.neurokgReview && window.neurokgReview.ready")
    page.set_input_files("#open", str(saved))
    page.locator("#status", has_text="restored").wait_for()  # no polled JavaScript: the page's CSP forbids eval
    assert "1 accepted, 1 edited, 1 rejected" in page.locator("#counts").inner_text()
    assert page.locator(f"#card-{edit} .e-predicate").input_value() == "manages"
    assert page.locator(f"#card-{accept} .a-caveat").input_value() == "Over many years."
    page.select_option("#filter", "reject")
    assert page.locator("section.card:not(.hidden)").count() == 1


def test_the_saved_review_is_what_accept_merges(page, page_file, tmp_path: Path) -> None:
    """End to end: decisions made in the page, saved, checked by ``accept`` against the real graph and a corpus."""
    from neurokg.curate.accept import accept

    _, proposals = page_file
    page.locator(f"#card-{card_of(proposals, 'nk:diabetes')} input[value=accept]").check()
    chemo = card_of(proposals, "nk:chemotherapy")
    page.locator(f"#card-{chemo} input[value=reject]").check()
    page.locator(f"#card-{chemo} .reason").select_option("wrong-entity")
    page.fill("#curator", "A. Curator")
    with page.expect_download() as info:
        page.click("#save")
    saved = tmp_path / "review.json"
    info.value.save_as(saved)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "leaflet.txt").write_text(XSS, encoding="utf-8")
    for other in Path(os.environ["NEUROKG_CORPUS"]).glob("*.txt"):
        (corpus / other.name).write_bytes(other.read_bytes())
    result = accept([saved], corpus=corpus, check=True)  # the packaged graph; --check writes nothing
    counts = result.counts["leaflet.txt"]
    assert (counts["accept"], counts["reject"], counts["added to existing statement"]) == (1, 1, 1)
    assert result.written == []
