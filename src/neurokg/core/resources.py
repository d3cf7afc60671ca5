"""Where neurokg finds its ontology, curated graph, named queries and corpus.

Lookup order for the data directories (``ontology/`` and ``graph/``):

1. ``NEUROKG_HOME`` if set (a checkout or any directory holding ``ontology/`` and ``graph/``);
2. the copy installed inside the package (``neurokg/data/``, put there by the wheel build);
3. the repository the package was imported from (an editable install).

The corpus is never shipped: it comes from ``--corpus`` or ``NEUROKG_CORPUS``.
"""

from __future__ import annotations

import os
from pathlib import Path

from neurokg.core.errors import UsageError

__all__ = [
    "data_home",
    "ontology_dir",
    "graph_dir",
    "queries_dir",
    "corpus_dir",
    "version",
]

_PACKAGE = Path(__file__).resolve().parents[1]
"""The installed ``neurokg`` package directory."""


def data_home() -> Path:
    """Return the directory that holds ``ontology/`` and ``graph/``."""
    env = os.environ.get("NEUROKG_HOME")
    candidates = [Path(env)] if env else []
    candidates += [_PACKAGE / "data", _PACKAGE.parents[1]]
    for home in candidates:
        if (home / "ontology" / "neurokg.ttl").is_file() and (home / "graph").is_dir():
            return home
    tried = ", ".join(str(c) for c in candidates)
    raise UsageError(f"cannot find ontology/ and graph/ (tried {tried}); set NEUROKG_HOME")


def ontology_dir() -> Path:
    """Return ``ontology/`` (schema, shapes and QC rules)."""
    return data_home() / "ontology"


def graph_dir() -> Path:
    """Return ``graph/`` (the curated instance data)."""
    return data_home() / "graph"


def queries_dir() -> Path:
    """Return the directory of the named ``.rq`` queries shipped in the package."""
    return _PACKAGE / "sparql" / "queries"


def corpus_dir(corpus: str | os.PathLike[str] | None = None) -> Path | None:
    """Resolve the corpus directory from ``corpus`` or ``NEUROKG_CORPUS``.

    Returns ``None`` when neither is given; raises :class:`UsageError` when the one given is
    not a directory.
    """
    value = corpus if corpus is not None else os.environ.get("NEUROKG_CORPUS")
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"corpus directory not found: {path}")
    return path


def version() -> str:
    """The installed version of neurokg (from the package metadata).

    >>> version().count(".") >= 1
    True
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("neurokg")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"
