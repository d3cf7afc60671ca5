"""The fast validation engine: SHACL shapes compiled into whole-graph SPARQL queries run by pyoxigraph.

pySHACL, the reference engine (``neurokg validate --engine pyshacl``), evaluates each constraint
once per focus node in Python. Here each constraint of each shape becomes one SPARQL ``SELECT``
over the whole graph that returns exactly the focus nodes (and values) that violate it, and
pyoxigraph evaluates it in native code. The results carry the same rule names, messages, paths
and values as pySHACL's report; a test runs both engines on every fixture and on the real graph.

Supported: node and property shapes targeted by ``sh:targetClass`` (and implicit class targets),
``sh:targetNode``, ``sh:targetSubjectsOf`` and ``sh:targetObjectsOf``; SHACL property paths; the
constraints ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
``sh:minInclusive``/``maxInclusive``/``minExclusive``/``maxExclusive``, ``sh:pattern`` (with
``sh:flags``), ``sh:languageIn``, ``sh:lessThan`` and SPARQL constraints (``sh:sparql`` with
``sh:select``); ``sh:severity`` and ``sh:deactivated``. Every shape states its own ``sh:message``.
Anything else raises :class:`UnsupportedShapeError` naming the shape and the term, so a new kind
of constraint is never skipped in silence (use ``--engine pyshacl`` for it, or extend this module).

The query text is compiled from parsed RDF terms, each written in N-Triples syntax by pyoxigraph
(which escapes it); no user string is spliced into a query.

>>> import pyoxigraph as ox
>>> shapes = ox.Store()
>>> shapes.load(b'''@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/ns#> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a C needs a name" ] .''',
...   format=ox.RdfFormat.TURTLE)
>>> data = ox.Store()
>>> data.load(b'<http://example.org/x> a <http://example.org/ns#C> .', format=ox.RdfFormat.TURTLE)
>>> from neurokg.rdf.fastcheck import check
>>> [(f.rule, f.focus_text, f.message) for f in check(data, compile_shapes(shapes))]
[('S.name', 'http://example.org/x', 'a C needs a name')]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pyoxigraph as ox

from neurokg.rdf.rewrite import QueryShapeError, anti_joins, inject_focus
from neurokg.rdf.shaclsparql import (
    NODE_KINDS,
    RANGE,
    RDF,
    RDFS,
    SH,
    TYPE_OF,
    class_query,
    count_query,
    datatype_condition,
    language_condition,
    less_than_filter,
    lexical,
)

__all__ = ["Check", "UnsupportedShapeError", "compile_shapes"]

_VALUE = {"class", "datatype", "nodeKind", "pattern", "languageIn", "lessThan"} | {
    f"{m}{k}" for m in ("min", "max") for k in ("Inclusive", "Exclusive")
}
_COUNT = {"minCount", "maxCount"}
_IGNORED = {
    "message", "severity", "deactivated", "path", "property", "flags", "name", "description", "order", "group",
    "defaultValue", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "sparql", "declare",
}  # fmt: skip
class UnsupportedShapeError(ValueError):
    """A shape uses something the fast engine does not compile; the message names the shape and the term."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose rows are its violations, and how to report each row.

    ``mode`` is ``"value"`` (rows bind ``?this`` and ``?value``), ``"focus"`` (rows bind ``?this``;
    cardinality) or ``"sparql"`` (a SPARQL constraint; rows bind what its ``SELECT`` projects).
    """

    rule: str
    message: str
    severity: str
    path: str
    query: str
    mode: str
    node_shape: bool
    prefixes: dict[str, str] = field(default_factory=dict)


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(SH + name)


class _Compiler:
    def __init__(self, shapes: ox.Store) -> None:
        self.g = shapes

    # ---------------------------------------------------------------- reading --
    def objects(self, s: Any, p: str) -> list[Any]:
        return sorted((q.object for q in self.g.quads_for_pattern(s, ox.NamedNode(p), None)), key=str)

    def subjects(self, p: str, o: Any = None) -> list[Any]:
        return sorted({q.subject for q in self.g.quads_for_pattern(None, ox.NamedNode(p), o)}, key=str)

    def one(self, s: Any, p: str) -> Any:
        values = self.objects(s, p)
        if len(values) > 1:
            raise UnsupportedShapeError(f"shape {self.name(s)}: more than one <{p}>")
        return values[0] if values else None

    def items(self, head: Any) -> list[Any]:
        out = []
        while head is not None and head != ox.NamedNode(f"{RDF}nil"):
            out.append(self.one(head, f"{RDF}first"))
            head = self.one(head, f"{RDF}rest")
        return out

    def name(self, node: Any) -> str:
        """How an error message names a shape: its local name, or the rule name of an anonymous one."""
        return str(node.value).rsplit("#", 1)[-1] if isinstance(node, ox.NamedNode) else self.rule(node, str(node))

    def is_true(self, s: Any, p: str) -> bool:
        value = self.one(s, p)
        return isinstance(value, ox.Literal) and value.value in ("true", "1")

    # ----------------------------------------------------------------- naming --
    def rule(self, shape: Any, component: str) -> str:
        """The rule name :func:`neurokg.validate` gives a result of ``shape`` (see its ``_rule_name``)."""
        if isinstance(shape, ox.NamedNode):
            return self.name(shape)
        for parent in self.subjects(f"{SH}property", shape):
            label = self.one(parent, f"{RDFS}label")
            path = self.one(shape, f"{SH}path")
            tail = str(path.value).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path is not None else "?"
            head = self.name(parent) if isinstance(parent, ox.NamedNode) else (lexical(label) if label else "None")
            return f"{head}.{tail}"
        return component

    def message(self, shape: Any) -> str:
        messages = self.objects(shape, f"{SH}message")
        if len(messages) != 1:
            raise UnsupportedShapeError(
                f"shape {self.name(shape)}: the fast engine needs exactly one sh:message, found {len(messages)}"
            )
        return lexical(messages[0])

    def severity(self, shape: Any) -> str:
        value = self.one(shape, f"{SH}severity")
        return "error" if value is None or value == _sh("Violation") else "warning"

    # ----------------------------------------------------------------- shapes --
    def path(self, node: Any) -> str:
        """A SHACL path as a SPARQL path primary (an IRI or a parenthesised path)."""
        if isinstance(node, ox.NamedNode):
            return str(node)
        if self.one(node, f"{RDF}first") is not None:
            return "(" + "/".join(self.path(x) for x in self.items(node)) + ")"
        alternatives = self.one(node, f"{SH}alternativePath")
        if alternatives is not None:
            return "(" + "|".join(self.path(x) for x in self.items(alternatives)) + ")"
        for key, pattern in (("inversePath", "(^{})"), ("zeroOrMorePath", "({}*)"), ("oneOrMorePath", "({}+)")):
            inner = self.one(node, f"{SH}{key}")
            if inner is not None:
                return pattern.format(self.path(inner))
        inner = self.one(node, f"{SH}zeroOrOnePath")
        if inner is not None:
            return f"({self.path(inner)}?)"
        raise UnsupportedShapeError(f"path {node}: not a SHACL property path")

    def targets(self, shape: Any) -> list[str]:
        """Group patterns binding ``?this`` to the focus nodes that ``shape`` targets itself."""
        classes = self.objects(shape, f"{SH}targetClass")
        implicit = {ox.NamedNode(f"{RDFS}Class"), *self.subjects(f"{RDFS}subClassOf", ox.NamedNode(f"{RDFS}Class"))}
        if any(t in implicit for t in self.objects(shape, f"{RDF}type")):
            classes.append(shape)
        patterns = [f"?this {TYPE_OF} {_iri(c, self.name(shape))} ." for c in classes]
        patterns += [f"VALUES ?this {{ {_iri(n, self.name(shape))} }}" for n in self.objects(shape, f"{SH}targetNode")]
        patterns += [f"?this {_iri(p, self.name(shape))} [] ." for p in self.objects(shape, f"{SH}targetSubjectsOf")]
        patterns += [f"[] {_iri(p, self.name(shape))} ?this ." for p in self.objects(shape, f"{SH}targetObjectsOf")]
        return patterns

    def shapes(self) -> list[tuple[Any, list[str]]]:
        """Every shape that has targets, with them, in a stable order."""
        candidates: set[Any] = set()
        for term in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"):
            candidates.update(self.subjects(f"{SH}{term}"))
        for kind in ("NodeShape", "PropertyShape"):
            candidates.update(self.subjects(f"{RDF}type", _sh(kind)))
        out = []
        for shape in sorted(candidates, key=str):
            patterns = self.targets(shape)
            if patterns:
                out.append((shape, patterns))
        return out

    # ------------------------------------------------------------ constraints --
    def compile(self) -> list[Check]:
        checks: list[Check] = []
        for shape, patterns in self.shapes():
            focus = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {p} }}" for p in patterns) + " } }"
            checks += self.shape_checks(shape, focus)
            if self.one(shape, f"{SH}path") is None:
                for prop in self.objects(shape, f"{SH}property"):
                    checks += self.shape_checks(prop, focus)
        return checks

    def shape_checks(self, shape: Any, focus: str) -> list[Check]:
        if self.is_true(shape, f"{SH}deactivated"):
            return []
        path_node = self.one(shape, f"{SH}path")
        node_shape = path_node is None
        predicates = {str(q.predicate.value) for q in self.g.quads_for_pattern(shape, None, None)}
        used = {p[len(SH) :] for p in predicates if p.startswith(SH)} - _IGNORED
        unknown = used - _VALUE - _COUNT
        if unknown:
            raise UnsupportedShapeError(
                f"shape {self.name(shape)}: sh:{sorted(unknown)[0]} is not supported by the fast engine "
                "(use --engine pyshacl)"
            )
        if not node_shape and self.objects(shape, f"{SH}property"):
            raise UnsupportedShapeError(f"shape {self.name(shape)}: nested property shapes are not supported")
        compiled = [self.sparql(shape, c, focus, node_shape) for c in self.objects(shape, f"{SH}sparql")]
        checks = [c for c in compiled if c is not None]
        if not used:
            return checks
        path = "" if node_shape else self.path(path_node)
        values = f"{focus} BIND(?this AS ?value)" if node_shape else f"{focus} ?this {path} ?value ."
        base = {
            "message": self.message(shape),
            "severity": self.severity(shape),
            "path": str(path_node.value) if isinstance(path_node, ox.NamedNode) else "",
            "node_shape": node_shape,
        }
        for component in sorted(used):
            rule = self.rule(shape, f"{component[0].upper()}{component[1:]}ConstraintComponent")
            for param in self.objects(shape, f"{SH}{component}"):
                if component in _COUNT:
                    query = count_query(component, int(param.value), focus, path)
                    checks.append(Check(rule=rule, query=query, mode="focus", **base))  # type: ignore[arg-type]
                else:
                    if component == "class" and not node_shape:
                        query = class_query(focus, path, _iri(param, self.name(shape)))
                    else:
                        where = self.value_filter(shape, component, param, values)
                        query = f"SELECT DISTINCT ?this ?value WHERE {{ {where} }}"
                    checks.append(Check(rule=rule, query=query, mode="value", **base))  # type: ignore[arg-type]
        return checks

    def value_filter(self, shape: Any, component: str, param: Any, values: str) -> str:
        if component == "class":
            return f"{values} FILTER NOT EXISTS {{ ?value {TYPE_OF} {_iri(param, self.name(shape))} }}"
        if component == "lessThan":
            if "BIND(?this AS ?value)" in values:
                raise UnsupportedShapeError(f"shape {self.name(shape)}: sh:lessThan needs a property shape")
            return less_than_filter(values, _iri(param, self.name(shape)))
        return f"{values} FILTER(!COALESCE({self.condition(shape, component, param)}, false))"

    def condition(self, shape: Any, component: str, param: Any) -> str:
        """A SPARQL expression, true when ``?value`` conforms to the constraint."""
        if component == "datatype":
            return datatype_condition(_iri(param, self.name(shape)))
        if component == "nodeKind":
            kind = str(param.value)[len(SH) :]
            if kind not in NODE_KINDS:
                raise UnsupportedShapeError(f"shape {self.name(shape)}: unknown sh:nodeKind {param}")
            return NODE_KINDS[kind]
        if component in RANGE:
            return f"?value {RANGE[component]} {_literal(param, self.name(shape))}"
        if component == "pattern":
            flags = self.one(shape, f"{SH}flags")
            flag_text = str(ox.Literal(flags.value if flags is not None else ""))
            return f"!isBlank(?value) && REGEX(STR(?value), {_literal(param, self.name(shape))}, {flag_text})"
        if component == "languageIn":
            return language_condition({lexical(t).lower() for t in self.items(param)})
        raise UnsupportedShapeError(f"shape {self.name(shape)}: sh:{component} is not supported")  # pragma: no cover

    def inject(self, shape: Any, select: str, focus: str) -> str:
        try:
            return inject_focus(select, focus)
        except QueryShapeError as exc:
            raise UnsupportedShapeError(f"shape {self.name(shape)}: SPARQL constraint: {exc}") from exc

    def sparql(self, shape: Any, constraint: Any, focus: str, node_shape: bool) -> Check | None:
        if self.is_true(constraint, f"{SH}deactivated"):
            return None
        if not node_shape:
            raise UnsupportedShapeError(f"shape {self.name(shape)}: SPARQL constraints on property shapes")
        select = self.one(constraint, f"{SH}select")
        if select is None:
            raise UnsupportedShapeError(f"shape {self.name(shape)}: a SPARQL constraint needs sh:select")
        own = self.objects(constraint, f"{SH}message")
        message = lexical(own[0]) if len(own) == 1 else self.message(shape) if not own else None
        if message is None or (own and self.objects(shape, f"{SH}message")):
            raise UnsupportedShapeError(f"shape {self.name(shape)}: give the SPARQL constraint exactly one sh:message")
        prefixes: dict[str, str] = {}
        for source in self.objects(constraint, f"{SH}prefixes"):
            for decl in self.objects(source, f"{SH}declare"):
                prefix, namespace = self.one(decl, f"{SH}prefix"), self.one(decl, f"{SH}namespace")
                prefixes[lexical(prefix)] = lexical(namespace)
        return Check(
            rule=self.rule(shape, "SPARQLConstraintComponent"),
            message=message,
            severity=self.severity(shape),
            path="",
            query=self.inject(shape, lexical(select), focus),
            mode="sparql",
            node_shape=True,
            prefixes=prefixes,
        )


def _iri(term: Any, shape: Any) -> str:
    if not isinstance(term, ox.NamedNode):
        raise UnsupportedShapeError(f"shape {shape}: expected an IRI, got {term}")
    return str(term)


def _literal(term: Any, shape: Any) -> str:
    if not isinstance(term, ox.Literal):
        raise UnsupportedShapeError(f"shape {shape}: expected a literal, got {term}")
    return str(term)


def compile_shapes(shapes: ox.Store) -> list[Check]:
    """Compile every shape of the shapes graph ``shapes`` (a pyoxigraph store) into queries.

    Raises :class:`UnsupportedShapeError` for a shape that uses something not listed in the module docstring.
    """
    return [replace(c, query=anti_joins(c.query)) for c in _Compiler(shapes).compile()]
