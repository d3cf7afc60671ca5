"""New candidate terms: names in a sentence that the graph does not know yet.

Without a tagger, a term is found by rule (``rules/terms.toml``): a run of content words between
function words, verbs, adverbs and punctuation, joined across ``of``/``in``/``to`` after a noun
that takes a complement (``loss of sensation``), with leading degree words dropped (``excessive
stress`` names *stress*), and proposed only when its last word is a known head noun, which also
gives its class. A shared head distributes over a list of single words (``back, leg and hip
problems`` names three problems).

>>> terms = candidate_terms("Long-term binge drinking and severe back, leg and hip problems.")
>>> [(t.name, sorted(t.classes)) for t in terms]  # doctest: +NORMALIZE_WHITESPACE
[('binge drinking', ['Cause']), ('back problems', ['Condition']),
 ('leg problems', ['Condition']), ('hip problems', ['Condition'])]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from neurokg.curate.classes import K
from neurokg.curate.names import singular
from neurokg.curate.tokens import Word, words

__all__ = ["Term", "TermRules", "term_rules", "candidate_terms", "RULES_DIR"]

RULES_DIR = Path(__file__).resolve().parent / "rules"
_CONTENT_STOP = {"back", "side", "front", "top", "bottom", "full"}
_ADVERB_OK = {"daily", "early", "family", "belly", "only"}
_LINKS = {"of", "in", "to"}
_MAX_WORDS = 6


@dataclass(frozen=True)
class Term:
    """A candidate term: ``name`` (which may distribute a shared head) found at ``text[start:end]``."""

    start: int
    end: int
    name: str
    classes: frozenset[str]


@dataclass(frozen=True)
class TermRules:
    """The word lists of ``rules/terms.toml``, each word made singular."""

    verbs: frozenset[str]
    generic: frozenset[str]
    modifiers: frozenset[str]
    relational: frozenset[str]
    vague: frozenset[str]
    heads: dict[str, frozenset[str]]
    drug_stems: tuple[str, ...]

    def head_classes(self, word: Word) -> frozenset[str]:
        """Classes a term ending in ``word`` names (empty when the word is no known head)."""
        last = word.norm.split()[-1] if word.norm else ""
        found = self.heads.get(last, frozenset()) or self.heads.get(last.split("-")[-1], frozenset())
        if not found and len(last) > 5 and last.endswith(self.drug_stems):
            return frozenset({K.Drug, K.Treatment})
        return found

    def is_break(self, word: Word) -> bool:
        """True when ``word`` cannot be part of a term."""
        low = word.lower
        if not word.is_word or low.isdigit():
            return True
        if low in STOP_WORDS and low not in _CONTENT_STOP:
            return True
        if low in self.verbs or singular(low) in self.verbs:
            return True
        return low.endswith("ly") and len(low) > 4 and low not in _ADVERB_OK and "-" not in low


def _split(text: str) -> set[str]:
    return {singular(w.casefold()) for w in text.split()}


@lru_cache(maxsize=1)
def term_rules() -> TermRules:
    """The rules of ``rules/terms.toml``."""
    data = tomllib.loads((RULES_DIR / "terms.toml").read_text(encoding="utf-8"))
    heads: dict[str, set[str]] = {}
    for cls, listed in data["heads"].items():
        for w in _split(listed):
            heads.setdefault(w, set()).add(cls)
            if cls in (K.Drug, K.Therapy):
                heads[w].add(K.Treatment)
    return TermRules(
        verbs=frozenset(_split(data["verbs"]) | {w.casefold() for w in data["verbs"].split()}),
        generic=frozenset(_split(data["generic"])),
        modifiers=frozenset(_split(data["modifiers"])),
        relational=frozenset(_split(data["relational"])),
        vague=frozenset(_split(data["vague"]["words"])),
        heads={k: frozenset(v) for k, v in heads.items()},
        drug_stems=tuple(data["drug_stems"]["stems"].split()),
    )


def _runs(ws: list[Word], rules: TermRules) -> list[list[Word]]:
    runs: list[list[Word]] = []
    i = 0
    while i < len(ws):
        if rules.is_break(ws[i]):
            i += 1
            continue
        run = [ws[i]]
        i += 1
        while i < len(ws):
            if not rules.is_break(ws[i]):
                if len(run) >= 2 and all(_capitals(w) for w in run) and not _capitals(ws[i]):
                    break  # a name in capitals (a byline) is not the start of a term
                run.append(ws[i])
                i += 1
                continue
            # "loss of sensation", "arthritis in the spine", "damage to the nervous system"
            if ws[i].lower in _LINKS and singular(run[-1].lower) in rules.relational:
                j = i + 1
                if j < len(ws) and ws[j].lower in ("the", "a"):
                    j += 1
                if j < len(ws) and not rules.is_break(ws[j]):
                    run.extend(ws[i:j])
                    i = j
                    continue
            break
        runs.append(run)
    return runs


def _capitals(w: Word) -> bool:
    return len(w.text) > 1 and w.text.isalpha() and w.text.isupper()


def _trim(run: list[Word], rules: TermRules) -> list[Word]:
    while len(run) > 1 and (
        singular(run[0].lower) in rules.modifiers or (run[0].lower in STOP_WORDS and run[0].lower not in _CONTENT_STOP)
    ):
        run = run[1:]
    return run[-_MAX_WORDS:]


def _name(run: list[Word], text: str) -> str:
    return " ".join(text[run[0].start : run[-1].end].split())


def _term(run: list[Word], text: str, rules: TermRules) -> Term | None:
    run = _trim(run, rules)
    link = next((k for k, w in enumerate(run) if w.lower in _LINKS), None)
    # "arthritis in the spine" is an arthritis; "loss of sensation" takes its class from the complement
    classes = (rules.head_classes(run[link - 1]) if link else frozenset()) or rules.head_classes(run[-1])
    if not classes:
        return None
    if len(run) == 1 and (run[0].norm in rules.vague or run[0].norm in rules.generic):
        return None
    return Term(run[0].start, run[-1].end, _name(run, text), classes)


def _distribute(ws: list[Word], runs: list[list[Word]], text: str, rules: TermRules) -> dict[int, list[Term]]:
    """Index of a two-word run -> terms for the single words listed before it with its head."""
    out: dict[int, list[Term]] = {}
    position = {id(r[0]): k for k, r in enumerate(runs)}
    runs_ending = {r[-1].start: r[0] for r in runs}
    index = {w.start: n for n, w in enumerate(ws)}
    for k, run in enumerate(runs):
        if len(run) != 2:
            continue
        head = run[-1]
        classes = rules.head_classes(head)
        if not classes:
            continue
        singles: list[list[Word]] = []
        n = index[run[0].start] - 1
        if n < 1 or ws[n].lower not in ("and", "or"):
            continue
        while n >= 1 and ws[n].lower in ("and", "or", ","):
            n -= 1
            if ws[n].lower == ",":
                n -= 1
            prev = position.get(id(runs_ending.get(ws[n].start, ws[n])))
            if prev is None or len(_trim(runs[prev], rules)) != 1:
                break
            word = _trim(runs[prev], rules)[0]
            own = rules.head_classes(word)
            if own and K.AnatomicalStructure not in own:
                break  # "massage, relaxation and physical therapies": each word names a concept itself
            singles.insert(0, [word])
            n = index[runs[prev][0].start] - 1
        if singles:
            gap = text[run[0].end : head.start]
            out[k] = [Term(s[0].start, s[0].end, f"{s[0].text}{gap}{head.text}", classes) for s in singles]
    for k, run in enumerate(runs):
        # "serotonin and norepinephrine reuptake inhibitors": one name over a coordinated modifier
        n = index[run[0].start] - 1
        if len(run) >= 3 and k not in out and n >= 1 and ws[n].lower == "and":
            prev = position.get(id(runs_ending.get(ws[n - 1].start, ws[n - 1])))
            classes = rules.head_classes(run[-1])
            if prev is not None and len(runs[prev]) == 1 and classes and not rules.head_classes(runs[prev][0]):
                first = runs[prev][0]
                out[k] = [Term(first.start, run[-1].end, _name([first, *run], text), classes)]
    return out


_EXAMPLES = {"such as", "e.g.", "like", "including", "for example"}


def _names_listed(ws: list[Word], rules: TermRules) -> list[Term]:
    """Capitalised names listed after ``such as``, ``e.g.``, ``like``: brand or proper names, class unknown."""
    out: list[Term] = []
    listing = False
    for n, w in enumerate(ws):
        pair = f"{ws[n - 1].lower} {w.lower}" if n else w.lower
        if w.lower in _EXAMPLES or pair in _EXAMPLES:
            listing = True
            continue
        if not listing or w.lower in (",", "and", "or"):
            continue
        if w.text[:1].isupper() and w.is_word and not rules.is_break(w) and not rules.head_classes(w):
            out.append(Term(w.start, w.end, w.text, frozenset()))
            continue
        if w.lower.endswith("ing") and len(w.lower) > 5 and not rules.is_break(w) and not rules.head_classes(w):
            out.append(Term(w.start, w.end, w.text, frozenset()))  # "exercises like walking or swimming"
            continue
        listing = False
    return out


def candidate_terms(text: str, start: int = 0, end: int | None = None) -> list[Term]:
    """New candidate terms in ``text[start:end]``, in order of position."""
    rules = term_rules()
    ws = words(text, start, end)
    runs = _runs(ws, rules)
    shared = _distribute(ws, runs, text, rules)
    covered = {t.start for terms in shared.values() for t in terms}
    spans = [(t.start, t.end) for terms in shared.values() for t in terms]
    out: list[Term] = []
    for k, run in enumerate(runs):
        out.extend(shared.get(k, []))
        if _trim(run, rules)[0].start in covered or any(a <= run[0].start and run[-1].end <= b for a, b in spans):
            continue
        term = _term(run, text, rules)
        if term is not None:
            out.append(term)
    named = {t.start for t in out}
    out.extend(t for t in _names_listed(ws, rules) if t.start not in named)
    return sorted(out, key=lambda t: (t.start, t.end))
