"""The rejection log: what curators rejected, why, and which proposals it keeps from coming back.

``neurokg accept`` writes every rejected proposal to ``rejections.tsv`` in the graph directory: the
proposal's id, document (file name and SHA-256), offsets, the three ends, the reason code, the
curator's note, who rejected it and when. It holds no words of the document, so it is committed
with the graph. ``neurokg propose`` reads it and leaves out a proposal whose id is logged (the id
hashes document, hash, offsets and the triple, so only the very same proposal is suppressed); a
later review that accepts the proposal takes it off the log.

>>> import tempfile, pathlib
>>> log = pathlib.Path(tempfile.mkdtemp()) / LOG_NAME
>>> r = Rejection("p-1", "d.txt", "0" * 64, 0, 8, "nk:a", "causes", "nk:b", "not-stated", "a\\tnote", "ann", "2025")
>>> write_rejections(log, [r])
>>> read_rejections(log)["p-1"].note
'a note'
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from neurokg.core.errors import EXIT_INVALID, UsageError

__all__ = ["LOG_NAME", "COLUMNS", "Rejection", "RejectionLogError", "read_rejections", "write_rejections", "render"]

LOG_NAME = "rejections.tsv"
"""File name of the log in the graph directory."""


class RejectionLogError(UsageError):
    """A rejection log that cannot be read: the message names the file and the line."""

    exit_code = EXIT_INVALID


@dataclass(frozen=True)
class Rejection:
    """One rejected proposal (no words of the document)."""

    proposal: str
    document: str
    sha256: str
    start: int
    end: int
    subject: str
    predicate: str
    object: str
    reason: str
    note: str
    curator: str
    date: str


COLUMNS = tuple(f.name for f in fields(Rejection))


def _clean(value: object) -> str:
    return " ".join(str(value).split())


def read_rejections(path: str | os.PathLike[str]) -> dict[str, Rejection]:
    """Proposal id -> rejection; an absent log is empty."""
    path = Path(path)
    if not path.is_file():
        return {}
    out: dict[str, Rejection] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader, None)
        if header is None:
            return {}
        if tuple(header) != COLUMNS:
            raise RejectionLogError(f"{path}:1: not a rejection log (columns must be {', '.join(COLUMNS)})")
        for n, row in enumerate(reader, 2):
            if len(row) != len(COLUMNS) or not all(row[i].lstrip("-").isdigit() for i in (3, 4)):
                raise RejectionLogError(f"{path}:{n}: a rejection needs {len(COLUMNS)} tab-separated fields")
            values: list[object] = list(row)
            values[3], values[4] = int(row[3]), int(row[4])
            rejection = Rejection(*values)  # type: ignore[arg-type]
            out[rejection.proposal] = rejection
    return out


def render(rejections: Iterable[Rejection]) -> str:
    """The log's text: a header, then one line per rejection sorted by document, offsets and id."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for r in sorted(rejections, key=lambda r: (r.document, r.start, r.end, r.proposal)):
        writer.writerow([_clean(v) for v in astuple(r)])
    return buf.getvalue()


def write_rejections(path: str | os.PathLike[str], rejections: Iterable[Rejection]) -> None:
    """Write the log atomically."""
    from neurokg.core.atomic import atomic_write_text

    atomic_write_text(path, render(rejections))
