"""Run SPARQL queries in worker processes that are killed when a query overruns its time.

Each worker holds its own in-memory pyoxigraph store and answers one query at a time with the
complete, serialized result. :meth:`QueryPool.run` waits for an idle worker, sends it the query and
waits at most ``timeout`` seconds for the answer; on timeout the worker process is killed (which
really stops the query: pyoxigraph cannot be interrupted in-process) and a fresh one is started in
the background. A result with more than ``max_rows`` rows (or triples) is refused, never cut short,
and the worker stops reading it at ``max_rows + 1``. Workers also run under an address-space limit so
that a runaway query fails instead of exhausting the machine.

>>> pool = QueryPool(b"<http://e/a> <http://e/p> <http://e/b> .\\n", workers=1, timeout=5)
>>> pool.run("SELECT ?o WHERE { ?s ?p ?o }", "csv").body
b'o\\r\\nhttp://e/b\\r\\n'
>>> pool.close()
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from neurokg.errors import NeurokgError, QueryError
from neurokg.namespace import PREFIXES

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Answer",
    "PoolBusy",
    "QueryPool",
    "QueryTimeout",
    "TooManyRows",
    "WorkerCrashed",
]

log = logging.getLogger(__name__)

RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
"""Formats of SELECT and ASK results: name to media type."""

GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
"""Formats of CONSTRUCT and DESCRIBE results: name to media type."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PACKAGE = str(Path(__file__).resolve().parents[1])


class QueryTimeout(NeurokgError):
    """The query ran longer than the pool's timeout; its worker was killed."""


class PoolBusy(NeurokgError):
    """Every worker stayed busy for the whole timeout; the query was not started."""


class WorkerCrashed(NeurokgError):
    """The worker died while running the query (most likely it hit the memory limit)."""


class TooManyRows(QueryError):
    """The result has more rows (or triples) than the pool's ``max_rows``."""


@dataclass(frozen=True)
class Answer:
    """A complete, serialized query result."""

    body: bytes
    media_type: str
    kind: str
    count: int


# ------------------------------------------------------------------ worker side --


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


def _execute(store: Any, text: str, fmt: str, bindings: Mapping[str, str], max_rows: int) -> tuple[Any, ...]:
    import pyoxigraph as ox

    subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
    try:
        result = store.query(text, prefixes=dict(PREFIXES), substitutions=subs)
    except SyntaxError as exc:
        return ("malformed", f"malformed query: {exc}")
    except (RuntimeError, OSError, ValueError) as exc:
        return ("malformed", f"query failed: {exc}")
    if isinstance(result, ox.QueryBoolean):
        if fmt not in RESULT_FORMATS:
            return ("format", f"{fmt} is not a format for ASK results")
        body = result.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt]))
        return ("ok", body, "ask", 1)
    if isinstance(result, ox.QuerySolutions):
        if fmt not in RESULT_FORMATS:
            return ("format", f"{fmt} is not a format for SELECT results")
        names = [v.value for v in result.variables]
        rows: list[dict[str, Any]] = []
        for solution in result:
            if len(rows) == max_rows:
                return ("too_many", f"the result has more than {max_rows} rows")
            rows.append({n: _json_term(solution[n]) for n in names if solution[n] is not None})
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
        if fmt != "json":
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt]))
        return ("ok", body, "select", len(rows))
    if fmt not in GRAPH_FORMATS:
        return ("format", f"{fmt} is not a format for CONSTRUCT or DESCRIBE results")
    triples: list[Any] = []
    for triple in result:
        if len(triples) == max_rows:
            return ("too_many", f"the result has more than {max_rows} triples")
        triples.append(triple)
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(GRAPH_FORMATS[fmt]), prefixes=dict(PREFIXES))
    return ("ok", body or b"", "graph", len(triples))


def _worker_main(rx: Connection, tx: Connection) -> None:
    """Load the dataset (the first message) and answer ``(text, fmt, bindings)`` messages until ``None``."""
    import resource

    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    data, max_rows, memory_bytes = rx.recv()
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    except Exception as exc:  # bad data: report it to the parent, which raises
        tx.send(("failed", str(exc)))
        return
    del data
    tx.send(("ready", os.getpid()))
    while True:
        try:
            message = rx.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        text, fmt, bindings = message
        tx.send(_execute(store, text, fmt, bindings, max_rows))


def _child() -> None:
    """Entry point of a worker process: ``python -c '...; _child()' RX_FD TX_FD``."""
    sys.stdout = sys.stderr  # a stray print must not reach the parent
    _worker_main(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))


# ------------------------------------------------------------------ parent side --


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    tx: Connection
    rx: Connection


