"""Work with external SPARQL servers: query any SPARQL 1.1 endpoint, push the graph to a triple store.

Only ``http`` and ``https`` URLs are used (never ``file:``). Queries are sent as an
``application/x-www-form-urlencoded`` POST, the form every SPARQL 1.1 Protocol server accepts; the
graph is uploaded with an HTTP ``PUT`` of N-Triples by the SPARQL 1.1 Graph Store Protocol, which
replaces the target graph, so pushing twice leaves the same data.

>>> print(bind_values("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", {"name": 'a "b"'}))
SELECT ?e WHERE { VALUES (?name) { ("a \\"b\\"") } ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }
"""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal
from rdflib.term import Node

from neurokg.core.errors import QueryError, UsageError
from neurokg.core.namespace import PREFIXES
from neurokg.sparql.engine import QueryResult
from neurokg.sparql.terms import ox_kind, ox_value

BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

__all__ = ["bind_values", "push", "query_endpoint"]

log = logging.getLogger(__name__)

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
)
_RDF_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_RESULT_TYPES = {
    "application/sparql-results+json",
    "application/json",
    "application/sparql-results+xml",
    "text/tab-separated-values",
}
_TOKEN = re.compile(
    r"""(?P<skip>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)
      |(?P<open>[{(\[])|(?P<close>[})\]])
      |(?P<pname>(?:[A-Za-z_][\w.-]*)?:[\w.%-]*)
      |(?P<word>[A-Za-z_]\w*)
      |(?P<var>[?$]\w+)
      |(?P<other>.)""",
    re.S | re.X,
)
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


def _where_braces(text: str) -> list[int]:
    """Offsets just after the ``{`` opening the WHERE group of the query and of each sub-select."""
    depth = 0
    pending: list[list[object]] = []  # [form, depth, braces seen at that depth, WHERE seen]
    found: list[int] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            if m.group() == "{":
                for item in pending:
                    if item[1] == depth:
                        item[2] = int(item[2]) + 1  # type: ignore[call-overload]
                        if item[3] or item[0] != "CONSTRUCT" or item[2] == 2:
                            found.append(m.end())
                            pending.remove(item)
                        break
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word":
            word = m.group().upper()
            if word in _FORMS and not (found and depth == 0):
                pending.append([word, depth, 0, False])
            elif word == "WHERE":
                for item in pending:
                    if item[1] == depth:
                        item[3] = True
    if not found:
        raise UsageError("cannot bind parameters: the query has no WHERE group")
    return found


def _term(value: object) -> str:
    node = value if isinstance(value, Node) else Literal(value)
    return node.n3()


