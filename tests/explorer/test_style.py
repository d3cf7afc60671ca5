"""Colours readable as text (4.5:1 on white), families apart under deuteranopia, every class styled."""

from __future__ import annotations

import itertools
import re

from neurokg.explorer.html import STATIC
from neurokg.explorer.style import CLASS_STYLES, FAMILIES, RELATION_COLOURS


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    x, y = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (x + 0.05) / (y + 0.05)


def _deuteranopia(rgb: tuple[float, float, float]) -> tuple[float, ...]:
    """Machado et al. (2009) simulation of deuteranopia, severity 1, on linear RGB."""
    m = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return tuple(sum(m[i][j] * lin[j] for j in range(3)) for i in range(3))


def test_family_colours_read_as_text_and_stay_apart() -> None:
    colours = [c for c, _ in FAMILIES.values()]
    assert len(colours) == 5
    assert all(_contrast(c, "#ffffff") >= 4.5 for c in colours)
    for a, b in itertools.combinations(colours, 2):
        da, db = _deuteranopia(_rgb(a)), _deuteranopia(_rgb(b))
        assert sum((x - y) ** 2 for x, y in zip(da, db, strict=True)) ** 0.5 > 0.05, (a, b)
    assert set(RELATION_COLOURS.values()) <= set(colours)
    assert {family for _, _, family in CLASS_STYLES.values()} == set(FAMILIES)


def test_every_text_colour_of_the_style_sheet_reads_on_white() -> None:
    css = (STATIC / "explorer.css").read_text(encoding="utf-8")
    colours = set(re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css))
    assert len(colours) > 5
    assert all(_contrast(c, "#ffffff") >= 4.5 for c in colours), [c for c in colours if _contrast(c, "#ffffff") < 4.5]
