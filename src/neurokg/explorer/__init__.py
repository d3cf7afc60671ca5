"""The interactive explorer: one self-contained, offline HTML page of the graph (pyvis/vis-network).

:mod:`~neurokg.explorer.select` picks what to draw, :mod:`~neurokg.explorer.style` and
:mod:`~neurokg.explorer.layout` decide how, :mod:`~neurokg.explorer.html` writes the page.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "MAX_USABLE_NODES": "neurokg.explorer.html",
        "explorer_html": "neurokg.explorer.html",
        "write_explorer": "neurokg.explorer.html",
        "write_build_explorer": "neurokg.explorer.html",
        "select_subgraph": "neurokg.explorer.select",
        "expand_classes": "neurokg.explorer.select",
        "CLASS_STYLES": "neurokg.explorer.style",
        "RELATION_COLOURS": "neurokg.explorer.style",
    },
)
