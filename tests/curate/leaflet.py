"""A small invented patient leaflet (our own words) for the curation tests: never a corpus document."""

from __future__ import annotations

from pathlib import Path

LEAFLET = """Foot Nerve Pain Leaflet

What causes foot nerve pain?

Diabetes can cause neuropathy. Long-term alcohol use often damages the nerves of the feet.

Other causes include:
  • Vitamin B deficiency.
  • Chemotherapy

How is it treated?

Gabapentin is sometimes used to treat neuropathic pain, but it may not help everyone.
Opioids are not the first line of treatment because of the risk of addiction.
Nerve blocks give relief, but the relief is temporary.

Get relief today! The NerveEase program treats neuropathy and is exactly what you need, so order now.
"""


def write_leaflet(directory: Path, name: str = "leaflet.txt", text: str = LEAFLET) -> Path:
    """Write the leaflet into ``directory`` and return its path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path