class QueryPool:
    """Worker processes answering SPARQL queries over one N-Triples dataset.

    Parameters
    ----------
    data
        The dataset as N-Triples bytes; every worker loads its own copy.
    workers
        Number of worker processes (queries that run at the same time).
    timeout
        Seconds a query may run; also how long a query waits for an idle worker.
    max_rows
        Largest result (rows for SELECT, triples for CONSTRUCT/DESCRIBE) a query may return.
    memory_mb
        Address-space limit of each worker in MiB (0: none).
    """

    def __init__(
        self,
        data: bytes,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        memory_mb: int = 2048,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.timeout = timeout
        self.max_rows = max_rows
        self._data = data
        self._memory = memory_mb * 1024 * 1024
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        try:
            for worker in [self._spawn() for _ in range(workers)]:
                self._idle.put(self._ready(worker))
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        to_child_r, to_child_w = os.pipe()
        to_parent_r, to_parent_w = os.pipe()
        # The worker imports this module without running neurokg/__init__ (which pulls in pySHACL,
        # networkx...): 0.35 s instead of 1.5 s to start, which is how long a timeout costs capacity.
        code = (
            "import sys, types\n"
            "for name, path in (('neurokg', ''), ('neurokg.server', '/server')):\n"
            f"    pkg = types.ModuleType(name); pkg.__path__ = [{_PACKAGE!r} + path]; sys.modules[name] = pkg\n"
            "from neurokg.server.pool import _child; _child()"
        )
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", code, str(to_child_r), str(to_parent_w)],
                pass_fds=(to_child_r, to_parent_w),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(to_child_r)
            os.close(to_parent_w)
        worker = _Worker(process, Connection(to_child_w, readable=False), Connection(to_parent_r, writable=False))
        with self._lock:
            self._all.add(worker)
        worker.tx.send((self._data, self.max_rows, self._memory))
        return worker

    def _ready(self, worker: _Worker) -> _Worker:
        if not worker.rx.poll(120):
            self._kill(worker)
            raise NeurokgError("a query worker did not start within 120 s")
        try:
            status, detail = worker.rx.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise NeurokgError("a query worker died while loading the data") from None
        if status != "ready":
            self._kill(worker)
            raise NeurokgError(f"a query worker could not load the data: {detail}")
        return worker

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.poll() is None:
            worker.process.kill()
        worker.process.wait(5)
        worker.tx.close()
        worker.rx.close()

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        self.restarts += 1

        def start() -> None:
            if self._closed:
                return
            try:
                fresh = self._ready(self._spawn())
            except NeurokgError:
                log.exception("could not restart a query worker")
                return
            if self._closed:
                self._kill(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=start, name="neurokg-worker-restart", daemon=True).start()

    def pids(self) -> list[int]:
        """Process ids of the live workers (idle or busy)."""
        with self._lock:
            return sorted(w.process.pid for w in self._all)

    def run(self, text: str, fmt: str, *, bindings: Mapping[str, str] | None = None) -> Answer:
        """Run ``text`` and return the whole result serialized as ``fmt``.

        ``fmt`` is a key of :data:`RESULT_FORMATS` (SELECT, ASK) or :data:`GRAPH_FORMATS`
        (CONSTRUCT, DESCRIBE). ``bindings`` become plain literals, bound by the engine.

        Raises
        ------
        PoolBusy, QueryTimeout, WorkerCrashed, TooManyRows
            As their names say; the last is a :class:`QueryError`.
        QueryError
            The engine rejected the query, or ``fmt`` does not suit its form.
        """
        if self._closed:
            raise NeurokgError("the query pool is closed")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(f"every query worker stayed busy for {self.timeout:g} s; try again later") from None
        done = False
        try:
            worker.tx.send((text, fmt, dict(bindings or {})))
            if not worker.rx.poll(self.timeout):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            reply = worker.rx.recv()
            done = True
        except (EOFError, OSError):
            raise WorkerCrashed("the query worker died (the query probably exceeded the memory limit)") from None
        finally:
            if done:
                self._idle.put(worker)
            else:
                self._replace(worker)
        status = reply[0]
        if status == "ok":
            media = RESULT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
            return Answer(reply[1], media, reply[2], reply[3])
        if status == "too_many":
            raise TooManyRows(f"{reply[1]}; add a LIMIT (the endpoint's cap is {self.max_rows})")
        raise QueryError(reply[1])

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                worker.tx.send(None)
            except OSError:
                pass
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            try:
                worker.process.wait(1)
            except subprocess.TimeoutExpired:
                pass
            self._kill(worker)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
