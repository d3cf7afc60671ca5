"""Quality-control rules: one SPARQL ``SELECT`` per ``ontology/qc/*.rq`` file.

Each file states its rule in its first comment line; optional header lines set
``# level: error|warning`` (default error) and ``# requires: corpus`` (run only when evidence
text was resolved). Every row a rule returns is a violation; the row's ``?focus`` names the
offending node and the other variables are shown as details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from neurokg import resources
from neurokg.namespace import PREFIXES, curie
from neurokg.report import Violation

__all__ = ["QCRule", "qc_rules", "run_qc"]


@dataclass(frozen=True)
class QCRule:
    """A parsed QC rule file."""

    name: str
    rule: str
    level: str
    requires_corpus: bool
    query: str
    path: Path


def _parse(path: Path) -> QCRule:
    text = path.read_text(encoding="utf-8")
    header = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    if not header:
        raise ValueError(f"{path}: a QC rule must state its rule in its first comment line")
    level = "error"
    requires_corpus = False
    for line in header[1:]:
        m = re.match(r"(level|requires):\s*(\S+)", line)
        if m and m.group(1) == "level":
            level = m.group(2)
        elif m and m.group(1) == "requires":
            requires_corpus = m.group(2) == "corpus"
    return QCRule(path.stem, header[0], level, requires_corpus, text, path)


def qc_rules(directory: Path | None = None) -> list[QCRule]:
    """Return every rule in ``directory`` (default ``ontology/qc``), sorted by name."""
    directory = directory or resources.ontology_dir() / "qc"
    return [_parse(p) for p in sorted(directory.glob("*.rq"))]


def run_qc(
    graph: Graph,
    rules: list[QCRule] | None = None,
    *,
    with_corpus: bool = False,
    origins: dict | None = None,
) -> list[Violation]:
    """Run ``rules`` (default: all) on ``graph``; rules needing the corpus run only ``with_corpus``."""
    origins = origins or {}
    found: list[Violation] = []
    for rule in rules if rules is not None else qc_rules():
        if rule.requires_corpus and not with_corpus:
            continue
        result = graph.query(rule.query, initNs=PREFIXES)
        names = [str(v) for v in result.vars or []]
        for row in result:
            values = dict(zip(names, row, strict=False))  # type: ignore[arg-type]
            focus = values.get("focus")
            details = ", ".join(f"{k}={curie(str(v))}" for k, v in values.items() if k != "focus" and v is not None)
            message = rule.rule + (f" ({details})" if details else "")
            found.append(
                Violation(
                    file=origins.get(focus, "") if focus is not None else "",
                    focus=str(focus or ""),
                    rule=rule.name,
                    message=message,
                    severity=rule.level,
                )
            )
    return found
