"""Deprecated: ``neurokg.oxnetwork`` moved to :mod:`neurokg.network.oxbuild`; this alias goes in the next release."""

import warnings

from neurokg.network.oxbuild import *  # noqa: F403
from neurokg.network.oxbuild import __all__  # noqa: F401

warnings.warn("neurokg.oxnetwork moved to neurokg.network.oxbuild", DeprecationWarning, stacklevel=2)
