"""Jupyter support: the ``%sparql`` magic, a per-kernel graph and the explorer inline.

``%load_ext neurokg`` registers ``%sparql`` (line) and ``%%sparql`` (cell): they run a named
query or the cell's SPARQL against the graph and return a :class:`pandas.DataFrame`::

    %load_ext neurokg

    %sparql --named 14-concept --param name=diabetes -o about

    %%sparql --engine rdflib --param name={concept!r}
    SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }

The line form suits named queries: IPython refuses a ``%%`` magic whose cell body is empty, so
``%%sparql --named NAME`` needs at least a comment line below it.

Parameters are bound by the query engine, never formatted into the text. IPython expands ``$var``
and ``{expr}`` in the magic line before the options are parsed (shell-like, so quote values with
blanks), so a value may come from a Python variable: ``--param name={concept!r}``.

The graph is loaded once per kernel by :func:`kernel_graph` (evidence text comes from
``NEUROKG_CORPUS`` when it is set) and reused by every cell; ``--graph VAR`` queries another graph
(an rdflib ``Graph`` or a pyoxigraph ``Store``) held in a notebook variable.

:func:`show_explorer` displays the interactive explorer of :mod:`neurokg.explorer` inline as an
``<iframe srcdoc=...>`` that holds the whole self-contained page, so it needs no server, no file
and no CDN, and works in JupyterLab, the classic Notebook and VS Code alike.

The functions work without IPython too (IPython is imported only where a display object is made):

>>> from neurokg.jupyter.magic import kernel_graph, sparql
>>> df = sparql(kernel_graph(), "SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }",
...             params={"name": "diabetes"}, curies=True)
>>> df.values.tolist()
[['diabetes', 'nk:diabetes']]
"""

from __future__ import annotations

import argparse
import logging
import re
import shlex
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, NoReturn

import pyoxigraph as ox
from rdflib import Graph

from neurokg.core.errors import NeurokgError, UsageError
from neurokg.rdf.load import load_graph
from neurokg.sparql import ENGINES, QueryResult, run_query, to_store
from neurokg.sparql.named import check_params, find_named

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["kernel_graph", "load_ipython_extension", "parse_magic_line", "sparql"]

log = logging.getLogger(__name__)

_kernel: dict[str, Any] = {}
"""The per-kernel cache: ``graph``, and ``store`` with the ``store_size`` it was made at."""


def kernel_graph(*, reload: bool = False) -> Graph:
    """The graph of this kernel: loaded on first use, then cached; ``reload=True`` reads it again.

    The corpus is ``NEUROKG_CORPUS`` when set (evidence spans then carry their text), as for
    :func:`neurokg.load_graph`.

    >>> kernel_graph() is kernel_graph()
    True
    """
    if reload or "graph" not in _kernel:
        _kernel.clear()
        log.info("loading the neurokg graph for this kernel")
        _kernel["graph"] = load_graph()
    graph: Graph = _kernel["graph"]
    return graph


def _store_for(graph: Graph | ox.Store) -> Graph | ox.Store:
    """A pyoxigraph store for the kernel graph, made once and remade when the graph's size changes."""
    if isinstance(graph, ox.Store) or graph is not _kernel.get("graph"):
        return graph
    if _kernel.get("store_size") != len(graph):
        _kernel["store"] = to_store(graph)
        _kernel["store_size"] = len(graph)
    store: ox.Store = _kernel["store"]
    return store


def _frame(result: QueryResult, *, curies: bool) -> pd.DataFrame:
    return result.to_dataframe(curies=curies)


