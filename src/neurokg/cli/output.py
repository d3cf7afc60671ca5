"""Render rows as a text table, CSV, TSV or JSON: the output options every command shares.

The table is for reading in a terminal: IRIs shortened to CURIEs, and columns narrowed (long
cells cut with ``…``) so each row fits the terminal's width, or one field per line when even
that cannot fit. CSV, TSV and JSON keep every value whole; JSON keeps numbers and booleans typed.

>>> print(render(["name", "n"], [("nk:diabetes", 2)], "csv").strip())
name,n
nk:diabetes,2
>>> print(render(["name", "n"], [("nk:diabetes", 2)], "json"))
[
  {
    "name": "nk:diabetes",
    "n": 2
  }
]
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

__all__ = ["FORMATS", "render", "terminal_width"]

FORMATS = ("table", "csv", "tsv", "json")
_GAP = "  "
_FLOOR = 8  # a column is never narrowed below this (or its header, if shorter)


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` wins; 100 when there is no terminal, as in a pipe)."""
    return shutil.get_terminal_size((100, 24)).columns if "COLUMNS" not in os.environ else int(os.environ["COLUMNS"])


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell(value: object, *, compact: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, list | dict) else str(value)
    if compact:
        from neurokg.core.prefixes import curie

        return curie(text)
    return text


def _fit(natural: list[int], headers: Sequence[str], width: int) -> list[int] | None:
    """Column widths that fit ``width``, narrowing the widest first; ``None`` when nothing fits."""
    widths = list(natural)
    floors = [min(n, max(_FLOOR, min(len(h), 16))) for n, h in zip(natural, headers, strict=True)]
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - width
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            return None
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        second = max((widths[i] for i in shrinkable if i != widest), default=floors[widest])
        step = max(1, min(excess, widths[widest] - max(second, floors[widest])))
        widths[widest] -= step
        excess -= step
    return widths


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _table(columns: Sequence[str], cells: list[list[str]], width: int) -> str:
    natural = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    widths = _fit(natural, columns, width)
    count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    if widths is None:  # too many columns for the terminal: one field per line
        label = max(len(c) for c in columns)
        out = []
        for n, row in enumerate(cells, 1):
            out.append(f"-[ {n} ]".ljust(min(width, 40), "-"))
            fields = zip(columns, row, strict=True)
            out += [f"{c.ljust(label)}  {_cut(v, width - label - 2)}".rstrip() for c, v in fields]
        return "\n".join([*out, count]) + "\n"

    def line(values: Sequence[str]) -> str:
        return _GAP.join(_cut(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths]), *(line(row) for row in cells)]
    cut = widths != natural
    note = " long cells cut to fit: --format csv or json for whole values" if cut else ""
    return "\n".join([*out, count + note]) + "\n"


def render(
    columns: Sequence[str], rows: Iterable[Sequence[object]], fmt: str = "table", *, width: int | None = None
) -> str:
    """Return ``rows`` under ``columns`` in ``fmt`` (``table``, ``csv``, ``tsv`` or ``json``).

    ``table`` shortens IRIs to CURIEs and fits ``width`` columns (default: :func:`terminal_width`);
    the other formats keep values whole. ``json`` is a list of objects, one per row, with numbers,
    booleans and ``null`` typed.
    """
    rows = list(rows)
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(records, indent=2, ensure_ascii=False, default=_json_value) + "\n"
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
    return _table(columns, cells, width or terminal_width())
