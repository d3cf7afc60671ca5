"""What the endpoint serves besides SPARQL: the offline query page, the named-query list and the build's files."""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["CSP", "build_file", "content_type", "query_list", "query_page"]

_PAGE = Path(__file__).resolve().parent / "web" / "query.html"
_EXTRA_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle", ".jsonld": "application/ld+json"}

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
)
"""The query page's Content-Security-Policy: nothing is loaded from elsewhere, requests go back to the endpoint."""


def query_list(queries: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The named queries as the page and ``/queries.json`` offer them."""
    return [
        {"name": q.name, "description": q.description, "params": dict(q.params), "text": q.text}
        for q in queries.values()
    ]


def query_page(queries: Mapping[str, Any], *, explorer: bool) -> bytes:
    """The query page with its configuration inlined as escaped JSON."""
    from neurokg.core.namespace import PREFIXES

    config = {"queries": query_list(queries), "explorer": explorer, "prefixes": dict(PREFIXES)}
    data = json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _PAGE.read_text(encoding="utf-8").replace("/*CONFIG*/null", data).encode("utf-8")


def build_file(root: Path | None, relative: str) -> Path | None:
    """The file ``relative`` under the build directory ``root``, or ``None``.

    ``None`` for hidden files, escapes from ``root``, a NUL byte, an empty segment (so ``explorer.html/`` and
    ``a//b`` are not aliases of a file) and names the file system refuses.

    >>> build_file(Path("/tmp"), "../etc/passwd") is None and build_file(Path("/tmp"), ".hidden") is None
    True
    >>> build_file(Path("/tmp"), "x\\x00.html") is None and build_file(Path("/tmp"), "dir/") is None
    True
    """
    if root is None or not relative or "\x00" in relative:
        return None
    if any(not part or part.startswith(".") for part in relative.split("/")):
        return None
    try:
        path = (root / relative).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
    except (OSError, ValueError):  # a name too long, or one the file system cannot represent
        return None
    return path


def content_type(path: Path) -> str:
    """The media type a build file is served with (with a charset for text)."""
    ctype = _EXTRA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype.endswith(("json", "javascript", "n-triples")):
        ctype += "; charset=utf-8"
    return ctype
