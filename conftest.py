"""Collection settings for the whole repository (fixtures live in tests/conftest.py)."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent / "src" / "neurokg"

# The deprecated re-export modules warn when imported; their names are tested in tests/test_layout.py.
collect_ignore = [
    str(path) for path in _PACKAGE.glob("*.py") if path.read_text(encoding="utf-8").startswith('"""Deprecated')
]
