"""Shortest explanatory paths."""

from __future__ import annotations

from neurokg.network.paths import shortest_paths


def test_shortest_path_has_every_hop_with_relation_qualifiers_evidence(G) -> None:
    [path] = shortest_paths(G, "nk:diabetes", "nk:sleep", max_paths=1)
    assert [h.triple for h in path] == [
        ("nk:diabetes", "nko:causes", "nk:neuropathy"),
        ("nk:neuropathy", "nko:leadsTo", "nk:neuropathic_pain"),
        ("nk:neuropathic_pain", "nko:leadsTo", "nk:sleep"),
    ]
    assert path[0].qualifiers == {"certainty": "possible", "hedge": "can"}
    assert path[0].evidence == [{"document": "doc.txt", "start": 11, "end": 24}]
    assert path[2].also == ("nko:hasSymptom",)  # the preferred relation is reported, the other named
    assert all(h.statement for h in path)


def test_paths_come_shortest_first_and_max_bounds_them(G) -> None:
    paths = shortest_paths(G, "nk:neuropathy", "nk:tolerance", max_paths=5)
    assert [[h.target for h in p] for p in paths] == [["nk:neuropathic_pain", "nk:sleep", "nk:tolerance"]]
    assert len(shortest_paths(G, "nk:diabetes", "nk:tolerance", max_paths=0)) == 0


def test_directed_path_missing_undirected_found(G) -> None:
    assert shortest_paths(G, "nk:diabetes", "nk:depression") == []
    [path] = shortest_paths(G, "nk:diabetes", "nk:depression", undirected=True, max_paths=1)
    assert [(h.target, h.relation, h.inverse) for h in path] == [
        ("nk:neuropathy", "nko:causes", False),
        ("nk:neuropathic_pain", "nko:leadsTo", False),
        ("nk:depression", "nko:complicationOf", True),
    ]
    assert path[-1].triple == ("nk:depression", "nko:complicationOf", "nk:neuropathic_pain")


def test_path_relation_filter(G) -> None:
    assert shortest_paths(G, "nk:diabetes", "nk:sleep", relations=["nko:causes", "nko:leadsTo"]) != []
    assert shortest_paths(G, "nk:diabetes", "nk:sleep", relations=["nko:leadsTo"]) == []
