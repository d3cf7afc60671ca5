"""Treatments for a condition or symptom: stated ones, and those reached through classes and broader concepts.

Three ways lead from a treatment to the entity asked about, and they combine:

* **stated**: ``T treats X`` (also ``manages``, ``prevents``; see :data:`TREATMENT_RELATIONS`);
* **broader concept**: ``T treats Y`` where ``X subtypeOf Y`` or ``X exampleOf Y`` (transitively):
  what is said of pain in general is offered for neuropathic pain, marked with ``target`` = pain;
* **member or subtype of a treatment**: ``D memberOf C`` (or ``subtypeOf``, ``exampleOf``,
  transitively) and ``C treats X``: the drugs of a class inherit its statement, marked with ``via`` = C.

Each option keeps the qualifiers of the statement it rests on (``certainty``, ``lineOfTherapy``,
``caveatKind``, ``caveat``, ``durability``...) and its evidence, and the route of hops from the
treatment to the entity asked about. A treatment reached along several routes to the same statement
is listed once, with its shortest route. A row says what it rests on (``basis``: every status among
the readings of its route) and labels qualifiers that come from a curator's inference or an
advertisement.

What a document says of the narrower concept governs: a treatment (or its class) that has a
statement of its own for the entity asked about, or for a concept between it and the broader one,
is not offered again through the broader concept. So the opioids' general pain relief is not
offered for neuropathic pain, which the documents say opioids may not relieve.

A cause is never offered as a treatment: an entity that ``causes`` (or is a ``riskFactorFor``) the
entity asked about, or the concept an option rests on, is left out, whatever else links it to a
treatment (surgery, a cause of neuropathic pain, is also a component of combined treatment).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for u, k, v, q in [("cls", "nko:treats", "np", {"caveatKind": ["mechanism unknown"]}),
...                    ("drug", "nko:memberOf", "cls", {}), ("np", "nko:subtypeOf", "pain", {}),
...                    ("op", "nko:treats", "pain", {"caveatKind": ["dependence risk"]})]:
...     _ = G.add_edge(u, v, key=k, label=k, statement=f"nks:{u}", evidence=[], **q)
>>> for t in treatments(G, "np"):
...     print(t.treatment, t.target, t.via, t.qualifiers["caveatKind"])
cls np None ['mechanism unknown']
drug np cls ['mechanism unknown']
op pain None ['dependence risk']
>>> treatment_rows(G, treatments(G, "np"), compact=True)[1][-1]
'drug -memberOf-> cls -treats-> np'
>>> _ = G.add_edge("op", "np", key="nko:treats", label="treats", statement="nks:op2", evidence=[])
>>> [(t.treatment, t.target) for t in treatments(G, "np") if t.treatment == "op"]
[('op', 'np')]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from neurokg.core.namespace import NKO, curies
from neurokg.network.basis import basis_text, certainty_text, labelled_qualifiers
from neurokg.network.frames import TreatmentOptions
from neurokg.network.hops import RELATION_PREFERENCE, Hop, evidence_refs, make_hop, route_text
from neurokg.rdf.status import ORDER

__all__ = [
    "BROADER_RELATIONS",
    "CAUSE_RELATIONS",
    "CAVEATS",
    "MEMBER_RELATIONS",
    "TREATMENT_COLUMNS",
    "TREATMENT_RELATIONS",
    "TreatmentOption",
    "treatment_rows",
    "treatments",
]

TREATMENT_RELATIONS = curies(NKO.treats, NKO.manages, NKO.prevents)
"""Relations from a treatment to what it acts on."""

CAUSE_RELATIONS = curies(NKO.causes, NKO.riskFactorFor)
"""Relations from a cause to what it brings about: their subjects are never offered as treatments of their object."""

BROADER_RELATIONS = curies(NKO.subtypeOf, NKO.exampleOf)
"""Relations from a concept to a broader one; what treats the broader concept is offered for the narrower."""

MEMBER_RELATIONS = curies(NKO.memberOf, NKO.subtypeOf, NKO.exampleOf)
"""Relations from a treatment to its class; the member inherits what the class is said to treat."""

CAVEATS = ("lineOfTherapy", "caveatKind", "caveat", "durability")
"""Qualifiers reported as a treatment's caveats (besides ``certainty``)."""

TREATMENT_COLUMNS = [
    "treatment", "label", "type", "relation", "target", "via", "basis", "certainty", *CAVEATS, "statement",
    "evidence", "route",
]  # fmt: skip
"""Columns of :func:`treatment_rows`."""


