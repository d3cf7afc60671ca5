"""How an answer shows its basis: rows that rest on a curator's inference or an advertisement, and each reading.

An edge of the view carries the readings it shows (``evidence``, one per span, each with its
``status`` and qualifiers) and its ``basis`` (``docs/decisions/0008-evidence-status.md``). A row
built from edges says what it rests on with :func:`basis_text`; its certainty shows each
document's reading where they differ (:func:`certainty_text`); and the qualifiers of readings
other than the basis (a curator's first-line judgement on a stated relation) are labelled with
their status (:func:`labelled_qualifiers`), never mixed into what the documents say.

>>> ev = [{"document": "000.txt", "status": "stated", "certainty": "often"},
...       {"document": "003.txt", "status": "stated", "certainty": "in some cases"},
...       {"document": "000.txt", "status": "inferred", "lineOfTherapy": ["first line"], "reason": "why"}]
>>> certainty_text(ev, "stated", "in some cases")
'000: often; 003: in some cases'
>>> labelled_qualifiers(ev, "stated", {"certainty": "in some cases"})
{'lineOfTherapy': ['first line (inferred by curator)']}
>>> basis_text(["stated", "inferred"])
'stated; inferred by curator'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from neurokg.network.spec import QUALIFIERS
from neurokg.rdf.status import LABELS, basis_label

__all__ = ["basis_text", "certainty_text", "document_name", "labelled_qualifiers", "reading_text"]


def document_name(document: str) -> str:
    """The short name of a document file: its name without ``.txt``."""
    return document.removesuffix(".txt")


def basis_text(statuses: Iterable[str]) -> str:
    """The words for what a row rests on (``"stated"``, ``"inferred by curator"``, ``"stated; advertised"``...)."""
    return basis_label(statuses) or "stated"


def certainty_text(evidence: Sequence[Mapping[str, Any]], basis: str, summary: str = "") -> str:
    """The certainty of a row: one value when the readings of its basis agree, else each document's reading."""
    by_doc: dict[str, list[str]] = {}
    for r in evidence:
        if r.get("status", "stated") == basis and r.get("certainty"):
            values = by_doc.setdefault(document_name(str(r.get("document", ""))), [])
            if r["certainty"] not in values:
                values.append(str(r["certainty"]))
    distinct = {v for values in by_doc.values() for v in values}
    if len(distinct) <= 1:
        return summary or next(iter(distinct), "")
    return "; ".join(f"{doc}: {'/'.join(values)}" for doc, values in sorted(by_doc.items()))


def labelled_qualifiers(
    evidence: Sequence[Mapping[str, Any]], basis: str, summary: Mapping[str, Any]
) -> dict[str, Any]:
    """The summary qualifiers but the certainty, plus those of readings of another status, labelled with it."""
    out: dict[str, Any] = {k: v for k, v in summary.items() if k != "certainty" and v not in (None, "", [])}
    for r in evidence:
        status = r.get("status", "stated")
        if status == basis:
            continue
        for name in QUALIFIERS:
            if name == "certainty" or r.get(name) in (None, "", []):
                continue
            values = r[name] if isinstance(r[name], list) else [r[name]]
            current = out.get(name, [])
            current = list(current) if isinstance(current, list) else [current]
            for v in values:
                labelled = f"{v} ({LABELS.get(status, status)})"
                if labelled not in current:
                    current.append(labelled)
            out[name] = current
    return out


def reading_text(reading: Mapping[str, Any]) -> str:
    """One reading in a line: document and span, status, certainty, hedges, caveat kinds, line of therapy, reason.

    >>> reading_text({"document": "003.txt", "start": 1, "end": 9, "status": "stated", "certainty": "in some cases",
    ...               "hedge": ["sometimes"]})
    '003[1:9] stated: in some cases (sometimes)'
    """
    parts = [str(reading.get("certainty", ""))]
    if reading.get("hedge"):
        parts.append(f"({', '.join(map(str, reading['hedge']))})")
    for name in ("lineOfTherapy", "caveatKind", "durability"):
        if reading.get(name):
            parts.append(", ".join(map(str, reading[name])))
    if reading.get("reason"):
        parts.append(f"because: {reading['reason']}")
    head = f"{document_name(str(reading.get('document', '')))}[{reading.get('start')}:{reading.get('end')}]"
    status = LABELS.get(str(reading.get("status", "stated")), str(reading.get("status")))
    body = " ".join(p for p in parts if p)
    return f"{head} {status}: {body}" if body else f"{head} {status}"
