"""The store process: loads the dataset once, off the network, and forks the query workers that share it.

Started by :class:`neurokg.server.processes.StoreProcess` as ``python -c ... DATA_FD CONTROL_FD``. It
leaves the network first (:func:`neurokg.server.isolation.isolate`: every process forked from it is off
the network too), loads the dataset into one in-memory pyoxigraph store, and then only obeys its
control socket: ``("fork",)`` with the two pipe ends of a new worker forks one
(:func:`neurokg.server.worker.serve`), which shares the loaded store copy-on-write; ``("end", pid)``
kills a worker (if it still runs), reaps it and returns its wait status, so that the pool can say how a
query ended. It never reads anything a client sent, so no query can end it. Its workers die with it
(``PR_SET_PDEATHSIG``), and it ends when the control socket closes.

Control messages are one pickled tuple per ``SOCK_SEQPACKET`` message, file descriptors attached.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import resource
import signal
import socket
import sys
from collections.abc import Mapping
from multiprocessing.connection import Connection
from typing import Any

from neurokg.server.isolation import isolate
from neurokg.server.worker import serve

__all__ = ["bootstrap", "main", "receive", "send"]

_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def send(sock: socket.socket, message: tuple[Any, ...], fds: list[int] | None = None) -> None:
    """One control message (and file descriptors) on a ``SOCK_SEQPACKET`` socket."""
    socket.send_fds(sock, [pickle.dumps(message)], fds or [])


def receive(sock: socket.socket) -> tuple[tuple[Any, ...] | None, list[int]]:
    """The next control message and its file descriptors; ``(None, [])`` when the other side closed."""
    data, fds, _, _ = socket.recv_fds(sock, 1 << 16, 4)
    if not data:
        for fd in fds:
            os.close(fd)
        return None, []
    return pickle.loads(data), list(fds)


def _fork_worker(store: Any, limits: Mapping[str, Any], control: socket.socket, fds: list[int]) -> int:
    """Fork a worker that answers on ``fds`` (its request pipe, its reply pipe); its pid."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the worker, whose coverage is not collected
        code = 0
        try:
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # the worker dies with the store process
            if os.getppid() != parent:  # it died before the line above
                os._exit(1)
            control.close()
            devnull = os.open(os.devnull, os.O_WRONLY)  # the engine's own crash messages: the reply says it
            os.dup2(devnull, 2)
            serve(store, limits, Connection(fds[0], writable=False), Connection(fds[1], readable=False))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


def _end(pid: int) -> int | None:
    """Kill the worker ``pid`` if it still runs and reap it: its wait status (``None``: not a child)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def main(data_in: Connection, control: socket.socket) -> None:
    """Isolate, load the dataset, report ready, then fork and end workers until the control socket closes."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashed query leaves no core file
    isolation = isolate(data_in.recv())  # before reading anything else
    data, limits = data_in.recv()
    data_in.close()
    if limits["isolation"] == "require" and not isolation.available:
        send(control, ("failed", f"network isolation is required but unavailable: {isolation.detail}"))
        return
    try:
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    except Exception as exc:  # bad data: report it to the parent, which raises
        send(control, ("failed", str(exc)))
        return
    del data
    send(control, ("ready", isolation.available, isolation.detail))
    while True:
        message, fds = receive(control)
        if message is None:
            return
        if message[0] == "fork":
            try:
                pid: int | None = _fork_worker(store, limits, control, fds)
                error = None
            except OSError as exc:  # process or memory limits
                pid, error = None, str(exc)
            finally:
                for fd in fds:
                    os.close(fd)
            send(control, ("forked", pid, error))
        elif message[0] == "end":
            send(control, ("ended", _end(message[1])))


def bootstrap() -> None:
    """Entry point of the store process: ``python -c '...; bootstrap()' DATA_FD CONTROL_FD``."""
    sys.stdout = sys.stderr  # a stray print must not reach the parent
    control = socket.socket(fileno=int(sys.argv[2]))
    main(Connection(int(sys.argv[1]), writable=False), control)
