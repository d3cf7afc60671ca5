"""The proposer's vocabulary: each concept of the graph with its labels and classes.

A mention of a label in a document becomes a mention of the concept; the classes (with their
superclasses) choose the relation between two concepts. Ontology terms that carry labels (the
classes' own altLabels such as "disease") are not concepts and are left out.

>>> from neurokg import load_graph
>>> vocab = vocabulary(load_graph(corpus=None))
>>> vocab.concepts["nk:diabetes"].classes >= {"Condition", "Cause", "Phenomenon", "Entity"}
True
>>> vocab.lookup("Diabetes Mellitus")
['nk:diabetes']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from neurokg.core import resources
from neurokg.core.namespace import NK, NKO, curie
from neurokg.curate.names import normalise

__all__ = ["Concept", "Vocabulary", "vocabulary", "class_closure", "domain_relations"]


@dataclass(frozen=True)
class Concept:
    """A concept the proposer can name: its CURIE, preferred label, every label and its classes.

    ``forms`` are its surface forms (``nko:surfaceForm``): strings the documents use at a mention that are
    not names. The proposer never looks a name up among them; measuring it, a new term a proposal names
    by one of them is a mention of this concept (the curated evidence is anchored by it).
    """

    id: str
    label: str
    labels: tuple[str, ...]
    classes: frozenset[str]
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The concepts a proposer knows, with a lookup from normalised label to concept ids."""

    concepts: dict[str, Concept]
    superclasses: dict[str, frozenset[str]] = field(default_factory=dict)

    def names(self) -> dict[str, list[str]]:
        """Normalised label -> sorted concept ids that carry it."""
        table: dict[str, set[str]] = defaultdict(set)
        for concept in self.concepts.values():
            for label in concept.labels:
                key = normalise(label)
                if key:
                    table[key].add(concept.id)
        return {k: sorted(v) for k, v in table.items()}

    def lookup(self, name: str) -> list[str]:
        """Concept ids with a label whose normalised form is that of ``name``."""
        return self.names().get(normalise(name), [])

    def without(self, drop: Callable[[str], bool]) -> Vocabulary:
        """A copy without the labels for which ``drop(label)`` is true; concepts left unnamed go."""
        kept: dict[str, Concept] = {}
        for cid, concept in self.concepts.items():
            labels = tuple(label for label in concept.labels if not drop(label))
            if labels:
                kept[cid] = replace(concept, labels=labels)
        return Vocabulary(kept, self.superclasses)

    def expand(self, classes: Iterable[str]) -> frozenset[str]:
        """``classes`` with every superclass (local names)."""
        out: set[str] = set()
        for c in classes:
            out.add(c)
            out |= self.superclasses.get(c, frozenset())
        return frozenset(out)


def class_closure(graph: Graph) -> dict[str, frozenset[str]]:
    """Local name of each ontology class -> local names of all its ontology superclasses."""
    parents: dict[str, set[str]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(str(NKO)) and str(sup).startswith(str(NKO)):
            parents[_local(sub)].add(_local(sup))
    closure: dict[str, frozenset[str]] = {}
    for cls in list(parents):
        seen: set[str] = set()
        todo = list(parents[cls])
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(parents.get(c, ()))
        closure[cls] = frozenset(seen)
    return closure


def _local(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def vocabulary(graph: Graph) -> Vocabulary:
    """Every ``nk:`` concept of ``graph`` with a ``skos:prefLabel``, its labels and classes."""
    supers = class_closure(graph)
    concepts: dict[str, Concept] = {}
    for node, pref in graph.subject_objects(SKOS.prefLabel):
        if not isinstance(node, URIRef) or not str(node).startswith(str(NK)):
            continue
        alts = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {str(pref)})
        direct = {_local(c) for c in graph.objects(node, RDF.type) if str(c).startswith(str(NKO))}
        classes: set[str] = set()
        for c in direct:
            classes |= {c, *supers.get(c, ())}
        cid = curie(str(node))
        forms = tuple(sorted({str(f) for f in graph.objects(node, NKO.surfaceForm)}))
        concepts[cid] = Concept(cid, str(pref), (str(pref), *alts), frozenset(classes), forms)
    return Vocabulary(dict(sorted(concepts.items())), supers)


@lru_cache(maxsize=1)
def domain_relations() -> frozenset[str]:
    """Local names of the ontology's domain relations: the sub-properties of ``nko:relatedTo``.

    >>> {"causes", "treats", "memberOf"} <= domain_relations(), "evidence" in domain_relations()
    (True, False)
    """
    onto = Graph().parse(resources.ontology_dir() / "neurokg.ttl", format="turtle")
    return frozenset(_local(p) for p in onto.subjects(RDFS.subPropertyOf, NKO.relatedTo))
