"""Load generation and memory measurement shared by the endpoint benchmarks (not a benchmark itself).

:func:`load` runs keep-alive HTTP clients, each from its own loopback address (127.0.0.N, as separate
clients would be), that send queries from a workload until ``queries`` are answered or time runs out.
:func:`tree_memory` sums the memory of a process and all its descendants: RSS counts pages shared
between processes (copy-on-write after ``fork``) once per process, PSS divides each shared page among
the processes that map it, so the PSS sum is what the whole tree really holds.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "free_port", "load", "peak_memory", "tree_memory", "wait_listening"]

Workload = Callable[[int], tuple[str, str]]
"""Query number -> (query text, Accept)."""


@dataclass
class Run:
    """What one server did under one workload and client count."""

    queries: int
    seconds: float
    latencies: list[float]
    errors: list[str]

    @property
    def rate(self) -> float:
        return self.queries / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile ``p`` (50: the median)."""
        ms = sorted(x * 1000 for x in self.latencies)
        if not ms:
            return float("nan")
        return statistics.median(ms) if p == 50 else ms[min(len(ms) - 1, int(len(ms) * p / 100))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def load(port: int, path: str, workload: Workload, *, clients: int, queries: int, limit: float, first: int = 0) -> Run:
    """Send ``queries`` queries (numbered from ``first``) from ``clients`` keep-alive connections."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(first, first + queries))
    deadline = time.monotonic() + limit

    def client(index: int) -> None:
        source = (f"127.0.0.{index + 2}", 0)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            query, accept = workload(n)
            body = urllib.parse.urlencode({"query": query})
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
            started = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                data = response.read()
                ok = response.status == 200 and len(data) > 0
            except (OSError, http.client.HTTPException) as exc:
                ok, data = False, repr(exc).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(data[:200].decode("utf-8", "replace"))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Run(len(latencies), time.perf_counter() - started, latencies, errors)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_memory(pid: int) -> tuple[float, float, int]:
    """(RSS MiB, PSS MiB, processes) of ``pid`` and its descendants."""
    tree = _children()
    todo, seen = [pid], []
    while todo:
        current = todo.pop()
        seen.append(current)
        todo.extend(tree.get(current, []))
    rss = pss = 0
    for proc in seen:
        try:
            rollup = Path(f"/proc/{proc}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            key, _, value = line.partition(":")
            if key == "Rss":
                rss += int(value.split()[0])
            elif key == "Pss":
                pss += int(value.split()[0])
    return rss / 1024, pss / 1024, len(seen)


def peak_memory(pid: int, stop: threading.Event, every: float = 0.5) -> Callable[[], tuple[float, float, int]]:
    """Sample :func:`tree_memory` until ``stop``; returns a function giving the peak PSS sample."""
    peak = [(0.0, 0.0, 0)]

    def sample() -> None:
        while not stop.wait(every):
            now = tree_memory(pid)
            if now[1] > peak[0][1]:
                peak[0] = now

    threading.Thread(target=sample, daemon=True).start()
    return lambda: peak[0]


if os.name != "posix":  # pragma: no cover
    raise SystemExit("the endpoint benchmarks need Linux (/proc)")
