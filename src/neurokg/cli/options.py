"""The options several commands share, each declared once, and the help every command carries.

Every command's help ends with an example and the exit codes; every command that prints rows
takes the same ``--format``; ``--graph DIR`` and ``--corpus DIR`` mean the same everywhere.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from neurokg.cli.output import FORMATS, render

__all__ = [
    "EPILOG",
    "add_command",
    "add_corpus",
    "add_format",
    "add_graph_dir",
    "add_include",
    "add_relation",
    "emit",
]

EPILOG = """exit codes:
  0  success
  1  invalid input: a graph that does not parse or validate, a malformed query, an unknown name
  2  usage or runtime error: bad option, missing file or directory, unreachable server
130  interrupted (Ctrl-C); nothing was written
"""


def add_command(sub: argparse._SubParsersAction, name: str, help_: str, example: str) -> argparse.ArgumentParser:
    """Add the subcommand ``name``; its help shows ``example`` and the exit codes."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help_,
        description=help_,
        epilog=f"example:\n  {example}\n\n{EPILOG}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv|tsv|json`` (``-f``)."""
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")


def add_corpus(parser: argparse.ArgumentParser) -> None:
    """``--corpus DIR``: where the source documents are."""
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="directory of the source documents (default: $NEUROKG_CORPUS); resolves evidence text",
    )


def add_graph_dir(parser: argparse.ArgumentParser) -> None:
    """``--graph DIR``: the curated graph to read instead of the packaged ``graph/``."""
    parser.add_argument("--graph", metavar="DIR", help="curated graph directory (default: the packaged graph/)")


def add_include(parser: argparse.ArgumentParser) -> None:
    """``--include inferred,advertised``: also answer with relations a curator infers or an advertisement claims."""
    parser.add_argument(
        "--include",
        metavar="WHAT",
        default="",
        help=(
            "also use relations that no document states: 'inferred' (a curator's inference), 'advertised' "
            "(an advertising claim) or 'inferred,advertised'; such rows are labelled in the basis column "
            "(default: stated relations only)"
        ),
    )


def add_relation(parser: argparse.ArgumentParser, extra: str = "") -> None:
    """``--relation R`` (repeatable): restrict an analytic to some relations."""
    parser.add_argument(
        "--relation",
        action="append",
        default=[],
        metavar="R",
        help=f"only this relation (label or key, e.g. leadsTo); repeatable{extra}",
    )


def emit(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> None:
    """Print ``rows`` under ``columns`` in ``fmt`` on standard output."""
    sys.stdout.write(render(columns, rows, fmt))
