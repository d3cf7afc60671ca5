"""The pool: one client cannot hold every worker, a cheap query is answered while heavy ones run, and the pool
comes back by itself after its workers die or cannot be started. Tested by the order of events."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from neurokg.server.answers import PoolBusy, QueryTimeout, WorkerCrashed
from neurokg.server.http import EndpointServer
from neurokg.server.pool import QueryPool
from tests.conftest import ROOT

from .conftest import Response, by_form, by_get, serving, wait_for

pytestmark = pytest.mark.server

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
OBJECT_LIST = "SELECT * WHERE { ?s ?p " + ", ".join(f'"l{i}"' for i in range(2000)) + " }"
FILTER_IN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(CONCAT(STR(?c), STR(?f)) IN ("
    + ", ".join(f'"v{i:05d}"' for i in range(2200))
    + ")) }"
)
HEAVY = "127.0.0.2"  # the heavy client's address: all of 127.0.0.0/8 is this machine


@pytest.fixture(scope="module")
def server(nt: bytes) -> Iterator[EndpointServer]:
    with serving(nt, pool_options={"workers": 2, "timeout": 6}) as endpoint:
        assert endpoint.pool.per_client == 1
        yield endpoint


@pytest.mark.parametrize(
    ("heavy", "count", "origin"),
    [
        (OBJECT_LIST, 1, None),
        (FILTER_IN, 3, None),
        (CROSS, 8, None),
        (CROSS, 3, "https://attacker.example"),
    ],
    ids=[
        "a 14 KiB object list",
        "three 20 KiB FILTER IN",
        "eight cross products",
        "three cross products a web page sends through the user's browser",
    ],
)
def test_a_cheap_ask_is_answered_while_heavy_queries_run(
    server: EndpointServer, heavy: str, count: int, origin: str | None
) -> None:
    """Heavy queries come from another address, or from the same address but a foreign page (its Origin)."""
    assert len(heavy.encode()) >= (14_000 if heavy is OBJECT_LIST else 20_000 if heavy is FILTER_IN else 0)
    answers: list[Response] = []
    lock = threading.Lock()

    def send() -> None:
        response = by_form(server, {"query": heavy}, source=None if origin else HEAVY, origin=origin)
        with lock:
            answers.append(response)

    threads = [threading.Thread(target=send) for _ in range(count)]
    for thread in threads:
        thread.start()
    wait_for(lambda: server.pool.busy() >= 1, "a heavy query running")
    status, _, body = by_get(server, "ASK {}", "text/csv")
    with lock:
        finished_first = len(answers)
    assert (status, body) == (200, b"true")
    assert finished_first == 0, "a heavy query finished before the cheap ASK was answered"
    for thread in threads:
        thread.join(120)
    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [503] * count  # stopped for time (or not started in time): never refused for their size
    reasons = {body.split(b";")[0] for _, _, body in answers}
    assert reasons <= {
        b"the query ran longer than 6 s and was stopped\n",
        b"this client already runs 1 queries, the most one client may run at once",
    }
    assert b"the query ran longer than 6 s and was stopped\n" in reasons


def test_the_same_client_waits_for_its_own_query_another_does_not(nt: bytes) -> None:
    with QueryPool(nt, workers=2, timeout=4) as pool:
        events: list[str] = []
        lock = threading.Lock()

        def run(name: str, query: str, client: str) -> None:
            try:
                pool.run(query, "csv", client=client)
                outcome = "answered"
            except (QueryTimeout, PoolBusy) as exc:
                outcome = type(exc).__name__
            with lock:
                events.append(f"{name} {outcome}")

        heavy = threading.Thread(target=run, args=("cross", CROSS, "a"))
        heavy.start()
        wait_for(lambda: pool.busy() == 1, "the cross product running")
        same = threading.Thread(target=run, args=("same-client ask", "ASK {}", "a"))
        same.start()
        run("other-client ask", "ASK {}", "b")
        heavy.join(60)
        same.join(60)
    assert events[0] == "other-client ask answered"  # while the cross product ran
    assert "cross QueryTimeout" in events
    # the same client's ASK waited for its own cross product: answered after it ended, or its time ran out
    if "same-client ask answered" in events:
        assert events.index("cross QueryTimeout") < events.index("same-client ask answered")
    else:
        assert "same-client ask PoolBusy" in events


def test_a_worker_killed_while_it_runs_a_query_is_503_with_its_reason_and_replaced(nt: bytes) -> None:
    import os
    import signal

    with QueryPool(nt, workers=1, timeout=30) as pool:
        (pid,) = pool.pids()
        outcome: list[str] = []

        def heavy() -> None:
            try:
                pool.run(CROSS, "csv")
            except WorkerCrashed as exc:
                outcome.append(str(exc))

        thread = threading.Thread(target=heavy)
        thread.start()
        wait_for(lambda: pool.busy() == 1, "the cross product running")
        os.kill(pid, signal.SIGKILL)
        thread.join(60)
        assert outcome == ["the query worker died (killed by SIGKILL) while it ran the query, and was replaced"]
        assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"
        assert pool.pids() != [pid] and pool.restarts == 1 and pool.reloads == 0


def test_a_dead_store_process_is_started_again_and_the_query_answered(nt: bytes) -> None:
    import os
    import signal

    with QueryPool(nt, workers=2, timeout=30) as pool:
        store, workers = pool.store_pid, pool.pids()
        assert store is not None
        os.kill(store, signal.SIGKILL)  # its workers die with it
        wait_for(lambda: all(not os.path.exists(f"/proc/{pid}") for pid in workers), "the workers gone")
        assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"  # the data is loaded again first
        assert pool.store_pid != store and pool.reloads == 1


_RESPAWN = """
import json, logging, os, resource, signal, sys, time
from neurokg.server.pool import QueryPool
records = []
handler = logging.Handler(); handler.emit = lambda r: records.append(r.getMessage())
logging.getLogger("neurokg.server.pool").addHandler(handler)
pool = QueryPool(b"<http://e/a> <http://e/p> <http://e/b> .\\n", workers=1, timeout=3)
out = {}
pid = pool.pids()[0]
os.kill(pid, signal.SIGKILL)  # the worker; wait until it is a zombie with no thread left (its pipes closed)
def gone():
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        return state == "Z" and os.listdir(f"/proc/{pid}/task") == [str(pid)]
    except FileNotFoundError:
        return True
