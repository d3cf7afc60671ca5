"""Endpoint fixtures: a server on a free loopback port, clients for each protocol channel, a trap listener."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import rdflib

from neurokg.server.endpoint import make_server
from neurokg.server.http import EndpointServer
from neurokg.server.pool import QueryPool

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="session")
def nt(graph: rdflib.Graph) -> bytes:
    """The real graph as N-Triples, what the workers load."""
    return graph.serialize(format="nt", encoding="utf-8")


@contextmanager
def serving(data: bytes, *, pool_options: dict[str, Any] | None = None, **options: Any) -> Iterator[EndpointServer]:
    """An endpoint over ``data`` on a free loopback port, serving from a thread until the block ends."""
    pool = QueryPool(data, **(pool_options or {}))
    server = make_server(b"", port=0, pool=pool, queries={}, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()
        thread.join(10)


def request(
    server: EndpointServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    *,
    source: str | None = None,
    timeout: float = 60,
) -> Response:
    """One request on a fresh connection, from the loopback address ``source`` if given."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), port, timeout=timeout, source_address=(source, 0) if source else None)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def by_get(server: EndpointServer, query: str, accept: str | None = None, **params: str) -> Response:
    qs = urllib.parse.urlencode({"query": query, **params})
    return request(server, "GET", f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


def by_form(
    server: EndpointServer, fields: dict[str, str], accept: str | None = None, *, origin: str | None = None, **kw: Any
) -> Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if origin:
        headers["Origin"] = origin
    if accept:
        headers["Accept"] = accept
    return request(server, "POST", "/sparql", urllib.parse.urlencode(fields).encode(), headers, **kw)


def by_body(server: EndpointServer, query: str, accept: str | None = None) -> Response:
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request(server, "POST", "/sparql", query.encode("utf-8"), headers)


CHANNELS = {
    "GET": lambda server, query: by_get(server, query),
    "form POST": lambda server, query: by_form(server, {"query": query}),
    "direct POST": by_body,
}
"""The three ways the SPARQL protocol carries a query."""


class Trap:
    """A loopback listener that accepts, counts and closes every connection (nothing may reach it)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def trap() -> Iterator[Trap]:
    listener = Trap()
    yield listener
    listener.close()


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Wait for an event of the server (a safety limit only: nothing is asserted about how long it takes)."""
    limit = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < limit, f"gave up waiting: {what}"
        time.sleep(0.02)
