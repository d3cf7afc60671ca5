"""Keep the query workers running: the store process forks them, and replaces those a query or a signal ended.

:class:`Keeper` holds the store process (:class:`neurokg.server.processes.StoreProcess`) and the set of
live workers. A worker that ends is replaced at once by a fresh fork (:meth:`Keeper.replace`); when that
fails (no file descriptor, no process, or the store process itself died and must load the data again)
a keeper thread retries with a growing delay, and a query that finds no worker makes it retry at once.
:class:`neurokg.server.pool.QueryPool` builds on it to schedule queries.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from neurokg.core.errors import NeurokgError
from neurokg.server.isolation import Isolation
from neurokg.server.processes import StoreProcess, Worker

__all__ = ["Keeper"]

log = logging.getLogger("neurokg.server.pool")

_MAX_BACKOFF = 30.0


class Keeper:
    """``workers`` live workers over ``data`` (N-Quads), forked from one store process; see the module."""

    def __init__(self, data: bytes, workers: int, limits: Mapping[str, Any]) -> None:
        self.workers = workers
        self.restarts = 0  # workers replaced after a query or an outside signal ended them
        self.reloads = 0  # store processes started again after one died (the data loaded again)
        self.isolation: Isolation | None = None
        self.last_error: str | None = None
        self._data = data
        self._limits = dict(limits)
        self._cond = threading.Condition()
        self._store: StoreProcess | None = None
        self._all: set[Worker] = set()
        self._idle: list[Worker] = []
        self._starting = 0
        self._kick = False
        self._closed = False
        try:
            self._store = StoreProcess(data, self._limits)
            self.isolation = self._store.ready()
            for _ in range(workers):
                worker = self._store.fork()
                self._all.add(worker)
                self._idle.append(worker)
        except BaseException:
            self.close()
            raise
        threading.Thread(target=self._keep, name="neurokg-pool-keeper", daemon=True).start()

    def _grant(self) -> None:
        """Hand idle workers to waiting queries (lock held); the pool's scheduling."""

    def _fork(self) -> Worker:
        """A fresh worker; the store process is started again first if it died (the data reloaded)."""
        store = self._store
        if store is None or not store.alive():
            if store is not None:
                store.kill()
                self.reloads += 1
            store = StoreProcess(self._data, self._limits)
            try:
                self.isolation = store.ready()
            finally:
                self._store = store
        return store.fork()

    def _keep(self) -> None:
        """Keep ``workers`` processes running: fork missing ones, waiting longer after each failure."""
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
                worker: Worker | None = None
                try:
                    worker, error = self._fork(), None
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
                    worker.end()
                else:
                    backoff, retry_at, self.last_error = 0.5, 0.0, None
                    self._add(worker)

    def _add(self, worker: Worker) -> None:
        """A new worker joins the idle ones (lock held)."""
        self._all.add(worker)
        self._idle.append(worker)
        self._grant()

    def replace(self, worker: Worker) -> Worker | None:
        """End ``worker`` (no longer counted) and fork its successor now; ``None`` leaves it to the keeper."""
        worker.end()
        with self._cond:
            self._all.discard(worker)
            if self._closed:
                return None
            self.restarts += 1
            self._starting += 1
        fresh = None
        try:
            fresh = self._fork()
        except (OSError, NeurokgError) as exc:
            self.last_error = str(exc)
        with self._cond:
            self._starting -= 1
            if fresh is not None:
                self._all.add(fresh)
            else:
                self._kick = True  # the keeper tries again, with its back-off
            self._cond.notify_all()
        return fresh

    def pids(self) -> list[int]:
        """Process ids of the live workers (idle or busy)."""
        with self._cond:
            return sorted(w.pid for w in self._all)

    @property
    def store_pid(self) -> int | None:
        """Process id of the store process, which holds the data and forks the workers."""
        return self._store.pid if self._store is not None else None

    def close(self) -> None:
        """Stop the store process and every worker (they die with it)."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        if self._store is not None:
            self._store.kill()
        for worker in workers:
            worker.tx.close()
            worker.rx.close()
