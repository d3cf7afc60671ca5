"""Waiting for a condition in an explorer page whose Content-Security-Policy forbids eval.

Playwright's ``wait_for_function`` compiles its predicate with eval once it has to poll, which the page's CSP
(``script-src 'unsafe-inline'``) refuses; ``evaluate`` goes through the debugger protocol and is not refused.
"""

from __future__ import annotations

from typing import Any

__all__ = ["wait_until"]


def wait_until(page: Any, expression: str, arg: object = None, timeout: int = 30_000) -> None:
    """Wait until ``expression`` (an expression, or a function of ``arg``) is true in ``page``, polled every 20 ms."""
    for _ in range(max(1, timeout // 20)):
        if page.evaluate(expression, arg):
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"never true: {expression}")
