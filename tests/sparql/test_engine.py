"""SPARQL: named queries, bound parameters, both engines agree, malformed queries fail cleanly."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
import rdflib

from neurokg.core.errors import QueryError
from neurokg.sparql import named_queries, run_query, to_store

NAMED = named_queries()


@pytest.fixture(scope="module")
def store(graph: rdflib.Graph) -> pyoxigraph.Store:
    return to_store(graph)


def _normal(rows):
    # GROUP_CONCAT order is engine-defined: compare its words as sets, whatever separator (", ", "; ", " ")
    # ended up after which word
    return sorted(tuple(" ".join(sorted(re.split(r"[,;]? ", c))) if c and " " in c else c for c in r) for r in rows)


def test_named_query_count() -> None:
    assert len(NAMED) == 14
    for query in NAMED.values():
        assert query.description, query.path
        for param in query.params:
            select = query.text.upper().split("WHERE")[0]
            assert f"?{param.upper()}" in select, f"{query.name}: parameter ?{param} must be projected"


@pytest.mark.parametrize("name", list(NAMED))
def test_named_query_same_answer_on_both_engines(graph: rdflib.Graph, store, name: str) -> None:
    query = NAMED[name]
    bindings = {p: "neuropathic pain" for p in query.params}
    ox_result = run_query(store, query.text, bindings=bindings)
    rdf_result = run_query(graph, query.text, engine="rdflib", bindings=bindings)
    assert ox_result.columns == rdf_result.columns
    assert ox_result.rows, f"{name} returned no rows"
    assert _normal(ox_result.rows) == _normal(rdf_result.rows)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_bindings_are_bound_not_formatted(graph: rdflib.Graph, engine: str) -> None:
    q = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?label FILTER(STR(?label) = ?name) }"
    hit = run_query(graph, q, engine=engine, bindings={"name": "diabetes"})
    assert hit.rows == [("diabetes", "https://w3id.org/neurokg/id/diabetes")]
    injected = run_query(graph, q, engine=engine, bindings={"name": 'diabetes") || true || ("'})
    assert injected.rows == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_malformed_query_raises_query_error(graph: rdflib.Graph, engine: str) -> None:
    with pytest.raises(QueryError, match="malformed query"):
        run_query(graph, "SELECT ?x WHERE { ?x ?y }", engine=engine)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_ask_and_construct(graph: rdflib.Graph, engine: str) -> None:
    ask = run_query(graph, "ASK { nk:diabetes nko:causes ?x }", engine=engine)
    assert ask.kind == "ask" and ask.boolean is True
    built = run_query(
        graph, "CONSTRUCT { nk:diabetes nko:causes ?x } WHERE { nk:diabetes nko:causes ?x }", engine=engine
    )
    assert built.kind == "graph" and built.graph is not None and len(built.graph) >= 2


def test_dataframe(graph: rdflib.Graph) -> None:
    df = run_query(graph, "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }").to_dataframe()
    assert list(df.columns) == ["e", "l"] and len(df) >= 3
