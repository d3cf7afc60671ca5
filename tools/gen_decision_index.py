"""Write ``docs/decisions/README.md``, the index of the decision records (``python tools/gen_decision_index.py``).

Records are grouped by the part of neurokg their number belongs to; the title is each record's first line.
``tests/test_layout.py`` checks that the index lists every record.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "decisions"
GROUPS = [
    ("0001", "0009", "The graph: data, provenance, engines, validation, layers"),
    ("0010", "0019", "The networkx view and its analytics"),
    ("0020", "0029", "The explorer"),
    ("0030", "0039", "The SPARQL endpoint and remote stores"),
    ("0040", "0049", "Jupyter"),
    ("0050", "0059", "Growing the graph from documents"),
    ("0060", "0099", "The model: classes and relations"),
]


def main() -> None:
    out = [
        "# Decision records",
        "",
        "One short record per structural choice: context, the decision, what was rejected and why. Numbers group",
        "the records by the part of neurokg they shape; `python tools/gen_decision_index.py` rewrites this index.",
        "",
    ]
    for low, high, title in GROUPS:
        files = sorted(p for p in FOLDER.glob("[0-9][0-9][0-9][0-9]-*.md") if low <= p.name[:4] <= high)
        if files:
            out += [f"## {title}", ""]
            for f in files:
                heading = f.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").split(": ", 1)[-1]
                out.append(f"- [{f.name[:4]}]({f.name}): {heading}")
            out.append("")
    (FOLDER / "README.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
