"""Measure ``neurokg propose`` leaving one article out: recall, precision, qualifier accuracy and speed.

    python benchmarks/bench_propose.py                      # both articles, Markdown tables for the README
    python benchmarks/bench_propose.py --json figures.json  # also write the figures as JSON

For each of the two articles, the proposer's vocabulary is the graph's labels minus every label
that occurs in that article and in no other (names only the held-out article uses must be found as
new terms). A proposal matches a curated statement with evidence in the article when its two ends
name the statement's two concepts (same CURIE, or a new end whose normalised name is a label of
the concept) and its span overlaps one of the statement's evidence spans there: *pair* ignores the
property and the direction, *directed* keeps the direction, *typed* also the property. Qualifier
accuracy compares, on each matched statement, the best proposal's certainty, negation, line of
therapy, durability and advertising flag with the graph. The cue and relation rules were written
after reading both articles: these figures are optimistic for documents the rules have not seen.

Baselines in the same run: certainty without any cue rule (every proposal "Asserted"), and, when
negspacy is installed, negspacy's per-entity negation on the same matched proposals. Speed is the
ratio of the whole proposer to spaCy alone (tokenizer + PhraseMatcher over the same vocabulary).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from neurokg import load_graph  # noqa: E402
from neurokg.curate.documents import read_text, register  # noqa: E402
from neurokg.curate.evaluate import (  # noqa: E402
    FIELDS,
    Scores,
    gold_statements,
    held_out_vocabulary,
    leave_one_out,
    matched_proposals,
)
from neurokg.curate.mentions import MentionFinder  # noqa: E402
from neurokg.curate.propose import propose_text  # noqa: E402
from neurokg.curate.tokens import blank_english  # noqa: E402
from neurokg.curate.vocabulary import vocabulary  # noqa: E402

ARTICLES = ("000_c4bdad115d249047.txt", "003_0cd4833e1a3bd26d.txt")
TARGETS = {"recall": 0.55, "precision": 0.45, "qualifiers": 0.85}


def figures(scores: Scores) -> dict[str, Any]:
    """The figures of one held-out article as a flat dictionary."""
    out: dict[str, Any] = {"document": scores.document, "proposals": scores.proposals, "statements": scores.statements}
    for level in ("pair", "directed", "typed"):
        out[f"{level}_recall"] = round(scores.recall(level), 3)
        out[f"{level}_precision"] = round(scores.precision(level), 3)
    out["qualifier_accuracy"] = round(scores.qualifier_accuracy(), 3)
    for name in FIELDS:
        out[f"qualifier_{name}"] = round(scores.qualifier_accuracy(name), 3)
    out["matched_statements"] = scores.matched.get("pair", 0)
    return out


def certainty_baseline(graph: Any, corpus: Path, held: str, proposals: list[Any]) -> float:
    """Certainty accuracy on the matched statements if no cue rule ran (every proposal Asserted)."""
    full = vocabulary(graph)
    pairs = matched_proposals(held, proposals, gold_statements(graph, held), full)
    return round(sum(g.certainty == "Asserted" for g, _ in pairs) / len(pairs), 3) if pairs else 0.0


def negspacy_negation(graph: Any, corpus: Path, held: str, proposals: list[Any]) -> dict[str, Any] | None:
    """negspacy (en_clinical termset) on the ends of the matched proposals; None when it is not installed."""
    try:
        from negspacy.negation import Negex  # noqa: F401
        from negspacy.termsets import termset
    except ImportError:
        return None

    nlp = blank_english().__class__()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("negex", config={"neg_termset": termset("en_clinical").get_patterns(), "ent_types": ["END"]})
    text = read_text(corpus / held)
    pairs = matched_proposals(held, proposals, gold_statements(graph, held), vocabulary(graph))
    agree_gold = agree_ours = 0
    for gold, p in pairs:
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text[p.start : p.end]))
        ents = []
        for a, b in ((p.subject_start, p.subject_end), (p.object_start, p.object_end)):
            if a is not None and b is not None:
                span = doc.char_span(a - p.start, b - p.start, label="END", alignment_mode="expand")
                if span is not None and all(not (span.start < e.end and e.start < span.end) for e in ents):
                    ents.append(span)
        doc.ents = sorted(ents, key=lambda s: s.start)
        negated = any(e._.negex for e in nlp.get_pipe("negex")(doc).ents)
        agree_gold += negated == gold.negated
        agree_ours += negated == p.negated
    n = len(pairs)
    return {"pairs": n, "agrees_with_graph": round(agree_gold / n, 3), "agrees_with_rules": round(agree_ours / n, 3)}


def speed(graph: Any, corpus: Path, held: str, other: str, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` seconds: the whole proposer, and spaCy's tokenizer + PhraseMatcher alone."""
    from spacy.matcher import PhraseMatcher

    full = vocabulary(graph)
    text = read_text(corpus / held)
    vocab = held_out_vocabulary(full, text, [read_text(corpus / other)])
    doc = register(corpus / held, text)
    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for c in vocab.concepts.values():
        matcher.add(c.id, [nlp.make_doc(label) for label in c.labels])
    finder = MentionFinder(vocab)

    def best(func: Any) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            func()
            times.append(time.perf_counter() - t)
        return min(times)

    ours = best(lambda: propose_text(vocab, doc, text, finder=finder))
    raw = best(lambda: matcher(nlp.make_doc(text)))
    return {"neurokg_s": round(ours, 4), "spacy_s": round(raw, 4), "ratio": round(ours / raw, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    graph = load_graph(corpus=None)
    rows = []
    for held in ARTICLES:
        other = next(a for a in ARTICLES if a != held)
        scores, proposals = leave_one_out(graph, args.corpus, held, [other])
        row = figures(scores)
        row["certainty_without_cues"] = certainty_baseline(graph, args.corpus, held, proposals)
        row["negspacy"] = negspacy_negation(graph, args.corpus, held, proposals)
        row["speed"] = speed(graph, args.corpus, held, other)
        row["meets_targets"] = (
            row["pair_recall"] >= TARGETS["recall"]
            and row["pair_precision"] >= TARGETS["precision"]
            and row["qualifier_accuracy"] >= TARGETS["qualifiers"]
        )
        rows.append(row)

    print(
        "| held-out article | statements | proposals | pair R | pair P | directed R | directed P | typed R | typed P |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['document'][:3]} | {r['statements']} | {r['proposals']} | {r['pair_recall']:.2f} | "
            f"{r['pair_precision']:.2f} | {r['directed_recall']:.2f} | {r['directed_precision']:.2f} | "
            f"{r['typed_recall']:.2f} | {r['typed_precision']:.2f} |"
        )
    print()
    print("| held-out | qualifiers | certainty | certainty, no cues | negated | line | durability | advertising |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['document'][:3]} | {r['qualifier_accuracy']:.2f} | {r['qualifier_certainty']:.2f} | "
            f"{r['certainty_without_cues']:.2f} | {r['qualifier_negated']:.2f} | "
            f"{r['qualifier_line_of_therapy']:.2f} | {r['qualifier_durability']:.2f} | "
            f"{r['qualifier_advertising']:.2f} |"
        )
    print()
    for r in rows:
        s = r["speed"]
        neg = r["negspacy"]
        extra = (
            f"; negspacy negation agrees with the graph on {neg['agrees_with_graph']:.2f} of {neg['pairs']} matches"
            if neg
            else "; negspacy not installed"
        )
        print(
            f"{r['document'][:3]}: proposer {s['neurokg_s']:.3f} s, spaCy tokenizer+PhraseMatcher {s['spacy_s']:.4f} s "
            f"(ratio {s['ratio']}){extra}; meets targets: {r['meets_targets']}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
