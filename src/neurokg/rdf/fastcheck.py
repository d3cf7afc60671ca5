"""Run the queries :mod:`neurokg.rdf.fastshacl` compiled: one :class:`~neurokg.rdf.report.Finding` per row.

A row of a SPARQL constraint fills the ``{?var}`` placeholders of its message with the bound
values, as pySHACL does; ``?value`` defaults to the focus node on a node shape. The checks run on one
thread per core (:func:`neurokg.core.threads.ordered_map`: the engine evaluates without Python's
lock), their findings in the order of the checks.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from neurokg.core.threads import ordered_map
from neurokg.rdf.fastshacl import Check
from neurokg.rdf.report import Finding
from neurokg.rdf.shaclsparql import lexical

__all__ = ["check"]


def _replacement(text: str) -> Any:
    return lambda _match: text


def check(store: ox.Store, checks: list[Check]) -> list[Finding]:
    """Run compiled ``checks`` on ``store``: one :class:`Finding` per violating focus node (and value).

    Name their files with :func:`neurokg.rdf.report.to_violations`.
    """
    return [finding for part in ordered_map(lambda c: _findings(store, c), checks) for finding in part]


def _findings(store: ox.Store, c: Check) -> list[Finding]:
    found: list[Finding] = []
    result = store.query(c.query, prefixes=c.prefixes or None)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        row = {n: solution[n] for n in names if solution[n] is not None}
        focus = row.pop("this")
        message, path, value = c.message, c.path, row.get("value")
        if c.mode == "sparql":
            path_term = row.pop("path", None)
            value = row.pop("value", None) or (focus if c.node_shape else None)
            path = str(path_term.value) if isinstance(path_term, ox.NamedNode) else ""
            bound = {**row, "this": focus, **({"path": path_term} if path_term else {})}
            if value is not None:
                bound["value"] = value
            for var, term in bound.items():
                message = re.sub(f"{{[?$]{re.escape(var)}}}", _replacement(lexical(term)), message)
        elif c.mode == "focus":
            value = None
        text = lexical(value) if value is not None else ""
        found.append(Finding(focus, c.rule, message, c.severity, path, value, lexical(focus), text))
    return found
