"""What a query can do to the pool: nothing lasting. Timeouts, engine crashes and memory overruns end only the
worker that ran the query; the store process that holds the data forks another at once (no reload), which
answers the next query."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from neurokg.server.answers import QueryCrashed, QueryTimeout, ResultTooLarge, TooManyRows, WorkerCrashed
from neurokg.server.pool import QueryPool

from .conftest import wait_for

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # |G|^4 rows


def _nested(depth: int, opening: str, closing: str, middle: str) -> str:
    return opening * depth + middle + closing * depth


@pytest.fixture(scope="module")
def pool(nt: bytes) -> Iterator[QueryPool]:
    with QueryPool(nt, workers=1, timeout=30, memory_mb=256, max_rows=100, max_bytes=20_000) as one:
        yield one


def _field(stat: object, index: int) -> str:
    """Field ``index`` after the command name in a /proc/PID/stat file (0: state, 1: parent pid)."""
    try:
        with open(str(stat)) as f:
            return f.read().rsplit(")", 1)[1].split()[index]
    except (FileNotFoundError, ProcessLookupError):
        return "gone"


def _state(pid: str) -> str:
    return _field(f"/proc/{pid}/stat", 0)


def _dead(pid: str) -> bool:
    """Every thread of ``pid`` gone, so its pipes are closed: a zombie leader may still have threads exiting."""
    if _state(pid) == "gone":
        return True
    try:
        return _state(pid) == "Z" and os.listdir(f"/proc/{pid}/task") == [pid]
    except FileNotFoundError:
        return True


def _alive(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, 0)


def _replaced(pool: QueryPool, before: list[int], store: int | None) -> None:
    """The worker that ran the query was replaced by a fresh fork of the same store process (no reload)."""
    after = pool.pids()
    assert len(after) == len(before) and not set(after) & set(before)
    assert pool.store_pid == store and pool.reloads == 0
    assert all(_field(f"/proc/{pid}/stat", 1) == str(store) for pid in after)  # forked by the store process
    _alive([*after, store or 0])


def test_a_timeout_stops_the_query_and_a_fresh_worker_answers_the_next(nt: bytes) -> None:
    with QueryPool(nt, workers=1, timeout=2) as pool:
        before, store = pool.pids(), pool.store_pid
        with pytest.raises(QueryTimeout, match=r"^the query ran longer than 2 s and was stopped$"):
            pool.run(CROSS, "csv")
        _replaced(pool, before, store)
        assert pool.restarts == 1
        assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { BIND(" + _nested(30000, "CONCAT(", ")", '"a"') + " AS ?x) }",
        "ASK { " + _nested(30000, "FILTER EXISTS { ", "}", "") + " }",
    ],
    ids=["30,000 nested CONCAT", "30,000 nested FILTER EXISTS"],
)
def test_a_query_that_crashes_the_engine_is_400_and_a_fresh_worker_answers(pool: QueryPool, query: str) -> None:
    before, store = pool.pids(), pool.store_pid
    with pytest.raises(QueryCrashed, match=r"the engine crashed on this query .* nests or chains operators too deeply"):
        pool.run(query, "csv")
    _replaced(pool, before, store)
    assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + _nested(10000, "{", "}", ""),
        "SELECT * WHERE { FILTER(" + _nested(10000, "(", ")", "true") + ") }",
        "SELECT * WHERE { BIND(" + "+".join(["1"] * 5000) + " AS ?x) }",
    ],
    ids=["10,000 nested groups", "10,000 nested parentheses", "5,000 additions"],
)
def test_deep_queries_that_overflow_an_8_mib_stack_are_answered(pool: QueryPool, query: str) -> None:
    assert pool.run(query, "csv").kind == "select"


def test_a_memory_overrun_is_503_with_its_reason_and_a_fresh_worker_answers(pool: QueryPool) -> None:
    before, store = pool.pids(), pool.store_pid
    with pytest.raises(WorkerCrashed, match=r"^the query exceeded the memory limit of 256 MiB and was stopped$"):
        pool.run("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1", "csv")
    _replaced(pool, before, store)
    assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"


def test_rows_and_bytes_are_capped_with_a_clear_message(pool: QueryPool) -> None:
    with pytest.raises(TooManyRows, match=r"more than 100 rows; add a LIMIT \(the endpoint's cap is 100\)"):
        pool.run("SELECT ?s WHERE { ?s ?p ?o }", "json")
    with pytest.raises(ResultTooLarge, match=r"^the result is larger than 20000 bytes; add a LIMIT or select fewer"):
        pool.run("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100", "json")
    with pytest.raises(ResultTooLarge, match=r"^the result is larger than 20000 bytes"):
        pool.run(
            # one distinct triple per solution (its object spells the whole source triple four times, so no two
            # solutions give the same triple), each over 300 bytes: 100 of them pass the 20,000-byte cap in any order
            # of the store, without reaching the row cap (a triple per subject would depend on that order)
            "CONSTRUCT { ?s nko:note ?x } WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), ' ', STR(?p), ' ', STR(?o)) AS ?k)"
            " BIND(CONCAT(?k, ?k, ?k, ?k) AS ?x) } LIMIT 100",
            "ntriples",
        )
    assert pool.run("SELECT ?s WHERE { ?s ?p ?o } LIMIT 10", "csv").count == 10


def test_errors_while_binding_or_serializing_do_not_kill_the_worker(pool: QueryPool) -> None:
    before = pool.pids()
    with pytest.raises(Exception, match="query failed"):
        pool.run("SELECT ?x WHERE { ?s ?p ?o }", "csv", bindings={"a-b": "1"})
    with pytest.raises(Exception, match="SELECT projection"):
        pool.run("SELECT ?e WHERE { ?e ?p ?name }", "csv", bindings={"name": "x"})
    assert pool.pids() == before
    assert pool.run("ASK { }", "json").body == b'{"head":{},"boolean":true}'


def test_a_worker_killed_while_idle_is_replaced_before_the_next_query(pool: QueryPool) -> None:
    import signal

    (worker,) = pool.pids()
    store = pool.store_pid
    os.kill(worker, signal.SIGKILL)
    wait_for(lambda: _dead(str(worker)), "the worker dead (a zombie until the store process reaps it)")
    assert pool.run("ASK { ?s ?p ?o }", "csv").body == b"true"  # the query is not blamed for it
    assert pool.pids() != [worker] and pool.store_pid == store and pool.reloads == 0


def test_the_workers_share_the_data_loaded_once(nt: bytes) -> None:
    """Every worker is a fork of the one store process: the data is loaded once, its pages shared."""
    with QueryPool(nt, workers=3, timeout=10) as pool:
        store = pool.store_pid
        assert len(pool.pids()) == 3
        assert {_field(f"/proc/{pid}/stat", 1) for pid in pool.pids()} == {str(store)}
        python = [p for p in Path("/proc").glob("[0-9]*/cmdline") if str(store) == p.parent.name]
        assert python and b"neurokg.server.store" in python[0].read_bytes()
