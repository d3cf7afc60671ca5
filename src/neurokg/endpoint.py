"""Deprecated alias of :mod:`neurokg.server` (moved there); it goes in the next release."""

import warnings

from neurokg.server.endpoint import check_host, make_server, serve
from neurokg.server.http import EndpointServer
from neurokg.server.negotiation import negotiate

__all__ = ["EndpointServer", "check_host", "make_server", "negotiate", "serve"]

warnings.warn("neurokg.endpoint moved to neurokg.server", DeprecationWarning, stacklevel=2)
