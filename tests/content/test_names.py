"""Names in the real graph: every label and altLabel resolves to its own entity, and surface forms are not names."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import SKOS, Graph

from neurokg import to_networkx
from neurokg.core.errors import NotFoundError
from neurokg.core.namespace import NK, NKO, curie
from neurokg.network.names import resolve


@pytest.fixture(scope="module")
def net(graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(graph, include=["inferred", "advertised"])


def _entities(graph: Graph) -> list:
    return sorted(e for e in set(graph.subjects(SKOS.prefLabel, None)) if str(e).startswith(str(NK)))


def test_every_label_and_altlabel_names_exactly_its_own_entity(graph: Graph, net: nx.MultiDiGraph) -> None:
    checked, wrong = 0, []
    for e in _entities(graph):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for name in graph.objects(e, prop):
                try:
                    found = resolve(net, str(name))
                except NotFoundError as exc:  # AmbiguousNameError is a NotFoundError: two entities share it
                    wrong.append(f"{name!s} ({curie(str(e))}): {exc}")
                    continue
                if found != curie(str(e)):
                    wrong.append(f"{name!s} ({curie(str(e))}) resolves to {found}")
                checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked > 300


def test_surface_forms_are_not_names(graph: Graph, net: nx.MultiDiGraph) -> None:
    forms = list(graph.subject_objects(NKO.surfaceForm))
    assert len(forms) >= 30
    for e, form in forms:
        assert str(form) not in net.nodes[curie(str(e))]["altLabels"]
        try:
            found = resolve(net, str(form))
        except NotFoundError:
            continue
        # a surface form may happen to be some entity's real name, but never routes to the entity it anchors
        assert found != curie(str(e)), f"{form!s} resolves to the entity it only anchors"


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("self-image", None),
        ("mental health symptoms", None),
        ("snappish", None),
        ("memory", None),
        ("pins and needles", "nk:tingling"),
        ("paresthesia", "nk:tingling"),
        ("poor mental health", "nk:poor_mental_health"),
    ],
)
def test_names_the_issue_found_misrouting(net: nx.MultiDiGraph, name: str, meant: str | None) -> None:
    if meant is None:
        with pytest.raises(NotFoundError):
            resolve(net, name)
    else:
        assert resolve(net, name) == meant


def test_a_surface_form_in_another_language_is_tagged_with_it(graph: Graph) -> None:
    tags = {f.language for _, f in graph.subject_objects(NKO.surfaceForm)}
    assert tags == {"en", "es"}
    assert {a.language for a in graph.objects(None, SKOS.altLabel)} == {"en"}
