"""``neurokg accept``: merge reviewed proposals into ``graph/``, log the rejections, validate, then write.

For every review file: each document must be in the corpus with the SHA-256 the proposals were made
on (and the one ``graph/`` records for it, if any); every accepted or edited decision is re-anchored
and its ends resolved (:mod:`~neurokg.curate.readings`); every rejection goes to the rejection log
(:mod:`~neurokg.curate.rejections`). The readings are merged into each document's accepted file
(:mod:`~neurokg.curate.merge`), the whole graph is validated with the corpus (SHACL shapes and QC
rules), and only then are the files written. Any problem refuses the whole run: nothing is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from neurokg.core import resources
from neurokg.core.errors import EXIT_INVALID, UsageError
from neurokg.core.namespace import NKO
from neurokg.curate.documents import read_text
from neurokg.curate.merge import (
    accepted_file_name,
    add_reading,
    describe_document,
    document_iri,
    documents_in,
    drop_proposals,
    evidence_triples,
    reading_of,
    serialize,
    what_span_says,
)
from neurokg.curate.readings import Reading, ReadingError, reading
from neurokg.curate.rejections import LOG_NAME, Rejection, read_rejections, render
from neurokg.curate.review import Review, read_review
from neurokg.curate.vocabulary import vocabulary
from neurokg.rdf.load import read_sources, read_turtle
from neurokg.rdf.provenance import document_hash
from neurokg.rdf.report import Violation
from neurokg.rdf.validate import validate_sources

__all__ = ["AcceptError", "AcceptResult", "accept"]


class AcceptError(UsageError):
    """Reviews that cannot be merged: the first problem, and how many there are (:attr:`problems`)."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = (
            f" (and {len(problems) - 1} more problems; neurokg accept --check lists them)" if len(problems) > 1 else ""
        )
        super().__init__(problems[0] + more)


@dataclass
class AcceptResult:
    """What ``accept`` did (or, with ``check``, would do), per document."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def count(self, document: str, key: str, n: int = 1) -> None:
        self.counts.setdefault(document, Counter())[key] += n


_Item = tuple[Reading, Review, "dict[str, Any] | None"]
"""A reading, the review it comes from and the review's record of its document."""


def _date(review: Review) -> str:
    return (review.reviewed or "")[:10] or "1970-01-01"


def _graph_documents(graph: Graph) -> dict[str, tuple[URIRef, str]]:
    return {name: (iri, str(graph.value(iri, NKO.sha256) or "")) for name, iri in documents_in(graph)}


class _Run:
    """One accept run: the graph as it is, the documents' texts, and what the reviews change."""

    def __init__(self, gdir: Path, corpus: Path) -> None:
        self.gdir, self.corpus = gdir, corpus
        self.graph = read_sources(graph_dir=gdir, corpus=corpus).graph
        self.vocab = vocabulary(self.graph)
        self.known = _graph_documents(self.graph)
        self.texts: dict[str, tuple[str, str]] = {}
        self.files: dict[str, Graph] = {}
        self.rejections = read_rejections(gdir / LOG_NAME)
        self.problems: list[str] = []

    def text(self, name: str, sha256: str | None) -> tuple[str, str] | None:
        """The document's text and hash, or ``None`` (a problem logged once) when it changed."""
        if name not in self.texts:
            self.texts[name] = (text := read_text(self.corpus / name), document_hash(text))
        text, actual = self.texts[name]
        recorded = self.known.get(name, (None, ""))[1]
        problem = None
        if recorded and recorded != actual:
            problem = f"graph/ records SHA-256 {recorded[:12]}…, the corpus has {actual[:12]}…"
        elif sha256 and sha256 != actual:
            problem = f"reviewed on SHA-256 {sha256[:12]}…, the corpus has {actual[:12]}…"
        if problem is None:
            return text, actual
        line = f"{self.corpus / name}: document-changed: {problem}; propose and review it again"
        if line not in self.problems:
            self.problems.append(line)
        return None

    def accepted(self, name: str) -> Graph:
        if name not in self.files:
            path = self.gdir / accepted_file_name(name)
            self.files[name] = read_turtle(path) if path.is_file() else Graph()
        return self.files[name]


def _review(run: _Run, path: Path, review: Review, result: AcceptResult, readings: list[_Item]) -> None:
    records = {d.get("file_name"): d for d in review.documents}
    for n, d in enumerate(review.decisions, 1):
        p = d.proposal
        result.count(p.document, d.decision)
        if d.decision == "pending":
            continue
        where = f"{path}: decision {n} ({p.id})"
        anchored = run.text(p.document, p.sha256)
        if anchored is None:
            continue
        run.accepted(p.document)
        if d.decision == "reject":
            sha = p.sha256 or anchored[1]
            curator = review.curator or "unknown"
            run.rejections[p.id] = Rejection(
                p.id, p.document, sha, p.start, p.end, p.subject, p.predicate, p.object,
                d.reason or "other", d.note, curator, _date(review),
            )  # fmt: skip
            continue
        run.rejections.pop(p.id, None)
        try:
            readings.append((reading(d, run.vocab, *anchored), review, records.get(p.document)))
        except ReadingError as exc:
            run.problems.append(f"{where}: {exc}")


