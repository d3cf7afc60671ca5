"""Each relation as the explorer shows it: a sentence, its limits, its sources and its quotes.

A record holds what an answer row needs: the sentence parts (subject, hedged verb, object), the certainty,
limit chips in plain words, the curators' caveat, what it rests on, the sources that state it, and its quotes
with identical texts merged (one quote, several sources) and the names of both ends marked in each. Offsets
and identifiers are kept for the "data details" of the page.

>>> marks("Diabetes is the most common cause of neuropathy.", ["diabetes"], ["neuropathy"])
[[0, 8, 's'], [37, 47, 'o']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import networkx as nx

from neurokg.explorer.basis import edge_basis, edge_statuses, reading_status
from neurokg.explorer.words import CERTAINTY_STRENGTH, limit_words, sentence_parts, sentence_text, verb_words

__all__ = ["LIMIT_QUALIFIERS", "edge_id", "marks", "readings", "statement_records"]

LIMIT_QUALIFIERS = ("lineOfTherapy", "caveatKind", "durability")
"""Qualifiers whose values are a treatment's limits, shown as chips."""

_LIMIT_VALUES = {"lineOfTherapy": {"not first line", "last resort"}, "durability": {"temporary"}}
"""The values of these qualifiers that are limits (first line is not a limit; other kinds all are)."""


def edge_id(u: str, v: str, key: str, attrs: dict[str, Any]) -> str:
    """The id of an edge on the page: its statement CURIE (``u key v`` when it has none)."""
    return str(attrs.get("statement") or f"{u} {key} {v}")


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _texts(value: Any) -> list[str]:
    """A text qualifier given once or many times (the curators' caveat): a list of texts."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _reading(evidence: dict[str, Any], basis: str) -> list[Any]:
    """One evidence reading for the data details: document, start, end, status, the curator's reason."""
    return [str(evidence.get("document", "")), evidence.get("start"), evidence.get("end"),
            reading_status(evidence, basis), str(evidence.get("reason") or "")]  # fmt: skip


def limits(attrs: dict[str, Any]) -> list[str]:
    """The limit labels of an edge (``often ineffective``, ``temporary``, ``not first line``...), sorted."""
    out = set()
    for name in LIMIT_QUALIFIERS:
        for value in _as_list(attrs.get(name)):
            if name not in _LIMIT_VALUES or value in _LIMIT_VALUES[name]:
                out.add(value)
    return sorted(out)


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word, also in the plural, any case (compiled once per name)."""
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?:s|es)?(?!\w)", re.IGNORECASE)


def marks(text: str, subject_names: Iterable[str], object_names: Iterable[str]) -> list[list[Any]]:
    """Where the quote names the two ends: ``[start, end, "s" | "o"]``, longest names first, no overlaps."""
    found: list[list[Any]] = []
    names = [(n, "s") for n in subject_names if n] + [(n, "o") for n in object_names if n]
    for name, end in sorted(names, key=lambda x: (-len(x[0]), x[1], x[0])):
        for m in _pattern(name).finditer(text):
            if all(m.end() <= a or m.start() >= b for a, b, _ in found):
                found.append([m.start(), m.end(), end])
    return sorted(found)


def _quotes(G: nx.MultiDiGraph, u: str, v: str, evidence: Sequence[dict[str, Any]], basis: str) -> list[dict]:
    """Quotes with identical texts merged: ``{text, docs, status, reasons, marks}``; none without a corpus.

    ``status`` lists the statuses of the readings of that text (a passage a document states and a curator
    also reads), ``reasons`` the curators' reasons for their readings of it.
    """
    by_text: dict[str, dict[str, Any]] = {}
    names_u = [G.nodes[u].get("label", u), *G.nodes[u].get("altLabels", [])]
    names_v = [G.nodes[v].get("label", v), *G.nodes[v].get("altLabels", [])]
    for ev in evidence:
        text = ev.get("text")
        if text is None:
            continue
        quote = by_text.setdefault(text, {"text": text, "docs": [], "status": [], "reasons": [],
                                          "marks": marks(text, names_u, names_v)})  # fmt: skip
        doc = str(ev.get("document", ""))
        if doc not in quote["docs"]:
            quote["docs"].append(doc)
        status = reading_status(ev, basis)
        if status not in quote["status"]:
            quote["status"].append(status)
        if ev.get("reason") and ev["reason"] not in quote["reasons"]:
            quote["reasons"].append(str(ev["reason"]))
    return [by_text[t] for t in sorted(by_text, key=lambda t: (by_text[t]["docs"], t))]


def readings(evidence: Sequence[dict[str, Any]], basis: str) -> list[list[str]]:
    """Each document's own reading (certainty and hedge) where the documents read the relation differently.

    Empty when they agree, or when the view gives no reading per document (a graph without evidence status).

    >>> readings([{"document": "a.txt", "certainty": "often", "hedge": ["common"]},
    ...           {"document": "b.txt", "certainty": "in some cases", "hedge": ["sometimes"]}], "stated")
    [['a.txt', 'often', 'common'], ['b.txt', 'in some cases', 'sometimes']]
    """
    by_doc: dict[str, tuple[str, str]] = {}
    for ev in evidence:
        if reading_status(ev, basis) != basis or not ev.get("certainty"):
            continue
        hedge = ", ".join(_as_list(ev.get("hedge")))
        by_doc.setdefault(str(ev.get("document", "")), (str(ev["certainty"]), hedge))
    if len(set(by_doc.values())) <= 1:
        return []
    return [[doc, certainty, hedge] for doc, (certainty, hedge) in sorted(by_doc.items())]


def statement_records(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per edge of ``G`` (see the module docstring), sorted by id."""
    out = []
    for u, v, k, d in G.edges(keys=True, data=True):
        basis = edge_basis(d)
        certainty = d.get("certainty")
        hedges = _as_list(d.get("hedge"))
        label = str(d.get("label", k))
        parts = sentence_parts(str(G.nodes[u].get("label", u)), k, str(G.nodes[v].get("label", v)),
                               certainty, hedges, label)  # fmt: skip
        evidence = list(d.get("evidence") or [])
        stated_docs = sorted({str(e.get("document", "")) for e in evidence if reading_status(e, basis) == basis})
        out.append(
            {
                "id": edge_id(u, v, k, d),
                "s": u,
                "o": v,
                "rel": k,
                "relLabel": label,
                "basis": basis,
                "status": edge_statuses(d),
                "certainty": certainty or "",
                "strength": CERTAINTY_STRENGTH.get(str(certainty), 0),
                "hedge": hedges,
                "parts": parts,
                "sentence": sentence_text(parts),
                "inverse": verb_words(k, certainty, hedges, inverse=True),
                "limits": [[lim, limit_words(lim)] for lim in limits(d)],
                "caveat": _texts(d.get("caveat")),
                "population": str(d.get("population") or ""),
                "sources": stated_docs,
                "quotes": _quotes(G, u, v, evidence, basis),
                "readings": readings(evidence, basis),
                "evidence": [_reading(e, basis) for e in evidence],
            }
        )
    return sorted(out, key=lambda r: r["id"])
