"""Validate the graph: SHACL shapes (pySHACL) and the QC rules, into one report.

The command line maps the report to exit codes: 0 valid, 1 invalid.
"""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from neurokg.core import resources
from neurokg.rdf.load import Sources, read_turtle
from neurokg.rdf.qc import qc_rules, run_qc
from neurokg.rdf.report import ValidationReport, Violation

__all__ = ["load_shapes", "validate", "validate_sources"]


def load_shapes(path: Path | None = None) -> Graph:
    """Return the SHACL shapes graph (``ontology/shapes.ttl``)."""
    return read_turtle(path or resources.ontology_dir() / "shapes.ttl")


def _rule_name(results: Graph, shapes: Graph, result: Node) -> str:
    shape = results.value(result, SH.sourceShape)
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1]
    # an anonymous property shape: name it after the node shape that holds it
    for parent in shapes.subjects(SH.property, shape):
        label = shapes.value(parent, RDFS.label)
        path = shapes.value(shape, SH.path)
        tail = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path else "?"
        return f"{str(parent).rsplit('#', 1)[-1] if isinstance(parent, URIRef) else label}.{tail}"
    component = results.value(result, SH.sourceConstraintComponent)
    return str(component).rsplit("#", 1)[-1] if component else "shape"


def _shacl(graph: Graph, shapes: Graph, origins: dict[Node, str]) -> list[Violation]:
    conforms, results, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    found: list[Violation] = []
    if conforms:
        return found
    assert isinstance(results, Graph)
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        file = origins.get(focus, "") if focus is not None else ""
        if not file and value is not None:
            file = origins.get(value, "")
        found.append(
            Violation(
                file=file,
                focus=str(focus),
                rule=_rule_name(results, shapes, result),
                message=str(message or "shape violated"),
                severity="error" if severity == SH.Violation else "warning",
                path=str(path) if isinstance(path, URIRef) else "",
                value=str(value) if value is not None else "",
            )
        )
    return found


def validate(
    graph: Graph,
    *,
    origins: dict[Node, str] | None = None,
    with_corpus: bool | None = None,
    shapes: Graph | None = None,
) -> ValidationReport:
    """Check ``graph`` against the SHACL shapes and every QC rule.

    Parameters
    ----------
    graph
        The merged ontology and data, as :func:`neurokg.load_graph` returns it.
    origins
        Subject to file, so each violation can name its file (see :class:`neurokg.load.Sources`).
    with_corpus
        Run the rules that need evidence text; default: whether any span has text.
    shapes
        A shapes graph; default ``ontology/shapes.ttl``.

    Returns
    -------
    ValidationReport
        ``report.conforms`` is true when no error was found.
    """
    from neurokg.core.namespace import NKO

    origins = origins or {}
    if with_corpus is None:
        with_corpus = next(graph.subjects(NKO.text, None), None) is not None
    shapes = shapes if shapes is not None else load_shapes()
    rules = qc_rules()
    violations = _shacl(graph, shapes, origins)
    violations += run_qc(graph, rules, with_corpus=with_corpus, origins=origins)
    return ValidationReport(violations=sorted(set(violations)), rules_run=len(rules), corpus_checked=with_corpus)


def validate_sources(sources: Sources) -> ValidationReport:
    """Validate what :func:`neurokg.load.read_sources` loaded, naming files and corpus problems."""
    report = validate(sources.graph, origins=sources.origins, with_corpus=sources.corpus is not None)
    report.problems = list(sources.problems)
    return report
