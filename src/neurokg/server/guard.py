"""Decide, before a query runs, whether a read-only endpoint may run it, and give the engine that exact text.

The guard does not ask a second parser what the query means: it splits the text into SPARQL tokens
itself and rebuilds it (:func:`canonical_query`). Comments are dropped, string literals are written
again with plain escapes only, and whatever could be read two ways is refused: a ``\\u``/``\\U``
escape or any backslash outside a string literal, a form feed, vertical tab, NEL or Unicode line or
paragraph separator outside a string, any character that is no part of a SPARQL token. The policy
then reads the tokens of the rebuilt text and the engine runs the rebuilt text, so both read one text
in which a keyword is a keyword. Refused (:class:`QueryRefused`): updates (``INSERT``, ``LOAD``...),
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

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from neurokg.errors import QueryError

__all__ = ["Inspection", "QueryRefused", "Token", "canonical_query", "inspect_query", "is_variable_name", "tokenize"]


class QueryRefused(QueryError):
    """A well-formed query (or update) that a read-only endpoint will not run; the message says why."""


@dataclass(frozen=True)
class Token:
    """One SPARQL token: ``kind`` is ws, comment, string, iri, var, bnode, pname, number, word or punct."""

    kind: str
    text: str  # as written in the query
    start: int
    end: int


@dataclass(frozen=True)
class Inspection:
    """What the guard decided: the query form and the text the engine must run."""

    kind: str
    text: str


# SPARQL 1.1 grammar, section 19.8 (terminals), with RDF 1.2 base direction on language tags.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_VAR_TAIL = _CHARS_U + "0-9\u00b7\u0300-\u036f\u203f-\u2040"
_CHARS = _VAR_TAIL + "\\-"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_LANG = r"(?:@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?)?"
_TOKEN = re.compile(
    rf"""(?P<ws>[ \t\r\n]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<string>(?:\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\[\s\S]))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''
        |\"(?:[^\"\\\r\n]|\\[^\r\n])*\"|'(?:[^'\\\r\n]|\\[^\r\n])*'){_LANG})
    |(?P<iri><[^<>\"{{}}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][{_CHARS_U}0-9][{_VAR_TAIL}]*)
    |(?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
    |(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
    |(?P<number>[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+
        |[0-9]*\.[0-9]+|[0-9]+))
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\],;.*/+\-!=<>|^?~])""",
    re.VERBOSE,
)
_VARNAME = re.compile(f"[{_CHARS_U}0-9][{_VAR_TAIL}]*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf\"'\\]))|\\([\s\S])")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_WRITE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ODD_BREAKS = {"\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _where(text: str, offset: int) -> str:
    line = len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1
    col = offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))
    return f"line {line}, column {col}"


_CONTROL_NAMES = {"\x0b": "vertical tab", "\x0c": "form feed", "\x85": "next line", "\x00": "null"}


def _char_name(char: str) -> str:
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "a control character").lower()
    return f"U+{ord(char):04X} ({name})"


def is_variable_name(name: str) -> bool:
    """Whether ``name`` can follow ``?`` in SPARQL (what a ``$NAME`` parameter may bind).

    >>> is_variable_name("name"), is_variable_name("a-b"), is_variable_name("")
    (True, False, False)
    """
    return _VARNAME.fullmatch(name) is not None


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into SPARQL tokens, whitespace and comments included.

    Raises :class:`~neurokg.errors.QueryError` at the first character that starts no token, and for
    a line break other than LF, CR or CRLF anywhere outside a string literal (comments included).

    >>> [t.text for t in tokenize('?s ex:p "a\\\\"b"@en') if t.kind != "ws"]
    ['?s', 'ex:p', '"a\\\\"b"@en']
    """
    tokens: list[Token] = []
    pos, size = 0, len(text)
    while pos < size:
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            char = text[pos]
            if char == "\\":
                why = "a backslash escape outside a string literal (\\u and \\U escapes are accepted only in strings)"
            else:
                why = f"unexpected character {_char_name(char)}"
            raise QueryError(f"malformed query: {why} at {_where(text, pos)}")
        kind = match.lastgroup or "punct"
        token = Token(kind, match.group(), pos, match.end())
        if kind != "string":
            odd = next((c for c in token.text if c in _ODD_BREAKS), None)
            if odd is not None:
                at = pos + token.text.index(odd)
                raise QueryError(
                    f"malformed query: {_char_name(odd)} outside a string literal at {_where(text, at)}; "
                    "end lines with LF or CRLF"
                )
        tokens.append(token)
        pos = match.end()
    return tokens


def _decode(body: str, text: str, offset: int) -> str:
    def one(match: re.Match[str]) -> str:
        hex4, hex8, echar, bad = match.groups()
        if bad is not None:
            raise QueryError(f"malformed query: unknown escape \\{bad} in a string at {_where(text, offset)}")
        if echar is not None:
            return _ECHAR[echar]
        code = int(hex4 or hex8, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"malformed query: \\u escape of no character in a string at {_where(text, offset)}")
        return chr(code)

    return _ESCAPE.sub(one, body)


def _rewrite_string(token: Token, text: str) -> str:
    raw = token.text
    quote = raw[:3] if raw[:3] in ('"""', "'''") else raw[0]
    close = raw.rindex(quote)
    value = _decode(raw[len(quote) : close], text, token.start)
    return '"' + "".join(_WRITE.get(c, c) for c in value) + '"' + raw[close + len(quote) :]


def _rebuild(text: str, tokens: list[Token]) -> str:
    """The tokens on their original lines (columns kept where they can be), comments dropped."""
    out: list[str] = []
    line = col = 0  # where the output is
    src_line, line_start = 0, 0  # where the source token is
    previous_end = -1
    for token in tokens:
        if token.kind in ("ws", "comment"):
            for brk in re.finditer(r"\r\n|\r|\n", token.text):
                src_line += 1
                line_start = token.start + brk.end()
            continue
        piece = _rewrite_string(token, text) if token.kind == "string" else token.text
        src_col = token.start - line_start
        if src_line > line:
            out.append("\n" * (src_line - line))
            line, col = src_line, 0
            out.append(" " * src_col)
            col = src_col
        elif not out:
            out.append(" " * src_col)
            col = src_col
        elif token.start != previous_end:
            gap = max(1, src_col - col)
            out.append(" " * gap)
            col += gap
        out.append(piece)
        col += len(piece)
        for brk in re.finditer(r"\r\n|\r|\n", token.text):  # a long string spans lines: keep the next ones
            src_line += 1
            line_start = token.start + brk.end()
        previous_end = token.end
    return "".join(out)


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
        from neurokg.namespace import PREFIXES

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
                raise QueryError(f"malformed query: unknown prefix {prefix}: at {_where(text, token.start)}")
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
            f"malformed query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at {_where(text, code[0].start)}"
        )
    return Inspection(kind, _rebuild(text, tokens))


def inspect_query(
    text: str,
    *,
    prefixes: Mapping[str, str] | None = None,
    graphs: Collection[str] = (),
) -> str:
    """The query form (``select``, ``ask``, ``construct`` or ``describe``) if :func:`canonical_query` accepts it."""
    return canonical_query(text, prefixes=prefixes, graphs=graphs).kind
