"""What a query comes back as: a complete :class:`Answer`, or the error that says why there is none.

The worker replies with a tuple (:mod:`neurokg.server.worker`); :func:`answer_from` turns it into an
:class:`Answer` or raises the matching error, which the HTTP side maps to a status (see the README).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neurokg.core.errors import NeurokgError, QueryError
from neurokg.server.guard import QueryRefused

__all__ = [
    "Answer",
    "NotAcceptable",
    "PoolBusy",
    "QueryCrashed",
    "QueryTimeout",
    "ResultTooLarge",
    "TooManyRows",
    "WorkerCrashed",
    "answer_from",
    "status_of",
]


class QueryTimeout(NeurokgError):
    """The query's time ran out (waiting and running); it was stopped."""


class PoolBusy(NeurokgError):
    """No worker became free for this client before the query's time ran out; it was not started."""


class WorkerCrashed(NeurokgError):
    """The query was stopped for its memory, or its worker died; the message says which."""


class QueryCrashed(QueryError):
    """The engine crashed on the query (a stack overflow on deep nesting); the worker is unaffected."""


class TooManyRows(QueryError):
    """The result has more rows (or triples) than the pool's ``max_rows``."""


class ResultTooLarge(QueryError):
    """The serialized result is larger than the pool's ``max_bytes``."""


class NotAcceptable(QueryError):
    """No format the client accepts suits the query form."""


@dataclass(frozen=True)
class Answer:
    """A complete, serialized query result."""

    body: bytes
    media_type: str
    kind: str
    count: int


_ERRORS: dict[str, type[Exception]] = {
    "refused": QueryRefused,
    "malformed": QueryError,
    "format": NotAcceptable,
    "too_big": ResultTooLarge,
    "timeout": QueryTimeout,
    "memory": WorkerCrashed,
    "died": WorkerCrashed,
    "crashed": QueryCrashed,
}


def answer_from(reply: tuple[Any, ...], max_rows: int) -> Answer:
    """The :class:`Answer` in a worker's reply, or raise the error it reports.

    >>> answer_from(("ok", b"true", "text/csv", "ask", 1), 10).body
    b'true'
    >>> answer_from(("too_many", "the result has more than 10 rows"), 10)
    Traceback (most recent call last):
    ...
    neurokg.server.answers.TooManyRows: the result has more than 10 rows; add a LIMIT (the endpoint's cap is 10)
    """
    if reply[0] == "ok":
        return Answer(reply[1], reply[2], reply[3], reply[4])
    if reply[0] == "too_many":
        raise TooManyRows(f"{reply[1]}; add a LIMIT (the endpoint's cap is {max_rows})")
    raise _ERRORS.get(reply[0], QueryError)(reply[1])


_STATUS_OF: tuple[tuple[type[Exception], int], ...] = (
    (QueryRefused, 403),
    (NotAcceptable, 406),
    (TooManyRows, 422),
    (ResultTooLarge, 422),
    (QueryError, 400),  # malformed, or crashed the engine (QueryCrashed)
    (QueryTimeout, 503),
    (PoolBusy, 503),
    (WorkerCrashed, 503),
)


def status_of(error: Exception) -> int:
    """The HTTP status a query error is answered with (500 for anything unexpected).

    >>> status_of(TooManyRows("...")), status_of(QueryTimeout("...")), status_of(ValueError())
    (422, 503, 500)
    """
    return next((code for kind, code in _STATUS_OF if isinstance(error, kind)), 500)
