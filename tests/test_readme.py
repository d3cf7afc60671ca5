"""The README cannot drift: every code block runs as written, or names the test that covers it.

Shell blocks run with bash in a temporary working directory beside a link to ``../shared`` (so
``../shared/corpus`` resolves as on a developer's machine) and to this checkout's ``.venv``, with the
environment's ``bin/`` first on ``PATH`` (the README says to activate it). Python blocks run in a fresh
interpreter there; ``ipython`` blocks in an IPython shell. A block whose first line is
``# covered by: tests/PATH.py::test_NAME`` is not run here (it starts a server, or runs ``make test``
itself); a test checks that the test it names exists. ``text`` blocks are diagrams.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from neurokg.cli.app import get_parser
from tests.conftest import ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"^# covered by: (tests/[\w/]+\.py)::(\w+)")
RUNNABLE = {"sh", "python", "ipython"}


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    line: int

    @property
    def covered_by(self) -> tuple[str, str] | None:
        m = MARKER.match(self.text)
        return (m.group(1), m.group(2)) if m else None

    def __str__(self) -> str:
        return f"README.md:{self.line} ({self.lang})"


def _blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    return [Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]


BLOCKS = _blocks()
TO_RUN = [b for b in BLOCKS if b.lang in RUNNABLE and b.covered_by is None]
MARKED = [b for b in BLOCKS if b.covered_by is not None]


def test_every_block_has_a_known_kind() -> None:
    assert len(BLOCKS) == 19
    for block in BLOCKS:
        assert block.lang in RUNNABLE | {"text"}, f"{block}: say sh, python, ipython or text"


@pytest.mark.parametrize("block", MARKED, ids=str)
def test_marked_block_names_an_existing_test(block: Block) -> None:
    assert block.covered_by is not None
    path, name = block.covered_by
    source = ROOT / path
    assert source.is_file(), f"{block}: {path} does not exist"
    assert re.search(rf"^(async )?def {name}\(", source.read_text(encoding="utf-8"), re.M), f"{block}: no {name}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """``tmp/work`` (the working directory), with ``tmp/shared`` beside it and ``.venv`` inside."""
    top = tmp_path_factory.mktemp("readme")
    (top / "shared").symlink_to(corpus.parent, target_is_directory=True)
    work = top / "work"
    work.mkdir()
    (work / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return work


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEUROKG_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    return env


def _run(block: Block, workspace: Path) -> subprocess.CompletedProcess[str]:
    cells: list[str] = []
    if block.lang == "sh":
        cmd = ["bash", "-euo", "pipefail", "-c", block.text]
    elif block.lang == "python":
        cmd = [sys.executable, "-c", block.text]
    else:  # a notebook: the README's ipython blocks are its cells, run in order up to this one
        runner = textwrap.dedent(
            """
            import json, sys
            from IPython.core.interactiveshell import InteractiveShell
            shell = InteractiveShell.instance()
            for cell in json.load(sys.stdin):
                if not shell.run_cell(cell).success:
                    sys.exit(1)
            """
        )
        cmd = [sys.executable, "-c", runner]
        cells = [b.text for b in BLOCKS if b.lang == "ipython" and b.line <= block.line]
    return subprocess.run(
        cmd,
        cwd=workspace,
        env=_env(),
        input=json.dumps(cells) if block.lang == "ipython" else None,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
@pytest.mark.parametrize("block", TO_RUN, ids=str)
def test_block_runs_as_written(block: Block, workspace: Path) -> None:
    done = _run(block, workspace)
    assert done.returncode == 0, f"{block} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr and "Error" not in done.stdout, f"{block}:\n{done.stdout}\n{done.stderr}"


# ------------------------------------------------------------- command table --


def _commands() -> dict[str, object]:
    sub = next(a for a in get_parser()._actions if a.dest == "command")
    return dict(sub.choices)  # type: ignore[attr-defined]


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def _table_rows(section: str, header: str) -> list[list[str]]:
    lines = section[section.index(header) :].splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_command_table_matches_the_parser() -> None:
    rows = _table_rows(_section("## Command line"), "| command | example |")
    assert [r[0] for r in rows] == list(_commands()), "the table lists every command, in the order of --help"
    parser = get_parser()
    for name, example, *_ in rows:
        code = re.search(r"`(neurokg [^`]+)`", example)
        assert code, f"{name}: no example"
        words = shlex.split(code.group(1))[1:]
        assert words[0] == name
        parser.parse_args(words)  # every option in the example exists (argparse exits 2 otherwise)


def test_exit_code_table_matches_the_parser() -> None:
    from neurokg.cli.options import EPILOG

    rows = _table_rows(_section("## Command line"), "| code | meaning |")
    documented = {int(r[0]) for r in rows}
    assert documented == {int(m) for m in re.findall(r"^\s*(\d+)  ", EPILOG, re.M)} == {0, 1, 2, 130}


def test_every_named_query_is_listed() -> None:
    from neurokg.sparql import named_queries

    readme = README.read_text(encoding="utf-8")
    for name in named_queries():
        assert f"| `{name}` |" in readme, f"README lacks the named query {name}"


# ------------------------------------------------------- blocks that need a server --


def _marked(name: str) -> list[Block]:
    found = [b for b in MARKED if b.covered_by and b.covered_by[1] == name]
    assert found, f"no README block is marked as covered by {name}"
    return found


def _with_ports(block: Block, ports: dict[str, str]) -> Block:
    text = block.text
    for old, new in ports.items():
        text = text.replace(old, new)
    return Block(block.lang, text.split("\n", 1)[1], block.line)  # without the marker line


@pytest.fixture(scope="module")
def live_endpoint(graph) -> Iterator[str]:
    """``neurokg serve`` in-process on a free loopback port (what the README's examples talk to)."""
    import threading

    from neurokg.server.endpoint import make_server

    server = make_server(graph, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url.rstrip("/")
    server.shutdown()
    server.close()
    thread.join(5)


@pytest.mark.server
def test_oxigraph_blocks_run_against_a_live_oxigraph(
    live_endpoint: str, workspace: Path, tmp_path: Path, corpus: Path
) -> None:
    from tests.sparql.test_remote import _free_port, _oxigraph_binary, _wait_until_up

    blocks = _marked("test_oxigraph_blocks_run_against_a_live_oxigraph")
    assert [b.lang for b in blocks] == ["sh", "python"]
    port = str(_free_port())
    first, rest = blocks[0].text.split("\n", 2)[1:]
    assert first.startswith("oxigraph serve --location /tmp/neurokg-store --bind 127.0.0.1:7878 &")
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(proc, f"http://127.0.0.1:{port}")
        ports = {"127.0.0.1:7878": f"127.0.0.1:{port}", "http://127.0.0.1:8000": live_endpoint}
        shell = Block("sh", "# marker\n" + rest, blocks[0].line)
        for block in (shell, blocks[1]):
            done = _run(_with_ports(block, ports), workspace)
            assert done.returncode == 0, f"{block}:\n{done.stdout}\n{done.stderr}"
        assert "pushed" in _run(_with_ports(shell, ports), workspace).stdout
    finally:
        proc.terminate()
        proc.wait(10)


def test_source_table_matches_the_documents_of_the_graph() -> None:
    from rdflib import Graph
    from rdflib.namespace import DCTERMS, RDF, RDFS

    from neurokg.core.namespace import NKO

    docs = Graph().parse(ROOT / "graph" / "documents.ttl")
    expected = {}
    for doc in docs.subjects(RDF.type, NKO.SourceDocument):
        date = docs.value(doc, DCTERMS.date)
        publisher, page = docs.value(doc, DCTERMS.publisher), docs.value(doc, DCTERMS.source)
        expected[f"`{docs.value(doc, NKO.fileName)}`"] = [
            str(docs.value(doc, RDFS.label)),
            str(docs.value(doc, NKO.contentKind) or ""),
            str(date or ""),
            f"{publisher}, <{page}>" if publisher and page else "",  # the credit of each NIH page
        ]
    rows = _table_rows(_section("## Sources"), "| file | source | kind | date | publisher, page |")
    assert {row[0]: row[1:] for row in rows} == expected
    assert "**A corpus of your own.**" in _section("## Sources")
