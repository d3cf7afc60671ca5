"""Deprecated alias of :mod:`neurokg.server.pool` (moved there); it goes in the next release."""

import warnings

from neurokg.server.answers import Answer, PoolBusy, QueryTimeout, TooManyRows, WorkerCrashed
from neurokg.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from neurokg.server.pool import QueryPool

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Answer",
    "PoolBusy",
    "QueryPool",
    "QueryTimeout",
    "TooManyRows",
    "WorkerCrashed",
]

warnings.warn("neurokg.sparqlpool moved to neurokg.server.pool", DeprecationWarning, stacklevel=2)
