"""Merging readings into a document's accepted file: ordinary statements with evidence and provenance.

Each document's accepted readings live in ``graph/accepted_<document>.ttl``, written by ``neurokg
accept`` and by nothing else. A reading becomes an ordinary :data:`NKO.Statement` (IRI derived from
the triple, so a relation another file already describes gets one more evidence span, not a second
statement) with one evidence span carrying the reading's status and qualifiers and its provenance:
the agent type ``nko:ManualValidationOfAutomatedAgent``, the proposing tool and rules, the proposal
id, the curator, the date and the decision. A stated reading also asserts the plain triple.

Readings are keyed by proposal id: reviewing a proposal again replaces its reading (or, if it is now
rejected, removes it), so accepting the same review twice changes nothing.

>>> from rdflib import Graph
>>> g = Graph()
>>> drop_proposals(g, {"p-none"})
0
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from neurokg.core.namespace import NK, NKD, NKO, NKS, bind_prefixes
from neurokg.curate.readings import Reading
from neurokg.rdf.provenance import affirms, evidence_iri, statement_iri

__all__ = [
    "HEADER",
    "accepted_file_name",
    "document_iri",
    "describe_document",
    "drop_proposals",
    "add_reading",
    "evidence_triples",
    "serialize",
    "documents_in",
    "reading_of",
    "what_span_says",
]

HEADER = """# Written by `neurokg accept` from curators' review files: readings proposed by `neurokg propose` and
# validated by a curator, with their provenance. Do not edit by hand: review again and accept (docs/curation.md).
# Evidence is offsets only; the words are read from the corpus at build time.
"""


def accepted_file_name(file_name: str) -> str:
    """``accepted_<stem>.ttl`` for a document's file name.

    >>> accepted_file_name("nih_ninds_0000148_shingles.txt")
    'accepted_nih_ninds_0000148_shingles.ttl'
    """
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return f"accepted_{stem}.ttl"


def document_iri(file_name: str) -> URIRef:
    """The IRI of a document neurokg has not described yet: ``nkd:`` and the file's stem."""
    return NKD[file_name.rsplit(".", 1)[0] if "." in file_name else file_name]


def describe_document(graph: Graph, iri: URIRef, record: dict[str, Any]) -> None:
    """Describe a document from its record in the review file (no words of its text: the title is offsets)."""
    graph.add((iri, RDF.type, NKO.SourceDocument))
    kind = record.get("kind") or "document"
    graph.add((iri, RDFS.label, Literal(f"{kind} ({record['file_name']})", lang="en")))
    graph.add((iri, NKO.fileName, Literal(record["file_name"])))
    graph.add((iri, NKO.sha256, Literal(record["sha256"])))
    graph.add((iri, NKO.charCount, Literal(int(record["length"]))))
    graph.add((iri, NKO.titleStart, Literal(int(record["title_start"]))))
    graph.add((iri, NKO.titleEnd, Literal(int(record["title_end"]))))
    for key, prop in (("publisher", DCTERMS.publisher), ("source", DCTERMS.source), ("licence", DCTERMS.license),
                      ("credit", DCTERMS.bibliographicCitation)):  # fmt: skip
        if record.get(key):
            graph.add((iri, prop, Literal(str(record[key]))))


def _remove_node(graph: Graph, node: URIRef) -> None:
    graph.remove((node, None, None))
    graph.remove((None, None, node))


def drop_proposals(graph: Graph, ids: Collection[str]) -> int:
    """Take the readings of proposals ``ids`` out of ``graph``; return how many evidence spans went.

    A span shared with another proposal keeps that proposal's reading; a statement left without
    evidence goes, and so does a plain triple no stated span of this file supports any more.
    """
    gone = 0
    for ev, pid in list(graph.subject_objects(NKO.proposal)):
        if str(pid) in ids:
            graph.remove((ev, NKO.proposal, pid))
            if graph.value(ev, NKO.proposal) is None and isinstance(ev, URIRef):
                _remove_node(graph, ev)
                gone += 1
    for st in list(graph.subjects(RDF.type, NKO.Statement)):
        s, p, o = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        evidence = list(graph.objects(st, NKO.evidence))
        stated = any(affirms(graph, ev) for ev in evidence)
        if not stated and s is not None and p is not None and o is not None:
            graph.remove((s, p, o))
        if not evidence and isinstance(st, URIRef):
            _remove_node(graph, st)
    return gone


def _iri(curie_: str) -> URIRef:
    return NK[curie_.split(":", 1)[1]]


