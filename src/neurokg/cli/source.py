"""Where a command's graph comes from: the prepared store (see :mod:`neurokg.pipeline.prepared`).

Every command that reads the graph says on standard error which corpus it used and whether the
store had to be prepared again because a file changed: once the command has run, so that an
error stays one line.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["flush_notes", "prepared", "say"]

_NOTES: list[str] = []


def say(note: str) -> None:
    """Print ``note`` on standard error once the command has run (see :func:`flush_notes`)."""
    _NOTES.append(note)


def flush_notes(*, show: bool = True) -> None:
    """Print the notes said so far (unless ``show`` is false: the command failed) and forget them."""
    if show:
        for note in _NOTES:
            print(note, file=sys.stderr)
    _NOTES.clear()


def prepared(args: argparse.Namespace) -> Any:
    """The prepared store for ``--graph`` and ``--corpus`` (a :class:`~neurokg.pipeline.prepared.Prepared`)."""
    from neurokg.pipeline.prepared import prepare

    found = prepare(getattr(args, "graph", None), getattr(args, "corpus", None))
    say(found.note())
    return found
