"""Deprecated: ``neurokg.ranking`` moved to :mod:`neurokg.network.ranking`; this alias goes in the next release."""

import warnings

from neurokg.network.ranking import *  # noqa: F403
from neurokg.network.ranking import __all__  # noqa: F401

warnings.warn("neurokg.ranking moved to neurokg.network.ranking", DeprecationWarning, stacklevel=2)
