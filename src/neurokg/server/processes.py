"""The pool's side of the processes: start the store process (:mod:`neurokg.server.store`), have it fork query
workers (:mod:`neurokg.server.worker`), and end them, learning how they ended.

The pool creates each worker's two pipes itself and hands the worker's ends to the store process over
its control socket, so a process or descriptor shortage shows here, in the pool, as an ``OSError``.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from neurokg.core.errors import NeurokgError
from neurokg.server.isolation import Isolation
from neurokg.server.store import receive, send
from neurokg.server.worker import death, describe_status

__all__ = ["StoreProcess", "Worker"]

log = logging.getLogger(__name__)

_BOOT = "from neurokg.server.store import bootstrap; bootstrap()"
"""The store process imports only what it runs: the package ``__init__`` files load their names lazily."""
_CONTROL_TIMEOUT = 60.0  # seconds the store process may take to fork or reap; it reads no client input


@dataclass(eq=False)
class Worker:
    """A query worker: its pid, and the pipes to (``tx``) and from (``rx``) it."""

    pid: int
    tx: Connection
    rx: Connection
    store: StoreProcess = field(repr=False)

    def ask(self, request: Sequence[Any], budget: float, limits: Mapping[str, Any]) -> tuple[tuple[Any, ...], bool]:
        """The reply to ``request`` within ``budget`` seconds, and whether the worker is still alive.

        A worker that overruns the budget is ended and the reply says so; one that dies says how. Raises
        :class:`BrokenPipeError` when the worker was already dead (killed from outside while idle) before
        it could read the query: the query is not to blame, and may be asked again of another worker.
        """
        if self.rx.poll(0):  # an idle worker has nothing to say: it ended, and the pipe holds its EOF
            raise BrokenPipeError("the worker ended while idle")
        self.tx.send((*request, budget))
        try:
            if self.rx.poll(max(budget, 0.0)):
                return self.rx.recv(), True
        except (EOFError, OSError):
            return death(self.end(), limits), False
        self.end()
        return ("timeout", f"the query ran longer than {limits['timeout']:g} s and was stopped"), False

    def end(self) -> int | None:
        """Stop the worker (SIGKILL, through the store process that reaps it) and close the pipes; its status."""
        try:
            status = self.store.end(self.pid)
        except (OSError, NeurokgError):  # the store process is gone, and its workers with it
            status = None
        self.tx.close()
        self.rx.close()
        return status


class StoreProcess:
    """The process that holds the dataset and forks workers; ``ready()`` waits until it has loaded the data."""

    def __init__(self, data: bytes, limits: Mapping[str, Any]) -> None:
        self._lock = threading.Lock()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        data_r, data_w = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(data_r), str(theirs.fileno())],
                pass_fds=(data_r, theirs.fileno()),
                stdin=subprocess.DEVNULL,
                # few malloc arenas: each thread's arena reserves 64 MiB of address space, which the workers'
                # memory limit (RLIMIT_AS) counts; without this a cheap query could cross it by chance
                env={**os.environ, "MALLOC_ARENA_MAX": "2"},
            )
        except BaseException:
            mine.close()
            os.close(data_w)
            raise
        finally:
            theirs.close()
            os.close(data_r)
        self.control = mine
        data_out = Connection(data_w, readable=False)
        try:
            data_out.send(limits["isolation"])
            data_out.send((data, dict(limits)))
        except OSError:
            pass  # it died at once: ready() reports it
        finally:
            data_out.close()

    @property
    def pid(self) -> int:
        return self.process.pid

    def ready(self, seconds: float = 120) -> Isolation:
        """Wait until the data is loaded; the workers' isolation. Kills the process and raises if it failed."""
        reply = self._reply(seconds, "load the data")
        if reply[0] != "ready":
            self.kill()
            raise NeurokgError(f"a query worker could not start: {reply[1]}")
        return Isolation(reply[1], reply[2])

    def fork(self) -> Worker:
        """A new worker sharing the loaded store. Raises ``OSError`` (no pipe, no fork) or :class:`NeurokgError`."""
        to_worker_r, to_worker_w = os.pipe()
        try:
            from_worker_r, from_worker_w = os.pipe()
        except OSError:
            os.close(to_worker_r)
            os.close(to_worker_w)
            raise
        try:
            with self._lock:
                send(self.control, ("fork",), [to_worker_r, from_worker_w])
                reply = self._reply(_CONTROL_TIMEOUT, "fork a worker")
        except BaseException:
            os.close(to_worker_w)
            os.close(from_worker_r)
            raise
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        if reply[1] is None:
            os.close(to_worker_w)
            os.close(from_worker_r)
            raise OSError(f"the store process could not fork a worker: {reply[2]}")
        return Worker(
            reply[1], Connection(to_worker_w, readable=False), Connection(from_worker_r, writable=False), self
        )

    def end(self, pid: int) -> int | None:
        """Kill worker ``pid`` if it still runs and reap it: its wait status (``None`` if already reaped)."""
        with self._lock:
            send(self.control, ("end", pid))
            return self._reply(_CONTROL_TIMEOUT, "end a worker")[1]

    def _reply(self, seconds: float, doing: str) -> tuple[Any, ...]:
        self.control.settimeout(seconds)
        try:
            message, fds = receive(self.control)
        except TimeoutError:
            self.kill()
            raise NeurokgError(f"the store process did not {doing} within {seconds:g} s") from None
        except OSError:
            message, fds = None, []
        for fd in fds:
            os.close(fd)
        if message is None:
            raise NeurokgError(f"the store process died ({describe_status(self._wait())})")
        return message

    def _wait(self) -> int | None:
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            return None
        return -code if code < 0 else code << 8  # as a wait status

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Stop the process (SIGKILL; its workers die with it) and close the control socket."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process always ends
            log.error("the store process %d did not end after SIGKILL", self.process.pid)
        self.control.close()
