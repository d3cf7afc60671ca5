"""Old path of the SPARQL endpoint, kept for one release: use :mod:`neurokg.server`."""

from neurokg.server.http import EndpointServer
from neurokg.server.negotiation import negotiate
from neurokg.server.serve import check_host, make_server, serve

__all__ = ["EndpointServer", "check_host", "make_server", "negotiate", "serve"]
