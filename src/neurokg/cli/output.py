"""Render rows as a text table, CSV, TSV or JSON: the output options every command shares.

>>> print(render(["name", "n"], [("nk:diabetes", "2")], "csv").strip())
name,n
nk:diabetes,2
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence


__all__ = ["FORMATS", "render"]

FORMATS = ("table", "csv", "tsv", "json")


def _cell(value: object, *, compact: bool) -> str:
    from neurokg.core.namespace import curie  # rdflib: only when there are rows to print

    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, list | dict) else str(value)
    return curie(text) if compact else text


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str = "table") -> str:
    """Return ``rows`` under ``columns`` in ``fmt`` (``table``, ``csv``, ``tsv`` or ``json``).

    ``table`` shortens IRIs to CURIEs for reading; the other formats keep values whole. ``json``
    is a list of objects, one per row.
    """
    if fmt == "json":
        return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v, compact=False) for v in row])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    cells = [[_cell(v, compact=True).replace("\n", " ") for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, min(len(c), 80)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v[:80].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
