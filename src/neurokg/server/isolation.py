"""Take a process off the network: its own, empty network namespace (Linux).

A query worker calls :func:`isolate` first thing, before it reads any query. In a new network
namespace the only interface is a loopback that is down, so every ``connect`` fails with "network is
unreachable" whatever the query asks for: a second line behind the query guard that does not depend
on reading SPARQL. ``unshare(CLONE_NEWNET)`` needs ``CAP_SYS_ADMIN`` (root); without it the process
first enters a new user namespace (``CLONE_NEWUSER``), where unprivileged users may be allowed one.
Where neither is allowed (containers that forbid ``unshare``, kernels without namespaces, other
systems) isolation is unavailable and the caller says so.

>>> isolate("off").describe()
'query workers are not network-isolated (switched off); the query guard alone refuses SERVICE'
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass

__all__ = ["MODES", "Isolation", "isolate"]

MODES = ("auto", "require", "off")
"""``auto``: isolate where the system allows it; ``require``: refuse to start otherwise; ``off``: never."""

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Isolation:
    """Whether a process is cut off from the network, and how (or why not)."""

    available: bool
    detail: str

    def describe(self) -> str:
        """One line for the server's start-up message."""
        if self.available:
            return f"query workers have no network ({self.detail})"
        return f"query workers are not network-isolated ({self.detail}); the query guard alone refuses SERVICE"


def _unshare(flags: int) -> str | None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) == 0:
        return None
    return os.strerror(ctypes.get_errno())


def isolate(mode: str = "auto") -> Isolation:
    """Move the calling process into a new network namespace; call it while single-threaded.

    ``mode`` is one of :data:`MODES`; with ``off`` nothing is done.
    """
    if mode not in MODES:
        raise ValueError(f"isolation mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off":
        return Isolation(False, "switched off")
    if not sys.platform.startswith("linux"):
        return Isolation(False, f"network namespaces need Linux, this is {sys.platform}")
    error = _unshare(_CLONE_NEWNET)
    if error is None:
        return Isolation(True, "own network namespace")
    second = _unshare(_CLONE_NEWUSER | _CLONE_NEWNET)
    if second is None:
        return Isolation(True, "own user and network namespace")
    return Isolation(False, f"unshare(CLONE_NEWNET) failed: {error}; with a user namespace: {second}")