while not gone():
    time.sleep(0.01)
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) - 1, hard))  # no new descriptor
for step in ("first", "second"):
    try:
        pool.run("ASK {}", "csv")
    except Exception as exc:
        out[step] = f"{type(exc).__name__}: {exc}"
out["pids while failing"] = pool.pids()
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
out["third"] = pool.run("ASK {}", "csv").body.decode()
out["log"] = records
pool.close()
print(json.dumps(out))
"""


def test_start_failures_are_retried_with_backoff_and_an_empty_pool_is_rebuilt_on_the_next_request() -> None:
    """Real failures: the worker is killed, then no file descriptor is left to start another (EMFILE)."""
    done = subprocess.run(
        [sys.executable, "-c", _RESPAWN], capture_output=True, text=True, timeout=120, cwd=ROOT, check=True
    )
    out = json.loads(done.stdout)
    assert out["first"].startswith("PoolBusy: no query worker is running (they are being restarted: ")
    assert "Too many open files" in out["first"]
    assert out["second"].startswith("PoolBusy: no query worker is running (they are being restarted: ")
    assert "Too many open files" in out["second"]
    assert out["pids while failing"] == []
    assert out["third"] == "true"  # the limit is back: the request started a worker at once
    delays = [float(line.split("retrying in ")[1].split(" s")[0]) for line in out["log"] if "retrying in" in line]
    assert len(delays) >= 2 and delays == sorted(delays) and delays[1] > delays[0]
