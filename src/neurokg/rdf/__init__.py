"""The graph as RDF: load the curated Turtle, mint statements and evidence, validate, count.

:mod:`~neurokg.rdf.load` reads ``graph/`` and the ontology; :mod:`~neurokg.rdf.provenance` mints
statement and evidence IRIs and resolves evidence text from the corpus; :mod:`~neurokg.rdf.validate`
runs the SHACL shapes and the QC rules of :mod:`~neurokg.rdf.qc` into a :mod:`~neurokg.rdf.report`;
:mod:`~neurokg.rdf.schema` and :mod:`~neurokg.rdf.stats` read what the ontology declares and count;
:mod:`~neurokg.rdf.locate` finds phrases in the corpus for curators.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "Sources": "neurokg.rdf.load",
        "load_graph": "neurokg.rdf.load",
        "read_sources": "neurokg.rdf.load",
        "statement_iri": "neurokg.rdf.provenance",
        "ValidationReport": "neurokg.rdf.report",
        "Violation": "neurokg.rdf.report",
        "graph_stats": "neurokg.rdf.stats",
    },
)
