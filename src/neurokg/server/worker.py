"""A query worker: a process forked from the store process that answers queries until one ends it.

Workers are forked by :mod:`neurokg.server.store`, which loaded the dataset once: every worker shares
that store copy-on-write, so N workers hold one copy of the data. A worker does everything that reads
what a client sent: the guard (:func:`neurokg.server.guard.canonical_query`), format negotiation, the
engine run on a thread with a large stack, and serialization under the row and byte caps. The pool
(:class:`neurokg.server.pool.QueryPool`) talks to it over two pipes and keeps its time: a query that
overruns its deadline, crashes the engine (deep nesting overflowing its stack) or overruns its memory
ends only that worker; the store process forks a fresh one in milliseconds, with no reload.

Requests are ``(text, accept, formats, bindings, base_iri, dataset, budget)``; replies are tuples:
``("ok", body, media_type, kind, count)`` or ``(status, message)`` where status is refused, malformed,
format, too_many, too_big, timeout, memory or crashed.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

from neurokg.core.errors import QueryError
from neurokg.server.guard import QueryRefused, canonical_query
from neurokg.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format, offered

__all__ = ["QUERY_STACK", "answer", "death", "describe_status", "serve"]

QUERY_STACK = 256 << 20
"""Stack of the thread that runs the engine (bytes): nesting and chains 30 times deeper than on 8 MiB."""


class _Over(Exception):
    """Raised into the engine's serializer to stop it once a cap is passed."""


class _Capped:
    """Where the engine serializes a result, one line per row: it counts rows and bytes and stops past a cap."""

    def __init__(self, max_lines: int, max_bytes: int) -> None:
        self.parts: list[bytes] = []
        self.lines = self.size = 0
        self.max_lines, self.max_bytes = max_lines, max_bytes
        self.over: str | None = None

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.lines += data.count(b"\n")
        self.size += len(data)
        if self.lines > self.max_lines:
            self.over = "rows"
        elif self.size > self.max_bytes:
            self.over = "bytes"
        if self.over:
            raise _Over(self.over)
        return len(data)

    def flush(self) -> None:
        pass

    def fill(self, result: Any, fmt: Any) -> bytes | None:
        """Serialize ``result`` in the line-based ``fmt`` (TSV, N-Triples) here; ``None`` if a cap was passed."""
        try:
            result.serialize(self, format=fmt)
        except Exception:
            if self.over is None:
                raise
            return None
        return b"".join(self.parts)


def _too_big(size: int, limits: Mapping[str, Any]) -> tuple[str, str] | None:
    if size > limits["max_bytes"]:
        cap = limits["max_bytes"]
        return ("too_big", f"the result is larger than {cap} bytes; add a LIMIT or select fewer columns")
    return None


def _serialize(result: Any, kind: str, fmt: str, limits: Mapping[str, Any]) -> tuple[Any, ...]:
    """The engine serializes (no Python object per term): first in a line-based format, one row or triple a
    line, into a sink that stops it past the row cap or twice the byte cap; then into the format asked for."""
    import pyoxigraph as ox

    max_rows, prefixes = limits["max_rows"], limits["prefixes"]
    if kind == "ask":
        body = result.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt]))
        return ("ok", body, RESULT_FORMATS[fmt], kind, 1)
    graph = kind != "select"
    sink = _Capped(max_rows + (0 if graph else 1), 2 * limits["max_bytes"])  # TSV has a header line
    lines = sink.fill(result, ox.RdfFormat.N_TRIPLES if graph else ox.QueryResultsFormat.TSV)
    if lines is None:
        if sink.over == "bytes":
            return _too_big(sink.size, limits) or ("too_big", "the result is too large")
        return ("too_many", f"the result has more than {max_rows} {'triples' if graph else 'rows'}")
    if graph:
        media, count = GRAPH_FORMATS[fmt], sink.lines
        if fmt != "ntriples":
            triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
            lines = ox.serialize(triples, format=ox.RdfFormat.from_media_type(media), prefixes=dict(prefixes)) or b""
    else:
        media, count = RESULT_FORMATS[fmt], sink.lines - 1
        if fmt != "tsv":
            parsed = ox.parse_query_results(lines, format=ox.QueryResultsFormat.TSV)
            lines = parsed.serialize(format=ox.QueryResultsFormat.from_media_type(media)) or b""
    return _too_big(len(lines), limits) or ("ok", lines, media, kind, count)


