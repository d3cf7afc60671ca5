"""Rankings by degree, PageRank, betweenness; types with subclasses."""

from __future__ import annotations

import pytest

from neurokg.core.errors import NotFoundError, UsageError
from neurokg.network.ranking import has_type, rank


def test_rank_by_degree_with_ties_by_id(G) -> None:
    assert [(r.rank, r.node, r.score) for r in rank(G, top=3)] == [
        (1, "nk:neuropathic_pain", 8.0),
        (2, "nk:sleep", 5.0),
        (3, "nk:ad", 2.0),  # six nodes have degree 2: the smallest id comes first
    ]


def test_rank_type_includes_subclasses(G) -> None:
    assert [r.node for r in rank(G, type="Treatment", top=None)] == ["nk:ad", "nk:opioid", "nk:tca", "nk:amitriptyline"]
    assert has_type(G, "nk:amitriptyline", "Treatment") and not has_type(G, "nk:pain", "Treatment")
    with pytest.raises(NotFoundError, match="Drug"):
        rank(G, type="drugs")


def test_rank_pagerank_and_betweenness(G) -> None:
    assert rank(G, by="pagerank", top=1)[0].node == "nk:neuropathic_pain"
    top = rank(G, by="betweenness", top=2)
    assert [r.node for r in top] == ["nk:neuropathic_pain", "nk:sleep"]
    sampled = rank(G, by="betweenness", top=2, sample=3)  # seeded: the same estimate every run
    assert [(r.node, r.score) for r in sampled] == [("nk:neuropathic_pain", 0.2), ("nk:neuropathy", 0.133333)]
    with pytest.raises(UsageError):
        rank(G, by="closeness")
