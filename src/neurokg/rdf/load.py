"""Read the ontology and the curated graph into one rdflib graph.

>>> from neurokg import load_graph
>>> g = load_graph()
>>> len(g) > 500
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from neurokg.core import resources
from neurokg.core.errors import GraphSyntaxError, UsageError
from neurokg.core.namespace import bind_prefixes
from neurokg.rdf.provenance import EvidenceProblem, mint_statements, resolve_evidence

__all__ = ["Sources", "read_turtle", "read_sources", "load_graph", "canonical_decimals"]


@dataclass
class Sources:
    """The merged graph plus where each subject was written.

    ``origins`` maps a subject to the file (relative to the data home when possible) that
    first states something about it, so that validation can name the file of a problem.
    ``problems`` lists documents whose evidence could not be resolved from the corpus.
    """

    graph: Graph
    origins: dict[Node, str] = field(default_factory=dict)
    problems: list[EvidenceProblem] = field(default_factory=list)
    corpus: Path | None = None


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


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(resources.data_home()))
    except (ValueError, UsageError):
        return str(path)


def read_sources(
    *,
    graph_dir: str | os.PathLike[str] | None = None,
    ontology_file: str | os.PathLike[str] | None = None,
    extra: Iterable[str | os.PathLike[str]] = (),
    corpus: str | os.PathLike[str] | None = None,
) -> Sources:
    """Load ``ontology/neurokg.ttl`` and every ``*.ttl`` of the graph directory.

    Parameters
    ----------
    graph_dir
        Directory of curated Turtle files; default :func:`neurokg.resources.graph_dir`.
    ontology_file
        The ontology; default ``ontology/neurokg.ttl`` of the data home.
    extra
        More Turtle files to merge (fixtures, local additions).
    corpus
        Corpus directory; default ``NEUROKG_CORPUS``. When given, evidence spans get their text.
    """
    onto = Path(ontology_file) if ontology_file else resources.ontology_dir() / "neurokg.ttl"
    gdir = Path(graph_dir) if graph_dir else resources.graph_dir()
    if not gdir.is_dir():
        raise UsageError(f"graph directory not found: {gdir}")
    data = sorted(gdir.glob("*.ttl"))
    if not data:
        raise UsageError(f"graph directory {gdir} holds no .ttl file: nothing to load")
    files = [onto, *data, *(Path(p) for p in extra)]
    merged = bind_prefixes(Graph())
    origins: dict[Node, str] = {}
    defined: dict[Node, str] = {}
    for path in files:
        part = mint_statements(read_turtle(path))
        name = _display(path)
        for s in part.subjects(unique=True):
            origins.setdefault(s, name)
        # the file that types or labels a node is where a reader looks for it
        for s in {*part.subjects(RDF.type, None), *part.subjects(SKOS.prefLabel, None)}:
            defined.setdefault(s, name)
        merged += part
    origins.update(defined)
    canonical_decimals(merged)
    sources = Sources(merged, origins)
    corpus_path = resources.corpus_dir(corpus)
    if corpus_path is not None:
        sources.corpus = corpus_path
        sources.problems = resolve_evidence(merged, corpus_path)
    return sources


def load_graph(
    *,
    corpus: str | os.PathLike[str] | None = None,
    graph_dir: str | os.PathLike[str] | None = None,
) -> Graph:
    """Return the ontology and curated graph merged, with evidence text if a corpus is known.

    This does not validate; see :func:`neurokg.validate`.
    """
    return read_sources(graph_dir=graph_dir, corpus=corpus).graph
