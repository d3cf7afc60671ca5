"""Decide, before a query runs, whether a read-only endpoint may run it, and give the engine that exact text.

The guard does not ask a second parser what the query means: it splits the text into SPARQL tokens
(:func:`neurokg.server.tokens.tokenize`, which refuses whatever could be read two ways) and rebuilds it
from them (:func:`neurokg.server.tokens.rebuild`: comments dropped, strings written with plain escapes).
The policy reads those tokens and the engine runs the rebuilt text, so both read one text in which a
keyword is a keyword. Refused (:class:`QueryRefused`): updates (``INSERT``, ``LOAD``...),
any ``SERVICE`` (the engine would fetch the URL it names), and ``FROM``/``FROM NAMED`` naming a
graph that is not in the store. Syntax is left to the engine that runs the text.

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

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from neurokg.core.errors import QueryError
from neurokg.server.tokens import Token, rebuild, tokenize, where

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


def _iri(token: Token, declared: Mapping[str, str]) -> str:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in declared:
            return declared[prefix] + local
    return token.text


def canonical_query(
    text: str,
    *,
    prefixes: Mapping[str, str] | None = None,
    graphs: Collection[str] = (),
) -> Inspection:
    """Refuse what a read-only, offline endpoint must not run; return the form and the text to run.

    Parameters
    ----------
    text
        SPARQL query text, as received.
    prefixes
        Predeclared prefixes, as the engine will see them (default: the neurokg prefixes).
    graphs
        IRIs of the named graphs in the store: the only ones ``FROM``/``FROM NAMED`` may name.

    Raises
    ------
    QueryRefused
        An update (``LOAD``, ``INSERT DATA``...), a ``SERVICE`` clause, or a dataset outside the store.
    QueryError
        Text that cannot be read one way only (see the module), or that is not a query.
    """
    tokens = tokenize(text)
    code = [t for t in tokens if t.kind not in ("ws", "comment")]
    if not code:
        raise QueryError("malformed query: the query is empty")
    words = [t.text.upper() if t.kind == "word" else "" for t in code]
    _refuse_updates(words)
    if prefixes is None:
        from neurokg.core.namespace import PREFIXES

        prefixes = PREFIXES
    declared = dict(prefixes)
    kind = None
    end = Token("punct", "", len(text), len(text))
    for index, word in enumerate(words):
        token = code[index]
        after = code[index + 1] if index + 1 < len(code) else end
        after2 = code[index + 2] if index + 2 < len(code) else end
        if word == "SERVICE":
            target = after2.text if after.text.upper() == "SILENT" else after.text
            raise QueryRefused(f"SERVICE is refused: this endpoint never fetches remote data ({target})")
        if word == "PREFIX" and after.kind == "pname":
            declared[after.text[:-1]] = _iri(after2, declared)
        elif token.kind == "pname" and token.text.partition(":")[0] not in declared:
            if index == 0 or words[index - 1] != "PREFIX":
                prefix = token.text.partition(":")[0]
                raise QueryError(f"malformed query: unknown prefix {prefix}: at {where(text, token.start)}")
        if word == "FROM" and after.text:
            named = after.text.upper() == "NAMED"
            iri = _iri(after2 if named else after, declared)
            if iri not in graphs:
                which = "FROM NAMED" if named else "FROM"
                raise QueryRefused(f"{which} <{iri}> is refused: only graphs in the store may be named")
        if kind is None and word in _FORMS:
            kind = _FORMS[word]
    if kind is None:
        raise QueryError(
            f"malformed query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at {where(text, code[0].start)}"
        )
    return Inspection(kind, rebuild(tokens))


def inspect_query(
    text: str,
    *,
    prefixes: Mapping[str, str] | None = None,
    graphs: Collection[str] = (),
) -> str:
    """The query form (``select``, ``ask``, ``construct`` or ``describe``) if :func:`canonical_query` accepts it."""
    return canonical_query(text, prefixes=prefixes, graphs=graphs).kind
