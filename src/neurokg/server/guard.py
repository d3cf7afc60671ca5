"""Decide, before a query runs, whether a read-only endpoint may run it, and give the engine that exact text.

The guard does not ask a second parser what the query means: it splits the text into SPARQL tokens
(:func:`neurokg.server.tokens.scan`, which refuses whatever could be read two ways). The policy reads
those tokens, and the engine runs either the text itself, when it holds nothing that two readers could
read differently (no comment, no escape, no long string: :func:`neurokg.server.tokens.plain`), or the
text rebuilt from the tokens (:func:`neurokg.server.tokens.rebuild`: comments dropped, strings and IRIs
written without escapes). Either way both read one text in which a keyword is a keyword. Refused
(:class:`QueryRefused`): updates (``INSERT``, ``LOAD``...) and any ``SERVICE`` (the engine would fetch
the URL it names). ``FROM`` and ``FROM NAMED`` only select graphs of the store, so they pass. Syntax is
left to the engine that runs the text. The cost is one pass of a regular expression over the text.

>>> inspect_query("SELECT ?s WHERE { ?s a nko:Drug }")
'select'
>>> inspect_query("SELECT * WHERE { # x\\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
neurokg.server.guard.QueryRefused: SERVICE is refused: this endpoint never fetches remote data (<http://127.0.0.1:9/>)
>>> print(canonical_query("ASK { # comment\\n  ?s ?p '''one\\ttab''' }").text)
ASK {
  ?s ?p "one\\ttab"    }
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from neurokg.core.errors import QueryError
from neurokg.server.tokens import plain, rebuild, scan, tokenize, where

__all__ = ["Inspection", "QueryRefused", "canonical_query", "inspect_query"]


class QueryRefused(QueryError):
    """A well-formed query (or update) that a read-only endpoint will not run; the message says why."""


@dataclass(frozen=True)
class Inspection:
    """What the guard decided: the query form and the text the engine must run."""

    kind: str
    text: str


_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _refuse_updates(words: list[str]) -> None:
    names: list[str] = []
    for index, word in enumerate(words):
        if word not in _UPDATES:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in ("INSERT", "DELETE") and following == "DATA":
            name = f"{word} DATA"
        elif word == "DELETE" and following == "WHERE":
            name = "DELETE WHERE"
        elif word in ("INSERT", "DELETE", "WITH"):
            name = "DELETE/INSERT"
        else:
            name = word
        if name not in names:
            names.append(name)
    if names:
        raise QueryRefused(f"updates are refused: this endpoint is read-only ({', '.join(names)})")


def canonical_query(text: str, *, prefixes: Collection[str] | None = None) -> Inspection:
    """Refuse what a read-only, offline endpoint must not run; return the form and the text to run.

    Parameters
    ----------
    text
        SPARQL query text, as received.
    prefixes
        Names of the predeclared prefixes, as the engine will see them (default: the neurokg prefixes).

    Raises
    ------
    QueryRefused
        An update (``LOAD``, ``INSERT DATA``...) or a ``SERVICE`` clause.
    QueryError
        Text that cannot be read one way only (see :mod:`neurokg.server.tokens`), or that is not a query.
    """
    spans = scan(text)
    if not any(kind != "comment" for kind, _, _ in spans):
        raise QueryError("malformed query: the query is empty")
    if prefixes is None:
        from neurokg.core.namespace import PREFIXES

        prefixes = PREFIXES
    declared = set(prefixes)
    words: list[str] = []  # upper-cased, one per token (empty for tokens that are not words)
    kind = None
    service = None
    for index, (token, start, end) in enumerate(spans):
        if token == "word":
            word = text[start:end].upper()
            words.append(word)
            if kind is None and word in _FORMS:
                kind = _FORMS[word]
            elif word == "SERVICE" and service is None:
                service = index
            elif word == "PREFIX" and index + 1 < len(spans) and spans[index + 1][0] == "pname":
                _, pstart, pend = spans[index + 1]
                declared.add(text[pstart : pend - 1])
        elif token != "comment":
            words.append("")
            if token == "pname":
                prefix = text[start : text.index(":", start)]
                if prefix not in declared and not (len(words) > 1 and words[-2] == "PREFIX"):
                    raise QueryError(f"malformed query: unknown prefix {prefix}: at {where(text, start)}")
    _refuse_updates(words)
    if service is not None:
        code = [(start, end) for token, start, end in spans[service + 1 :] if token != "comment"]
        target = [text[start:end] for start, end in code[:2]]
        shown = target[1] if len(target) > 1 and target[0].upper() == "SILENT" else (target or [""])[0]
        raise QueryRefused(f"SERVICE is refused: this endpoint never fetches remote data ({shown})")
    if kind is None:
        first = next(start for token, start, _ in spans if token != "comment")
        raise QueryError(f"malformed query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at {where(text, first)}")
    return Inspection(kind, text if plain(text, spans) else rebuild(tokenize(text)))


def inspect_query(text: str, *, prefixes: Collection[str] | None = None) -> str:
    """The query form (``select``, ``ask``, ``construct`` or ``describe``) if :func:`canonical_query` accepts it."""
    return canonical_query(text, prefixes=prefixes).kind