def bind_values(text: str, bindings: Mapping[str, object]) -> str:
    """Return ``text`` with a ``VALUES`` block binding ``bindings`` at the top of its WHERE group.

    A remote endpoint has no protocol for bound parameters, so they travel as inline data: each
    value is serialized as an RDF term by rdflib (a string becomes an escaped plain literal, an
    rdflib term is written as itself), never pasted as text, and the result is parsed again before
    it is sent. The block goes at the top of the WHERE group and of every sub-select's WHERE group,
    so patterns and filters see the value everywhere, like the engine's bound parameters locally.

    Raises
    ------
    UsageError
        A parameter name is not a variable name, the query has no WHERE group, or the group is
        a bare sub-select (where no ``VALUES`` may go).
    """
    if not bindings:
        return text
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise UsageError(f"parameter name {name!r} is not a SPARQL variable name")
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(_term(v) for v in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    bound = text
    for at in reversed(_where_braces(text)):
        bound = bound[:at] + block + bound[at:]
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(bound)
    except Exception as exc:
        raise UsageError(f"cannot bind parameters into this query ({' '.join(str(exc).split())})") from exc
    return bound


def _declared(text: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([\w.-]*)\s*:", text)}


def _with_prefixes(text: str) -> str:
    """Prepend the neurokg prefixes the query uses without declaring (they are predeclared locally)."""
    declared = _declared(text)
    missing = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


def _check_url(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise UsageError(f"endpoint URL must be http or https, got {url!r}")


def _request(req: urllib.request.Request, timeout: float) -> tuple[str, bytes]:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:2000]
        message = f"{req.full_url}: HTTP {exc.code} {exc.reason}: {detail}"
        if exc.code in (400, 403, 422):
            raise QueryError(message) from None
        raise UsageError(message) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UsageError(f"cannot reach {req.full_url}: {reason}") from None


def query_endpoint(
    url: str,
    text: str,
    *,
    bindings: Mapping[str, object] | None = None,
    timeout: float = 30.0,
) -> QueryResult:
    """Run a query on the SPARQL 1.1 endpoint at ``url``; same result type as :func:`neurokg.run_query`.

    The neurokg prefixes are declared for the query when it uses them without declaring them.
    ``bindings`` are injected as a ``VALUES`` block of RDF terms serialized by rdflib (see
    :func:`bind_values`): there is no bound-parameter protocol for remote endpoints.

    Raises
    ------
    QueryError
        The server rejected the query (400, 403, 422); the message carries its answer.
    UsageError
        Not an http(s) URL, the server is unreachable or timed out, or it failed otherwise.
    """
    _check_url(url)
    query = _with_prefixes(bind_values(text, bindings or {}))
    body = urllib.parse.urlencode({"query": query}).encode("ascii")
    req = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT},
    )
    media, data = _request(req, timeout)
    return _result(media, data, url)


def _result(media: str, data: bytes, url: str) -> QueryResult:
    import pyoxigraph as ox

    if media in _RDF_FORMATS:
        graph = Graph()
        try:
            graph.parse(data=data.decode("utf-8"), format=_RDF_FORMATS[media])
        except Exception as exc:
            raise UsageError(f"{url}: cannot parse the {media} answer: {exc}") from exc
        return QueryResult("graph", graph=graph)
    if media not in _RESULT_TYPES:
        raise UsageError(f"{url}: unexpected answer of type {media!r}")
    if media == "application/json":
        media = "application/sparql-results+json"
    try:
        parsed: Any = ox.parse_query_results(data, format=ox.QueryResultsFormat.from_media_type(media))
    except (SyntaxError, ValueError) as exc:
        raise UsageError(f"{url}: cannot parse the {media} answer: {exc}") from exc
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult("ask", ["result"], [(str(bool(parsed)).lower(),)], boolean=bool(parsed), kinds=[(BOOLEAN,)])
    columns = [v.value for v in parsed.variables]
    solutions = [[sol[i] for i in range(len(columns))] for sol in parsed]
    rows = [tuple(ox_value(term) for term in sol) for sol in solutions]
    return QueryResult("select", columns, rows, kinds=[tuple(ox_kind(term) for term in sol) for sol in solutions])


def push(graph: Graph, url: str, *, graph_iri: str | None = None, timeout: float = 120.0) -> int:
    """Upload ``graph`` to the Graph Store Protocol endpoint ``url``; return the number of triples.

    The target (``?default``, or ``?graph=IRI`` when ``graph_iri`` is given) is replaced by an
    HTTP ``PUT`` of N-Triples, e.g. ``push(g, "http://localhost:7878/store")`` for Oxigraph.

    Raises
    ------
    UsageError
        Not an http(s) URL, or the server refused or could not be reached.
    """
    _check_url(url)
    target = {"graph": graph_iri} if graph_iri else {"default": ""}
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    full = url + sep + urllib.parse.urlencode(target).replace("default=", "default")
    log.info("uploading %d triples to %s", len(graph), full)
    data = graph.serialize(format="nt", encoding="utf-8")
    req = urllib.request.Request(full, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        _request(req, timeout)
    except QueryError as exc:  # a 400/403 on upload is a refusal of the data or the target
        raise UsageError(str(exc)) from None
    log.info("pushed %d triples to %s", len(graph), full)
    return len(graph)
