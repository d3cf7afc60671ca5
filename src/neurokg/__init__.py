"""neurokg: an evidence-grounded knowledge graph of neuropathy and neuropathic pain."""

from neurokg.errors import (
    GraphSyntaxError,
    InvalidGraphError,
    NeurokgError,
    NotFoundError,
    QueryError,
    UsageError,
)
from neurokg.load import Sources, load_graph, read_sources
from neurokg.namespace import NK, NKD, NKO, NKS, PREFIXES, curie
from neurokg.provenance import statement_iri
from neurokg.report import ValidationReport, Violation
from neurokg.validate import validate

__all__ = [
    "NK",
    "NKD",
    "NKO",
    "NKS",
    "PREFIXES",
    "curie",
    "GraphSyntaxError",
    "InvalidGraphError",
    "NeurokgError",
    "NotFoundError",
    "QueryError",
    "UsageError",
    "Sources",
    "load_graph",
    "read_sources",
    "statement_iri",
    "ValidationReport",
    "Violation",
    "validate",
]

__version__ = "0.1.0"
