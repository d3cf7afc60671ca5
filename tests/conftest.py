"""Shared fixtures: the repository paths, the corpus, the loaded graph, a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from neurokg.cli.app import main
from tests.chromium import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
BUILT = pytest.mark.xdist_group("built")
"""Mark of the tests that use the shared :func:`built` output (one worker builds it once)."""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_corpus_env = os.environ.get("NEUROKG_CORPUS")
CORPUS = Path(_corpus_env) if _corpus_env else ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _corpus_env() -> None:
    """Commands that read $NEUROKG_CORPUS see the same corpus as the fixtures."""
    if CORPUS.is_dir():
        os.environ.setdefault("NEUROKG_CORPUS", str(CORPUS))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The source documents; the suite needs them (CI sets NEUROKG_CORPUS=../shared/corpus)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}: set NEUROKG_CORPUS")
    return CORPUS


@pytest.fixture(scope="session")
def graph(corpus: Path):
    """The real graph with evidence text resolved from the corpus."""
    from neurokg import load_graph

    return load_graph(corpus=corpus)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, corpus: Path):
    """One ``neurokg build`` of the real graph with the corpus, shared by the tests that read its outputs.

    Those tests carry ``BUILT`` (an xdist group), so they run on one worker and the build happens once.
    """
    from neurokg.pipeline.build import build

    return build(tmp_path_factory.mktemp("build") / "dist", corpus=corpus)


@pytest.fixture(scope="session")
def status(graph) -> dict[str, set[str]]:
    """Statement IRI (full and CURIE) of the real graph -> the status tokens of its evidence."""
    from tests.statusgraph import statement_status

    return statement_status(graph)


@pytest.fixture(scope="session")
def not_stated(status: dict[str, set[str]]) -> set[str]:
    """Statements (IRI and CURIE) of the real graph that no document states."""
    return {st for st, tokens in status.items() if "stated" not in tokens}


@pytest.fixture(scope="session")
def bare_graph():
    """The real graph without a corpus (offsets only)."""
    from neurokg import load_graph

    return load_graph(corpus=None) if "NEUROKG_CORPUS" not in os.environ else _without_env()


def _without_env():
    from neurokg import load_graph

    saved = os.environ.pop("NEUROKG_CORPUS")
    try:
        return load_graph()
    finally:
        os.environ["NEUROKG_CORPUS"] = saved


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``neurokg ARGS`` in-process; return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
