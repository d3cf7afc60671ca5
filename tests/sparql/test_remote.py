"""query_endpoint and push against a real Oxigraph server (and our own endpoint) on loopback."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from neurokg.core.errors import QueryError, UsageError
from neurokg.server.endpoint import make_server
from neurokg.sparql import named_queries, run_query
from neurokg.sparql.remote import bind_values, push, query_endpoint

FIND = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"
GRAPH_IRI = "https://w3id.org/neurokg/graph"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        pytest.fail("the oxigraph command is missing: pip install 'oxigraph>=0.4.9' (a test dependency)")
    return found


def _wait_until_up(proc: subprocess.Popen[bytes], url: str) -> None:
    """Wait until the server at ``url`` answers; fail with its stderr if it exits or takes 30 s."""
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"oxigraph did not start: {err}")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory, graph: rdflib.Graph) -> Iterator[str]:
    """A real Oxigraph server on a free loopback port, holding the graph in its default graph."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, url)
        assert push(graph, url + "/store") == len(graph)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


pytestmark = pytest.mark.server


def test_push_fills_the_default_graph(oxigraph: str, graph: rdflib.Graph) -> None:
    result = query_endpoint(oxigraph + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.rows == [(str(len(graph)),)]


def test_push_to_a_named_graph_replaces_it(oxigraph: str, graph: rdflib.Graph) -> None:
    small = rdflib.Graph()
    small.add((rdflib.URIRef("https://w3id.org/neurokg/id/x"), rdflib.RDFS.label, rdflib.Literal("x")))
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?s ?p ?o }} }}"
    assert push(graph, oxigraph + "/store", graph_iri=GRAPH_IRI) == len(graph)
    assert query_endpoint(oxigraph + "/query", count).rows == [(str(len(graph)),)]
    push(small, oxigraph + "/store", graph_iri=GRAPH_IRI)
    assert query_endpoint(oxigraph + "/query", count).rows == [("1",)]


def test_query_endpoint_matches_the_local_engine(oxigraph: str, graph: rdflib.Graph) -> None:
    query = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e ?l"
    remote = query_endpoint(oxigraph + "/query", query)
    local = run_query(graph, query)
    assert remote.columns == local.columns == ["e", "l"]
    assert remote.rows == local.rows and len(local.rows) > 2


def test_bindings_are_values_of_escaped_terms(oxigraph: str) -> None:
    hit = query_endpoint(oxigraph + "/query", FIND, bindings={"name": "diabetes"})
    assert hit.rows == [("diabetes", "https://w3id.org/neurokg/id/diabetes")]
    for evil in ('diabetes") || true || ("', 'x" } } DROP ALL # ', "x\\' } ", "a\nb"):
        assert query_endpoint(oxigraph + "/query", FIND, bindings={"name": evil}).rows == []


def test_ask_and_construct(oxigraph: str, graph: rdflib.Graph) -> None:
    ask = query_endpoint(oxigraph + "/query", "ASK { nk:diabetes nko:causes ?x }")
    assert ask.kind == "ask" and ask.boolean is True and ask.rows == [("true",)]
    construct = "CONSTRUCT { nk:diabetes nko:causes ?x } WHERE { nk:diabetes nko:causes ?x }"
    remote = query_endpoint(oxigraph + "/query", construct)
    assert remote.kind == "graph" and remote.graph is not None
    assert isomorphic(remote.graph, run_query(graph, construct).graph)


