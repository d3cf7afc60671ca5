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

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = [
    "BNODE",
    "IRI",
    "canonical_decimal",
    "ox_kind",
    "ox_term",
    "ox_value",
    "python_value",
    "rdflib_kind",
    "rdflib_term",
    "rdflib_value",
]

_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def ox_term(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A pyoxigraph term for ``value``: rdflib terms keep their kind; Python values become literals."""
    if type(value) is str:  # the common case, without importing rdflib
        return ox.Literal(value)
    from rdflib import BNode, Literal, URIRef

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
    from rdflib import Literal
    from rdflib.term import Node

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
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and str(term.datatype) == _DECIMAL:
        return canonical_decimal(str(term))
    return str(term)


# ------------------------------------------------------------------ typed values --

IRI = "iri"
"""The kind of an IRI cell (literals have their datatype IRI as kind; blank nodes ``"bnode"``)."""
BNODE = "bnode"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
)}  # fmt: skip
_FLOATS = {f"{_XSD}double", f"{_XSD}float"}


def ox_kind(term: Any) -> str | None:
    """The kind of a pyoxigraph term: ``"iri"``, ``"bnode"``, a literal's datatype IRI, or ``None``."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI
    if isinstance(term, ox.BlankNode):
        return BNODE
    return str(term.datatype.value)


def rdflib_kind(term: Any) -> str | None:
    """The kind of an rdflib term, as :func:`ox_kind` gives it."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return IRI
    if isinstance(term, BNode):
        return BNODE
    if isinstance(term, Literal):
        if term.language:
            return "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
        return str(term.datatype or f"{_XSD}string")
    return None


def python_value(value: str | None, kind: str | None, *, curies: bool = False) -> Any:
    """The Python value of a result cell: ``int``, ``Decimal``, ``float``, ``bool``, ``date``, ``datetime`` or ``str``.

    IRIs stay strings (CURIEs with ``curies=True``); a lexical form that does not fit its datatype
    stays a string, as SPARQL keeps it.

    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> python_value("8", xsd + "integer"), python_value("0.50", xsd + "decimal"), python_value("true", xsd + "boolean")
    (8, Decimal('0.5'), True)
    >>> python_value("https://w3id.org/neurokg/id/diabetes", IRI, curies=True)
    'nk:diabetes'
    """
    if value is None or kind is None:
        return value
    if kind == IRI:
        if curies:
            from neurokg.core.prefixes import curie

            return curie(value)
        return value
    try:
        if kind in _INTEGERS:
            return int(value)
        if kind == f"{_XSD}decimal":
            return Decimal(value).normalize() if "E" not in value.upper() else Decimal(value)
        if kind in _FLOATS:
            return float(value)
        if kind == f"{_XSD}boolean":
            return {"true": True, "1": True, "false": False, "0": False}[value]
        if kind == f"{_XSD}date":
            return date.fromisoformat(value)
        if kind == f"{_XSD}dateTime":
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, KeyError, InvalidOperation):
        return value
    return value
