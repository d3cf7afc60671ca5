"""The table form of ``path`` and ``loops``: one line per hop that a person reads as a sentence.

::

    path 1: diabetes -> depression (2 hops)
      1. diabetes --can cause--> neuropathy  [003_0cd4833e1a3bd26d.txt: "..."]
      2. neuropathy --has mental health effect--> depression  [000_c4bdad115d249047.txt 5120-5188]

Each hop names its source: the supporting text (cut to the terminal's width) when a corpus is
known, else the document and the offsets. CSV, TSV and JSON keep one row per hop with every field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neurokg.cli.output import terminal_width

__all__ = ["render_story"]


def _source(evidence: Sequence[dict[str, Any]]) -> str:
    if not evidence:
        return "[no source span]"
    first = evidence[0]
    more = f" +{len(evidence) - 1}" if len(evidence) > 1 else ""
    if first.get("text"):
        quote = " ".join(str(first["text"]).split())
        return f'[{first.get("document", "")}: "{quote}"{more}]'
    return f"[{first.get('document', '')} {first.get('start')}-{first.get('end')}{more}]"


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    closing = '"]' if text.endswith('"]') else "]"
    return text[: max(width - len(closing) - 1, 0)] + "…" + closing


def render_story(G: Any, walks: Sequence[Sequence[Any]], *, kind: str, width: int | None = None) -> str:
    """``walks`` (lists of hops) as numbered stories of ``kind`` ("path" or "loop"), fitted to ``width``."""
    from neurokg.network.hops import hop_phrase

    width = width or terminal_width()
    out: list[str] = []
    for number, walk in enumerate(walks, start=1):
        start = G.nodes[walk[0].source].get("label", walk[0].source)
        end = G.nodes[walk[-1].target].get("label", walk[-1].target)
        hops = f"{len(walk)} hop{'s' if len(walk) != 1 else ''}"
        out.append(_cut(f"{kind} {number}: {start} -> {end} ({hops})", width))
        for index, hop in enumerate(walk, start=1):
            phrase = f"  {index}. {hop_phrase(G, hop)}"
            source = _source(hop.evidence)
            if len(phrase) + 2 + len(source) > width and len(phrase) <= width:  # the hop and its basis stay whole
                out.append(phrase)
                out.append(_cut(f"     {source}", width))
            else:
                out.append(_cut(f"{phrase}  {source}", width))
    out.append(f"({len(walks)} {kind}{'s' if len(walks) != 1 else ''})")
    return "\n".join(out) + "\n"
