"""A read-only SPARQL 1.1 Protocol endpoint over the graph, with a query page and the explorer.

``GET``/``POST /sparql`` answers queries (``query=`` in the URL or a form body, or an
``application/sparql-query`` body). SELECT and ASK results come as SPARQL JSON, XML, CSV or TSV and
CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` or by a ``format``
parameter. Parameters named ``$NAME`` bind ``?NAME`` to a plain literal (bound by the engine, as
:func:`neurokg.run_query` does).

Every query is parsed and inspected first (:func:`neurokg.server.guard.inspect_query`): updates,
``LOAD``, ``SERVICE`` and datasets outside the store are refused with 403 before anything runs; a
malformed query gets 400 with the parser's message. Queries run in worker processes
(:class:`neurokg.server.pool.QueryPool`), never on the request thread's CPU, and the whole result is
serialized before the status line is sent, so a 200 always carries the complete answer.

Status codes: 200 ok; 400 malformed query or request; 403 refused (update, LOAD, SERVICE, FROM
outside the store, a Host header that is not this server's); 404; 405; 406 no acceptable format;
413 request body too large; 415 unsupported content type; 422 the result has more rows than
``max_rows`` (add a LIMIT); 500 the worker died; 503 the query timed out, or every worker stayed
busy (with ``Retry-After``). Every SPARQL response has an ``X-Neurokg-Max-Rows`` header.

The server binds to loopback unless ``allow_remote`` is set, checks the ``Host`` header against
loopback names while bound to loopback (against DNS rebinding), and sends CORS headers
(``Access-Control-Allow-Origin: *``, never with credentials) only when ``cors`` is set.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import mimetypes
import signal
import socket
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from rdflib import Graph

from neurokg.errors import QueryError, UsageError
from neurokg.namespace import PREFIXES
from neurokg.server.guard import QueryRefused, inspect_query
from neurokg.server.pool import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    PoolBusy,
    QueryPool,
    QueryTimeout,
    TooManyRows,
    WorkerCrashed,
)

__all__ = ["EndpointServer", "check_host", "make_server", "negotiate", "serve"]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
"""Largest request body accepted (bytes)."""

_PAGE = Path(__file__).resolve().parent / "web" / "query.html"

# media type accepted in Accept -> format name, per query form, in the server's order of preference
_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
_FORMAT_PARAM = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "nt": "ntriples",
        "ntriples": "ntriples",
        "n-triples": "ntriples",
        "jsonld": "jsonld",
        "json-ld": "jsonld",
        "json": "jsonld",
        "n3": "turtle",
        "rdfxml": "rdfxml",
        "rdf+xml": "rdfxml",
        "xml": "rdfxml",
    },
}
_EXTRA_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle", ".jsonld": "application/ld+json"}
_LOOPBACK_NAMES = {"localhost", "localhost.", "127.0.0.1", "::1", "[::1]"}


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def check_host(host: str, *, allow_remote: bool = False) -> bool:
    """Return whether ``host`` is loopback; raise :class:`UsageError` for another without ``allow_remote``.

    >>> check_host("127.0.0.1"), check_host("localhost")
    (True, True)
    >>> check_host("0.0.0.0", allow_remote=True)
    False
    """
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise UsageError(f"cannot resolve --host {host!r}: {exc}") from exc
    loopback = all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)
    if not loopback and not allow_remote:
        raise UsageError(
            f"--host {host} is not a loopback address: the endpoint would be reachable from other machines; "
            "add --allow-remote if that is intended"
        )
    return loopback


def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    ranges = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    return ranges


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> str | None:
    """Pick the result format for a query of form ``kind`` from ``Accept`` or a ``format`` value.

    Returns a key of :data:`~neurokg.server.pool.RESULT_FORMATS` (select, ask) or
    :data:`~neurokg.server.pool.GRAPH_FORMATS` (construct, describe), or ``None`` if nothing offered
    is acceptable. No ``Accept`` (or ``*/*``) gives SPARQL JSON, or Turtle for graphs.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("application/json", "construct"), negotiate(None, "ask", "tsv")
    ('jsonld', 'tsv')
    >>> negotiate("image/png", "select") is None
    True
    """
    graph = kind in ("construct", "describe")
    types = _GRAPH_TYPES if graph else _RESULT_TYPES
    if fmt:
        name = _FORMAT_PARAM["graph" if graph else "select"].get(fmt.strip().lower())
        return name or negotiate(fmt, kind)  # a media type, or a list of them (as SPARQLWrapper sends)
    ranges = _parse_accept(accept or "*/*")
    best: tuple[float, int, int, int] | None = None
    choice = None
    for order, (media, name) in enumerate(types.items()):
        main = media.split("/")[0]
        match: tuple[int, float, int] | None = None  # (specificity, q, position in Accept)
        for rng, q, index in ranges:
            spec = 3 if rng == media else 2 if rng == f"{main}/*" else 1 if rng == "*/*" else 0
            if spec and (match is None or spec > match[0]):
                match = (spec, q, index)
        if match is None or match[1] <= 0:
            continue
        key = (match[1], match[0], -match[2], -order)
        if best is None or key > best:
            best, choice = key, name
    return choice


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server; ``pool`` runs the queries. Call :meth:`close` to stop the workers too."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        *,
        cors: bool = False,
        loopback: bool = True,
        dist: Path | None = None,
        queries: Mapping[str, Any] | None = None,
        graphs: tuple[str, ...] = (),
    ) -> None:
        self.pool = pool
        self.cors = cors
        self.loopback = loopback
        self.dist = dist.resolve() if dist is not None else None
        self.queries = dict(queries) if queries is not None else _named_queries()
        self.graphs = graphs
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        host = host if isinstance(host, str) else host.decode()
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def close(self) -> None:
        """Stop serving, close the socket and stop the worker processes."""
        self.server_close()
        self.pool.close()


