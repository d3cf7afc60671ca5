"""The query worker process: one pyoxigraph store, and a disposable runner process that answers the queries.

A worker is started by :class:`neurokg.server.pool.QueryPool` as ``python -c ... RX_FD TX_FD``. It
leaves the network (:func:`neurokg.server.isolation.isolate`), loads the dataset once and forks a
runner that shares the loaded store copy-on-write. The runner does everything that reads what a
client sent: the guard (:func:`neurokg.server.guard.canonical_query`), format negotiation, the engine
run on a thread with a large stack, and serialization under the row and byte caps. The worker passes
each query on and waits for the reply until the query's time is up. So no query can kill the worker:
a timeout, a crash of the engine (deep nesting overflowing its stack) or a memory overrun ends only
the runner, the reply says which, and the worker forks a fresh runner (milliseconds, no reload).

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

from neurokg.core.errors import QueryError
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


def _serve_runner(store: Any, limits: Mapping[str, Any], rx: Connection, tx: Connection) -> None:
    """In the runner: bound memory, then answer requests on a thread with a big stack until the pipe ends."""
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
            tx.send(answer(store, request, limits))

    threading.stack_size(QUERY_STACK)
    thread = threading.Thread(target=loop)
    thread.start()
    thread.join()


def _die_with_parent() -> None:
    pr_set_pdeathsig = 1
    _LIBC.prctl(pr_set_pdeathsig, signal.SIGKILL)


class _Runner:
    """A child forked from the worker that answers queries until one ends it; the worker then forks another."""

    def __init__(self, store: Any, limits: Mapping[str, Any], parent_fds: Sequence[int]) -> None:
        to_runner_r, to_runner_w = os.pipe()
        to_worker_r, to_worker_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the runner, whose coverage is not collected
            code = 0
            try:
                _die_with_parent()  # a worker killed by the pool takes its running query with it
                for fd in (to_runner_w, to_worker_r, *parent_fds):
                    os.close(fd)
                devnull = os.open(os.devnull, os.O_WRONLY)  # the engine's own crash messages: the reply says it
                os.dup2(devnull, 2)
                rx = Connection(to_runner_r, writable=False)
                tx = Connection(to_worker_w, readable=False)
                _serve_runner(store, limits, rx, tx)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(to_runner_r)
        os.close(to_worker_w)
        self.pid = pid
        self.tx = Connection(to_runner_w, readable=False)
        self.rx = Connection(to_worker_r, writable=False)

    def ask(self, request: Sequence[Any], limits: Mapping[str, Any]) -> tuple[tuple[Any, ...], bool]:
        """The reply to ``request`` within its budget, and whether the runner is still alive.

        Raises :class:`BrokenPipeError` when the runner was already dead (killed from outside while
        idle) before it could read the query: the query is not to blame, and may be asked again.
        """
        budget = float(request[-1])
        self.tx.send(request)
        try:
            if self.rx.poll(max(budget, 0.0)):
                return self.rx.recv(), True
        except (EOFError, OSError):
            return _death(self.stop(), limits), False
        self.stop()
        return ("timeout", f"the query ran longer than {limits['timeout']:g} s and was stopped"), False

    def stop(self) -> int:
        """Kill the runner; its wait status."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - already reaped
            pass
        _, status = os.waitpid(self.pid, 0)
        self.tx.close()
        self.rx.close()
        return status


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
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    except Exception as exc:  # bad data: report it to the parent, which raises
        tx.send(("failed", str(exc)))
        return
    del data
    own_fds = (rx.fileno(), tx.fileno())
    runner: _Runner | None = _Runner(store, limits, own_fds)
    tx.send(("ready", os.getpid(), isolation.available, isolation.detail))
    while True:
        try:
            request = rx.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            if runner is not None and runner.rx.poll(0):  # it died while idle (killed from outside): replace it
                runner.stop()
                runner = None
            runner = runner or _Runner(store, limits, own_fds)
            try:
                reply, alive = runner.ask(request, limits)
            except BrokenPipeError:  # it had died before the query reached it: a fresh runner answers
                runner.stop()
                runner = _Runner(store, limits, own_fds)
                reply, alive = runner.ask(request, limits)
            if not alive:
                runner = _Runner(store, limits, own_fds)  # ready for the next query before this answer goes
        except OSError as exc:  # fork failed (process or memory limits): report, keep serving
            runner, reply = None, ("memory", f"the worker could not start a query process: {exc}")
        tx.send(reply)


def bootstrap() -> None:
    """Entry point of a worker process: ``python -c '...; bootstrap()' RX_FD TX_FD``."""
    sys.stdout = sys.stderr  # a stray print must not reach the parent
    main(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
