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
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.errors import NotFoundError, UsageError
from neurokg.resolve import resolve

if TYPE_CHECKING:
    from rdflib import Graph

    from neurokg.load import Sources

__all__ = [
    "CLASS_STYLES",
    "RELATION_COLOURS",
    "MAX_USABLE_NODES",
    "explorer_html",
    "write_explorer",
    "select_subgraph",
    "expand_classes",
    "write_build_explorer",
]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "explorer.html.j2"

MAX_USABLE_NODES = 2000
"""Above this many nodes the page is slow to draw and to pan (see the README benchmarks)."""

CLASS_STYLES: dict[str, tuple[str, str]] = {
    # class: (colour, vis-network shape); shapes group the families, colours tell classes apart
    "Drug": ("#1f77b4", "diamond"),
    "DrugClass": ("#6baed6", "diamond"),
    "Procedure": ("#17becf", "square"),
    "Therapy": ("#2ca02c", "square"),
    "LifestyleIntervention": ("#98df8a", "square"),
    "Treatment": ("#0b6e4f", "square"),
    "PainQuality": ("#ff9896", "triangle"),
    "Symptom": ("#d62728", "triangle"),
    "SideEffect": ("#e377c2", "triangleDown"),
    "MentalHealthEffect": ("#9467bd", "triangleDown"),
    "DailyLifeImpact": ("#c5b0d5", "triangleDown"),
    "Mechanism": ("#8c564b", "hexagon"),
    "Condition": ("#ff7f0e", "dot"),
    "RiskFactor": ("#ffbb78", "star"),
    "EtiologicAgent": ("#bcbd22", "star"),
    "Exposure": ("#dbdb8d", "star"),
    "Cause": ("#f7b6d2", "star"),
    "AnatomicalStructure": ("#7f7f7f", "dot"),
    "Statistic": ("#393b79", "square"),
    "Phenomenon": ("#c49c94", "dot"),
    "Entity": ("#bbbbbb", "dot"),
}
"""Colour and shape per class (the node's most specific ``type``)."""

RELATION_COLOURS: dict[str, str] = {
    "nko:causes": "#c0392b",
    "nko:riskFactorFor": "#e67e22",
    "nko:hasSymptom": "#d35400",
    "nko:mechanismOf": "#8e44ad",
    "nko:leadsTo": "#7d3c98",
    "nko:worsens": "#922b21",
    "nko:treats": "#1e8449",
    "nko:manages": "#27ae60",
    "nko:prevents": "#117a65",
    "nko:hasSideEffect": "#b7950b",
    "nko:memberOf": "#2471a3",
    "nko:subtypeOf": "#5d6d7e",
    "nko:exampleOf": "#85929e",
    "nko:complicationOf": "#a04000",
    "nko:affects": "#2e86c1",
    "nko:hasMentalHealthEffect": "#6c3483",
    "nko:hasDailyLifeImpact": "#a569bd",
    "nko:partOf": "#616a6b",
    "nko:statisticAbout": "#1a5276",
}
"""Colour per relation; relations not listed get a colour from :data:`_EXTRA_COLOURS` by name."""

