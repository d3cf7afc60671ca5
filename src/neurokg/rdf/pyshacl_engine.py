"""The reference validation engine: pySHACL on an rdflib graph, its report read into :class:`Violation` rows.

:func:`neurokg.rdf.validate.validate` runs it with ``engine="pyshacl"``; the fast engine
(:mod:`neurokg.rdf.fastshacl`) must give the same rows (tested).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from neurokg.core import resources
from neurokg.rdf.load import read_turtle
from neurokg.rdf.report import Violation

__all__ = ["load_shapes", "shacl_violations"]


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


def shacl_violations(graph: Graph, shapes: Graph, origins: Mapping[Node, str]) -> list[Violation]:
    from pyshacl import validate as shacl_validate

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


