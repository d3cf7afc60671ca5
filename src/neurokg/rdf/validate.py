"""Validate the graph: SHACL shapes and the QC rules, into one report.

Two engines give the same report (tested on every fixture and on the real graph): ``"fast"``
(default) runs the shapes compiled into whole-graph queries (:mod:`neurokg.rdf.fastshacl`) and
the QC rules on pyoxigraph; ``"pyshacl"`` is the reference, pySHACL and rdflib, as before (see
``docs/decisions/0007-fast-validation-and-prepared-store.md``). The command line maps the report
to exit codes: 0 valid, 1 invalid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from neurokg.rdf.load import Sources

import pyoxigraph as ox

from neurokg.core import resources
from neurokg.core.errors import UsageError
from neurokg.rdf.oxload import Loaded, from_rdflib
from neurokg.rdf.qc import qc_findings, qc_rules, run_qc
from neurokg.rdf.report import ValidationReport, Violation, to_violations

__all__ = ["ENGINES", "fast_violations", "validate", "validate_loaded", "validate_sources"]

ENGINES = ("fast", "pyshacl")
"""Validation engines: the compiled queries on pyoxigraph (default) and pySHACL, the reference."""


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return engine


def fast_violations(
    store: Any,
    *,
    with_corpus: bool,
    origins: Callable[[list[Any]], dict[Any, str]] | None = None,
    shapes_file: Path | None = None,
) -> list[Violation]:
    """The fast engine: compiled shapes and the QC rules on a pyoxigraph ``store``."""

    from neurokg.rdf.fastcheck import check
    from neurokg.rdf.fastshacl import UnsupportedShapeError, compile_shapes

    path = shapes_file or resources.ontology_dir() / "shapes.ttl"
    shapes = ox.Store()
    shapes.load(path=str(path), format=ox.RdfFormat.TURTLE)
    try:
        checks = compile_shapes(shapes)
    except UnsupportedShapeError as exc:
        raise UsageError(f"{path}: {exc}") from exc
    return to_violations(check(store, checks) + qc_findings(store, with_corpus=with_corpus), origins)


def validate(
    graph: Graph,
    *,
    origins: Mapping[Node, str] | None = None,
    with_corpus: bool | None = None,
    shapes: Graph | None = None,
    engine: str = "fast",
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
        A shapes graph; default ``ontology/shapes.ttl`` (given one, the pySHACL engine runs it).
    engine
        ``"fast"`` (default) or ``"pyshacl"``; both give the same report.

    Returns
    -------
    ValidationReport
        ``report.conforms`` is true when no error was found.
    """
    from neurokg.core.namespace import NKO

    origins = origins if origins is not None else {}
    if with_corpus is None:
        with_corpus = next(graph.subjects(NKO.text, None), None) is not None
    rules = qc_rules()
    if _engine(engine) == "fast" and shapes is None:
        mapping = origins

        def named(terms: list[Any]) -> dict[Any, str]:
            from rdflib import URIRef

            return {t: mapping.get(URIRef(t.value), "") for t in terms if hasattr(t, "value")}

        violations = fast_violations(from_rdflib(graph), with_corpus=with_corpus, origins=named)
    else:
        from neurokg.rdf.pyshacl_engine import load_shapes, shacl_violations

        shapes = shapes if shapes is not None else load_shapes()
        violations = shacl_violations(graph, shapes, origins)
        violations += run_qc(graph, rules, with_corpus=with_corpus, origins=origins)
    return ValidationReport(violations=sorted(set(violations)), rules_run=len(rules), corpus_checked=with_corpus)


def validate_sources(sources: Sources, *, engine: str = "fast") -> ValidationReport:
    """Validate what :func:`neurokg.rdf.load.read_sources` loaded, naming files and corpus problems."""
    if sources.loaded is not None and _engine(engine) == "fast":
        return validate_loaded(sources.loaded)
    report = validate(sources.graph, origins=sources.origins, with_corpus=sources.corpus is not None, engine=engine)
    report.problems = list(sources.problems)
    return report


def validate_loaded(loaded: Loaded, *, engine: str = "fast") -> ValidationReport:
    """Validate a fast load (:func:`neurokg.rdf.oxload.load_store`), naming files and corpus problems."""
    with_corpus = loaded.corpus is not None
    if _engine(engine) == "pyshacl":
        from neurokg.rdf.load import sources_of

        return validate_sources(sources_of(loaded), engine="pyshacl")
    violations = fast_violations(loaded.store, with_corpus=with_corpus, origins=loaded.origins)
    report = ValidationReport(violations=violations, rules_run=len(qc_rules()), corpus_checked=with_corpus)
    report.problems = list(loaded.problems)
    return report