_EXTRA_COLOURS = ["#34495e", "#16a085", "#d4ac0d", "#cb4335", "#5b2c6f", "#0e6655", "#784212", "#1b4f72"]
_LAYOUT_SCALE = 90.0  # pixels per sqrt(node): keeps the mean spacing about constant
_MIN_DISTANCE = 55.0  # pixels between node centres after the layout
_SCRIPT_END = re.compile(r"</(script|style)", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^\s*/[/*][#@] sourceMappingURL=.*$", re.MULTILINE)


# ------------------------------------------------------------------ selection --


def _as_network(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    from neurokg.network import to_networkx

    return to_networkx(graph)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _match_names(
    wanted: Iterable[str], known: dict[str, str], what: str, shown: Iterable[str] | None = None
) -> set[str]:
    """Map user-given names to canonical ones through ``known`` (normalised name -> canonical)."""
    out = set()
    for name in wanted:
        canonical = known.get(_norm(name))
        if canonical is None:
            choices = sorted(set(shown if shown is not None else known.values()))
            raise NotFoundError(f"unknown {what} {name!r}; known: {', '.join(choices)}")
        out.add(canonical)
    return out


def select_subgraph(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] = (),
    relations: Sequence[str] = (),
) -> nx.MultiDiGraph:
    """Return the part of ``graph`` to draw.

    ``relations`` (labels, local names or CURIEs) keeps only those edges and, without ``focus``,
    the nodes they touch; ``types`` (class names) keeps the nodes having one of those classes
    among their ``types``; ``focus`` (a name, see :func:`neurokg.resolve.resolve`) keeps the nodes within
    ``depth`` steps of it, in either direction, in what remains. The focus node is always kept.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([(n, {"label": n, "type": "Condition", "types": ["Condition"]}) for n in "abcd"])
    >>> G.add_edge("a", "b", key="nko:causes", label="causes")
    'nko:causes'
    >>> G.add_edge("b", "c", key="nko:leadsTo", label="leads to")
    'nko:leadsTo'
    >>> G.add_edge("c", "d", key="nko:causes", label="causes")
    'nko:causes'
    >>> sorted(select_subgraph(G, focus="b", depth=1))
    ['a', 'b', 'c']
    >>> sorted(select_subgraph(G, relations=["causes"]))
    ['a', 'b', 'c', 'd']
    >>> sorted(select_subgraph(G, relations=["leads to"]))
    ['b', 'c']
    """
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, got {depth}")
    sub = nx.MultiDiGraph(graph)
    focus_id = resolve(graph, focus) if focus is not None else None
    if relations:
        known: dict[str, str] = {}
        labels: dict[str, str] = {}
        for _, _, k, d in graph.edges(keys=True, data=True):
            labels[k] = str(d.get("label", k))
            for alias in (k, k.split(":", 1)[-1], labels[k]):
                known[_norm(alias)] = k
        keep_rel = _match_names(relations, known, "relation", labels.values())
        sub.remove_edges_from([(u, v, k) for u, v, k in graph.edges(keys=True) if k not in keep_rel])
        if focus_id is None:
            sub.remove_nodes_from([n for n in graph if sub.degree(n) == 0])
    if types:
        known = {_norm(t): t for _, d in graph.nodes(data=True) for t in [d.get("type", "Entity"), *d.get("types", [])]}
        keep_types = _match_names(types, known, "class")
        drop = [
            n
            for n, d in sub.nodes(data=True)
            if n != focus_id and not keep_types & {d.get("type", "Entity"), *d.get("types", [])}
        ]
        sub.remove_nodes_from(drop)
    if focus_id is not None:
        near = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), focus_id, cutoff=depth)
        sub = nx.MultiDiGraph(sub.subgraph(near))
    return sub


def expand_classes(graph: Graph, names: Sequence[str]) -> list[str]:
    """Add to the class ``names`` their subclasses in the ontology of ``graph`` that have instances.

    Names are matched case-insensitively to the ontology's classes; a name the ontology lacks
    raises :class:`NotFoundError` listing the classes.

    >>> from neurokg import load_graph
    >>> "Symptom" in expand_classes(load_graph(), ["symptom"])
    True
    """
    from rdflib import OWL, RDF, RDFS

    from neurokg.namespace import NKO

    if not names:
        return []
    classes = {str(c)[len(str(NKO)) :]: c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(NKO))}
    wanted = _match_names(names, {_norm(k): k for k in classes}, "class")
    out = set(wanted)
    for name in wanted:
        for sub in graph.transitive_subjects(RDFS.subClassOf, classes[name]):
            local = str(sub)[len(str(NKO)) :]
            if local in classes and next(graph.subjects(RDF.type, sub), None) is not None:
                out.add(local)
    with_instances = {n for n in out if next(graph.subjects(RDF.type, classes[n]), None) is not None}
    return sorted(with_instances or out)


# ------------------------------------------------------------------- payload --


def _class_style(name: str) -> tuple[str, str]:
    return CLASS_STYLES.get(name, CLASS_STYLES["Entity"])


def _relation_colours(keys: Iterable[str]) -> dict[str, str]:
    present = set(keys)
    colours = {k: RELATION_COLOURS[k] for k in present & set(RELATION_COLOURS)}
    for i, k in enumerate(sorted(present - set(RELATION_COLOURS))):
        colours[k] = _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]
    return colours


def _layout(graph: nx.MultiDiGraph, seed: int) -> dict[str, tuple[int, int]]:
    """Spring layout with a fixed seed on the undirected simple graph, scaled to pixels, overlaps pushed apart."""
    import numpy as np

    n = graph.number_of_nodes()
    if n == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in graph.edges() if u != v))
    iterations = 50 if n <= 1000 else max(10, 25_000 // n)
    pos = nx.spring_layout(simple, seed=seed, iterations=iterations)
    nodes = list(pos)
    xy = np.array([pos[v] for v in nodes], dtype=float) * (_LAYOUT_SCALE * math.sqrt(n))
    _spread(xy, _MIN_DISTANCE)
    return {v: (round(float(x)), round(float(y))) for v, (x, y) in zip(nodes, xy, strict=True)}


def _spread(xy: Any, min_distance: float, rounds: int = 40) -> None:
    """Push apart, in place, the points closer than ``min_distance`` (deterministic; a k-d tree finds the pairs)."""
    import numpy as np
    from scipy.spatial import cKDTree

    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(min_distance, output_type="ndarray")
        if not len(pairs):
            return
        i, j = pairs[:, 0], pairs[:, 1]
        diff = xy[i] - xy[j]
        dist = np.hypot(diff[:, 0], diff[:, 1])
        same = dist < 1e-6  # coincident points: separate them along a fixed direction by index
        diff[same] = np.stack([np.cos(j[same]), np.sin(j[same])], axis=1)
        dist[same] = 1.0
        push = diff * ((min_distance - dist) / dist / 4)[:, None]
        np.add.at(xy, i, push)
        np.add.at(xy, j, -push)


def _hedged(attrs: dict[str, Any]) -> bool:
    return bool(attrs.get("hedge")) or attrs.get("certainty") not in (None, "asserted")


def _qualifiers(attrs: dict[str, Any]) -> dict[str, Any]:
    skip = {"predicate", "label", "statement", "evidence"}
    return {k: attrs[k] for k in sorted(attrs) if k not in skip and attrs[k] not in (None, "", [])}


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
    pos = _layout(graph, seed)
    degree = dict(graph.degree())
    node_ids = set()
    for n in sorted(graph):
        d = graph.nodes[n]
        kind = str(d.get("type", "Entity"))
        colour, shape = _class_style(kind)
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
    rel_colours = _relation_colours(k for _, _, k in graph.edges(keys=True))
    smooth = _edge_smoothing(graph)
    rel_labels: dict[str, str] = {}
    seen_ids: set[str] = set()
    promotional = hedged = 0
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        label = str(d.get("label", k))
        rel_labels[k] = label
        edge_id = str(d.get("statement") or f"{u} {k} {v}")
        if edge_id in seen_ids:  # vis-network refuses duplicate ids: keep every edge drawn
            edge_id = f"{edge_id} {u} {k} {v}"
        seen_ids.add(edge_id)
        is_promo = bool(d.get("promotional"))
        is_hedged = _hedged(d)
        promotional += is_promo
        hedged += is_hedged
        marker = " \u26a0" if is_promo else ""
        options: dict[str, Any] = {
            "id": edge_id,
            "label": label + marker,
            "color": {"color": rel_colours[k], "highlight": rel_colours[k], "hover": rel_colours[k]},
            "width": 2.5 if is_promo else 1.5,
            "nk": {
                "relation": k,
                "relationLabel": label,
                "statement": d.get("statement"),
                "evidence": list(d.get("evidence", [])),
                "qualifiers": _qualifiers(d),
                "promotional": is_promo,
                "hedged": is_hedged,
            },
        }
        if is_promo:
            options["dashes"] = [2, 5]
        elif is_hedged:
            options["dashes"] = [8, 5]
        if (u, v, k) in smooth:
            options["smooth"] = smooth[(u, v, k)]
        net.add_edge(u, v, **options)
    classes = Counter(str(d.get("type", "Entity")) for _, d in graph.nodes(data=True))
    relations = Counter(k for _, _, k in graph.edges(keys=True))
    meta = {
        "title": title,
        "generator": f"neurokg {version}",
        "counts": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "classes": [
            {"name": c, "colour": _class_style(c)[0], "shape": _class_style(c)[1], "count": classes[c]}
            for c in sorted(classes, key=lambda c: (-classes[c], c))
        ],
        "relations": [
            {"key": r, "label": rel_labels[r], "colour": rel_colours[r], "count": relations[r]}
            for r in sorted(relations, key=lambda r: (-relations[r], r))
        ],
        "promotional": promotional,
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

    from neurokg import __version__

    G = _as_network(graph)
    net, meta = _network(G, title=title, seed=seed, version=__version__)
    js, css, version = _vis_assets()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    env.globals.update(meta=meta, vis_js=js, vis_css=css, vis_version=version)
    # pyvis's own template mechanism renders our template with its nodes, edges and heading
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    net.templateEnv = env
    return str(net.generate_html(name="explorer.html"))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    _atomic_write(path, explorer_html(graph, title=title, seed=seed))
    return path


def write_build_explorer(sources: Sources, directory: Path) -> list[str]:
    """Build writer: the full explorer as ``explorer.html`` (see :func:`neurokg.build.build`)."""
    write_explorer(sources.graph, directory / "explorer.html")
    return ["explorer.html"]
