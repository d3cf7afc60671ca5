"""Jupyter: ``%load_ext neurokg`` gives the ``%sparql`` / ``%%sparql`` magic; the explorer inline.

See :mod:`neurokg.jupyter.magic` (the magic, the per-kernel graph) and
:mod:`neurokg.jupyter.inline` (:func:`show_explorer`).
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "kernel_graph": "neurokg.jupyter.magic",
        "load_ipython_extension": "neurokg.jupyter.magic",
        "parse_magic_line": "neurokg.jupyter.magic",
        "sparql": "neurokg.jupyter.magic",
        "explorer_iframe": "neurokg.jupyter.inline",
        "show_explorer": "neurokg.jupyter.inline",
    },
)
