"""Deprecated alias of :mod:`neurokg.server.guard` (moved there); it goes in the next release."""

import warnings

from neurokg.server.guard import QueryRefused, inspect_query

__all__ = ["QueryRefused", "inspect_query"]

warnings.warn("neurokg.sparqlguard moved to neurokg.server.guard", DeprecationWarning, stacklevel=2)
