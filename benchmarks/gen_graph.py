"""Write a synthetic neurokg graph of about N triples with the real graph's shape, as N-Triples.

The real curated graph is the template. It is copied as many times as needed: every entity,
statement and evidence span gets a copy suffix (``nk:diabetes__7``), keeping its classes, labels,
qualifiers and offsets; every domain triple of copy *k* keeps its relation and its subject in copy
*k*, and points to its object in copy *k* (80 %) or in a random other copy (20 %), so copies are
wired together instead of being islands; an object that has no relation of its own stays in copy *k*, and
only whole copies are written, so every entity keeps a relation and the graph is valid (``neurokg build``
accepts it). Labels of copy *k* > 0 end in `` k`` (``diabetes 7``).
Its statement follows the rewired object. The ontology
and the document descriptions are included once, so the file loads like the real graph
(``rdflib.Graph().parse(path)`` or a pyoxigraph store). Evidence text is not included (as a build
without a corpus).

    python benchmarks/gen_graph.py 1000000 /tmp/synthetic-1m.nt
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from neurokg.core.namespace import NKO  # noqa: E402
from neurokg.rdf.load import load_graph  # noqa: E402
from neurokg.rdf.schema import domain_predicates, entities  # noqa: E402

LABELS = (SKOS.prefLabel, SKOS.altLabel)
# what the loader derives on a statement from its evidence (rdf/status.ru): left out, so the file reads like
# curated input and the loader derives it again
DERIVED = (
    NKO.status, NKO.certainty, NKO.hedge, NKO.lineOfTherapy, NKO.durability,
    NKO.caveatKind, NKO.caveat, NKO.population, NKO.attributedTo,
)  # fmt: skip


def _template() -> tuple[Graph, Graph]:
    os.environ.pop("NEUROKG_CORPUS", None)
    full = load_graph(corpus=None)
    ontology = Graph().parse(ROOT / "ontology" / "neurokg.ttl")
    statements = set(full.subjects(RDF.type, NKO.Statement))
    for st in statements:
        for q in DERIVED:
            full.remove((st, q, None))
    data = Graph()
    for triple in full:
        if triple not in ontology:
            data.add(triple)
    return full, data


def copies_target(copies: int) -> int:
    """The ``target`` for :func:`generate` that gives exactly ``copies`` copies of the real graph."""
    full, data = _template()
    copied = entities(full) | set(data.subjects(RDF.type, NKO.Statement)) | set(data.subjects(RDF.type, NKO.Evidence))
    per_copy = sum(1 for s, _, _ in data if s in copied)
    return len(full) - per_copy + copies * per_copy


def generate(target: int, out: Path, *, seed: int = 0) -> int:
    """Write about ``target`` triples to ``out``; return how many were written."""
    full, data = _template()
    ontology_lines = [t for t in (full - data).serialize(format="nt").splitlines() if t]
    preds = domain_predicates(full)
    ents = entities(full)
    statements = set(data.subjects(RDF.type, NKO.Statement))
    spans = set(data.subjects(RDF.type, NKO.Evidence))
    copied = ents | statements | spans
    per_copy = sum(1 for s, _, _ in data if s in copied)
    shared = [t for t in data if t[0] not in copied]
    copies = max(1, -(-(target - len(ontology_lines) - len(shared)) // per_copy))
    stmt_of = {}
    for st in statements:
        s, p, o = data.value(st, RDF.subject), data.value(st, RDF.predicate), data.value(st, RDF.object)
        stmt_of[st] = (s, p, o)
    has_outgoing = {s for s, p, o in data if p in preds and o in ents}
    rng = random.Random(seed)
    written = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for line in ontology_lines:
            fh.write(line + "\n")
        for s, p, o in shared:
            fh.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
        written += len(ontology_lines) + len(shared)
        # one group per entity (its description), then one per domain triple (triple, statement, spans):
        # the last copy stops at a group boundary once the target is reached
        groups: dict[object, list] = {e: [] for e in sorted(ents)}
        triple_of = {(s, p, o): st for st, (s, p, o) in stmt_of.items()}
        for s, p, o in sorted(data):
            if s in ents and not (p in preds and o in ents):
                groups[s].append((s, p, o))
        for st in sorted(statements):
            s, p, o = stmt_of[st]
            plain = [(s, p, o)] if (s, p, o) in data else []  # only a stated relation has its plain triple
            group = [*plain, *data.triples((st, None, None))]
            for span in data.objects(st, NKO.evidence):
                group += list(data.triples((span, None, None)))
            groups[st] = group
        assert sum(map(len, groups.values())) == per_copy, "every copied triple belongs to one group"
        del triple_of
        for k in range(copies):
            target_copy: dict[tuple, int] = {}

            def rewired(triple: tuple, k: int = k, target_copy: dict = target_copy) -> int:
                if triple[2] not in has_outgoing:
                    return k
                if triple not in target_copy:
                    target_copy[triple] = k if copies == 1 or rng.random() < 0.8 else rng.randrange(copies)
                return target_copy[triple]

            for group in groups.values():
                for s, p, o in group:
                    subj = URIRef(f"{s}__{k}")
                    if p in preds and o in ents:
                        obj = URIRef(f"{o}__{rewired((s, p, o))}")
                    elif p == RDF.object and s in statements:
                        obj = URIRef(f"{o}__{rewired(stmt_of[s])}")
                    elif o in copied:
                        obj = URIRef(f"{o}__{k}")
                    elif p in LABELS and k:
                        obj = Literal(f"{o} {k}", lang=o.language)
                    else:
                        obj = o
                    fh.write(f"{subj.n3()} {p.n3()} {obj.n3()} .\n")
                written += len(group)
    os.replace(tmp, out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("triples", type=int, help="about how many triples")
    parser.add_argument("out", type=Path, help="N-Triples file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    n = generate(args.triples, args.out, seed=args.seed)
    print(f"wrote {n} triples to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
