"""The proposals file: JSON Lines, one document record per document and one proposal per line.

Each line is a JSON object with ``"record"`` set to ``"document"`` (file name, SHA-256, length,
title and, when known, source and licence; see :mod:`~neurokg.curate.documents`) or
``"proposal"``. A proposal carries, at least, ``document`` (file name), ``sha256``, ``start``,
``end``, ``quote`` (the words at those offsets, so the span can be re-anchored), ``subject``,
``predicate`` (an ontology property's local name, e.g. ``causes``), ``object`` (CURIEs for known
concepts, labels for new ones), ``subject_new``/``object_new``, ``certainty`` (an
``nko:CertaintyLevel``), ``hedge`` (the hedge words), ``negated`` and ``score``. It also carries
the other qualifiers; where each end is named (``subject_start`` ... ``object_end``, absent when
an end comes from a heading, a list lead-in or the document's topic); the cue words with their
offsets; the status (``Stated`` or ``Advertised``, the evidence statuses of the ontology; a
proposal is never ``InferredByCurator``, though a curator's edit may make it one, with a
``reason``); the rule that made it; and the tool and rules versions. ``caveat`` (in the curator's
own words) and ``population`` are empty in a proposal: a curator adds them in the review.

Quotes are the document's words: the file belongs in the ignored work directory, never in git.

>>> p = Proposal(document="d.txt", sha256="0" * 64, start=0, end=8, quote="Diabetes",
...              subject="nk:diabetes", subject_label="diabetes", predicate="causes",
...              object="foot ulcer", object_label="foot ulcer", object_new=True)
>>> back = proposal_from_json(p.as_record(), where="line 1")
>>> back == p, back.id == p.id
(True, True)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import IO, Any

from neurokg.core.errors import EXIT_INVALID, UsageError
from neurokg.curate.documents import Document
from neurokg.curate.vocabulary import domain_relations

__all__ = [
    "Proposal",
    "ProposalFileError",
    "proposal_from_json",
    "write_jsonl",
    "read_jsonl",
    "REQUIRED",
    "CERTAINTY_LEVELS",
]

CERTAINTY_LEVELS = ("Asserted", "Possible", "InSomeCases", "Often", "Rare", "Unclear")
REQUIRED = ("document", "start", "end", "subject", "predicate", "object")
"""Fields every proposal line must have (a candidate from another tool may omit the rest)."""


class ProposalFileError(UsageError):
    """A proposals or review file with a bad line; the message names the file, the line and the field."""

    exit_code = EXIT_INVALID


@dataclass(frozen=True)
class Proposal:
    """One proposed relation and the span that states it."""

    document: str
    sha256: str | None
    start: int
    end: int
    quote: str | None
    subject: str
    predicate: str
    object: str
    subject_label: str = ""
    object_label: str = ""
    subject_new: bool = False
    object_new: bool = False
    subject_classes: tuple[str, ...] = ()
    object_classes: tuple[str, ...] = ()
    subject_start: int | None = None
    subject_end: int | None = None
    object_start: int | None = None
    object_end: int | None = None
    certainty: str = "Asserted"
    hedge: tuple[str, ...] = ()
    negated: bool = False
    line_of_therapy: str | None = None
    durability: str | None = None
    caveats: tuple[str, ...] = ()
    attributed_to: str | None = None
    population: str | None = None
    caveat: str = ""
    reason: str = ""
    advertising: bool = False
    status: str = "Stated"
    score: float = 0.5
    rule: str = ""
    cues: tuple[tuple[int, int, str, str], ...] = ()
    context: tuple[tuple[int, int], ...] = ()
    source: str = "neurokg"
    tool_version: str = ""
    rules_version: str = ""
    id: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            parts = (self.document, self.sha256, self.start, self.end, self.subject, self.predicate, self.object)
            key = "\n".join(str(p) for p in parts)
            object.__setattr__(self, "id", "p-" + hashlib.sha256(key.encode()).hexdigest()[:16])

    def as_record(self) -> dict[str, Any]:
        """The JSON object of this proposal (``"record": "proposal"``)."""
        data = asdict(self)
        data["cues"] = [{"start": s, "end": e, "kind": k, "value": v} for s, e, k, v in self.cues]
        data["context"] = [list(c) for c in self.context]
        return {"record": "proposal", **data}


def _fail(where: str, message: str) -> ProposalFileError:
    return ProposalFileError(f"{where}: {message}")


def proposal_from_json(data: dict[str, Any], *, where: str) -> Proposal:
    """Check one JSON object and make it a :class:`Proposal`; ``where`` names it in errors (``file:line``)."""
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise _fail(where, f"missing field {missing[0]!r}")
    for key in ("start", "end"):
        if data[key] is not None and (not isinstance(data[key], int) or isinstance(data[key], bool)):
            raise _fail(where, f"field {key!r} must be an integer offset")
    predicate = str(data["predicate"])
    if predicate not in domain_relations():
        raise _fail(where, f"predicate {predicate!r} is not a relation of the ontology (e.g. causes, treats)")
    certainty = data.get("certainty", "Asserted")
    if certainty not in CERTAINTY_LEVELS:
        raise _fail(where, f"certainty {certainty!r} is not one of {', '.join(CERTAINTY_LEVELS)}")
    known = {f.name for f in fields(Proposal)}
    values = {k: v for k, v in data.items() if k in known}
    for key in ("hedge", "caveats", "subject_classes", "object_classes"):
        if key in values:
            values[key] = tuple(values[key] or ())
    values["cues"] = tuple(
        (int(c["start"]), int(c["end"]), str(c["kind"]), str(c["value"])) for c in data.get("cues") or ()
    )
    values["context"] = tuple((int(a), int(b)) for a, b in data.get("context") or ())
    values.setdefault("sha256", None)
    values.setdefault("quote", None)
    for key in ("subject", "object", "document"):
        if not isinstance(values[key], str) or not values[key].strip():
            raise _fail(where, f"field {key!r} must be a non-empty string")
    try:
        return Proposal(**values)
    except (TypeError, ValueError) as exc:
        raise _fail(where, str(exc)) from exc


def _lines(documents: Iterable[Document], proposals: Iterable[Proposal]) -> Iterator[str]:
    for doc in documents:
        yield json.dumps(doc.as_record(), ensure_ascii=False, sort_keys=True)
    for p in proposals:
        yield json.dumps(p.as_record(), ensure_ascii=False, sort_keys=True)


def write_jsonl(
    out: str | os.PathLike[str] | IO[str], documents: Iterable[Document], proposals: Iterable[Proposal]
) -> None:
    """Write the documents then the proposals; ``"-"`` is standard output; a file is written atomically."""
    if out == "-" or not isinstance(out, (str, os.PathLike)):
        stream = sys.stdout if out == "-" else out
        for line in _lines(documents, proposals):
            stream.write(line + "\n")  # type: ignore[union-attr]
        return
    from neurokg.core.atomic import atomic_write_text

    atomic_write_text(out, "".join(line + "\n" for line in _lines(documents, proposals)))


def read_jsonl(path: str | os.PathLike[str]) -> tuple[list[dict[str, Any]], list[Proposal]]:
    """Read a proposals (or candidates) file: its document records and its proposals, every line checked.

    A line without ``"record"`` is read as a proposal, so another tool's candidates need no header.
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: proposals file not found")
    documents: list[dict[str, Any]] = []
    proposals: list[Proposal] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _fail(where, f"not JSON ({exc.msg})") from exc
            if not isinstance(data, dict):
                raise _fail(where, "a line must be a JSON object")
            if data.get("record") == "document":
                documents.append(data)
            else:
                proposals.append(proposal_from_json(data, where=where))
    return documents, proposals
