"""Registering a document: what it is (file name, SHA-256, length, title) and, when known, its source.

Sources and licences of the documents neurokg knows are listed in ``sources.toml`` (taken from
the corpus README). The title is the first line of the text, given as offsets (titles are text of
the document, so the graph stores them as spans, like evidence).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "leaflet.txt"
>>> _ = path.write_text("Nerve Pain Leaflet\\n\\nBody text.\\n", encoding="utf-8")
>>> doc = register(path)
>>> doc.file_name, doc.length, doc.title, doc.licence
('leaflet.txt', 31, 'Nerve Pain Leaflet', None)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from neurokg.core.errors import UsageError
from neurokg.rdf.provenance import document_hash

__all__ = ["Document", "register", "read_text", "known_sources"]

_SOURCES = Path(__file__).resolve().parent / "sources.toml"


@dataclass(frozen=True)
class Document:
    """A registered document; ``title_start``/``title_end`` locate its title in the text."""

    file_name: str
    sha256: str
    length: int
    title: str
    title_start: int
    title_end: int
    kind: str | None = None
    publisher: str | None = None
    source: str | None = None
    licence: str | None = None
    credit: str | None = None

    def as_record(self) -> dict[str, Any]:
        """The JSON Lines record of this document (``"record": "document"``)."""
        return {"record": "document", **asdict(self)}


@lru_cache(maxsize=1)
def known_sources() -> dict[str, dict[str, str]]:
    """File name -> what ``sources.toml`` says about it."""
    data = tomllib.loads(_SOURCES.read_text(encoding="utf-8"))
    return {name: dict(info) for name, info in data["documents"].items()}


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a document as UTF-8, or a one-line :class:`UsageError` naming the file."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: document not found")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from exc


def register(path: str | os.PathLike[str], text: str | None = None) -> Document:
    """Register the document at ``path`` (its ``text`` may be passed when already read)."""
    path = Path(path)
    text = read_text(path) if text is None else text
    title_start = len(text) - len(text.lstrip())
    line_end = text.find("\n", title_start)
    title_end = len(text) if line_end < 0 else line_end
    title_end = title_start + len(text[title_start:title_end].rstrip())
    info = known_sources().get(path.name, {})
    return Document(
        file_name=path.name,
        sha256=document_hash(text),
        length=len(text),
        title=text[title_start:title_end],
        title_start=title_start,
        title_end=title_end,
        kind=info.get("kind"),
        publisher=info.get("publisher"),
        source=info.get("source"),
        licence=info.get("licence"),
        credit=info.get("credit"),
    )
