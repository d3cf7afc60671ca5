"""Lazy re-exports for package ``__init__`` modules: a name's module is imported on first use.

A package lists which module defines each public name; ``import neurokg`` then costs almost
nothing and ``neurokg.load_graph`` imports only :mod:`neurokg.rdf.load` (and what it needs).

>>> import types
>>> getattr_, dir_, all_ = exports("json", {"dumps": "json"})
>>> getattr_("dumps")([1])
'[1]'
>>> all_
['dumps']
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["exports"]


def exports(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Return ``(__getattr__, __dir__, __all__)`` for ``package``, which re-exports ``names``.

    ``names`` maps each public name to the absolute module that defines it. The first access
    imports that module and caches the value on the package, so later lookups are plain
    attribute reads.
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        owner = sys.modules.get(package)
        if owner is not None:
            setattr(owner, name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__, list(names)
