"""Plain words: every class and relation of the ontology reads as words, and sentences carry the hedge."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from neurokg.core.namespace import NKO, curie, local_name
from neurokg.explorer.words import (
    CERTAINTY_WORDS,
    CLASS_WORDS,
    GROUPS,
    RELATION_PHRASES,
    class_words,
    group_of,
    sentence_parts,
    sentence_text,
)
from neurokg.rdf.schema import domain_predicates


def test_every_class_and_relation_has_plain_words(graph: rdflib.Graph) -> None:
    entity_classes = graph.transitive_subjects(RDFS.subClassOf, NKO.Entity)
    classes = {local_name(c) for c in entity_classes if str(c).startswith(str(NKO))}
    assert classes <= set(CLASS_WORDS)
    assert all(not re.search(r"[a-z][A-Z]", w) for w in CLASS_WORDS.values())
    relations = {curie(str(p)) for p in domain_predicates(graph) if p != NKO.relatedTo}
    assert relations <= set(RELATION_PHRASES)
    grouped = {rel for _, _, pairs in GROUPS for rel, _ in pairs}
    assert relations <= grouped  # every relation has a group, from at least one end
    levels = {str(graph.value(c, RDFS.label)) for c in graph.subjects(RDF.type, NKO.CertaintyLevel)}
    assert levels == set(CERTAINTY_WORDS)
    assert class_words("SomeNewClass") == "some new class" and (OWL.Class, RDF.type) is not None


@pytest.mark.parametrize(
    ("relation", "certainty", "hedge", "sentence"),
    [
        (NKO.causes, "asserted", [], "Diabetes causes neuropathic pain"),
        (NKO.causes, "possible", ["can"], "Diabetes can cause neuropathic pain"),
        (NKO.causes, "possible", ["may; can"], "Diabetes may cause neuropathic pain"),
        (NKO.causes, "often", ["most commonly"], "Diabetes commonly causes neuropathic pain"),
        (NKO.causes, "rare", ["rare; can"], "Diabetes rarely causes neuropathic pain"),
        (NKO.causes, "in some cases", [], "In some cases, diabetes causes neuropathic pain"),
        (NKO.hasSymptom, "often", ["usually"], "Diabetes usually has neuropathic pain as a symptom"),
        (NKO.subtypeOf, "often", [], "Diabetes is often a kind of neuropathic pain"),
        (NKO.manages, "possible", ["can help"], "Diabetes can help manage neuropathic pain"),
    ],
)
def test_sentences_carry_the_hedge(relation: object, certainty: str, hedge: list[str], sentence: str) -> None:
    parts = sentence_parts("diabetes", curie(str(relation)), "neuropathic pain", certainty, hedge)
    assert sentence_text(parts) == sentence
    assert [k for k, _ in parts if k in "so"] == ["s", "o"]


def test_groups_are_read_from_each_end() -> None:
    assert group_of(curie(NKO.causes), "in") == "causes" and group_of(curie(NKO.causes), "out") == "effects"
    assert group_of(curie(NKO.treats), "in") == "helps" and group_of("nko:somethingElse", "in") == "other"
    assert [key for key, _, _ in GROUPS][-1] == "other"
