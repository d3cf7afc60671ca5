"""The SPARQL endpoint, driven by real clients (SPARQLWrapper, http.client, urllib) over loopback."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

from neurokg.core.errors import QueryError, UsageError
from neurokg.endpoint import EndpointServer, check_host, make_server, negotiate
from neurokg.sparql import named_queries, run_query
from neurokg.sparqlguard import QueryRefused, inspect_query
from tests.conftest import BUILT, ROOT

LABEL = "SELECT ?label WHERE { nk:diabetes skos:prefLabel ?label }"
CONSTRUCT = "CONSTRUCT { nk:diabetes nko:causes ?x } WHERE { nk:diabetes nko:causes ?x }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # |G|^4 rows
NAMED_RQ = """# The entity with a given label
# param: name - a preferred label
SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }
"""
MAX_ROWS = 50
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def endpoint(graph: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    """An in-process endpoint on a free loopback port (no CORS), with a dist/ holding an explorer."""
    base = tmp_path_factory.mktemp("endpoint")
    dist = base / "dist"
    dist.mkdir()
    (dist / "explorer.html").write_text("<!doctype html><title>explorer</title>", encoding="utf-8")
    (dist / ".neurokg-build").write_text("marker", encoding="utf-8")
    (base / "secret.txt").write_text("outside dist", encoding="utf-8")
    queries = base / "queries"
    queries.mkdir()
    (queries / "01-entity.rq").write_text(NAMED_RQ, encoding="utf-8")
    server = make_server(
        graph,
        port=0,
        timeout=TIMEOUT,
        max_rows=MAX_ROWS,
        workers=2,
        dist=dist,
        queries=named_queries(queries),
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.close()
    thread.join(5)


def _url(server: EndpointServer, path: str = "sparql") -> str:
    return server.url + path


def _request(
    server: EndpointServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _get(server: EndpointServer, query: str, accept: str | None = None, **params: str):
    qs = urllib.parse.urlencode({"query": query, **params})
    return _request(server, "GET", f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


def _form(server: EndpointServer, fields: dict[str, str], accept: str | None = None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return _request(server, "POST", "/sparql", urllib.parse.urlencode(fields).encode(), headers)


def _wrapper(server: EndpointServer, query: str, fmt: str) -> object:
    sw = SPARQLWrapper(_url(server))
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(POST)
    return sw.query().convert()


# ------------------------------------------------------------------ formats --

pytestmark = pytest.mark.server


def test_select_json_with_sparqlwrapper(endpoint: EndpointServer) -> None:
    data = _wrapper(endpoint, LABEL, JSON)
    assert data == {
        "head": {"vars": ["label"]},
        "results": {"bindings": [{"label": {"type": "literal", "value": "diabetes", "xml:lang": "en"}}]},
    }


def test_select_xml_with_sparqlwrapper(endpoint: EndpointServer) -> None:
    doc = _wrapper(endpoint, LABEL, XML)
    literals = doc.getElementsByTagName("literal")  # type: ignore[attr-defined]
    assert [(n.firstChild.data, n.getAttribute("xml:lang")) for n in literals] == [("diabetes", "en")]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [(CSV, b"label\r\ndiabetes\r\n"), (TSV, b'?label\n"diabetes"@en\n')],
)
def test_select_csv_tsv_with_sparqlwrapper(endpoint: EndpointServer, fmt: str, expected: bytes) -> None:
    assert _wrapper(endpoint, LABEL, fmt) == expected


@pytest.mark.parametrize(
    ("accept", "ctype", "expected"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", b'"boolean":true'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<boolean>true</boolean>"),
        ("text/csv", "text/csv", b"true"),
        ("text/tab-separated-values", "text/tab-separated-values", b"true"),
    ],
)
def test_ask_every_format(endpoint: EndpointServer, accept: str, ctype: str, expected: bytes) -> None:
    status, headers, body = _get(endpoint, "ASK { nk:diabetes nko:causes ?x }", accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == ctype
    assert expected in body


@pytest.mark.parametrize(
    ("accept", "ctype", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_every_format(
    endpoint: EndpointServer, graph: rdflib.Graph, accept: str, ctype: str, rdflib_format: str
) -> None:
    expected = run_query(graph, CONSTRUCT).graph
    assert expected is not None and len(expected) >= 2
    status, headers, body = _form(endpoint, {"query": CONSTRUCT}, accept)
    assert status == 200, body
    assert headers["content-type"].split(";")[0] == ctype
    assert int(headers["x-neurokg-rows"]) == len(expected)
    assert isomorphic(rdflib.Graph().parse(data=body, format=rdflib_format), expected)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD])
def test_construct_with_sparqlwrapper(endpoint: EndpointServer, graph: rdflib.Graph, fmt: str) -> None:
    got = _wrapper(endpoint, CONSTRUCT, fmt)
    if isinstance(got, bytes):
        got = rdflib.Graph().parse(data=got, format="turtle")
    assert isinstance(got, rdflib.Graph)
    assert isomorphic(got, run_query(graph, CONSTRUCT).graph)


def test_describe_is_a_graph(endpoint: EndpointServer) -> None:
    status, _, body = _get(endpoint, "DESCRIBE nk:diabetes", "application/n-triples")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="nt")
    assert (rdflib.URIRef("https://w3id.org/neurokg/id/diabetes"), None, None) in g


@pytest.mark.parametrize(
    ("fmt", "ctype"),
    [("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("xml", "application/sparql-results+xml")],
)
def test_format_parameter_overrides_accept(endpoint: EndpointServer, fmt: str, ctype: str) -> None:
    status, headers, _ = _get(endpoint, LABEL, "application/sparql-results+json", format=fmt)
    assert status == 200 and headers["content-type"].split(";")[0] == ctype


def test_default_and_wildcard_accept(endpoint: EndpointServer) -> None:
    assert _get(endpoint, LABEL)[1]["content-type"].startswith("application/sparql-results+json")
    assert _get(endpoint, CONSTRUCT, "*/*")[1]["content-type"].startswith("text/turtle")
    assert _get(endpoint, LABEL, "text/csv;q=0.4, application/sparql-results+xml")[1]["content-type"].startswith(
        "application/sparql-results+xml"
    )


def test_unacceptable_format_is_406(endpoint: EndpointServer) -> None:
    status, _, body = _get(endpoint, LABEL, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    assert _get(endpoint, CONSTRUCT, "text/csv")[0] == 406


def test_negotiate_prefers_client_order_then_server_order() -> None:
    assert negotiate("text/csv, application/sparql-results+json", "select") == "csv"
    assert negotiate("*/*", "select") == "json"
    assert negotiate("application/sparql-results+json;q=0, application/json;q=0, */*;q=0.1", "select") == "xml"
    assert negotiate(None, "describe") == "turtle"
    assert negotiate(None, "select", "turtle") is None


# ----------------------------------------------------------------- protocol --


def test_get_form_post_and_direct_post_agree(endpoint: EndpointServer) -> None:
    accept = "application/sparql-results+json"
    by_get = _get(endpoint, LABEL, accept)[2]
    by_form = _form(endpoint, {"query": LABEL}, accept)[2]
    headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept}
    direct = _request(endpoint, "POST", "/sparql", LABEL.encode(), headers)
    assert direct[0] == 200
    assert json.loads(by_get) == json.loads(by_form) == json.loads(direct[2])


def test_form_post_decodes_percent_and_plus_once(endpoint: EndpointServer) -> None:
    query = 'SELECT ?x ?y WHERE { BIND("a%20b" AS ?x) BIND("1+1 é" AS ?y) }'
    status, _, body = _form(endpoint, {"query": query}, "text/csv")
    assert status == 200
    assert body.decode("utf-8") == "x,y\r\na%20b,1+1 é\r\n"


def test_bound_parameters(endpoint: EndpointServer) -> None:
    query = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"
    status, _, body = _form(endpoint, {"query": query, "$name": "diabetes"}, "text/csv")
    assert (status, body) == (200, b"name,e\r\ndiabetes,https://w3id.org/neurokg/id/diabetes\r\n")
    injected = _form(endpoint, {"query": query, "$name": 'diabetes") || true || ("'}, "text/csv")
    assert injected[2] == b"name,e\r\n"


def test_malformed_query_is_400_with_parser_message(endpoint: EndpointServer) -> None:
    status, headers, body = _get(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert body.startswith(b"malformed query: Expected") and b"col:" in body
    assert _get(endpoint, "SELECT ?x WHERE { ?x nope:p ?y }")[2].startswith(b"malformed query: Unknown namespace")


@pytest.mark.parametrize(
    ("path", "body", "ctype"),
    [
        ("/sparql", b"", "application/x-www-form-urlencoded"),
        ("/sparql?query=ASK%7B%7D&query=ASK%7B%7D", b"", "application/x-www-form-urlencoded"),
        ("/sparql", b"query=%FF", "application/x-www-form-urlencoded"),
    ],
)
def test_bad_requests_are_400(endpoint: EndpointServer, path: str, body: bytes, ctype: str) -> None:
    assert _request(endpoint, "POST", path, body, {"Content-Type": ctype})[0] == 400


def test_other_content_types_and_methods(endpoint: EndpointServer) -> None:
    assert _request(endpoint, "POST", "/sparql", b"{}", {"Content-Type": "application/json"})[0] == 415
    status, headers, _ = _request(endpoint, "PUT", "/sparql", b"x", {"Content-Type": "text/turtle"})
    assert status == 405 and "POST" in headers["allow"]
    assert _request(endpoint, "DELETE", "/sparql")[0] == 405
    assert _request(endpoint, "GET", "/nothing-here")[0] == 404


def test_body_size_limit_is_checked_before_reading(endpoint: EndpointServer) -> None:
    host, port = endpoint.server_address[:2]
    conn = http.client.HTTPConnection(str(host), port, timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str((1 << 20) + 1))
    conn.endheaders(b"query=")  # the rest is never sent: the server must answer without waiting for it
    response = conn.getresponse()
    assert (response.status, response.read()) == (413, b"request body larger than 1048576 bytes\n")
    conn.close()


# ----------------------------------------------------------------- refusals --


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, int]]:
    """A loopback socket that must receive no connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.setblocking(False)
    yield sock, sock.getsockname()[1]
    sock.close()


