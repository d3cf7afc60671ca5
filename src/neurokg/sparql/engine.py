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

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph

from neurokg.core.errors import QueryError, UsageError
from neurokg.core.prefixes import PREFIXES
from neurokg.sparql.terms import ox_kind, ox_term, ox_value, python_value, rdflib_kind, rdflib_term, rdflib_value

__all__ = ["ENGINES", "QueryResult", "column_order", "run_query", "to_store"]

ENGINES = ("oxigraph", "rdflib")


@dataclass
class QueryResult:
    """The answer to a query.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT/DESCRIBE). SELECT rows are tuples
    of strings: IRIs in full, literals by their lexical form, unbound as ``None`` (the form both
    engines agree on); ``kinds`` gives each cell's datatype, so :meth:`values`, :meth:`records` and
    :meth:`to_dataframe` return typed values. Columns come in the query's order, ``SELECT *``
    included.

    >>> from neurokg import load_graph
    >>> r = run_query(load_graph(corpus=None), "SELECT (COUNT(*) AS ?n) (1 < 2 AS ?yes) WHERE { nk:diabetes ?p ?o }")
    >>> r.rows[0][1], r.values()[0][1]
    ('true', True)
    >>> type(r.values()[0][0])
    <class 'int'>
    """

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    kinds: list[tuple[str | None, ...]] = field(default_factory=list)

    def values(self, *, curies: bool = False) -> list[tuple[Any, ...]]:
        """Rows of typed values (``int``, ``Decimal``, ``float``, ``bool``, dates, ``str``); IRIs as CURIEs if asked."""
        kinds = self.kinds or [tuple(None for _ in row) for row in self.rows]
        return [
            tuple(python_value(v, k, curies=curies) if k else v for v, k in zip(row, kind, strict=True))
            for row, kind in zip(self.rows, kinds, strict=True)
        ]

    def records(self, *, typed: bool = False, curies: bool = False) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column; ``typed=True`` gives the values of :meth:`values`."""
        rows = self.values(curies=curies) if typed or curies else self.rows
        return [dict(zip(self.columns, row, strict=True)) for row in rows]

    def to_dataframe(self, *, curies: bool = False) -> Any:
        """Rows as a :class:`pandas.DataFrame` with typed columns, in the query's order.

        Integers become ``Int64``, decimals and doubles ``Float64``, booleans ``boolean``, dates and
        date-times ``datetime64``, other values strings; unbound cells are missing values.
        CONSTRUCT and DESCRIBE give ``subject``/``predicate``/``object`` rows.
        """
        import pandas as pd

        if self.kind == "graph":
            assert self.graph is not None
            triples = sorted((str(s), str(p), str(o)) for s, p, o in self.graph)
            if curies:
                from neurokg.core.prefixes import curie

                triples = [tuple(curie(x) for x in row) for row in triples]  # type: ignore[misc]
            return pd.DataFrame(triples, columns=["subject", "predicate", "object"], dtype="string")
        df = pd.DataFrame(self.values(curies=curies), columns=self.columns, dtype=object)
        for column in df.columns:
            df[column] = _typed_column(df[column])
        return df


def _typed_column(column: Any) -> Any:
    """A column of Python values as the pandas dtype they share (strings when they share none)."""
    import pandas as pd

    values = column.dropna()

    def every(test: Any) -> bool:
        return bool(len(values)) and bool(values.map(test).all())

    if every(lambda v: isinstance(v, bool)):
        return column.astype("boolean")
    if every(lambda v: isinstance(v, int) and not isinstance(v, bool)):
        return column.astype("Int64")
    if every(lambda v: isinstance(v, int | float | Decimal) and not isinstance(v, bool)):
        return column.map(lambda v: None if v is None else float(v)).astype("Float64")
    if every(lambda v: isinstance(v, date)):
        return pd.to_datetime(column, utc=bool(values.map(lambda v: getattr(v, "tzinfo", None)).any()))
    return column.astype("string")


def to_store(graph: Graph) -> ox.Store:
    """Copy ``graph`` into an in-memory pyoxigraph store."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][\w]*)")


def _ask(answer: bool) -> QueryResult:
    return QueryResult("ask", ["result"], [(str(answer).lower(),)], boolean=answer, kinds=[(_BOOLEAN,)])


