"""``build``, ``validate``, ``stats`` and ``locate``: the curated graph itself."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from neurokg.cli.options import add_command, add_corpus, add_format, add_graph_dir, add_include, emit
from neurokg.core.errors import EXIT_INVALID, EXIT_OK, UsageError

__all__ = ["register"]

log = logging.getLogger(__name__)


def build(args: argparse.Namespace) -> int:
    from neurokg.pipeline.build import build

    result = build(args.out, corpus=args.corpus, graph_dir=args.graph, force=args.force, include=args.include)
    stats = result.stats
    if result.skipped == "unchanged":
        print(f"up to date: {result.out.resolve()} was built from the same graph, ontology, corpus, rules and code;")
        print("nothing to do (--force rebuilds)")
        return EXIT_OK
    if result.skipped == "outputs":
        print("the graph is unchanged: validated again with the changed shapes or QC rules; other outputs kept")
    by = stats.get("statements_by_basis", {})
    print(
        f"built {stats['entities']} entities, {stats['relations']} relations, {stats['statements']} statements "
        f"({by.get('inferred', 0)} inferred by curators and {by.get('advertised', 0)} advertised: statements only)"
    )
    for problem in result.report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not result.evidence_text:
        print("note: no corpus given (--corpus or NEUROKG_CORPUS): evidence text is unavailable; offsets only")
    print(f"outputs in {result.out.resolve()}:")
    for name in result.files:
        print(f"  {name}")
    if args.open:
        from neurokg.cli.commands.shell import open_in_browser

        open_in_browser(result.out / "explorer.html")
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    from neurokg.core.resources import graph_dir
    from neurokg.pipeline.prepared import choose_corpus
    from neurokg.rdf.oxload import load_store, source_files
    from neurokg.rdf.validate import validate_loaded

    log.info("reading the curated graph")
    choice = choose_corpus(args.corpus, (Path(args.graph) if args.graph else graph_dir()).resolve())
    loaded = load_store(source_files(graph_dir=args.graph), corpus=choice.path)
    log.info("validating %d triples (SHACL shapes and QC rules)", len(loaded.store))
    report = validate_loaded(loaded, engine=args.engine)
    if choice.path is not None:  # the summary line names the corpus (stderr stays quiet in a pipe)
        report.corpus = f"{choice.path} ({choice.how})"
    if args.format == "table":
        print(report)
    else:
        columns = ["severity", "file", "focus", "rule", "message", "path", "value"]
        emit(columns, [list(v.as_row().values()) for v in sorted(report.violations)], args.format)
    return EXIT_OK if report.conforms else EXIT_INVALID


def stats(args: argparse.Namespace) -> int:
    from neurokg.pipeline.prepared import prepare
    from neurokg.rdf.oxload import to_rdflib
    from neurokg.rdf.stats import graph_stats

    counts = graph_stats(to_rdflib(prepare(args.graph, "").store))
    rows: list[tuple[str, str, int]] = [("total", k, v) for k, v in counts.items() if isinstance(v, int)]
    rows += [("class", k, v) for k, v in counts["classes"].items()]
    rows += [("relation", k, v) for k, v in counts["relations_by_predicate"].items()]
    rows += [("statements by basis", k, v) for k, v in counts["statements_by_basis"].items()]
    emit(["kind", "name", "count"], rows, args.format)
    return EXIT_OK


def locate(args: argparse.Namespace) -> int:
    from neurokg.cli.source import say
    from neurokg.core.resources import graph_dir
    from neurokg.pipeline.prepared import choose_corpus
    from neurokg.rdf.locate import locate

    choice = choose_corpus(args.corpus, graph_dir().resolve())
    corpus = choice.path
    if corpus is None:
        raise UsageError("locate needs the corpus: --corpus DIR, NEUROKG_CORPUS, or a build made with one")
    say(f"note: {choice}")
    rows = [(m.document, m.start, m.end, m.sentence_start, m.sentence_end) for m in locate(corpus, args.phrase)]
    emit(["document", "start", "end", "sentence_start", "sentence_end"], rows, args.format)
    return EXIT_OK if rows else EXIT_INVALID


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``build``, ``validate``, ``stats`` (and ``locate``, see :func:`register_locate`)."""
    p = add_command(
        sub, "build", "validate the graph and write every output", "neurokg build --out dist --corpus ../shared/corpus"
    )
    p.add_argument("--out", "-o", default="dist", metavar="DIR", help="output directory (default: dist)")
    p.add_argument("--open", action="store_true", help="open the explorer in the default browser once built")
    p.add_argument("--force", action="store_true", help="rebuild everything even if nothing changed")
    add_graph_dir(p)
    add_corpus(p)
    add_include(p)
    p.set_defaults(func=build)

    p = add_command(
        sub,
        "validate",
        "check the graph against the SHACL shapes and QC rules",
        "neurokg validate --corpus ../shared/corpus",
    )
    add_graph_dir(p)
    add_corpus(p)
    add_format(p)
    p.add_argument(
        "--engine",
        choices=["fast", "pyshacl"],
        default="fast",
        help="fast: compiled queries on pyoxigraph (default); pyshacl: the reference engine, same report",
    )
    p.set_defaults(func=validate)

    p = add_command(sub, "stats", "count entities per class and triples per relation", "neurokg stats --format json")
    add_graph_dir(p)
    add_format(p)
    p.set_defaults(func=stats)


def register_locate(sub: argparse._SubParsersAction) -> None:
    """Add ``locate`` (listed after the SPARQL commands in ``--help``)."""
    p = add_command(
        sub,
        "locate",
        "find a phrase in the corpus and print its offsets (for curators)",
        'neurokg locate "central sensitization"',
    )
    p.add_argument("phrase", help="text to find, case-insensitively")
    add_corpus(p)
    add_format(p)
    p.set_defaults(func=locate)