def _no_connection(sock: socket.socket) -> bool:
    time.sleep(0.3)
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return True
    conn.close()
    return False


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?q ?r }} }} }}",
        "ASK {{ FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_never_connects(
    endpoint: EndpointServer, listener: tuple[socket.socket, int], template: str
) -> None:
    sock, port = listener
    status, _, body = _form(endpoint, {"query": template.format(port=port)})
    assert status == 403
    assert body.startswith(b"SERVICE is refused")
    assert _no_connection(sock)


def test_engine_would_connect_without_the_guard(listener: tuple[socket.socket, int]) -> None:
    """Why the guard exists: pyoxigraph itself follows SERVICE (so the refusal above is not vacuous)."""
    import pyoxigraph as ox

    sock, port = listener
    sock.setblocking(True)
    sock.settimeout(5)
    accepted: list[object] = []

    def accept() -> None:
        try:
            conn, _ = sock.accept()
            accepted.append(conn)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"))
    thread.join(6)
    assert len(accepted) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"query": "LOAD <file:///etc/passwd>"}, b"updates are refused: this endpoint is read-only (LOAD)"),
        ({"query": "INSERT DATA { nk:a nk:b nk:c }"}, b"updates are refused: this endpoint is read-only (INSERT DATA)"),
        ({"update": "INSERT DATA { nk:a nk:b nk:c }"}, b"updates are refused"),
        ({"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}, b"FROM <file:///etc/passwd> is refused"),
        ({"query": "SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }"}, b"FROM NAMED <file:///etc/"),
        ({"query": "ASK {}", "default-graph-uri": "file:///etc/passwd"}, b"default-graph-uri <file:///etc/passwd>"),
        ({"query": "ASK {}", "named-graph-uri": "http://example.org/g"}, b"named-graph-uri <http://example.org/g>"),
    ],
)
def test_updates_load_and_outside_datasets_are_refused(
    endpoint: EndpointServer, fields: dict[str, str], message: bytes
) -> None:
    status, _, body = _form(endpoint, fields)
    assert status == 403
    assert body.startswith(message), body
    assert b"root:" not in body


