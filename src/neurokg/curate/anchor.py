"""Re-anchoring: a span is shown, reviewed or merged only if it still points at the same words.

A proposal records its document's SHA-256, its offsets and the words it quotes. Before it is shown
(the review page), merged (``accept``) or taken in from another tool, :func:`reanchor` checks it
against the document as it is now: a different hash means the document was edited or replaced and
every span of it is refused (offsets into another text point at the wrong words); with the same
hash, the offsets must hold the quoted words. A candidate from another tool that gives only a quote
is anchored where that quote occurs, once; a quote that is missing or occurs more than once is refused.

>>> text = "Diabetes can cause nerve pain."
>>> from neurokg.rdf.provenance import document_hash
>>> reanchor(text, document_hash(text), 0, 8, "Diabetes")
(0, 8)
>>> reanchor(text, None, None, None, "nerve pain")
(19, 29)
>>> reanchor(" " + text, document_hash(text), 0, 8, "Diabetes")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AnchorError: document-changed: ...
"""

from __future__ import annotations

from neurokg.rdf.provenance import document_hash

__all__ = ["AnchorError", "REASONS", "reanchor"]

REASONS = (
    "document-changed",
    "offsets-out-of-range",
    "quote-mismatch",
    "quote-not-found",
    "quote-ambiguous",
    "no-anchor",
)
"""Why a span was refused, as the first word of :class:`AnchorError`'s message."""


class AnchorError(ValueError):
    """A span that does not re-anchor; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        super().__init__(f"{reason}: {detail}")


def reanchor(
    text: str,
    sha256: str | None,
    start: int | None,
    end: int | None,
    quote: str | None,
    *,
    text_sha256: str | None = None,
) -> tuple[int, int]:
    """Return the ``(start, end)`` of the span in ``text`` now, or raise :class:`AnchorError`.

    ``text_sha256`` may pass the text's hash when the caller has it, to avoid hashing per span.
    """
    actual = text_sha256 or document_hash(text)
    if sha256 is not None and sha256 != actual:
        raise AnchorError(
            "document-changed", f"the document's SHA-256 is {actual[:12]}…, the span was made on {sha256[:12]}…"
        )
    if start is not None and end is not None:
        if sha256 is None and quote is None:
            raise AnchorError("no-anchor", "offsets without the document's hash or the quoted words cannot be checked")
        if not (0 <= start < end <= len(text)):
            raise AnchorError("offsets-out-of-range", f"[{start}, {end}) is outside a text of {len(text)} characters")
        if quote is not None and text[start:end] != quote:
            raise AnchorError("quote-mismatch", f"[{start}, {end}) does not hold the quoted words")
        return start, end
    if not quote:
        raise AnchorError("no-anchor", "neither offsets nor quoted words")
    first = text.find(quote)
    if first < 0:
        raise AnchorError("quote-not-found", "the quoted words are not in the document")
    if text.find(quote, first + 1) >= 0:
        raise AnchorError("quote-ambiguous", "the quoted words occur more than once; give offsets")
    return first, first + len(quote)
