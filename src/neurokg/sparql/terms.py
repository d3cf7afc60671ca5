"""One conversion between RDF terms of pyoxigraph, rdflib and the strings neurokg returns.

Result values are strings: IRIs in full, literals by their lexical form, blank nodes as
``_:id``, decimals in their shortest plain form (so both engines print ``30``, not ``30.0``).

>>> import pyoxigraph as ox
>>> ox_value(ox.Literal("30.0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
'30'
>>> ox_term("diabetes").value, ox_term(3).datatype.value
('diabetes', 'http://www.w3.org/2001/XMLSchema#integer')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["canonical_decimal", "ox_term", "ox_value", "rdflib_term", "rdflib_value"]

_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def ox_term(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A pyoxigraph term for ``value``: rdflib terms keep their kind; Python values become literals."""
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


def rdflib_term(value: object) -> Node:
    """An rdflib term for ``value`` (rdflib terms pass through; other values become literals)."""
    if isinstance(value, Node):
        return value
    return Literal(value)


def canonical_decimal(text: str) -> str:
    """Shortest plain form of a decimal (``"30.0"`` -> ``"30"``), as oxigraph writes it.

    >>> canonical_decimal("0.50"), canonical_decimal("x")
    ('0.5', 'x')
    """
    try:
        value = Decimal(text).normalize()
    except InvalidOperation:
        return text
    return format(value, "f")


def ox_value(term: Any) -> str | None:
    """The result string of a pyoxigraph term (``None`` when unbound)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal) and term.datatype.value == _DECIMAL:
        return canonical_decimal(term.value)
    return str(term.value)


def rdflib_value(term: Any) -> str | None:
    """The result string of an rdflib term (``None`` when unbound)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and str(term.datatype) == _DECIMAL:
        return canonical_decimal(str(term))
    return str(term)
