"""Old path of the query worker pool, kept for one release: use :mod:`neurokg.server.pool`."""

from neurokg.server.pool import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Answer,
    PoolBusy,
    QueryPool,
    QueryTimeout,
    TooManyRows,
    WorkerCrashed,
)

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
