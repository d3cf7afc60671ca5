"""Write a file so that readers see the old content or the new, never a half-written file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(d / "a.txt", "hello")
PosixPath('...a.txt')
>>> (d / "a.txt").read_text()
'hello'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from neurokg.core.errors import UsageError

__all__ = ["atomic_write", "atomic_write_text", "atomic_write_texts", "make_parent"]


def atomic_write(path: str | os.PathLike[str], write: Callable[[str], None]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it over ``path``.

    The parent directory is created if needed. On any error (or Ctrl-C) the temporary file is
    removed and ``path`` is left as it was. Returns ``path``.

    Raises
    ------
    UsageError
        ``path`` is a directory, or its directory cannot be made or written (one line, naming it).
    """
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name")
    make_parent(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # no permission, a full disk
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def make_parent(path: str | os.PathLike[str]) -> None:
    """Make the directory that will hold ``path``; a clear one-line :class:`UsageError` if it cannot be.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "file"
    >>> _ = f.write_text("x")
    >>> make_parent(f / "out.html")
    Traceback (most recent call last):
    neurokg.core.errors.UsageError: cannot write .../file/out.html: .../file is a file, not a directory
    """
    target = Path(path)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"cannot write {target}: {parent} is a file, not a directory")
            break
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_write`."""

    def write(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8")

    return atomic_write(path, write)


def atomic_write_texts(contents: Mapping[Path, str]) -> list[Path]:
    """Write several files so that a failure leaves every one of them as it was.

    Each text goes to a temporary file beside its target first; only when all are written are
    they renamed over their targets, one after another. An error while writing (a full disk, a
    directory that cannot be made, Ctrl-C) removes the temporary files and touches no target.
    Returns the targets.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("old")
    >>> _ = (d / "blocker").write_text("a file")
    >>> atomic_write_texts({d / "a.txt": "new", d / "blocker" / "b.txt": "x"})
    Traceback (most recent call last):
    neurokg.core.errors.UsageError: cannot write .../blocker/b.txt: .../blocker is a file, not a directory
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('old', ['a.txt', 'blocker'])
    >>> [p.name for p in atomic_write_texts({d / "a.txt": "new", d / "c.txt": "c"})]
    ['a.txt', 'c.txt']
    >>> (d / "a.txt").read_text()
    'new'
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in contents.items():
            target = Path(path)
            if target.is_dir():
                raise UsageError(f"{target} is a directory; give a file name")
            make_parent(target)
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:
                raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
            staged.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [target for _tmp, target in staged]
