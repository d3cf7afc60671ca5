"""What every request's headers must say before it is routed: who it is for (``Host``) and whether it has a body.

HTTP/1.1 requires exactly one ``Host`` header (RFC 9112, section 3.2): a request without one, or with
two, is answered 400, so that no two readers of the request (a proxy and this server) can disagree on
its target. While the server listens on loopback, the ``Host`` must name loopback too (403 otherwise):
a web page cannot reach the endpoint through DNS rebinding. A ``GET``, ``HEAD`` or ``OPTIONS`` carries no
body; one that announces a body is refused with 400 and the connection is closed, so the body can never
be read as a second request.

>>> from email.message import Message
>>> headers = Message()
>>> headers["Host"] = "localhost:8000"
>>> check_host(headers, "HTTP/1.1", loopback=True)
>>> headers["Host"] = "127.0.0.1"  # a second one
>>> check_host(headers, "HTTP/1.1", loopback=True)
Traceback (most recent call last):
...
neurokg.server.protocol.HTTPError: more than one Host header
"""

from __future__ import annotations

from email.message import Message

from neurokg.server.protocol import HTTPError

__all__ = ["LOOPBACK_NAMES", "check_host", "has_body"]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1", "[::1]"})
"""Host names a loopback server answers to."""


def check_host(headers: Message, version: str, *, loopback: bool) -> None:
    """Raise :class:`HTTPError` unless the request has one ``Host`` (none is fine before HTTP/1.1) that
    names loopback when the server listens on loopback."""
    hosts = headers.get_all("Host") or []
    if len(hosts) > 1:
        raise HTTPError(400, "more than one Host header")
    if not hosts:
        if version not in ("HTTP/0.9", "HTTP/1.0"):
            raise HTTPError(400, f"an {version} request needs a Host header")
        return
    host = hosts[0].strip()
    if not loopback:
        return
    name = host if host.endswith("]") else host.rsplit(":", 1)[0]
    if name.lower() not in LOOPBACK_NAMES:
        raise HTTPError(403, f"Host {host!r} is not this loopback server (DNS rebinding protection)")


def has_body(headers: Message) -> bool:
    """Whether the request announces a body (a ``Transfer-Encoding``, or a ``Content-Length`` other than 0).

    >>> headers = Message()
    >>> has_body(headers)
    False
    >>> headers["Content-Length"] = "3"
    >>> has_body(headers)
    True
    """
    if headers.get("Transfer-Encoding") is not None:
        return True
    length = headers.get("Content-Length")
    return length is not None and length.strip() != "0"
