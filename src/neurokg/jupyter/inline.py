"""The explorer inline in a notebook: the whole self-contained page in an ``<iframe srcdoc=...>``.

It needs no server, no file and no CDN, and works in JupyterLab, the classic Notebook and VS Code alike.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph

from neurokg.core.errors import UsageError

if TYPE_CHECKING:
    import IPython.display

__all__ = ["explorer_iframe", "show_explorer"]


def explorer_iframe(page: str, *, height: int = 600) -> str:
    """Wrap a whole HTML page in an ``<iframe srcdoc=...>`` for a notebook output.

    The page is escaped into the attribute, so it runs as its own document (its scripts and
    styles cannot clash with the notebook's) without a server, a file or a data URL.

    >>> frame = explorer_iframe('<p class="x">a & b</p>', height=300)
    >>> frame[frame.index("srcdoc="):].split(" width=")[0]
    'srcdoc="&lt;p class=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"'
    """
    if height <= 0:
        raise UsageError(f"height must be positive, got {height}")
    return (
        '<div class="neurokg-explorer" style="width:100%">'
        f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{height}" '
        'style="border:1px solid #ddd;width:100%" sandbox="allow-scripts allow-popups allow-downloads" '
        'title="neurokg explorer"></iframe></div>'
    )


def show_explorer(
    graph: Graph | nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    height: int = 600,
    title: str | None = None,
    file: str | os.PathLike[str] | None = None,
) -> IPython.display.HTML:
    """Show the explorer inline, opened on ``focus`` (its answers shown) or on its question cards.

    Returns an :class:`IPython.display.HTML` object (a notebook displays it when it ends a cell)
    holding an ``<iframe srcdoc=...>`` with the complete, self-contained page of
    :func:`neurokg.explorer.explorer_html`: vis-network is inlined, nothing is fetched.

    Parameters
    ----------
    graph
        An rdflib graph (:func:`kernel_graph`: every question card) or the networkx view of
        :func:`neurokg.to_networkx` (the answers, loops, paths and map, without the named queries' cards).
    focus
        A label, other name or CURIE of the concept to open on; ``None`` opens on the question cards.
    depth
        With ``focus``: the whole map draws the nodes within this many steps of it, in either direction.
    height
        Height of the frame in pixels.
    title
        Heading of the page; by default it names the focus, or the condition.
    file
        Write the page to this file (relative to the notebook) and show it from there, with a link,
        instead of holding the whole page in the notebook (about 2 MB per explorer of the whole graph otherwise).

    Raises
    ------
    NotFoundError
        ``focus`` names no node (the message suggests close labels).
    """
    from IPython.display import HTML

    from neurokg.explorer.html import explorer_html

    if not isinstance(graph, nx.MultiDiGraph | Graph):
        raise UsageError(f"show_explorer takes an rdflib Graph or a networkx MultiDiGraph, not {type(graph).__name__}")
    page = explorer_html(graph, title=title, focus=focus, depth=depth)
    if file is None:
        return HTML(explorer_iframe(page, height=height))
    from neurokg.core.atomic import atomic_write_text

    path = atomic_write_text(file, page)
    src = html.escape(Path(file).as_posix(), quote=True)
    return HTML(
        f'<div class="neurokg-explorer"><iframe src="{src}" width="100%" height="{height}" '
        f'style="border:1px solid #ddd;width:100%" title="neurokg explorer"></iframe>'
        f'<p><a href="{src}" target="_blank" rel="noopener">open the explorer ({html.escape(path.name)})</a></p></div>'
    )
