"""Find a phrase in the corpus and print its offsets: the curator's tool for evidence spans.

The phrase itself is never stored; only the offsets go into ``graph/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Match", "locate"]


@dataclass(frozen=True)
class Match:
    """One occurrence: ``text[start:end]`` is the phrase; the sentence bounds help choose a span."""

    document: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) + 1 for p in (". ", "? ", "! ")))
    s = left + 1 if left >= 0 else 0
    while s < start and text[s].isspace():
        s += 1
    m = re.compile(r"[.?!](?=\s)|\n").search(text, end)
    e = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    return s, e


def locate(corpus: Path, phrase: str) -> list[Match]:
    """Every case-insensitive occurrence of ``phrase`` in the ``*.txt`` files of ``corpus``."""
    found: list[Match] = []
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            s, e = _sentence(text, m.start(), m.end())
            found.append(Match(path.name, m.start(), m.end(), s, e))
    return found
