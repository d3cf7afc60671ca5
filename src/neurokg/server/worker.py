"""The query worker process: one pyoxigraph store, and a throwaway child process for every query.

A worker is started by :class:`neurokg.server.pool.QueryPool` as ``python -c ... RX_FD TX_FD``. It
leaves the network (:func:`neurokg.server.isolation.isolate`), loads the dataset once and then, for
every query, forks a child that shares the loaded store copy-on-write. The child does everything
that reads what a client sent: the guard (:func:`neurokg.server.guard.canonical_query`), format
negotiation, the engine run on a thread with a large stack, and serialization under the row and
byte caps; it sends one reply and exits. The worker waits for that reply until the query's time is
up and kills the child then. So no query can kill the worker: a timeout, a crash of the engine (deep
nesting overflowing its stack) or a memory overrun ends only the child, and the reply says which.

Replies are tuples: ``("ok", body, media_type, kind, count)`` or ``(status, message)`` where status
is refused, malformed, format, too_many, too_big, timeout, memory or crashed.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

from neurokg.errors import QueryError
from neurokg.server.guard import QueryRefused, canonical_query
from neurokg.server.isolation import isolate
from neurokg.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format, offered

__all__ = ["QUERY_STACK", "answer", "main"]

QUERY_STACK = 256 << 20
"""Stack of the thread that runs the engine (bytes): nesting and chains 30 times deeper than on 8 MiB."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LIBC = ctypes.CDLL(None, use_errno=True)


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    raise TypeError(f"unexpected term {term!r}")


def _too_big(size: int, limits: Mapping[str, Any]) -> tuple[str, str] | None:
    if size > limits["max_bytes"]:
        cap = limits["max_bytes"]
        return ("too_big", f"the result is larger than {cap} bytes; add a LIMIT or select fewer columns")
    return None


def _serialize(result: Any, kind: str, fmt: str, limits: Mapping[str, Any]) -> tuple[Any, ...]:
    import pyoxigraph as ox

    max_rows, prefixes = limits["max_rows"], limits["prefixes"]
    if kind == "ask":
        body = result.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt]))
        return ("ok", body, RESULT_FORMATS[fmt], kind, 1)
    if kind == "select":
        names = [v.value for v in result.variables]
        rows: list[str] = []
        size = 0
        for solution in result:
            if len(rows) == max_rows:
                return ("too_many", f"the result has more than {max_rows} rows")
            row = json.dumps({n: _json_term(solution[n]) for n in names if solution[n] is not None}, ensure_ascii=False)
            size += len(row) + 1
            big = _too_big(size, limits)
            if big:
                return big
            rows.append(row)
        head = json.dumps({"vars": names})
        body = f'{{"head":{head},"results":{{"bindings":[{",".join(rows)}]}}}}'.encode()
        if fmt != "json":
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt]))
        return _too_big(len(body), limits) or ("ok", body, RESULT_FORMATS[fmt], kind, len(rows))
    triples: list[Any] = []
    for triple in result:
        if len(triples) == max_rows:
            return ("too_many", f"the result has more than {max_rows} triples")
        triples.append(triple)
    media = GRAPH_FORMATS[fmt]
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(media), prefixes=dict(prefixes)) or b""
    return _too_big(len(body), limits) or ("ok", body, media, kind, len(triples))


def answer(store: Any, request: Sequence[Any], limits: Mapping[str, Any]) -> tuple[Any, ...]:
    """Guard, negotiate, run and serialize one request ``(text, accept, formats, bindings)``; never raises."""
    import pyoxigraph as ox

    text, accept, formats, bindings = request[:4]
    try:
        kind = fmt = None
        if limits["guard"]:
            inspection = canonical_query(text, prefixes=limits["prefixes"], graphs=limits["graphs"])
            kind, text = inspection.kind, inspection.text
            fmt = choose_format(kind, accept, formats)
            if fmt is None:
                return ("format", f"no acceptable format; {kind} results come as {offered(kind)}")
        subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
        result = store.query(text, prefixes=dict(limits["prefixes"]), substitutions=subs)
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
        return _death(0, limits)
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        return ("malformed", f"malformed query: {message[:300]}{'...' if len(message) > 300 else ''}")
    except QueryRefused as exc:
        return ("refused", str(exc))
    except QueryError as exc:
        return ("malformed", str(exc))
    except Exception as exc:  # engine errors while running or serializing, a bad binding
        return ("malformed", f"query failed: {exc}")


