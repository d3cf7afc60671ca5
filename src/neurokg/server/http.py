"""The HTTP side of the endpoint: SPARQL 1.1 Protocol requests, the query page and the build's files.

``GET``/``POST /sparql`` answers queries (``query=`` in the URL or a form body, or an
``application/sparql-query`` body). Parameters named ``$NAME`` bind ``?NAME`` to a plain literal
(bound by the engine); a name that is not a SPARQL variable name is refused with 400 here, before any
worker sees it. The query itself is read, refused or run only in a worker
(:class:`neurokg.server.pool.QueryPool`): the request thread parses HTTP and waits, so no query can
stall the server. The whole result is serialized before the status line is sent, so a 200 always
carries the complete answer. Every status and limit is listed in the README ("SPARQL over HTTP").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from neurokg.core.errors import NeurokgError
from neurokg.server import pages, protocol
from neurokg.server.answers import PoolBusy, status_of
from neurokg.server.connections import Connections, refuse
from neurokg.server.headers import check_host, has_body
from neurokg.server.pool import QueryPool
from neurokg.server.protocol import HTTPError

__all__ = ["MAX_BODY", "MAX_REQUEST_LINE", "EndpointServer"]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
"""Largest request body accepted (bytes): 413 above."""
MAX_REQUEST_LINE = 1 << 20
"""Longest request line (a GET query travels in it, percent-encoded): 414 above."""


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server; ``pool`` runs the queries. Call :meth:`close` to stop the workers too.

    ``base_iri`` resolves the relative IRIs of queries (default: the endpoint's URL, ``{url}sparql``).
    """

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        *,
        cors: bool = False,
        loopback: bool = True,
        dist: Path | None = None,
        queries: Mapping[str, Any] | None = None,
        base_iri: str | None = None,
        max_connections: int = 64,
        client_timeout: float = 10.0,
    ) -> None:
        self.pool = pool
        self.cors = cors
        self.loopback = loopback
        self.dist = dist.resolve() if dist is not None else None
        self.queries = dict(queries) if queries is not None else _named_queries()
        self.connections = Connections(max_connections, client_timeout)
        try:
            super().__init__(address, _Handler)
        except BaseException:
            self.connections.close()
            raise
        self.base_iri = base_iri or f"{self.url}sparql"

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        host = host if isinstance(host, str) else host.decode()
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.admit(request):
            log.warning("refused a connection from %s: %d open", client_address[0], self.connections.limit)
            message = f"too many connections: this endpoint serves at most {self.connections.limit} at once"
            refuse(request, "503 Service Unavailable", message, "Retry-After: 5\r\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.connections.leave(request)
        super().shutdown_request(request)

    def close(self) -> None:
        """Stop serving, close the socket and stop the worker processes."""
        self.server_close()
        self.connections.close()
        self.pool.close()


def _named_queries() -> dict[str, Any]:
    from neurokg.sparql.named import named_queries

    return dict(named_queries())


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "neurokg-sparql"  # the whole Server header: no version of neurokg or Python
    disable_nagle_algorithm = True  # headers and body are two writes: without this, 40 ms delayed-ACK stalls
    first = True  # the connection's first request (its deadline is a 408, later ones just close)

    # ------------------------------------------------------------- plumbing --

    def setup(self) -> None:
        # a backstop per socket operation; the deadlines of server.connections come first
        connections = self.server.connections
        self.timeout = max(connections.client_timeout, connections.send_timeout) + 5  # type: ignore[misc]
        self.first = True
        super().setup()

    def handle_one_request(self) -> None:
        """As in :mod:`http.server`, with a longer request line and a deadline for each phase."""
        connections, sock = self.server.connections, self.connection
        connections.expect(sock, "request" if self.first else "idle")
        self.first = False
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.requestline = self.request_version = self.command = ""
                self.send_error(414, f"request line longer than {MAX_REQUEST_LINE} bytes: POST the query")
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            method = getattr(self, f"do_{self.command}", None)
            if method is None:
                self.send_error(501, f"unsupported method {self.command!r}")
                return
            method()
            self.wfile.flush()
        except (TimeoutError, OSError, ValueError):  # deadline passed (socket shut down) or client gone
            self.close_connection = True

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        self.server.connections.expect(self.connection, "answer")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-Neurokg-Max-Rows, X-Neurokg-Rows")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _guarded(self, action: Any) -> None:
        try:
            check_host(self.headers, self.request_version, loopback=self.server.loopback)
            if self.command in ("GET", "HEAD", "OPTIONS") and has_body(self.headers):
                self.close_connection = True  # the body stays unread: it must not be taken for a request
                raise HTTPError(400, f"a {self.command} request has no body: POST the query instead")
            action()
        except HTTPError as exc:
            body = (exc.message.rstrip() + "\n").encode("utf-8")
            self._send(exc.status, body, "text/plain; charset=utf-8", exc.headers)
        except (ConnectionError, TimeoutError):  # the client left, or its deadline shut the socket down
            self.close_connection = True
        except Exception:
            log.exception("internal error")
            self._send(500, b"internal error; see the server log\n", "text/plain; charset=utf-8")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise HTTPError(411, "send the body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise HTTPError(400, "bad Content-Length") from None
        if length > MAX_BODY:
            self.close_connection = True
            raise HTTPError(413, f"request body larger than {MAX_BODY} bytes")
        body = self.rfile.read(length) if length > 0 else b""
        if len(body) != length:
            self.close_connection = True
            raise OSError("the client closed the connection before sending its whole body")
        return body

    # --------------------------------------------------------------- routes --

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def do_OPTIONS(self) -> None:
        def options() -> None:
            headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
            if self.server.cors:
                headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
                headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
                headers["Access-Control-Max-Age"] = "600"
            self._send(204, b"", "text/plain; charset=utf-8", headers)

        self._guarded(options)

    def _not_allowed(self) -> None:
        def refuse_method() -> None:
            self._read_body()
            raise HTTPError(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST, OPTIONS"})

        self._guarded(refuse_method)

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _url(self) -> SplitResult:
        """The request target as sent (http.server turns a leading ``//`` into ``/``: an alias; here no path, 404)."""
        target = self.requestline.split(" ")[1] if self.requestline.count(" ") >= 2 else self.path
        return urlsplit(target)

    def _get(self) -> None:
        url = self._url()
        if url.path == "/sparql":
            self._sparql(protocol.form(url.query))
        elif url.path in ("/", "/index.html"):
            self._page()
        elif url.path == "/queries.json":
            self._send(200, json.dumps(pages.query_list(self.server.queries), indent=1).encode(), "application/json")
        else:
            self._static(url.path)

    def _post(self) -> None:
        url = self._url()
        body = self._read_body()
        if url.path != "/sparql":
            raise HTTPError(404 if url.path not in ("/", "/queries.json") else 405, f"no POST at {url.path}")
        params = protocol.post_params(self.headers.get("Content-Type", ""), body, protocol.form(url.query))
        self._sparql(params)

    # --------------------------------------------------------------- SPARQL --

    def _sparql(self, params: dict[str, list[str]]) -> None:
        cap = {"X-Neurokg-Max-Rows": str(self.server.pool.max_rows), "Vary": "Accept"}
        request = protocol.sparql_request(params, headers=cap)
        self.server.connections.expect(self.connection, None)  # the request is in; the pool keeps time now
        try:
            answer = self.server.pool.run(
                request.query,
                accept=self.headers.get("Accept"),
                formats=request.formats,
                bindings=request.bindings,
                client=self._client(),
                base_iri=self.server.base_iri,
                dataset=request.dataset,
            )
        except NeurokgError as exc:
            headers = {**cap, "Retry-After": "5"} if isinstance(exc, PoolBusy) else cap
            raise HTTPError(status_of(exc), str(exc), headers) from None
        media = answer.media_type
        if media.startswith("text/") or media.endswith(("json", "xml", "n-triples")):
            media += "; charset=utf-8"
        self._send(200, answer.body, media, {**cap, "X-Neurokg-Rows": str(answer.count), "Cache-Control": "no-store"})

    def _client(self) -> str:
        """Who the fairness limit counts: the address, and the page's Origin for requests a browser sends."""
        origin = self.headers.get("Origin")
        return f"{self.client_address[0]} {origin}" if origin else str(self.client_address[0])

    # ---------------------------------------------------------------- pages --

    def _page(self) -> None:
        explorer = pages.build_file(self.server.dist, "explorer.html") is not None
        body = pages.query_page(self.server.queries, explorer=explorer)
        self._send(200, body, "text/html; charset=utf-8", {"Content-Security-Policy": pages.CSP})

    def _static(self, url_path: str) -> None:
        path = pages.build_file(self.server.dist, unquote(url_path).lstrip("/"))
        if path is None:
            hint = " (build it first: neurokg build)" if url_path == "/explorer.html" else ""
            raise HTTPError(404, f"not found: {url_path}{hint}")
        self._send(200, path.read_bytes(), pages.content_type(path))
