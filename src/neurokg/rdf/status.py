"""Evidence status: what a document states, what a curator infers, what an advertisement claims.

Every evidence span has one ``nko:status`` (``docs/decisions/0008-evidence-status.md``). After the
loader mints statement IRIs, :func:`summarize` runs ``status.ru``, one SPARQL update that writes each
statement's summary from its evidence and makes the plain triple mean "a document states it": the
triple is asserted when at least one span is stated and removed otherwise, so inferred and
advertised relations exist only as statements. Answers leave them out unless asked (``include``),
and label them. The module imports neither rdflib nor pyoxigraph: the loader hands it a store.

Status tokens are the ``skos:notation`` of the status individuals: ``stated``, ``inferred`` and
``advertised``.

>>> sorted(parse_include("advertised, inferred"))
['advertised', 'inferred']
>>> basis_label({"stated", "inferred"})
'stated; inferred by curator'
>>> parse_include("guessed")
Traceback (most recent call last):
...
neurokg.core.errors.UsageError: --include takes inferred, advertised or both (comma-separated), not 'guessed'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from neurokg.core.errors import UsageError
from neurokg.core.prefixes import PREFIXES

__all__ = [
    "INCLUDABLE",
    "LABELS",
    "ORDER",
    "STATUS",
    "StatusSummary",
    "basis",
    "basis_label",
    "parse_include",
    "status_token",
    "status_update",
    "summarize",
]

_NKO = PREFIXES["nko"]

STATUS: dict[str, str] = {
    "stated": f"{_NKO}Stated",
    "inferred": f"{_NKO}InferredByCurator",
    "advertised": f"{_NKO}Advertised",
}
"""Status token to the IRI of the ontology individual."""

ORDER = ("stated", "inferred", "advertised")
"""Statuses from the strongest basis to the weakest."""

LABELS = {"stated": "stated", "inferred": "inferred by curator", "advertised": "advertised"}
"""Status token to the words a row shows."""

INCLUDABLE = ("inferred", "advertised")
"""Statuses an answer leaves out unless asked."""

_TOKENS = {iri: token for token, iri in STATUS.items()}


def status_token(status: Any) -> str | None:
    """The token of a status individual (``nko:InferredByCurator`` -> ``"inferred"``), ``None`` if unknown.

    ``status`` is an IRI as a string, an rdflib ``URIRef`` or a pyoxigraph ``NamedNode``.

    >>> from rdflib import URIRef
    >>> status_token(URIRef(STATUS["advertised"])), status_token(None)
    ('advertised', None)
    """
    iri = str(status) if isinstance(status, str) else getattr(status, "value", None)
    return _TOKENS.get(iri) if isinstance(iri, str) else None


def parse_include(value: str | Iterable[str] | None) -> frozenset[str]:
    """The statuses to include besides stated: from ``"inferred,advertised"``, a list of tokens, or ``None``."""
    if value is None:
        return frozenset()
    parts = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    out = set()
    for part in (p.strip().casefold() for p in parts):
        if not part:
            continue
        if part not in INCLUDABLE:
            raise UsageError(f"--include takes inferred, advertised or both (comma-separated), not {part!r}")
        out.add(part)
    return frozenset(out)


def basis(tokens: Iterable[str]) -> str | None:
    """The strongest of ``tokens`` by :data:`ORDER`: what a relation's plain triple (or its absence) rests on."""
    present = set(tokens)
    return next((t for t in ORDER if t in present), None)


def basis_label(tokens: Iterable[str]) -> str:
    """The words for a set of status tokens, strongest first, joined by ``"; "``."""
    present = set(tokens)
    return "; ".join(LABELS[t] for t in ORDER if t in present)


@cache
def status_update() -> str:
    """The text of ``status.ru``: the SPARQL update that writes the summaries (run with :data:`PREFIXES`)."""
    return (Path(__file__).resolve().parent / "status.ru").read_text(encoding="utf-8")


_UNSTATED = """
SELECT DISTINCT ?st ?s ?p ?o WHERE {
    ?st a nko:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nko:evidence ?any .
    ?any nko:status ?status .
    ?s ?p ?o .
    MINUS { ?st nko:evidence ?ev . ?ev nko:status nko:Stated . MINUS { ?ev nko:negated true } }
} ORDER BY ?st
"""


@dataclass
class StatusSummary:
    """What :func:`summarize` changed: the plain triples it removed, each with its statement."""

    removed: list[tuple[Any, Any, Any, Any]] = field(default_factory=list)
    """``(statement, subject, predicate, object)`` terms of the store."""


def summarize(store: Any) -> StatusSummary:
    """Run ``status.ru`` on a pyoxigraph ``store`` (in place, after ``mint.ru``); say which plain triples went.

    A plain triple is removed when no span of its statement is stated and affirmative but some span has
    a status (inferred, advertised, or stated but negated): a curator wrote a relation no document states
    as if one did.
    """
    prefixes = dict(PREFIXES)
    unstated = _UNSTATED  # MINUS, an anti-join: a NOT EXISTS per row took 21 s at 1M triples, the anti-join 0.04 s
    removed = [(r["st"], r["s"], r["p"], r["o"]) for r in store.query(unstated, prefixes=prefixes)]
    store.update(status_update(), prefixes=prefixes)
    return StatusSummary(removed)
