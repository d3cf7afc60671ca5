"""``query``: SPARQL on the graph (inline, from a file or named) or on a remote endpoint."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from neurokg.cli.options import add_command, add_corpus, add_format, add_graph_dir, emit
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["register"]


def _query_text(args: argparse.Namespace, params: dict[str, str]) -> str:
    from neurokg.sparql.named import check_params, find_named

    if args.named:
        named = find_named(args.named)
        check_params(named, params)
        return named.text
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"query file not found: {path}")
        return path.read_text(encoding="utf-8")
    if args.text:
        return str(args.text)
    raise UsageError("give a query: inline text, --file FILE or --named NAME (see --list)")


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, got {pair!r}")
        out[name] = value
    return out


def query(args: argparse.Namespace) -> int:
    if args.list:
        from neurokg.sparql.named import named_queries

        rows = [
            (q.name, q.description, ", ".join(p + "?" * (p in q.optional) for p in q.params))
            for q in named_queries().values()
        ]
        emit(["name", "description", "params"], rows, args.format)
        return EXIT_OK
    params = _params(args.param)
    text = _query_text(args, params)
    if args.endpoint:
        from neurokg.sparql.remote import query_endpoint

        result = query_endpoint(args.endpoint, text, bindings=params, timeout=args.timeout)
    else:
        from neurokg.cli.source import prepared
        from neurokg.sparql.engine import run_query

        store = prepared(args).store
        if args.engine == "rdflib":
            from neurokg.rdf.oxload import to_rdflib

            store = to_rdflib(store)
        result = run_query(store, text, engine=args.engine, bindings=params)
    if result.kind == "graph":  # CONSTRUCT, DESCRIBE: one triple per row
        frame = result.to_dataframe(curies=args.format == "table")
        emit(list(frame.columns), frame.itertuples(index=False, name=None), args.format)
        return EXIT_OK
    emit(result.columns, result.values() if args.format == "json" else result.rows, args.format)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``query``."""
    p = add_command(
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
    add_graph_dir(p)
    add_corpus(p)
    add_format(p)
    p.set_defaults(func=query)