@dataclass(frozen=True)
class TreatmentOption:
    """A treatment for the entity asked about, the statement it rests on and how it was reached.

    ``target`` is the entity the statement is about (the one asked about, or a broader concept);
    ``via`` the class or broader treatment whose statement a member inherits (``None`` if stated of
    the treatment itself); ``route`` the hops from ``treatment`` to the entity asked about.
    """

    treatment: str
    relation: str
    target: str
    via: str | None
    statement: str | None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    route: list[Hop] = field(default_factory=list)

    @property
    def basis(self) -> str:
        """What the statement the option rests on rests on: ``stated``, ``inferred`` or ``advertised``."""
        main = next((h for h in self.route if h.statement == self.statement and h.relation == self.relation), None)
        return main.basis if main is not None else "stated"

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status among the readings of the route, strongest first: what a row says it rests on."""
        found = {s for h in self.route for s in h.status}
        return tuple(s for s in ORDER if s in found)


def _broader(G: nx.MultiDiGraph, node: str, relations: Collection[str]) -> dict[str, list[Hop]]:
    """Every concept ``node`` is (transitively) narrower than, with the hops walking back down to ``node``."""
    chains: dict[str, list[Hop]] = {node: []}
    queue = deque([node])
    while queue:
        u = queue.popleft()
        for _, v, key in sorted(G.out_edges(u, keys=True), key=lambda e: (e[2], e[1])):
            if key in relations and v not in chains:
                chains[v] = [make_hop(G, v, u, key, inverse=True), *chains[u]]
                queue.append(v)
    return chains


def _members(G: nx.MultiDiGraph, node: str, relations: Collection[str]) -> dict[str, list[Hop]]:
    """Every member or subtype of ``node`` (transitively), with the hops climbing up to ``node``."""
    chains: dict[str, list[Hop]] = {node: []}
    queue = deque([node])
    while queue:
        u = queue.popleft()
        for w, _, key in sorted(G.in_edges(u, keys=True), key=lambda e: (e[2], e[0])):
            if key in relations and w not in chains:
                chains[w] = [make_hop(G, w, u, key), *chains[u]]
                queue.append(w)
    return chains


def _order(option: TreatmentOption, broader_hops: int) -> tuple[Any, ...]:
    """Stated for the entity itself first, then inherited by members, then what is said of broader concepts."""
    pref = RELATION_PREFERENCE.index(option.relation) if option.relation in RELATION_PREFERENCE else 99
    return (broader_hops, option.via is not None, len(option.route), pref, option.treatment, option.target)


def _says_of(G: nx.MultiDiGraph, treatments: set[str], concepts: set[str], relations: Collection[str]) -> bool:
    """Whether one of ``treatments`` has a statement of its own, by a treating relation, for one of ``concepts``."""
    return any(G.has_edge(t, c, key) for t in treatments for c in concepts for key in relations)


def _causes_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    """What the graph names as a cause or risk factor of ``node``."""
    return {u for u, _, key in G.in_edges(node, keys=True) if key in CAUSE_RELATIONS}


def treatments(
    G: nx.MultiDiGraph,
    node: str,
    *,
    relations: Collection[str] = TREATMENT_RELATIONS,
    broader: Collection[str] = BROADER_RELATIONS,
    members: Collection[str] = MEMBER_RELATIONS,
) -> TreatmentOptions:
    """Return the treatments for ``node``: stated ones first, then inherited ones, each with its caveats.

    Parameters
    ----------
    G
        The graph of :func:`neurokg.to_networkx`.
    node
        A condition or symptom id (see :func:`neurokg.resolve` for names).
    relations
        Treating relations.
    broader
        Relations climbed from ``node`` to broader concepts; empty: only ``node`` itself.
    members
        Relations followed down from a treatment to its members; empty: no inheritance.
    """
    options: dict[tuple[str, tuple[str, str, str]], tuple[tuple[Any, ...], TreatmentOption]] = {}
    for target, down in _broader(G, node, broader).items():
        narrower = {h.target for h in down}
        causes = _causes_of(G, node) | _causes_of(G, target)
        for source, _, key in sorted(G.in_edges(target, keys=True), key=lambda e: (e[2], e[0])):
            if key not in relations:
                continue
            stated = make_hop(G, source, target, key)
            for member, up in _members(G, source, members).items():
                if member in causes or (narrower and _says_of(G, {member, source}, narrower, relations)):
                    continue
                option = TreatmentOption(
                    treatment=member,
                    relation=key,
                    target=target,
                    via=None if member == source else source,
                    statement=stated.statement,
                    qualifiers=stated.qualifiers,
                    evidence=stated.evidence,
                    route=[*up, stated, *down],
                )
                order = _order(option, len(down))
                seen = options.get((member, stated.triple))
                if seen is None or order < seen[0]:
                    options[(member, stated.triple)] = (order, option)
    return TreatmentOptions((option for _, option in sorted(options.values(), key=lambda item: item[0])), G)


def treatment_rows(G: nx.MultiDiGraph, options: list[TreatmentOption], *, compact: bool = False) -> list[list[Any]]:
    """One row per option under :data:`TREATMENT_COLUMNS`; ``compact`` joins lists into text (for a table)."""

    def label(node: str | None) -> str:
        return str(G.nodes[node].get("label", node)) if node else ""

    def cell(value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) if compact else value
        return value

    rows: list[list[Any]] = []
    for t in options:
        q = labelled_qualifiers(t.evidence, t.basis, t.qualifiers)
        rows.append(
            [
                t.treatment,
                label(t.treatment),
                G.nodes[t.treatment].get("type", ""),
                t.relation,
                label(t.target),
                label(t.via),
                basis_text(t.statuses),
                certainty_text(t.evidence, t.basis, str(t.qualifiers.get("certainty", ""))),
                *(cell(q.get(k, [])) for k in CAVEATS),
                t.statement,
                evidence_refs(t.evidence) if compact else t.evidence,
                route_text(G, t.treatment, t.route),
            ]
        )
    return rows
