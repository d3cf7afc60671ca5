"""What each statement of a graph rests on, for the tests of evidence status."""

from __future__ import annotations

from rdflib import RDF, Graph

from neurokg.core.namespace import NKO, curie

CLOSING_LABEL = "inferred by curator: closes a cycle the text names"
"""The words 09-feedback-loops shows, by default, for a curator's step closing a cycle a passage names."""

NOT_STATED_LABELS = ("inferred by curator", "advertised", CLOSING_LABEL)
"""The words a row shows for a relation no document states."""


def statement_status(graph: Graph) -> dict[str, set[str]]:
    """Statement IRI (full and CURIE) -> its status tokens."""
    tokens = {NKO.Stated: "stated", NKO.InferredByCurator: "inferred", NKO.Advertised: "advertised"}
    out: dict[str, set[str]] = {}
    for st in graph.subjects(RDF.type, NKO.Statement):
        found = {tokens[s] for s in graph.objects(st, NKO.status) if s in tokens}
        out[str(st)] = out[curie(str(st))] = found
    return out
