"""``serve`` and ``push``: the graph over HTTP, and into another triple store."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neurokg.cli.options import add_command, add_corpus
from neurokg.core.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["register"]

log = logging.getLogger(__name__)


def _graph_or_built_file(args: argparse.Namespace) -> Graph | Path:
    """The N-Triples to serve or push: a build's, refused when out of date, else the prepared store's."""
    if args.dist:
        from neurokg.pipeline.build import check_build

        return check_build(Path(args.dist))
    from neurokg.cli.source import flush_notes, prepared

    nt = Path(prepared(args).nt)
    flush_notes()  # before serving, which runs until stopped
    return nt


def serve(args: argparse.Namespace) -> int:
    from neurokg.server.endpoint import check_host, serve

    check_host(args.host, allow_remote=args.allow_remote)  # before the slow part
    print(f"neurokg serve: starting on {args.host}:{args.port} (Ctrl-C stops it)", file=sys.stderr, flush=True)
    dist = Path(args.dist) if args.dist else Path("dist")
    try:
        _serve(args, serve, dist)
    except KeyboardInterrupt:
        pass  # Ctrl-C while loading; once serving, serve() itself stops on Ctrl-C or SIGTERM
    print("neurokg serve: stopped; every worker shut down", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace, serve: Any, dist: Path) -> None:
    serve(
        _graph_or_built_file(args),
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
        named_graphs=_named_graphs(args.named_graph),
        base_iri=args.base_iri,
    )


def _named_graphs(pairs: list[list[str]] | None) -> dict[str, str]:
    graphs: dict[str, str] = {}
    for iri, path in pairs or []:
        if iri in graphs:
            raise UsageError(f"--named-graph {iri} is given twice")
        graphs[iri] = path
    return graphs


def push(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from neurokg.sparql.remote import push

    if args.old_graph_iri is not None:
        print("warning: push --graph is deprecated; use --graph-iri", file=sys.stderr)
        args.graph_iri = args.graph_iri or args.old_graph_iri
    source = _graph_or_built_file(args)
    graph = Graph().parse(source, format="nt") if isinstance(source, Path) else source
    count = push(graph, args.endpoint, graph_iri=args.graph_iri, timeout=args.timeout)
    print(f"pushed {count} triples to {args.endpoint} ({args.graph_iri or 'default graph'})")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``serve`` and ``push``."""
    p = add_command(
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
    p.add_argument(
        "--named-graph",
        nargs=2,
        action="append",
        metavar=("IRI", "FILE"),
        help="also hold the RDF file FILE (.nt, .ttl, .rdf) as the named graph IRI (repeatable)",
    )
    p.add_argument(
        "--base-iri", metavar="IRI", help="resolve relative IRIs of queries against IRI (default: the endpoint's URL)"
    )
    add_corpus(p)
    p.set_defaults(func=serve)

    p = add_command(
        sub,
        "push",
        "upload the graph to a triple store by the SPARQL 1.1 Graph Store Protocol (replaces the target graph)",
        "neurokg push --endpoint http://localhost:7878/store --graph-iri https://w3id.org/neurokg/graph",
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol URL")
    p.add_argument("--graph-iri", metavar="IRI", help="named graph to replace (default: default graph)")
    p.add_argument("--graph", dest="old_graph_iri", metavar="IRI", help="deprecated spelling of --graph-iri")
    p.add_argument("--dist", metavar="DIR", help="push the built DIR/neurokg.nt instead of loading the graph")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="seconds to wait (default: 120)")
    add_corpus(p)
    p.set_defaults(func=push)
