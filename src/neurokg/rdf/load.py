"""Read the ontology and the curated graph into one rdflib graph.

>>> from neurokg import load_graph
>>> g = load_graph()
>>> len(g) > 500
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from neurokg.core import resources
from neurokg.core.errors import GraphSyntaxError, UsageError
from neurokg.rdf.evidence import EvidenceProblem
from neurokg.rdf.oxload import Loaded, load_store, source_files, to_rdflib

__all__ = ["Origins", "Sources", "canonical_decimals", "load_graph", "read_sources", "read_turtle", "sources_of"]


class Origins(Mapping[Node, str]):
    """Node to the file that defines it, worked out when asked (see :meth:`neurokg.rdf.oxload.Loaded.origins`)."""

    def __init__(self, loaded: Loaded | None = None, blanks: dict[Node, Any] | None = None) -> None:
        self._loaded = loaded
        self._blanks = blanks or {}

    def _ox(self, node: Any) -> Any:
        import pyoxigraph as ox

        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        return self._blanks.get(node)

    def __getitem__(self, node: Node) -> str:
        term = self._ox(node)
        name = self._loaded.origin(term) if self._loaded is not None and term is not None else ""
        if not name:
            raise KeyError(node)
        return name

    def __iter__(self) -> Iterator[Node]:
        return iter(())

    def __len__(self) -> int:
        return 0


@dataclass
class Sources:
    """The merged graph plus where each subject was written.

    ``origins`` maps a node to the file (relative to the data home when possible) that types or
    labels it, else first states something about it, so that validation can name the file of a
    problem; it is filled when asked. ``problems`` lists documents whose evidence could not be
    resolved from the corpus. ``loaded`` is the pyoxigraph store the graph was read into.
    """

    graph: Graph
    origins: Mapping[Node, str] = field(default_factory=dict)
    problems: list[EvidenceProblem] = field(default_factory=list)
    corpus: Path | None = None
    loaded: Loaded | None = None


def read_turtle(path: str | os.PathLike[str]) -> Graph:
    """Parse one Turtle file; a syntax error raises :class:`GraphSyntaxError` naming file and line."""
    path = Path(path)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except BadSyntax as exc:
        raise GraphSyntaxError(str(path), exc.lines + 1, exc._why) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from exc
    except Exception as exc:  # rdflib raises assorted errors for bad IRIs or literals
        raise GraphSyntaxError(str(path), None, str(exc)) from exc
    return graph


def canonical_decimals(graph: Graph) -> Graph:
    """Write every ``xsd:decimal`` with a decimal point (``"30"`` becomes ``"30.0"``), in place.

    Turtle writes decimals in their short form (``30.0``), which always has a point; giving the
    literal that form up front keeps Turtle, N-Triples and JSON-LD outputs isomorphic.
    """
    for s, p, o in list(graph):
        if isinstance(o, Literal) and o.datatype == XSD.decimal and "." not in str(o):
            graph.remove((s, p, o))
            graph.add((s, p, Literal(f"{o}.0", datatype=XSD.decimal)))
    return graph


def read_sources(
    *,
    graph_dir: str | os.PathLike[str] | None = None,
    ontology_file: str | os.PathLike[str] | None = None,
    extra: Iterable[str | os.PathLike[str]] = (),
    corpus: str | os.PathLike[str] | None = None,
) -> Sources:
    """Load ``ontology/neurokg.ttl`` and every ``*.ttl`` of the graph directory.

    The files are read by the fast load path (:mod:`neurokg.rdf.oxload`) and handed over as an
    rdflib graph: statements with their IRIs and their summary from their evidence, and a plain
    triple only where a document states the relation (:mod:`neurokg.rdf.status`).

    Parameters
    ----------
    graph_dir
        Directory of curated Turtle files; default :func:`neurokg.core.resources.graph_dir`.
    ontology_file
        The ontology; default ``ontology/neurokg.ttl`` of the data home.
    extra
        More Turtle files to merge (fixtures, local additions).
    corpus
        Corpus directory; default ``NEUROKG_CORPUS``. When given, evidence spans get their text.
    """
    files = source_files(graph_dir=graph_dir, ontology_file=ontology_file, extra=extra)
    loaded = load_store(files, corpus=resources.corpus_dir(corpus))
    return sources_of(loaded)


def sources_of(loaded: Loaded) -> Sources:
    """The rdflib view of a fast load: graph, lazy origins, corpus and its problems."""
    blanks: dict[Node, Any] = {}
    graph = to_rdflib(loaded.store, blanks=blanks)
    return Sources(graph, Origins(loaded, blanks), list(loaded.problems), loaded.corpus, loaded)


def load_graph(
    *,
    corpus: str | os.PathLike[str] | None = None,
    graph_dir: str | os.PathLike[str] | None = None,
) -> Graph:
    """Return the ontology and curated graph merged, with evidence text if a corpus is known.

    This does not validate; see :func:`neurokg.validate`.
    """
    return read_sources(graph_dir=graph_dir, corpus=corpus).graph
