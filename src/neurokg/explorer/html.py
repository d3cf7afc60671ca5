"""The explorer page: one self-contained, offline HTML file, answers first and the whole map second.

The page opens on the question cards and the story of the condition (DOM text, readable at 100 % zoom);
answers are sentences with their hedge, limits, sources and quotes; the whole map is drawn with pyvis's
vis-network. Everything the views read is computed in Python (:mod:`neurokg.explorer.model`), embedded as
JSON in ``<script type="application/json">`` (``<``, ``>``, ``&`` and ``'`` escaped as ``\\u00XX``) and
rendered with ``textContent``, never as HTML. vis-network (the copy pyvis ships) and the page's own script
and style (``static/``) are inlined; a Content-Security-Policy forbids any request. The same graph gives
the same bytes.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("nk:a", label="<b>a</b>", type="Condition")
>>> G.add_node("nk:b", label="b", type="Symptom")
>>> G.add_edge("nk:a", "nk:b", key="nko:hasSymptom", label="has symptom", statement="nks:1", evidence=[])
'nko:hasSymptom'
>>> html = explorer_html(G, title="demo")
>>> "<b>a</b>" in html, "\\\\u003cb\\\\u003ea" in html
(False, True)
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.core.atomic import atomic_write_text
from neurokg.core.errors import UsageError
from neurokg.explorer.basis import analytic_network, full_network
from neurokg.explorer.mapdata import map_network
from neurokg.explorer.model import default_subject, page_model, page_title
from neurokg.explorer.select import select_subgraph
from neurokg.network.names import resolve
from neurokg.rdf.status import parse_include

if TYPE_CHECKING:
    from rdflib import Graph

    from neurokg.rdf.load import Sources

__all__ = [
    "MAX_USABLE_NODES",
    "ExplorerPage",
    "explorer_html",
    "explorer_page",
    "write_build_explorer",
    "write_explorer",
    "write_page",
]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
TEMPLATE = "explorer.html.j2"
SCRIPTS = ("util.js", "search.js", "answers.js", "cards.js", "paths.js", "loops.js", "story.js", "map.js",
           "reader.js", "app.js")  # fmt: skip
"""The page's own scripts in ``static/js``, in the order they are inlined (one script, one scope)."""

MAX_USABLE_NODES = 2000
"""Above this many nodes the whole map is slow to draw and to pan (see the README benchmarks)."""

