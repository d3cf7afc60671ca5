"""What the endpoint's store holds: the graph as its default graph, and named graphs read from files at start.

Queries select graphs of this store by name (``FROM``, ``FROM NAMED``, ``default-graph-uri``,
``named-graph-uri``); a name the store does not hold is an empty graph, and nothing is ever fetched or
read because a query names it. The store's content is given to the workers as one N-Quads text.

>>> nquads(b"<http://e/a> <http://e/p> <http://e/b> .\\n", {})
b'<http://e/a> <http://e/p> <http://e/b> .\\n'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from neurokg.core.errors import GraphSyntaxError, UsageError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["default_graph", "named_graph", "nquads"]

_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")


def default_graph(graph: Graph | bytes | str | Path) -> bytes:
    """The default graph as N-Triples: an rdflib graph, N-Triples bytes, or the path of an N-Triples file."""
    if isinstance(graph, bytes):
        return graph
    if isinstance(graph, str | Path):
        path = Path(graph)
        if not path.is_file():
            raise UsageError(f"N-Triples file not found: {path}")
        return path.read_bytes()
    return graph.serialize(format="nt", encoding="utf-8")


def named_graph(iri: str, path: str | Path) -> bytes:
    """The RDF file ``path`` (format by its extension: .nt, .ttl, .rdf, .n3...) as N-Quads in graph ``iri``.

    Raises :class:`UsageError` (exit 2) for a missing file, an unknown extension or a relative IRI, and
    :class:`GraphSyntaxError` (exit 1, file and line named) for a file that does not parse.
    """
    import pyoxigraph as ox

    if not _ABSOLUTE_IRI.fullmatch(iri):
        raise UsageError(f"--named-graph {iri!r}: the name of a graph is an absolute IRI (http://..., urn:...)")
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"--named-graph {iri}: file not found: {path}")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None or fmt.supports_datasets:
        raise UsageError(
            f"--named-graph {iri}: cannot read {path} as one graph: use .nt, .ttl, .rdf or .n3 (by extension)"
        )
    name = ox.NamedNode(iri)
    try:
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in ox.parse(path=path, format=fmt)]
    except SyntaxError as exc:
        detail = str(exc).split(": ", 1)[-1] if exc.lineno else str(exc)
        raise GraphSyntaxError(str(path), exc.lineno, detail) from None
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def nquads(default: bytes, named: Mapping[str, str | Path]) -> bytes:
    """The store's content as N-Quads: ``default`` (N-Triples bytes) and each named graph ``{iri: file}``."""
    parts = [default if not default or default.endswith(b"\n") else default + b"\n"]
    parts += [named_graph(iri, path) for iri, path in named.items()]
    return b"".join(parts)
