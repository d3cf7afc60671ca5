"""neurokg: an evidence-grounded knowledge graph of neuropathy and neuropathic pain.

The package is layered (see ``docs/decisions/0005-package-layers.md``): :mod:`neurokg.core`
(errors, namespaces, data files) <- :mod:`neurokg.rdf` (load, provenance, validation) <-
:mod:`neurokg.sparql` and :mod:`neurokg.network` <- :mod:`neurokg.explorer` <- :mod:`neurokg.server`,
:mod:`neurokg.jupyter`, :mod:`neurokg.pipeline` <- :mod:`neurokg.cli`.

The public API is importable from here; each name is loaded on first use, so ``import neurokg``
is cheap and a command imports only what it needs:

>>> import neurokg
>>> G = neurokg.to_networkx(neurokg.load_graph(corpus=None))
>>> neurokg.resolve(G, "diabetes")
'nk:diabetes'
"""

from neurokg.core.lazy import exports

_API = {
    # foundation
    "NK": "neurokg.core.namespace",
    "NKD": "neurokg.core.namespace",
    "NKO": "neurokg.core.namespace",
    "NKS": "neurokg.core.namespace",
    "PREFIXES": "neurokg.core.namespace",
    "curie": "neurokg.core.namespace",
    "NeurokgError": "neurokg.core.errors",
    "GraphSyntaxError": "neurokg.core.errors",
    "InvalidGraphError": "neurokg.core.errors",
    "QueryError": "neurokg.core.errors",
    "NotFoundError": "neurokg.core.errors",
    "AmbiguousNameError": "neurokg.core.errors",
    "UsageError": "neurokg.core.errors",
    # rdf
    "Sources": "neurokg.rdf.load",
    "load_graph": "neurokg.rdf.load",
    "read_sources": "neurokg.rdf.load",
    "statement_iri": "neurokg.rdf.provenance",
    "ValidationReport": "neurokg.rdf.report",
    "Violation": "neurokg.rdf.report",
    "validate": "neurokg.rdf.validate",
    "graph_stats": "neurokg.rdf.stats",
    # sparql
    "run_query": "neurokg.sparql.engine",
    "named_query": "neurokg.sparql.named",
    "named_queries": "neurokg.sparql.named",
    "query_endpoint": "neurokg.sparql.remote",
    "push": "neurokg.sparql.remote",
    # network
    "to_networkx": "neurokg.network.view",
    "resolve": "neurokg.network.names",
    "resolve_relation": "neurokg.network.names",
    "shortest_paths": "neurokg.network.paths",
    "feedback_loops": "neurokg.network.cycles",
    "neighbors": "neurokg.network.neighbors",
    "rank": "neurokg.network.ranking",
    "treatments": "neurokg.network.treatments",
    # explorer, build, server, jupyter
    "explorer_html": "neurokg.explorer.html",
    "write_explorer": "neurokg.explorer.html",
    "select_subgraph": "neurokg.explorer.select",
    "build": "neurokg.pipeline.build",
    "make_server": "neurokg.server.endpoint",
    "serve": "neurokg.server.endpoint",
    "load_ipython_extension": "neurokg.jupyter.magic",
}

_getattr, __dir__, __all__ = exports(__name__, _API)


def __getattr__(name: str) -> object:
    if name == "__version__":
        from neurokg.core.resources import version

        return version()
    return _getattr(name)
