"""Every analytic's answer and the view itself as DataFrames with flat, typed columns."""

from __future__ import annotations

import networkx as nx

from neurokg.network.cycles import feedback_loops
from neurokg.network.frames import edge_frame, node_frame
from neurokg.network.neighbors import neighbors
from neurokg.network.paths import shortest_paths
from neurokg.network.ranking import rank
from neurokg.network.treatments import treatments


def test_paths_and_loops_are_lists_and_tables(G: nx.MultiDiGraph) -> None:
    paths = shortest_paths(G, "nk:diabetes", "nk:sleep", max_paths=2)
    df = paths.to_dataframe()
    assert isinstance(paths, list) and len(df) == sum(len(p) for p in paths)
    first = df.iloc[0]
    assert (first["path"], first["hop"], first["from_label"], first["relation_label"]) == (1, 1, "diabetes", "causes")
    assert (first["certainty"], first["hedge"], first["spans"]) == ("possible", "can", 1)
    assert str(df.dtypes["hop"]) == "Int64" and first["documents"] == "doc.txt"
    found = feedback_loops(G)
    loops = found.to_dataframe()
    assert sorted(set(loops["path"])) == list(range(1, len(found) + 1)) and len(found) == 2
    first = loops[loops["path"] == 1]
    assert first["from"].iloc[0] == first["to"].iloc[-1]  # a loop comes back where it started


def test_neighbours_ranking_and_treatments_are_tables(G: nx.MultiDiGraph) -> None:
    near = neighbors(G, "nk:sleep", depth=1).to_dataframe()
    assert set(near["depth"]) == {1} and "to_label" in near.columns
    ranked = rank(G, by="degree", top=3).to_dataframe()
    assert list(ranked.columns) == ["rank", "node", "label", "type", "score", "degree", "basis"]
    assert ranked["rank"].tolist() == [1, 2, 3] and ranked["node"].iloc[0] == "nk:neuropathic_pain"
    options = treatments(G, "nk:neuropathic_pain").to_dataframe()
    opioid = options[options["treatment"] == "nk:opioid"].iloc[0]
    assert (opioid["treatment_label"], opioid["caveatKind"], opioid["target_label"]) == (
        "opioid", "may not help", "neuropathic pain")  # fmt: skip
    assert opioid.isna()["via"]  # stated of the opioid itself
    assert set(options["basis"]) == {"stated"} and set(near["basis"]) == {"stated"}


def test_every_frame_says_what_a_row_rests_on(G: nx.MultiDiGraph) -> None:
    """An edge no document states (here, a curator's inference) is labelled in every table it reaches."""
    reading = {"document": "doc.txt", "start": 1, "end": 9, "status": "inferred", "reason": "ours"}
    G.add_edge("nk:sleep", "nk:depression", key="nko:leadsTo", label="leads to", statement="nks:x",
               basis="inferred", status=["inferred"], evidence=[reading])  # fmt: skip
    near = neighbors(G, "nk:sleep", depth=1).to_dataframe()
    assert near.set_index("statement").loc["nks:x", "basis"] == "inferred by curator"
    edges = edge_frame(G).set_index("statement")
    assert edges.loc["nks:x", "basis"] == "inferred by curator"
    ranked = rank(G, by="degree", top=None).to_dataframe().set_index("node")
    assert "inferred" in ranked.loc["nk:sleep", "basis"]


def test_node_and_edge_frames_of_the_view(G: nx.MultiDiGraph) -> None:
    nodes, edges = node_frame(G), edge_frame(G)
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    assert nodes.loc["nk:opioid", "altLabels"] == "low mood" and nodes.loc["nk:diabetes", "degree"] == 1
    causes = edges[edges["relation"] == "nko:causes"].iloc[0]
    assert (causes["source_label"], causes["target_label"], causes["hedge"]) == ("diabetes", "neuropathy", "can")
