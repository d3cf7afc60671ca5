"""``neurokg propose``: register documents, find their relations, and re-anchor every span.

>>> from neurokg import load_graph
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "leaflet.txt"
>>> _ = path.write_text("Leaflet\\n\\nDiabetes can cause neuropathy.\\n", encoding="utf-8")
>>> result = propose(load_graph(corpus=None), [path])
>>> [(p.subject, p.predicate, p.object, p.certainty, p.hedge) for p in result.proposals]
[('nk:diabetes', 'causes', 'nk:neuropathy', 'Possible', ('can',))]
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from neurokg.curate.anchor import AnchorError, reanchor
from neurokg.curate.cues import cue_rules
from neurokg.curate.documents import Document, read_text, register
from neurokg.curate.extract import Found, extract
from neurokg.curate.mentions import Mention, MentionFinder
from neurokg.curate.proposals import Proposal
from neurokg.curate.relations import relation_rules
from neurokg.curate.terms import RULES_DIR
from neurokg.curate.vocabulary import Vocabulary, vocabulary

__all__ = [
    "Dropped",
    "Proposals",
    "Written",
    "WORK_DIR",
    "propose",
    "propose_text",
    "propose_to_files",
    "default_out",
    "rules_version",
    "anchor_proposals",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dropped:
    """A proposal refused by re-anchoring, and why."""

    proposal: Proposal
    reason: str


@dataclass
class Proposals:
    """What ``propose`` made: the registered documents, the proposals and what was dropped."""

    documents: list[Document] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    suppressed: list[Proposal] = field(default_factory=list)
    """Proposals a curator rejected before (the rejection log), left out."""


def rules_version() -> str:
    """Versions and a digest of the rule files, recorded in every proposal (``terms1.cues1.relations1+abcd1234``)."""
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"cues{cue_rules().version}.relations{relation_rules().version}+{digest.hexdigest()[:8]}"


def _tool_version() -> str:
    from neurokg.core.resources import version

    return f"neurokg {version()}"


def _end(m: Mention, vocab: Vocabulary) -> tuple[str, str, bool, tuple[str, ...]]:
    if m.concept is not None:
        return m.concept, vocab.concepts[m.concept].label, False, ()
    name = " ".join(m.name.split())
    return name, name, True, tuple(sorted(m.classes))


def _proposal(doc: Document, text: str, found: Found, vocab: Vocabulary, versions: tuple[str, str]) -> Proposal:
    rel, q = found.relation, found.qualifiers
    subject, subject_label, subject_new, subject_classes = _end(rel.subject, vocab)
    obj, object_label, object_new, object_classes = _end(rel.object, vocab)
    score = rel.score - 0.1 * (subject_new + object_new) - (0.2 if q.negated else 0.0)
    return Proposal(
        document=doc.file_name,
        sha256=doc.sha256,
        start=rel.start,
        end=rel.end,
        quote=text[rel.start : rel.end],
        subject=subject,
        predicate=rel.predicate,
        object=obj,
        subject_label=subject_label,
        object_label=object_label,
        subject_new=subject_new,
        object_new=object_new,
        subject_classes=subject_classes,
        object_classes=object_classes,
        subject_start=rel.subject.start if rel.start <= rel.subject.start < rel.end else None,
        subject_end=rel.subject.end if rel.start <= rel.subject.start < rel.end else None,
        object_start=rel.object.start if rel.start <= rel.object.start < rel.end else None,
        object_end=rel.object.end if rel.start <= rel.object.start < rel.end else None,
        certainty=q.certainty,
        hedge=q.hedge,
        negated=q.negated,
        line_of_therapy=q.line_of_therapy,
        durability=q.durability,
        caveats=q.caveats,
        attributed_to=q.attributed_to,
        advertising=q.advertising,
        status="Advertised" if q.advertising else "Stated",
        score=round(max(0.05, min(score, 0.95)), 2),
        rule=rel.rule,
        cues=tuple((c.start, c.end, c.kind, c.value) for c in q.cues if c.kind != "pseudo"),
        context=rel.context,
        tool_version=versions[0],
        rules_version=versions[1],
    )


def propose_text(
    graph_or_vocab: Graph | Vocabulary, doc: Document, text: str, *, finder: MentionFinder | None = None
) -> list[Proposal]:
    """Proposals for one registered document's ``text`` (duplicates of one relation and span merged)."""
    vocab = graph_or_vocab if isinstance(graph_or_vocab, Vocabulary) else vocabulary(graph_or_vocab)
    finder = finder or MentionFinder(vocab)
    versions = (_tool_version(), rules_version())
    seen: dict[str, Proposal] = {}
    for found in extract(text, finder):
        p = _proposal(doc, text, found, vocab, versions)
        if p.id not in seen or p.score > seen[p.id].score:
            seen[p.id] = p
    return sorted(seen.values(), key=lambda p: (p.start, p.end, -p.score, p.subject, p.predicate, p.object))


