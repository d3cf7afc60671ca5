"""Which serialization a client gets: result formats, media types and ``Accept`` negotiation.

Pure functions with no neurokg or rdflib imports, so that the query workers can choose the format
themselves once they know the query form.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "choose_format", "negotiate", "offered"]

RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
"""Formats of SELECT and ASK results: name to media type."""

GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
"""Formats of CONSTRUCT and DESCRIBE results: name to media type."""

# media type accepted in Accept -> format name, per query form, in the server's order of preference
_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
_FORMAT_PARAM = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "nt": "ntriples",
        "ntriples": "ntriples",
        "n-triples": "ntriples",
        "jsonld": "jsonld",
        "json-ld": "jsonld",
        "json": "jsonld",
        "n3": "turtle",
        "rdfxml": "rdfxml",
        "rdf+xml": "rdfxml",
        "xml": "rdfxml",
    },
}


def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    ranges = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    return ranges


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> str | None:
    """Pick the result format for a query of form ``kind`` from ``Accept`` or a ``format`` value.

    Returns a key of :data:`RESULT_FORMATS` (select, ask) or :data:`GRAPH_FORMATS` (construct,
    describe), or ``None`` if nothing offered is acceptable. No ``Accept`` (or ``*/*``) gives SPARQL
    JSON, or Turtle for graphs.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("application/json", "construct"), negotiate(None, "ask", "tsv")
    ('jsonld', 'tsv')
    >>> negotiate("image/png", "select") is None
    True
    """
    graph = kind in ("construct", "describe")
    types = _GRAPH_TYPES if graph else _RESULT_TYPES
    if fmt:
        name = _FORMAT_PARAM["graph" if graph else "select"].get(fmt.strip().lower())
        return name or negotiate(fmt, kind)  # a media type, or a list of them (as SPARQLWrapper sends)
    ranges = _parse_accept(accept or "*/*")
    best: tuple[float, int, int, int] | None = None
    choice = None
    for order, (media, name) in enumerate(types.items()):
        main = media.split("/")[0]
        match: tuple[int, float, int] | None = None  # (specificity, q, position in Accept)
        for rng, q, index in ranges:
            spec = 3 if rng == media else 2 if rng == f"{main}/*" else 1 if rng == "*/*" else 0
            if spec and (match is None or spec > match[0]):
                match = (spec, q, index)
        if match is None or match[1] <= 0:
            continue
        key = (match[1], match[0], -match[2], -order)
        if best is None or key > best:
            best, choice = key, name
    return choice


def choose_format(kind: str, accept: str | None = None, formats: Iterable[str] = ()) -> str | None:
    """The format for ``kind``: the first usable ``format`` parameter, else ``Accept``; ``None`` if none fits.

    SPARQLWrapper repeats ``format=``, with a name and then media types, so each is tried in turn.

    >>> choose_format("select", "text/csv", ["image/png", "tsv"])
    'tsv'
    >>> choose_format("describe", "text/csv") is None
    True
    """
    for value in formats:
        name = negotiate(None, kind, value)
        if name is not None:
            return name
    return negotiate(accept, kind)


def offered(kind: str) -> str:
    """The media types a query of form ``kind`` can be answered in, for a 406 message."""
    return ", ".join((GRAPH_FORMATS if kind in ("construct", "describe") else RESULT_FORMATS).values())
