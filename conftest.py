"""Collection settings for the whole repository (fixtures live in tests/conftest.py)."""

import os
import tempfile
from pathlib import Path

# Prepared stores go to a cache of this test run, never the user's (see neurokg.pipeline.prepared).
os.environ["NEUROKG_CACHE"] = tempfile.mkdtemp(prefix="neurokg-test-cache-")

_PACKAGE = Path(__file__).resolve().parent / "src" / "neurokg"

# The deprecated re-export modules warn when imported; their names are tested in tests/test_layout.py.
collect_ignore = [
    str(path) for path in _PACKAGE.glob("*.py") if path.read_text(encoding="utf-8").startswith('"""Deprecated')
]
