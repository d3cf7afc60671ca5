"""SPARQL over the graph, on pyoxigraph (default) or rdflib, with bound parameters.

Parameters are bound by the engine, never formatted into the text; named queries are in
:mod:`neurokg.sparql.named`.

>>> from neurokg import load_graph
>>> from neurokg.sparql import run_query
>>> g = load_graph()
>>> q = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?label FILTER(STR(?label) = ?name) }"
>>> run_query(g, q, bindings={"name": "diabetes"}).rows
[('diabetes', 'https://w3id.org/neurokg/id/diabetes')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from neurokg.core.errors import QueryError, UsageError
from neurokg.core.namespace import PREFIXES
from neurokg.sparql.terms import ox_term, ox_value, rdflib_term, rdflib_value

__all__ = ["ENGINES", "QueryResult", "run_query", "to_store"]

ENGINES = ("oxigraph", "rdflib")


@dataclass
class QueryResult:
    """The answer to a query.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT/DESCRIBE). SELECT rows are tuples
    of strings: IRIs in full, literals by their lexical form, unbound as ``None``.
    """

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_dataframe(self) -> Any:
        """Rows as a :class:`pandas.DataFrame` (pandas is imported on first use)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


def to_store(graph: Graph) -> ox.Store:
    """Copy ``graph`` into an in-memory pyoxigraph store."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def run_query(
    graph: Graph | ox.Store,
    query: str,
    *,
    engine: str = "oxigraph",
    bindings: Mapping[str, object] | None = None,
) -> QueryResult:
    """Run a SPARQL query with optional bound variables.

    Parameters
    ----------
    graph
        An rdflib graph, or a pyoxigraph store made with :func:`to_store` (reused across queries).
    query
        SPARQL text; the neurokg prefixes are predeclared.
    engine
        ``"oxigraph"`` (default, faster) or ``"rdflib"``.
    bindings
        Variable name (without ``?``) to value: a string becomes a plain literal; rdflib terms
        pass through. Values are bound by the engine, never formatted into the text.

    Raises
    ------
    QueryError
        The query does not parse (the message is the parser's), or it is an update.
    """
    bindings = dict(bindings or {})
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "oxigraph":
        return _run_oxigraph(graph, query, bindings)
    if isinstance(graph, ox.Store):
        raise UsageError("the rdflib engine needs an rdflib Graph")
    return _run_rdflib(graph, query, bindings)


def _run_oxigraph(graph: Graph | ox.Store, query: str, bindings: dict[str, object]) -> QueryResult:
    store = graph if isinstance(graph, ox.Store) else to_store(graph)
    subs: dict[ox.Variable, Any] = {ox.Variable(k): ox_term(v) for k, v in bindings.items()}
    try:
        result = store.query(query, prefixes=dict(PREFIXES), substitutions=subs)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except RuntimeError as exc:
        if "SELECT projection" in str(exc):
            raise QueryError(
                f"{exc}: a parameter must appear in the SELECT clause for the oxigraph engine "
                "(it binds projected variables only); add it there or use --engine rdflib"
            ) from exc
        raise QueryError(f"query failed: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", ["result"], [(str(bool(result)).lower(),)], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [tuple(ox_value(sol[i]) for i in range(len(columns))) for sol in result]
        return QueryResult("select", columns, rows)
    out = Graph()
    nt = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
    if nt:
        out.parse(data=nt.decode("utf-8"), format="nt")
    return QueryResult("graph", graph=out)


def _run_rdflib(graph: Graph, query: str, bindings: dict[str, object]) -> QueryResult:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except ParseException as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except Exception as exc:  # rdflib raises various errors for bad algebra
        raise QueryError(f"malformed query: {exc}") from exc
    init: dict[str, Any] = {k: rdflib_term(v) for k, v in bindings.items()}
    result = graph.query(prepared, initBindings=init)
    if result.type == "ASK":
        return QueryResult("ask", ["result"], [(str(bool(result.askAnswer)).lower(),)], boolean=result.askAnswer)
    if result.type == "SELECT":
        columns = [str(v) for v in result.vars or []]
        rows = [tuple(rdflib_value(t) for t in row) for row in result]  # type: ignore[union-attr]
        return QueryResult("select", columns, rows)
    out = Graph()
    assert result.graph is not None
    out += result.graph
    return QueryResult("graph", graph=out)
