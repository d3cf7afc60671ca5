"""Independent read-only work on threads, with results in the order it was given.

pyoxigraph evaluates a query without holding Python's lock, so the checks of one store can run side
by side, one thread per core the process may use. Results come back in the order of the input, so a
report is the same on one core or many (tested).

>>> ordered_map(lambda n: n * n, [3, 1, 2])
[9, 1, 4]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["MAX_THREADS", "ordered_map", "usable_cores"]

MAX_THREADS = 8
"""At most this many threads by default: each holds a query's hash tables, and the checks are not many."""

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, threads: int | None = None) -> list[R]:
    """``[fn(x) for x in items]``, run on ``threads`` threads (default: :func:`usable_cores`, at most
    :data:`MAX_THREADS`).

    The first exception ``fn`` raises is raised here; on one thread nothing is started.
    """
    items = list(items)
    threads = min(threads or min(usable_cores(), MAX_THREADS), len(items))
    if threads <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="neurokg-check") as pool:
        return list(pool.map(fn, items))
