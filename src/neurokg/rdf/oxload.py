"""The load path: Turtle files parsed by pyoxigraph into one store, statements minted by one SPARQL update.

Every file is parsed into the store's default graph (native code, no Python loop per triple);
``mint.ru`` then gives blank statements and evidence spans their stable IRIs with ``SHA256()``,
the same IRIs as :func:`neurokg.provenance.statement_iri` (tested), and ``status.ru`` writes each
statement's summary from its evidence and keeps its plain triple only if a document states it
(:mod:`neurokg.rdf.status`). With a corpus, each evidence span gets its text and each document
its title (a loop over spans, not triples).

Which file states a node is needed only to name the file of a violation, so it is worked out
when asked (:meth:`Loaded.origins`), by reading the files again one at a time.

>>> loaded = load_store(source_files())
>>> len(loaded.store) > 5000
True
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from neurokg.core import resources
from neurokg.core.errors import GraphSyntaxError, UsageError
from neurokg.core.prefixes import PREFIXES
from neurokg.rdf.evidence import EvidenceProblem, document_hash
from neurokg.rdf.status import summarize

__all__ = [
    "Loaded",
    "display_name",
    "from_rdflib",
    "load_store",
    "mint",
    "nt_bytes",
    "resolve_text",
    "source_files",
    "to_rdflib",
]

log = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent
_NKO = PREFIXES["nko"]
_RDF = PREFIXES["rdf"]
_DECIMAL = re.compile(rb'"(-?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')


@cache
def _mint_update() -> str:
    return (_HERE / "mint.ru").read_text(encoding="utf-8")


def mint(store: ox.Store) -> None:
    """Type statements and evidence spans and give blank ones their stable IRIs, in place (``mint.ru``)."""
    store.update(_mint_update(), prefixes=dict(PREFIXES))


def display_name(path: Path) -> str:
    """``path`` relative to the data home when it lies inside it (how reports name files)."""
    try:
        return str(path.relative_to(resources.data_home()))
    except (ValueError, UsageError):
        return str(path)


def source_files(
    *,
    graph_dir: str | os.PathLike[str] | None = None,
    ontology_file: str | os.PathLike[str] | None = None,
    extra: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """The ontology, every ``*.ttl`` of the graph directory (sorted), then ``extra``: what a load reads."""
    onto = Path(ontology_file) if ontology_file else resources.ontology_dir() / "neurokg.ttl"
    gdir = Path(graph_dir) if graph_dir else resources.graph_dir()
    if not gdir.is_dir():
        raise UsageError(f"graph directory not found: {gdir}")
    data = sorted(gdir.glob("*.ttl"))
    if not data:
        raise UsageError(f"graph directory {gdir} holds no .ttl file: nothing to load")
    return [onto, *data, *(Path(p) for p in extra)]


def _parse_into(store: ox.Store, path: Path) -> None:
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        detail = str(exc.args[0] if exc.args else exc)
        detail = re.sub(r"^Parser error at line \d+ (?:column \d+|between columns \d+ and \d+): ", "", detail)
        raise GraphSyntaxError(str(path), exc.lineno, detail) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from exc


@dataclass
class Loaded:
    """A loaded graph: the store, the files it came from, the corpus and any evidence problems."""

    store: ox.Store
    files: list[Path]
    corpus: Path | None = None
    problems: list[EvidenceProblem] = field(default_factory=list)
    _origins: dict[Any, str] = field(default_factory=dict, repr=False)

    def origins(self, terms: Iterable[Any]) -> dict[Any, str]:
        """The file that defines each of ``terms`` (nodes of :attr:`store`), as the rdflib loader named it.

        A node's file is the first that types or labels it, else the first that states anything
        about it. A blank node is found by what it states (its triples to IRIs and literals).
        """
        terms = list(terms)
        wanted = {t for t in terms if isinstance(t, ox.NamedNode | ox.BlankNode) and t not in self._origins}
        if wanted:
            found: dict[Any, str] = {}
            defined: dict[Any, str] = {}
            for path in self.files:
                part = ox.Store()
                _parse_into(part, path)
                mint(part)
                for term in wanted:
                    nodes = self._same_nodes(part, term)
                    if nodes and term not in found:
                        found[term] = display_name(path)
                    if term not in defined and any(_typed(part, n) for n in nodes):
                        defined[term] = display_name(path)
            found.update(defined)
            self._origins.update({t: found.get(t, "") for t in wanted})
        return {t: self._origins.get(t, "") for t in terms}

    def _same_nodes(self, part: ox.Store, term: Any) -> list[Any]:
        if isinstance(term, ox.NamedNode):
            return [term] if next(part.quads_for_pattern(term, None, None), None) is not None else []
        states = [(q.predicate, q.object) for q in self.store.quads_for_pattern(term, None, None, ox.DefaultGraph())]
        candidates: set[Any] | None = None
        for p, o in states:
            if isinstance(o, ox.BlankNode):
                continue
            here = {q.subject for q in part.quads_for_pattern(None, p, o) if isinstance(q.subject, ox.BlankNode)}
            candidates = here if candidates is None else candidates & here
        return sorted(candidates or (), key=str)

    def origin(self, term: Any) -> str:
        """The file that defines ``term`` (``""`` if none does); see :meth:`origins`."""
        return self.origins([term])[term]


_TYPED = (ox.NamedNode(f"{_RDF}type"), ox.NamedNode(f"{PREFIXES['skos']}prefLabel"))


def _typed(store: ox.Store, node: Any) -> bool:
    return any(next(store.quads_for_pattern(node, p, None), None) is not None for p in _TYPED)


def load_store(files: Sequence[Path], *, corpus: Path | None = None) -> Loaded:
    """Parse ``files`` into one store, mint statements, and resolve evidence text when ``corpus`` is given.

    Raises :class:`GraphSyntaxError` naming the file and line of a syntax error.
    """
    store = ox.Store()
    for path in files:
        _parse_into(store, path)
    mint(store)
    loaded = Loaded(store, list(files), corpus)
    _summarize(loaded)
    if corpus is not None:
        loaded.problems = resolve_text(store, corpus)
    return loaded


def _summarize(loaded: Loaded) -> None:
    """Each statement's summary from its evidence; a plain triple only where a document states it (``status.ru``)."""
    for st, s, p, o in summarize(loaded.store).removed:
        log.warning(
            "%s: no evidence states %s %s %s (only inferred, advertised or denied); "
            "it stays a statement only (no plain triple)",
            loaded.origin(st) or "?", s.value, p.value, getattr(o, "value", o),
        )  # fmt: skip


