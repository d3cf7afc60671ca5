"""Datasets a client names select graphs of the store (never fetched, never read from files); named graphs come
from files given at start; relative IRIs resolve against the endpoint's URL."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from neurokg.server.dataset import default_graph, nquads
from neurokg.server.endpoint import make_server
from neurokg.server.http import EndpointServer
from tests.conftest import BUILT

from .conftest import CHANNELS, Trap, by_form, by_get, request, serving

pytestmark = pytest.mark.server

DEFAULT = b"<http://e/in-default> <http://e/p> <http://e/o> .\n"
G1, G2 = "http://e/g1", "http://e/g2"
EVERYTHING = "SELECT ?s ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("graphs")
    (base / "one.ttl").write_text("@prefix e: <http://e/> .\ne:in-g1 e:p e:o .\n", encoding="utf-8")
    (base / "two.nt").write_text("<http://e/in-g2> <http://e/p> <http://e/o> .\n", encoding="utf-8")
    # a file a query might try to have read: N-Triples, so that reading it would show in the answer
    (base / "secret.nt").write_text("<http://e/secret> <http://e/p> <http://e/o> .\n", encoding="utf-8")
    return {"one": base / "one.ttl", "two": base / "two.nt", "secret": base / "secret.nt"}


@pytest.fixture(scope="module")
def server(files: dict[str, Path]) -> Iterator[EndpointServer]:
    data = nquads(DEFAULT, {G1: files["one"], G2: files["two"]})
    with serving(data, pool_options={"workers": 1}) as endpoint:
        yield endpoint


def _rows(response: tuple[int, dict[str, str], bytes]) -> list[tuple[str, ...]]:
    status, _, body = response
    assert status == 200, body
    bindings = json.loads(body)["results"]["bindings"]
    return sorted(tuple(row[v]["value"].removeprefix("http://e/") for v in sorted(row)) for row in bindings)


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        (EVERYTHING, {}, [("in-default",), ("g1", "in-g1"), ("g2", "in-g2")]),
        ("SELECT ?s FROM <http://e/g1> WHERE { ?s ?p ?o }", {}, [("in-g1",)]),
        ("SELECT ?s FROM <http://e/g1> FROM <http://e/g2> WHERE { ?s ?p ?o }", {}, [("in-g1",), ("in-g2",)]),
        ("SELECT ?s ?g FROM NAMED <http://e/g2> WHERE { GRAPH ?g { ?s ?p ?o } }", {}, [("g2", "in-g2")]),
        (EVERYTHING, {"default-graph-uri": [G1, G2]}, [("in-g1",), ("in-g2",)]),
        (EVERYTHING, {"named-graph-uri": [G2]}, [("g2", "in-g2")]),  # and an empty default graph
        (EVERYTHING, {"default-graph-uri": [G2], "named-graph-uri": [G1]}, [("g1", "in-g1"), ("in-g2",)]),
        # the protocol's dataset replaces the query's FROM clauses
        ("SELECT ?s FROM <http://e/g2> WHERE { ?s ?p ?o }", {"default-graph-uri": [G1]}, [("in-g1",)]),
        # a graph the store does not hold is empty
        ("SELECT ?s FROM <http://e/nowhere> WHERE { ?s ?p ?o }", {}, []),
        (EVERYTHING, {"named-graph-uri": ["http://e/nowhere"]}, []),
    ],
)
def test_a_client_dataset_selects_graphs_of_the_store(
    server: EndpointServer, query: str, params: dict[str, list[str]], expected: list[tuple[str, ...]]
) -> None:
    qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
    for response in (
        request(server, "GET", f"/sparql?{qs}"),
        request(
            server,
            "POST",
            f"/sparql?{urllib.parse.urlencode(params, doseq=True)}",
            query.encode(),
            {"Content-Type": "application/sparql-query"},
        ),
    ):
        assert _rows(response) == sorted(expected)


@pytest.mark.parametrize(
    "options",
    [{}, {"guard": False, "isolation": "off"}],
    ids=["as served", "the engine alone (no guard, no isolation)"],
)
def test_a_dataset_is_never_fetched_nor_read_from_a_file(
    files: dict[str, Path], trap: Trap, options: dict[str, object]
) -> None:
    """Not even by the bare engine: naming a graph only selects it in the store."""
    secret = files["secret"].resolve().as_uri()
    with serving(DEFAULT, pool_options={"workers": 1, **options}) as bare:
        for target in (trap.url, f"{trap.url}x.nt", secret, "file:///etc/passwd"):
            queries = [
                f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}",
                f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                f"SELECT * WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}",
            ]
            for query in queries:
                for channel, send in CHANNELS.items():
                    assert _rows(send(bare, query)) == [], (channel, query)
            for key in ("default-graph-uri", "named-graph-uri"):
                assert _rows(by_get(bare, EVERYTHING, **{key: target})) == []
                assert _rows(by_form(bare, {"query": EVERYTHING, key: target})) == []
    assert trap.connections == 0


def test_a_protocol_graph_must_be_an_absolute_iri(server: EndpointServer) -> None:
    status, _, body = by_get(server, "ASK {}", **{"default-graph-uri": "g1"})
    assert (status, body) == (400, b"bad default-graph-uri 'g1': give an absolute IRI\n")
    assert by_get(server, "ASK {}", **{"named-graph-uri": "http://e/a b"})[0] == 400


def test_relative_iris_resolve_against_the_endpoint(server: EndpointServer) -> None:
    status, _, body = by_get(server, "CONSTRUCT { <s> <p> <#o> } WHERE {}", "application/n-triples")
    assert status == 200
    base = server.url
    assert body == f"<{base}s> <{base}p> <{base}sparql#o> .\n".encode()
    status, _, body = by_get(server, "BASE <http://e/> CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples")
    assert body.startswith(b"<http://e/s> <http://e/p> ")


def test_the_base_iri_can_be_set() -> None:
    server = make_server(DEFAULT, port=0, workers=1, queries={}, base_iri="http://example.org/kb/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, _, body = by_get(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples")
        assert status == 200 and body.startswith(b"<http://example.org/kb/s> <http://example.org/kb/p> ")
    finally:
        server.shutdown()
        server.close()
        thread.join(10)


# ------------------------------------------------------------- named graph files --


def test_named_graphs_are_read_once_into_n_quads(files: dict[str, Path]) -> None:
    data = nquads(default_graph(DEFAULT), {G1: files["one"]})
    assert data == DEFAULT + b"<http://e/in-g1> <http://e/p> <http://e/o> <http://e/g1> .\n"


@BUILT
def test_bad_named_graphs_stop_the_start_with_a_clear_message(
    cli, built, tmp_path: Path, files: dict[str, Path]
) -> None:
    (tmp_path / "bad.ttl").write_text("@prefix e: <http://e/> .\ne:a e:b e:c .\ne:a e:b .\n", encoding="utf-8")
    (tmp_path / "quads.nq").write_text("", encoding="utf-8")
    serve = ("serve", "--port", "0", "--dist", built.out, "--named-graph")
    cases = [
        ((G1, tmp_path / "bad.ttl"), 1, f"{tmp_path / 'bad.ttl'}:3: syntax error: . is not a valid RDF object"),
        ((G1, tmp_path / "missing.ttl"), 2, f"--named-graph {G1}: file not found: {tmp_path / 'missing.ttl'}"),
        (("g1", files["one"]), 2, "--named-graph 'g1': the name of a graph is an absolute IRI"),
        ((G1, tmp_path / "quads.nq"), 2, f"--named-graph {G1}: cannot read {tmp_path / 'quads.nq'} as one graph"),
        ((G1, files["one"], "--named-graph", G1, files["two"]), 2, f"--named-graph {G1} is given twice"),
    ]
    for args, code, message in cases:
        status, _, err = cli(*serve, *args)
        assert status == code, err
        assert message in err, err
