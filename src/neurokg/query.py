"""SPARQL over the graph, on pyoxigraph (default) or rdflib, with bound parameters.

Named queries are ``.rq`` files shipped in ``neurokg/queries``: the first comment line describes
the query and ``# param: NAME - description`` lines declare parameters, bound at run time as
the variable ``?NAME`` (never formatted into the text). On the oxigraph engine a parameter must
appear in the ``SELECT`` clause, since pyoxigraph binds projected variables only.

>>> from neurokg import load_graph
>>> from neurokg.query import run_query
>>> g = load_graph()
>>> q = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?label FILTER(STR(?label) = ?name) }"
>>> run_query(g, q, bindings={"name": "diabetes"}).rows
[('diabetes', 'https://w3id.org/neurokg/id/diabetes')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from neurokg import resources
from neurokg.errors import NotFoundError, QueryError, UsageError
from neurokg.namespace import PREFIXES

__all__ = [
    "ENGINES",
    "NamedQuery",
    "QueryResult",
    "named_queries",
    "named_query",
    "run_query",
    "to_store",
]

ENGINES = ("oxigraph", "rdflib")


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name (file stem), description, parameters and text."""

    name: str
    description: str
    params: dict[str, str]
    text: str
    path: Path


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


def _parse_named(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    comments = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    params: dict[str, str] = {}
    for line in comments:
        m = re.match(r"param:\s*(\w+)\s*(?:[-:]\s*(.*))?$", line)
        if m:
            params[m.group(1)] = (m.group(2) or "").strip()
    description = comments[0] if comments else ""
    return NamedQuery(path.stem, description, params, text, path)


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name, in file order."""
    directory = directory or resources.queries_dir()
    return {p.stem: _parse_named(p) for p in sorted(directory.glob("*.rq"))}


def named_query(name: str) -> str:
    """The text of the named query ``name``; its number alone (``"05"``) or the part after it works too."""
    return _find_named(name).text


def _find_named(name: str) -> NamedQuery:
    queries = named_queries()
    if name in queries:
        return queries[name]
    matches = [q for stem, q in queries.items() if stem.split("-", 1)[0] == name or stem.split("-", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    raise NotFoundError(f"no named query {name!r}; known: {', '.join(queries)}")


def to_store(graph: Graph) -> ox.Store:
    """Copy ``graph`` into an in-memory pyoxigraph store."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _ox_term(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(Literal(True).datatype)))
    if isinstance(value, int | float):
        lit = Literal(value)
        return ox.Literal(str(lit), datatype=ox.NamedNode(str(lit.datatype)))
    return ox.Literal(str(value))


def _rdflib_term(value: object) -> Node:
    if isinstance(value, Node):
        return value
    return Literal(value)


_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _canonical_decimal(text: str) -> str:
    """Shortest plain form of a decimal (``"30.0"`` -> ``"30"``), as oxigraph writes it."""
    try:
        value = Decimal(text).normalize()
    except InvalidOperation:
        return text
    return format(value, "f")


def _ox_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal) and term.datatype.value == _DECIMAL:
        return _canonical_decimal(term.value)
    return str(term.value)


def _rdflib_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and str(term.datatype) == _DECIMAL:
        return _canonical_decimal(str(term))
    return str(term)


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
    subs: dict[ox.Variable, Any] = {ox.Variable(k): _ox_term(v) for k, v in bindings.items()}
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
        rows = [tuple(_ox_value(sol[i]) for i in range(len(columns))) for sol in result]
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
    init: dict[str, Any] = {k: _rdflib_term(v) for k, v in bindings.items()}
    result = graph.query(prepared, initBindings=init)
    if result.type == "ASK":
        return QueryResult("ask", ["result"], [(str(bool(result.askAnswer)).lower(),)], boolean=result.askAnswer)
    if result.type == "SELECT":
        columns = [str(v) for v in result.vars or []]
        rows = [tuple(_rdflib_value(t) for t in row) for row in result]  # type: ignore[union-attr]
        return QueryResult("select", columns, rows)
    out = Graph()
    assert result.graph is not None
    out += result.graph
    return QueryResult("graph", graph=out)