def _child(store: Any, request: Sequence[Any], limits: Mapping[str, Any], out: Connection) -> None:
    """In the forked child: bound memory, run :func:`answer` on a big stack, send the reply."""
    if limits["memory_bytes"]:
        with open("/proc/self/statm") as statm:  # the store is already mapped: limit what the query adds
            base = int(statm.read().split()[0]) * resource.getpagesize()
        cap = base + QUERY_STACK + limits["memory_bytes"]
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    box: list[tuple[Any, ...]] = []
    threading.stack_size(QUERY_STACK)
    thread = threading.Thread(target=lambda: box.append(answer(store, request, limits)))
    thread.start()
    thread.join()
    out.send(box[0] if box else ("crashed", "the query thread ended without an answer"))


def _die_with_parent() -> None:
    pr_set_pdeathsig = 1
    _LIBC.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _fork_and_answer(
    store: Any, request: Sequence[Any], limits: Mapping[str, Any], parent_fds: Sequence[int]
) -> tuple[Any, ...]:
    budget = float(request[4])
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
        code = 0
        try:
            _die_with_parent()  # a worker killed by the pool takes its running query with it
            for fd in (read, *parent_fds):
                os.close(fd)
            devnull = os.open(os.devnull, os.O_WRONLY)  # the engine's own crash messages: the reply says it
            os.dup2(devnull, 2)
            _child(store, request, limits, Connection(write, readable=False))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    reply: tuple[Any, ...] | None = None
    with Connection(read, writable=False) as conn:
        if conn.poll(max(budget, 0.0)):
            try:
                reply = conn.recv()
            except (EOFError, OSError):
                reply = None
        else:
            os.kill(pid, signal.SIGKILL)
            reply = ("timeout", f"the query ran longer than {limits['timeout']:g} s and was stopped")
    _, status = os.waitpid(pid, 0)
    if reply is None:
        reply = _death(status, limits)
    return reply


def _death(status: int, limits: Mapping[str, Any]) -> tuple[str, str]:
    """Why a query ended without a reply (``status`` as from :func:`os.waitpid`; 0 for a MemoryError)."""
    if status and os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGSEGV, signal.SIGBUS):
        return (
            "crashed",
            "the engine crashed on this query (it overflowed its stack: the query nests or chains operators "
            "too deeply); simplify it",
        )
    mib = limits["memory_bytes"] >> 20
    return ("memory", f"the query exceeded the memory limit of {mib} MiB and was stopped")


def main(rx: Connection, tx: Connection) -> None:
    """Isolate, load the dataset (the first message) and answer requests until ``None`` or end of pipe."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashed query leaves no core file
    data, limits = rx.recv()
    isolation = isolate(limits["isolation"])
    if limits["isolation"] == "require" and not isolation.available:
        tx.send(("failed", f"network isolation is required but unavailable: {isolation.detail}"))
        return
    try:
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    except Exception as exc:  # bad data: report it to the parent, which raises
        tx.send(("failed", str(exc)))
        return
    del data
    tx.send(("ready", os.getpid(), isolation.available, isolation.detail))
    while True:
        try:
            request = rx.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = _fork_and_answer(store, request, limits, (rx.fileno(), tx.fileno()))
        except OSError as exc:  # fork failed (process or memory limits): report, keep serving
            reply = ("memory", f"the worker could not start the query: {exc}")
        tx.send(reply)


def bootstrap() -> None:
    """Entry point of a worker process: ``python -c '...; bootstrap()' RX_FD TX_FD``."""
    sys.stdout = sys.stderr  # a stray print must not reach the parent
    main(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
