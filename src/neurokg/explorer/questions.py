"""The answers of the named queries, as the question cards of the explorer show them.

The page does not answer "what can cause it?" with logic of its own: it runs the named query (``01-causes``,
``03-symptoms``...) at build time and embeds which statements the answer lists, with the columns the card
shows (certainty, kind, route, limit). So ``neurokg query --named 01`` and the causes card agree by
construction, and a test compares them. Queries are found by their number, so a renamed file still answers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from neurokg.core.errors import NotFoundError
from neurokg.core.namespace import curie
from neurokg.sparql.engine import run_query, to_store
from neurokg.sparql.named import find_named

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["QUERIES", "question_answers", "query_records"]

QUERIES = {"causes": "01", "chains": "02", "symptoms": "03", "limits": "06", "mood": "08", "agreement": "12",
           "advertised": "13"}  # fmt: skip
"""Which named query (by number) answers which card."""

_KIND_NUMBER = re.compile(r"^\d+\s+")


def query_records(store: Any, number: str) -> tuple[str, list[dict[str, str | None]]]:
    """The name and rows of the named query ``number`` (``"01"``) on ``store``; no rows if there is none.

    A query that takes ``include`` gets it empty: the answer rests on what the documents state, as the
    command gives it by default (the page lists inferred and advertised relations in their own cards).
    """
    try:
        query = find_named(number)
    except NotFoundError:
        return "", []
    bindings = {"include": ""} if "include" in query.params else {}
    return query.name, run_query(store, query.text, bindings=bindings).records()


def _sid(row: dict[str, str | None]) -> str:
    return curie(str(row.get("statement") or ""))


def _one_per_statement(rows: list[dict[str, str | None]], column: str) -> list[list[str]]:
    """Query 12 gives one row per reading: the card lists each statement a source states once, in its order
    (the advertising card lists the claims no source states)."""
    seen: dict[str, list[str]] = {}
    for r in rows:
        if str(r.get("stated") or "0") != "0":
            seen.setdefault(_sid(r), [_sid(r), str(r.get(column) or "")])
    return list(seen.values())


def _rows_for(rows: list[dict[str, str | None]], column: str, label: str) -> list[dict[str, str | None]]:
    """The rows about ``label`` in ``column``; all rows about the first value when none is about it."""
    mine = [r for r in rows if r.get(column) == label]
    if mine or not rows:
        return mine
    first = rows[0].get(column)
    return [r for r in rows if r.get(column) == first]


def question_answers(graph: Graph, subject_label: str) -> dict[str, Any]:
    """What each card lists, from the named queries: statement ids and the columns shown beside them."""
    store = to_store(graph)
    names: dict[str, str] = {}
    out: dict[str, Any] = {}

    def rows(card: str) -> list[dict[str, str | None]]:
        names[card], found = query_records(store, QUERIES[card])
        return found

    causes = _rows_for(rows("causes"), "target", subject_label)
    out["causes"] = {
        "target": str(causes[0]["target"]) if causes else subject_label,
        "direct": [[_sid(r), r.get("certainty") or ""] for r in causes if r.get("route") == "direct"],
        "via": [[_sid(r), str(r.get("route") or "").removeprefix("via "), r.get("certainty") or ""]
                for r in causes if r.get("route") != "direct"],
    }  # fmt: skip
    symptoms = _rows_for(rows("symptoms"), "condition", subject_label)
    out["symptoms"] = [[_sid(r), _KIND_NUMBER.sub("", str(r.get("kind") or "")), r.get("certainty") or ""]
                       for r in symptoms]  # fmt: skip
    out["chains"] = [_sid(r) for r in rows("chains")]
    out["limits"] = [[_sid(r), str(r.get("qualifier") or ""), str(r.get("treatment") or "")] for r in rows("limits")]
    out["mood"] = sorted({_sid(r) for r in rows("mood") if r.get("statement")})
    out["agreement"] = _one_per_statement(rows("agreement"), "agreement")
    # a claim a document also states outside advertising is drawn as stated (its advertised reading labelled on it):
    # the advertising card lists the claims that rest on advertising alone, as its text says
    out["advertised"] = [_sid(r) for r in rows("advertised") if r.get("basis") == "advertised"]
    out["queries"] = names
    return out
