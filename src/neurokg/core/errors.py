"""Errors raised by neurokg, each with the exit code the command line maps it to.

Exit codes: 0 success; 1 invalid input (a graph that fails to parse or validate, a malformed
query, an unknown name); 2 usage or runtime error (bad option, missing file, unreachable server);
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

__all__ = [
    "NeurokgError",
    "GraphSyntaxError",
    "InvalidGraphError",
    "QueryError",
    "NotFoundError",
    "AmbiguousNameError",
    "UsageError",
    "EXIT_OK",
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_INTERRUPTED",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's code for SIGINT (128 + 2)."""


class NeurokgError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = EXIT_USAGE


class GraphSyntaxError(NeurokgError):
    """A Turtle file does not parse; the message names the file and the line."""

    exit_code = EXIT_INVALID

    def __init__(self, path: str, line: int | None, detail: str) -> None:
        self.path = path
        self.line = line
        self.detail = detail
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: syntax error: {detail}")


class InvalidGraphError(NeurokgError):
    """The graph parsed but broke a shape or a QC rule; ``report`` holds every problem."""

    exit_code = EXIT_INVALID

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))


class QueryError(NeurokgError):
    """A SPARQL query is malformed or refused; the message is the parser's."""

    exit_code = EXIT_INVALID


class NotFoundError(NeurokgError):
    """A name, query or entity does not exist; the message suggests what does."""

    exit_code = EXIT_INVALID


class AmbiguousNameError(NotFoundError):
    """A name matches several entities; ``candidates`` lists them as ``(id, label)`` pairs."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]) -> None:
        self.name = name
        self.candidates = candidates
        listed = "; ".join(f"{label} ({node})" for node, label in candidates)
        super().__init__(f"{name!r} is ambiguous: it names {listed}; give one of these ids or labels")


class UsageError(NeurokgError):
    """A missing file, a bad option value or another runtime problem."""

    exit_code = EXIT_USAGE
