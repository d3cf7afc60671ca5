"""The header of a ``.rq`` file: the comment lines that describe a named query or a QC rule.

The first comment line says what the query answers (or the rule checks); later comment lines
of the form ``key: value`` set fields (``param: NAME - description``, ``level: warning``,
``requires: corpus``). A parameter written ``NAME?`` may be left unbound.

>>> h = parse_header("# Causes of X\\n# param: name - a label\\n# param: include? - more\\n# level: warning\\n")
>>> h.description, h.fields[-1]
('Causes of X', ('level', 'warning'))
>>> h.params, h.optional
({'name': 'a label', 'include': 'more'}, frozenset({'include'}))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RqHeader", "parse_header"]

_FIELD = re.compile(r"([A-Za-z][\w-]*):\s*(.*)$")
_PARAM = re.compile(r"(\w+)(\?)?\s*(?:[-:]\s*(.*))?$")


@dataclass(frozen=True)
class RqHeader:
    """What a ``.rq`` file's comment lines declare."""

    description: str
    fields: list[tuple[str, str]]

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of the last ``key:`` line, or ``default``."""
        values = [v for k, v in self.fields if k == key]
        return values[-1] if values else default

    @property
    def params(self) -> dict[str, str]:
        """``param: NAME - description`` lines as ``{NAME: description}``, in file order."""
        out: dict[str, str] = {}
        for key, value in self.fields:
            m = _PARAM.match(value) if key == "param" else None
            if m:
                out[m.group(1)] = (m.group(3) or "").strip()
        return out

    @property
    def optional(self) -> frozenset[str]:
        """Parameters declared ``NAME?``: a query runs with them unbound."""
        found = (_PARAM.match(value) for key, value in self.fields if key == "param")
        return frozenset(m.group(1) for m in found if m and m.group(2))


def parse_header(text: str) -> RqHeader:
    """Parse the comment lines (those starting with ``#``) of a ``.rq`` file's text."""
    comments = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    fields = [(m.group(1), m.group(2).strip()) for ln in comments[1:] if (m := _FIELD.match(ln))]
    return RqHeader(comments[0] if comments else "", fields)
