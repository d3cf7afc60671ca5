"""Words of a text: spaCy's blank English tokenizer, with hyphenated and slashed words kept whole.

The blank pipeline has no tagger, parser or model of any kind: it splits text into tokens by rule.
Cue, term and relation rules read :class:`Word` units, each a character span of the text, so
``shock-like`` or ``HIV/AIDS`` is one word and every offset points into the original text.

>>> [w.text for w in words("Electric shock-like pain (HIV/AIDS).")]
['Electric', 'shock-like', 'pain', '(', 'HIV/AIDS', ')', '.']
>>> words("Nerve injuries")[1].norm
'injury'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from neurokg.curate.names import singular

__all__ = ["Word", "words", "blank_english"]

_JOINERS = {"-", "/", "\u2010", "\u2011"}


@dataclass(frozen=True)
class Word:
    """``text[start:end]``; ``lower`` its case-folded form, ``norm`` that form made singular."""

    start: int
    end: int
    text: str
    lower: str
    norm: str

    @property
    def is_word(self) -> bool:
        """True for a word or number, false for punctuation."""
        return any(c.isalnum() for c in self.text)


@lru_cache(maxsize=1)
def blank_english() -> Any:
    """spaCy's blank English pipeline (tokenizer and lexical attributes only; nothing downloaded)."""
    import spacy

    return spacy.blank("en")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]``, offsets relative to ``text``."""
    end = len(text) if end is None else end
    doc = blank_english().make_doc(text[start:end])
    out: list[Word] = []
    pending: list[Any] = []

    def flush() -> None:
        if pending:
            a = start + pending[0].idx
            b = start + pending[-1].idx + len(pending[-1].text)
            t = text[a:b]
            low = t.casefold().replace("\u2019", "'")
            out.append(Word(a, b, t, low, " ".join(singular(p) for p in low.split())))
            pending.clear()

    for i, tok in enumerate(doc):
        joined = (
            pending
            and not pending[-1].whitespace_
            and (tok.text in _JOINERS or pending[-1].text in _JOINERS)
            and (tok.text not in _JOINERS or (i + 1 < len(doc) and not tok.whitespace_ and doc[i + 1].is_alpha))
        )
        if not joined:
            flush()
        pending.append(tok)
    flush()
    return out
