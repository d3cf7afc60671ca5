"""Start the endpoint: check where it listens, start the worker pool, bind, and serve until stopped."""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neurokg.core.errors import UsageError
from neurokg.server.dataset import default_graph, nquads
from neurokg.server.http import EndpointServer
from neurokg.server.pool import QueryPool

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["check_host", "make_server", "serve"]

log = logging.getLogger(__name__)


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


def make_server(
    graph: Graph | bytes | str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    max_bytes: int = 8 << 20,
    cors: bool = False,
    workers: int = 3,
    per_client: int | None = None,
    max_connections: int = 64,
    client_timeout: float = 10.0,
    isolation: str = "auto",
    dist: str | Path | None = None,
    allow_remote: bool = False,
    queries: Mapping[str, Any] | None = None,
    named_graphs: Mapping[str, str | Path] | None = None,
    base_iri: str | None = None,
    pool: QueryPool | None = None,
) -> EndpointServer:
    """Start the worker processes and bind the endpoint (call ``serve_forever()`` on the result).

    Parameters
    ----------
    graph
        The default graph: an rdflib graph, N-Triples bytes, or the path of an N-Triples file
        (``dist/neurokg.nt``).
    host, port
        Where to listen; port 0 picks a free one (see :attr:`EndpointServer.url`).
    timeout
        Seconds from a query's arrival to its answer (waiting for a worker included); then 503.
    max_rows, max_bytes
        Results with more rows or triples, or more bytes serialized, are refused with 422.
    cors
        Send ``Access-Control-Allow-Origin: *`` (no credentials).
    workers, per_client
        Worker processes (queries that run at once), and how many of them one client address may
        hold (default: all but one).
    max_connections, client_timeout
        Open connections served at once (503 beyond), and seconds a client has to send its request.
    isolation
        ``auto`` (take workers off the network where the system allows it), ``require`` or ``off``.
    dist
        A build output directory whose files (``explorer.html``...) are served at ``/``.
    allow_remote
        Allow a non-loopback ``host`` (a warning is logged).
    queries
        Named queries offered by the query page (default :func:`neurokg.named_queries`).
    named_graphs
        Named graphs of the store, ``{IRI: RDF file}`` (read once, at start), which queries select with
        ``FROM NAMED``, ``GRAPH`` and the protocol's ``named-graph-uri``/``default-graph-uri``.
    base_iri
        The base IRI of queries (default: the endpoint's URL, ``http://HOST:PORT/sparql``).
    pool
        A ready :class:`QueryPool` to use instead of starting one (``graph`` and the pool options are
        then ignored); closed with the server.
    """
    loopback = check_host(host, allow_remote=allow_remote)
    if not loopback:
        log.warning("listening on %s: the endpoint is reachable from other machines", host)
    if timeout <= 0 or max_rows < 0 or max_bytes <= 0 or max_connections < 1 or client_timeout <= 0:
        raise UsageError(
            "--timeout, --max-bytes, --max-connections and --client-timeout must be positive, --max-rows not negative"
        )
    if pool is None:
        pool = QueryPool(
            nquads(default_graph(graph), named_graphs or {}),
            workers=workers,
            timeout=timeout,
            max_rows=max_rows,
            max_bytes=max_bytes,
            per_client=per_client,
            isolation=isolation,
        )
    if pool.isolation is not None and not pool.isolation.available:
        log.warning("%s", pool.isolation.describe())
    try:
        return EndpointServer(
            (host, port),
            pool,
            cors=cors,
            loopback=loopback,
            dist=Path(dist) if dist is not None else None,
            queries=queries,
            base_iri=base_iri,
            max_connections=max_connections,
            client_timeout=client_timeout,
        )
    except OSError as exc:
        pool.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc}") from exc


def serve(graph: Graph | bytes | str | Path, **options: Any) -> None:
    """Run :func:`make_server` until Ctrl-C or SIGTERM; print the URLs and the workers' isolation first."""
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
    if server.pool.isolation is not None:
        print(f"isolation:       {server.pool.isolation.describe()}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
