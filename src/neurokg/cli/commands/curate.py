"""``propose``: relations proposed from new documents, each with the words that state it, for a curator."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from neurokg.cli.options import add_command, add_format, add_graph_dir
from neurokg.cli.output import render
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["register"]


def propose(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("spacy") is None:
        raise UsageError("neurokg propose needs spaCy: pip install 'neurokg[curate]'")
    from neurokg.curate.propose import propose_to_files
    from neurokg.rdf.load import load_graph

    written = propose_to_files(
        load_graph(graph_dir=args.graph, corpus=None),
        args.documents,
        out=args.out,
        review=args.review,
        write_review=not args.no_review,
        candidates=args.candidates,
        rules=not args.no_rules,
    )
    result = written.result
    rows = [
        (
            d.file_name,
            d.sha256[:12],
            d.length,
            sum(p.document == d.file_name for p in result.proposals),
            sum(x.proposal.document == d.file_name for x in result.dropped),
            d.source or "",
            d.licence or "",
        )
        for d in result.documents
    ]
    columns = ["document", "sha256", "characters", "proposals", "dropped", "source", "licence"]
    summary = sys.stderr if written.proposals_path is None else sys.stdout
    if args.format == "table":  # for reading: what came of each document, then whom to credit
        summary.write(render(["document", "characters", "proposals", "dropped"], [r[:1] + r[2:5] for r in rows]))
        for doc in result.documents:
            if doc.source or doc.licence:
                credit = f"{doc.source or 'unknown'} ({doc.licence or 'licence unknown'})"
                print(f"source of {doc.file_name}: {credit}", file=summary)
    else:
        summary.write(render(columns, rows, args.format))
    for d in result.dropped:
        print(f"warning: dropped {d.proposal.id} ({d.proposal.document}): {d.reason}", file=sys.stderr)
    for path, what in ((written.proposals_path, "proposals"), (written.review_path, "review page")):
        if path is not None:
            print(f"{what}: {path}", file=summary)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``propose``."""
    p = add_command(
        sub,
        "propose",
        "propose relations from new documents, each with the words that state it, for a curator to review",
        "neurokg propose ../shared/corpus/nih_ninds_0000148_shingles.txt -o work/shingles.jsonl",
    )
    p.add_argument("documents", nargs="+", metavar="DOC", help="plain-text documents (UTF-8)")
    p.add_argument(
        "--out", "-o", metavar="FILE", help="JSON Lines file; - for standard output (default: work/proposals/DOC.jsonl)"
    )
    p.add_argument("--review", metavar="FILE", help="write the review page here (default: beside --out, .html)")
    p.add_argument("--no-review", action="store_true", help="do not write the review page")
    p.add_argument("--candidates", metavar="FILE", help="add another tool's candidates (JSON Lines), re-anchored too")
    p.add_argument("--no-rules", action="store_true", help="only the --candidates, no proposals of our own")
    add_graph_dir(p)
    add_format(p)
    p.set_defaults(func=propose)
