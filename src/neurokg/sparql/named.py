"""Named queries: the ``.rq`` files shipped in ``neurokg/sparql/queries``.

The first comment line of a file describes the query; ``# param: NAME - description`` lines
declare parameters, bound at run time as the variable ``?NAME`` (never formatted into the text);
``# param: NAME? - description`` declares one that may be left unbound (``include``: the query
then answers with what the documents state only).
On the oxigraph engine a parameter must appear in the ``SELECT`` clause, since pyoxigraph binds
projected variables only.

>>> q = named_queries()["14-concept"]
>>> list(q.params)
['name', 'include']
>>> find_named("14").name
'14-concept'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from neurokg.core import resources
from neurokg.core.errors import NotFoundError, QueryError
from neurokg.core.rqfile import parse_header

__all__ = ["NamedQuery", "check_params", "find_named", "named_queries", "named_query"]


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name (file stem), description, parameters and text."""

    name: str
    description: str
    params: dict[str, str]
    text: str
    path: Path
    optional: frozenset[str] = frozenset()


def _parse_named(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    return NamedQuery(path.stem, header.description, header.params, text, path, header.optional)


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name, in file order."""
    directory = directory or resources.queries_dir()
    return {p.stem: _parse_named(p) for p in sorted(directory.glob("*.rq"))}


def named_query(name: str) -> str:
    """The text of the named query ``name``; its number alone (``"05"``) or the part after it works too."""
    return find_named(name).text


def find_named(name: str) -> NamedQuery:
    """The named query ``name`` (full name, its number, or the part after the number)."""
    queries = named_queries()
    if name in queries:
        return queries[name]
    matches = [q for stem, q in queries.items() if stem.split("-", 1)[0] == name or stem.split("-", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    raise NotFoundError(f"no named query {name!r}; known: {', '.join(queries)}")


def check_params(query: NamedQuery, params: Mapping[str, object]) -> None:
    """Refuse a missing (and not optional) or unknown parameter of ``query``, naming the parameters it takes.

    >>> check_params(find_named("14-concept"), {"nam": "diabetes"})
    Traceback (most recent call last):
    neurokg.core.errors.QueryError: 14-concept has no parameter 'nam'; it takes: name (...)
    >>> check_params(find_named("14-concept"), {"name": "diabetes"})  # include may be left out
    """
    declared = ", ".join(f"{name} ({text})" if text else name for name, text in query.params.items()) or "none"
    for name in params:
        if name not in query.params:
            raise QueryError(f"{query.name} has no parameter {name!r}; it takes: {declared}")
    missing = [name for name in query.params if name not in params and name not in query.optional]
    if missing:
        raise QueryError(f"{query.name} needs a value for {missing[0]!r} (--param {missing[0]}=VALUE): {declared}")
