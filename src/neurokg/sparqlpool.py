"""Old path of the query worker pool, kept for one release: use :mod:`neurokg.server.pool`."""

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
