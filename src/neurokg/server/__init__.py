"""The read-only SPARQL endpoint (``neurokg serve``).

One module per concern: :mod:`~neurokg.server.http` (requests and pages), :mod:`~neurokg.server.negotiation`
(result formats), :mod:`~neurokg.server.guard` (what may run, and the one text the engine runs),
:mod:`~neurokg.server.pool` and :mod:`~neurokg.server.worker` (worker processes), :mod:`~neurokg.server.isolation`
(workers off the network), :mod:`~neurokg.server.connections` (connection cap and client deadlines) and
:mod:`~neurokg.server.serve` (start and stop).
"""

from neurokg.server.answers import Answer
from neurokg.server.guard import QueryRefused, canonical_query, inspect_query
from neurokg.server.http import EndpointServer
from neurokg.server.negotiation import negotiate
from neurokg.server.pool import QueryPool
from neurokg.server.serve import check_host, make_server, serve

__all__ = [
    "Answer",
    "EndpointServer",
    "QueryPool",
    "QueryRefused",
    "canonical_query",
    "check_host",
    "inspect_query",
    "make_server",
    "negotiate",
    "serve",
]
