"""Deprecated alias of :mod:`neurokg.network.neighbors` (moved there); it goes in the next release."""

import warnings

from neurokg.network.neighbors import *  # noqa: F403
from neurokg.network.neighbors import __all__  # noqa: F401

warnings.warn("neurokg.neighborhood moved to neurokg.network.neighbors", DeprecationWarning, stacklevel=2)
