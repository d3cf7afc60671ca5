"""``propose`` and ``accept``: relations proposed from new documents for a curator, and the reviewed ones merged."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from neurokg.cli.options import add_command, add_corpus, add_format, add_graph_dir
from neurokg.cli.output import render
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["register"]


def propose(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("spacy") is None:
        raise UsageError("neurokg propose needs spaCy: pip install 'neurokg[curate]'")
    from pathlib import Path

    from neurokg.core.resources import graph_dir
    from neurokg.curate.propose import propose_to_files
    from neurokg.curate.rejections import LOG_NAME
    from neurokg.rdf.load import load_graph

    log = None if args.show_rejected else Path(args.graph or graph_dir()) / LOG_NAME
    written = propose_to_files(
        load_graph(graph_dir=args.graph, corpus=None),
        args.documents,
        out=args.out,
        review=args.review,
        write_review=not args.no_review,
        candidates=args.candidates,
        rules=not args.no_rules,
        rejection_log=log,
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
    if result.suppressed:
        print(f"left out {len(result.suppressed)} proposals a curator rejected before (--show-rejected to see them)",
              file=summary)  # fmt: skip
    for path, what in ((written.proposals_path, "proposals"), (written.review_path, "review page")):
        if path is not None:
            print(f"{what}: {path}", file=summary)
    return EXIT_OK


ACCEPT_COLUMNS = ["document", "accepted", "edited", "rejected", "pending", "new statements",
                  "added to existing", "updated", "unchanged", "removed"]  # fmt: skip


def accept(args: argparse.Namespace) -> int:
    from neurokg.curate.accept import AcceptError
    from neurokg.curate.accept import accept as run_accept

    try:
        result = run_accept(args.reviews, graph_dir=args.graph, corpus=args.corpus, check=args.check)
    except AcceptError as exc:
        if args.check:
            for problem in exc.problems:
                print(f"problem: {problem}", file=sys.stderr)
        raise
    keys = ["accept", "edit", "reject", "pending", "new statement", "added to existing statement", "updated",
            "unchanged", "removed"]  # fmt: skip
    rows = [[doc, *(c[k] for k in keys)] for doc, c in sorted(result.counts.items())]
    sys.stdout.write(render(ACCEPT_COLUMNS, rows, args.format))
    if args.format == "table":
        for path in result.written:
            print(f"wrote {path}")
        if args.check:
            print("checked: the reviews merge and the graph validates; nothing written (--check)")
        elif not result.written:
            print("nothing to change: the graph already holds these decisions")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``propose`` and ``accept``."""
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
    p.add_argument(
        "--show-rejected",
        action="store_true",
        help="keep proposals the rejection log of the graph lists (left out by default)",
    )
    add_graph_dir(p)
    add_format(p)
    p.set_defaults(func=propose)

    p = add_command(
        sub,
        "accept",
        "merge reviewed proposals into graph/ (evidence, status and provenance), log rejections, validate",
        "neurokg accept work/reviews/nih_ninds_0000148_shingles.review.json --corpus ../shared/corpus",
    )
    p.add_argument("reviews", nargs="+", metavar="REVIEW", help="review files saved by the review page")
    p.add_argument(
        "--check", action="store_true", help="re-anchor, resolve and validate, list every problem; write nothing"
    )
    add_graph_dir(p)
    add_corpus(p)
    add_format(p)
    p.set_defaults(func=accept)
