"""Every command, and validate and build, as a ratio to a raw pyoxigraph process on the same data, in one run.

    python benchmarks/bench_fastcore.py                    # real graph: every command (about 2 minutes)
    python benchmarks/bench_fastcore.py --sizes 80000 1000000 --runs 1   # validate and build at scale

Each figure is the median wall time of ``--runs`` whole processes, with the peak memory (max RSS)
of the process. Baselines, measured in the same run:

* ``raw query``: ``python -c`` that imports pyoxigraph, loads the prepared ``neurokg.nt`` and runs
  the named query ``05-first-line`` (the same text and data ``neurokg query --named`` uses);
* ``raw load``: ``python -c`` that imports pyoxigraph and loads the same file ``validate`` reads.

Commands run with a warm prepared store (what follows ``make run``); ``validate`` reads and mints
the sources itself. Synthetic graphs come from ``gen_graph.py`` (cached in ``--data``). Prints
Markdown tables for ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NEUROKG = str(BIN / "neurokg")
CORPUS = os.environ.get("NEUROKG_CORPUS") or str(ROOT.parent / "shared" / "corpus")

RAW_QUERY = """
import sys, pyoxigraph as ox
from pathlib import Path
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
prefixes = {p.split()[1][:-1]: p.split()[2][1:-1] for p in sys.argv[3:]}
for row in store.query(Path(sys.argv[2]).read_text(), prefixes=prefixes):
    print(*(t.value if t is not None else "" for t in row), sep="\\t")
"""
RAW_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store()
store.load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)
print(len(store))
"""
MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of ``runs`` runs of ``cmd``."""
    walls, peaks = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        if out[2] not in ("0", "1"):
            raise SystemExit(f"failed ({out[2]}): {' '.join(cmd)}")
        walls.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
    return statistics.median(walls), max(peaks)


def real_graph(runs: int, env: dict[str, str], work: Path) -> None:
    from neurokg.core.prefixes import PREFIXES
    from neurokg.core.resources import queries_dir

    dist = work / "dist"
    subprocess.run([NEUROKG, "build", "--out", str(dist), "--corpus", CORPUS], env=env, check=True, capture_output=True)
    query = queries_dir() / "05-first-line.rq"
    prefixes = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()]
    raw = [sys.executable, "-c", RAW_QUERY, str(dist / "neurokg.nt"), str(query), *prefixes]
    base, base_mem = measure(raw, runs, env)
    load, load_mem = measure([sys.executable, "-c", RAW_LOAD, str(dist / "neurokg.nt")], runs, env)
    commands = {
        "query --named 05-first-line": ["query", "--named", "05-first-line"],
        "query --named 14-concept --param name=…": ["query", "--named", "14-concept", "--param", "name=allodynia"],
        "query --list": ["query", "--list"],
        "stats": ["stats"],
        "path diabetes depression": ["path", "diabetes", "depression"],
        "loops --through 'sleep disturbance'": ["loops", "--through", "sleep disturbance"],
        "neighbors 'muscle tension'": ["neighbors", "muscle tension"],
        "rank --by pagerank": ["rank", "--by", "pagerank"],
        "treatments 'neuropathic pain'": ["treatments", "neuropathic pain"],
        "locate 'central sensitization'": ["locate", "central sensitization"],
        "viz --focus diabetes": ["viz", "--focus", "diabetes", "-o", str(work / "viz.html")],
        "validate": ["validate"],
        "validate --engine pyshacl": ["validate", "--engine", "pyshacl"],
        "build (nothing changed)": ["build", "--out", str(dist), "--corpus", CORPUS],
        "build --force": ["build", "--out", str(dist), "--corpus", CORPUS, "--force"],
        "--help": ["--help"],
    }
    print(f"\nReal graph, median of {runs} processes; raw query {base:.3f} s ({base_mem:.0f} MB), "
          f"raw load {load:.3f} s ({load_mem:.0f} MB)\n")  # fmt: skip
    print("| command | wall s | x raw query | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| raw pyoxigraph: load `neurokg.nt`, run 05-first-line | {base:.3f} | 1.0 | {base_mem:.0f} |")
    for name, args in commands.items():
        wall, mem = measure([NEUROKG, *args], runs, env)
        print(f"| `neurokg {name}` | {wall:.3f} | {wall / base:.1f} | {mem:.0f} |", flush=True)


def at_scale(sizes: list[int], runs: int, env: dict[str, str], data: Path, work: Path, build_max: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_graph import generate

    print(f"\nGenerated graphs, validate: median of {runs} processes; build: one process (no corpus)\n")
    print("| triples | raw load s (MB) | validate s (MB) | x raw load | build --force s (MB) | x raw load |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    env = {k: v for k, v in env.items() if k != "NEUROKG_CORPUS"}
    seen: list[tuple[int, float, float]] = []
    for n in sizes:
        gdir = data / f"graph-{n}"
        if not (gdir / "generated.ttl").is_file():
            gdir.mkdir(parents=True, exist_ok=True)
            generate(n, gdir / "generated.ttl")
        triples = sum(1 for _ in (gdir / "generated.ttl").open("rb"))
        load, load_mem = measure([sys.executable, "-c", RAW_LOAD, str(gdir / "generated.ttl")], runs, env)
        val, val_mem = measure([NEUROKG, "validate", "--graph", str(gdir), "--corpus", ""], runs, env)
        built = "not run"
        if n <= build_max:
            out = str(work / f"dist-{n}")
            bld, bld_mem = measure([NEUROKG, "build", "--force", "--out", out, "--graph", str(gdir)], 1, env)
            built = f"{bld:.1f} ({bld_mem:.0f}) | {bld / load:.1f}"
        print(f"| {triples:,} | {load:.2f} ({load_mem:.0f}) | {val:.2f} ({val_mem:.0f}) | {val / load:.1f} | {built} |")
        seen.append((triples, load, val))
    for (n0, l0, v0), (n1, l1, v1) in itertools.pairwise(seen):
        print(f"\n{n0:,} -> {n1:,} triples (x{n1 / n0:.1f}): validate x{v1 / v0:.1f}, raw load x{l1 / l0:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="generated graph sizes (e.g. 80000 1000000)")
    parser.add_argument("--no-real", action="store_true", help="skip the real-graph command table")
    parser.add_argument("--build-max", type=int, default=100_000, help="build only graphs up to this size")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "neurokg-bench")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="neurokg-bench-"))
    env = {**os.environ, "NEUROKG_CACHE": str(work / "cache"), "NEUROKG_CORPUS": CORPUS}
    if not args.no_real:
        real_graph(args.runs, env, work)
    if args.sizes:
        at_scale(args.sizes, args.runs, env, args.data, work, args.build_max)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
