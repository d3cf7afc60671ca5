"""What curating a document with the proposer took, measured from the graph and the rejection log.

Every reading ``neurokg accept`` merged carries the agent type
``nko:ManualValidationOfAutomatedAgent``, the proposal ids it came from and the decision (accept or
edit); every rejection is in the rejection log with its reason; and what the proposer missed, found
by rereading the document, was added by hand with the agent type ``nko:ManualAgent``. So, per
document and without the review files (which quote the document and stay out of git):

- *acceptance rate*: accepted and edited proposals over all decided ones;
- *recall on real work*: evidence spans that came from a proposal over all stated spans a curator
  kept for the document (proposed, or missed and added by hand);
- the reject reasons, counted.

>>> from rdflib import Graph
>>> curation_figures(Graph(), {})
[]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import RDF

from neurokg.core.namespace import NKO
from neurokg.curate.rejections import Rejection

__all__ = ["PageFigures", "curation_figures"]


@dataclass
class PageFigures:
    """The figures of one document reviewed through ``neurokg accept``."""

    document: str
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    found: int = 0
    missed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def acceptance(self) -> float:
        """Accepted and edited proposals over all decided ones."""
        return (self.accepted + self.edited) / self.decided if self.decided else 0.0

    @property
    def recall(self) -> float:
        """Spans the proposer found over every stated span kept for the document."""
        kept = self.found + self.missed
        return self.found / kept if kept else 0.0


def curation_figures(graph: Graph, rejections: Mapping[str, Rejection]) -> list[PageFigures]:
    """Figures for every document with at least one validated reading or rejection, by file name."""
    pages: dict[str, PageFigures] = {}

    def page(name: str) -> PageFigures:
        return pages.setdefault(name, PageFigures(name))

    decisions: dict[tuple[str, str], str] = {}
    manual: dict[str, set[tuple[int, int, object]]] = {}
    for ev in set(graph.subjects(RDF.type, NKO.Evidence)):
        doc = graph.value(ev, NKO.document)
        name = str(graph.value(doc, NKO.fileName) or "") if doc is not None else ""
        agent = graph.value(ev, NKO.agentType)
        if agent == NKO.ManualValidationOfAutomatedAgent:
            page(name).found += 1
            decision = str(graph.value(ev, NKO.reviewDecision) or "accept")
            for pid in graph.objects(ev, NKO.proposal):
                decisions[(name, str(pid))] = decision
        elif agent == NKO.ManualAgent and graph.value(ev, NKO.status) == NKO.Stated:
            manual.setdefault(name, set()).add(ev)  # type: ignore[arg-type]
    for (name, _), decision in decisions.items():
        if decision == "edit":
            page(name).edited += 1
        else:
            page(name).accepted += 1
    for r in rejections.values():
        page(r.document).rejected += 1
        page(r.document).reasons[r.reason] += 1
    for name, spans in manual.items():
        if name in pages:
            pages[name].missed = len(spans)
    return [pages[name] for name in sorted(pages)]
