"""What a client can hold: a capped number of connections, and no thread for longer than its deadlines."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from neurokg.server.http import EndpointServer

from .conftest import by_get, serving, wait_for

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(nt: bytes) -> Iterator[EndpointServer]:
    with serving(
        nt,
        pool_options={"workers": 2, "timeout": 10, "max_rows": 100_000, "max_bytes": 256 << 20},
        max_connections=4,
        client_timeout=1.0,
    ) as endpoint:
        yield endpoint


def _connect(server: EndpointServer) -> socket.socket:
    sock = socket.create_connection(server.server_address[:2], timeout=30)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_client_trickling_its_request_gets_408_and_is_disconnected(server: EndpointServer) -> None:
    slow = _connect(server)
    slow.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
    assert by_get(server, "ASK {}", "text/csv")[2] == b"true"  # others are served meanwhile
    answer = _read_all(slow)  # ends when the server closes the connection
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert answer.endswith(b"the request was not received within 1 s\n")
    slow.close()


def test_connections_over_the_cap_get_503_at_once_and_the_cap_frees(server: EndpointServer) -> None:
    wait_for(lambda: server.connections.count() == 0, "earlier connections closed")
    idle = [_connect(server) for _ in range(4)]
    wait_for(lambda: server.connections.count() == 4, "four connections counted")
    extra = _connect(server)
    answer = _read_all(extra)
    assert answer.startswith(b"HTTP/1.1 503 Service Unavailable\r\n") and b"Retry-After: 5" in answer
    assert answer.endswith(b"too many connections: this endpoint serves at most 4 at once\n")
    for sock in idle:
        sock.close()
    wait_for(lambda: server.connections.count() == 0, "idle connections dropped or closed")
    assert by_get(server, "ASK {}", "text/csv")[2] == b"true"


def test_a_client_that_does_not_read_its_answer_is_dropped(server: EndpointServer) -> None:
    wait_for(lambda: server.connections.count() == 0, "earlier connections closed")
    server.connections.send_timeout = 1.0
    dropped = server.connections.dropped
    try:
        sock = _connect(server)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        query = "SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20.%20%3Fa%20%3Fb%20%3Fc%20%7D%20LIMIT%2090000"
        sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        # never reads: the server's write blocks until the deadline, then the connection is shut down
        wait_for(lambda: server.connections.dropped > dropped, "the non-reading client dropped")
        wait_for(lambda: server.connections.count() == 0, "its connection closed")
        sock.close()
    finally:
        server.connections.send_timeout = 60.0
