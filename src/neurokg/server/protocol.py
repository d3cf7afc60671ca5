"""The SPARQL 1.1 Protocol's request side: what a GET or POST carries, checked before any worker sees it.

Every problem is an :class:`HTTPError` with its status and a one-line message. ``default-graph-uri`` and
``named-graph-uri`` give the query's dataset (they replace any ``FROM``/``FROM NAMED`` of the query, as
the protocol says): graphs of the store, by name; a graph the store does not hold is empty.

>>> sparql_request(form("query=ASK%7B%7D&%24name=diabetes"))
SparqlRequest(query='ASK{}', bindings={'name': 'diabetes'}, formats=[], dataset=None)
>>> sparql_request(form("query=ASK%7B%7D&named-graph-uri=http%3A%2F%2Fe%2Fg")).dataset
([], ['http://e/g'])
>>> sparql_request(form("query=ASK%7B%7D&%24a-b=1"))
Traceback (most recent call last):
...
neurokg.server.protocol.HTTPError: bad parameter '$a-b': after $ comes a SPARQL variable name
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from neurokg.server.tokens import is_variable_name

__all__ = ["HTTPError", "SparqlRequest", "decode", "form", "post_params", "sparql_request"]

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")
"""An absolute IRI as SPARQL writes one between ``<`` and ``>`` (IRIREF with a scheme)."""


class HTTPError(Exception):
    """A request the endpoint answers with ``status`` and ``message`` (plus ``headers``)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass
class SparqlRequest:
    """The query, its ``$NAME`` bindings, its ``format`` parameters and the dataset the protocol gives.

    ``dataset`` is ``(default graphs, named graphs)`` when ``default-graph-uri`` or ``named-graph-uri`` is
    given, ``None`` otherwise (the query's ``FROM`` clauses, or the store's default graph, apply).
    """

    query: str
    bindings: dict[str, str]
    formats: list[str]
    dataset: tuple[list[str], list[str]] | None = None


def decode(data: bytes) -> str:
    """A body as UTF-8 text (400 if it is not)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPError(400, f"the request is not UTF-8: {exc}") from None


def form(text: str) -> dict[str, list[str]]:
    """Form fields, decoded exactly once: ``+`` is a space, ``%2B`` a plus, ``%25`` a percent sign (400 if bad)."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPError(400, f"bad form encoding: {exc}") from None


def _charset(content_type: str) -> None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HTTPError(415, f"the body must be UTF-8, not {value.strip()}")


def post_params(content_type: str, body: bytes, params: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add what a POST body carries to the URL's ``params``, by its content type (415 for a charset but UTF-8)."""
    ctype = content_type.split(";")[0].strip().lower()
    _charset(content_type)
    if ctype == "application/x-www-form-urlencoded":
        for key, values in form(decode(body)).items():
            params.setdefault(key, []).extend(values)
    elif ctype == "application/sparql-query":
        if "query" in params:
            raise HTTPError(400, "give the query either in the body or as a parameter, not both")
        params["query"] = [decode(body)]
    elif ctype == "application/sparql-update":
        raise HTTPError(403, "updates are refused: this endpoint is read-only")
    else:
        message = "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)"
        raise HTTPError(415, message)
    return params


def sparql_request(params: Mapping[str, list[str]], *, headers: Mapping[str, str] | None = None) -> SparqlRequest:
    """Check the protocol parameters; ``headers`` go on any error answer."""
    if "update" in params:
        raise HTTPError(403, "updates are refused: this endpoint is read-only", headers)
    queries = params.get("query", [])
    if len(queries) != 1:
        raise HTTPError(400, "give exactly one query parameter" if queries else "missing query parameter", headers)
    dataset = None
    if "default-graph-uri" in params or "named-graph-uri" in params:
        dataset = (list(params.get("default-graph-uri", [])), list(params.get("named-graph-uri", [])))
        for key, iris in zip(("default-graph-uri", "named-graph-uri"), dataset, strict=True):
            for iri in iris:
                if not _IRI.fullmatch(iri):
                    raise HTTPError(400, f"bad {key} {iri!r}: give an absolute IRI", headers)
    bindings = {}
    for key, values in params.items():
        if key.startswith("$"):
            if not is_variable_name(key[1:]):
                raise HTTPError(400, f"bad parameter {key!r}: after $ comes a SPARQL variable name", headers)
            bindings[key[1:]] = values[-1]
    return SparqlRequest(queries[0], bindings, list(params.get("format", [])), dataset)
