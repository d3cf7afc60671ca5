"""The prepared store: the graph loaded and minted once, kept as N-Triples, keyed by what it was made from.

Commands answer from it instead of reading ``graph/`` again. A store is found by a key over the
content (SHA-256) of the ontology and every curated file, of neurokg's own code (size and time of each file), and of the
corpus documents, so a store made from other inputs is never used: when anything changed, the
command prepares the store again (about a tenth of a second for the real graph) and says which
file changed. ``neurokg build`` leaves its store in the same cache and records the corpus it
used, which later commands use unless ``--corpus`` or ``NEUROKG_CORPUS`` say otherwise.

The cache lives in ``$NEUROKG_CACHE``, else ``$XDG_CACHE_HOME/neurokg``, else ``~/.cache/neurokg``;
deleting it is always safe.

>>> p = prepare(corpus="")
>>> len(p.store) > 5000, p.corpus.path
(True, None)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from neurokg.core import resources

__all__ = [
    "CorpusChoice",
    "Inputs",
    "Prepared",
    "cache_dir",
    "choose_corpus",
    "code_digest",
    "corpus_digest",
    "inputs",
    "prepare",
    "record_build",
    "store_key",
]

KEEP = 8
"""How many prepared stores the cache keeps (the most recently used)."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(parts: Iterable[str]) -> str:
    return _sha("\n".join(parts).encode())


@cache
def code_digest() -> str:
    """A digest of neurokg's own source (Python, SPARQL, templates, the explorer's script and style).

    A new version or an edit makes new stores and new builds.

    Files are identified by path, size and modification time (an edit in place changes the time).
    """
    package = Path(__file__).resolve().parents[1]
    stats = []
    for p in sorted(package.rglob("*")):
        if p.suffix in {".py", ".ru", ".rq", ".j2", ".html", ".js", ".css"}:
            st = p.stat()
            stats.append(f"{p.relative_to(package)}\t{st.st_size}\t{st.st_mtime_ns}")
    return _digest(stats)


@dataclass(frozen=True)
class Inputs:
    """What a graph is made from: each source file (display name to SHA-256) and the code."""

    graph_dir: Path
    files: dict[str, str]
    code: str

    @property
    def key(self) -> str:
        return _digest([self.code, *(f"{k}\t{v}" for k, v in sorted(self.files.items()))])

    def changed(self, before: dict[str, str]) -> list[str]:
        """Files added, removed or edited since ``before`` (a former :attr:`files`)."""
        names = set(before) | set(self.files)
        return sorted(n for n in names if before.get(n) != self.files.get(n))


def inputs(graph_dir: str | os.PathLike[str] | None = None) -> Inputs:
    """Hash the ontology and the ``*.ttl`` files of ``graph_dir`` (default: the packaged ``graph/``)."""
    from neurokg.rdf.oxload import display_name, source_files

    files = source_files(graph_dir=graph_dir)
    gdir = Path(graph_dir) if graph_dir else resources.graph_dir()
    return Inputs(gdir.resolve(), {display_name(p): _sha(p.read_bytes()) for p in files}, code_digest())


def corpus_digest(corpus: Path | None) -> str:
    """SHA-256 over the names and contents of the corpus's ``*.txt`` files (``"-"`` without a corpus)."""
    if corpus is None:
        return "-"
    texts = sorted(corpus.glob("*.txt"))
    return _digest([str(corpus.resolve()), *(f"{p.name}\t{_sha(p.read_bytes())}" for p in texts)])


def store_key(inp: Inputs, corpus: Path | None) -> str:
    """The key of the prepared store for these inputs and corpus."""
    return _digest([inp.key, corpus_digest(corpus)])


