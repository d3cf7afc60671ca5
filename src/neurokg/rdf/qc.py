"""Quality-control rules: one SPARQL ``SELECT`` per ``ontology/qc/*.rq`` file.

Each file states its rule in its first comment line; optional header lines set
``# level: error|warning`` (default error) and ``# requires: corpus`` (run only when evidence
text was resolved). Every row a rule returns is a violation; the row's ``?focus`` names the
offending node and the other variables are shown as details.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph

from neurokg.core import resources
from neurokg.core.prefixes import PREFIXES, curie
from neurokg.core.rqfile import parse_header
from neurokg.rdf.report import Finding, Violation

__all__ = ["QCRule", "qc_findings", "qc_rules", "run_qc"]


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
    header = parse_header(text)
    if not header.description:
        raise ValueError(f"{path}: a QC rule must state its rule in its first comment line")
    level = header.get("level", "error") or "error"
    requires_corpus = header.get("requires") == "corpus"
    return QCRule(path.stem, header.description, level.split()[0], requires_corpus, text, path)


def qc_rules(directory: Path | None = None) -> list[QCRule]:
    """Return every rule in ``directory`` (default ``ontology/qc``), sorted by name."""
    directory = directory or resources.ontology_dir() / "qc"
    return [_parse(p) for p in sorted(directory.glob("*.rq"))]


def run_qc(
    graph: Graph,
    rules: list[QCRule] | None = None,
    *,
    with_corpus: bool = False,
    origins: Mapping[Any, str] | None = None,
) -> list[Violation]:
    """Run ``rules`` (default: all) on ``graph``; rules needing the corpus run only ``with_corpus``."""
    origins = origins if origins is not None else {}
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


def qc_findings(store: ox.Store, rules: list[QCRule] | None = None, *, with_corpus: bool = False) -> list[Finding]:
    """Run ``rules`` (default: all) on a pyoxigraph ``store``: the fast engine's half of :func:`run_qc`.

    Each rule's top-level ``FILTER NOT EXISTS`` of more than one pattern runs as an anti-join
    (:func:`neurokg.rdf.rewrite.anti_joins`);
    rows, messages and details are those :func:`run_qc` gives on rdflib (tested). The rules run on
    one thread per core, their findings in the order of the rules.
    """
    from neurokg.core.threads import ordered_map
    from neurokg.rdf.rewrite import anti_joins
    from neurokg.rdf.shaclsparql import lexical

    def findings(rule: QCRule) -> list[Finding]:
        found: list[Finding] = []
        result = store.query(anti_joins(rule.query), prefixes=dict(PREFIXES))
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        for row in result:
            focus = row["focus"]
            details = ", ".join(f"{n}={curie(lexical(row[n]))}" for n in names if n != "focus" and row[n] is not None)
            message = rule.rule + (f" ({details})" if details else "")
            node = focus if isinstance(focus, ox.NamedNode | ox.BlankNode) else None
            text = lexical(focus) if focus is not None else ""
            found.append(Finding(node, rule.name, message, rule.level, focus_text=text))
        return found

    chosen = [r for r in (rules if rules is not None else qc_rules()) if with_corpus or not r.requires_corpus]
    return [finding for part in ordered_map(findings, chosen) for finding in part]
