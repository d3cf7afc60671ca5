"""neurokg: an evidence-grounded knowledge graph of neuropathy and neuropathic pain."""

from neurokg.build import build
from neurokg.errors import (
    GraphSyntaxError,
    InvalidGraphError,
    NeurokgError,
    NotFoundError,
    QueryError,
    UsageError,
)
from neurokg.jupyter import load_ipython_extension
from neurokg.load import Sources, load_graph, read_sources
from neurokg.namespace import NK, NKD, NKO, NKS, PREFIXES, curie
from neurokg.network import to_networkx
from neurokg.provenance import statement_iri
from neurokg.query import named_queries, named_query, run_query
from neurokg.report import ValidationReport, Violation
from neurokg.stats import graph_stats
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
    "to_networkx",
    "run_query",
    "named_query",
    "named_queries",
    "graph_stats",
    "build",
    "load_ipython_extension",
]

__version__ = "0.1.0"
