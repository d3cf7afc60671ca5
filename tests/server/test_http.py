"""The SPARQL endpoint, driven by real clients (SPARQLWrapper, http.client, urllib) over loopback."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
import rdflib
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

from neurokg.core.errors import UsageError
from neurokg.server.endpoint import check_host, make_server
from neurokg.server.http import MAX_REQUEST_LINE, EndpointServer
from neurokg.sparql import named_queries, run_query

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
    assert body.startswith(b"malformed query: error at 1:") and body.count(b"\n") == 1
    unknown = _get(endpoint, "SELECT ?x WHERE {\n  ?x nope:p ?y }")[2]
    assert unknown == b"malformed query: unknown prefix nope: at line 2, column 6\n"


def test_a_query_of_64_kib_is_answered_by_get_and_post(endpoint: EndpointServer) -> None:
    values = " ".join(f'"v{i:06d}"' for i in range(7300))
    query = f'SELECT ?x WHERE {{ VALUES ?x {{ {values} }} FILTER(?x = "v000042") }}'
    assert len(query) > 64 * 1024
    assert _get(endpoint, query, "text/csv")[:3:2] == (200, b"x\r\nv000042\r\n")
    assert _form(endpoint, {"query": query}, "text/csv")[:3:2] == (200, b"x\r\nv000042\r\n")


def test_request_line_and_body_caps(endpoint: EndpointServer) -> None:
    long_url = "/sparql?query=" + "A" * MAX_REQUEST_LINE
    status, _, body = _request(endpoint, "GET", long_url)
    assert status == 414 and b"POST the query" in body


def test_bad_parameter_names_are_400_before_any_worker(endpoint: EndpointServer) -> None:
    before = endpoint.pool.pids()
    for name in ("$a-b", "$", "$a b", "$1.5"):
        status, _, body = _request(endpoint, "GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK{}", name: "1"}))
        assert status == 400, name
        assert body.startswith(f"bad parameter {name!r}".encode()), body
    assert endpoint.pool.pids() == before
    for pid in before:
        os.kill(pid, 0)  # every worker alive
    assert _get(endpoint, "ASK {}", "text/csv")[:3:2] == (200, b"true")


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
    assert _request(endpoint, "BREW", "/sparql")[0] == 501
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


def test_engine_errors_after_the_guard_are_400(endpoint: EndpointServer) -> None:
    query = "SELECT ?e WHERE { ?e skos:prefLabel ?name }"
    status, _, body = _form(endpoint, {"query": query, "$name": "diabetes"})
    assert status == 400 and b"SELECT projection" in body


# ------------------------------------------------------------- HTTP hygiene --


def _raw(server: EndpointServer, data: bytes) -> list[bytes]:
    """Send ``data`` as is on one connection; the status lines of every answer until the server closes it."""
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), port), timeout=30) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return re.findall(rb"HTTP/1\.[01] \d{3} [A-Za-z ]*(?=\r\n)", received)  # bodies may not end a line


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_body_where_none_belongs_is_refused_and_never_read_as_a_request(
    endpoint: EndpointServer, method: str
) -> None:
    host = f"Host: 127.0.0.1:{endpoint.server_address[1]}\r\n"
    hidden = f"GET /explorer.html HTTP/1.1\r\n{host}\r\n".encode()
    head = f"{method} /sparql?query=ASK%7B%7D HTTP/1.1\r\n{host}Content-Length: {len(hidden)}\r\n\r\n"
    assert _raw(endpoint, head.encode() + hidden) == [b"HTTP/1.1 400 Bad Request"]  # one answer, then closed
    chunked = f"{method} / HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n{len(hidden):x}\r\n".encode()
    assert _raw(endpoint, chunked + hidden + b"\r\n0\r\n\r\n") == [b"HTTP/1.1 400 Bad Request"]
    # Content-Length: 0 is no body: the next request on the connection is answered
    empty = f"{method} /queries.json HTTP/1.1\r\n{host}Content-Length: 0\r\n\r\n".encode()
    last = f"GET /queries.json HTTP/1.1\r\n{host}Connection: close\r\n\r\n".encode()
    ok = b"HTTP/1.1 204 No Content" if method == "OPTIONS" else b"HTTP/1.1 200 OK"
    assert _raw(endpoint, empty + last) == [ok, b"HTTP/1.1 200 OK"]


def test_http_1_1_needs_exactly_one_host(endpoint: EndpointServer) -> None:
    port = endpoint.server_address[1]
    assert _raw(endpoint, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n") == [b"HTTP/1.1 400 Bad Request"]
    two = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    assert _raw(endpoint, two.encode()) == [b"HTTP/1.1 400 Bad Request"]
    assert _raw(endpoint, b"GET / HTTP/1.0\r\n\r\n") == [b"HTTP/1.1 200 OK"]  # HTTP/1.0 may leave it out


def test_the_server_header_names_no_version(endpoint: EndpointServer) -> None:
    for path in ("/", "/sparql?query=ASK%7B%7D", "/nothing-here"):
        assert _request(endpoint, "GET", path)[1]["server"] == "neurokg-sparql"


@pytest.mark.parametrize(
    "path",
    [
        "/explorer.html/",
        "/sparql/",
        "/sparql/?query=ASK%7B%7D",
        "/queries.json/",
        "/index.html/",
        "//explorer.html",
        "/./explorer.html",
        "/explorer.html%00",
        "/%00",
        "/explorer%00.html/x",
        "/" + "x" * 5000 + ".html",
        "/%FF%FE.html",
    ],
)
def test_no_aliases_and_bad_static_paths_are_404(endpoint: EndpointServer, path: str) -> None:
    assert _request(endpoint, "GET", path)[0] == 404
    assert _request(endpoint, "POST", path, b"query=ASK%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"})[
        0
    ] in (404, 405)


def test_a_body_in_another_charset_than_utf8_is_415(endpoint: EndpointServer) -> None:
    headers = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    status, _, body = _request(endpoint, "POST", "/sparql", "ASK {}".encode("utf-16"), headers)
    assert (status, body) == (415, b"the body must be UTF-8, not UTF-16\n")
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"}
    assert _request(endpoint, "POST", "/sparql", b"query=ASK%7B%7D", headers)[0] == 415
    headers = {"Content-Type": 'application/sparql-query; charset="utf-8"', "Accept": "text/csv"}
    assert _request(endpoint, "POST", "/sparql", b"ASK {}", headers)[:3:2] == (200, b"true")
