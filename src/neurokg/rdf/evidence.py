"""Evidence that cannot be resolved, and the document hash that decides it (no rdflib needed).

>>> document_hash("abc")[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["EvidenceProblem", "document_hash"]


def document_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EvidenceProblem:
    """A document whose spans could not be resolved (missing file or changed text)."""

    document: str
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message} (document {self.document})"
