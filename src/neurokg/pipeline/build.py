"""Build: load, validate, and only if valid write every output atomically into one directory.

Outputs: ``neurokg.ttl`` (canonical sorted Turtle), ``neurokg.nt`` (sorted N-Triples),
``neurokg.jsonld``, ``stats.json`` and ``validation.txt``, plus what the registered writers add
(the networkx exports and the HTML explorer), and ``build.json``: what the build was made from
(the SHA-256 of every source file, of neurokg's code, of the corpus documents, of the shapes and
QC rules) and the corpus it used. Everything is written into a temporary directory beside the
target, which then replaces the target in one rename: a failed build leaves the output directory
exactly as it was.

A build is incremental: when nothing it reads changed, it writes nothing; when only the shapes or
QC rules changed, it validates again and keeps the other outputs. It says which.

The plain triples of the outputs are the relations a document states; inferred and advertised
relations are there as statements with their status. With ``include``, the networkx exports and
the explorer also carry those relations (each edge says its ``basis``), and
``neurokg.included.nq`` / ``neurokg.included.trig`` hold their triples in named graphs named after
the status (``https://w3id.org/neurokg/graph/inferred``, ``.../advertised``), so no reader takes
them for stated ones. ``include`` is part of what a build records: another choice rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from neurokg.core.atomic import make_parent
from neurokg.core.errors import InvalidGraphError, UsageError
from neurokg.core.namespace import PREFIXES
from neurokg.rdf.report import ValidationReport
from neurokg.rdf.stats import graph_stats
from neurokg.rdf.status import basis, parse_include, status_token

__all__ = ["BuildResult", "INCLUDED_GRAPH", "MANIFEST", "MARKER", "build", "check_build", "write_included", "write_rdf"]

log = logging.getLogger(__name__)

MARKER = ".neurokg-build"
"""File that marks a directory as neurokg output, so a rebuild may replace it."""
MANIFEST = "build.json"
"""What a build was made from (see the module docstring)."""
FORMAT = 1

Writer = Callable[..., list[str]]

INCLUDED_GRAPH = "https://w3id.org/neurokg/graph/"
"""Base of the named graphs that hold the triples of inferred and advertised relations (+ status token)."""


def _extra_writers() -> list[Writer]:
    """Writers ``f(sources, directory, include=...) -> [file names]`` run after the RDF outputs."""
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
    skipped: str = ""
    """Why work was skipped: ``"unchanged"`` (nothing written), ``"outputs"`` (only validation ran), or ``""``."""


def write_rdf(graph: Graph, directory: Path) -> list[str]:
    """Write ``graph`` as canonical Turtle, sorted N-Triples (unless there already) and JSON-LD into ``directory``."""
    turtle = graph.serialize(format="longturtle")
    (directory / "neurokg.ttl").write_text(turtle, encoding="utf-8")
    if not (directory / "neurokg.nt").exists():
        lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""})
        (directory / "neurokg.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    context = dict(PREFIXES)
    jsonld = graph.serialize(format="json-ld", context=context, indent=1, sort_keys=True)
    (directory / "neurokg.jsonld").write_text(jsonld, encoding="utf-8")
    return ["neurokg.ttl", "neurokg.nt", "neurokg.jsonld"]


_NON_STATED = """
SELECT ?s ?p ?o ?status WHERE {
    ?st a nko:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nko:status ?status .
}
"""


def write_included(store: Any, directory: Path, include: Iterable[str] | str | None) -> list[str]:
    """Write the triples of the included inferred/advertised relations as N-Quads and TriG, one named graph each.

    ``store`` is the loaded pyoxigraph store. A relation goes in the graph of the strongest status
    it has among those included; relations a document states are in the main outputs, not here.
    """
    import pyoxigraph as ox

    wanted = parse_include(include)
    if not wanted:
        return []
    statuses: dict[tuple[Any, Any, Any], set[str]] = {}
    for row in store.query(_NON_STATED, prefixes=dict(PREFIXES)):
        statuses.setdefault((row["s"], row["p"], row["o"]), set()).add(status_token(row["status"]) or "")
    out = ox.Store()
    for (s, p, o), tokens in statuses.items():
        best = basis(t for t in tokens if t in wanted)
        if "stated" not in tokens and best is not None:
            out.add(ox.Quad(s, p, o, ox.NamedNode(INCLUDED_GRAPH + best)))
    data = out.dump(format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted(set(data.decode("utf-8").splitlines()) - {""})
    (directory / "neurokg.included.nq").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    out.dump(directory / "neurokg.included.trig", format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES))
    log.info("wrote the %s relations: %d triples", " and ".join(sorted(wanted)), len(lines))
    return ["neurokg.included.nq", "neurokg.included.trig"]


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


def _rules_digest() -> str:
    from neurokg.core import resources

    onto = resources.ontology_dir()
    files = [onto / "shapes.ttl", *sorted((onto / "qc").glob("*.rq"))]
    return hashlib.sha256(b"".join(f.name.encode() + b"\t" + f.read_bytes() for f in files)).hexdigest()


def _manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}
    except (OSError, ValueError):
        return {}


def check_build(out: Path, graph_dir: str | os.PathLike[str] | None = None) -> Path:
    """``out/neurokg.nt`` if ``out`` was built from the current graph, ontology and code; else refuse.

    Raises :class:`UsageError` naming what changed and how to rebuild: an out-of-date build is never used.
    """
    from neurokg.pipeline.prepared import inputs

    nt = out / "neurokg.nt"
    manifest = _manifest(out)
    if not nt.is_file() or not manifest:
        raise UsageError(f"{out} holds no neurokg build this version can check: run neurokg build --out {out}")
    recorded = manifest.get("graph_dir")
    now = inputs(graph_dir if graph_dir is not None or not recorded else recorded)
    changed = now.changed(manifest.get("inputs", {}))
    if manifest.get("code") != now.code:
        changed.append("neurokg itself")
    if changed:
        raise UsageError(
            f"{out} is out of date ({', '.join(changed[:3])} changed since it was built): "
            f"run neurokg build --out {out} (or make run), or leave out --dist"
        )
    return nt


def build(
    out: str | os.PathLike[str] = "dist",
    *,
    corpus: str | os.PathLike[str] | None = None,
    graph_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    include: Iterable[str] | str | None = (),
) -> BuildResult:
    """Validate the graph and write every output into ``out``, skipping what did not change.

    ``force`` rebuilds everything. ``include`` (``inferred``, ``advertised``) also writes those
    relations into the networkx exports, the explorer and ``neurokg.included.nq``/``.trig``, each
    labelled with its status.

    Raises
    ------
    GraphSyntaxError
        A curated file does not parse (nothing is written).
    InvalidGraphError
        A shape or QC rule fails; ``exc.report`` lists every problem (nothing is written).
    """
    from neurokg.core import resources
    from neurokg.pipeline.prepared import corpus_digest, inputs, keep_store, record_build, store_key
    from neurokg.rdf.oxload import load_store, nt_bytes, source_files
    from neurokg.rdf.validate import validate_loaded

    out = Path(out)
    wanted = parse_include(include)
    _check_target(out)
    inp = inputs(graph_dir)
    corpus_path = resources.corpus_dir(corpus)
    keys = {"graph": store_key(inp, corpus_path), "rules": _rules_digest(), "include": ",".join(sorted(wanted))}
    old = {} if force else _manifest(out)
    old_files = [f for f in old.get("files", []) if (out / f).is_file()] if old else []
    old_keys = old.get("keys", {}) if old else {}
    same_graph = (
        bool(old)
        and (old_keys.get("graph"), old_keys.get("include", "")) == (keys["graph"], keys["include"])
        and len(old_files) == len(old["files"])
    )
    if same_graph and old["keys"].get("rules") == keys["rules"]:
        record_build(inp, corpus_path, out)
        stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
        report = ValidationReport(rules_run=int(old.get("rules_run", 0)), corpus_checked=corpus_path is not None)
        return BuildResult(out, list(old["files"]), report, stats, bool(stats.get("evidence_text")), "unchanged")
    make_parent(out)
    log.info("reading the curated graph")
    loaded = load_store(source_files(graph_dir=graph_dir), corpus=corpus_path)
    log.info("validating %d triples (SHACL shapes and QC rules)", len(loaded.store))
    report = validate_loaded(loaded)
    if not report.conforms:
        raise InvalidGraphError(report)
    log.info("writing the outputs to %s", out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        data = nt_bytes(loaded.store)
        if same_graph:  # only the rules changed: keep every output, write the new verdict
            for name in old_files:
                shutil.copy2(out / name, tmp / name)
            files, stats = list(old_files), json.loads((out / "stats.json").read_text(encoding="utf-8"))
        else:
            files, stats = _write_outputs(loaded, data, report, tmp, wanted)
        (tmp / "validation.txt").write_text(str(report) + "\n", encoding="utf-8")
        manifest = {
            "format": FORMAT,
            "keys": keys,
            "inputs": inp.files,
            "graph_dir": str(inp.graph_dir),
            "code": inp.code,
            "corpus": str(corpus_path.resolve()) if corpus_path is not None else None,
            "corpus_digest": corpus_digest(corpus_path),
            "rules_run": report.rules_run,
            "files": files,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        (tmp / MARKER).write_text("neurokg build output; replaced whole by the next build\n", encoding="utf-8")
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    keep_store(keys["graph"], data, {"inputs": inp.files, "code": inp.code, "corpus": manifest["corpus"]})
    record_build(inp, corpus_path, out)
    return BuildResult(out, files, report, stats, bool(stats["evidence_text"]), "outputs" if same_graph else "")


def _write_outputs(
    loaded: Any, data: bytes, report: ValidationReport, tmp: Path, include: frozenset[str]
) -> tuple[list[str], dict[str, Any]]:
    from neurokg.rdf.load import sources_of

    sources = sources_of(loaded)
    (tmp / "neurokg.nt").write_bytes(data)
    files = write_rdf(sources.graph, tmp)
    stats = graph_stats(sources.graph)
    stats["evidence_text"] = sources.corpus is not None and not sources.problems
    (tmp / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    files += ["stats.json", "validation.txt"]
    files += write_included(loaded.store, tmp, include)
    for writer in _extra_writers():
        files += writer(sources, tmp, include=include)
    return files, stats
