"""Names, not IRIs: find the node or the relation a user means by a label, an altLabel or an id.

A name matches case-insensitively, surrounding blanks ignored. A node id (``nk:diabetes``) or a
full IRI is taken as it is. A preferred label wins over alternative labels, so ``"pain"`` means
the entity labelled *pain* even if another entity has *pain* as an altLabel; several entities with
the same preferred label, or none with it but several with the same altLabel, make the name
ambiguous (:class:`~neurokg.errors.AmbiguousNameError`, which lists them). An unknown name raises
:class:`~neurokg.errors.NotFoundError` with the closest labels (``difflib``).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("nk:diabetes", label="diabetes", altLabels=["diabetes mellitus"])
>>> G.add_node("nk:neuropathy", label="neuropathy", altLabels=[])
>>> G.add_edge("nk:diabetes", "nk:neuropathy", key="nko:causes", label="causes")
'nko:causes'
>>> resolve(G, "Diabetes Mellitus")
'nk:diabetes'
>>> resolve(G, "neuropaty")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
NotFoundError: no entity named 'neuropaty'; did you mean: neuropathy?
>>> resolve_relation(G, "Causes")
'nko:causes'
"""

from __future__ import annotations

import difflib
from collections import defaultdict

import networkx as nx

from neurokg.core.errors import AmbiguousNameError, NotFoundError
from neurokg.core.namespace import curie

__all__ = ["resolve", "resolve_relation", "suggestions"]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def suggestions(names: list[str], name: str, *, n: int = 5) -> list[str]:
    """The entries of ``names`` closest to ``name`` (case-insensitive), best first.

    >>> suggestions(["neuropathy", "neuropathic pain", "diabetes"], "neuropaty", n=2)
    ['neuropathy', 'neuropathic pain']
    """
    by_norm: dict[str, str] = {}
    for label in sorted(names):
        by_norm.setdefault(_norm(label), label)
    close = difflib.get_close_matches(_norm(name), list(by_norm), n=n, cutoff=0.5)
    return [by_norm[c] for c in close]


def resolve(G: nx.MultiDiGraph, name: str) -> str:
    """Return the node of ``G`` that ``name`` means: its id, IRI, label or one of its altLabels.

    Raises
    ------
    AmbiguousNameError
        ``name`` is the label of several nodes (or, no node having it as label, the altLabel of several).
    NotFoundError
        No node has that name; the message suggests the closest labels.
    """
    text = name.strip()
    for candidate in (text, curie(text)):
        if candidate in G:
            return candidate
    key = _norm(text)
    preferred: list[str] = []
    alternative: list[str] = []
    for node, data in G.nodes(data=True):
        if _norm(str(data.get("label", ""))) == key:
            preferred.append(node)
        elif any(_norm(str(a)) == key for a in data.get("altLabels") or []):
            alternative.append(node)
    for matches in (preferred, alternative):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousNameError(name, [(n, str(G.nodes[n].get("label", n))) for n in sorted(matches)])
    labels = [str(d.get("label", n)) for n, d in G.nodes(data=True)]
    labels += [str(a) for _, d in G.nodes(data=True) for a in d.get("altLabels") or []]
    close = suggestions(labels, text)
    hint = f"; did you mean: {', '.join(close)}?" if close else "; try `neurokg query --named` or `neurokg rank`"
    raise NotFoundError(f"no entity named {name!r}{hint}")


def resolve_relation(G: nx.MultiDiGraph, name: str) -> str:
    """Return the edge key (``nko:leadsTo``) that ``name`` means: the key, its local name or its label.

    Raises
    ------
    NotFoundError
        No edge of ``G`` has that relation; the message lists the closest ones.
    """
    names: dict[str, set[str]] = defaultdict(set)
    for _, _, key, data in G.edges(keys=True, data=True):
        for form in (key, key.rsplit(":", 1)[-1], str(data.get("label", "")), str(data.get("predicate", ""))):
            if form:
                names[_norm(form)].add(key)
    found = names.get(_norm(curie(name.strip())), set())
    if len(found) == 1:
        return next(iter(found))
    if found:  # two relations with the same label: make the user give the key
        raise AmbiguousNameError(name, [(k, k) for k in sorted(found)])
    keys = sorted({k for _, _, k in G.edges(keys=True)})
    close = suggestions([k.rsplit(":", 1)[-1] for k in keys], name)
    hint = f"; did you mean: {', '.join(close)}?" if close else f"; relations: {', '.join(keys)}"
    raise NotFoundError(f"no relation named {name!r}{hint}")
