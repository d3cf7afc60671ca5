"""Two rewrites of SPARQL ``SELECT`` text that let pyoxigraph check a rule over the whole graph at once.

* :func:`inject_focus` puts a pattern binding ``?this`` first in the ``WHERE`` group of a SHACL
  SPARQL constraint: pySHACL pre-binds ``$this`` and runs the query once per focus node; one
  query joined with every focus node gives the same rows.
* :func:`anti_joins` turns each ``FILTER NOT EXISTS { P }`` of the top-level group into
  ``OPTIONAL { P BIND(true AS ?_nxN) } FILTER(!BOUND(?_nxN))`` at the end of that group, unless ``P``
  is one triple pattern. Both keep exactly the solutions for which ``P`` has no match (a ``FILTER``
  applies to its whole group, so the position does not matter, and ``P`` sees the same bindings).
  pyoxigraph 0.5 plans the pattern of a ``NOT EXISTS`` without knowing which variables the row binds
  and runs that plan once per row: a join inside it is built by scanning its parts for every row,
  quadratic in the size of the graph, while the ``OPTIONAL`` is planned as one hash join. One triple
  pattern is different: run per row it is an index lookup with the row's values, where the
  ``OPTIONAL`` would hash every triple it matches on its own (``?s ?p ?o``: the whole store), so it
  is left as it is (``docs/decisions/0009-validation-scales-linearly.md``).

Strings, IRIs and comments are skipped while scanning, so a brace inside them does not count. A
``NOT EXISTS`` nested deeper, or inside an expression, is left as it is (correct, only slower).

>>> print(anti_joins("SELECT ?s WHERE { ?s a ?c FILTER NOT EXISTS { ?s ?p ?o . ?o a ?c } ?c a ?k }"))
SELECT ?s WHERE { ?s a ?c  ?c a ?k OPTIONAL { ?s ?p ?o . ?o a ?c BIND(true AS ?_nx0) } FILTER(!BOUND(?_nx0)) }
>>> print(anti_joins("SELECT ?s WHERE { ?s a ?c FILTER NOT EXISTS { ?s <urn:p> ?o } }"))
SELECT ?s WHERE { ?s a ?c FILTER NOT EXISTS { ?s <urn:p> ?o } }
"""

from __future__ import annotations

import re

__all__ = ["QueryShapeError", "anti_joins", "inject_focus"]

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|(?i:\bFILTER\s+NOT\s+EXISTS\s*\{)"
    r"|[{}()]"
)


# one term of a triple pattern: a variable, an IRI, a prefixed name, or a plain or typed literal without quotes
# inside it; a property path (``/ | ^ * + ?`` between terms), a blank node or a group does not match
_TERM = r"""(?:[?$][A-Za-z_0-9]+|<[^<>"{}|^`\\\x00-\x20]*>|[A-Za-z_][\w.-]*?:[\w-]*|"[^"\\\n]*"(?:\^\^\S+|@[\w-]+)?)"""
_ONE_PATTERN = re.compile(rf"\s*{_TERM}\s+(?:a|{_TERM})\s+{_TERM}\s*\.?\s*")


class QueryShapeError(ValueError):
    """The query has no ``WHERE`` group that can be rewritten."""


def _where(query: str) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Offsets just after the ``WHERE`` group's ``{`` and of its ``}``, and its top-level NOT EXISTS spans.

    Each span is (start of ``FILTER``, end of its ``{``, offset of its matching ``}``).
    """
    parens = braces = 0
    open_at = -1
    spans: list[tuple[int, int, int]] = []
    current: tuple[int, int] | None = None
    for m in _TOKEN.finditer(query):
        token = m.group()
        if token == "(":
            parens += 1
        elif token == ")":
            parens -= 1
        elif token == "{" or (token[-1] == "{" and token[0] in "Ff"):
            if open_at < 0:
                if parens or token != "{":
                    continue
                open_at = m.end()
            elif braces == 1 and token != "{":
                current = (m.start(), m.end())
            braces += 1
        elif token == "}" and open_at >= 0:
            braces -= 1
            if braces == 1 and current is not None:
                spans.append((current[0], current[1], m.start()))
                current = None
            elif braces == 0:
                return open_at, m.start(), spans
    raise QueryShapeError("no WHERE group")


def inject_focus(query: str, focus: str) -> str:
    """Put ``focus`` (a pattern binding ``?this``) first in the ``WHERE`` group of ``query``.

    >>> inject_focus("SELECT $this WHERE { $this a ?c }", "?this a <urn:T> .")
    'SELECT $this WHERE { ?this a <urn:T> .  $this a ?c }'
    """
    start, _end, _spans = _where(query)
    if not re.search(r"[?$]this\b", query[:start]):
        raise QueryShapeError("the query must select $this")
    return f"{query[:start]} {focus} {query[start:]}"


def anti_joins(query: str) -> str:
    """Rewrite each top-level ``FILTER NOT EXISTS { P }`` as an anti-join unless ``P`` is one triple pattern."""
    try:
        _start, end, spans = _where(query)
    except QueryShapeError:
        return query
    if not spans:
        return query
    out, tail, last = [], [], 0
    spans = [span for span in spans if not _ONE_PATTERN.fullmatch(query[span[1] : span[2]])]
    if not spans:
        return query
    for i, (filter_at, body_at, close_at) in enumerate(spans):
        out.append(query[last:filter_at])
        tail.append(f"OPTIONAL {{{query[body_at:close_at]}BIND(true AS ?_nx{i}) }} FILTER(!BOUND(?_nx{i}))")
        last = close_at + 1
    out.append(query[last:end].rstrip() + " " + " ".join(tail) + " ")
    out.append(query[end:])
    return "".join(out)
