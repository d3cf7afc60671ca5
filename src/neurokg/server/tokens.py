"""SPARQL tokens: split a query into the grammar's terminals, and write the tokens back as one plain text.

:func:`scan` reads the SPARQL 1.1 terminals (section 19.8 of the recommendation, with the SPARQL 1.2
triple-term punctuation) and refuses what two readers of SPARQL could read differently: a backslash
outside a string literal or an IRI (so any ``\\u``/``\\U`` escape of a keyword, name or line end), a
character that starts no token (a form feed, vertical tab, NEL or Unicode line separator between tokens
included). Comments end at CR or LF, as pyoxigraph ends them; whatever else they hold is dropped.
:func:`plain` says whether a scanned text can run as written: no comment, no escape, no long string.
Otherwise :func:`rebuild` writes the tokens (:func:`tokenize`) back without comments, with every string
literal as a plain ``"..."`` and every IRI unescaped, each token on its original line, so that an
engine's error positions still point into the user's text.

>>> print(rebuild(tokenize("ASK { # note\\n  ?s ?p 'it\\\\'s' }")))
ASK {
  ?s ?p "it's"  }
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from neurokg.core.errors import QueryError

__all__ = ["Token", "is_variable_name", "plain", "rebuild", "scan", "tokenize", "where"]


@dataclass(frozen=True)
class Token:
    """One SPARQL token: ``kind`` is ws, comment, string, iri, var, bnode, pname, number, word or punct."""

    kind: str
    text: str  # as written in the query
    start: int
    end: int
    plain: str = ""  # as the rebuilt text writes it (strings: "..." with plain escapes); empty: as written

    def written(self) -> str:
        """The token as :func:`rebuild` writes it."""
        return self.plain or self.text


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
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_TOKEN = re.compile(
    rf"""[ \t\r\n]*+(?:(?P<comment>\#[^\r\n]*)
    |(?P<string>(?:\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\[\s\S]))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''
        |\"(?:[^\"\\\r\n]|\\[^\r\n])*\"|'(?:[^'\\\r\n]|\\[^\r\n])*'){_LANG})
    |(?P<iri><(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    |(?P<var>[?$][{_CHARS_U}0-9][{_VAR_TAIL}]*)
    |(?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
    |(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
    |(?P<number>[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+
        |[0-9]*\.[0-9]+|[0-9]+))
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\],;.*/+\-!=<>|^?~]))""",
    re.VERBOSE,
)
_WS = re.compile(r"[ \t\r\n]*")
_VARNAME = re.compile(f"[{_CHARS_U}0-9][{_VAR_TAIL}]*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf\"'\\]))|\\([\s\S])")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_WRITE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r"[<>\"{}|^`\\\x00-\x20]")


def where(text: str, offset: int) -> str:
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


def scan(text: str) -> list[tuple[str, int, int]]:
    """The tokens of ``text`` as ``(kind, start, end)``, whitespace left out.

    Raises :class:`~neurokg.core.errors.QueryError` at the first character that starts no token.

    >>> [(kind, start) for kind, start, _ in scan("ASK { ?s ?p 'x' } # end")]
    [('word', 0), ('punct', 4), ('var', 6), ('var', 9), ('string', 12), ('punct', 16), ('comment', 18)]
    """
    spans: list[tuple[str, int, int]] = []
    append = spans.append
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() != pos:
            break
        index = match.lastindex or 0
        append((match.lastgroup or "punct", match.start(index), match.end()))
        pos = match.end()
    pos = _WS.match(text, pos).end()  # type: ignore[union-attr]  # it matches the empty string
    if pos != len(text):
        char = text[pos]
        if char == "\\":
            why = "a backslash escape outside a string literal or an IRI (\\u and \\U escapes are accepted there only)"
        else:
            why = f"unexpected character {_char_name(char)}"
        raise QueryError(f"malformed query: {why} at {where(text, pos)}")
    return spans


def plain(text: str, spans: list[tuple[str, int, int]]) -> bool:
    """Whether the scanned ``text`` reads the same as its :func:`rebuild`: no comment, no escape in a string
    or an IRI, no long string. Then only the whitespace between the tokens differs.

    >>> plain("ASK { ?s ?p 'x' }", scan("ASK { ?s ?p 'x' }")), plain("ASK {} # c", scan("ASK {} # c"))
    (True, False)
    """
    for kind, start, end in spans:
        if kind == "comment":
            return False
        if kind == "string" and (text[start + 1] == text[start] or "\\" in text[start:end]):
            return False  # a long string ('\'\'\'...) or an escape (an empty string is rewritten, harmlessly)
        if kind == "iri" and "\\" in text[start:end]:
            return False
    return True


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into SPARQL tokens, whitespace and comments included (see :func:`scan`).

    >>> [t.text for t in tokenize('?s ex:p "a\\\\"b"@en') if t.kind != "ws"]
    ['?s', 'ex:p', '"a\\\\"b"@en']
    """
    tokens: list[Token] = []
    pos = 0
    for kind, start, end in scan(text):
        if start > pos:
            tokens.append(Token("ws", text[pos:start], pos, start))
        token = Token(kind, text[start:end], start, end)
        if kind == "string":
            token = Token(kind, token.text, start, end, _rewrite_string(token, text))
        elif kind == "iri" and "\\" in token.text:
            token = Token(kind, token.text, start, end, _rewrite_iri(token, text))
        tokens.append(token)
        pos = end
    if pos < len(text):
        tokens.append(Token("ws", text[pos:], pos, len(text)))
    return tokens


def _decode(body: str, text: str, offset: int, inside: str = "a string") -> str:
    def one(match: re.Match[str]) -> str:
        hex4, hex8, echar, bad = match.groups()
        if bad is not None:
            raise QueryError(f"malformed query: unknown escape \\{bad} in {inside} at {where(text, offset)}")
        if echar is not None:
            return _ECHAR[echar]
        code = int(hex4 or hex8, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"malformed query: \\u escape of no character in {inside} at {where(text, offset)}")
        return chr(code)

    return _ESCAPE.sub(one, body)


def _rewrite_string(token: Token, text: str) -> str:
    raw = token.text
    quote = raw[:3] if raw[:3] in ('"""', "'''") else raw[0]
    close = raw.rindex(quote)
    value = _decode(raw[len(quote) : close], text, token.start)
    return '"' + "".join(_WRITE.get(c, c) for c in value) + '"' + raw[close + len(quote) :]


def _rewrite_iri(token: Token, text: str) -> str:
    value = _decode(token.text[1:-1], text, token.start, "an IRI")
    bad = _IRI_FORBIDDEN.search(value)
    if bad is not None:
        raise QueryError(
            f"malformed query: an escape in an IRI stands for {_char_name(bad.group())}, which IRIs may not hold,"
            f" at {where(text, token.start)}"
        )
    return f"<{value}>"


def rebuild(tokens: list[Token]) -> str:
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
        piece = token.written()
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
