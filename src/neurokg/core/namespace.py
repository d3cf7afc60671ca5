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

NK = Namespace("https://w3id.org/neurokg/id/")
"""Entities (conditions, causes, treatments ...)."""
NKD = Namespace("https://w3id.org/neurokg/document/")
"""Source documents, named by their file stem."""
NKS = Namespace("https://w3id.org/neurokg/statement/")
"""Statements: one per domain triple, local name derived from the triple."""
NKE = Namespace("https://w3id.org/neurokg/evidence/")
"""Evidence spans: local name from the statement, the document and the offsets."""
NKSH = Namespace("https://w3id.org/neurokg/shapes#")
OBO = Namespace("http://purl.obolibrary.org/obo/")
MESH = Namespace("http://id.nlm.nih.gov/mesh/")
DRUGBANK = Namespace("http://identifiers.org/drugbank/")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "nk": str(NK),
    "nko": str(NKO),
    "nkd": str(NKD),
    "nks": str(NKS),
    "nke": str(NKE),
    "nksh": str(NKSH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "obo": str(OBO),
    "mesh": str(MESH),
    "drugbank": str(DRUGBANK),
    "biolink": str(BIOLINK),
    "schema": str(SCHEMA),
}
"""Prefixes bound in every graph and available in every query."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the neurokg prefixes on ``graph`` and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def curie(iri: str) -> str:
    """Shorten ``iri`` with the neurokg prefixes, or return it unchanged.

    >>> curie("https://w3id.org/neurokg/id/diabetes")
    'nk:diabetes'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    if not best:
        return iri
    return f"{best}:{iri[len(PREFIXES[best]) :]}"


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
