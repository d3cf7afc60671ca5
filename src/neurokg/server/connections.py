"""Bound what clients can hold: a cap on open connections, and deadlines for sending and reading.

:class:`Connections` counts the open connections of a server (a connection over the cap is answered
503 and closed at once, before any thread is started for it) and keeps one deadline per connection:
a client must have sent its whole request within ``client_timeout`` seconds of connecting or of its
previous answer (so an idle keep-alive connection is closed too), and must read an answer within
:data:`SEND_TIMEOUT` seconds. A reaper thread shuts down the sockets whose deadline passed; a client
still sending its first request gets a 408 first; an idle keep-alive connection is just closed.
Nothing here depends on how slowly bytes trickle in.
"""

from __future__ import annotations

import logging
import socket
import threading
import time

__all__ = ["SEND_TIMEOUT", "Connections", "refuse"]

log = logging.getLogger(__name__)

SEND_TIMEOUT = 60.0
"""Seconds a client has to read a whole answer."""

_TICK = 0.2


def _plain_response(status: str, text: str, extra: str = "") -> bytes:
    body = (text.rstrip() + "\n").encode("utf-8")
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
        f"Connection: close\r\n{extra}\r\n"
    )
    return head.encode("ascii") + body


def refuse(sock: socket.socket, status: str, text: str, extra: str = "") -> None:
    """Write a short plain-text answer without blocking (whatever does not fit is dropped) and shut down."""
    try:
        sock.send(_plain_response(status, text, extra), socket.MSG_DONTWAIT)
    except OSError:
        pass
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class Connections:
    """Open connections of one server, each with an optional deadline and what it is waiting for."""

    def __init__(self, limit: int, client_timeout: float) -> None:
        self.limit = limit
        self.client_timeout = client_timeout
        self.send_timeout = SEND_TIMEOUT
        self.dropped = 0
        self._open: dict[socket.socket, tuple[float | None, str]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._reaper = threading.Thread(target=self._reap, name="neurokg-reaper", daemon=True)
        self._reaper.start()

    def admit(self, sock: socket.socket) -> bool:
        """Count a new connection (its request deadline starts now); ``False`` if the cap is reached."""
        with self._lock:
            if len(self._open) >= self.limit:
                return False
            self._open[sock] = (time.monotonic() + self.client_timeout, "request")
            return True

    def leave(self, sock: socket.socket) -> None:
        """Forget a closed connection."""
        with self._lock:
            self._open.pop(sock, None)

    def expect(self, sock: socket.socket, what: str | None) -> None:
        """Start the deadline for ``request`` or ``idle`` (client sending a first or a next request), or
        ``answer`` (client reading); ``None``: no deadline (the server is working)."""
        seconds = {"request": self.client_timeout, "idle": self.client_timeout, "answer": self.send_timeout}.get(
            what or ""
        )
        with self._lock:
            if sock in self._open:
                self._open[sock] = (None if seconds is None else time.monotonic() + seconds, what or "")

    def count(self) -> int:
        """How many connections are open."""
        with self._lock:
            return len(self._open)

    def close(self) -> None:
        """Stop the reaper."""
        self._stop.set()

    def _reap(self) -> None:
        while not self._stop.wait(_TICK):
            now = time.monotonic()
            with self._lock:
                late = [(s, what) for s, (end, what) in self._open.items() if end is not None and end < now]
                for sock, _ in late:
                    self._open[sock] = (None, "dropped")
            for sock, what in late:
                self.dropped += 1
                if what == "request":
                    log.info("dropped a client that did not send its request within %g s", self.client_timeout)
                    message = f"the request was not received within {self.client_timeout:g} s"
                    refuse(sock, "408 Request Timeout", message)
                else:
                    log.info("closed a connection (%s) after its deadline", what)
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