def _term(name: str) -> URIRef:
    """An ontology term by local name, through the closed namespace (a misspelt name raises)."""
    return cast(URIRef, getattr(NKO, name))


def evidence_triples(r: Reading, document: URIRef, curator: str, date: str) -> tuple[URIRef, URIRef, Graph]:
    """The statement IRI, the evidence IRI and the triples of reading ``r`` (plain triple if stated, not negated)."""
    p = r.proposal
    s, pred, o = _iri(r.subject), _term(p.predicate), _iri(r.object)
    status = _term(p.status)
    st = statement_iri(s, pred, o)
    ev = evidence_iri(st, document, r.start, r.end, status)
    g = Graph()
    g.add((st, RDF.type, NKO.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, pred))
    g.add((st, RDF.object, o))
    g.add((st, NKO.evidence, ev))
    if p.status == "Stated" and not p.negated:
        g.add((s, pred, o))
    facts: list[tuple[URIRef, Any]] = [
        (RDF.type, NKO.Evidence), (NKO.document, document), (NKO.start, Literal(r.start)),
        (NKO.end, Literal(r.end)), (NKO.status, status), (NKO.certainty, _term(p.certainty)),
        (NKO.agentType, NKO.ManualValidationOfAutomatedAgent), (NKO.proposal, Literal(p.id)),
        (NKO.proposedBy, Literal(p.tool_version or p.source)), (NKO.rulesVersion, Literal(p.rules_version or "none")),
        (NKO.validatedBy, Literal(curator)), (NKO.validatedOn, Literal(date, datatype=XSD.date)),
        (NKO.reviewDecision, Literal(r.decision)),
    ]  # fmt: skip
    if p.negated:
        facts.append((NKO.negated, Literal(True)))
    facts += [(NKO.hedge, Literal(h)) for h in p.hedge]
    facts += [(NKO.caveatKind, _term(c)) for c in p.caveats]
    for prop, value in ((NKO.lineOfTherapy, p.line_of_therapy), (NKO.durability, p.durability)):
        if value:
            facts.append((prop, _term(value)))
    for prop, text in ((NKO.caveat, p.caveat), (NKO.population, p.population), (NKO.attributedTo, p.attributed_to),
                       (NKO.reason, p.reason), (NKO.proposalRule, p.rule)):  # fmt: skip
        if text and str(text).strip():
            facts.append((prop, Literal(" ".join(str(text).split()))))
    for prop, value in facts:
        g.add((ev, prop, value))
    return st, ev, g


_PROVENANCE = {NKO.proposal, NKO.proposalRule, NKO.reviewDecision, NKO.validatedBy, NKO.validatedOn}


def reading_of(graph: Graph, ev: URIRef) -> set[tuple[Any, Any]]:
    """What a span says (status, qualifiers, provenance of the proposal), without who validated it when."""
    return {(p, o) for p, o in graph.predicate_objects(ev) if p not in _PROVENANCE}


_WHO = _PROVENANCE | {NKO.agentType, NKO.proposedBy, NKO.rulesVersion, NKO.proposalRule, NKO.text}


def what_span_says(graph: Graph, ev: URIRef) -> set[tuple[Any, Any]]:
    """Status and qualifiers of a span, whoever wrote the reading (by hand or from a proposal)."""
    return {(p, o) for p, o in graph.predicate_objects(ev) if p not in _WHO}


def add_reading(graph: Graph, reading_graph: Graph, ev: URIRef) -> str:
    """Merge one reading's triples into ``graph``: ``"new"``, ``"same"`` (already there) or ``"conflict"``.

    Two proposals that land on one span (same relation, document, offsets and status) share the span
    when they read it the same way; otherwise it is a conflict and nothing is added.
    """
    if (ev, RDF.type, NKO.Evidence) in graph:
        if reading_of(graph, ev) != reading_of(reading_graph, ev):
            return "conflict"
        for p in (NKO.validatedBy, NKO.validatedOn):  # the latest review speaks for the span
            graph.remove((ev, p, None))
        graph += reading_graph
        return "same"
    graph += reading_graph
    return "new"


def serialize(graph: Graph) -> str:
    """Canonical Turtle with the header; statements, evidence and documents sorted by IRI."""
    g = bind_prefixes(Graph())
    g += graph
    g.bind("nks", NKS)
    return HEADER + "\n" + g.serialize(format="longturtle")


def documents_in(graph: Graph) -> Iterable[tuple[str, URIRef]]:
    """File name and IRI of every source document of ``graph``."""
    for doc, name in graph.subject_objects(NKO.fileName):
        if isinstance(doc, URIRef):
            yield str(name), doc
