"""Debian's chromium for the browser tests and benchmarks: where it is and how it is started.

Never a downloaded browser: Playwright launches ``/usr/bin/chromium`` (``make browser`` installs it).
The flags keep chromium off the network (no background or update requests) and runnable as root.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