def test_sparql_update_content_type_is_refused(endpoint: EndpointServer) -> None:
    body = b"DROP ALL"
    status, _, text = _request(endpoint, "POST", "/sparql", body, {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in text
    assert _get(endpoint, "ASK { ?s ?p ?o }")[2].find(b"true") >= 0


def test_guard_without_http() -> None:
    assert inspect_query("DESCRIBE nk:diabetes") == "describe"
    assert inspect_query("SELECT * FROM <http://g> { ?s ?p ?o }", graphs=["http://g"]) == "select"
    assert inspect_query('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE') == "select"
    with pytest.raises(QueryRefused, match="CLEAR"):
        inspect_query("CLEAR ALL")
    with pytest.raises(QueryError, match="empty"):
        inspect_query("  ")


# ----------------------------------------------------------- timeout and cap --


def test_timeout_stops_the_query_and_the_server_keeps_answering(endpoint: EndpointServer) -> None:
    pool = endpoint.pool
    before = set(pool.pids())
    restarts = pool.restarts
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.perf_counter()
        outcome["slow"] = _get(endpoint, SLOW)
        outcome["slow_seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    started = time.perf_counter()
    status, _, body = _get(endpoint, LABEL, "text/csv")
    trivial_seconds = time.perf_counter() - started
    assert thread.is_alive(), "the slow query should still be running"
    assert (status, body) == (200, b"label\r\ndiabetes\r\n")
    assert trivial_seconds < 1.0
    thread.join(30)

    status, headers, body = outcome["slow"]  # type: ignore[misc]
    assert status == 503
    assert body == f"the query ran longer than {TIMEOUT:g} s and was stopped\n".encode()
    assert headers["content-type"].startswith("text/plain")
    assert TIMEOUT <= outcome["slow_seconds"] < TIMEOUT + 2  # type: ignore[operator]
    assert pool.restarts == restarts + 1
    killed = before - set(pool.pids())
    assert len(killed) == 1
    (pid,) = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    for _ in range(3):
        assert _get(endpoint, LABEL, "text/csv")[0] == 200


def test_row_cap_refuses_rather_than_truncates(endpoint: EndpointServer) -> None:
    status, headers, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert status == 422
    assert headers["x-neurokg-max-rows"] == str(MAX_ROWS)
    assert (
        body == f"the result has more than {MAX_ROWS} rows; add a LIMIT (the endpoint's cap is {MAX_ROWS})\n".encode()
    )
    status, headers, body = _get(endpoint, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}", "text/csv")
    assert status == 200 and headers["x-neurokg-rows"] == str(MAX_ROWS)
    assert body.count(b"\r\n") == MAX_ROWS + 1
    assert _get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }")[0] == 422


# ------------------------------------------------------ CORS, hosts, pages --


def test_no_cors_unless_asked(endpoint: EndpointServer) -> None:
    headers = {"Origin": "https://evil.example"}
    for method, path in (("GET", f"/sparql?query={urllib.parse.quote(LABEL)}"), ("OPTIONS", "/sparql")):
        _, got, _ = _request(endpoint, method, path, headers=headers)
        assert not any(k.startswith("access-control-") for k in got)


def test_host_header_must_be_loopback(endpoint: EndpointServer) -> None:
    status, _, body = _request(endpoint, "GET", "/", headers={"Host": "evil.example"})
    assert status == 403 and b"DNS rebinding" in body
    assert _request(endpoint, "GET", "/", headers={"Host": f"localhost:{endpoint.server_address[1]}"})[0] == 200


def test_non_loopback_host_needs_allow_remote() -> None:
    assert check_host("127.0.0.1") is True and check_host("::1") is True
    with pytest.raises(UsageError, match="--allow-remote"):
        check_host("0.0.0.0")
    assert check_host("0.0.0.0", allow_remote=True) is False


def test_query_page_is_offline_and_lists_named_queries(endpoint: EndpointServer) -> None:
    status, headers, body = _request(endpoint, "GET", "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert '"name": "01-entity"' in page and '"explorer": true' in page
    assert "</script>" not in page.split("const CONFIG = ", 1)[1].split("\n", 1)[0]
    listed = json.loads(_request(endpoint, "GET", "/queries.json")[2])
    assert [q["name"] for q in listed] == ["01-entity"] and listed[0]["params"] == {"name": "a preferred label"}


def test_explorer_and_dist_files_without_escaping_dist(endpoint: EndpointServer) -> None:
    status, headers, body = _request(endpoint, "GET", "/explorer.html")
    assert (status, body) == (200, b"<!doctype html><title>explorer</title>")
    assert headers["content-type"] == "text/html; charset=utf-8"
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/.neurokg-build", "/..%2fsecret.txt"):
        assert _request(endpoint, "GET", path)[0] == 404, path


# ----------------------------------------------------------------- the CLI --


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@BUILT
def test_cli_serve_with_cors_from_a_dist_directory(built, tmp_path: Path) -> None:
    dist = built.out
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "neurokg", "serve", "--port", str(port), "--cors", "--dist", str(dist)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/sparql", (
            proc.stderr.read() if proc.stderr else ""
        )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/sparql?query={urllib.parse.quote(LABEL)}", headers={"Accept": "text/csv"})
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, b"label\r\ndiabetes\r\n")
        assert response.getheader("Access-Control-Allow-Origin") == "*"
        assert response.getheader("Access-Control-Allow-Credentials") is None
        conn.request("OPTIONS", "/sparql", headers={"Origin": "https://x.example"})
        response = conn.getresponse()
        response.read()
        assert response.status == 204 and "POST" in response.getheader("Access-Control-Allow-Methods", "")
        conn.close()
    finally:
        proc.terminate()
        assert proc.wait(15) == 0


def test_cli_serve_refuses_a_public_host_without_the_flag(cli) -> None:
    code, _, err = cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 2 and "--allow-remote" in err


# ---------------------------------------------------------------- the page --


@pytest.mark.browser
def test_query_page_runs_a_named_query_in_chromium(endpoint: EndpointServer) -> None:
    from playwright.sync_api import sync_playwright

    from tests.chromium import ARGS as args

    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requested.append(r.url))
            page.goto(endpoint.url)
            page.select_option("#named", "01-entity")
            assert "FILTER(STR(?l) = ?name)" in page.input_value("#query")
            page.fill("[data-param=name]", "diabetes")
            page.click("#run")
            page.wait_for_selector("#results td")
            cells = page.locator("#results td").all_inner_texts()
            assert cells == ["diabetes", "nk:diabetes"]
            assert page.inner_text("#status").startswith("1 rows in")
            page.fill("#query", "SELECT * WHERE { ?s ?p ?o }")
            page.click("#run")
            page.wait_for_selector("#status.error")
            assert page.inner_text("#status").startswith("422")
            assert page.is_visible("#explorer")
        finally:
            browser.close()
    assert requested and all(url.startswith(endpoint.url) for url in requested), requested


def test_a_dead_worker_is_reported_and_replaced() -> None:
    import signal

    from neurokg.sparqlpool import QueryPool, WorkerCrashed

    with QueryPool(b"<http://e/a> <http://e/p> <http://e/b> .\n", workers=1, timeout=10) as pool:
        (pid,) = pool.pids()
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        with pytest.raises(WorkerCrashed):
            pool.run("ASK { ?s ?p ?o }", "json")
        deadline = time.monotonic() + 20
        while pool.pids() in ([], [pid]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"
        assert pool.pids() != [pid]


def test_engine_errors_after_the_guard_are_400(endpoint: EndpointServer) -> None:
    query = "SELECT ?e WHERE { ?e skos:prefLabel ?name }"
    status, _, body = _form(endpoint, {"query": query, "$name": "diabetes"})
    assert status == 400 and b"SELECT projection" in body
