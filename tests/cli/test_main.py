"""The command line: help with an example everywhere, shared output formats, documented exit codes."""

from __future__ import annotations

import json

import pytest

from neurokg.cli.app import get_parser
from tests.fixturegraph import FIXTURES

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


def test_ctrl_c_says_nothing_was_written_and_exits_130(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import neurokg.cli.commands.graph as commands

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "stats", interrupted)
    code, out, err = cli("stats")
    assert (code, out, err) == (130, "", "interrupted; nothing written\n")


def test_open_hands_the_explorer_to_the_browser(cli, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    page = tmp_path / "dist" / "explorer.html"
    page.parent.mkdir()
    page.write_text("<!doctype html>", encoding="utf-8")
    code, out, _ = cli("open", str(tmp_path / "dist"))
    assert (code, opened) == (0, [page.resolve().as_uri()]) and out == f"opening {page.resolve().as_uri()}\n"
    code, _, err = cli("open", str(tmp_path / "nothing.html"))
    assert code == 2 and "nothing.html not found: run neurokg build" in err


def test_completion_scripts_know_every_command(cli) -> None:
    import subprocess

    code, script, _ = cli("completion", "bash")
    assert code == 0
    assert subprocess.run(["bash", "-n"], input=script, text=True).returncode == 0  # valid bash
    for command in ("build", "query", "treatments", "open", "completion"):
        assert command in script
    assert "--named" in script and "--format" in script


def test_each_command_is_built_by_its_own_group() -> None:
    from neurokg.cli.app import get_parser
    from neurokg.cli.commands import OWNER

    def commands(parser) -> set[str]:
        sub = next(a for a in parser._actions if a.dest == "command")
        return set(sub.choices)

    every = commands(get_parser())
    assert set(OWNER) == every - {"completion"}
    for name in OWNER:
        assert name in commands(get_parser(name)) and len(commands(get_parser(name))) < len(every)
    assert commands(get_parser("completion")) == every
