"""Everything the explorer's views read, computed in Python at build time and embedded as one JSON document.

Three networks take part: ``full`` has every relation of the graph, each marked with what it rests on (the
answers and the reader show them, and hide what is not stated unless the reader asks); ``analytic`` is the
network the commands compute on (``neurokg path``, ``loops``, ``treatments``); ``drawn`` is the part the whole
map draws (all of ``full`` unless ``viz`` was given ``--focus``, ``--types`` or ``--relations``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import networkx as nx

from neurokg.core.namespace import NKO, local_name
from neurokg.explorer.analytics import example_pair, loop_records, treatment_records, walk_records
from neurokg.explorer.questions import question_answers
from neurokg.explorer.sources import document_records, reader_texts
from neurokg.explorer.statements import statement_records
from neurokg.explorer.story import HELP_KINDS, LANES, stories
from neurokg.explorer.style import FAMILIES, class_style
from neurokg.explorer.words import CERTAINTY_WORDS, GROUPS, LIMIT_WORDS, class_words, group_of
from neurokg.network.cycles import loop_network
from neurokg.network.spec import ENTITY

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["default_subject", "page_model", "page_title"]


def default_subject(G: nx.MultiDiGraph) -> str | None:
    """The condition the page is about: the most connected node typed Condition (any node if none is)."""
    degree = dict(G.degree())
    conditions = [n for n, d in G.nodes(data=True) if d.get("type") == local_name(NKO.Condition)]
    pool = conditions or list(G)
    return min(pool, key=lambda n: (-degree[n], n)) if pool else None


def page_title(G: nx.MultiDiGraph, subject: str | None, focus: str | None) -> str:
    """The page title: it names the focus when there is one, else the condition, and says what the page is."""
    if focus is not None:
        return f"{G.nodes[focus].get('label', focus)}: what the sources say (neurokg explorer)"
    if subject is None:
        return "neurokg explorer"
    label = str(G.nodes[subject].get("label", subject))
    return f"{label[:1].upper()}{label[1:]}: what the sources say (neurokg explorer)"


def _concepts(full: nx.MultiDiGraph, drawn: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    degree = dict(full.degree())
    out = {}
    for n, d in full.nodes(data=True):
        kind = str(d.get("type", ENTITY))
        _, shape, family = class_style(kind)
        out[n] = {"label": str(d.get("label", n)), "type": kind, "kind": class_words(kind), "family": family,
                  "shape": shape, "alt": list(d.get("altLabels", [])), "definition": str(d.get("definition", "")),
                  "xrefs": list(d.get("xrefs", [])), "iri": str(d.get("iri", "")), "degree": degree[n],
                  "onMap": int(n in drawn)}  # fmt: skip
    return out


def _classes(full: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Every class a node has as its type, with its superclasses (for filters that include subclasses)."""
    ancestors: dict[str, list[str]] = dict(full.graph.get("classes") or {})
    counts: dict[str, int] = {}
    for _, d in full.nodes(data=True):
        kind = str(d.get("type", ENTITY))
        counts[kind] = counts.get(kind, 0) + 1
    names = set(counts) | {a for c in counts for a in ancestors.get(c, [])}
    return {c: {"words": class_words(c), "parents": sorted(ancestors.get(c, [])), "count": counts.get(c, 0),
                "family": class_style(c)[2], "shape": class_style(c)[1]} for c in sorted(names)}  # fmt: skip


def page_model(
    *,
    graph: Graph | None,
    full: nx.MultiDiGraph,
    analytic: nx.MultiDiGraph,
    drawn: nx.MultiDiGraph,
    subject: str | None,
    focus: str | None = None,
    corpus: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """The model of the page (see the module docstring); ``graph`` is needed for the named-query cards."""
    statements = statement_records(full)
    relations = {k: d.get("label", k) for _, _, k, d in full.edges(keys=True, data=True)}
    questions: dict[str, Any] = question_answers(graph, str(full.nodes[subject].get("label"))) if (
        graph is not None and subject is not None) else {}  # fmt: skip
    questions["loops"] = loop_records(loop_network(full))
    questions["treatments"] = treatment_records(analytic, subject) if subject and subject in analytic else []
    mood = [v for _, v, k in full.out_edges(subject, keys=True) if group_of(k, "out") == "mood"] if subject else []
    causes = [s["s"] for s in statements if subject and s["o"] == subject and group_of(s["rel"], "in") == "causes"]
    questions["pair"] = example_pair(analytic, sorted(set(causes), key=lambda n: (-full.degree(n), n)), sorted(mood))
    return {
        "subject": subject or "",
        "focus": focus or "",
        "concepts": _concepts(full, drawn),
        "classes": _classes(full),
        "families": {k: {"colour": c, "words": w} for k, (c, w) in FAMILIES.items()},
        "statements": {s["id"]: s for s in statements},
        "relations": relations,
        "groups": [[key, title] for key, title, _ in GROUPS],
        "groupOf": {f"{k} {direction}": group_of(k, direction) for k in relations for direction in ("in", "out")},
        "lanes": [[key, title] for key, title in LANES],
        "helpKinds": [[key, title] for key, title, _ in HELP_KINDS],
        "helpKindClasses": [[key, title, list(classes)] for key, title, classes in HELP_KINDS],
        "limitWords": dict(LIMIT_WORDS),
        "certaintyWords": dict(CERTAINTY_WORDS),
        "stories": stories(full, analytic),
        "questions": questions,
        "walk": walk_records(analytic),
        "documents": document_records(graph, full),
        "reader": reader_texts(graph, full, corpus),
    }
