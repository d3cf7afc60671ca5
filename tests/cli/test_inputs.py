"""Bad input gets one clear line, a documented exit code, and nothing half-written; long steps show progress."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixturegraph import make_graph_dir

NEUROKG = str(Path(sys.executable).with_name("neurokg"))
_ENV = {k: v for k, v in os.environ.items() if k != "NEUROKG_CORPUS"}  # the fixture graph's document is elsewhere


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_named_query_without_its_parameter(cli, engine: str) -> None:
    code, out, err = cli("query", "--named", "14-concept", "--engine", engine)
    assert (code, out) == (1, "")
    line = _one_line_error(err)
    assert "14-concept needs a value for 'name' (--param name=VALUE)" in line and "a label of the concept" in line


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_misspelt_parameter_names_the_real_ones(cli, engine: str) -> None:
    code, out, err = cli("query", "--named", "14", "--param", "nam=diabetes", "--engine", engine)
    assert (code, out) == (1, "")
    assert "14-concept has no parameter 'nam'; it takes: name" in _one_line_error(err)
    code, _, err = cli("query", "SELECT ?x WHERE { ?x a nko:Drug }", "--param", "y=1", "--engine", engine)
    assert code == 1 and "no variable ?y in the query to bind; its variables: ?x" in _one_line_error(err)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_an_unknown_prefix_is_named(cli, engine: str) -> None:
    code, out, err = cli("query", "SELECT * WHERE { ?s foo:bar ?o }", "--engine", engine)
    assert (code, out) == (1, "")
    line = _one_line_error(err)
    assert "unknown prefix foo:" in line and "nko:" in line and "\\u{" not in line


def test_count_is_a_number_in_json(cli) -> None:
    code, out, _ = cli("query", "SELECT (COUNT(*) AS ?n) (1 < 2 AS ?yes) WHERE { ?s ?p ?o }", "--format", "json")
    (row,) = json.loads(out)
    assert code == 0 and isinstance(row["n"], int) and row["n"] > 7000 and row["yes"] is True


def test_select_star_keeps_the_query_order(cli) -> None:
    code, out, _ = cli("query", "SELECT * WHERE { BIND(1 AS ?z) BIND(2 AS ?a) }", "--format", "csv")
    assert (code, out) == (0, "z,a\n1,2\n")


def test_construct_prints_one_triple_per_row(cli) -> None:
    query = "CONSTRUCT { nk:diabetes nko:causes ?o } WHERE { nk:diabetes nko:causes ?o }"
    code, out, _ = cli("query", query)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["subject", "predicate", "object"] and "" not in lines
    assert all(line.startswith("nk:diabetes  nko:causes") for line in lines[2:-1])


def test_an_empty_graph_directory_is_an_error(cli, tmp_path: Path) -> None:
    for command in ("validate", "stats", "build"):
        extra = ["--out", str(tmp_path / "dist")] if command == "build" else []
        code, out, err = cli(command, "--graph", str(tmp_path), *extra)
        assert (code, out) == (2, ""), command
        assert f"graph directory {tmp_path} holds no .ttl file" in _one_line_error(err)
    assert not (tmp_path / "dist").exists()


def test_an_output_under_a_file_is_one_line(cli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    code, out, err = cli("viz", "-o", str(tmp_path / "a-file" / "x.html"))
    assert (code, out) == (2, "")
    assert f"{tmp_path / 'a-file'} is a file, not a directory" in _one_line_error(err)
    code, out, err = cli("build", "--out", str(tmp_path / "a-file" / "dist"), "--graph", str(make_graph_dir(tmp_path)))
    assert code == 2 and "is a file, not a directory" in _one_line_error(err)
    assert sorted(p for p in tmp_path.rglob("*") if "graph" not in p.parts) == before


def _spawn(*args: str, tty: bool = False) -> tuple[subprocess.Popen[bytes], int | None]:
    env = {**_ENV, "COLUMNS": "100"}
    if not tty:
        return subprocess.Popen([NEUROKG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env), None
    main, child = os.openpty()
    proc = subprocess.Popen([NEUROKG, *args], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    return proc, main


def _read_pty(fd: int) -> str:
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    graph = str(make_graph_dir(tmp_path))
    proc, fd = _spawn("validate", "--graph", graph, tty=True)
    assert fd is not None
    shown = _read_pty(fd)
    assert proc.wait(120) == 0
    assert "... reading the curated graph" in shown and "... validating" in shown
    piped = subprocess.run(
        [NEUROKG, "validate", "--graph", graph], capture_output=True, text=True, timeout=120, env=_ENV
    )
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.slow
def test_ctrl_c_during_build_writes_nothing_and_exits_130(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "dist"
    proc, _ = _spawn("-v", "build", "--out", str(out), "--corpus", str(corpus))
    assert proc.stderr is not None
    for line in proc.stderr:  # interrupt once validation has started, as a person would
        if b"validating" in line:
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.stderr.read().decode()
    assert proc.wait(120) == 130
    assert rest.strip().endswith("interrupted; nothing written")
    assert list(tmp_path.iterdir()) == []  # neither dist nor a temporary directory


@pytest.mark.server
def test_serve_says_it_starts_before_loading_and_that_it_stopped() -> None:
    proc, _ = _spawn("serve", "--port", "0", "--workers", "1")
    assert proc.stderr is not None and proc.stdout is not None
    first = proc.stderr.readline().decode()
    assert first.startswith("neurokg serve: starting on 127.0.0.1:0")
    assert proc.stdout.readline().decode().startswith("SPARQL endpoint: http://127.0.0.1:")
    proc.send_signal(signal.SIGINT)
    assert proc.wait(60) == 0
    assert proc.stderr.read().decode().strip().endswith("neurokg serve: stopped; every worker shut down")
