"""Validation results: one :class:`Violation` per problem, gathered in a :class:`ValidationReport`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neurokg.core.prefixes import curie
from neurokg.rdf.evidence import EvidenceProblem

__all__ = ["Finding", "Violation", "ValidationReport", "to_violations"]


@dataclass(frozen=True)
class Finding:
    """A broken rule as the fast engine finds it: the focus and value still as graph terms.

    :func:`to_violations` names the file of every finding in one pass, then makes the :class:`Violation`.
    """

    focus: Any
    rule: str
    message: str
    severity: str
    path: str = ""
    value: Any = None
    focus_text: str = ""
    value_text: str = ""


def to_violations(
    findings: Iterable[Finding], origins: Callable[[list[Any]], dict[Any, str]] | None = None
) -> list[Violation]:
    """One :class:`Violation` per finding, naming the file of its focus node, else of its value.

    ``origins(terms)`` maps graph terms to file names (``""`` when unknown), asked once for all of them.
    """
    findings = list(findings)
    terms = [t for f in findings for t in (f.focus, f.value) if t is not None]
    files = origins(terms) if origins is not None and terms else {}
    out = set()
    for f in findings:
        file = files.get(f.focus, "") if f.focus is not None else ""
        if not file and f.value is not None:
            file = files.get(f.value, "")
        out.add(Violation(file, f.focus_text, f.rule, f.message, f.severity, f.path, f.value_text))
    return sorted(out)


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule.

    ``rule`` names the shape or QC rule, ``focus`` the entity or node, ``file`` the curated file
    that states it (when known), ``severity`` is ``"error"`` (fails the build) or ``"warning"``.
    """

    file: str
    focus: str
    rule: str
    message: str
    severity: str = "error"
    path: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = self.file or "<graph>"
        extra = ""
        if self.path:
            extra += f" [{curie(self.path)}"
            extra += f" = {curie(self.value)}]" if self.value else "]"
        return f"{where}: {self.severity}: {curie(self.focus)}: {self.message}{extra} (rule {self.rule})"

    def as_row(self) -> dict[str, str]:
        """The violation as a flat dict, for table, CSV and JSON output."""
        return {
            "severity": self.severity,
            "file": self.file,
            "focus": curie(self.focus),
            "rule": self.rule,
            "message": self.message,
            "path": curie(self.path) if self.path else "",
            "value": curie(self.value) if self.value else "",
        }


@dataclass
class ValidationReport:
    """Everything :func:`neurokg.validate` found. ``conforms`` is true when there is no error."""

    violations: list[Violation] = field(default_factory=list)
    problems: list[EvidenceProblem] = field(default_factory=list)
    rules_run: int = 0
    corpus_checked: bool = False
    corpus: str = ""
    """Which corpus was checked and why it was chosen, for the summary line (``""``: not said)."""

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "error"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "error"]

    @property
    def conforms(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        lines = [str(v) for v in sorted(self.violations)]
        lines += [f"warning: {p}" for p in self.problems]
        verdict = "valid" if self.conforms else "INVALID"
        corpus = "with corpus" if self.corpus_checked else "without corpus (evidence text not checked)"
        if self.corpus_checked and self.corpus:
            lines.append(f"corpus: {self.corpus}")
        lines.append(
            f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s); "
            f"SHACL shapes and {self.rules_run} QC rules, {corpus}"
        )
        return "\n".join(lines)
