"""The explorer: one self-contained, offline HTML page that answers questions first and draws the graph second.

:mod:`~neurokg.explorer.model` computes what the page shows, from :mod:`~neurokg.explorer.statements` (each
relation as a sentence), :mod:`~neurokg.explorer.questions` (the named queries' answers),
:mod:`~neurokg.explorer.analytics` (loops, treatments, paths), :mod:`~neurokg.explorer.story` (the lanes of a
condition) and :mod:`~neurokg.explorer.sources` (titles and the reader's texts), in the plain words of
:mod:`~neurokg.explorer.words`; :mod:`~neurokg.explorer.basis` says what each relation rests on.
:mod:`~neurokg.explorer.select`, :mod:`~neurokg.explorer.style`, :mod:`~neurokg.explorer.layout` and
:mod:`~neurokg.explorer.mapdata` make the whole map; :mod:`~neurokg.explorer.html` writes the page.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "MAX_USABLE_NODES": "neurokg.explorer.html",
        "explorer_html": "neurokg.explorer.html",
        "explorer_page": "neurokg.explorer.html",
        "ExplorerPage": "neurokg.explorer.html",
        "write_page": "neurokg.explorer.html",
        "write_explorer": "neurokg.explorer.html",
        "write_build_explorer": "neurokg.explorer.html",
        "select_subgraph": "neurokg.explorer.select",
        "expand_classes": "neurokg.explorer.select",
        "CLASS_STYLES": "neurokg.explorer.style",
        "RELATION_COLOURS": "neurokg.explorer.style",
        "page_model": "neurokg.explorer.model",
    },
)
