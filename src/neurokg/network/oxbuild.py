"""The networkx view built in one pass over pyoxigraph triples: the fast path for large graphs.

:func:`neurokg.to_networkx` walks an rdflib graph with one lookup per attribute; at a million
triples that costs minutes. :func:`triples_to_networkx` reads every triple once (from a pyoxigraph
store, or straight from a file with ``pyoxigraph.parse``), keeps what the view needs in
dictionaries, and assembles the same ``MultiDiGraph``: same nodes, edges, keys and attributes,
in the same order (a test compares both on the real graph). ``to_networkx(store)`` dispatches
here.

>>> import pyoxigraph as ox
>>> from neurokg import load_graph, to_networkx
>>> from neurokg.sparql.engine import to_store
>>> g = load_graph(corpus=None)
>>> fast = to_networkx(to_store(g))
>>> slow = to_networkx(g)
>>> sorted(fast.edges(keys=True)) == sorted(slow.edges(keys=True))
True
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from neurokg.core.namespace import NKO, curie
from neurokg.network.spec import ENTITY, QUALIFIERS, edge_provenance, make_reading, primary_type
from neurokg.rdf.status import parse_include, status_token

__all__ = ["read_network", "triples_to_networkx"]

_NKO = str(NKO)
_XREFS = (str(SKOS.exactMatch), str(SKOS.closeMatch), str(SKOS.relatedMatch))
_SINGLE = {
    str(SKOS.prefLabel),
    str(RDFS.label),
    str(SKOS.definition),
    str(NKO.fileName),
    str(RDF.subject),
    str(RDF.predicate),
    str(RDF.object),
    str(NKO.document),
    str(NKO.start),
    str(NKO.end),
    str(NKO.text),
    str(NKO.reason),
    str(NKO.strength),
}
_MANY = {
    str(RDF.type),
    str(RDFS.subClassOf),
    str(RDFS.subPropertyOf),
    str(SKOS.altLabel),
    str(NKO.evidence),
    str(NKO.status),
    *_XREFS,
    *(str(prop) for prop, _, _ in QUALIFIERS.values()),
}
_TYPE, _SUBCLASS, _SUBPROP = str(RDF.type), str(RDFS.subClassOf), str(RDFS.subPropertyOf)
_PREF, _RDFS_LABEL, _ALT, _DEF = str(SKOS.prefLabel), str(RDFS.label), str(SKOS.altLabel), str(SKOS.definition)
_SUBJ, _PRED, _OBJ = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_EVIDENCE, _DOCUMENT, _START, _END, _TEXT = (str(NKO[n]) for n in ("evidence", "document", "start", "end", "text"))
_FILENAME, _STATEMENT = str(NKO.fileName), str(NKO.Statement)
_STATUS, _REASON, _STRENGTH = str(NKO.status), str(NKO.reason), str(NKO.strength)
_QUALIFIERS = [(name, str(prop), many, is_iri) for name, (prop, many, is_iri) in QUALIFIERS.items()]
_INTS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def _key(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _python(lit: ox.Literal) -> Any:
    """The value rdflib's ``Literal.toPython`` gives for the datatypes qualifiers use."""
    dt = lit.datatype.value if lit.datatype is not None else ""
    if dt == str(XSD.boolean):
        return lit.value in ("true", "1")
    if dt in _INTS:
        return int(lit.value)
    if dt in (str(XSD.double), str(XSD.float)):
        return float(lit.value)
    if dt == str(XSD.decimal):
        return Decimal(lit.value)
    return lit.value


_curie = lru_cache(maxsize=None)(curie)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _closure(start: str, inverse: dict[str, list[str]]) -> set[str]:
    """``start`` and everything reachable from it through ``inverse`` (child lists)."""
    seen = {start}
    stack = [start]
    while stack:
        for child in inverse.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def triples_to_networkx(triples: Iterable[Any], *, include: Iterable[str] | str | None = ()) -> nx.MultiDiGraph:
    """Build the view of :func:`neurokg.to_networkx` from pyoxigraph triples or quads (ontology included).

    ``include`` adds inferred and/or advertised relations and readings, as for :func:`neurokg.to_networkx`.
    The cyclic garbage collector is paused while the millions of small objects are made (they hold no
    cycles); at 1M triples that halves the time.
    """
    shown = {"stated", *parse_include(include)}
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(triples, shown)
    finally:
        if enabled:
            gc.enable()


