"""``open`` and ``completion``: conveniences for working in a shell."""

from __future__ import annotations

import argparse
import sys
import webbrowser
from pathlib import Path

from neurokg.cli.options import add_command
from neurokg.core.errors import EXIT_OK, UsageError

__all__ = ["open_in_browser", "register"]


def open_in_browser(path: Path) -> None:
    """Open a built file in the default browser (``$BROWSER`` when set); say where it is either way."""
    if not path.is_file():
        raise UsageError(f"{path} not found: run neurokg build (or neurokg viz -o {path}) first")
    url = path.resolve().as_uri()
    print(f"opening {url}")
    if not webbrowser.open(url):
        print(f"note: no browser found; open {url} yourself", file=sys.stderr)


def open_(args: argparse.Namespace) -> int:
    target = Path(args.path)
    open_in_browser(target / "explorer.html" if target.is_dir() else target)
    return EXIT_OK


def completion(args: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(args.parser, shell=args.shell))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``open`` and ``completion``."""
    p = add_command(
        sub, "open", "open the explorer (or any built HTML file) in the default browser", "neurokg open dist"
    )
    p.add_argument("path", nargs="?", default="dist", help="a build directory or an HTML file (default: dist)")
    p.set_defaults(func=open_)

    p = add_command(
        sub,
        "completion",
        "print a shell completion script for neurokg's commands and options",
        'eval "$(neurokg completion bash)"',
    )
    p.add_argument("shell", choices=["bash", "zsh", "tcsh"], help="the shell to complete in")
    p.set_defaults(func=completion)
