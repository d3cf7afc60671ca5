"""Run SPARQL queries in worker processes, fairly, within one deadline per query.

One store process (:mod:`neurokg.server.store`) loads the dataset once and forks the workers
(:mod:`neurokg.server.worker`), which share it copy-on-write; each answers one query at a time with the
complete, serialized result. A query that overruns its deadline, crashes the engine or overruns its
memory ends only its worker, which is replaced at once by a fresh fork (milliseconds, no reload).
:meth:`QueryPool.run` gives a query one deadline, ``timeout`` seconds from its arrival: waiting for a
worker and running both count. A client (an address) holds at most ``per_client`` workers at once
(default: all but one), so one client cannot occupy every worker; waiting queries are served in
arrival order among the clients under their limit. Keeping the workers running is
:class:`neurokg.server.keeper.Keeper`'s part.

>>> pool = QueryPool(b"<http://e/a> <http://e/p> <http://e/b> .\\n", workers=1, timeout=5)
>>> pool.run("SELECT ?o WHERE { ?s ?p ?o }", "csv").body
b'o\\r\\nhttp://e/b\\r\\n'
>>> pool.close()
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from neurokg.core.errors import NeurokgError
from neurokg.server.answers import Answer, PoolBusy, answer_from
from neurokg.server.isolation import MODES
from neurokg.server.keeper import Keeper
from neurokg.server.processes import Worker

__all__ = ["QueryPool"]


@dataclass(eq=False)
class _Ticket:
    client: str
    worker: Worker | None = None
    held_back: bool = False  # it waited because its client held its share of the workers


class QueryPool(Keeper):
    """Worker processes answering SPARQL queries over one dataset, loaded once.

    Parameters
    ----------
    data
        The dataset as N-Quads (or N-Triples) bytes, loaded once by the store process.
    workers
        Number of worker processes (queries that run at the same time), sharing the loaded data.
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
        self.per_client = per_client or max(1, workers - 1)
        self._waiting: list[_Ticket] = []
        self._running: Counter[str] = Counter()
        limits = {
            "prefixes": dict(prefixes),
            "max_rows": max_rows,
            "max_bytes": max_bytes,
            "memory_bytes": memory_mb << 20,
            "timeout": timeout,
            "guard": guard,
            "isolation": isolation,
        }
        super().__init__(data, workers, limits)

    # ------------------------------------------------------------ scheduling --

    def _grant(self) -> None:
        """Give idle workers to the oldest waiting queries whose client is under its limit (lock held)."""
        granted = False
        for ticket in list(self._waiting):
            if not self._idle:
                break
            if self._running[ticket.client] >= self.per_client:
                ticket.held_back = True
                continue
            ticket.worker = self._idle.pop()
            self._running[ticket.client] += 1
            self._waiting.remove(ticket)
            granted = True
        if granted:
            self._cond.notify_all()

    def _acquire(self, client: str, deadline: float) -> Worker:
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
                    raise PoolBusy(self._busy_reason(client, ticket.held_back))
                self._cond.wait(remaining)
            if time.monotonic() >= deadline:  # granted as its time ran out: not started in time
                self._idle.append(ticket.worker)
                self._running[client] -= 1
                if self._running[client] <= 0:
                    del self._running[client]
                self._grant()
                raise PoolBusy(self._busy_reason(client, ticket.held_back))
            return ticket.worker

    def _busy_reason(self, client: str, held_back: bool = False) -> str:
        if not self._all:
            detail = f": {self.last_error}" if self.last_error else ""
            return f"no query worker is running (they are being restarted{detail}); try again later"
        if held_back or self._running[client] >= self.per_client:
            return (
                f"this client already runs {self.per_client} queries, the most one client may run at once; "
                "try again when they are answered"
            )
        return f"every query worker stayed busy for {self.timeout:g} s; try again later"

    def _release(self, worker: Worker | None, client: str) -> None:
        """The client's query is done; ``worker`` (if any) is idle again."""
        with self._cond:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            if worker is not None and not self._closed and worker in self._all:
                self._idle.append(worker)
            self._grant()
            self._cond.notify_all()

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
        idle: Worker | None = worker  # the worker that goes back to the idle ones
        try:
            try:
                reply, alive = worker.ask(request, deadline - time.monotonic(), self._limits)
            except BrokenPipeError:  # it died while idle (killed from outside): not this query's doing
                idle = self.replace(worker)
                if idle is None:
                    raise PoolBusy(self._busy_reason(client)) from None
                reply, alive = idle.ask(request, deadline - time.monotonic(), self._limits)
            if not alive and idle is not None:
                idle = self.replace(idle)
        finally:
            self._release(idle, client)
        return answer_from(reply, self.max_rows)

    def busy(self) -> int:
        """How many workers are running a query now."""
        with self._cond:
            return len(self._all) - len(self._idle)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
