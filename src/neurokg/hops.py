"""Deprecated: ``neurokg.hops`` moved to :mod:`neurokg.network.hops`; this alias goes in the next release."""

import warnings

from neurokg.network.hops import *  # noqa: F403
from neurokg.network.hops import __all__  # noqa: F401

warnings.warn("neurokg.hops moved to neurokg.network.hops", DeprecationWarning, stacklevel=2)
