"""The command line: help with an example everywhere, shared output formats, documented exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from neurokg.cli.main import get_parser

from .conftest import ROOT
from .fixturegraph import FIXTURES

INVALID_GRAPH = FIXTURES / "invalid_graph"  # a small graph with one violation, so validate prints rows


def _commands() -> dict:
    parser = get_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return dict(sub.choices)


def test_every_command_has_an_example_and_exit_codes() -> None:
    for name, parser in _commands().items():
        text = parser.format_help()
        assert "example:" in text and f"neurokg {name}" in text, name
        assert "exit codes:" in text, name


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in _commands():
        assert f"neurokg {name}" in readme, f"README lacks an example of `neurokg {name}`"


ROW_COMMANDS = [
    ("stats",),
    ("query", "--list"),
    ("query", "SELECT ?e WHERE { ?e a nko:Condition } ORDER BY ?e LIMIT 3"),
    ("locate", "chronic pain"),
    ("validate", "--graph", str(INVALID_GRAPH)),
]


@pytest.mark.parametrize("args", ROW_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_same_output_formats_everywhere(cli, args) -> None:
    expected = 1 if args[0] == "validate" else 0  # the validate fixture graph is invalid on purpose
    code, _table, _ = cli(*args)
    assert code == expected
    code, out_csv, _ = cli(*args, "--format", "csv")
    assert code == expected
    rows = list(csv.reader(io.StringIO(out_csv)))
    assert len(rows) >= 2
    code, out_json, _ = cli(*args, "--format", "json")
    assert code == expected
    records = json.loads(out_json)
    assert isinstance(records, list)
    assert len(records) == len(rows) - 1
    if records:
        assert list(records[0]) == rows[0]


def test_usage_error_exits_2(cli) -> None:
    code, _out, err = cli("query", "--format", "yaml", "--list")
    assert code == 2
    code, _out, err = cli("query", "--file", "/nonexistent.rq")
    assert code == 2 and "/nonexistent.rq" in err


def test_malformed_query_exits_1_with_parser_message(cli) -> None:
    code, _out, err = cli("query", "SELECT ?x WHERE { ?x ?y }")
    assert code == 1 and "malformed query" in err


def test_param_is_bound(cli) -> None:
    q = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"
    code, out, _ = cli("query", q, "--param", "name=diabetes", "--format", "csv")
    assert code == 0 and "https://w3id.org/neurokg/id/diabetes" in out


def test_locate_prints_offsets_that_resolve(cli, corpus) -> None:
    code, out, _ = cli("locate", "central sensitization", "--format", "json")
    assert code == 0
    for hit in json.loads(out):
        text = (corpus / hit["document"]).read_text(encoding="utf-8")
        assert text[hit["start"] : hit["end"]].lower() == "central sensitization"


def test_every_named_query_is_listed_in_the_readme() -> None:
    from neurokg.sparql import named_queries

    readme = (ROOT / "README.md").read_text()
    for name in named_queries():
        assert f"| `{name}` |" in readme, f"README lacks the named query {name}"
