"""Concept mentions: the graph's names found with spaCy's PhraseMatcher, plus new candidate terms.

Labels match whatever their case and number (the matcher compares each token's norm, set to its
lower-case singular), except all-capital labels such as ``CBT`` or ``TENS``, which match as
written. Overlapping matches keep the longest. A new candidate term (:mod:`neurokg.curate.terms`)
is kept where no label matched, and replaces a label it strictly contains (``phantom limb pain``
over ``pain``), since the longer name is the more specific concept.

>>> from neurokg.curate.vocabulary import Concept, Vocabulary
>>> vocab = Vocabulary({"nk:pain": Concept("nk:pain", "pain", ("pain",), frozenset({"Symptom"}))})
>>> finder = MentionFinder(vocab)
>>> [(m.name, m.concept, m.new) for m in finder.find("Pains and unexplained pain.")]
[('Pains', 'nk:pain', False), ('unexplained pain', None, True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neurokg.curate.names import singular
from neurokg.curate.terms import candidate_terms
from neurokg.curate.tokens import blank_english
from neurokg.curate.vocabulary import Vocabulary

__all__ = ["Mention", "MentionFinder"]


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` names ``concept`` (a CURIE), or, when ``concept`` is None, a new term ``name``."""

    start: int
    end: int
    name: str
    concept: str | None
    classes: frozenset[str]

    @property
    def new(self) -> bool:
        """True when the graph has no concept of this name."""
        return self.concept is None

    @property
    def key(self) -> str:
        """The concept's CURIE, or the new term's name."""
        return self.concept or self.name


_STATES = {"damaged", "involved", "affected", "injured", "inflamed", "irritated", "removed", "compressed"}
"""Participles that say what state a known thing is in: "damaged nerves" are the nerves the graph knows."""


def _acronym(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _set_norms(doc: Any) -> Any:
    for tok in doc:
        tok.norm_ = singular(tok.lower_.replace("\u2019", "'"))
    return doc


class MentionFinder:
    """Finds the mentions of a vocabulary's concepts and new candidate terms in text."""

    def __init__(self, vocab: Vocabulary) -> None:
        from spacy.matcher import PhraseMatcher

        self.vocab = vocab
        nlp = blank_english()
        self._nlp = nlp
        self._by_norm = PhraseMatcher(nlp.vocab, attr="NORM")
        self._by_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[str, str] = {}
        for concept in sorted(vocab.concepts.values(), key=lambda c: c.id):
            for n, label in enumerate(concept.labels):
                key = f"{concept.id}#{n}"
                self._keys[key] = label
                matcher = self._by_orth if _acronym(label) else self._by_norm
                matcher.add(key, [_set_norms(nlp.make_doc(label))])

    def _known(self, text: str, start: int, end: int) -> list[Mention]:
        from spacy.util import filter_spans

        doc = _set_norms(self._nlp.make_doc(text[start:end]))
        spans = []
        for matcher in (self._by_norm, self._by_orth):
            for match_id, a, b in matcher(doc):
                span = doc[a:b]
                span.label_ = self._nlp.vocab.strings[match_id]
                spans.append(span)
        # a preferred label beats an alternative one of the same extent; then the lower id
        spans.sort(key=lambda s: (s.label_.split("#")[1] != "0", s.label_))
        out = []
        for span in filter_spans(spans):
            cid = span.label_.split("#")[0]
            a, b = start + span.start_char, start + span.end_char
            out.append(Mention(a, b, text[a:b], cid, self.vocab.concepts[cid].classes))
        return out

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Mentions in ``text[start:end]`` (offsets into ``text``), in order, none overlapping."""
        end = len(text) if end is None else end
        known = self._known(text, start, end)
        mentions = list(known)
        for term in candidate_terms(text, start, end):
            overlapping = [m for m in known if m.start < term.end and term.start < m.end]
            distributed = term.name != " ".join(
                text[term.start : term.end].split()
            )  # "leg" of "back, leg ... problems"
            if any(m.start == term.start and m.end == term.end for m in overlapping) and not distributed:
                continue
            inside = [m for m in overlapping if term.start <= m.start and m.end <= term.end]
            if len(inside) != len(overlapping):
                continue  # the term crosses a label: trust the label
            if any(m.name.casefold() == term.name.casefold() for m in inside):
                continue
            lead = text[term.start : term.end].split(maxsplit=1)
            if len(inside) == 1 and len(lead) == 2 and lead[0].casefold() in _STATES and inside[0].end == term.end:
                if inside[0].start == term.start + len(text[term.start : term.end]) - len(lead[1]):
                    continue  # "damaged nerves" names the nerves the graph knows
            for m in inside:
                if m in mentions:
                    mentions.remove(m)
            mentions.append(Mention(term.start, term.end, term.name, None, self.vocab.expand(term.classes)))
        return sorted(mentions, key=lambda m: (m.start, m.end))
