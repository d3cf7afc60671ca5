"""Decide, before a query runs, whether a read-only endpoint may run it.

The query is parsed with rdflib's SPARQL parser and its parse tree and algebra are inspected; nothing
is evaluated, fetched or opened. Refused: updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``...), any
``SERVICE`` clause (engines would fetch the URL it names), and ``FROM``/``FROM NAMED`` or protocol
dataset parameters naming a graph that is not in the store (rdflib would read a ``file:`` IRI).

>>> inspect_query("SELECT ?s WHERE { ?s a nko:Drug }")
'select'
>>> inspect_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
neurokg.server.guard.QueryRefused: SERVICE is refused: this endpoint never fetches remote data (<http://127.0.0.1:9/>)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator, Mapping
from functools import lru_cache
from typing import Any

from neurokg.errors import QueryError
from neurokg.namespace import PREFIXES

__all__ = ["QueryRefused", "inspect_query"]

_KINDS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}
_UPDATE_NAMES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


class QueryRefused(QueryError):
    """A well-formed query (or update) that a read-only endpoint will not run; the message says why."""


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree or algebra (CompValue, ParseResults, lists, dicts)."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))


def _strip_lexical(text: str) -> str:
    """The query with comments, strings and IRIs blanked out (for the keyword cross-check)."""
    pattern = r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*"
    return re.sub(pattern, " ", text, flags=re.S)


_PARSER_LOCK = threading.Lock()
_SERVICE_WORD = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.I)


def _parse_error(exc: Exception) -> str:
    return " ".join(str(exc).split())


def inspect_query(
    text: str,
    *,
    prefixes: Mapping[str, str] | None = None,
    graphs: Collection[str] = (),
) -> str:
    """Parse ``text`` and refuse what a read-only, offline endpoint must not run.

    Parameters
    ----------
    text
        SPARQL query text, as received.
    prefixes
        Predeclared prefixes (default: the neurokg prefixes), as the engine will see them.
    graphs
        IRIs of the named graphs in the store: the only ones ``FROM``/``FROM NAMED`` may name.

    Returns
    -------
    str
        The query form: ``select``, ``ask``, ``construct`` or ``describe``.

    Raises
    ------
    QueryRefused
        An update (``LOAD``, ``INSERT DATA``...), a ``SERVICE`` clause, or a dataset outside the store.
    QueryError
        The text is neither a query nor an update; the message is the parser's.
    """
    prefix_items = tuple(sorted((prefixes if prefixes is not None else PREFIXES).items()))
    inspect = _inspect_cached if len(text) <= _CACHE_TEXT_LIMIT else _inspect
    with _PARSER_LOCK:  # rdflib's pyparsing grammar is not thread-safe (seen under load)
        return inspect(text, prefix_items, tuple(sorted(graphs)))


def _inspect(text: str, prefixes: tuple[tuple[str, str], ...], graphs: tuple[str, ...]) -> str:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate

    if not text.strip():
        raise QueryError("malformed query: the query is empty")
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing ParseException and friends
        try:
            update = parseUpdate(text)
        except Exception:
            raise QueryError(f"malformed query: {_parse_error(exc)}") from exc
        ops = [_UPDATE_NAMES.get(getattr(op, "name", ""), "update") for op in dict.get(update, "request", [])]
        raise QueryRefused(
            f"updates are refused: this endpoint is read-only ({', '.join(ops) or 'empty update'})"
        ) from None
    try:
        algebra = translateQuery(parsed, initNs=dict(prefixes)).algebra
    except Exception as exc:  # unknown prefix, bad aggregate use...
        raise QueryError(f"malformed query: {_parse_error(exc)}") from exc

    for node in (*_walk(parsed), *_walk(algebra)):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            term = dict.get(node, "term")
            shown = f"<{term}>" if term is not None and not str(term).startswith("?") else str(term)
            raise QueryRefused(f"SERVICE is refused: this endpoint never fetches remote data ({shown})")
        if name == "DatasetClause":
            which = "FROM" if "default" in node else "FROM NAMED"
            iri = dict.get(node, "default" if "default" in node else "named")
            if str(iri) not in graphs:
                raise QueryRefused(f"{which} <{iri}> is refused: only graphs in the store may be named")
    # Defence in depth: if rdflib's grammar ever missed a SERVICE the engine would still see it.
    if _SERVICE_WORD.search(_strip_lexical(expandUnicodeEscapes(text))):
        raise QueryRefused("SERVICE is refused: this endpoint never fetches remote data")
    kind = _KINDS.get(getattr(algebra, "name", ""))
    if kind is None:
        raise QueryError(f"malformed query: unsupported query form {getattr(algebra, 'name', '?')}")
    return kind


_CACHE_TEXT_LIMIT = 20_000  # longer texts are parsed every time rather than held in the cache
_inspect_cached = lru_cache(maxsize=256)(_inspect)
