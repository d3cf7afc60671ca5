"""Normalised names: the one way a found term is compared with a concept's labels.

Case, hyphens, slashes, punctuation, a leading article or determiner and plural endings do not
make two names different; every other word does (``chronic pain`` is not ``pain``).

>>> normalise("The Chronic-Pain Syndromes.")
'chronic pain syndrome'
>>> normalise("injuries") == normalise("Injury")
True
>>> normalise("these therapies")
'therapy'
"""

from __future__ import annotations

import re

__all__ = ["normalise", "singular", "DETERMINERS"]

DETERMINERS = frozenset("a an the this these those that some any your their its his her our my such".split())
"""Words dropped from the start of a name."""

_KEEP_S = ("ss", "us", "is", "ys", "as", "os")
_WORD = re.compile(r"[0-9a-z']+")


def singular(word: str) -> str:
    """A crude English singular, applied the same way to both sides of a comparison.

    >>> [singular(w) for w in ["therapies", "nerves", "crutches", "sclerosis", "pains", "gas"]]
    ['therapy', 'nerve', 'crutch', 'sclerosis', 'pain', 'gas']
    """
    if len(word) < 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    """Return ``text`` as a normalised name (see the module docstring)."""
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"[-\u2010\u2011\u2013\u2014/]", " ", text)
    words = [w.strip("'") for w in _WORD.findall(text)]
    words = [w for w in words if w]
    while words and words[0] in DETERMINERS:
        words.pop(0)
    return " ".join(singular(w) for w in words)
