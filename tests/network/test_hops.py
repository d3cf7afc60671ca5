"""Hops: one row per hop, parallel relations in order of preference."""

from __future__ import annotations

from neurokg.network.hops import HOP_COLUMNS, hop_rows, walk_graph
from neurokg.network.paths import shortest_paths


def test_hop_rows_one_row_per_hop_with_path_id(G) -> None:
    paths = shortest_paths(G, "nk:diabetes", "nk:neuropathic_pain")
    rows = hop_rows(G, paths)
    assert [r[:3] for r in rows] == [[1, 1, "nk:diabetes"], [1, 2, "nk:neuropathy"]]
    assert len(rows[0]) == len(HOP_COLUMNS)
    compact = hop_rows(G, paths, compact=True)
    assert compact[0][HOP_COLUMNS.index("evidence")] == "doc.txt[11:24]"
    assert compact[0][HOP_COLUMNS.index("qualifiers")] == "hedge=can"


def test_walk_graph_orders_parallel_relations_by_preference(G) -> None:
    W = walk_graph(G)
    assert W["nk:neuropathic_pain"]["nk:sleep"]["options"] == [("nko:leadsTo", False), ("nko:hasSymptom", False)]
