"""Starting the endpoint: where it may listen, the CLI, and what it says about the workers' isolation."""

from __future__ import annotations

import ctypes
import http.client
import os
import platform
import socket
import struct
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from neurokg.core.errors import UsageError
from neurokg.server.endpoint import check_host
from tests.conftest import BUILT, ROOT

LABEL = "SELECT ?label WHERE { nk:diabetes skos:prefLabel ?label }"

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_non_loopback_host_needs_allow_remote() -> None:
    assert check_host("127.0.0.1") is True and check_host("::1") is True
    with pytest.raises(UsageError, match="--allow-remote"):
        check_host("0.0.0.0")
    assert check_host("0.0.0.0", allow_remote=True) is False


def _serve(dist: Path, *args: str, preexec_fn=None) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "neurokg", "serve", "--port", str(port), "--dist", str(dist), *args]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=preexec_fn
    )
    return proc, port


@pytest.fixture
def dist(built) -> Path:
    """The session build (``serve --dist`` refuses a directory that no current build made)."""
    return built.out


@BUILT
def test_cli_serve_with_cors_from_a_dist_directory(dist: Path) -> None:
    proc, port = _serve(dist, "--cors")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/sparql", (
            proc.stderr.read() if proc.stderr else ""
        )
        assert proc.stdout.readline().startswith("query page:")
        assert proc.stdout.readline().startswith("isolation:")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/sparql?query={urllib.parse.quote(LABEL)}", headers={"Accept": "text/csv"})
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, b"label\r\ndiabetes\r\n")
        assert response.getheader("Access-Control-Allow-Origin") == "*"
        assert response.getheader("Access-Control-Allow-Credentials") is None
        conn.request("OPTIONS", "/sparql", headers={"Origin": "https://x.example"})
        response = conn.getresponse()
        response.read()
        assert response.status == 204 and "POST" in response.getheader("Access-Control-Allow-Methods", "")
        conn.close()
    finally:
        proc.terminate()
        assert proc.wait(15) == 0


def test_cli_serve_refuses_a_public_host_without_the_flag(cli) -> None:
    code, _, err = cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 2 and "--allow-remote" in err


def _forbid_unshare() -> None:
    """In the child before exec: a seccomp filter that fails unshare() with EPERM, as container runtimes do."""
    audit_arch_x86_64, nr_unshare = 0xC000003E, 272
    ld_abs, jeq, ret = 0x20, 0x15, 0x06
    errno_eperm, allow = 0x00050001, 0x7FFF0000
    program = [
        (ld_abs, 0, 0, 4),  # the architecture
        (jeq, 0, 3, audit_arch_x86_64),
        (ld_abs, 0, 0, 0),  # the system call number
        (jeq, 0, 1, nr_unshare),
        (ret, 0, 0, errno_eperm),
        (ret, 0, 0, allow),
    ]
    raw = b"".join(struct.pack("HBBI", *insn) for insn in program)
    buffer = ctypes.create_string_buffer(raw)

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = Program(len(program), ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0):
        os._exit(97)
    if libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog)):
        os._exit(98)


@pytest.mark.skipif(
    platform.machine() != "x86_64" or not sys.platform.startswith("linux"),
    reason="the seccomp filter that takes namespaces away is written for Linux on x86_64",
)
@BUILT
def test_without_namespaces_the_server_says_so_and_require_refuses_to_start(dist: Path) -> None:
    proc, _ = _serve(dist, preexec_fn=_forbid_unshare)
    try:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith("SPARQL endpoint:")
        proc.stdout.readline()
        line = proc.stdout.readline()
        assert line.startswith("isolation:       query workers are not network-isolated (unshare(CLONE_NEWNET)")
        assert "the query guard alone refuses SERVICE" in line
    finally:
        proc.terminate()
        proc.wait(15)
    assert "not network-isolated" in proc.stderr.read()  # also logged as a warning

    proc, _ = _serve(dist, "--isolation", "require", preexec_fn=_forbid_unshare)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "network isolation is required but unavailable: unshare(CLONE_NEWNET) failed: Operation not permitted" in err
