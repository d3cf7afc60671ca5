"""``viz``: write the interactive HTML explorer."""

from __future__ import annotations

import argparse
import sys

from neurokg.cli.options import add_command, add_corpus, add_graph_dir, add_include
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["register"]


def viz(args: argparse.Namespace) -> int:
    from neurokg.cli.source import prepared
    from neurokg.explorer.html import MAX_USABLE_NODES, explorer_page, write_page
    from neurokg.explorer.select import expand_classes
    from neurokg.rdf.oxload import to_rdflib

    if args.depth is not None and args.focus is None:
        raise UsageError("--depth needs --focus NAME")
    found = prepared(args)
    graph = to_rdflib(found.store)
    page = explorer_page(
        graph,
        title=args.title,
        focus=args.focus,
        depth=1 if args.depth is None else args.depth,
        types=expand_classes(graph, args.types),
        relations=args.relations,
        corpus=None if args.no_texts else found.corpus.path,
        include=args.include,
    )
    path = write_page(page, args.out)
    print(f"wrote {path} ({page.map_nodes} nodes, {page.map_edges} relations on the map)")
    if page.map_nodes > MAX_USABLE_NODES:
        print(
            f"warning: {page.map_nodes} nodes is more than the whole map handles smoothly "
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
        "write the interactive HTML explorer (one offline file): question cards, answers, the whole map, the sources",
        "neurokg viz -o cs.html --focus 'central sensitization' --depth 2",
    )
    p.add_argument("--out", "-o", default="explorer.html", metavar="FILE", help="output file (default: explorer.html)")
    p.add_argument("--focus", metavar="NAME", help="open on this concept (a name or CURIE), its answers shown; "
                   "the whole map draws its neighbourhood")  # fmt: skip
    p.add_argument("--depth", type=int, metavar="N", help="steps from --focus the map draws (default: 1)")
    p.add_argument("--types", nargs="+", default=[], metavar="CLASS", help="map these classes and their subclasses")
    p.add_argument("--relations", nargs="+", default=[], metavar="REL", help="map only these relations (labels)")
    p.add_argument("--title", help="page title (default: names the condition, or the focus)")
    p.add_argument("--no-texts", action="store_true",
                   help="leave the source texts out of the page's reader (quotes and offsets stay)")  # fmt: skip
    p.add_argument("--open", action="store_true", help="open the page in the default browser once written")
    add_graph_dir(p)
    add_corpus(p)
    add_include(p)
    p.set_defaults(func=viz)
