"""Cross-references are exactly what the identifier table records, on the concept the table names.

A row of ``identifiers.tsv`` says how one of our concepts (its ``concept`` column, with synonyms in
parentheses) matched a vocabulary term. The entity named by that concept carries the row's match, as
``skos:exactMatch`` or ``skos:closeMatch``; an entity the row does not name (a broader one) may carry an
row at most as a close match, never as exact; and no cross-reference is absent from the table.
"""

from __future__ import annotations

import csv
import re

from rdflib import SKOS, Graph, URIRef

from neurokg.core.namespace import NK, OBO
from tests.conftest import ROOT

IDENTIFIERS = ROOT.parent / "shared" / "reference" / "identifiers.tsv"
PREFIXES = {"MESH": "http://id.nlm.nih.gov/mesh/", "DRUGBANK": "http://identifiers.org/drugbank/"}
KINDS = {SKOS.exactMatch: "exact", SKOS.closeMatch: "close", SKOS.relatedMatch: "related"}
STRENGTH = {"exact": 3, "close": 2, "related": 1}


def _rows() -> list[tuple[set[str], URIRef, str]]:
    """(names of the concept, IRI, match) per row; parenthesised synonyms count as names, notes do not."""
    out = []
    with IDENTIFIERS.open(encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t"):
            if not r or r[0].startswith("#") or r[0] == "concept":
                continue
            concept, curie, _label, match, _seen = r
            prefix, local = curie.split(":", 1)
            iri = URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else OBO[f"{prefix}_{local}"]
            head, _, inner = concept.partition(" (")
            names = {head.strip().lower()}
            if inner and "nearest" not in inner:
                names |= {n.strip().lower() for n in re.split(r",|\)", inner) if n.strip()}
            out.append((names, iri, match))
    return out


def _names(g: Graph, e) -> set[str]:
    return {str(v).lower() for p in (SKOS.prefLabel, SKOS.altLabel) for v in g.objects(e, p)}


def test_every_cross_reference_is_in_the_table_and_never_stronger(graph: Graph) -> None:
    rows = {iri: (names, match) for names, iri, match in _rows()}
    seen = 0
    for prop, kind in KINDS.items():
        for s, o in graph.subject_objects(prop):
            if not str(s).startswith(str(NK)):
                continue  # ontology classes map to biolink/schema.org, not to the table
            assert o in rows, f"{s} {prop} {o}: not in identifiers.tsv"
            names, match = rows[o]
            if _names(graph, s) & names:
                assert kind == match, f"{s} {kind}Match {o}: the table records {match}"
            else:  # the entity is not the concept the row names: never exact, never stronger than the row
                assert kind != "exact" and STRENGTH[kind] <= STRENGTH[match], f"{s} {kind}Match {o}: table {match}"
            seen += 1
    assert seen >= 40


def test_every_entity_the_table_names_carries_its_cross_reference(graph: Graph) -> None:
    entities = [e for e in set(graph.subjects(SKOS.prefLabel, None)) if str(e).startswith(str(NK))]
    missing = []
    for names, iri, match in _rows():
        prop = {v: k for k, v in KINDS.items()}[match]
        for e in entities:
            if _names(graph, e) & names and (e, prop, iri) not in graph:
                missing.append(f"{e} named {sorted(_names(graph, e) & names)} lacks {match} {iri}")
    assert not missing, "\n".join(missing)


def test_the_looser_references_of_issue_15_are_fixed(graph: Graph) -> None:
    # dysesthesia is the unpleasant kind of abnormal sensation: a close match here, not an exact one
    assert (NK.abnormal_sensation, SKOS.closeMatch, OBO.HP_0012534) in graph
    assert (NK.abnormal_sensation, SKOS.exactMatch, OBO.HP_0012534) not in graph
    # pins and needles, a synonym the table maps to paresthesia, is a name of the mapped concept
    assert "pins and needles" in _names(graph, NK.tingling)
    assert (NK.tingling, SKOS.exactMatch, OBO.HP_0003401) in graph