def _evidence(graph: Graph) -> set:

    from neurokg.core.namespace import NKO

    return set(graph.subjects(RDF.type, NKO.Evidence))


def _merge(run: _Run, readings: list[_Item], decided: dict[str, set[str]], result: AcceptResult) -> None:
    old: dict[str, Graph] = {}
    for name, ids in decided.items():
        target = run.accepted(name)
        old[name] = Graph() + target
        drop_proposals(target, ids)
    for r, review, record in readings:
        name = r.proposal.document
        target = run.accepted(name)
        doc = run.known.get(name, (None, ""))[0]
        if doc is None:
            doc = document_iri(name)
            if record is None:
                run.problems.append(f"{name}: the review file does not describe this document")
                continue
            describe_document(target, doc, record)
        st, ev, triples = evidence_triples(r, doc, review.curator or "unknown", _date(review))
        before = old.get(name, Graph())
        merged = (ev, None, None) in before or (ev, None, None) in target
        if (ev, RDF.type, NKO.Evidence) in run.graph and not merged:  # a span a curator wrote by hand
            if what_span_says(run.graph, ev) != what_span_says(triples, ev):
                run.problems.append(
                    f"{name}: proposal {r.proposal.id} reads span {r.start}-{r.end} of {st} unlike the curator's "
                    "reading by hand: reject it as a duplicate or edit it"
                )
            else:
                result.count(name, "unchanged")  # the graph already holds this reading, written by hand
            continue
        outcome = add_reading(target, triples, ev)
        if outcome == "conflict":
            run.problems.append(f"{name}: proposal {r.proposal.id} reads span {r.start}-{r.end} of {st} differently "
                                "from another accepted proposal: edit one of them")  # fmt: skip
        elif outcome == "same":
            pass  # a second proposal on a span this run already added
        elif (ev, None, None) in before:
            result.count(name, "unchanged" if reading_of(before, ev) == reading_of(triples, ev) else "updated")
        else:
            result.count(name, "added to existing statement" if (st, None, None) in run.graph else "new statement")
    for name, before in old.items():
        result.count(name, "removed", len(_evidence(before) - _evidence(run.accepted(name))))


def _errors(gdir: str | Path, corpus: Path) -> list[Violation]:
    return validate_sources(read_sources(graph_dir=gdir, corpus=corpus)).errors


def _key(v: Violation) -> tuple[str, ...]:
    return (v.focus, v.rule, v.message, v.path, v.value)


def _validate(run: _Run, contents: dict[Path, str]) -> None:
    """Validate the graph as it would be; refuse errors the merge brings (earlier ones are not its doing)."""
    with tempfile.TemporaryDirectory(prefix="neurokg-accept-") as tmp:
        for f in run.gdir.glob("*.ttl"):
            shutil.copy2(f, tmp)
        for path, text in contents.items():
            (Path(tmp) / path.name).write_text(text, encoding="utf-8")
        after = _errors(tmp, run.corpus)
        if not after:
            return
        before = {_key(v) for v in _errors(run.gdir, run.corpus)}
        for v in after:
            if _key(v) not in before:
                run.problems.append(f"validation: {str(v).replace(tmp, str(run.gdir))}")


def accept(
    reviews: Sequence[str | os.PathLike[str]],
    *,
    graph_dir: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    check: bool = False,
) -> AcceptResult:
    """Merge the decisions of ``reviews`` into ``graph_dir``; with ``check``, only say what would change.

    Raises :class:`AcceptError` (nothing written) when a document changed, an end does not resolve,
    a decision cannot be merged, or the merged graph does not validate.
    """
    corpus_path = resources.corpus_dir(corpus)
    if corpus_path is None:
        raise UsageError("neurokg accept re-anchors every span in its document: give --corpus DIR or NEUROKG_CORPUS")
    gdir = Path(graph_dir) if graph_dir else resources.graph_dir()
    run, result = _Run(gdir, corpus_path), AcceptResult()
    readings: list[_Item] = []
    decided: dict[str, set[str]] = {}
    for path in reviews:
        review = read_review(path)
        for d in review.decisions:
            if d.decision != "pending":
                decided.setdefault(d.proposal.document, set()).add(d.proposal.id)
        _review(run, Path(path), review, result, readings)
    if not run.problems:
        _merge(run, readings, decided, result)
    contents: dict[Path, str] = {}
    if not run.problems:
        for name, g in run.files.items():
            path = gdir / accepted_file_name(name)
            if len(g) or path.is_file():
                contents[path] = serialize(g)
        contents[gdir / LOG_NAME] = render(run.rejections.values())
        _validate(run, contents)
    result.problems = run.problems
    if run.problems:
        raise AcceptError(run.problems)
    if not check:
        from neurokg.core.atomic import atomic_write_texts

        changed = {p: t for p, t in contents.items() if not p.is_file() or p.read_text(encoding="utf-8") != t}
        # all files or none: a failure while writing leaves graph/ and the rejection log as they were
        result.written.extend(atomic_write_texts(changed))
    return result
