"""SPARQL expressions for SHACL constraints, and how a term prints in a report.

The pieces :mod:`neurokg.rdf.fastshacl` assembles into one query per constraint; each mirrors
how pySHACL decides the constraint (well-formed literals, language ranges, comparisons that fail).

>>> query = count_query("maxCount", 1, "{ ?this a <urn:C> }", "<urn:p>")
>>> query[:63]
'SELECT ?this WHERE { { SELECT ?this WHERE { ?this <urn:p> ?_v }'
>>> query[64:]
'GROUP BY ?this HAVING (COUNT(?_v) > 1) } { ?this a <urn:C> } }'
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

__all__ = [
    "RDF",
    "RDFS",
    "XSD",
    "NODE_KINDS",
    "RANGE",
    "SH",
    "TYPE_OF",
    "class_query",
    "count_query",
    "datatype_condition",
    "language_condition",
    "less_than_filter",
    "lexical",
]

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPE_OF = f"<{RDF}type>/<{RDFS}subClassOf>*"
# datatypes whose lexical form SPARQL can check by a cast, as pySHACL checks them
CASTABLE = {f"{XSD}{t}" for t in ("integer", "decimal", "float", "double", "boolean", "date", "dateTime", "time")}
NODE_KINDS = {
    "IRI": "isIRI(?value)",
    "BlankNode": "isBlank(?value)",
    "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}
RANGE = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}



def lexical(term: Any) -> str:
    """The text of a term as the rdflib path prints it: an IRI or blank node id, or a literal's lexical form.

    Decimals keep a decimal point (``"30"`` becomes ``"30.0"``), as the loader writes them.
    """
    if isinstance(term, ox.Literal):
        value = term.value
        if term.datatype.value == f"{XSD}decimal" and "." not in value:
            return f"{value}.0"
        return value
    return str(term.value)


def datatype_condition(iri: str) -> str:
    dt = iri[1:-1]
    if dt == f"{RDFS}Literal" or dt == f"{RDFS}Datatype":
        return "isLiteral(?value)"
    if dt == f"{RDF}langString":
        return 'isLiteral(?value) && LANG(?value) != ""'
    same = f"isLiteral(?value) && DATATYPE(?value) = {iri}"
    if dt in CASTABLE:  # a well-formed lexical form casts; an ill-typed literal does not
        return f"{same} && isLiteral(COALESCE({iri}(STR(?value)), <urn:neurokg:ill-typed>))"
    return same


def count_query(component: str, n: int, focus: str, path: str) -> str:
    if component == "minCount" and n == 1:
        return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?_v }} }}"
    if component == "minCount":
        return (
            f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?_v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})"
        )
    # maxCount: count the values of every node with the path first, then keep the focus nodes among those over
    # the limit; grouping only the focus nodes' values measured twice the time at 1M triples (the count of a
    # node's values does not depend on which nodes are focus nodes). One IRI has no duplicate values to count.
    count = "COUNT(?_v)" if path.startswith("<") and path.endswith(">") else "COUNT(DISTINCT ?_v)"
    over = f"SELECT ?this WHERE {{ ?this {path} ?_v }} GROUP BY ?this HAVING ({count} > {n})"
    return f"SELECT ?this WHERE {{ {{ {over} }} {focus} }}"




def class_query(focus: str, path: str, klass: str) -> str:
    """``sh:class`` on a property shape: the values that are no instance of ``klass``, then their focus nodes.

    ``MINUS`` keeps the same rows as ``FILTER NOT EXISTS`` here (``?value`` is bound on both sides) and is one
    hash anti-join against the class's few instances; which values are instances does not depend on the focus
    nodes, so they are joined last. Joining the focus nodes first, with the anti-join as an ``OPTIONAL``, took
    2-5x the time at 1M triples (``docs/decisions/0009-validation-scales-linearly.md``).
    """
    wrong = f"?this {path} ?value . MINUS {{ ?value {TYPE_OF} {klass} }}"
    return f"SELECT DISTINCT ?this ?value WHERE {{ {{ SELECT ?this ?value WHERE {{ {wrong} }} }} {focus} }}"


def language_condition(tags: set[str]) -> str:
    """``?value`` has a language tag in ``tags`` (lower case), or whose first subtag is (``"*"``: any tag)."""
    tagged = 'isLiteral(?value) && LANG(?value) != ""'
    if "*" in tags:
        return tagged
    listed = ", ".join(str(ox.Literal(t)) for t in sorted(tags))
    first = 'LCASE(STRBEFORE(CONCAT(LANG(?value), "-"), "-"))'
    return f"{tagged} && (LCASE(LANG(?value)) IN ({listed}) || {first} IN ({listed}))"


def less_than_filter(values: str, other: str) -> str:
    """``values`` joined with the ``other`` property, kept where ``?value`` is not below it (IRIs as strings)."""
    ordered = "IF(isIRI({0}), STR({0}), IF(LANG({0}) != \"\", STR({0}), {0}))"
    less = f"{ordered.format('?value')} < {ordered.format('?_other')}"
    return f"{values} ?this {other} ?_other . FILTER(!COALESCE({less}, false))"
