"""Result format negotiation: Accept, the format parameter, and what each query form can be answered in."""

from __future__ import annotations

from neurokg.server.negotiation import choose_format, negotiate, offered


def test_negotiate_prefers_client_order_then_server_order() -> None:
    assert negotiate("text/csv, application/sparql-results+json", "select") == "csv"
    assert negotiate("*/*", "select") == "json"
    assert negotiate("application/sparql-results+json;q=0, application/json;q=0, */*;q=0.1", "select") == "xml"
    assert negotiate(None, "describe") == "turtle"
    assert negotiate(None, "select", "turtle") is None


def test_format_parameters_come_before_accept_and_unusable_ones_are_skipped() -> None:
    # SPARQLWrapper sends format=json and then format=<media types>
    assert choose_format("ask", "text/csv", ["json", "application/sparql-results+json"]) == "json"
    assert choose_format("construct", "text/turtle", ["csv"]) == "turtle"
    assert choose_format("construct", None, ["application/n-triples,*/*;q=0.1"]) == "ntriples"
    assert choose_format("select", "text/turtle") is None
    assert offered("describe") == "text/turtle, application/n-triples, application/ld+json, application/rdf+xml"
