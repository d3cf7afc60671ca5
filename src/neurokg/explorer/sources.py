"""The sources the explorer credits and, when built with a corpus, the texts its reader shows.

Each source is named by its title (the document's own title, resolved from the corpus at build time, else
the curators' description), with its publisher, address, licence and date when the graph records them. The
reader's text is read from the user's corpus when the page is built and embedded only if its SHA-256 is the one
the graph records, so offsets land on the right words (``docs/decisions/0026-explorer-reader-embeds-texts.md``).

>>> segments([(0, 10, "a", "stated"), (5, 15, "b", "advertised")])
[[0, 5, ['a'], 0], [5, 10, ['a', 'b'], 1], [10, 15, ['b'], 1]]
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import DCTERMS, RDF, RDFS, Literal, URIRef
from rdflib.namespace import FOAF

from neurokg.core.namespace import NKO
from neurokg.explorer.basis import edge_basis, reading_status
from neurokg.rdf.provenance import document_hash

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["document_records", "reader_texts", "segments"]

_SCHEMA = "https://schema.org/"
_URL_PROPS = (FOAF.page, DCTERMS.source, URIRef(_SCHEMA + "url"), URIRef("http://schema.org/url"))


def _first(graph: Graph, node: Any, props: Iterable[Any]) -> str:
    for prop in props:
        value = graph.value(node, prop)
        if isinstance(value, Literal):
            return str(value)
        if value is not None:  # a node: its name or label, else its address
            return str(graph.value(value, FOAF.name) or graph.value(value, RDFS.label) or value)
    return ""


def document_records(graph: Graph | None, G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per source document, in file-name order: file, title, publisher, url, licence, date, counts.

    ``counts`` tells how many statements of ``G`` each status of its readings supports in the document.
    """
    docs: dict[str, dict[str, Any]] = {}
    if graph is not None:
        for doc in graph.subjects(RDF.type, NKO.SourceDocument):
            name = str(graph.value(doc, NKO.fileName) or "")
            if not name:
                continue
            docs[name] = {
                "file": name,
                "title": _first(graph, doc, (DCTERMS.title, RDFS.label)) or name,
                "description": str(graph.value(doc, RDFS.label) or ""),
                "publisher": _first(graph, doc, (DCTERMS.publisher, DCTERMS.creator)),
                "url": _first(graph, doc, _URL_PROPS),
                "licence": _first(graph, doc, (DCTERMS.license, DCTERMS.rights)),
                "date": str(graph.value(doc, DCTERMS.date) or ""),
            }
    counts: dict[str, dict[str, set[str]]] = {}
    for _, _, d in G.edges(data=True):
        basis = edge_basis(d)
        for ev in d.get("evidence") or []:
            name = str(ev.get("document", ""))
            docs.setdefault(name, {"file": name, "title": name.removesuffix(".txt"), "description": "",
                                   "publisher": "", "url": "", "licence": "", "date": ""})  # fmt: skip
            status = reading_status(ev, basis)
            counts.setdefault(name, {}).setdefault(status, set()).add(str(d.get("statement")))
    out = []
    for name in sorted(docs):
        record = docs[name]
        record["id"] = name.removesuffix(".txt")
        record["counts"] = {status: len(ids) for status, ids in sorted(counts.get(name, {}).items())}
        out.append(record)
    return out


def segments(spans: Sequence[tuple[int, int, str, str]]) -> list[list[Any]]:
    """Cut a text at every span boundary: ``[start, end, [statements], advertised]`` for each covered piece.

    ``spans`` are ``(start, end, statement, status)``; a piece is marked advertised (1) when an advertised
    reading covers it.
    """
    cuts = sorted({p for s, e, _, _ in spans for p in (s, e)})
    out: list[list[Any]] = []
    for a, b in itertools.pairwise(cuts):
        covering = [(st, status) for s, e, st, status in spans if s <= a and b <= e]
        if covering:
            out.append([a, b, sorted({st for st, _ in covering}), int(any(s == "advertised" for _, s in covering))])
    return out


def reader_texts(
    graph: Graph | None, G: nx.MultiDiGraph, corpus: str | os.PathLike[str] | None
) -> dict[str, dict[str, Any]]:
    """For each document of the corpus whose text is the one the graph records: its text and cut spans.

    Empty without a corpus or an rdflib graph (nothing to check a text against).
    """
    if corpus is None or graph is None:
        return {}
    corpus = Path(corpus)
    spans: dict[str, list[tuple[int, int, str, str]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        basis = edge_basis(d)
        sid = str(d.get("statement") or f"{u} {k} {v}")
        for ev in d.get("evidence") or []:
            if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans.setdefault(str(ev["document"]), []).append(
                    (ev["start"], ev["end"], sid, reading_status(ev, basis))
                )
    out: dict[str, dict[str, Any]] = {}
    for doc in sorted(graph.subjects(RDF.type, NKO.SourceDocument), key=str):
        name = str(graph.value(doc, NKO.fileName) or "")
        path = corpus / name
        if not name or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if document_hash(text) != str(graph.value(doc, NKO.sha256) or ""):
            continue
        out[name] = {"text": text, "segments": segments(sorted(spans.get(name, [])))}
    return out
