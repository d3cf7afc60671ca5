"""Deprecated: ``neurokg.cycles`` moved to :mod:`neurokg.network.cycles`; this alias goes in the next release."""

import warnings

from neurokg.network.cycles import *  # noqa: F403
from neurokg.network.cycles import __all__  # noqa: F401

warnings.warn("neurokg.cycles moved to neurokg.network.cycles", DeprecationWarning, stacklevel=2)
