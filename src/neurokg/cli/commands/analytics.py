"""``path``, ``loops``, ``neighbors``, ``rank`` and ``treatments``: answers computed on the networkx view."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from neurokg.cli.options import add_command, add_corpus, add_format, add_graph_dir, add_include, add_relation, emit
from neurokg.core.errors import EXIT_OK

__all__ = ["register"]


def _network(args: argparse.Namespace, include: Any = None) -> Any:
    from neurokg.cli.source import prepared
    from neurokg.network.view import to_networkx

    return to_networkx(prepared(args).store, include=args.include if include is None else include)


def _relations(G: Any, names: Sequence[str]) -> list[str] | None:
    from neurokg.network.names import resolve_relation

    return [resolve_relation(G, n) for n in names] or None


def _walks(G: Any, walks: Sequence[Sequence[Any]], kind: str, fmt: str) -> None:
    """Paths or loops: a story in the table format, one row per hop in the others."""
    if fmt == "table":
        from neurokg.cli.story import render_story

        sys.stdout.write(render_story(G, walks, kind=kind))
        return
    from neurokg.network.hops import HOP_COLUMNS, hop_rows

    emit(HOP_COLUMNS, hop_rows(G, walks), fmt)


def path(args: argparse.Namespace) -> int:
    from neurokg.network.names import resolve
    from neurokg.network.paths import shortest_paths

    G = _network(args)
    source, target = resolve(G, args.source), resolve(G, args.target)
    paths = shortest_paths(
        G, source, target, max_paths=args.max, undirected=args.undirected, relations=_relations(G, args.relation)
    )
    if not paths:
        hint = "" if args.undirected else " (try --undirected)"
        print(f"note: no path from {source} to {target}{hint}", file=sys.stderr)
    _walks(G, paths, "path", args.format)
    return EXIT_OK


def loops(args: argparse.Namespace) -> int:
    from neurokg.network.cycles import CAUSAL_RELATIONS, feedback_loops, loop_network
    from neurokg.network.names import resolve
    from neurokg.rdf.status import parse_include

    include = parse_include(args.include)
    G = loop_network(_network(args, sorted(include | {"inferred"})), include)
    through = resolve(G, args.through) if args.through else None
    relations = None if args.all_relations else (_relations(G, args.relation) or CAUSAL_RELATIONS)
    found = feedback_loops(G, through=through, relations=relations, max_length=args.max_length, limit=args.limit)
    _walks(G, found, "loop", args.format)
    return EXIT_OK


def _label(G: Any, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def neighbors(args: argparse.Namespace) -> int:
    from neurokg.network.basis import basis_text, certainty_text
    from neurokg.network.names import resolve
    from neurokg.network.neighbors import neighbors

    G = _network(args)
    node = resolve(G, args.name)
    found = neighbors(G, node, relations=_relations(G, args.relation), depth=args.depth, direction=args.direction)
    if args.format == "table":  # for reading: names, not ids
        rows = [
            [depth, _label(G, hop.source), hop.label, "in" if hop.inverse else "out", _label(G, hop.target),
             G.nodes[hop.target].get("type", ""), basis_text(hop.status),
             certainty_text(hop.evidence, hop.basis, str(hop.qualifiers.get("certainty", "")))]
            for depth, hop in found
        ]  # fmt: skip
        emit(["depth", "from", "relation", "direction", "to", "type", "basis", "certainty"], rows, args.format)
        return EXIT_OK
    rows = [
        [
            depth,
            hop.source,
            hop.relation,
            "in" if hop.inverse else "out",
            hop.target,
            _label(G, hop.target),
            G.nodes[hop.target].get("type", ""),
            basis_text(hop.status),
            certainty_text(hop.evidence, hop.basis, str(hop.qualifiers.get("certainty", ""))),
            hop.statement,
            hop.evidence,
        ]
        for depth, hop in found
    ]
    columns = [
        "depth", "from", "relation", "direction", "node", "label", "type", "basis", "certainty", "statement",
        "evidence",
    ]  # fmt: skip
    emit(columns, rows, args.format)
    return EXIT_OK


def rank(args: argparse.Namespace) -> int:
    from neurokg.network.basis import basis_text
    from neurokg.network.ranking import rank

    G = _network(args)
    ranked = rank(G, by=args.by, type=args.type, top=args.top or None, sample=args.sample)
    if args.by == "degree":  # the score is the degree: one column
        rows = [[r.rank, r.node, r.label, r.type, r.degree, basis_text(r.basis) if r.basis else ""] for r in ranked]
        emit(["rank", "node", "label", "type", "degree", "basis"], rows, args.format)
    else:
        rows = [
            [r.rank, r.node, r.label, r.type, r.score, r.degree, basis_text(r.basis) if r.basis else ""]
            for r in ranked
        ]
        emit(["rank", "node", "label", "type", args.by, "degree", "basis"], rows, args.format)
    return EXIT_OK


def treatments(args: argparse.Namespace) -> int:
    from neurokg.network.basis import basis_text, certainty_text, labelled_qualifiers
    from neurokg.network.names import resolve
    from neurokg.network.treatments import BROADER_RELATIONS, TREATMENT_COLUMNS, treatment_rows, treatments

    LIMITS = ("lineOfTherapy", "durability", "caveatKind")

    G = _network(args)
    options = treatments(G, resolve(G, args.name), broader=() if args.no_broader else BROADER_RELATIONS)
    if args.format == "table":  # for reading: names, and the limits the text gives as one column
        rows = []
        for o in options:
            limits = labelled_qualifiers(o.evidence, o.basis, o.qualifiers)
            rows.append(
                [_label(G, o.treatment), G.nodes[o.treatment].get("type", ""), _label(G, o.target),
                 _label(G, o.via) if o.via else "", basis_text(o.statuses),
                 certainty_text(o.evidence, o.basis, str(o.qualifiers.get("certainty", ""))),
                 ", ".join(str(v) for k in LIMITS for v in limits.get(k, []))]
            )  # fmt: skip
        emit(["treatment", "type", "for", "via", "basis", "certainty", "limits"], rows, args.format)
        return EXIT_OK
    emit(TREATMENT_COLUMNS, treatment_rows(G, options), args.format)
    return EXIT_OK


def _graph_options(p: argparse.ArgumentParser) -> None:
    add_graph_dir(p)
    add_corpus(p)
    add_include(p)
    add_format(p)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the analytics commands."""
    p = add_command(
        sub,
        "path",
        "the shortest explanatory paths from A to B, one row per hop with relation, qualifiers and evidence",
        "neurokg path diabetes depression --max 3",
    )
    p.add_argument("source", metavar="A", help="where the path starts: a label, altLabel or id")
    p.add_argument("target", metavar="B", help="where it ends")
    p.add_argument("--max", type=int, default=5, metavar="N", help="at most N paths, shortest first (default 5)")
    p.add_argument("--undirected", action="store_true", help="also walk relations backwards (marked inverse)")
    add_relation(p)
    _graph_options(p)
    p.set_defaults(func=path)

    p = add_command(
        sub,
        "loops",
        "feedback loops: directed cycles of causal relations, one row per hop with its evidence",
        'neurokg loops --through "sleep disturbance"',
    )
    p.add_argument("--through", metavar="X", help="only loops through X (a label, altLabel or id)")
    add_relation(p, " (default: causal)")
    p.add_argument("--all-relations", action="store_true", help="let loops use every relation")
    p.add_argument("--max-length", type=int, default=8, metavar="N", help="longest loop in hops (default 8)")
    p.add_argument("--limit", type=int, metavar="N", help="print at most N loops (the first N found, shortest first)")
    _graph_options(p)
    p.set_defaults(func=loops)

    p = add_command(
        sub,
        "neighbors",
        "what X is related to, within --depth hops, one row per relation",
        'neurokg neighbors "muscle tension" --depth 2 --relation leadsTo',
    )
    p.add_argument("name", metavar="X", help="a label, altLabel or id")
    add_relation(p)
    p.add_argument("--depth", type=int, default=1, metavar="N", help="hops away (default 1)")
    p.add_argument("--direction", choices=["both", "out", "in"], default="both", help="relations from/to X")
    _graph_options(p)
    p.set_defaults(func=neighbors)

    p = add_command(
        sub,
        "rank",
        "the most central entities by degree, PageRank or betweenness",
        "neurokg rank --by pagerank --type Treatment --top 5",
    )
    p.add_argument("--by", choices=["degree", "pagerank", "betweenness"], default="degree", help="measure")
    p.add_argument("--type", metavar="T", help="only entities of class T or its subclasses (e.g. Drug, Symptom)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many (default 10; 0: all)")
    p.add_argument("--sample", type=int, metavar="K", help="estimate betweenness from K source nodes (large graphs)")
    _graph_options(p)
    p.set_defaults(func=rank)

    p = add_command(
        sub,
        "treatments",
        "treatments for a condition or symptom, also through drug classes and broader concepts, with caveats",
        'neurokg treatments "neuropathic pain" --format csv',
    )
    p.add_argument("name", metavar="X", help="a condition or symptom: label, altLabel or id")
    p.add_argument("--no-broader", action="store_true", help="leave out what is said of broader concepts")
    _graph_options(p)
    p.set_defaults(func=treatments)
