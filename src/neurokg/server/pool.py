"""Run SPARQL queries in worker processes, fairly, within one deadline per query.

Each worker (:mod:`neurokg.server.worker`) holds its own pyoxigraph store and answers one query at a
time with the complete, serialized result; everything a client sent is read in a disposable runner
process forked from the worker, so a query can end the runner but not the worker.
:meth:`QueryPool.run` gives a query one deadline, ``timeout`` seconds from its arrival: waiting for a
worker and running both count. A client (an address) holds at most ``per_client`` workers at once
(default: all but one), so one client cannot occupy every worker; waiting queries are served in
arrival order among the clients under their limit. A keeper thread replaces workers that die,
retrying with a growing delay when a start fails, and a query that finds the pool empty makes it try
again at once.

>>> pool = QueryPool(b"<http://e/a> <http://e/p> <http://e/b> .\\n", workers=1, timeout=5)
>>> pool.run("SELECT ?o WHERE { ?s ?p ?o }", "csv").body
b'o\\r\\nhttp://e/b\\r\\n'
>>> pool.close()
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from neurokg.core.errors import NeurokgError
from neurokg.server.answers import Answer, PoolBusy, QueryTimeout, WorkerCrashed, answer_from
from neurokg.server.isolation import MODES, Isolation
from neurokg.server.processes import WorkerProcess, start_worker

__all__ = ["QueryPool"]

log = logging.getLogger(__name__)

_GRACE = 5.0  # seconds past a query's deadline before the pool stops waiting for its worker
_MAX_BACKOFF = 30.0


@dataclass(eq=False)
class _Ticket:
    client: str
    worker: WorkerProcess | None = None
    since: float = field(default_factory=time.monotonic)


class QueryPool:
    """Worker processes answering SPARQL queries over one N-Triples dataset.

    Parameters
    ----------
    data
        The dataset as N-Triples bytes; every worker loads its own copy.
    workers
        Number of worker processes (queries that run at the same time).
    timeout
        Seconds from a query's arrival to its answer, waiting for a worker included.
    max_rows, max_bytes
        Largest result (rows for SELECT, triples for CONSTRUCT/DESCRIBE; bytes serialized).
    memory_mb
        Memory (address space) one query may add to its worker, in MiB (0: no limit).
    per_client
        Workers one client may hold at once (default ``workers - 1``, at least 1).
    guard
        Read every query with :func:`neurokg.server.guard.canonical_query` first. Only tests turn it off.
    isolation
        ``auto``, ``require`` or ``off``: take the workers off the network (:mod:`neurokg.server.isolation`).
    prefixes
        Predeclared prefixes (default: the neurokg ones).
    """

    def __init__(
        self,
        data: bytes,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        max_bytes: int = 8 << 20,
        memory_mb: int = 2048,
        per_client: int | None = None,
        guard: bool = True,
        isolation: str = "auto",
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if isolation not in MODES:
            raise ValueError(f"isolation must be one of {', '.join(MODES)}")
        if prefixes is None:
            from neurokg.core.namespace import PREFIXES

            prefixes = PREFIXES
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.workers = workers
        self.per_client = per_client or max(1, workers - 1)
        self.restarts = 0
        self.isolation: Isolation | None = None
        self.last_error: str | None = None
        self._data = data
        self._limits = {
            "prefixes": dict(prefixes),
            "max_rows": max_rows,
            "max_bytes": max_bytes,
            "memory_bytes": memory_mb << 20,
            "timeout": timeout,
            "guard": guard,
            "isolation": isolation,
        }
        self._cond = threading.Condition()
        self._all: set[WorkerProcess] = set()
        self._idle: list[WorkerProcess] = []
        self._waiting: list[_Ticket] = []
        self._running: Counter[str] = Counter()
        self._starting = 0
        self._kick = False
        self._closed = False
        started: list[WorkerProcess] = []
        try:
            started += [start_worker(data, self._limits) for _ in range(workers)]  # they load in parallel
            for worker in started:
                self.isolation = worker.ready()
                self._all.add(worker)
                self._idle.append(worker)
        except BaseException:
            for worker in started:
                worker.kill()
            self.close()
            raise
        threading.Thread(target=self._keep, name="neurokg-pool-keeper", daemon=True).start()

    # ------------------------------------------------------------ processes --

    def _keep(self) -> None:
        """Keep ``workers`` processes running: start missing ones, waiting longer after each failure."""
        backoff, retry_at = 0.5, 0.0
        with self._cond:
            while not self._closed:
                missing = self.workers - len(self._all) - self._starting
                now = time.monotonic()
                if missing <= 0 or (now < retry_at and not self._kick):
                    self._cond.wait(None if missing <= 0 else retry_at - now)
                    continue
                self._kick = False
                self._starting += 1
                self._cond.release()
                worker: WorkerProcess | None = None
                try:
                    fresh = start_worker(self._data, self._limits)
                    self.isolation = fresh.ready()
                    worker, error = fresh, None
                except (OSError, NeurokgError) as exc:
                    error = exc
                finally:
                    self._cond.acquire()
                    self._starting -= 1
                if worker is None:
                    self.last_error = str(error)
                    log.error("could not start a query worker (retrying in %.1f s): %s", backoff, error)
                    retry_at = time.monotonic() + backoff
                    backoff = min(backoff * 2, _MAX_BACKOFF)
                elif self._closed:
                    worker.kill()
                else:
                    backoff, retry_at, self.last_error = 0.5, 0.0, None
                    self._all.add(worker)
                    self._idle.append(worker)
                    self._grant()

    # ------------------------------------------------------------ scheduling --

    def _grant(self) -> None:
        """Give idle workers to the oldest waiting queries whose client is under its limit (lock held)."""
        granted = False
        for ticket in list(self._waiting):
            if not self._idle:
                break
            if self._running[ticket.client] >= self.per_client:
                continue
            ticket.worker = self._idle.pop()
            self._running[ticket.client] += 1
            self._waiting.remove(ticket)
            granted = True
        if granted:
            self._cond.notify_all()

    def _acquire(self, client: str, deadline: float) -> WorkerProcess:
        ticket = _Ticket(client)
        with self._cond:
            if not self._all:
                self._kick = True  # an empty pool is rebuilt now, not after the back-off
            self._waiting.append(ticket)
            self._grant()
            self._cond.notify_all()
            while ticket.worker is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    self._waiting.remove(ticket)
                    raise PoolBusy(self._busy_reason(client))
                self._cond.wait(remaining)
            return ticket.worker

    def _busy_reason(self, client: str) -> str:
        if not self._all:
            detail = f": {self.last_error}" if self.last_error else ""
            return f"no query worker is running (they are being restarted{detail}); try again later"
        if self._running[client] >= self.per_client:
            return (
                f"this client already runs {self._running[client]} queries, the most one client may run at once; "
                "try again when they are answered"
            )
        return f"every query worker stayed busy for {self.timeout:g} s; try again later"

    def _release(self, worker: WorkerProcess, client: str, *, alive: bool) -> None:
        with self._cond:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            if alive and not self._closed:
                self._idle.append(worker)
            else:
                self._all.discard(worker)
                if not self._closed:
                    self.restarts += 1
            self._grant()
            self._cond.notify_all()
        if not alive:
            worker.kill()

    # ------------------------------------------------------------ queries --

    def run(
        self,
        text: str,
        fmt: str | None = None,
        *,
        accept: str | None = None,
        formats: Sequence[str] = (),
        bindings: Mapping[str, str] | None = None,
        client: str = "",
        base_iri: str | None = None,
        dataset: tuple[Sequence[str], Sequence[str]] | None = None,
    ) -> Answer:
        """Run ``text`` for ``client`` and return the whole result, serialized.

        The format is ``fmt`` (a key of :data:`RESULT_FORMATS` or :data:`GRAPH_FORMATS`) if given, else
        the first usable ``formats`` value, else what ``accept`` prefers. ``bindings`` become plain
        literals, bound by the engine. ``base_iri`` resolves relative IRIs (the endpoint's URL);
        ``dataset`` is ``(default graph IRIs, named graph IRIs)`` of the store (absent graphs are empty),
        replacing the query's ``FROM`` clauses, or ``None``.

        Raises
        ------
        QueryRefused, NotAcceptable, TooManyRows, ResultTooLarge, QueryCrashed
            As their names say (all :class:`QueryError`); a malformed query raises QueryError itself.
        PoolBusy, QueryTimeout, WorkerCrashed
            The query was not started in time, ran out of time, or out of memory.
        """
        if self._closed:
            raise NeurokgError("the query pool is closed")
        deadline = time.monotonic() + self.timeout
        worker = self._acquire(client, deadline)
        graphs = None if dataset is None else (list(dataset[0]), list(dataset[1]))
        request = (text, accept, [fmt] if fmt else list(formats), dict(bindings or {}), base_iri, graphs)
        alive = False
        try:
            budget = deadline - time.monotonic()
            worker.tx.send((*request, budget))
            if not worker.rx.poll(max(budget, 0) + _GRACE):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            reply = worker.rx.recv()
            alive = True
        except (EOFError, OSError):
            raise WorkerCrashed(f"the query worker died ({worker.how_it_ended()}) and is being replaced") from None
        finally:
            self._release(worker, client, alive=alive)
        return answer_from(reply, self.max_rows)

    def pids(self) -> list[int]:
        """Process ids of the live workers (idle or busy)."""
        with self._cond:
            return sorted(w.process.pid for w in self._all)

    def busy(self) -> int:
        """How many workers are running a query now."""
        with self._cond:
            return len(self._all) - len(self._idle)

    def close(self) -> None:
        """Stop every worker."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            try:
                worker.tx.send(None)
            except OSError:
                pass
        for worker in workers:
            try:
                worker.process.wait(1)
            except subprocess.TimeoutExpired:
                pass
            worker.kill()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
