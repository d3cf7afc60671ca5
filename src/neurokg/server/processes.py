"""Start, check and stop one query worker process (:mod:`neurokg.server.worker`), talking over two pipes."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from neurokg.core.errors import NeurokgError
from neurokg.server.isolation import Isolation

__all__ = ["WorkerProcess", "start_worker"]

log = logging.getLogger(__name__)

_BOOT = "from neurokg.server.worker import bootstrap; bootstrap()"
"""A worker imports only what it runs: the package ``__init__`` files load their names lazily."""


@dataclass(eq=False)
class WorkerProcess:
    """A running worker: its process, and the pipes to (``tx``) and from (``rx``) it."""

    process: subprocess.Popen[bytes]
    tx: Connection
    rx: Connection

    @property
    def pid(self) -> int:
        return self.process.pid

    def ready(self, seconds: float = 120) -> Isolation:
        """Wait until the worker has loaded the data; its isolation. Kills it and raises if it failed."""
        try:
            if not self.rx.poll(seconds):
                raise NeurokgError(f"a query worker did not start within {seconds:g} s")
            reply = self.rx.recv()
        except (EOFError, OSError):
            self.kill()
            raise NeurokgError("a query worker died while loading the data") from None
        except NeurokgError:
            self.kill()
            raise
        if reply[0] != "ready":
            self.kill()
            raise NeurokgError(f"a query worker could not start: {reply[1]}")
        return Isolation(reply[2], reply[3])

    def kill(self) -> None:
        """Stop the process (SIGKILL) and close the pipes."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process always ends
            log.error("query worker %d did not end after SIGKILL", self.process.pid)
        self.tx.close()
        self.rx.close()

    def how_it_ended(self) -> str:
        """``killed by SIGKILL``, ``exit status 1``... for a worker whose pipe closed."""
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"


def start_worker(data: bytes, limits: Mapping[str, Any]) -> WorkerProcess:
    """Start a worker and send it the dataset and its limits; call :meth:`WorkerProcess.ready` next."""
    to_child_r, to_child_w = os.pipe()
    to_parent_r, to_parent_w = os.pipe()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(to_child_r), str(to_parent_w)],
            pass_fds=(to_child_r, to_parent_w),
            stdin=subprocess.DEVNULL,
            # few malloc arenas: each thread's arena reserves 64 MiB of address space, which the runners'
            # memory limit (RLIMIT_AS) counts; without this a cheap query could cross it by chance
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        )
    except BaseException:
        for fd in (to_child_w, to_parent_r):
            os.close(fd)
        raise
    finally:
        os.close(to_child_r)
        os.close(to_parent_w)
    worker = WorkerProcess(process, Connection(to_child_w, readable=False), Connection(to_parent_r, writable=False))
    try:
        worker.tx.send((data, dict(limits)))
    except OSError:
        worker.kill()
        raise
    return worker
