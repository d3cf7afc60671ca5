"""Name resolution: labels, alternative labels, ids, ambiguity, suggestions."""

from __future__ import annotations

import pytest

from neurokg.core.errors import AmbiguousNameError, NotFoundError
from neurokg.network.names import resolve, resolve_relation


def test_resolve_label_altlabel_id_case_insensitively(G) -> None:
    assert resolve(G, "  Diabetes ") == "nk:diabetes"
    assert resolve(G, "DIABETES MELLITUS") == "nk:diabetes"
    assert resolve(G, "nk:sleep") == "nk:sleep"
    assert resolve(G, "https://w3id.org/neurokg/id/sleep") == "nk:sleep"


def test_resolve_prefers_the_label_over_an_altlabel(G) -> None:
    assert resolve(G, "insomnia") == "nk:insomnia"  # also an altLabel of nk:sleep


def test_ambiguous_name_lists_candidates(G) -> None:
    with pytest.raises(AmbiguousNameError) as exc:
        resolve(G, "low mood")
    assert exc.value.candidates == [("nk:depression", "depression"), ("nk:opioid", "opioid")]
    assert "depression (nk:depression)" in str(exc.value) and exc.value.exit_code == 1


def test_unknown_name_suggests_closest_labels(G) -> None:
    with pytest.raises(NotFoundError, match=r"did you mean: neuropathy, neuropathic pain") as exc:
        resolve(G, "neuropaty")
    assert exc.value.exit_code == 1


def test_resolve_relation(G) -> None:
    assert resolve_relation(G, "leadsTo") == resolve_relation(G, "nko:leadsTo") == "nko:leadsTo"
    with pytest.raises(NotFoundError, match="did you mean: leadsTo"):
        resolve_relation(G, "leadTo")
