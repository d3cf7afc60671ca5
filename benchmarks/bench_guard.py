"""How should the endpoint decide that a query never fetches anything? Measure three guards on the same queries.

Guards compared, each followed by pyoxigraph running the text the guard passes on:

- ``rdflib``: the previous design: rdflib parses and translates the raw text, its tree and algebra are
  searched for SERVICE, and pyoxigraph runs the raw text;
- ``normalise+rdflib``: line ends normalised to LF and every ``\\u``/``\\U`` escape refused, then as above
  on the normalised text;
- ``tokens`` (neurokg.server.guard): the text is split into SPARQL tokens and rebuilt, the policy reads the
  tokens, pyoxigraph runs the rebuilt text.

Reported: how many of the battery's queries (tests/server/battery.py) each guard lets through and make the
engine connect to a loopback trap; how many ordinary queries it refuses (the 14 named queries and a few
lexically awkward ones); and the time each takes on large queries, next to pyoxigraph parsing and planning
the same text on an empty store (the raw library). Bounded: each timing has a cut-off.
Run: ``python benchmarks/bench_guard.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neurokg.core.errors import QueryError  # noqa: E402
from neurokg.core.namespace import PREFIXES  # noqa: E402
from neurokg.server.guard import canonical_query  # noqa: E402
from neurokg.sparql import named_queries  # noqa: E402
from tests.server.battery import live, variants  # noqa: E402

CUT_OFF = 60.0  # seconds: a guard still busy after this is reported as "> 60 s"


def _rdflib_guard(text: str) -> str:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
        algebra = translateQuery(parsed, initNs=dict(PREFIXES)).algebra
    except Exception as exc:
        raise QueryError(f"malformed: {exc}") from None
    stack: list[object] = [parsed, algebra]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise QueryError("SERVICE")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(list(node))  # type: ignore[call-overload]
    return text


def _normalising_guard(text: str) -> str:
    if re.search(r"\\[uU]", text):
        raise QueryError("escape refused")
    return _rdflib_guard(re.sub(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", text))


def _token_guard(text: str) -> str:
    return canonical_query(text, prefixes=PREFIXES).text


GUARDS: dict[str, Callable[[str], str]] = {
    "rdflib": _rdflib_guard,
    "normalise+rdflib": _normalising_guard,
    "tokens": _token_guard,
}


class _Trap:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            conn.close()


def _run(store: ox.Store, text: str) -> None:
    try:
        result = store.query(text, prefixes=dict(PREFIXES))
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass


def _leaks(guard: Callable[[str], str], store: ox.Store, trap: _Trap) -> tuple[int, int]:
    battery = live(trap.port) + variants(trap.port)
    leaked = 0
    for _, query in battery:
        try:
            text = guard(query)
        except QueryError:
            continue
        before = trap.count
        _run(store, text)
        time.sleep(0.01)
        leaked += trap.count > before
    return leaked, len(battery)


ORDINARY = [
    'SELECT ?l WHERE { ?e skos:prefLabel ?l FILTER(CONTAINS(STR(?l), "caf\\u00e9")) }',
    "SELECT ?x WHERE {\r\n  BIND('''two\r\nlines''' AS ?x) # a Windows editor\r\n}",
    "ASK { nk:diabetes nko:causes ?x FILTER(1-1 = 0 && -2 < +3) }",
]


def _refusals(guard: Callable[[str], str]) -> tuple[int, int]:
    texts = [q.text for q in named_queries().values()] + ORDINARY
    refused = 0
    for text in texts:
        try:
            guard(text)
        except QueryError:
            refused += 1
    return refused, len(texts)


LARGE = {
    "14 KiB object list": "SELECT * WHERE { ?s ?p " + ", ".join(f'"l{i}"' for i in range(2000)) + " }",
    "20 KiB FILTER IN": "SELECT * WHERE { ?s ?p ?o FILTER(?o IN ("
    + ", ".join(f'"v{i:05d}"' for i in range(2200))
    + ")) }",
    "64 KiB VALUES": "SELECT ?x WHERE { VALUES ?x { " + " ".join(f'"v{i:06d}"' for i in range(7300)) + " } }",
}


def _seconds(fn: Callable[[], object], repeat: int) -> str:
    times = []
    for _ in range(repeat):
        done: list[float] = []

        def once(done: list[float] = done) -> None:
            start = time.perf_counter()
            try:
                fn()
            except QueryError:
                pass
            done.append(time.perf_counter() - start)

        thread = threading.Thread(target=once, daemon=True)
        thread.start()
        thread.join(CUT_OFF)
        if not done:
            return f"> {CUT_OFF:g} s"
        times.append(done[0])
    return f"{statistics.median(times) * 1000:.1f} ms"


def _engine_parse(text: str) -> Callable[[], object]:
    empty = ox.Store()
    return lambda: empty.query(text, prefixes=dict(PREFIXES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    store = ox.Store()
    trap = _Trap()
    print("| guard | battery queries that reached the trap | ordinary queries refused |")
    print("| --- | ---: | ---: |")
    bare = _leaks(lambda text: text, store, trap)
    print(f"| none (pyoxigraph alone) | {bare[0]} of {bare[1]} | 0 |")
    for name, guard in GUARDS.items():
        leaked, total = _leaks(guard, store, trap)
        refused, ordinary = _refusals(guard)
        print(f"| {name} | {leaked} of {total} | {refused} of {ordinary} |")
    print()
    names = list(LARGE)
    print("| guard | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for name, guard in GUARDS.items():
        cells = [_seconds(lambda text=text, guard=guard: guard(text), args.repeat) for text in LARGE.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    parse_only = {
        "14 KiB object list": None,  # pyoxigraph plans the object list for minutes: not a parse time
        "20 KiB FILTER IN": LARGE["20 KiB FILTER IN"],
        "64 KiB VALUES": LARGE["64 KiB VALUES"],
    }
    cells = [
        "(plans for minutes)" if text is None else _seconds(_engine_parse(text), args.repeat)
        for text in parse_only.values()
    ]
    print("| pyoxigraph query() on an empty store | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
