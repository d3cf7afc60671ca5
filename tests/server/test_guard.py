"""The query guard alone (workers not isolated): what it refuses, and that it reads the text the engine runs."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from neurokg.core.errors import QueryError
from neurokg.core.namespace import PREFIXES
from neurokg.server.guard import QueryRefused, canonical_query, inspect_query
from neurokg.server.http import EndpointServer
from neurokg.server.tokens import tokenize
from neurokg.sparql import named_queries

from .battery import live, variants
from .conftest import CHANNELS, Trap, by_body, by_form, request, serving

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def guarded(nt: bytes) -> Iterator[EndpointServer]:
    """An endpoint whose workers are NOT isolated: only the guard stands between a query and the network."""
    with serving(nt, pool_options={"workers": 2, "timeout": 10, "isolation": "off"}) as server:
        assert server.pool.isolation is not None and not server.pool.isolation.available
        yield server


# ---------------------------------------------------------------- refusals --


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"query": "LOAD <file:///etc/passwd>"}, b"updates are refused: this endpoint is read-only (LOAD)"),
        ({"query": "INSERT DATA { nk:a nk:b nk:c }"}, b"updates are refused: this endpoint is read-only (INSERT DATA)"),
        ({"query": "DELETE WHERE { ?s ?p ?o }"}, b"updates are refused: this endpoint is read-only (DELETE WHERE)"),
        ({"update": "INSERT DATA { nk:a nk:b nk:c }"}, b"updates are refused"),
        ({"query": "SELECT * { SERVICE <http://e/> {} }"}, b"SERVICE is refused: this endpoint never fetches"),
        ({"query": "SELECT * FROM <http://e/g> { SERVICE SILENT ?x {} }"}, b"SERVICE is refused"),
    ],
)
def test_updates_load_and_service_are_403(guarded: EndpointServer, fields: dict[str, str], message: bytes) -> None:
    status, _, body = by_form(guarded, fields)
    assert status == 403
    assert body.startswith(message), body
    assert b"root:" not in body


def test_sparql_update_content_type_is_refused(guarded: EndpointServer) -> None:
    status, _, text = by_body(guarded, "DROP ALL")
    assert (status, text) == (403, b"updates are refused: this endpoint is read-only (DROP)\n")
    status, _, text = request(guarded, "POST", "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { \\u0053ERVICE <http://e/> {} }", "a backslash escape outside a string literal"),
        ("SELECT * WHERE {\n  ?s ?p ?o }\x0c", "unexpected character U+000C (form feed) at line 2, column 13"),
        ("SELECT *\u2028WHERE {}", "unexpected character U+2028 (line separator) at line 1, column 9"),
        ("SELECT * WHERE { <http://e/\\u003E> ?p ?o }", "U+003E (greater-than sign), which IRIs may not hold"),
        ("SELECT * WHERE { ?s ?p 'a\\qb' }", "unknown escape \\q in a string at line 1, column 24"),
        ("SELECT * WHERE { ?s ?p '\\uD800' }", "\\u escape of no character"),
        ("SELECT * WHERE { ?s ?p ?o ` }", "unexpected character U+0060 (grave accent) at line 1, column 27"),
        ("# only a comment\n", "the query is empty"),
        ("PREFIX ex: <http://e/> ex:a", "expected SELECT, ASK, CONSTRUCT or DESCRIBE at line 1, column 1"),
    ],
)
def test_text_that_could_be_read_two_ways_is_400_with_its_place(query: str, message: str) -> None:
    with pytest.raises(QueryError, match="malformed query: ") as caught:
        canonical_query(query)
    assert not isinstance(caught.value, QueryRefused)
    assert message in str(caught.value)


def test_guard_without_http() -> None:
    assert inspect_query("DESCRIBE nk:diabetes") == "describe"
    assert inspect_query("SELECT * FROM <http://g> FROM NAMED <file:///etc/passwd> { ?s ?p ?o }") == "select"
    assert inspect_query('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE') == "select"
    assert inspect_query("SELECT ?service { ?service ex:SERVICE ?o }", prefixes={"ex": "http://e/"}) == "select"
    with pytest.raises(QueryRefused, match="CLEAR"):
        inspect_query("CLEAR ALL")


# ------------------------------------------------------- one text, one reading --


def test_the_rebuilt_text_keeps_lines_drops_comments_and_rewrites_strings() -> None:
    text = "SELECT ?x # a comment\r\nWHERE {\r\n  BIND('''it's\n\"two\" lines''' AS ?x) .\n  ?s ?p ?o\n}"
    rebuilt = canonical_query(text).text
    # every token stays on its line, at its column where the text before it kept its length
    assert rebuilt == 'SELECT ?x\nWHERE {\n  BIND("it\'s\\n\\"two\\" lines"\n' + " " * 15 + "AS ?x) .\n  ?s ?p ?o\n}"
    assert [t.text for t in tokenize(rebuilt) if t.kind not in ("ws", "comment")] == [
        t.text if t.kind != "string" else '"it\'s\\n\\"two\\" lines"'
        for t in tokenize(text)
        if t.kind not in ("ws", "comment")
    ]


def _rows(store: ox.Store, text: str) -> object:
    result = store.query(text, prefixes=dict(PREFIXES))
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        return sorted(str([str(t) for t in solution]) for solution in result)
    return sorted(str(t) for t in result)


def test_the_engine_gives_the_same_answers_to_the_rebuilt_text(nt: bytes) -> None:
    store = ox.Store()
    store.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
    queries = [q.text for q in named_queries().values()]
    assert len(queries) == 14
    queries += [
        'SELECT ?l WHERE { ?e skos:prefLabel ?l FILTER(CONTAINS(STR(?l), "diab\\u0065tes") && ?l != "x\'y") }',
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != '''a\nb''') } # trailing comment",
        "ASK { nk:diabetes nko:causes ?x FILTER(1-1 = 0 && -2 < +3 && 1.5e0 > .5) }",
        "SELECT * WHERE { ?s a nko:Drug } ORDER BY ?s LIMIT 3",
        'SELECT ?x WHERE { BIND("tab\there" AS ?x) }',
    ]
    for text in queries:
        params = [line for line in text.splitlines() if line.startswith("# param")]
        if params:
            continue  # parameters are bound by the engine; covered through the endpoint
        assert _rows(store, canonical_query(text).text) == _rows(store, text), text


# -------------------------------------------------------------- the battery --


def test_the_battery_is_live_without_the_guard_and_the_isolation(nt: bytes, trap: Trap) -> None:
    """Why both lines exist: with neither, the engine connects for the issue's payloads, by every channel."""
    with serving(nt, pool_options={"workers": 1, "timeout": 10, "guard": False, "isolation": "off"}) as bare:
        for channel, send in CHANNELS.items():
            for name, query in live(trap.port):
                before = trap.connections
                status, _, _ = send(bare, query)
                assert status == 200, (channel, name)
                assert trap.connections > before, f"{name} by {channel} did not reach the trap"


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_the_guard_alone_lets_no_query_of_the_battery_connect(
    guarded: EndpointServer, trap: Trap, channel: str
) -> None:
    send = CHANNELS[channel]
    battery = live(trap.port) + variants(trap.port)
    assert len(battery) >= 70
    for name, query in battery:
        status, _, body = send(guarded, query)
        assert status in (200, 400, 403), (name, status, body)
        if b"SERVICE" in query.encode() and status == 200:
            # accepted only where SERVICE sits in a comment (ended by LF or CR only, as the engine ends it;
            # the engine runs the text without it) or in a string, for every reader
            assert name.startswith(("comment ended by", "comment hiding")), name
            assert not name.startswith(("comment ended by CR", "comment ended by LF")), name
    assert trap.connections == 0
