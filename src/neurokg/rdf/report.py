"""Validation results: one :class:`Violation` per problem, gathered in a :class:`ValidationReport`."""

from __future__ import annotations

from dataclasses import dataclass, field

from neurokg.core.namespace import curie
from neurokg.rdf.provenance import EvidenceProblem

__all__ = ["Violation", "ValidationReport"]


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
        lines.append(
            f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s); "
            f"SHACL shapes and {self.rules_run} QC rules, {corpus}"
        )
        return "\n".join(lines)
