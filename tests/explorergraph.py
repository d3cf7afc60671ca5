"""The explorer's test graphs: four made-up sources as RDF (``tests/fixtures/explorer``), and a hand-made networkx view.

:func:`sources_graph` loads the fixture of several sources (written by ``tests/fixtures/explorer/make.py``) with
its corpus; :func:`fixture_network` is a small view shaped like :func:`neurokg.to_networkx`'s output, with
parallel and reciprocal edges and, on demand, labels that try to inject markup.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "explorer"
FIXTURE_GRAPH = FIXTURE / "graph"
FIXTURE_CORPUS = FIXTURE / "corpus"


@lru_cache(maxsize=1)
def _sources_graph() -> rdflib.Graph:
    from neurokg import load_graph

    return load_graph(graph_dir=FIXTURE_GRAPH, corpus=FIXTURE_CORPUS)


def sources_graph() -> rdflib.Graph:
    """The fixture of four sources, loaded with its corpus (a copy: callers may change it)."""
    graph = rdflib.Graph()
    graph += _sources_graph()
    for prefix, ns in _sources_graph().namespaces():
        graph.bind(prefix, ns, override=True)
    return graph

XSS_LABEL = "<img src=x onerror=window.__xss=1>"
XSS_DEFINITION = "</script><script>window.__xss=2</script> & <b>bold</b>"
XSS_TITLE = "</title><script>window.__xss=3</script>"


def _node(G: nx.MultiDiGraph, node: str, label: str, kind: str, **extra: object) -> None:
    G.add_node(
        node,
        label=label,
        type=kind,
        types=[kind],
        definition=extra.pop("definition", f"Made-up {kind.lower()} for the tests."),
        altLabels=extra.pop("altLabels", []),
        xrefs=extra.pop("xrefs", []),
        iri="https://w3id.org/neurokg/id/" + node[3:],
    )


def _edge(G: nx.MultiDiGraph, u: str, v: str, key: str, label: str, st: str, **qualifiers: object) -> None:
    evidence = qualifiers.pop("evidence", [{"document": "f.txt", "start": 0, "end": 10, "text": f"text of {st}"}])
    G.add_edge(u, v, key=key, label=label, statement=st, evidence=evidence, **qualifiers)


def fixture_network(*, xss: bool = False) -> nx.MultiDiGraph:
    """Five nodes, six statements: two parallel (a->b), one advertised, one inferred, one hedged, a reciprocal pair.

    The hedged one (st2) has readings from two documents that differ; st4 is a curator's inference.

    Path alpha -> delta: a -hasSymptom-> b <-treats- c -memberOf-> d.
    """
    G = nx.MultiDiGraph()
    G.graph["classes"] = {"Condition": ["Entity", "Phenomenon"], "Symptom": ["Entity", "Phenomenon"],
                          "MentalHealthEffect": ["Entity", "Phenomenon"], "Drug": ["Entity", "Treatment"],
                          "DrugClass": ["Entity", "Treatment"], "Treatment": ["Entity"], "Phenomenon": ["Entity"],
                          "Entity": []}  # fmt: skip
    _node(G, "nk:a", "alpha disease", "Condition", altLabels=["alpha syndrome"], xrefs=["obo:X_1"],
          definition="A made-up condition.")  # fmt: skip
    _node(G, "nk:b", "beta pain", "Symptom")
    _node(G, "nk:c", "gamma drug", "Drug")
    _node(G, "nk:d", "delta class", "DrugClass")
    _node(G, "nk:e", "epsilon mood", "MentalHealthEffect")
    _edge(G, "nk:a", "nk:b", "nko:hasSymptom", "has symptom", "nks:st1", certainty="asserted")
    _edge(G, "nk:a", "nk:b", "nko:causes", "causes", "nks:st2", certainty="possible", hedge=["may"],
          evidence=[{"document": "f.txt", "start": 10, "end": 20, "status": "stated", "certainty": "possible",
                     "hedge": ["may"]},
                    {"document": "g.txt", "start": 5, "end": 9, "text": "text of g", "status": "stated",
                     "certainty": "often", "hedge": ["often"]}])  # fmt: skip
    _edge(
        G,
        "nk:c",
        "nk:b",
        "nko:treats",
        "treats",
        "nks:st3",
        basis="advertised",
        status=["advertised"],
        lineOfTherapy=["first line"],
        evidence=[{"document": "f.txt", "start": 0, "end": 10, "text": "text of nks:st3", "status": "advertised"}],
    )
    _edge(G, "nk:c", "nk:d", "nko:memberOf", "member of", "nks:st4", basis="inferred", status=["inferred"],
          evidence=[{"document": "f.txt", "start": 0, "end": 10, "text": "text of nks:st4", "status": "inferred",
                     "reason": "a curator's reason"}])  # fmt: skip
    _edge(G, "nk:b", "nk:e", "nko:leadsTo", "leads to", "nks:st5")
    _edge(G, "nk:e", "nk:b", "nko:worsens", "worsens", "nks:st6")
    if xss:
        _node(G, "nk:x", XSS_LABEL, "Condition", definition=XSS_DEFINITION, altLabels=["<svg onload=alert(1)>"])
        evidence = [{"document": "f.txt", "start": 0, "end": 5, "text": "<script>window.__xss=4</script>"}]
        _edge(G, "nk:x", "nk:b", "nko:hasSymptom", "has symptom", "nks:st7", evidence=evidence)
    return G


def embedded(html: str, name: str) -> Any:
    """The JSON the page embeds in ``<script type="application/json" id="nkg-NAME">``."""
    match = re.search(rf'<script type="application/json" id="nkg-{name}">(.*?)</script>', html, re.DOTALL)
    assert match is not None, name
    return json.loads(match.group(1))
