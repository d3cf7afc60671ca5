"""The interactive explorer: one self-contained HTML page of the graph, drawn with pyvis/vis-network.

The page works from ``file://`` with no network: vis-network's JavaScript and CSS (the copy that
pyvis ships) are inlined, there is no Bootstrap or tom-select, and nothing is fetched. Nodes are
coloured and shaped by class and sized by degree; edges are directed, coloured and labelled by
relation, one per statement (edge id = statement CURIE), so parallel relations between the same
two nodes are all drawn. Positions are computed in Python (networkx spring layout with a fixed
seed) and physics is off, so the page is usable as soon as it is drawn and the same graph always
gives the same picture.

All data goes into the page as JSON inside ``<script type="application/json">`` (``<``, ``>``,
``&`` and ``'`` escaped as ``\\u00XX``) and is rendered with ``textContent``, never as HTML; the
page title is HTML-escaped.

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
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.core.atomic import atomic_write_text
from neurokg.core.errors import UsageError
from neurokg.explorer.layout import layout
from neurokg.explorer.select import as_network
from neurokg.explorer.style import class_style, relation_colours
from neurokg.network.spec import ENTITY

if TYPE_CHECKING:
    from rdflib import Graph

    from neurokg.rdf.load import Sources

__all__ = ["MAX_USABLE_NODES", "explorer_html", "write_explorer", "write_build_explorer"]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "explorer.html.j2"

MAX_USABLE_NODES = 2000
"""Above this many nodes the page is slow to draw and to pan (see the README benchmarks)."""


_SCRIPT_END = re.compile(r"</(script|style)", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^\s*/[/*][#@] sourceMappingURL=.*$", re.MULTILINE)


def _hedged(attrs: dict[str, Any]) -> bool:
    return bool(attrs.get("hedge")) or attrs.get("certainty") not in (None, "asserted")


def _qualifiers(attrs: dict[str, Any]) -> dict[str, Any]:
    skip = {"predicate", "label", "statement", "evidence", "basis", "status"}
    return {k: attrs[k] for k in sorted(attrs) if k not in skip and attrs[k] not in (None, "", [])}


_MARKERS = {"advertised": " \u26a0", "inferred": " (inferred)"}
_DASHES = {"advertised": [2, 5], "inferred": [1, 4]}


def _edge_smoothing(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Curve the edges that share their two ends so that each stays visible and clickable."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, k in graph.edges(keys=True):
        groups[(min(u, v), max(u, v))].append((u, v, k))
    smooth: dict[tuple[str, str, str], dict[str, Any]] = {}
    for edges in groups.values():
        if len(edges) == 1:
            continue
        for i, (u, v, k) in enumerate(sorted(edges)):
            # curvedCW bends to the right of the travel direction; a flipped edge bends the other way
            side = 1 if u <= v else -1
            rank = i + 1
            smooth[(u, v, k)] = {"enabled": True, "type": "curvedCW" if side * (-1) ** rank > 0 else "curvedCCW",
                                 "roundness": round(0.12 + 0.12 * ((rank + 1) // 2), 2)}  # fmt: skip
    return smooth


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str, str]:
    """vis-network's JS and CSS from the copy pyvis ships (newest version), ready to inline."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
    if not found:
        raise UsageError(f"vis-network not found under {lib}; reinstall pyvis>=0.3.2")
    js_path = found[-1]
    version = js_path.parent.name[4:]
    js = _SOURCE_MAP.sub("", js_path.read_text(encoding="utf-8"))
    css = (js_path.parent / "vis-network.css").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", js), ("vis-network.css", css)):
        if _SCRIPT_END.search(text):
            raise UsageError(f"{js_path.parent / name} contains a closing tag and cannot be inlined")
    return js, css, version


