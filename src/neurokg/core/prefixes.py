"""The prefixes of the neurokg graph as plain strings: what a query needs, without importing rdflib.

:mod:`neurokg.core.namespace` builds its rdflib namespaces from the same table.

>>> PREFIXES["nk"]
'https://w3id.org/neurokg/id/'
"""

from __future__ import annotations

__all__ = ["PREFIXES", "curie"]

PREFIXES: dict[str, str] = {
    "nk": "https://w3id.org/neurokg/id/",
    "nko": "https://w3id.org/neurokg/ontology#",
    "nkd": "https://w3id.org/neurokg/document/",
    "nks": "https://w3id.org/neurokg/statement/",
    "nke": "https://w3id.org/neurokg/evidence/",
    "nksh": "https://w3id.org/neurokg/shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "obo": "http://purl.obolibrary.org/obo/",
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "drugbank": "http://identifiers.org/drugbank/",
    "biolink": "https://w3id.org/biolink/vocab/",
    "schema": "https://schema.org/",
}
"""Prefixes bound in every graph and available in every query."""


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
