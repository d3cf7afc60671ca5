"""The query side of the W3C SPARQL 1.1 Protocol test suite, against ``neurokg serve`` started from the command line.

Each test gets a server that holds the test's graphs (``ut:graphData``) as named graphs, given at start
with ``--named-graph IRI FILE``; its default graph is the session build (``serve --dist`` serves only a
current build), which no test reads without naming a dataset. Tests with the same graphs share one. The
manifest's ``/sparql/`` path prefix is replaced by this endpoint's ``/sparql``, as the manifest says a
runner does, and its authority by the server's loopback address. Every request is sent as written
(method, headers, body in the encoding the manifest gives); the response must have the expected status
class, a format of the expected kind and, for ASK, the expected boolean.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import rdflib

from tests.conftest import BUILT, ROOT

from .w3c import SUITE, ProtocolTest, Request, protocol_tests

pytestmark = [pytest.mark.server, BUILT]

TESTS = protocol_tests() if SUITE.is_dir() else []
QUERY_SIDE = [t for t in TESTS if t.query_side]
KNOWN_FAILURES: dict[str, str] = {}
"""Query-side tests this endpoint fails on purpose, with the reason (the README lists them): none."""

_RESULTS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_RDF = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}
_SRX = "{http://www.w3.org/2005/sparql-results#}"

Server = tuple[str, int]


def test_the_suite_is_there_with_twenty_query_side_tests() -> None:
    assert SUITE.is_dir(), f"the W3C protocol suite is missing: {SUITE}"
    assert len(TESTS) == 34 and len(QUERY_SIDE) == 20


@pytest.fixture(scope="module")
def servers(built) -> Iterator[Callable[[ProtocolTest], Server]]:
    """``server(test)``: a ``neurokg serve`` holding the test's graphs, started on first use."""
    dist = built.out
    running: dict[tuple[tuple[str, Path], ...], tuple[subprocess.Popen[str], Server]] = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def server(test: ProtocolTest) -> Server:
        if test.graphs not in running:
            named = [arg for iri, path in test.graphs for arg in ("--named-graph", iri, str(path))]
            cmd = [sys.executable, "-m", "neurokg", "serve", "--port", "0", "--dist", str(dist), *named]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if not line.startswith("SPARQL endpoint: http://127.0.0.1:"):
                proc.kill()
                raise AssertionError(f"neurokg serve did not start: {line}{proc.communicate()[1]}")
            port = int(line.rsplit(":", 1)[1].split("/")[0])
            running[test.graphs] = (proc, ("127.0.0.1", port))
        return running[test.graphs][1]

    yield server
    for proc, _ in running.values():
        proc.terminate()
        proc.wait(30)


def _send(address: Server, request: Request) -> tuple[int, str, bytes]:
    assert request.path.startswith("/sparql/")
    path = "/sparql" + request.path[len("/sparql/") :]  # the endpoint is /sparql; the query string stays
    conn = http.client.HTTPConnection(*address, timeout=60)
    try:
        conn.putrequest(request.method, path)
        for name, value in request.headers:
            conn.putheader(name, value)
        if request.body is not None:
            conn.putheader("Content-Length", str(len(request.body)))
        conn.endheaders(request.body)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


def _boolean(media: str, body: bytes) -> bool:
    if _RESULTS[media] == "json":
        value = json.loads(body)["boolean"]
    else:
        value = ET.fromstring(body).findtext(f"{_SRX}boolean") == "true"
    assert isinstance(value, bool)
    return value


def _check(request: Request, status: int, ctype: str, body: bytes) -> None:
    assert f"{status // 100}xx" in request.statuses, (status, body[:300])
    media = ctype.split(";")[0].strip()
    if request.result_format == "boolean":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml"), media
    elif request.result_format == "tabular":
        assert media in _RESULTS, media
        if _RESULTS[media] == "json":
            assert "bindings" in json.loads(body)["results"]
    elif request.result_format == "RDF":
        assert media in _RDF, media
        rdflib.Graph().parse(data=body, format=_RDF[media])
    if request.boolean is not None:
        assert _boolean(media, body) is request.boolean


@pytest.mark.parametrize("test", QUERY_SIDE, ids=lambda t: t.name)
def test_query_side(test: ProtocolTest, servers: Callable[[ProtocolTest], Server]) -> None:
    if test.name in KNOWN_FAILURES:
        pytest.xfail(KNOWN_FAILURES[test.name])
    address = servers(test)
    for request in test.requests:
        _check(request, *_send(address, request))
