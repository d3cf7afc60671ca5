"""Deprecated: ``neurokg.paths`` moved to :mod:`neurokg.network.paths`; this alias goes in the next release."""

import warnings

from neurokg.network.paths import *  # noqa: F403
from neurokg.network.paths import __all__  # noqa: F401

warnings.warn("neurokg.paths moved to neurokg.network.paths", DeprecationWarning, stacklevel=2)
