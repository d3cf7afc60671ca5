"""The ``neurokg`` command line: wiring only; the work happens in the library modules.

Exit codes: 0 success; 1 invalid input (the graph fails to parse or validate, a query is
malformed, a name is unknown); 2 usage or runtime error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neurokg import __version__
from neurokg.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidGraphError, NeurokgError, UsageError
from neurokg.tabular import FORMATS, render

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["get_parser", "main"]

EPILOG = """exit codes:
  0  success
  1  invalid input: a graph that does not parse or validate, a malformed query, an unknown name
  2  usage or runtime error: bad option, missing file or directory, unreachable server
"""


def _add_output(parser: argparse.ArgumentParser, extra: Sequence[str] = ()) -> None:
    parser.add_argument(
        "--format",
        "-f",
        choices=[*FORMATS, *extra],
        default="table",
        help="output format (default: table)",
    )


def _add_corpus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="directory of the source documents (default: $NEUROKG_CORPUS); resolves evidence text",
    )


def _command(sub: argparse._SubParsersAction, name: str, help_: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help_,
        description=help_,
        epilog=f"example:\n  {example}\n\n{EPILOG}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _emit(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> None:
    sys.stdout.write(render(columns, rows, fmt))


# ------------------------------------------------------------------ commands --


def _cmd_build(args: argparse.Namespace) -> int:
    from neurokg.build import build

    result = build(args.out, corpus=args.corpus, graph_dir=args.graph)
    stats = result.stats
    print(f"built {stats['entities']} entities, {stats['relations']} relations, {stats['statements']} statements")
    for problem in result.report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not result.evidence_text:
        print("note: no corpus given (--corpus or NEUROKG_CORPUS): evidence text is unavailable; offsets only")
    print(f"outputs in {result.out.resolve()}:")
    for name in result.files:
        print(f"  {name}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from neurokg.load import read_sources
    from neurokg.validate import validate_sources

    sources = read_sources(corpus=args.corpus, graph_dir=args.graph)
    report = validate_sources(sources)
    if args.format == "table":
        print(report)
    else:
        _emit(
            ["severity", "file", "focus", "rule", "message", "path", "value"],
            [list(v.as_row().values()) for v in sorted(report.violations)],
            args.format,
        )
    return EXIT_OK if report.conforms else EXIT_INVALID


def _cmd_stats(args: argparse.Namespace) -> int:
    from neurokg.load import load_graph
    from neurokg.stats import graph_stats

    stats = graph_stats(load_graph(graph_dir=args.graph, corpus=None))
    rows: list[tuple[str, str, int]] = [("total", k, v) for k, v in stats.items() if isinstance(v, int)]
    rows += [("class", k, v) for k, v in stats["classes"].items()]
    rows += [("relation", k, v) for k, v in stats["relations_by_predicate"].items()]
    _emit(["kind", "name", "count"], rows, args.format)
    return EXIT_OK


def _read_query_text(args: argparse.Namespace) -> str:
    from neurokg.query import named_query

    if args.named:
        return named_query(args.named)
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"query file not found: {path}")
        return path.read_text(encoding="utf-8")
    if args.text:
        return args.text
    raise UsageError("give a query: inline text, --file FILE or --named NAME (see --list)")


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, got {pair!r}")
        out[name] = value
    return out


def _cmd_query(args: argparse.Namespace) -> int:
    from neurokg.query import named_queries, run_query

    if args.list:
        rows = [(q.name, q.description, ", ".join(q.params)) for q in named_queries().values()]
        _emit(["name", "description", "params"], rows, args.format)
        return EXIT_OK
    text = _read_query_text(args)
    params = _params(args.param)
    if args.endpoint:
        from neurokg.remote import query_endpoint

        result = query_endpoint(args.endpoint, text, bindings=params, timeout=args.timeout)
    else:
        from neurokg.load import load_graph

        graph = load_graph(corpus=args.corpus)
        result = run_query(graph, text, engine=args.engine, bindings=params)
    if result.kind == "graph":
        assert result.graph is not None
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return EXIT_OK
    _emit(result.columns, result.rows, args.format)
    return EXIT_OK


def _cmd_locate(args: argparse.Namespace) -> int:
    from neurokg.locate import locate
    from neurokg.resources import corpus_dir

    corpus = corpus_dir(args.corpus)
    if corpus is None:
        raise UsageError("locate needs the corpus: --corpus DIR or NEUROKG_CORPUS")
    rows = [(m.document, m.start, m.end, m.sentence_start, m.sentence_end) for m in locate(corpus, args.phrase)]
    _emit(["document", "start", "end", "sentence_start", "sentence_end"], rows, args.format)
    return EXIT_OK if rows else EXIT_INVALID


# ----------------------------------------------------------------- analytics --


def _network(args: argparse.Namespace) -> Any:
    from neurokg.load import load_graph
    from neurokg.network import to_networkx

    return to_networkx(load_graph(corpus=args.corpus, graph_dir=args.graph))


def _relations(G: Any, names: Sequence[str]) -> list[str] | None:
    from neurokg.resolve import resolve_relation

    return [resolve_relation(G, n) for n in names] or None


def _cmd_path(args: argparse.Namespace) -> int:
    from neurokg.hops import HOP_COLUMNS, hop_rows
    from neurokg.paths import shortest_paths
    from neurokg.resolve import resolve

    G = _network(args)
    source, target = resolve(G, args.source), resolve(G, args.target)
    paths = shortest_paths(
        G, source, target, max_paths=args.max, undirected=args.undirected, relations=_relations(G, args.relation)
    )
    if not paths:
        hint = "" if args.undirected else " (try --undirected)"
        print(f"note: no path from {source} to {target}{hint}", file=sys.stderr)
    _emit(HOP_COLUMNS, hop_rows(G, paths, compact=args.format == "table"), args.format)
    return EXIT_OK


def _cmd_loops(args: argparse.Namespace) -> int:
    from neurokg.cycles import CAUSAL_RELATIONS, feedback_loops
    from neurokg.hops import HOP_COLUMNS, hop_rows
    from neurokg.resolve import resolve

    G = _network(args)
    through = resolve(G, args.through) if args.through else None
    relations = None if args.all_relations else (_relations(G, args.relation) or CAUSAL_RELATIONS)
    loops = feedback_loops(G, through=through, relations=relations, max_length=args.max_length, limit=args.limit)
    _emit(HOP_COLUMNS, hop_rows(G, loops, compact=args.format == "table"), args.format)
    return EXIT_OK


def _cmd_neighbors(args: argparse.Namespace) -> int:
    from neurokg.hops import evidence_refs
    from neurokg.neighborhood import neighbors
    from neurokg.resolve import resolve

    G = _network(args)
    node = resolve(G, args.name)
    compact = args.format == "table"
    found = neighbors(G, node, relations=_relations(G, args.relation), depth=args.depth, direction=args.direction)
    rows = [
        [
            depth,
            hop.source,
            hop.relation,
            "in" if hop.inverse else "out",
            hop.target,
            G.nodes[hop.target].get("label", hop.target),
            G.nodes[hop.target].get("type", ""),
            hop.qualifiers.get("certainty", ""),
            hop.statement,
            evidence_refs(hop.evidence) if compact else hop.evidence,
        ]
        for depth, hop in found
    ]
    columns = ["depth", "from", "relation", "direction", "node", "label", "type", "certainty", "statement", "evidence"]
    _emit(columns, rows, args.format)
    return EXIT_OK


def _cmd_rank(args: argparse.Namespace) -> int:
    from neurokg.ranking import rank

    G = _network(args)
    ranked = rank(G, by=args.by, type=args.type, top=args.top or None, sample=args.sample)
    rows = [[r.rank, r.node, r.label, r.type, r.score, r.degree] for r in ranked]
    _emit(["rank", "node", "label", "type", args.by, "degree"], rows, args.format)
    return EXIT_OK


def _cmd_treatments(args: argparse.Namespace) -> int:
    from neurokg.resolve import resolve
    from neurokg.treatments import BROADER_RELATIONS, TREATMENT_COLUMNS, treatment_rows, treatments

    G = _network(args)
    options = treatments(G, resolve(G, args.name), broader=() if args.no_broader else BROADER_RELATIONS)
    _emit(TREATMENT_COLUMNS, treatment_rows(G, options, compact=args.format == "table"), args.format)
    return EXIT_OK


def _endpoint_graph(args: argparse.Namespace) -> Graph | Path:
    if args.dist:
        nt = Path(args.dist) / "neurokg.nt"
        if not nt.is_file():
            raise UsageError(f"{nt} not found: run neurokg build --out {args.dist} first")
        return nt
    from neurokg.load import load_graph

    return load_graph(corpus=args.corpus)


def _cmd_serve(args: argparse.Namespace) -> int:
    from neurokg.endpoint import check_host, serve

    check_host(args.host, allow_remote=args.allow_remote)  # before the slow part
    dist = Path(args.dist) if args.dist else Path("dist")
    serve(
        _endpoint_graph(args),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_rows=args.max_rows,
        max_bytes=args.max_bytes,
        cors=args.cors,
        workers=args.workers,
        per_client=args.per_client,
        max_connections=args.max_connections,
        client_timeout=args.client_timeout,
        isolation=args.isolation,
        dist=dist if dist.is_dir() else None,
        allow_remote=args.allow_remote,
    )
    return EXIT_OK


def _cmd_push(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from neurokg.remote import push

    source = _endpoint_graph(args)
    graph = Graph().parse(source, format="nt") if isinstance(source, Path) else source
    count = push(graph, args.endpoint, graph_iri=args.graph_iri, timeout=args.timeout)
    print(f"pushed {count} triples to {args.endpoint} ({args.graph_iri or 'default graph'})")
    return EXIT_OK


def _cmd_viz(args: argparse.Namespace) -> int:
    from neurokg.explorer import MAX_USABLE_NODES, expand_classes, select_subgraph, write_explorer
    from neurokg.load import load_graph
    from neurokg.network import to_networkx

    if args.depth is not None and args.focus is None:
        raise UsageError("--depth needs --focus NAME")
    graph = load_graph(corpus=args.corpus, graph_dir=args.graph)
    view = select_subgraph(
        to_networkx(graph),
        focus=args.focus,
        depth=1 if args.depth is None else args.depth,
        types=expand_classes(graph, args.types),
        relations=args.relations,
    )
    path = write_explorer(view, args.out, title=args.title)
    print(f"wrote {path} ({view.number_of_nodes()} nodes, {view.number_of_edges()} relations)")
    if view.number_of_nodes() > MAX_USABLE_NODES:
        print(
            f"warning: {view.number_of_nodes()} nodes is more than the explorer handles smoothly "
            f"({MAX_USABLE_NODES}); use --focus NAME --depth N (or --types/--relations) to draw a part",
            file=sys.stderr,
        )
    return EXIT_OK


# -------------------------------------------------------------------- parser --


def get_parser() -> argparse.ArgumentParser:
    """Build the argument parser (separate from :func:`main` so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="neurokg",
        description="An evidence-grounded knowledge graph of neuropathy and neuropathic pain.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"neurokg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(
        sub, "build", "validate the graph and write every output", "neurokg build --out dist --corpus ../shared/corpus"
    )
    p.add_argument("--out", "-o", default="dist", metavar="DIR", help="output directory (default: dist)")
    p.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")
    _add_corpus(p)
    p.set_defaults(func=_cmd_build)

    p = _command(
        sub,
        "validate",
        "check the graph against the SHACL shapes and QC rules",
        "neurokg validate --corpus ../shared/corpus",
    )
    _add_corpus(p)
    p.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")
    _add_output(p)
    p.set_defaults(func=_cmd_validate)

    p = _command(sub, "stats", "count entities per class and triples per relation", "neurokg stats --format json")
    p.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")
    _add_output(p)
    p.set_defaults(func=_cmd_stats)

    p = _command(
        sub,
        "query",
        "run a SPARQL query: inline, from a file, or named",
        "neurokg query --named 14-concept --param name='central sensitization'",
    )
    p.add_argument("text", nargs="?", help="inline SPARQL text")
    p.add_argument("--file", metavar="FILE", help="read the query from FILE")
    p.add_argument("--named", metavar="NAME", help="run a named query (see --list)")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to a literal")
    p.add_argument(
        "--engine", choices=["oxigraph", "rdflib"], default="oxigraph", help="query engine (default: oxigraph)"
    )
    p.add_argument("--endpoint", metavar="URL", help="send the query to a SPARQL 1.1 endpoint instead")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds to wait for --endpoint")
    _add_corpus(p)
    _add_output(p)
    p.set_defaults(func=_cmd_query)

    p = _command(
        sub,
        "serve",
        "serve a read-only SPARQL endpoint, a query page and the explorer over HTTP",
        "neurokg serve --port 8000 --timeout 10 --max-rows 10000",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds a query may run (default: 10)")
    p.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="refuse larger results with 422 (default: 10000)"
    )
    p.add_argument("--cors", action="store_true", help="allow cross-origin requests (Access-Control-Allow-Origin: *)")
    p.add_argument(
        "--max-bytes", type=int, default=8 << 20, metavar="B", help="refuse larger results with 422 (default: 8 MiB)"
    )
    p.add_argument("--workers", type=int, default=3, metavar="N", help="query worker processes (default: 3)")
    p.add_argument(
        "--per-client", type=int, metavar="N", help="workers one client address may hold (default: all but one)"
    )
    p.add_argument(
        "--max-connections", type=int, default=64, metavar="N", help="connections served at once (default: 64)"
    )
    p.add_argument(
        "--client-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds a client has to send its request (default: 10)",
    )
    p.add_argument(
        "--isolation",
        choices=["auto", "require", "off"],
        default="auto",
        help="take query workers off the network: where possible (auto), or refuse to start without it (require)",
    )
    p.add_argument(
        "--dist",
        metavar="DIR",
        help="serve the built DIR/neurokg.nt and DIR/explorer.html (default: load the graph; explorer from ./dist)",
    )
    p.add_argument("--allow-remote", action="store_true", help="allow a --host that is not loopback")
    _add_corpus(p)
    p.set_defaults(func=_cmd_serve)

    p = _command(
        sub,
        "push",
        "upload the graph to a triple store by the SPARQL 1.1 Graph Store Protocol (replaces the target graph)",
        "neurokg push --endpoint http://localhost:7878/store --graph https://w3id.org/neurokg/graph",
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol URL")
    p.add_argument("--graph", dest="graph_iri", metavar="IRI", help="named graph to replace (default: default graph)")
    p.add_argument("--dist", metavar="DIR", help="push the built DIR/neurokg.nt instead of loading the graph")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="seconds to wait (default: 120)")
    _add_corpus(p)
    p.set_defaults(func=_cmd_push)

    p = _command(
        sub,
        "locate",
        "find a phrase in the corpus and print its offsets (for curators)",
        'neurokg locate "central sensitization"',
    )
    p.add_argument("phrase", help="text to find, case-insensitively")
    _add_corpus(p)
    _add_output(p)
    p.set_defaults(func=_cmd_locate)

    _add_analytics(sub)

    p = _command(
        sub,
        "viz",
        "write the interactive HTML explorer (one offline file)",
        "neurokg viz -o cs.html --focus 'central sensitization' --depth 2",
    )
    p.add_argument("--out", "-o", default="explorer.html", metavar="FILE", help="output file (default: explorer.html)")
    p.add_argument("--focus", metavar="NAME", help="draw only the neighbourhood of this node (a name or CURIE)")
    p.add_argument("--depth", type=int, metavar="N", help="steps from --focus, either direction (default: 1)")
    p.add_argument("--types", nargs="+", default=[], metavar="CLASS", help="keep nodes of these classes and subclasses")
    p.add_argument("--relations", nargs="+", default=[], metavar="REL", help="keep only these relations (labels)")
    p.add_argument("--title", default="neurokg explorer", help="page title")
    p.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")
    _add_corpus(p)
    p.set_defaults(func=_cmd_viz)

    return parser


def _add_graph_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")
    _add_corpus(p)
    _add_output(p)


def _add_analytics(sub: argparse._SubParsersAction) -> None:
    relation_help = "only this relation (label or key, e.g. leadsTo); repeatable"
    p = _command(
        sub,
        "path",
        "the shortest explanatory paths from A to B, one row per hop with relation, qualifiers and evidence",
        "neurokg path diabetes depression --max 3",
    )
    p.add_argument("source", metavar="A", help="where the path starts: a label, altLabel or id")
    p.add_argument("target", metavar="B", help="where it ends")
    p.add_argument("--max", type=int, default=5, metavar="N", help="at most N paths, shortest first (default 5)")
    p.add_argument("--undirected", action="store_true", help="also walk relations backwards (marked inverse)")
    p.add_argument("--relation", action="append", default=[], metavar="R", help=relation_help)
    _add_graph_options(p)
    p.set_defaults(func=_cmd_path)

    p = _command(
        sub,
        "loops",
        "feedback loops: directed cycles of causal relations, one row per hop with its evidence",
        'neurokg loops --through "sleep disturbance"',
    )
    p.add_argument("--through", metavar="X", help="only loops through X (a label, altLabel or id)")
    p.add_argument("--relation", action="append", default=[], metavar="R", help=relation_help + " (default: causal)")
    p.add_argument("--all-relations", action="store_true", help="let loops use every relation")
    p.add_argument("--max-length", type=int, default=8, metavar="N", help="longest loop in hops (default 8)")
    p.add_argument("--limit", type=int, metavar="N", help="stop after N loops")
    _add_graph_options(p)
    p.set_defaults(func=_cmd_loops)

    p = _command(
        sub,
        "neighbors",
        "what X is related to, within --depth hops, one row per relation",
        'neurokg neighbors "muscle tension" --depth 2 --relation leadsTo',
    )
    p.add_argument("name", metavar="X", help="a label, altLabel or id")
    p.add_argument("--relation", action="append", default=[], metavar="R", help=relation_help)
    p.add_argument("--depth", type=int, default=1, metavar="N", help="hops away (default 1)")
    p.add_argument("--direction", choices=["both", "out", "in"], default="both", help="relations from/to X")
    _add_graph_options(p)
    p.set_defaults(func=_cmd_neighbors)

    p = _command(
        sub,
        "rank",
        "the most central entities by degree, PageRank or betweenness",
        "neurokg rank --by pagerank --type Treatment --top 5",
    )
    p.add_argument("--by", choices=["degree", "pagerank", "betweenness"], default="degree", help="measure")
    p.add_argument("--type", metavar="T", help="only entities of class T or its subclasses (e.g. Drug, Symptom)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many (default 10; 0: all)")
    p.add_argument("--sample", type=int, metavar="K", help="estimate betweenness from K source nodes (large graphs)")
    _add_graph_options(p)
    p.set_defaults(func=_cmd_rank)

    p = _command(
        sub,
        "treatments",
        "treatments for a condition or symptom, also through drug classes and broader concepts, with caveats",
        'neurokg treatments "neuropathic pain" --format csv',
    )
    p.add_argument("name", metavar="X", help="a condition or symptom: label, altLabel or id")
    p.add_argument("--no-broader", action="store_true", help="leave out what is said of broader concepts")
    _add_graph_options(p)
    p.set_defaults(func=_cmd_treatments)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring)."""
    parser = get_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return func(args)
    except InvalidGraphError as exc:
        print(exc.report, file=sys.stderr)
        print("error: the graph is invalid; nothing was written", file=sys.stderr)
        return exc.exit_code
    except NeurokgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
