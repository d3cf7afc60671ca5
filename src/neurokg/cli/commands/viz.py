"""``viz``: write the interactive HTML explorer."""

from __future__ import annotations

import argparse
import sys

from neurokg.cli.options import add_command, add_corpus, add_graph_dir, add_include
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["register"]


def viz(args: argparse.Namespace) -> int:
    from neurokg.cli.source import prepared
    from neurokg.explorer.html import MAX_USABLE_NODES, write_explorer
    from neurokg.explorer.select import expand_classes, select_subgraph
    from neurokg.network.view import to_networkx
    from neurokg.rdf.oxload import to_rdflib

    if args.depth is not None and args.focus is None:
        raise UsageError("--depth needs --focus NAME")
    store = prepared(args).store
    graph = to_rdflib(store)
    view = select_subgraph(
        to_networkx(store, include=args.include),
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
    if args.open:
        from neurokg.cli.commands.shell import open_in_browser

        open_in_browser(path)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``viz``."""
    p = add_command(
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
    p.add_argument("--open", action="store_true", help="open the page in the default browser once written")
    add_graph_dir(p)
    add_corpus(p)
    add_include(p)
    p.set_defaults(func=viz)
