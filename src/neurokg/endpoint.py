"""Old path of the SPARQL endpoint, kept for one release: use :mod:`neurokg.server`."""

from neurokg.server.http import EndpointServer, check_host, make_server, negotiate, serve

__all__ = ["EndpointServer", "check_host", "make_server", "negotiate", "serve"]
