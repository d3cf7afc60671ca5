"""Neighbours within a depth."""

from __future__ import annotations

import pytest

from neurokg.core.errors import UsageError
from neurokg.network.neighbors import neighbors


def test_neighbors_depth_one_both_directions(G) -> None:
    found = [(d, h.target, h.relation, h.inverse) for d, h in neighbors(G, "nk:sleep")]
    assert found == [
        (1, "nk:tolerance", "nko:leadsTo", False),
        (1, "nk:neuropathic_pain", "nko:hasSymptom", True),
        (1, "nk:neuropathic_pain", "nko:leadsTo", True),
        (1, "nk:insomnia", "nko:subtypeOf", True),
        (1, "nk:depression", "nko:worsens", True),
    ]


def test_neighbors_relation_depth_direction(G) -> None:
    found = [(d, h.source, h.target) for d, h in neighbors(G, "nk:diabetes", depth=3, direction="out")]
    assert found == [
        (1, "nk:diabetes", "nk:neuropathy"),
        (2, "nk:neuropathy", "nk:neuropathic_pain"),
        (3, "nk:neuropathic_pain", "nk:sleep"),
        (3, "nk:neuropathic_pain", "nk:sleep"),
        (3, "nk:neuropathic_pain", "nk:pain"),
    ]
    assert [h.target for _, h in neighbors(G, "nk:sleep", relations=["nko:leadsTo"], direction="in")] == [
        "nk:neuropathic_pain"
    ]
    with pytest.raises(UsageError):
        neighbors(G, "nk:sleep", depth=0)
