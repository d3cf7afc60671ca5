"""Document structure: headings, questions, lead-ins, bullets, inline lists, labelled items, sentences."""

from __future__ import annotations

from neurokg.curate.structure import layout
from tests.curate.leaflet import LEAFLET


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in layout(text).blocks]


def test_leaflet_blocks_and_list_lead() -> None:
    doc = layout(LEAFLET)
    found = [(b.kind, LEAFLET[b.start : b.end]) for b in doc.blocks]
    assert found[:4] == [
        ("title", "Foot Nerve Pain Leaflet"),
        ("question", "What causes foot nerve pain?"),
        ("paragraph", "Diabetes can cause neuropathy. Long-term alcohol use often damages the nerves of the feet."),
        ("lead", "Other causes include:"),
    ]
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [LEAFLET[b.start : b.end] for b in items] == ["Vitamin B deficiency.", "Chemotherapy"]
    assert all(doc.blocks[b.lead].kind == "lead" and doc.blocks[b.heading].kind == "question" for b in items)  # type: ignore[index]


def test_sentences_are_spans_of_their_block() -> None:
    doc = layout(LEAFLET)
    para = next(b for b in doc.blocks if b.kind == "paragraph")
    sentences = [LEAFLET[s.start : s.end] for s in doc.sentences if s.block == para.index]
    assert sentences == [
        "Diabetes can cause neuropathy.",
        "Long-term alcohol use often damages the nerves of the feet.",
    ]


def test_inline_dash_list_and_labelled_items() -> None:
    text = "Title\n\nSigns may include\n\n- tingling - burning feet - weakness\n\nSleep: pain wakes people at night.\n"
    found = kinds(text)
    assert ("item", "tingling") in found and ("item", "burning feet") in found and ("item", "weakness") in found
    doc = layout(text)
    labelled = next(b for b in doc.blocks if b.label_end is not None)
    assert text[labelled.start : labelled.label_end] == "Sleep"


def test_numbered_heading_and_list_marker_stripped() -> None:
    text = "Title\n\n1. Nerve Damage and Signals\nNerves send wrong signals.\n"
    assert kinds(text)[1:] == [("heading", "Nerve Damage and Signals"), ("paragraph", "Nerves send wrong signals.")]