def _dataset(dataset: Sequence[Sequence[str]] | None) -> dict[str, Any]:
    """The engine's arguments for a dataset given by the protocol: it replaces the query's ``FROM`` clauses."""
    if dataset is None:
        return {}
    import pyoxigraph as ox

    default, named = dataset
    return {
        "default_graph": [ox.NamedNode(iri) for iri in default],
        "named_graphs": [ox.NamedNode(iri) for iri in named],
    }


def answer(store: Any, request: Sequence[Any], limits: Mapping[str, Any]) -> tuple[Any, ...]:
    """Guard, negotiate, run and serialize one request; never raises.

    ``request`` is ``(text, accept, formats, bindings, base_iri, dataset)``: ``base_iri`` resolves the
    query's relative IRIs, ``dataset`` is ``None`` or the ``(default, named)`` graph IRIs the protocol gave.
    """
    import pyoxigraph as ox

    text, accept, formats, bindings, base_iri, dataset = request[:6]
    try:
        kind = fmt = None
        if limits["guard"]:
            inspection = canonical_query(text, prefixes=limits["prefixes"])
            kind, text = inspection.kind, inspection.text
            fmt = choose_format(kind, accept, formats)
            if fmt is None:
                return ("format", f"no acceptable format; {kind} results come as {offered(kind)}")
        subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
        result = store.query(
            text, base_iri=base_iri, prefixes=limits["prefixes"], substitutions=subs, **_dataset(dataset)
        )
        actual = (
            "ask"
            if isinstance(result, ox.QueryBoolean)
            else "select"
            if isinstance(result, ox.QuerySolutions)
            else ("describe" if kind == "describe" else "construct")
        )
        if fmt is None or (actual in ("construct", "describe")) != (kind in ("construct", "describe")):
            fmt = choose_format(actual, accept, formats)
            if fmt is None:
                return ("format", f"no acceptable format; {actual} results come as {offered(actual)}")
        return _serialize(result, actual, fmt, limits)
    except MemoryError:
        return death(0, limits)
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        return ("malformed", f"malformed query: {message[:300]}{'...' if len(message) > 300 else ''}")
    except QueryRefused as exc:
        return ("refused", str(exc))
    except QueryError as exc:
        return ("malformed", str(exc))
    except Exception as exc:  # engine errors while running or serializing, a bad binding
        return ("malformed", f"query failed: {exc}")


def serve(store: Any, limits: Mapping[str, Any], rx: Connection, tx: Connection) -> None:
    """In a worker: bound memory, then answer requests on a thread with a big stack until the pipe ends."""
    if limits["memory_bytes"]:
        with open("/proc/self/statm") as statm:  # the store is already mapped: limit what queries add
            base = int(statm.read().split()[0]) * resource.getpagesize()
        cap = base + QUERY_STACK + limits["memory_bytes"]
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    def loop() -> None:
        while True:
            try:
                request = rx.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            tx.send(answer(store, request, limits))

    threading.stack_size(QUERY_STACK)
    thread = threading.Thread(target=loop)
    thread.start()
    thread.join()


def describe_status(status: int | None) -> str:
    """``killed by SIGKILL``, ``exit status 1``... for a wait status (``None``: unknown).

    >>> describe_status(signal.SIGSEGV), describe_status(256), describe_status(None)
    ('killed by SIGSEGV', 'exit status 1', 'it stopped answering')
    """
    if status is None:
        return "it stopped answering"
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def death(status: int | None, limits: Mapping[str, Any]) -> tuple[str, str]:
    """Why a query ended without a reply (``status`` as from :func:`os.waitpid`; 0 for a MemoryError).

    >>> death(signal.SIGSEGV, {"memory_bytes": 1 << 30})[0], death(signal.SIGABRT, {"memory_bytes": 1 << 30})
    ('crashed', ('memory', 'the query exceeded the memory limit of 1024 MiB and was stopped'))
    >>> death(signal.SIGKILL, {"memory_bytes": 1 << 30})
    ('died', 'the query worker died (killed by SIGKILL) while it ran the query, and was replaced')
    """
    signalled = os.WTERMSIG(status) if status and os.WIFSIGNALED(status) else None
    if signalled in (signal.SIGSEGV, signal.SIGBUS):
        return (
            "crashed",
            "the engine crashed on this query (it overflowed its stack: the query nests or chains operators "
            "too deeply); simplify it",
        )
    if status == 0 or signalled == signal.SIGABRT:  # a MemoryError, or the engine's allocation failed
        mib = limits["memory_bytes"] >> 20
        return ("memory", f"the query exceeded the memory limit of {mib} MiB and was stopped")
    return ("died", f"the query worker died ({describe_status(status)}) while it ran the query, and was replaced")
