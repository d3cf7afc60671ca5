"""Namespaces and prefixes of the neurokg graph.

The ontology terms come through :class:`NKO`, a closed namespace, so a misspelt term is an
error rather than a silent new IRI:

>>> from neurokg.core.namespace import NKO
>>> NKO.treats
rdflib.term.URIRef('https://w3id.org/neurokg/ontology#treats')
>>> NKO.treets  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'treets' not in namespace
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace

from neurokg._nko import NKO
from neurokg.core.prefixes import PREFIXES, curie

__all__ = [
    "NKO",
    "NK",
    "NKD",
    "NKS",
    "NKE",
    "NKSH",
    "OBO",
    "MESH",
    "DRUGBANK",
    "BIOLINK",
    "SCHEMA",
    "PREFIXES",
    "bind_prefixes",
    "curie",
    "curies",
    "local_name",
]

NK = Namespace(PREFIXES["nk"])
"""Entities (conditions, causes, treatments ...)."""
NKD = Namespace(PREFIXES["nkd"])
"""Source documents, named by their file stem."""
NKS = Namespace(PREFIXES["nks"])
"""Statements: one per domain triple, local name derived from the triple."""
NKE = Namespace(PREFIXES["nke"])
"""Evidence spans: local name from the statement, the document and the offsets."""
NKSH = Namespace(PREFIXES["nksh"])
OBO = Namespace(PREFIXES["obo"])
MESH = Namespace(PREFIXES["mesh"])
DRUGBANK = Namespace(PREFIXES["drugbank"])
BIOLINK = Namespace(PREFIXES["biolink"])
SCHEMA = Namespace(PREFIXES["schema"])

assert PREFIXES["nko"] == str(NKO._NS) and PREFIXES["rdf"] == str(RDF) and PREFIXES["skos"] == str(SKOS)
assert (PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["xsd"], PREFIXES["dcterms"]) == tuple(
    str(ns) for ns in (RDFS, OWL, XSD, DCTERMS)
)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the neurokg prefixes on ``graph`` and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def local_name(term: object) -> str:
    """The local name of an ontology term: what follows ``#`` (or the last ``/``).

    Code names classes and relations through :data:`NKO`, so a misspelt term fails at import:

    >>> local_name(NKO.Drug), curie(NKO.causes)
    ('Drug', 'nko:causes')
    """
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def curies(*terms: str) -> tuple[str, ...]:
    """The CURIEs of ``terms``, in order: how tables of relations name the edge keys of the networkx view.

    >>> curies(NKO.treats, NKO.manages)
    ('nko:treats', 'nko:manages')
    """
    return tuple(curie(str(term)) for term in terms)
