"""The provenance model: statements, evidence spans and source documents.

Every domain relation is a plain triple *and* an :data:`NKO.Statement` (RDF reification) that
carries its evidence spans and qualifiers (see ``docs/decisions/0002-provenance-model.md``).
Statement IRIs are derived from the triple, so the same edge has the same id in RDF, networkx
and HTML:

>>> from neurokg.core.namespace import NK, NKO
>>> statement_iri(NK.diabetes, NKO.causes, NK.neuropathy)
rdflib.term.URIRef('https://w3id.org/neurokg/statement/d91556017e793810')
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from neurokg.core.namespace import NKE, NKO, NKS
from neurokg.rdf.evidence import EvidenceProblem, document_hash

__all__ = [
    "affirms",
    "statement_iri",
    "evidence_iri",
    "mint_statements",
    "resolve_evidence",
    "document_hash",
    "EvidenceProblem",
]

log = logging.getLogger(__name__)


def statement_iri(subject: Node, predicate: Node, obj: Node) -> URIRef:
    """Return the stable IRI of the statement about ``(subject, predicate, obj)``."""
    key = f"{subject}\n{predicate}\n{obj}".encode()
    return NKS[hashlib.sha256(key).hexdigest()[:16]]


_STATUS_SUFFIX: dict[Node, str] = {NKO.InferredByCurator: "-inferred", NKO.Advertised: "-advertised"}


def evidence_iri(statement: URIRef, document: Node, start: int, end: int, status: Node | None = None) -> URIRef:
    """Return the stable IRI of one evidence span of ``statement``.

    A stated span (or one without a status) is named by its offsets; an inferred or advertised reading
    of the same offsets gets a suffix, so two readings of one passage never merge
    (``docs/decisions/0008-evidence-status.md``).

    >>> from neurokg.core.namespace import NKD, NKS
    >>> evidence_iri(NKS["d91556017e793810"], NKD["000_c4bdad115d249047"], 10, 42)
    rdflib.term.URIRef('https://w3id.org/neurokg/evidence/d91556017e793810-000_c4bdad115d249047-10-42')
    >>> evidence_iri(NKS["d91556017e793810"], NKD["000_c4bdad115d249047"], 10, 42, NKO.InferredByCurator)
    rdflib.term.URIRef('https://w3id.org/neurokg/evidence/d91556017e793810-000_c4bdad115d249047-10-42-inferred')
    """
    stmt = str(statement).rsplit("/", 1)[-1]
    doc = str(document).rsplit("/", 1)[-1]
    suffix = _STATUS_SUFFIX.get(status, "") if status is not None else ""
    return NKE[f"{stmt}-{doc}-{start}-{end}{suffix}"]


def affirms(graph: Graph, evidence: Node) -> bool:
    """Whether the reading ``evidence`` asserts its relation: a document states it and does not deny it.

    The plain triple of a statement stands for such a reading (``rdf/status.ru`` asserts it from one; a
    reading marked ``nko:negated`` says the relation does not, or may not, hold).

    >>> from neurokg.core.namespace import NKO
    >>> g = Graph()
    >>> ev = URIRef("urn:ev")
    >>> _ = g.add((ev, NKO.status, NKO.Stated))
    >>> affirms(g, ev)
    True
    >>> _ = g.add((ev, NKO.negated, Literal(True)))
    >>> affirms(g, ev)
    False
    """
    return (evidence, NKO.status, NKO.Stated) in graph and (evidence, NKO.negated, Literal(True)) not in graph


def _rename(graph: Graph, old: Node, new: Node) -> None:
    for p, o in list(graph.predicate_objects(old)):
        graph.remove((old, p, o))
        graph.add((new, p, o))
    for s, p in list(graph.subject_predicates(old)):
        graph.remove((s, p, old))
        graph.add((s, p, new))


def mint_statements(graph: Graph) -> Graph:
    """Give blank-node statements and evidence spans their stable IRIs, in place.

    A node with an ``rdf:subject`` is a statement: it is typed :data:`NKO.Statement` and, if
    blank, renamed to :func:`statement_iri` of its triple. Blank statements about the same triple
    merge into one. Blank evidence spans are typed :data:`NKO.Evidence` and renamed to
    :func:`evidence_iri`. Nodes missing a part are left as they are for the shapes to report.
    Returns ``graph``.
    """
    for node in set(graph.subjects(RDF.subject)):
        graph.add((node, RDF.type, NKO.Statement))
        s = list(graph.objects(node, RDF.subject))
        p = list(graph.objects(node, RDF.predicate))
        o = list(graph.objects(node, RDF.object))
        target = node
        if isinstance(node, BNode) and len(s) == len(p) == len(o) == 1:
            target = statement_iri(s[0], p[0], o[0])
            _rename(graph, node, target)
        for ev in list(graph.objects(target, NKO.evidence)):
            graph.add((ev, RDF.type, NKO.Evidence))
            doc = graph.value(ev, NKO.document)
            start = graph.value(ev, NKO.start)
            end = graph.value(ev, NKO.end)
            if isinstance(ev, BNode) and isinstance(target, URIRef) and None not in (doc, start, end):
                assert doc is not None and isinstance(start, Literal) and isinstance(end, Literal)
                status = graph.value(ev, NKO.status)
                _rename(graph, ev, evidence_iri(target, doc, int(start), int(end), status))
    return graph


def resolve_evidence(graph: Graph, corpus: Path) -> list[EvidenceProblem]:
    """Add the text of every evidence span, and each document's title, from ``corpus``.

    A document whose file is missing, or whose text no longer has the recorded SHA-256, is
    reported and its spans stay without text: offsets into another text would point at the
    wrong words. Returns the problems found (empty when every document resolved).
    """
    problems: list[EvidenceProblem] = []
    texts: dict[Node, str] = {}
    for doc in sorted(graph.subjects(RDF.type, NKO.SourceDocument), key=str):
        name = str(graph.value(doc, NKO.fileName) or "")
        path = corpus / name
        if not name or not path.is_file():
            problems.append(EvidenceProblem(str(doc), str(path), "document file not found in corpus"))
            continue
        text = path.read_text(encoding="utf-8")
        expected = str(graph.value(doc, NKO.sha256) or "")
        actual = document_hash(text)
        if actual != expected:
            problems.append(
                EvidenceProblem(str(doc), str(path), f"SHA-256 is {actual}, graph records {expected}: spans not used")
            )
            continue
        texts[doc] = text
        start, end = graph.value(doc, NKO.titleStart), graph.value(doc, NKO.titleEnd)
        if isinstance(start, Literal) and isinstance(end, Literal):
            graph.set((doc, DCTERMS.title, Literal(text[int(start) : int(end)])))
    for ev in graph.subjects(RDF.type, NKO.Evidence):
        doc_ref = graph.value(ev, NKO.document)
        start, end = graph.value(ev, NKO.start), graph.value(ev, NKO.end)
        if doc_ref in texts and isinstance(start, Literal) and isinstance(end, Literal):
            text = texts[doc_ref]
            if 0 <= int(start) < int(end) <= len(text):
                graph.set((ev, NKO.text, Literal(text[int(start) : int(end)])))
    for problem in problems:
        log.warning("%s", problem)
    return problems
