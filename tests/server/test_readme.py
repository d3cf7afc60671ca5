"""The README's "SPARQL over HTTP" examples, run as written (with a free port instead of 8000)."""

from __future__ import annotations

import re
import shlex
import shutil
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from neurokg.server.http import EndpointServer
from tests.conftest import BUILT, ROOT

from .conftest import serving

pytestmark = pytest.mark.server


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## SPARQL over HTTP", 1)[1].split("\n## ", 1)[0]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.S)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(nt: bytes) -> Iterator[EndpointServer]:
    with serving(nt, pool_options={"workers": 2}) as endpoint:
        yield endpoint


@BUILT
def test_every_serve_command_starts_and_answers(built, tmp_path: Path) -> None:
    lines = [line for line in _blocks("sh")[0].splitlines() if line.strip() and not line.startswith("#")]
    commands = [line.split("#")[0].strip() for line in lines]
    assert len(commands) == 4 and all(c.startswith("neurokg serve") for c in commands)
    shutil.copytree(built.out, tmp_path / "dist")  # serve --dist takes a current build
    (tmp_path / "extra.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    in_extra = urllib.parse.quote("ASK { GRAPH <http://example.org/extra> { ?s ?p 1 } }")
    for command in commands:
        port = _free_port()
        args = shlex.split(command)[2:]
        if "--port" in args:
            args[args.index("--port") + 1] = str(port)
        else:
            args += ["--port", str(port)]
        proc = subprocess.Popen(
            [sys.executable, "-m", "neurokg", "serve", *args],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/sparql", command
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=60) as answer:
                assert b'"boolean":true' in answer.read()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query={in_extra}", timeout=60) as answer:
                assert (b'"boolean":true' in answer.read()) is ("--named-graph" in args), command
        finally:
            proc.terminate()
            assert proc.wait(30) == 0, command


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed on this machine")
def test_the_curl_examples(server: EndpointServer) -> None:
    lines = [line for line in _blocks("sh")[1].splitlines() if line.startswith("curl ")]
    assert len(lines) == 2
    port = str(server.server_address[1])
    csv = subprocess.run(shlex.split(lines[0].replace("8000", port)), capture_output=True, timeout=60, check=True)
    assert csv.stdout.startswith(b"d\r\nhttps://w3id.org/neurokg/id/")
    turtle = subprocess.run(shlex.split(lines[1].replace("8000", port)), capture_output=True, timeout=60, check=True)
    assert b"nk:diabetes" in turtle.stdout and b"skos:prefLabel" in turtle.stdout


def test_the_sparqlwrapper_example(server: EndpointServer) -> None:
    code = _blocks("python")[0].replace("8000", str(server.server_address[1]))
    scope: dict[str, object] = {}
    exec(code, scope)
    rows = scope["rows"]
    assert isinstance(rows, list) and len(rows) > 5
    assert {"d", "l"} <= set(rows[0])


def test_the_option_table_lists_every_serve_option() -> None:
    from neurokg.cli.app import get_parser

    serve = next(
        action.choices["serve"]
        for action in get_parser("serve")._actions
        if isinstance(action.choices, dict) and "serve" in action.choices
    )
    options = {o for action in serve._actions for o in action.option_strings if o.startswith("--") and o != "--help"}
    listed = set(re.findall(r"^\| `(--[a-z-]+)", _section(), flags=re.M))
    assert options == listed
