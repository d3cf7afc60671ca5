"""Build: load, validate, and only if valid write every output atomically into one directory.

Outputs: ``neurokg.ttl`` (canonical sorted Turtle), ``neurokg.nt`` (sorted N-Triples),
``neurokg.jsonld``, ``stats.json`` and ``validation.txt``, plus what the registered writers add
(the networkx exports and the HTML explorer). Everything is written into a temporary directory
beside the target, which then replaces the target in one rename: a failed build leaves the
output directory exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from neurokg.core.atomic import make_parent
from neurokg.core.errors import InvalidGraphError, UsageError
from neurokg.core.namespace import PREFIXES
from neurokg.rdf.load import Sources, read_sources
from neurokg.rdf.report import ValidationReport
from neurokg.rdf.stats import graph_stats
from neurokg.rdf.validate import validate_sources

__all__ = ["BuildResult", "MARKER", "build", "write_rdf"]

log = logging.getLogger(__name__)

MARKER = ".neurokg-build"
"""File that marks a directory as neurokg output, so a rebuild may replace it."""

Writer = Callable[[Sources, Path], list[str]]


def _extra_writers() -> list[Writer]:
    """Writers ``f(sources, directory) -> [file names]`` run after the RDF outputs."""
    from neurokg.explorer.html import write_build_explorer
    from neurokg.network.export import write_network

    return [write_network, write_build_explorer]


@dataclass
class BuildResult:
    """What a build wrote and what validation said."""

    out: Path
    files: list[str]
    report: ValidationReport
    stats: dict[str, Any] = field(default_factory=dict)
    evidence_text: bool = False


def write_rdf(graph: Graph, directory: Path) -> list[str]:
    """Write ``graph`` as canonical Turtle, sorted N-Triples and JSON-LD into ``directory``."""
    turtle = graph.serialize(format="longturtle")
    (directory / "neurokg.ttl").write_text(turtle, encoding="utf-8")
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""})
    (directory / "neurokg.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    context = dict(PREFIXES)
    jsonld = graph.serialize(format="json-ld", context=context, indent=1, sort_keys=True)
    (directory / "neurokg.jsonld").write_text(jsonld, encoding="utf-8")
    return ["neurokg.ttl", "neurokg.nt", "neurokg.jsonld"]


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(f"{out} is not empty and was not made by neurokg build; choose another --out")


def _replace(tmp: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except OSError:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(
    out: str | os.PathLike[str] = "dist",
    *,
    corpus: str | os.PathLike[str] | None = None,
    graph_dir: str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Validate the graph and write every output into ``out``.

    Raises
    ------
    GraphSyntaxError
        A curated file does not parse (nothing is written).
    InvalidGraphError
        A shape or QC rule fails; ``exc.report`` lists every problem (nothing is written).
    """
    out = Path(out)
    _check_target(out)
    make_parent(out)
    log.info("reading the curated graph")
    sources = read_sources(graph_dir=graph_dir, corpus=corpus)
    log.info("validating %d triples (SHACL shapes and QC rules)", len(sources.graph))
    report = validate_sources(sources)
    if not report.conforms:
        raise InvalidGraphError(report)
    log.info("writing the outputs to %s", out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        files = write_rdf(sources.graph, tmp)
        stats = graph_stats(sources.graph)
        stats["evidence_text"] = sources.corpus is not None and not sources.problems
        (tmp / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
        (tmp / "validation.txt").write_text(str(report) + "\n", encoding="utf-8")
        files += ["stats.json", "validation.txt"]
        for writer in _extra_writers():
            files += writer(sources, tmp)
        (tmp / MARKER).write_text("neurokg build output; replaced whole by the next build\n", encoding="utf-8")
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(out, files, report, stats, bool(stats["evidence_text"]))
