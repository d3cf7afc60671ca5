"""Old path of the query guard, kept for one release: use :mod:`neurokg.server.guard`."""

from neurokg.server.guard import QueryRefused, inspect_query

__all__ = ["QueryRefused", "inspect_query"]
