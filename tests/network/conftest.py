"""A tiny hand-made graph for the network tests (fixture ``G``): exact answers can be written down."""

from __future__ import annotations

import networkx as nx
import pytest

CLASSES = {
    "Condition": ["Entity", "Phenomenon"],
    "Symptom": ["Entity", "Phenomenon"],
    "Drug": ["Entity", "Treatment"],
    "DrugClass": ["Entity", "Treatment"],
    "Treatment": ["Entity"],
    "Phenomenon": ["Entity"],
    "Entity": [],
}

NODES = {
    "nk:diabetes": ("diabetes", "Condition", ["diabetes mellitus"]),
    "nk:neuropathy": ("neuropathy", "Condition", ["nerve damage"]),
    "nk:pain": ("pain", "Symptom", []),
    "nk:neuropathic_pain": ("neuropathic pain", "Condition", ["nerve pain"]),
    "nk:sleep": ("sleep disturbance", "Symptom", ["poor sleep", "insomnia"]),
    "nk:tolerance": ("reduced pain tolerance", "Symptom", []),
    "nk:depression": ("depression", "Condition", ["low mood"]),
    "nk:insomnia": ("insomnia", "Symptom", []),
    "nk:ad": ("antidepressant", "DrugClass", ["antidepressants"]),
    "nk:tca": ("tricyclic antidepressant", "DrugClass", []),
    "nk:amitriptyline": ("amitriptyline", "Drug", []),
    "nk:opioid": ("opioid", "DrugClass", ["low mood"]),
}

EDGES = [
    ("nk:diabetes", "nko:causes", "nk:neuropathy", {"certainty": "possible", "hedge": "can"}),
    ("nk:neuropathy", "nko:leadsTo", "nk:neuropathic_pain", {"certainty": "asserted"}),
    ("nk:neuropathic_pain", "nko:leadsTo", "nk:sleep", {}),
    ("nk:neuropathic_pain", "nko:hasSymptom", "nk:sleep", {}),
    ("nk:sleep", "nko:leadsTo", "nk:tolerance", {}),
    ("nk:tolerance", "nko:worsens", "nk:neuropathic_pain", {"caveat": ["closes the cycle"]}),
    ("nk:depression", "nko:complicationOf", "nk:neuropathic_pain", {}),
    ("nk:depression", "nko:worsens", "nk:sleep", {}),
    ("nk:neuropathic_pain", "nko:subtypeOf", "nk:pain", {}),
    ("nk:insomnia", "nko:subtypeOf", "nk:sleep", {}),
    ("nk:ad", "nko:treats", "nk:neuropathic_pain", {"lineOfTherapy": ["first line"]}),
    ("nk:tca", "nko:subtypeOf", "nk:ad", {}),
    ("nk:amitriptyline", "nko:memberOf", "nk:tca", {}),
    ("nk:opioid", "nko:treats", "nk:pain", {"caveatKind": ["dependence risk"], "certainty": "in some cases"}),
    ("nk:opioid", "nko:treats", "nk:neuropathic_pain", {"caveatKind": ["may not help"]}),
]


def _ev(u: str, v: str) -> list[dict]:
    return [{"document": "doc.txt", "start": len(u), "end": len(u) + len(v)}]


@pytest.fixture
def G() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(classes=CLASSES)
    for node, (label, type_, alts) in NODES.items():
        g.add_node(node, label=label, type=type_, types=[type_], altLabels=alts)
    for u, key, v, quals in EDGES:
        name = key.split(":")[1]
        g.add_edge(u, v, key=key, label=name, statement=f"nks:{u[3:]}-{name}-{v[3:]}", evidence=_ev(u, v), **quals)
    return g
