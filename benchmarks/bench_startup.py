"""Start-up cost of the command line against a bare interpreter, in the same run (``make bench``).

Times whole processes: ``python -c pass``, ``python -c "import neurokg"`` and ``neurokg --help``, interleaved
so that a noisy machine slows all of them alike; reports medians and the ratio to ``python -c pass``.

Usage: ``.venv/bin/python benchmarks/bench_startup.py [--runs N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

NEUROKG = str(Path(sys.executable).with_name("neurokg"))
CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import neurokg"': [sys.executable, "-c", "import neurokg"],
    "neurokg --help": [NEUROKG, "--help"],
    "neurokg --version": [NEUROKG, "--version"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, cmd in CASES.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"| command | median ms | x python -c pass |  (runs: {args.runs}, interleaved)")
    print("| --- | ---: | ---: |")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| `{name}` | {median * 1000:.0f} | {median / base:.1f} |")
    ratio = statistics.median(times["neurokg --help"]) / base
    print(f"\nneurokg --help = {ratio:.1f}x python -c pass (target: at most 10x)")
    return 0 if ratio <= 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
