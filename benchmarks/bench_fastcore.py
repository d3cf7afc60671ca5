"""Every command, and validate and build, as a ratio to a raw pyoxigraph process on the same data, in one run.

    python benchmarks/bench_fastcore.py                    # real graph: every command (about 2 minutes)
    python benchmarks/bench_fastcore.py --sizes 80000 1000000 --runs 1   # validate and build at scale

Each figure is the median wall time of ``--runs`` whole processes, with the peak memory (max RSS)
of the process. Baselines, measured in the same run:

* ``raw query``: ``python -c`` that imports pyoxigraph, loads the prepared ``neurokg.nt`` and runs
  the named query ``05-lines-of-therapy`` (the same text and data ``neurokg query --named`` uses);
* ``raw load``: ``python -c`` that imports pyoxigraph and loads the same file ``validate`` reads.

Commands run with a warm prepared store (what follows ``make run``); ``validate`` reads and mints
the sources itself. Synthetic graphs come from ``gen_graph.py`` (cached in ``--data``). Prints
Markdown tables for ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
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
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, use.ru_maxrss, code, use.ru_utime + use.ru_stime)
"""


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of ``runs`` runs of ``cmd``."""
    wall, peak, _ = measure_cpu(cmd, runs, env)
    return wall, peak


def measure_cpu(
    cmd: list[str], runs: int, env: dict[str, str], ok: tuple[str, ...] = ("0", "1")
) -> tuple[float, float, float]:
    """Median wall seconds, largest peak RSS (MB) and median CPU seconds of ``runs`` runs of ``cmd``.

    A run that exits with a code outside ``ok`` stops the benchmark: it would time a failure.
    """
    walls, peaks, cpus = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        if out[2] not in ok:
            raise SystemExit(f"failed ({out[2]}): {' '.join(cmd)}")
        walls.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
        cpus.append(float(out[3]))
    return statistics.median(walls), max(peaks), statistics.median(cpus)


def real_graph(runs: int, env: dict[str, str], work: Path) -> None:
    from neurokg.core.prefixes import PREFIXES
    from neurokg.core.resources import queries_dir

    dist = work / "dist"
    subprocess.run([NEUROKG, "build", "--out", str(dist), "--corpus", CORPUS], env=env, check=True, capture_output=True)
    query = queries_dir() / "05-lines-of-therapy.rq"
    prefixes = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()]
    raw = [sys.executable, "-c", RAW_QUERY, str(dist / "neurokg.nt"), str(query), *prefixes]
    base, base_mem = measure(raw, runs, env)
    load, load_mem = measure([sys.executable, "-c", RAW_LOAD, str(dist / "neurokg.nt")], runs, env)
    commands = {
        "query --named 05-lines-of-therapy": ["query", "--named", "05-lines-of-therapy"],
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
    print(f"| raw pyoxigraph: load `neurokg.nt`, run 05-lines-of-therapy | {base:.3f} | 1.0 | {base_mem:.0f} |")
    for name, args in commands.items():
        wall, mem = measure([NEUROKG, *args], runs, env)
        print(f"| `neurokg {name}` | {wall:.3f} | {wall / base:.1f} | {mem:.0f} |", flush=True)


def template_digest() -> str:
    """Digest of what a generated graph is made from, so a cached one never outlives the real graph."""
    digest = hashlib.sha256()
    for path in sorted(
        [*(ROOT / "graph").glob("*.ttl"), *(ROOT / "ontology").rglob("*"), ROOT / "benchmarks" / "gen_graph.py"]
    ):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def at_scale(sizes: list[int], runs: int, env: dict[str, str], data: Path, work: Path, build_max: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_graph import generate

    print(f"\nGenerated graphs, validate: median of {runs} processes; build: one process (no corpus)\n")
    print(
        "| triples | raw load s (MB) | validate s (MB) | x raw load | CPU s raw load / validate "
        "| build --force s (MB) | x raw load |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    env = {k: v for k, v in env.items() if k != "NEUROKG_CORPUS"}
    seen: list[tuple[int, float, float, float, float]] = []
    for n in sizes:
        gdir = data / f"graph-{n}-{template_digest()}"
        if not (gdir / "generated.ttl").is_file():
            gdir.mkdir(parents=True, exist_ok=True)
            generate(n, gdir / "generated.ttl")
        triples = sum(1 for _ in (gdir / "generated.ttl").open("rb"))
        load, load_mem, load_cpu = measure_cpu([sys.executable, "-c", RAW_LOAD, str(gdir / "generated.ttl")], runs, env)
        validate = [NEUROKG, "validate", "--graph", str(gdir), "--corpus", ""]
        val, val_mem, val_cpu = measure_cpu(validate, runs, env, ok=("0",))  # an invalid graph times the wrong path
        built = "not run"
        if n <= build_max:
            out = str(work / f"dist-{n}")
            bld, bld_mem = measure([NEUROKG, "build", "--force", "--out", out, "--graph", str(gdir)], 1, env)
            built = f"{bld:.1f} ({bld_mem:.0f}) | {bld / load:.1f}"
        cpu = f"{load_cpu:.2f} / {val_cpu:.2f}"
        row = f"| {triples:,} | {load:.2f} ({load_mem:.0f}) | {val:.2f} ({val_mem:.0f}) | {val / load:.1f} |"
        print(f"{row} {cpu} | {built} |")
        seen.append((triples, load, val, load_cpu, val_cpu))
    for (n0, l0, v0, lc0, vc0), (n1, l1, v1, lc1, vc1) in itertools.pairwise(seen):
        print(
            f"\n{n0:,} -> {n1:,} triples (x{n1 / n0:.1f}): validate x{v1 / v0:.1f} wall, x{vc1 / vc0:.1f} CPU; "
            f"raw load x{l1 / l0:.1f} wall, x{lc1 / lc0:.1f} CPU"
        )


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
