"""SPARQL: the query engines, the named queries and remote endpoints.

``run_query(graph, text, bindings=...)`` answers on pyoxigraph (default) or rdflib with bound
parameters; the named queries are ``.rq`` files in ``queries/``; ``query_endpoint`` and ``push``
talk to other SPARQL 1.1 servers. Names are imported from their modules on first use.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "ENGINES": "neurokg.sparql.engine",
        "QueryResult": "neurokg.sparql.engine",
        "run_query": "neurokg.sparql.engine",
        "to_store": "neurokg.sparql.engine",
        "NamedQuery": "neurokg.sparql.named",
        "find_named": "neurokg.sparql.named",
        "named_queries": "neurokg.sparql.named",
        "named_query": "neurokg.sparql.named",
        "bind_values": "neurokg.sparql.remote",
        "push": "neurokg.sparql.remote",
        "query_endpoint": "neurokg.sparql.remote",
    },
)