def _int(term: Any) -> int | None:
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def resolve_text(store: ox.Store, corpus: Path) -> list[EvidenceProblem]:
    """Add each evidence span's text and each document's title from ``corpus`` (see :mod:`neurokg.provenance`).

    A missing document, or one whose text no longer has the recorded SHA-256, is reported and its
    spans stay without text.
    """
    problems: list[EvidenceProblem] = []
    texts: dict[Any, str] = {}
    docs = store.query(
        "SELECT ?doc ?name ?sha ?start ?end WHERE { ?doc a nko:SourceDocument "
        "OPTIONAL { ?doc nko:fileName ?name } OPTIONAL { ?doc nko:sha256 ?sha } "
        "OPTIONAL { ?doc nko:titleStart ?start } OPTIONAL { ?doc nko:titleEnd ?end } }",
        prefixes=dict(PREFIXES),
    )
    title, text_p = ox.NamedNode(f"{PREFIXES['dcterms']}title"), ox.NamedNode(f"{_NKO}text")
    seen: set[Any] = set()
    for row in sorted(docs, key=lambda r: str(r["doc"])):  # type: ignore[arg-type]
        doc = row["doc"]
        if doc in seen:
            continue
        seen.add(doc)
        name = row["name"].value if row["name"] is not None else ""
        path = corpus / name
        if not name or not path.is_file():
            problems.append(EvidenceProblem(doc.value, str(path), "document file not found in corpus"))
            continue
        text = path.read_text(encoding="utf-8")
        expected = row["sha"].value if row["sha"] is not None else ""
        actual = document_hash(text)
        if actual != expected:
            problems.append(
                EvidenceProblem(doc.value, str(path), f"SHA-256 is {actual}, graph records {expected}: spans not used")
            )
            continue
        texts[doc] = text
        start, end = _int(row["start"]), _int(row["end"])
        if start is not None and end is not None:
            _set(store, doc, title, text[start:end])
    spans = store.query(
        "SELECT ?ev ?doc ?start ?end WHERE { ?ev a nko:Evidence ; nko:document ?doc ; nko:start ?start ; "
        "nko:end ?end }",
        prefixes=dict(PREFIXES),
    )
    done: set[Any] = set()
    for row in list(spans):  # type: ignore[arg-type]
        ev, doc = row["ev"], row["doc"]
        if ev in done or doc not in texts:
            continue
        done.add(ev)
        start, end, text = _int(row["start"]), _int(row["end"]), texts[doc]
        if start is not None and end is not None and 0 <= start < end <= len(text):
            _set(store, ev, text_p, text[start:end])
    for problem in problems:
        log.warning("%s", problem)
    return problems


def _set(store: ox.Store, subject: Any, predicate: ox.NamedNode, text: str) -> None:
    for quad in list(store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph())):
        store.remove(quad)
    store.add(ox.Quad(subject, predicate, ox.Literal(text)))


def nt_bytes(store: ox.Store) -> bytes:
    """The default graph as sorted N-Triples, decimals written with a point (``"30.0"``) as rdflib reads them."""
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert data is not None
    data = _DECIMAL.sub(rb'"\1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>', data)
    lines = sorted(set(data.split(b"\n")) - {b""})
    return b"\n".join(lines) + b"\n" if lines else b""


def from_rdflib(graph: Any) -> ox.Store:
    """A pyoxigraph store holding the triples of the rdflib ``graph``."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def to_rdflib(store: ox.Store, *, blanks: dict[Any, Any] | None = None) -> Any:
    """The default graph of ``store`` as an rdflib :class:`~rdflib.Graph` with the neurokg prefixes bound.

    ``blanks``, when given, is filled with each rdflib blank node and the pyoxigraph blank node it copies.
    """
    from rdflib import Graph

    from neurokg.core.namespace import bind_prefixes

    graph = bind_prefixes(Graph())
    labels: dict[str, Any] = {}
    graph.parse(data=nt_bytes(store), format="nt", bnode_context=labels)
    if blanks is not None:
        blanks.update({node: ox.BlankNode(label) for label, node in labels.items()})
    return graph