def _network(graph: nx.MultiDiGraph, *, title: str, seed: int, version: str) -> tuple[Any, dict[str, Any]]:
    """Fill a pyvis ``Network`` (directed, so parallel edges are kept) and the page metadata."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    pos = layout(graph, seed)
    degree = dict(graph.degree())
    node_ids = set()
    for n in sorted(graph):
        d = graph.nodes[n]
        kind = str(d.get("type", ENTITY))
        colour, shape = class_style(kind)
        x, y = pos[n]
        net.add_node(
            n,
            label=str(d.get("label", n)),
            shape=shape,
            color={"background": colour, "border": "#333333", "highlight": {"background": colour, "border": "#000000"}},
            size=round(8 + 3.5 * math.sqrt(degree[n]), 1),
            x=x,
            y=y,
            nk={
                "type": kind,
                "types": list(d.get("types", [])),
                "definition": str(d.get("definition", "")),
                "altLabels": list(d.get("altLabels", [])),
                "xrefs": list(d.get("xrefs", [])),
                "iri": str(d.get("iri", "")),
                "degree": degree[n],
            },
        )
        node_ids.add(n)
    rel_colours = relation_colours(k for _, _, k in graph.edges(keys=True))
    smooth = _edge_smoothing(graph)
    rel_labels: dict[str, str] = {}
    seen_ids: set[str] = set()
    bases: Counter[str] = Counter()
    hedged = 0
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        label = str(d.get("label", k))
        rel_labels[k] = label
        edge_id = str(d.get("statement") or f"{u} {k} {v}")
        if edge_id in seen_ids:  # vis-network refuses duplicate ids: keep every edge drawn
            edge_id = f"{edge_id} {u} {k} {v}"
        seen_ids.add(edge_id)
        basis = str(d.get("basis") or "stated")
        is_hedged = _hedged(d)
        bases[basis] += 1
        hedged += is_hedged
        options: dict[str, Any] = {
            "id": edge_id,
            "label": label + _MARKERS.get(basis, ""),
            "color": {"color": rel_colours[k], "highlight": rel_colours[k], "hover": rel_colours[k]},
            "width": 2.5 if basis == "advertised" else 1.5,
            "nk": {
                "relation": k,
                "relationLabel": label,
                "statement": d.get("statement"),
                "evidence": list(d.get("evidence", [])),
                "qualifiers": _qualifiers(d),
                "basis": basis,
                "status": list(d.get("status") or [basis]),
                "hedged": is_hedged,
            },
        }
        if basis in _DASHES:
            options["dashes"] = _DASHES[basis]
        elif is_hedged:
            options["dashes"] = [8, 5]
        if (u, v, k) in smooth:
            options["smooth"] = smooth[(u, v, k)]
        net.add_edge(u, v, **options)
    classes = Counter(str(d.get("type", ENTITY)) for _, d in graph.nodes(data=True))
    relations = Counter(k for _, _, k in graph.edges(keys=True))
    meta = {
        "title": title,
        "generator": f"neurokg {version}",
        "counts": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "classes": [
            {"name": c, "colour": class_style(c)[0], "shape": class_style(c)[1], "count": classes[c]}
            for c in sorted(classes, key=lambda c: (-classes[c], c))
        ],
        "relations": [
            {"key": r, "label": rel_labels[r], "colour": rel_colours[r], "count": relations[r]}
            for r in sorted(relations, key=lambda r: (-relations[r], r))
        ],
        "inferred": bases["inferred"],
        "advertised": bases["advertised"],
        "include": list(graph.graph.get("include", [])),
        "hedged": hedged,
        "evidenceText": any("text" in ev for _, _, ev in graph.edges(data="evidence", default=[]) for ev in ev),
        "large": graph.number_of_nodes() > 1000 or graph.number_of_edges() > 2000,
    }
    return net, meta


def explorer_html(graph: Graph | nx.MultiDiGraph, *, title: str = "neurokg explorer", seed: int = 7) -> str:
    """Return the explorer page of ``graph`` (an rdflib graph or :func:`neurokg.to_networkx`'s view).

    Parameters
    ----------
    graph
        What to draw; an rdflib graph is converted with :func:`neurokg.to_networkx`.
    title
        Page title and heading (escaped).
    seed
        Seed of the spring layout: the same graph and seed give the same page, byte for byte.
    """
    from jinja2 import Environment, FileSystemLoader

    from neurokg.core.resources import version as neurokg_version

    G = as_network(graph)
    net, meta = _network(G, title=title, seed=seed, version=neurokg_version())
    js, css, version = _vis_assets()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    env.globals.update(meta=meta, vis_js=js, vis_css=css, vis_version=version)
    # pyvis's own template mechanism renders our template with its nodes, edges and heading
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    net.templateEnv = env
    return str(net.generate_html(name="explorer.html"))


def write_explorer(
    graph: Graph | nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "neurokg explorer",
    seed: int = 7,
) -> Path:
    """Write :func:`explorer_html` to ``path`` atomically (temporary file + rename); return the path."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give a file name such as {path / 'explorer.html'}")
    atomic_write_text(path, explorer_html(graph, title=title, seed=seed))
    return path


def write_build_explorer(sources: Sources, directory: Path, *, include: Iterable[str] = ()) -> list[str]:
    """Build writer: the full explorer as ``explorer.html`` (see :func:`neurokg.pipeline.build.build`).

    ``include`` also draws the inferred and/or advertised relations, marked as such.
    """
    from neurokg.network.view import to_networkx

    write_explorer(to_networkx(sources.graph, include=include), directory / "explorer.html")
    return ["explorer.html"]