def _named_queries() -> dict[str, Any]:
    from neurokg.query import named_queries

    return dict(named_queries())


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "neurokg-sparql"
    timeout = 60  # seconds a client may take to send its request
    disable_nagle_algorithm = True  # headers and body are two writes: without this, 40 ms delayed-ACK stalls

    # ------------------------------------------------------------- plumbing --

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
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

    def _error(self, exc: _HTTPError) -> None:
        body = (exc.message.rstrip() + "\n").encode("utf-8")
        self._send(exc.status, body, "text/plain; charset=utf-8", exc.headers)

    def _guarded(self, action: Any) -> None:
        try:
            self._check_host()
            action()
        except _HTTPError as exc:
            self._error(exc)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            log.exception("internal error")
            self._error(_HTTPError(500, "internal error; see the server log"))

    def _check_host(self) -> None:
        if not self.server.loopback:
            return
        host = self.headers.get("Host")
        if host is None:
            return
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.lower() not in _LOOPBACK_NAMES:
            raise _HTTPError(403, f"Host {host!r} is not this loopback server (DNS rebinding protection)")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise _HTTPError(411, "send the body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise _HTTPError(400, "bad Content-Length") from None
        if length > MAX_BODY:
            self.close_connection = True
            raise _HTTPError(413, f"request body larger than {MAX_BODY} bytes")
        return self.rfile.read(length) if length > 0 else b""

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
        def refuse() -> None:
            self._read_body()
            raise _HTTPError(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST, OPTIONS"})

        self._guarded(refuse)

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _get(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._sparql(self._form(url.query))
        elif url.path in ("/", "/index.html"):
            self._page()
        elif url.path == "/queries.json":
            self._send(200, json.dumps(self._query_list(), indent=1).encode(), "application/json")
        else:
            self._static(url.path)

    def _post(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body()
        if url.path != "/sparql":
            raise _HTTPError(404 if url.path not in ("/", "/queries.json") else 405, f"no POST at {url.path}")
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = self._form(url.query)
        if ctype == "application/x-www-form-urlencoded":
            for key, values in self._form(self._decode(body)).items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            if "query" in params:
                raise _HTTPError(400, "give the query either in the body or as a parameter, not both")
            params["query"] = [self._decode(body)]
        elif ctype == "application/sparql-update":
            raise _HTTPError(403, "updates are refused: this endpoint is read-only")
        else:
            raise _HTTPError(
                415, "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)"
            )
        self._sparql(params)

    @staticmethod
    def _decode(data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _HTTPError(400, f"the request is not UTF-8: {exc}") from None

    @staticmethod
    def _form(text: str) -> dict[str, list[str]]:
        # decoded exactly once; '+' is a space, '%2B' a plus, '%25' a percent sign
        try:
            return parse_qs(text, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError) as exc:
            raise _HTTPError(400, f"bad form encoding: {exc}") from None

    # --------------------------------------------------------------- SPARQL --

    def _sparql(self, params: dict[str, list[str]]) -> None:
        cap = {"X-Neurokg-Max-Rows": str(self.server.pool.max_rows), "Vary": "Accept"}
        if "update" in params:
            raise _HTTPError(403, "updates are refused: this endpoint is read-only", cap)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise _HTTPError(400, "give exactly one query parameter" if queries else "missing query parameter", cap)
        text = queries[0]
        for key in ("default-graph-uri", "named-graph-uri"):
            for iri in params.get(key, []):
                if iri not in self.server.graphs:
                    raise _HTTPError(403, f"{key} <{iri}> is refused: only graphs in the store may be named", cap)
        formats = params.get("format", [])
        bindings = {k[1:]: v[-1] for k, v in params.items() if k.startswith("$") and len(k) > 1}
        try:
            kind = inspect_query(text, graphs=self.server.graphs)
        except QueryRefused as exc:
            raise _HTTPError(403, str(exc), cap) from None
        except QueryError as exc:
            raise _HTTPError(400, str(exc), cap) from None
        fmt = None
        for value in formats:  # SPARQLWrapper repeats format=, with a name then media types
            fmt = fmt or negotiate(None, kind, value)
        fmt = fmt or negotiate(self.headers.get("Accept"), kind)
        if fmt is None:
            offered = GRAPH_FORMATS if kind in ("construct", "describe") else RESULT_FORMATS
            raise _HTTPError(406, f"no acceptable format; {kind} results come as {', '.join(offered.values())}", cap)
        started = time.perf_counter()
        try:
            answer = self.server.pool.run(text, fmt, bindings=bindings)
        except QueryTimeout as exc:
            raise _HTTPError(503, str(exc), cap) from None
        except PoolBusy as exc:
            raise _HTTPError(503, str(exc), {**cap, "Retry-After": "5"}) from None
        except WorkerCrashed as exc:
            raise _HTTPError(500, str(exc), cap) from None
        except TooManyRows as exc:
            raise _HTTPError(422, str(exc), cap) from None
        except QueryError as exc:
            raise _HTTPError(400, str(exc), cap) from None
        log.info("%s query: %d rows in %.3f s", kind, answer.count, time.perf_counter() - started)
        media = answer.media_type
        if media.startswith("text/") or media.endswith(("json", "xml", "n-triples")):
            media += "; charset=utf-8"
        self._send(200, answer.body, media, {**cap, "X-Neurokg-Rows": str(answer.count), "Cache-Control": "no-store"})

    # ---------------------------------------------------------------- pages --

    def _query_list(self) -> list[dict[str, Any]]:
        return [
            {"name": q.name, "description": q.description, "params": dict(q.params), "text": q.text}
            for q in self.server.queries.values()
        ]

    def _page(self) -> None:
        config = {
            "queries": self._query_list(),
            "explorer": self._dist_file("explorer.html") is not None,
            "prefixes": dict(PREFIXES),
        }
        data = json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        html = _PAGE.read_text(encoding="utf-8").replace("/*CONFIG*/null", data)
        csp = (
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
        )
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": csp})

    def _dist_file(self, relative: str) -> Path | None:
        root = self.server.dist
        if root is None or not relative or any(p.startswith(".") for p in relative.split("/")):
            return None
        path = (root / relative).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return path

    def _static(self, url_path: str) -> None:
        from urllib.parse import unquote

        path = self._dist_file(unquote(url_path).lstrip("/"))
        if path is None:
            hint = " (build it first: neurokg build)" if url_path == "/explorer.html" else ""
            raise _HTTPError(404, f"not found: {url_path}{hint}")
        ctype = _EXTRA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("json", "javascript", "n-triples")):
            ctype += "; charset=utf-8"
        self._send(200, path.read_bytes(), ctype)


def _dataset(graph: Graph | bytes | str | Path) -> bytes:
    if isinstance(graph, Graph):
        return graph.serialize(format="nt", encoding="utf-8")
    if isinstance(graph, bytes):
        return graph
    path = Path(graph)
    if not path.is_file():
        raise UsageError(f"N-Triples file not found: {path}")
    return path.read_bytes()


def make_server(
    graph: Graph | bytes | str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    cors: bool = False,
    workers: int = 2,
    dist: str | Path | None = None,
    allow_remote: bool = False,
    queries: Mapping[str, Any] | None = None,
) -> EndpointServer:
    """Start the worker processes and bind the endpoint (call ``serve_forever()`` on the result).

    Parameters
    ----------
    graph
        An rdflib graph, N-Triples bytes, or the path of an N-Triples file (``dist/neurokg.nt``).
    host, port
        Where to listen; port 0 picks a free one (see :attr:`EndpointServer.url`).
    timeout
        Seconds a query may run before its worker is killed (503).
    max_rows
        Results with more rows or triples are refused with 422.
    cors
        Send ``Access-Control-Allow-Origin: *`` (no credentials).
    workers
        Worker processes, i.e. queries that run at the same time.
    dist
        A build output directory whose files (``explorer.html``...) are served at ``/``.
    allow_remote
        Allow a non-loopback ``host`` (a warning is logged).
    queries
        Named queries offered by the query page (default :func:`neurokg.named_queries`).
    """
    loopback = check_host(host, allow_remote=allow_remote)
    if not loopback:
        log.warning("listening on %s: the endpoint is reachable from other machines", host)
    if timeout <= 0 or max_rows < 0:
        raise UsageError("--timeout must be positive and --max-rows not negative")
    pool = QueryPool(_dataset(graph), workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        return EndpointServer(
            (host, port),
            pool,
            cors=cors,
            loopback=loopback,
            dist=Path(dist) if dist is not None else None,
            queries=queries,
        )
    except OSError as exc:
        pool.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc}") from exc


def serve(graph: Graph | bytes | str | Path, **options: Any) -> None:
    """Run :func:`make_server` until Ctrl-C or SIGTERM; print the URLs first."""
    server = make_server(graph, **options)
    stop = threading.Event()

    def terminate(signum: int, frame: object) -> None:
        if not stop.is_set():
            stop.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, terminate)
    print(f"SPARQL endpoint: {server.url}sparql", flush=True)
    print(f"query page:      {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