_SCRIPT_END = re.compile(r"</(script|style)", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^\s*/[/*][#@] sourceMappingURL=.*$", re.MULTILINE)


def _inlinable(path: Path, text: str) -> str:
    if _SCRIPT_END.search(text):
        raise UsageError(f"{path} contains a closing tag and cannot be inlined")
    return text


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str, str]:
    """vis-network's JS and CSS from the copy pyvis ships (newest version), ready to inline."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
    if not found:
        raise UsageError(f"vis-network not found under {lib}; reinstall pyvis>=0.3.2")
    js_path = found[-1]
    js = _inlinable(js_path, _SOURCE_MAP.sub("", js_path.read_text(encoding="utf-8")))
    css_path = js_path.parent / "vis-network.css"
    return js, _inlinable(css_path, css_path.read_text(encoding="utf-8")), js_path.parent.name[4:]


@lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str]:
    """The page's own script (the files of :data:`SCRIPTS`, joined) and style."""
    parts = []
    for name in SCRIPTS:
        path = STATIC / "js" / name
        parts.append(f"// ---- {name}\n" + _inlinable(path, path.read_text(encoding="utf-8")))
    css = STATIC / "explorer.css"
    return "\n".join(parts), _inlinable(css, css.read_text(encoding="utf-8"))


def _networks(graph: Graph | nx.MultiDiGraph) -> tuple[Graph | None, nx.MultiDiGraph, nx.MultiDiGraph]:
    if isinstance(graph, nx.MultiDiGraph):
        return None, graph, analytic_network(graph)
    return graph, full_network(graph), analytic_network(graph)


@dataclass(frozen=True)
class ExplorerPage:
    """A rendered page: its HTML, its title and how much of the graph its whole map draws."""

    html: str
    title: str
    map_nodes: int
    map_edges: int


def explorer_html(graph: Graph | nx.MultiDiGraph, **options: Any) -> str:
    """Return the explorer page of ``graph`` as a string (options as :func:`explorer_page`)."""
    return explorer_page(graph, **options).html


def explorer_page(
    graph: Graph | nx.MultiDiGraph,
    *,
    title: str | None = None,
    seed: int = 7,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] = (),
    relations: Sequence[str] = (),
    corpus: str | os.PathLike[str] | None = None,
    include: Iterable[str] | str | None = (),
) -> ExplorerPage:
    """Render the explorer page of ``graph``.

    Parameters
    ----------
    graph
        An rdflib graph (every card: the named queries run on it) or :func:`neurokg.to_networkx`'s view
        (no named-query cards; the analytics, answers and map still work).
    title
        Page title and heading (escaped); by default it names the condition, or the focus.
    seed
        Seed of the spring layout: the same graph and seed give the same page, byte for byte.
    focus, depth, types, relations
        The page opens on ``focus`` (a name or CURIE) with its answers shown; with ``types`` or
        ``relations`` (or ``focus``), the whole map draws only that part (see :func:`select_subgraph`).
    corpus
        The corpus directory: the reader then shows each source text whose SHA-256 the graph records.
    include
        ``inferred`` and/or ``advertised``: the page opens with those relations shown (each view marks them);
        the reader can switch them on and off in the page whatever this says.
    """
    from jinja2 import Environment, FileSystemLoader

    from neurokg.core.resources import version as neurokg_version

    rdf, full, analytic = _networks(graph)
    focus_id = resolve(full, focus) if focus is not None else None
    cut = focus is not None or bool(types) or bool(relations)
    drawn = select_subgraph(full, focus=focus, depth=depth, types=types, relations=relations) if cut else full
    subject = default_subject(full)
    model = page_model(graph=rdf, full=full, analytic=analytic, drawn=drawn, subject=subject, focus=focus_id,
                       corpus=corpus)  # fmt: skip
    if focus_id in model["stories"]:
        model["subject"] = focus_id
    title = title or page_title(full, model["subject"] or None, focus_id)
    model["title"] = title
    net = map_network(drawn, model["statements"], title=title, seed=seed)
    js, css, version = _vis_assets()
    own_js, own_css = _own_assets()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    meta: dict[str, Any] = {"generator": f"neurokg {neurokg_version()}", "large": drawn.number_of_nodes() > 1000,
                            "include": sorted(parse_include(include))}  # fmt: skip
    env.globals.update(model=model, meta=meta, vis_js=js, vis_css=css, vis_version=version, own_js=own_js,
                       own_css=own_css)  # fmt: skip
    # pyvis's own template mechanism renders our template with its nodes, edges and heading
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    net.templateEnv = env
    html = str(net.generate_html(name="explorer.html"))
    return ExplorerPage(html, title, drawn.number_of_nodes(), drawn.number_of_edges())


def write_page(page: ExplorerPage, path: str | os.PathLike[str]) -> Path:
    """Write ``page`` to ``path`` atomically (temporary file + rename); return the path."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give a file name such as {path / 'explorer.html'}")
    return atomic_write_text(path, page.html)


def write_explorer(graph: Graph | nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write the explorer page of ``graph`` (options as :func:`explorer_page`) to ``path`` atomically."""
    return write_page(explorer_page(graph, **options), path)


def write_build_explorer(sources: Sources, directory: Path, *, include: Iterable[str] = ()) -> list[str]:
    """Build writer: the explorer of the whole graph as ``explorer.html``, its reader from the build's corpus.

    ``include`` opens the page with inferred and/or advertised relations shown (``neurokg build --include``).
    """
    write_explorer(sources.graph, directory / "explorer.html", corpus=sources.corpus, include=include)
    return ["explorer.html"]
