"""Write the complete answer of every named query on the real graph to tests/content/answers/ (reviewed by hand).

Usage: NEUROKG_CORPUS=../shared/corpus python tools/gen_answers.py

Each file is the query's full result on the graph without a corpus (offsets, no document text: nothing a
document says is copied into the repository), every row and every column but the include parameter, one
JSON object per line, sorted; tests/content/test_answers.py checks the real graph still gives exactly it.
After a curation change, rerun this, read the diff (it is the change in what users are told), commit both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from neurokg import load_graph
from neurokg.sparql import named_queries, named_query, run_query, to_store

OUT = Path(__file__).resolve().parents[1] / "tests" / "content" / "answers"


CONCEPTS = ("neuropathic pain", "opioids", "sleep disturbance", "depression")
"""The concepts 14-concept is answered for (its one required parameter)."""


def cases() -> list[tuple[str, str, dict[str, str]]]:
    """Every (file stem, query name, bindings) whose complete answer is kept."""
    out = []
    for name in named_queries():
        if name == "14-concept":
            out += [(f"{name}~{c.replace(' ', '-')}", name, {"name": c}) for c in CONCEPTS]
        else:
            out.append((name, name, {}))
    return out


def answer_lines(store, name: str, bindings: dict[str, str]) -> list[str]:
    """The rows of the named query on ``store`` as JSON lines (the include column left out)."""
    rows = run_query(store, named_query(name), engine="oxigraph", bindings=bindings or None).records()
    return sorted(json.dumps({k: v for k, v in r.items() if k != "include"}, ensure_ascii=False, sort_keys=True)
                  for r in rows)  # fmt: skip


def main() -> int:
    os.environ.pop("NEUROKG_CORPUS", None)
    store = to_store(load_graph(corpus=None))
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, name, bindings in cases():
        lines = answer_lines(store, name, bindings)
        (OUT / f"{stem}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{stem}: {len(lines)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
