"""Document structure: title, headings, questions, list lead-ins, list items, paragraphs, sentences.

Consumer-health pages are headings, questions and lists more than prose, and a list item often
names only one end of its relation: the other end is in the sentence that introduces the list or
in the heading above it. :func:`layout` finds these blocks from the lines of plain text (blank
lines, bullets such as ``•`` or ``-``, numbered lines, a trailing ``?`` or ``:``, short lines
without closing punctuation) and splits prose into sentences with spaCy's rule-based sentencizer.
Every block and sentence is a character span of the text, never a copy.

>>> text = "Pain Guide\\n\\nWhat causes pain?\\n\\nCommon causes include:\\n  • Injury.\\n  • Some infections\\n"
>>> doc = layout(text)
>>> [(b.kind, text[b.start:b.end]) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('title', 'Pain Guide'), ('question', 'What causes pain?'), ('lead', 'Common causes include:'),
 ('item', 'Injury.'), ('item', 'Some infections')]
>>> doc.blocks[3].lead, doc.blocks[3].heading
(2, 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Block", "Sentence", "Layout", "layout", "KINDS"]

KINDS = ("title", "heading", "question", "lead", "item", "paragraph")
"""Block kinds; ``title``, ``heading`` and ``question`` open a section."""

_BULLET = re.compile(r"[\u2022\u00b7\u25aa\u2013*-]\s+")
_NUMBER = re.compile(r"\d{1,2}[.)]\s+")
_LABEL = re.compile(r"([A-Z][\w'\u2019-]*(?:[ ,]+[\w'\u2019-]+){0,5}):\s+(?=\S)")
_INLINE_ITEM = re.compile(r"\s-\s+(?=\S)")
_HEADING_WORDS = 8


@dataclass(frozen=True)
class Block:
    """A block of the text: ``text[start:end]`` without its list marker or surrounding blanks.

    ``heading`` is the index of the title, heading or question whose section holds the block;
    ``lead`` the index of the lead-in (a line ending with a colon) whose list holds it; and
    ``label_end`` the end of a leading ``Label:`` (``Depression: ...``), when there is one.
    """

    index: int
    kind: str
    start: int
    end: int
    heading: int | None = None
    lead: int | None = None
    label_end: int | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence ``text[start:end]`` of block ``block``."""

    start: int
    end: int
    block: int


@dataclass(frozen=True)
class Layout:
    """The blocks and sentences of one text."""

    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds character ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _kind(line: str, first: bool, marker: str) -> str:
    words = len(line.split())
    if marker == "bullet":
        return "item"
    if marker == "number":
        return "heading" if words <= 12 and not line.endswith((".", ":")) else "item"
    if first:
        return "title"
    if line.endswith("?"):
        return "question"
    if line.endswith(":"):
        return "lead"
    if words <= _HEADING_WORDS and not line.endswith((".", "!", ";", ",")) and not line[:1].islower():
        return "heading"
    return "paragraph"


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, marker) of each non-empty line, marker stripped; inline ``- a - b`` lists split."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lstripped = line.lstrip()
        start = m.start() + len(line) - len(lstripped)
        end = m.start() + len(line.rstrip())
        if start >= end:
            continue
        marker = ""
        bullet = _BULLET.match(text, start, end)
        number = _NUMBER.match(text, start, end)
        if bullet:
            marker, start = "bullet", bullet.end()
        elif number:
            marker, start = "number", number.end()
        if marker == "bullet" and _INLINE_ITEM.search(text, start, end):
            cut = start
            for sep in _INLINE_ITEM.finditer(text, start, end):
                out.append((cut, len(text[: sep.start()].rstrip()), "bullet"))
                cut = sep.end()
            out.append((cut, end, "bullet"))
            continue
        out.append((start, end, marker))
    return out


def layout(text: str) -> Layout:
    """Split ``text`` into blocks and sentences (see the module docstring)."""
    blocks: list[Block] = []
    heading: int | None = None
    lead: int | None = None
    for start, end, marker in _pieces(text):
        line = text[start:end]
        kind = _kind(line, not blocks, marker)
        index = len(blocks)
        label = _LABEL.match(text, start, end)
        label_end = start + len(label.group(1)) if label and kind in ("paragraph", "item", "lead") else None
        if kind == "paragraph" and label_end is not None:
            kind = "item"  # a definition-list entry, "Term: what the text says about it"
        if kind in ("title", "heading", "question"):
            heading, lead = index, None
            blocks.append(Block(index, kind, start, end, heading=index if kind == "title" else heading))
            continue
        if label_end is not None and lead is not None and blocks[lead].label_end is not None:
            lead = blocks[lead].lead  # "Therapy: ..." after "Medications: ... are:" is its sibling, not its item
        if kind == "lead":
            blocks.append(Block(index, kind, start, end, heading=heading, lead=lead, label_end=label_end))
            lead = index
            continue
        if kind == "item" and lead is None and blocks and blocks[-1].kind == "heading" and marker:
            lead = blocks[-1].index  # "Symptoms may include" then a list: the heading introduces it
        blocks.append(Block(index, kind, start, end, heading=heading, lead=lead, label_end=label_end))
    return Layout(text, tuple(blocks), tuple(_sentences(text, blocks)))


def _sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    nlp = _sentencizer()
    out: list[Sentence] = []
    for block in blocks:
        if block.kind in ("title", "heading", "question"):
            out.append(Sentence(block.start, block.end, block.index))
            continue
        for sent in nlp(text[block.start : block.end]).sents:
            raw = sent.text
            a = block.start + sent.start_char + len(raw) - len(raw.lstrip())
            b = block.start + sent.start_char + len(raw.rstrip())
            if a < b:
                out.append(Sentence(a, b, block.index))
    return out
