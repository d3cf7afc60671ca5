"""Where a command's graph comes from: the prepared store (see :mod:`neurokg.pipeline.prepared`).

Every command that reads the graph says on standard error which corpus it used and whether the
store had to be prepared again because a file changed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["prepared", "say"]


def say(note: str) -> None:
    """Print ``note`` on standard error."""
    print(note, file=sys.stderr)


def prepared(args: argparse.Namespace) -> Any:
    """The prepared store for ``--graph`` and ``--corpus`` (a :class:`~neurokg.pipeline.prepared.Prepared`)."""
    from neurokg.pipeline.prepared import prepare

    found = prepare(getattr(args, "graph", None), getattr(args, "corpus", None))
    say(found.note())
    return found
