"""The second line alone (no guard): query workers in their own network namespace cannot open a connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from neurokg.core.errors import NeurokgError
from neurokg.server.http import EndpointServer
from neurokg.server.isolation import isolate

from .battery import live, variants
from .conftest import CHANNELS, Trap, by_form, serving

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def isolated(nt: bytes) -> Iterator[EndpointServer]:
    """An endpoint with the guard switched off: only the workers' isolation stands between a query and the network.

    The row cap is raised: some queries of the battery return every triple of the real graph.
    """
    options = {"workers": 2, "timeout": 10, "guard": False, "isolation": "require", "max_rows": 100_000}
    try:
        with serving(nt, pool_options=options) as server:
            yield server
    except NeurokgError as exc:
        if "network isolation is required but unavailable" not in str(exc):
            raise
        pytest.skip(f"this system gives no network namespace to the workers: {exc}")


def test_a_service_query_fails_to_connect(isolated: EndpointServer, trap: Trap) -> None:
    assert isolated.pool.isolation is not None and isolated.pool.isolation.available
    status, _, body = by_form(isolated, {"query": f"SELECT * WHERE {{ SERVICE <{trap.url}x> {{ ?s ?p ?o }} }}"})
    assert status == 400
    assert b"Network is unreachable" in body, body
    assert by_form(isolated, {"query": f"ASK {{ SERVICE SILENT <{trap.url}> {{ }} }}"})[0] == 200  # SILENT: empty
    assert trap.connections == 0


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_the_isolation_alone_lets_no_query_of_the_battery_connect(
    isolated: EndpointServer, trap: Trap, channel: str
) -> None:
    send = CHANNELS[channel]
    battery = live(trap.port) + variants(trap.port)
    answered = 0
    for name, query in battery:
        status, _, body = send(isolated, query)
        assert status in (200, 400), (name, status, body)  # the guard is off: nothing is refused with 403
        answered += status == 200
    assert answered > 10  # the engine did run the queries (SILENT ones come back empty)
    assert trap.connections == 0


def test_isolation_modes() -> None:
    assert not isolate("off").available
    with pytest.raises(ValueError, match="auto, require, off"):
        isolate("sometimes")
