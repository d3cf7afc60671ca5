"""neurokg: an evidence-grounded knowledge graph of neuropathy and neuropathic pain."""

from neurokg.build import build
from neurokg.cycles import feedback_loops
from neurokg.endpoint import make_server, serve
from neurokg.errors import (
    AmbiguousNameError,
    GraphSyntaxError,
    InvalidGraphError,
    NeurokgError,
    NotFoundError,
    QueryError,
    UsageError,
)
from neurokg.explorer import explorer_html, select_subgraph, write_explorer
from neurokg.load import Sources, load_graph, read_sources
from neurokg.namespace import NK, NKD, NKO, NKS, PREFIXES, curie
from neurokg.neighborhood import neighbors
from neurokg.network import to_networkx
from neurokg.paths import shortest_paths
from neurokg.provenance import statement_iri
from neurokg.query import named_queries, named_query, run_query
from neurokg.ranking import rank
from neurokg.remote import push, query_endpoint
from neurokg.report import ValidationReport, Violation
from neurokg.resolve import resolve, resolve_relation
from neurokg.stats import graph_stats
from neurokg.treatments import treatments
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
    "AmbiguousNameError",
    "resolve",
    "resolve_relation",
    "shortest_paths",
    "feedback_loops",
    "neighbors",
    "rank",
    "treatments",
    "run_query",
    "named_query",
    "named_queries",
    "graph_stats",
    "build",
    "make_server",
    "serve",
    "query_endpoint",
    "push",
    "explorer_html",
    "write_explorer",
    "select_subgraph",
]

__version__ = "0.1.0"