def check_bindings(query: str, bindings: Mapping[str, object]) -> None:
    """Refuse a binding whose name is not a variable of ``query`` (it would silently bind nothing).

    >>> check_bindings("SELECT ?name WHERE { ?e skos:prefLabel ?name }", {"nam": "x"})
    Traceback (most recent call last):
    neurokg.core.errors.QueryError: no variable ?nam in the query to bind; its variables: ?e, ?name
    """
    variables = sorted({m.group(1) for m in _VARIABLE.finditer(query)})
    unknown = [name for name in bindings if name not in variables]
    if unknown:
        listed = ", ".join(f"?{v}" for v in variables) or "none"
        raise QueryError(f"no variable ?{unknown[0]} in the query to bind; its variables: {listed}")


def _unknown_prefix(prefix: str) -> str:
    known = ", ".join(f"{p}:" for p in PREFIXES)
    return f"unknown prefix {prefix.rstrip(':')}: (declare it with PREFIX, or use one of {known})"


def _short_syntax_error(query: str, message: str) -> str:
    """oxigraph's message in one line: an unknown prefix named, long lists of expected characters cut."""
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not m:
        return message.splitlines()[0]
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    where = f"line {line}, column {col}"
    if "Prefix not found" in detail:
        text = query.splitlines()[line - 1][: col - 1] if line <= len(query.splitlines()) else ""
        found = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text)
        return f"{where}: {_unknown_prefix(found.group(1) or '' if found else '?')}"
    detail = " ".join(detail.split())
    return f"{where}: {detail[:160] + '…' if len(detail) > 160 else detail}"


def column_order(query: str, names: list[str]) -> list[int]:
    """Indexes of ``names`` in the order the query gives its columns.

    Engines list ``SELECT *`` columns in an order of their own (pyoxigraph sorts them); the
    query's order is that of first appearance in its text. Explicit projections keep the
    engine's order, which is the query's.

    >>> column_order("SELECT * WHERE { ?s ?p ?o }", ["o", "p", "s"])
    [2, 1, 0]
    """
    if not _STAR.search(query):
        return list(range(len(names)))
    first: dict[str, int] = {}
    for m in _VARIABLE.finditer(query):
        first.setdefault(m.group(1), m.start())
    return sorted(range(len(names)), key=lambda i: (first.get(names[i], len(query)), i))


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
    check_bindings(query, bindings)
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
        raise QueryError(f"malformed query: {_short_syntax_error(query, str(exc))}") from exc
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
        return _ask(bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        order = column_order(query, names)
        solutions = [[sol[i] for i in order] for sol in result]
        rows = [tuple(ox_value(term) for term in sol) for sol in solutions]
        kinds = [tuple(ox_kind(term) for term in sol) for sol in solutions]
        return QueryResult("select", [names[i] for i in order], rows, kinds=kinds)
    from rdflib import Graph

    out = Graph()
    nt = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
    if nt:
        out.parse(data=nt.decode("utf-8"), format="nt")
    return QueryResult("graph", graph=out)


def _run_rdflib(graph: Graph, query: str, bindings: dict[str, object]) -> QueryResult:
    from pyparsing import ParseException
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except ParseException as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except Exception as exc:  # rdflib raises various errors for bad algebra
        m = re.match(r"Unknown namespace prefix : (\S+)", str(exc))
        detail = _unknown_prefix(m.group(1)) if m else str(exc)
        raise QueryError(f"malformed query: {detail}") from exc
    init: dict[str, Any] = {k: rdflib_term(v) for k, v in bindings.items()}
    result = graph.query(prepared, initBindings=init)
    if result.type == "ASK":
        return _ask(bool(result.askAnswer))
    if result.type == "SELECT":
        names = [str(v) for v in result.vars or []]
        order = column_order(query, names)
        solutions = [[row[i] for i in order] for row in result]  # type: ignore[index]
        rows = [tuple(rdflib_value(term) for term in sol) for sol in solutions]
        kinds = [tuple(rdflib_kind(term) for term in sol) for sol in solutions]
        return QueryResult("select", [names[i] for i in order], rows, kinds=kinds)
    out = Graph()
    assert result.graph is not None
    out += result.graph
    return QueryResult("graph", graph=out)