def _has_query(text: str) -> bool:
    """Whether ``text`` holds more than blank and comment lines."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def sparql(
    graph: Graph | ox.Store,
    query: str = "",
    *,
    named: str | None = None,
    params: Mapping[str, object] | None = None,
    engine: str = "oxigraph",
    curies: bool = False,
    endpoint: str | None = None,
) -> pd.DataFrame:
    """Run ``query`` (or the named query ``named``) on ``graph`` and return the rows as a DataFrame.

    This is what ``%%sparql`` runs. SELECT and ASK answers become rows (ASK: one column
    ``result``); CONSTRUCT and DESCRIBE answers become ``subject``, ``predicate``, ``object`` rows.

    Parameters
    ----------
    graph
        An rdflib graph or a pyoxigraph store (:func:`kernel_graph` for the cached one).
    query
        SPARQL text with the neurokg prefixes predeclared; leave empty when ``named`` is given.
    named
        A named query: its file stem, its number (``"05"``) or the part after it.
    params
        Variable name (without ``?``) to value, bound by the engine (see :func:`neurokg.run_query`).
    engine
        ``"oxigraph"`` (default) or ``"rdflib"``.
    curies
        Shorten IRIs to CURIEs (``nk:diabetes``) for reading.
    endpoint
        Send the query to this SPARQL 1.1 endpoint instead of ``graph`` (parameters travel as ``VALUES``).

    Columns come in the query's order with typed values (``Int64``, ``Float64``, ``boolean``,
    dates; strings otherwise), as :meth:`neurokg.sparql.QueryResult.to_dataframe` gives them.

    Raises
    ------
    UsageError
        Both or neither of ``query`` and ``named`` given, or an unknown engine.
    NotFoundError
        No named query ``named``.
    QueryError
        The query does not parse.
    """
    if named and _has_query(query):
        raise UsageError("give either a named query (--named) or the query text in the cell, not both")
    if named:
        found = find_named(named)
        check_params(found, params or {})
        query = found.text
    if not _has_query(query):
        raise UsageError("no query: write SPARQL in the cell or after the options, or give --named NAME")
    if endpoint:
        from neurokg.sparql.remote import query_endpoint

        return _frame(query_endpoint(endpoint, query, bindings=params), curies=curies)
    source = _store_for(graph) if engine == "oxigraph" else graph
    result = run_query(source, query, engine=engine, bindings=params)
    return _frame(result, curies=curies)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting the kernel."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"%%sparql: {message}")


def _magic_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%%sparql", add_help=False)
    parser.add_argument("--named", "-n", metavar="NAME", help="run a named query instead of the cell")
    parser.add_argument(
        "--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to VALUE (repeatable)"
    )
    parser.add_argument("--engine", "-e", choices=ENGINES, default="oxigraph")
    parser.add_argument("--out", "-o", metavar="VAR", help="also store the DataFrame in the variable VAR")
    parser.add_argument("--graph", "-g", metavar="VAR", help="query the Graph or Store held in VAR")
    parser.add_argument("--curies", "-c", action="store_true", help="shorten IRIs to CURIEs")
    parser.add_argument("--endpoint", metavar="URL", help="query this SPARQL 1.1 endpoint instead of a graph")
    return parser


_INLINE = re.compile(r"(?:^|\s)((?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b.*)$", re.IGNORECASE | re.DOTALL)
"""Where the query starts in a line such as ``%sparql -c SELECT ?d WHERE { ?d a nko:Drug }``."""


def parse_magic_line(line: str) -> argparse.Namespace:
    """Parse the options of a ``%%sparql`` line; ``param`` becomes a dict.

    >>> args = parse_magic_line("--named 14-concept --param 'name=central sensitization' -o df")
    >>> args.named, args.param, args.out, args.engine
    ('14-concept', {'name': 'central sensitization'}, 'df', 'oxigraph')
    >>> parse_magic_line("-c SELECT ?d WHERE { ?d a nko:Drug }").query
    'SELECT ?d WHERE { ?d a nko:Drug }'

    Raises
    ------
    UsageError
        An unknown option, a ``--param`` without ``=``, or an ``-o`` name that is not an identifier.
    """
    query = ""
    inline = _INLINE.search(line)
    if inline:  # the line form with the query after the options
        line, query = line[: inline.start(1)], inline.group(1).strip()
    try:
        words = shlex.split(line, comments=True)  # a trailing "# comment" is not an option
    except ValueError as exc:
        raise UsageError(f"%%sparql: cannot parse the options {line!r}: {exc}") from exc
    args = _magic_parser().parse_args(words)
    args.query = query
    params: dict[str, str] = {}
    for pair in args.param:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise UsageError(f"%%sparql: --param takes NAME=VALUE, got {pair!r}")
        params[name] = value
    args.param = params
    for option in ("out", "graph"):
        value = getattr(args, option)
        if value is not None and not value.isidentifier():
            raise UsageError(f"%%sparql: --{option} takes a variable name, got {value!r}")
    return args


def _run_magic(line: str, cell: str, namespace: MutableMapping[str, Any]) -> pd.DataFrame:
    args = parse_magic_line(line)
    if args.endpoint:
        graph: Graph | ox.Store = Graph()  # not used: the endpoint answers
    elif args.graph is None:
        graph = kernel_graph()
    elif args.graph not in namespace:
        raise UsageError(f"%%sparql: --graph {args.graph}: no such variable")
    else:
        graph = namespace[args.graph]
        if not isinstance(graph, Graph | ox.Store):
            raise UsageError(f"%%sparql: --graph {args.graph} is a {type(graph).__name__}, not a Graph or Store")
    if args.query and _has_query(cell):
        raise UsageError("%%sparql: the query is both on the line and in the cell; give it once")
    text = args.query or cell
    df = sparql(
        graph, text, named=args.named, params=args.param, engine=args.engine, curies=args.curies,
        endpoint=args.endpoint,
    )  # fmt: skip
    if args.out:
        namespace[args.out] = df
    return df


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%sparql``; IPython calls this for ``%load_ext neurokg``."""
    from IPython.core.error import UsageError as IPythonUsageError

    def sparql_magic(line: str, cell: str | None = None) -> pd.DataFrame:
        try:
            return _run_magic(line, cell or "", ipython.user_ns)
        except NeurokgError as exc:  # shown as one line, without a traceback
            kind = "" if isinstance(exc, UsageError) else f"{type(exc).__name__}: "
            raise IPythonUsageError(f"{kind}{exc}") from exc

    sparql_magic.__doc__ = _MAGIC_HELP + _magic_parser().format_help()
    ipython.register_magic_function(sparql_magic, magic_kind="line_cell", magic_name="sparql")


_MAGIC_HELP = """Run SPARQL on the neurokg graph and return a pandas DataFrame.

%sparql (line) runs a named query or the query written after the options; %%sparql (cell) runs the
SPARQL in the cell (neurokg prefixes predeclared); --endpoint URL sends it to another SPARQL endpoint.
Columns come typed and in the query's order. --param values are bound by the engine, never formatted
into the query; $var in the line expands a Python variable ({var!r} quotes it). The graph is loaded once per kernel
(NEUROKG_CORPUS for evidence text).

    %sparql --named 05-lines-of-therapy -o lines
    %sparql --named 14-concept --param name={concept!r} --curies
    %sparql --curies SELECT ?d WHERE { ?d a nko:Drug }

    %%sparql --engine rdflib
    SELECT ?drug WHERE { ?d a nko:Drug ; skos:prefLabel ?drug }

"""
