"""The read-only SPARQL endpoint (``neurokg serve``).

One module per concern: :mod:`~neurokg.server.http` (requests and pages), :mod:`~neurokg.server.headers`
(Host and bodies), :mod:`~neurokg.server.protocol` (the SPARQL protocol's parameters),
:mod:`~neurokg.server.negotiation` (result formats), :mod:`~neurokg.server.guard` and
:mod:`~neurokg.server.tokens` (what may run, and the one text the engine runs),
:mod:`~neurokg.server.dataset` (the store's default and named graphs), :mod:`~neurokg.server.store`
(the process that loads them once and forks the workers), :mod:`~neurokg.server.worker` (a worker),
:mod:`~neurokg.server.processes` and :mod:`~neurokg.server.keeper` (starting and replacing them),
:mod:`~neurokg.server.pool` (fair scheduling, one deadline), :mod:`~neurokg.server.isolation` (workers off
the network), :mod:`~neurokg.server.connections` (connection cap and client deadlines) and
:mod:`~neurokg.server.endpoint` (start and stop).
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "Answer": "neurokg.server.answers",
        "QueryRefused": "neurokg.server.guard",
        "canonical_query": "neurokg.server.guard",
        "inspect_query": "neurokg.server.guard",
        "EndpointServer": "neurokg.server.http",
        "negotiate": "neurokg.server.negotiation",
        "QueryPool": "neurokg.server.pool",
        "check_host": "neurokg.server.endpoint",
        "make_server": "neurokg.server.endpoint",
        "serve": "neurokg.server.endpoint",
    },
)
