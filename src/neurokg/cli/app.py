"""The ``neurokg`` command line: wiring only; the work happens in the library.

Exit codes: 0 success; 1 invalid input (the graph fails to parse or validate, a query is
malformed, a name is unknown); 2 usage or runtime error; 130 interrupted (Ctrl-C), nothing written.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from neurokg.cli.commands import OWNER, REGISTER
from neurokg.cli.options import EPILOG
from neurokg.core.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, InvalidGraphError, NeurokgError

__all__ = ["get_parser", "main"]


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from neurokg.core.resources import version

        print(f"neurokg {version()}")
        parser.exit()


def _configure_logging(*, verbose: bool) -> None:
    """Warnings always; on a terminal, the progress of long steps (``... reading the graph``); all with ``-v``.

    Progress is neurokg's INFO messages; piped or redirected, stderr stays quiet unless ``-v``.
    """
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s", force=True)
        return
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s", force=True)
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # progress below goes to its own handler only
    if sys.stderr.isatty():
        progress = logging.StreamHandler(sys.stderr)
        progress.setFormatter(logging.Formatter("... %(message)s"))
        progress.addFilter(lambda record: record.levelno == logging.INFO)
        package = logging.getLogger("neurokg")
        package.setLevel(logging.INFO)
        package.addHandler(progress)


def get_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser (separate from :func:`main` so tests and docs can inspect it).

    With ``command``, only the group of commands that holds it is added (what :func:`main` runs needs no more).
    """
    parser = argparse.ArgumentParser(
        prog="neurokg",
        description="An evidence-grounded knowledge graph of neuropathy and neuropathic pain.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in (OWNER[command],) if command in OWNER else REGISTER:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = get_parser(words[0] if words else None)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    _configure_logging(verbose=args.verbose)
    args.parser = parser  # for the commands that describe the command line itself (completion)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_USAGE
    from neurokg.cli.source import flush_notes

    try:
        code = func(args)
    except InvalidGraphError as exc:
        flush_notes(show=False)  # an error says one thing: the error
        print(exc.report, file=sys.stderr)
        print("error: the graph is invalid; nothing was written", file=sys.stderr)
        return exc.exit_code
    except NeurokgError as exc:
        flush_notes(show=False)
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        flush_notes(show=False)
        print("interrupted; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    flush_notes()
    return code