def cache_dir() -> Path:
    """``$NEUROKG_CACHE``, else ``$XDG_CACHE_HOME/neurokg``, else ``~/.cache/neurokg``."""
    if os.environ.get("NEUROKG_CACHE"):
        return Path(os.environ["NEUROKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "neurokg"


def _record_path(graph_dir: Path) -> Path:
    return cache_dir() / "graphs" / f"{_sha(str(graph_dir).encode())[:24]}.json"


def _read_record(graph_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads(_record_path(graph_dir).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    from neurokg.core.atomic import atomic_write_text

    try:
        atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    except OSError:  # a read-only cache costs speed only
        pass


def record_build(inp: Inputs, corpus: Path | None, out: Path) -> None:
    """Remember the corpus a build of ``inp.graph_dir`` used, for the commands that follow."""
    record = _read_record(inp.graph_dir)
    record.update(graph_dir=str(inp.graph_dir), build=str(out.resolve()))
    record["corpus"] = str(corpus.resolve()) if corpus is not None else None
    _write_json(_record_path(inp.graph_dir), record)


@dataclass(frozen=True)
class CorpusChoice:
    """The corpus a command uses and why: ``--corpus``, ``$NEUROKG_CORPUS``, the build's, or none."""

    path: Path | None
    how: str

    def __str__(self) -> str:
        if self.path is None:
            return "corpus: none (evidence text unavailable; give --corpus DIR)"
        return f"corpus: {self.path} ({self.how})"


def choose_corpus(corpus: str | os.PathLike[str] | None, graph_dir: Path) -> CorpusChoice:
    """``corpus`` if given (``""`` means none), else ``$NEUROKG_CORPUS``, else the one the last build recorded."""
    if corpus is not None:
        return CorpusChoice(resources.corpus_dir(corpus) if str(corpus) else None, "--corpus")
    if os.environ.get("NEUROKG_CORPUS"):
        return CorpusChoice(resources.corpus_dir(None), "$NEUROKG_CORPUS")
    record = _read_record(graph_dir)
    recorded = record.get("corpus")
    if recorded and Path(recorded).is_dir():
        return CorpusChoice(Path(recorded), f"recorded by the build in {record.get('build')}")
    return CorpusChoice(None, "")


@dataclass
class Prepared:
    """A store ready to answer, where it is kept, the corpus it used, and whether it was prepared just now."""

    store: Any
    nt: Path
    corpus: CorpusChoice
    fresh: bool = False
    changed: list[str] = field(default_factory=list)

    def note(self) -> str:
        """One line for standard error: which corpus, and whether the store was prepared again."""
        if self.fresh and self.changed:
            more = len(self.changed) - 3
            shown = ", ".join(self.changed[:3]) + (f" and {more} more" if more > 0 else "")
            return f"note: {shown} changed since the store was prepared: prepared again; {self.corpus}"
        return f"note: {self.corpus}"


def _prune(stores: Path) -> None:
    import shutil

    entries = sorted((p for p in stores.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def keep_store(key: str, data: bytes, manifest: dict[str, Any]) -> Path:
    """Put N-Triples ``data`` in the cache under ``key`` (atomically); return the file."""
    import shutil
    import tempfile

    stores = cache_dir() / "stores"
    entry = stores / key
    if (entry / "neurokg.nt").is_file():
        return entry / "neurokg.nt"
    try:
        stores.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:12]}.", dir=stores))
        (tmp / "neurokg.nt").write_bytes(data)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        try:
            os.replace(tmp, entry)
        except OSError:  # another process kept the same store first
            shutil.rmtree(tmp, ignore_errors=True)
        _prune(stores)
    except OSError:
        return Path(os.devnull)
    return entry / "neurokg.nt"


def prepare(
    graph_dir: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
) -> Prepared:
    """The prepared store for ``graph_dir`` and the corpus :func:`choose_corpus` picks: from the cache, or made now.

    Raises :class:`~neurokg.core.errors.GraphSyntaxError` if a file does not parse (nothing is cached).
    """
    import pyoxigraph as ox

    inp = inputs(graph_dir)
    choice = choose_corpus(corpus, inp.graph_dir)
    key = store_key(inp, choice.path)
    nt = cache_dir() / "stores" / key / "neurokg.nt"
    if nt.is_file():
        store = ox.Store()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        os.utime(nt.parent)
        return Prepared(store, nt, choice)
    from neurokg.rdf.oxload import load_store, nt_bytes, source_files

    loaded = load_store(source_files(graph_dir=graph_dir), corpus=choice.path)
    record = _read_record(inp.graph_dir)
    changed = inp.changed(record["files"]) if isinstance(record.get("files"), dict) else []
    record.update(files=inp.files, graph_dir=str(inp.graph_dir))
    _write_json(_record_path(inp.graph_dir), record)
    manifest = {"inputs": inp.files, "code": inp.code, "corpus": str(choice.path) if choice.path else None}
    path = keep_store(key, nt_bytes(loaded.store), manifest)
    return Prepared(loaded.store, path, choice, fresh=True, changed=changed)