def test_errors(oxigraph: str) -> None:
    with pytest.raises(QueryError, match="HTTP 400"):
        query_endpoint(oxigraph + "/query", "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(UsageError, match="cannot reach"):
        query_endpoint(f"http://127.0.0.1:{_free_port()}/query", "ASK {}", timeout=5)
    with pytest.raises(UsageError, match="http or https"):
        query_endpoint("file:///etc/passwd", "ASK {}")
    with pytest.raises(UsageError, match="http or https"):
        push(rdflib.Graph(), "file:///tmp/x")


def test_cli_push_and_query_endpoint(cli, oxigraph: str, graph: rdflib.Graph) -> None:
    code, out, err = cli("push", "--endpoint", oxigraph + "/store", "--graph-iri", GRAPH_IRI)
    assert code == 0, err
    assert out == f"pushed {len(graph)} triples to {oxigraph}/store ({GRAPH_IRI})\n"
    code, out, err = cli("query", "--endpoint", oxigraph + "/query", FIND, "--param", "name=diabetes", "-f", "csv")
    assert (code, out) == (0, "name,e\ndiabetes,https://w3id.org/neurokg/id/diabetes\n"), err
    code, _, err = cli("query", "--endpoint", oxigraph + "/query", "SELECT ?x WHERE { ?x ?y }")
    assert code == 1 and "HTTP 400" in err


def test_query_endpoint_against_our_own_endpoint(graph: rdflib.Graph) -> None:
    server = make_server(graph, port=0, workers=1, max_rows=20)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = server.url + "sparql"
        assert query_endpoint(url, FIND, bindings={"name": "diabetes"}).rows == [
            ("diabetes", "https://w3id.org/neurokg/id/diabetes")
        ]
        with pytest.raises(QueryError, match=r"HTTP 403.*SERVICE is refused"):
            query_endpoint(url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        with pytest.raises(QueryError, match="HTTP 422"):
            query_endpoint(url, "SELECT * WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
        server.close()
        thread.join(5)


# ------------------------------------------------------------- bind_values --


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELECT (EXISTS { ?a ?b ?c } AS ?e) { ?s ?p ?o }",
            'SELECT (EXISTS { ?a ?b ?c } AS ?e) { VALUES (?v) { ("x") } ?s ?p ?o }',
        ),
        ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", 'CONSTRUCT { ?s ?p ?o } { VALUES (?v) { ("x") } ?s ?p ?o }'),
        (
            "PREFIX : <http://x/> ASK { ?s :WHERE ?o }",
            'PREFIX : <http://x/> ASK { VALUES (?v) { ("x") } ?s :WHERE ?o }',
        ),
        ('SELECT * # WHERE {\nWHERE { ?s ?p "{" }', 'SELECT * # WHERE {\nWHERE { VALUES (?v) { ("x") } ?s ?p "{" }'),
    ],
)
def test_bind_values_finds_the_where_group(query: str, expected: str) -> None:
    assert bind_values(query, {"v": "x"}) == expected


def test_bind_values_serializes_terms() -> None:
    bound = bind_values("SELECT * { ?s ?p ?o }", {"s": rdflib.URIRef("http://e/a"), "o": 'q" }'})
    assert bound == 'SELECT * { VALUES (?s ?o) { (<http://e/a> "q\\" }") } ?s ?p ?o }'
    multiline = bind_values("SELECT * { ?s ?p ?o }", {"o": 'q"\n}'})
    assert multiline == 'SELECT * { VALUES (?o) { ("""q"\n}""") } ?s ?p ?o }'


@pytest.mark.parametrize(
    ("query", "bindings", "message"),
    [
        ("DESCRIBE <http://x/>", {"v": "x"}, "no WHERE group"),
        ("SELECT * WHERE { SELECT * { ?s ?p ?o } }", {"v": "x"}, "cannot bind"),
        ("SELECT * { ?s ?p ?o }", {"v) } DROP": "x"}, "not a SPARQL variable name"),
    ],
)
def test_bind_values_refuses(query: str, bindings: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        bind_values(query, bindings)


# ------------------------------------------------- every named query, remotely --

# the named queries with parameters: remotely, those travel as VALUES (the part worth comparing)
NAMED = {name: q for name, q in named_queries().items() if q.params}


def _normal(rows):
    # GROUP_CONCAT order is engine-defined: compare its words as sets, whatever separator (", ", "; ", " ")
    # ended up after which word
    return sorted(tuple(" ".join(sorted(re.split(r"[,;]? ", c))) if c and " " in c else c for c in r) for r in rows)


def test_the_named_queries_were_found() -> None:
    assert len(NAMED) >= 1


@pytest.fixture(scope="module")
def own_endpoint(graph: rdflib.Graph) -> Iterator[str]:
    server = make_server(graph, port=0, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url + "sparql"
    server.shutdown()
    server.close()
    thread.join(5)


@pytest.mark.parametrize("name", list(NAMED))
def test_named_query_gives_the_local_answer_remotely(
    name: str, graph: rdflib.Graph, oxigraph: str, own_endpoint: str
) -> None:
    """Parameters bound as VALUES remotely give the rows the engine's own binding gives locally."""
    query = NAMED[name]
    bindings = {p: "neuropathic pain" for p in query.params}
    local = run_query(graph, query.text, bindings=bindings)
    assert local.rows, f"{name} returned no rows locally"
    for url in (oxigraph + "/query", own_endpoint):
        remote = query_endpoint(url, query.text, bindings=bindings)
        assert remote.columns == local.columns, url
        assert _normal(remote.rows) == _normal(local.rows), url
