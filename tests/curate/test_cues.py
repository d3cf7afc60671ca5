"""Cue words and their scope: a qualifier belongs to the relation in its clause, not to one word."""

from __future__ import annotations

from neurokg.curate.cues import find_cues, is_advertising, qualify


def q(text: str, anchor_word: str):
    anchor = text.index(anchor_word)
    return qualify(text, find_cues(text), 0, len(text), anchor=anchor)


def test_hedge_stays_in_its_clause() -> None:
    text = "Massage relieves tension, but it may not reduce nerve pain."
    first, second = q(text, "relieves"), q(text, "reduce")
    assert (first.certainty, first.hedge, first.caveats) == ("Asserted", (), ())
    assert second.caveats == ("MayNotHelp",) and second.certainty == "Possible"
    assert not second.negated  # "may not help" is a caveat the curation guide records, not a denial


def test_negation_and_pseudo_negation() -> None:
    assert q("No injury causes this pain.", "causes").negated
    assert not q("Not all people with diabetes develop neuropathy.", "develop").negated
    assert q("Not all people with diabetes develop neuropathy.", "develop").certainty == "InSomeCases"


def test_frequency_words_and_priority() -> None:
    assert q("Diabetes often causes neuropathy.", "causes").certainty == "Often"
    assert q("In some cases, pressure may cause pain.", "cause").certainty == "InSomeCases"
    assert q("It is unclear why these drugs help, but they may reduce pain.", "help").certainty == "Unclear"
    assert q("Shingles rarely causes lasting pain.", "causes").certainty == "Rare"


def test_line_of_therapy_durability_and_caveats() -> None:
    opioids = q("Opioids are not the first line of treatment because of the risk of addiction.", "treatment")
    assert opioids.line_of_therapy == "NotFirstLine" and "DependenceRisk" in opioids.caveats and not opioids.negated
    blocks = q("Nerve blocks give relief, and the relief is temporary.", "relief")
    assert blocks.durability == "Temporary"


def test_durability_in_the_subject_name_is_skipped() -> None:
    text = "Long-lasting stress worsens nerve pain."
    cues = find_cues(text)
    name = (0, text.index(" worsens"))
    assert qualify(text, cues, 0, len(text), anchor=text.index("worsens"), skip=(name,)).durability is None
    assert qualify(text, cues, 0, len(text), anchor=text.index("worsens")).durability == "LongLasting"


def test_attribution_names_the_source() -> None:
    text = "Diabetes explains a third of cases, according to the Example Clinic."
    assert q(text, "explains").attributed_to == "Example Clinic"


def test_advertising_needs_two_cues_or_a_byline() -> None:
    assert is_advertising(find_cues("Get relief today! This program is exactly what you need."))
    assert not is_advertising(find_cues("Exercise may give some relief."))
    assert is_advertising(find_cues("Heal Fast By JANE DOE is a guide."))