def _build(triples: Iterable[Any], shown: set[str]) -> nx.MultiDiGraph:
    single: dict[str, dict[str, Any]] = defaultdict(dict)
    many: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    linked: dict[str, list[tuple[str, str]]] = defaultdict(list)
    named = ox.NamedNode
    for t in triples:
        subject, p, o = t.subject, t.predicate.value, t.object
        s = subject.value if type(subject) is named else _key(subject)
        if p in _SINGLE:
            single[p].setdefault(s, o)
        elif p in _MANY:
            many[p][s].append(o)
        if type(o) is named:
            linked[p].append((s, o.value))

    def children(prop: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for sub, supers in many[prop].items():
            for sup in supers:
                out[_key(sup)].append(sub)
        return out

    classes = _closure(str(NKO.Entity), children(_SUBCLASS))
    preds = _closure(str(NKO.relatedTo), children(_SUBPROP))
    parents = {c: [_key(x) for x in many[_SUBCLASS].get(c, [])] for c in classes}

    def ancestors(c: str) -> set[str]:
        seen: set[str] = set()
        stack = [c]
        while stack:
            for sup in parents.get(stack.pop(), []):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        return seen

    types_of = many[_TYPE]
    entities = {s for s, ts in types_of.items() if not s.startswith("_:") and any(_key(x) in classes for x in ts)}

    def label(node: str) -> str:
        value = single[_PREF].get(node) or single[_RDFS_LABEL].get(node)
        return value.value if value is not None else _curie(node)

    def value(prop: str, node: str) -> Any:
        return single[prop].get(node)

    G = nx.MultiDiGraph()
    G.graph["include"] = sorted(shown - {"stated"})
    G.graph["classes"] = {
        _local(c): sorted(_local(a) for a in ancestors(c) if a != c and a in classes)
        for c in sorted(classes)
        if c.startswith(_NKO)
    }
    for e in sorted(entities):
        types = sorted(_local(_key(t)) for t in set(types_of[e]) if _key(t).startswith(_NKO))
        definition = value(_DEF, e)
        G.add_node(
            _curie(e),
            iri=e,
            label=label(e),
            type=primary_type(types),
            types=types,
            definition=definition.value if definition is not None else "",
            altLabels=sorted(a.value for a in set(many[_ALT].get(e, []))),
            xrefs=sorted(_curie(_key(x)) for prop in _XREFS for x in set(many[prop].get(e, []))),
        )

    statements: dict[tuple[str, str, str], str] = {}
    for st, cls in types_of.items():
        if any(_key(c) == _STATEMENT for c in cls):
            s, p, o = value(_SUBJ, st), value(_PRED, st), value(_OBJ, st)
            if s is not None and p is not None and o is not None:
                statements[(_key(s), _key(p), _key(o))] = st

    def render(v: Any, is_iri: bool) -> Any:
        return label(_key(v)) if is_iri else _python(v) if isinstance(v, ox.Literal) else _key(v)

    def readings(st: str) -> list[dict[str, Any]]:
        out = []
        for ev in set(many[_EVIDENCE].get(st, [])):
            k = _key(ev)
            doc, start, end = value(_DOCUMENT, k), value(_START, k), value(_END, k)
            if doc is not None:
                name = value(_FILENAME, _key(doc))
                document = name.value if name is not None else _key(doc)
            else:
                document = ""
            span: dict[str, Any] = {
                "document": document,
                "start": int(start.value) if isinstance(start, ox.Literal) else None,
                "end": int(end.value) if isinstance(end, ox.Literal) else None,
            }
            text = value(_TEXT, k)
            if text is not None:
                span["text"] = text.value
            values = {
                name: [render(v, is_iri) for v in dict.fromkeys(many[prop].get(k, []))]
                for name, prop, _is_many, is_iri in _QUALIFIERS
            }
            statuses = many[_STATUS].get(k, [])
            status = status_token(URIRef(statuses[0].value)) if statuses else None
            reason = value(_REASON, k)
            out.append(make_reading(span, status, values, reason.value if reason is not None else None))
        return out

    strength = {label(c): int(v.value) for c, v in single[_STRENGTH].items() if isinstance(v, ox.Literal)}
    domain = {(s, p, o) for p in preds for s, o in linked.get(p, ())}
    for triple, st in statements.items():
        if triple[1] in preds and triple not in domain:
            tokens = {status_token(URIRef(_key(x))) for x in many[_STATUS].get(st, [])}
            if shown & tokens - {"stated"}:
                domain.add(triple)
    for s, p, o in sorted(domain):
        u, v, key = _curie(s), _curie(o), _curie(p)
        stmt = statements.get((s, p, o))
        attrs: dict[str, Any] = {"predicate": p, "label": label(p)}
        attrs["statement"] = _curie(stmt) if stmt is not None else None
        attrs.update(edge_provenance(readings(stmt) if stmt is not None else [], shown, strength))
        for node, iri in ((u, s), (v, o)):
            if node not in G:
                G.add_node(node, iri=iri, label=node, type=ENTITY, types=[])
        G.add_edge(u, v, key=key, **attrs)
    return G


def read_network(path: str, *, format: ox.RdfFormat | None = None) -> nx.MultiDiGraph:
    """The view of an RDF file (ontology included), parsed by pyoxigraph without building a store.

    ``format`` defaults to the one the file extension implies (``.nt``, ``.ttl``, ``.nq``...).
    """
    return triples_to_networkx(ox.parse(path=path, format=format))