def anchor_proposals(
    proposals: Iterable[Proposal], texts: dict[str, str], hashes: dict[str, str]
) -> tuple[list[Proposal], list[Dropped]]:
    """Re-anchor each proposal against its document's current text and hash; refuse those that fail.

    A proposal without a quote gets the quote of its anchored span, so the review page can show it.
    """
    kept: list[Proposal] = []
    dropped: list[Dropped] = []
    for p in proposals:
        text = texts.get(p.document)
        if text is None:
            dropped.append(Dropped(p, f"document-missing: {p.document} was not given"))
            continue
        try:
            start, end = reanchor(text, p.sha256, p.start, p.end, p.quote, text_sha256=hashes[p.document])
        except AnchorError as exc:
            dropped.append(Dropped(p, str(exc)))
            continue
        context = tuple(c for c in p.context if 0 <= c[0] < c[1] <= len(text))
        ends = {}
        for side in ("subject", "object"):
            a, b = getattr(p, f"{side}_start"), getattr(p, f"{side}_end")
            inside = a is not None and b is not None and start <= a < b <= end
            ends[f"{side}_start"], ends[f"{side}_end"] = (a, b) if inside else (None, None)
        kept.append(
            replace(p, start=start, end=end, quote=text[start:end], sha256=hashes[p.document], context=context, **ends)
        )
    return kept, dropped


def propose(
    graph: Graph,
    paths: Sequence[str | os.PathLike[str]],
    *,
    vocab: Vocabulary | None = None,
    candidates: Iterable[Proposal] = (),
    rejected: Collection[str] = (),
) -> Proposals:
    """Register each document of ``paths`` and propose its relations; add ``candidates`` from another tool.

    Every proposal, ours and the candidates alike, is re-anchored against its document's text and
    hash; one that does not re-anchor is dropped (listed in :attr:`Proposals.dropped`). A proposal
    whose id is in ``rejected`` (the rejection log) is left out (:attr:`Proposals.suppressed`).
    """
    vocab = vocab or vocabulary(graph)
    finder = MentionFinder(vocab)
    result = Proposals()
    texts: dict[str, str] = {}
    hashes: dict[str, str] = {}
    made: list[Proposal] = []
    for path in paths:
        text = read_text(path)
        doc = register(Path(path), text)
        result.documents.append(doc)
        texts[doc.file_name], hashes[doc.file_name] = text, doc.sha256
        made.extend(propose_text(vocab, doc, text, finder=finder))
    external = [replace(c, source=c.source if c.source != "neurokg" else "external") for c in candidates]
    anchored, result.dropped = anchor_proposals([*made, *external], texts, hashes)
    result.proposals = [p for p in anchored if p.id not in rejected]
    result.suppressed = [p for p in anchored if p.id in rejected]
    for d in result.dropped:
        log.warning(
            "dropped %s (%s %s %s): %s",
            d.proposal.id,
            d.proposal.subject,
            d.proposal.predicate,
            d.proposal.object,
            d.reason,
        )
    return result


WORK_DIR = Path("work")
"""Where proposals and review pages go by default: ``work/`` of the current directory (ignored by git)."""


@dataclass
class Written:
    """What :func:`propose_to_files` wrote."""

    result: Proposals
    proposals_path: Path | None
    review_path: Path | None


def default_out(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """``work/proposals/<first document's stem>[+N].jsonl``."""
    stem = Path(paths[0]).stem
    more = f"+{len(paths) - 1}" if len(paths) > 1 else ""
    return WORK_DIR / "proposals" / f"{stem}{more}.jsonl"


def propose_to_files(
    graph: Graph,
    paths: Sequence[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    review: str | os.PathLike[str] | None = None,
    write_review: bool = True,
    candidates: str | os.PathLike[str] | None = None,
    rules: bool = True,
    rejection_log: str | os.PathLike[str] | None = None,
) -> Written:
    """``neurokg propose``: propose, write the JSON Lines (``"-"``: standard output) and the review page.

    The review page goes beside the proposals file (``.html``) unless ``review`` names another path;
    with ``out="-"`` it is written only when ``review`` is given. Proposals logged in
    ``rejection_log`` (``rejections.tsv`` of the graph) are left out.
    """
    from neurokg.curate.proposals import read_jsonl, write_jsonl
    from neurokg.curate.rejections import read_rejections
    from neurokg.curate.review import write_review_page

    external = read_jsonl(candidates)[1] if candidates else []
    rejected = set(read_rejections(rejection_log)) if rejection_log else set()
    if rules:
        result = propose(graph, paths, candidates=external, rejected=rejected)
    else:
        result = _register_only(paths, external)
        result.suppressed = [p for p in result.proposals if p.id in rejected]
        result.proposals = [p for p in result.proposals if p.id not in rejected]
    target = Path(out) if out not in (None, "-") else (None if out == "-" else default_out(paths))
    write_jsonl(target if target is not None else "-", result.documents, result.proposals)
    page: Path | None = Path(review) if review else (target.with_suffix(".html") if target and write_review else None)
    if page is not None:
        texts = {d.file_name: read_text(p) for d, p in zip(result.documents, paths, strict=True)}
        write_review_page(graph, page, result.documents, result.proposals, texts=texts)
    return Written(result, target, page)


def _register_only(paths: Sequence[str | os.PathLike[str]], external: list[Proposal]) -> Proposals:
    result = Proposals()
    texts, hashes = {}, {}
    for path in paths:
        text = read_text(path)
        doc = register(Path(path), text)
        result.documents.append(doc)
        texts[doc.file_name], hashes[doc.file_name] = text, doc.sha256
    result.proposals, result.dropped = anchor_proposals(
        [replace(c, source=c.source if c.source != "neurokg" else "external") for c in external], texts, hashes
    )
    return result
