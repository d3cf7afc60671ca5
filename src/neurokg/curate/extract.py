"""From a document's text to relations with their qualifiers: the rule pipeline, block by block.

For each sentence: mentions (:mod:`~neurokg.curate.mentions`), triggers
(:mod:`~neurokg.curate.relations`), the sentence's relations (:mod:`~neurokg.curate.sentences`)
and the cues of each relation's clause (:mod:`~neurokg.curate.cues`). Around the sentences, the
document's structure (:mod:`~neurokg.curate.structure`) supplies what a sentence leaves unsaid:

- the title names the document's topic, a question its section's topic, a heading its block's;
  an anaphor that opens a sentence (``It``, ``These``) stands for the previous subject or that topic;
- a heading, question or lead-in that announces a relation without naming one end (``What causes
  nerve pain?``, ``Other causes include:``) opens a *slot*; each list item, each sub-heading and
  each one-concept sentence of the section fills it, with the lead-in's hedges when it has none;
- a sentence whose trigger has nothing after it (``a side effect of several drugs.``) leaves
  a slot that the next sentence fills if it opens with ``These include``;
- a passage with advertising cues marks every relation in it as advertising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from neurokg.curate.classes import K
from neurokg.curate.cues import Cue, Qualifiers, find_cues, is_advertising, qualify
from neurokg.curate.mentions import Mention, MentionFinder
from neurokg.curate.patterns import label_relations
from neurokg.curate.relations import Relation, Slot, fill, find_triggers, groups, pair, relation_rules
from neurokg.curate.sentences import ANAPHOR, sentence_relations
from neurokg.curate.structure import Block, Layout, Sentence, layout

__all__ = ["Found", "extract"]

_ASKS_READER = re.compile(r"\s*(?:would|do|did|are|shall)\s+you\b", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:it|this|these|they)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A relation and its qualifiers."""

    relation: Relation
    qualifiers: Qualifiers


def _first_group(text: str, mentions: list[Mention]) -> tuple[Mention, ...]:
    gs = groups(text, mentions)
    return tuple(gs[0]) if gs else ()


def _noun_slot(text: str, block: Block, mentions: list[Mention], topic: tuple[Mention, ...]) -> Slot | None:
    """A heading, question or lead-in that names a relation by a noun (``causes of X``, ``symptoms``)."""
    if _ASKS_READER.match(text, block.start, block.end):
        return None  # "Would you like to know more about ...?" asks the reader, it announces nothing
    low = " " + " ".join(text[block.start : block.end].casefold().split()) + " "
    for family, (role, nouns) in relation_rules().nouns.items():
        if any(f" {n} " in low or f" {n}?" in low or f" {n}:" in low for n in nouns):
            fitting = [m for m in mentions if not (family == "treat" and K.Treatment in m.classes)]
            known = _first_group(text, fitting) or topic
            if known:
                return Slot(family, role, known, block.start, block.end)
    return None


_CLASSIFICATIONS = frozenset({"subtypeOf", "memberOf", "partOf", "exampleOf"})


def _qualified(
    text: str,
    rel: Relation,
    cues: list[Cue],
    sent: Sentence,
    ad: bool,
    slot: Slot | None,
    triggers: tuple[int, ...] = (),
) -> Found:
    skip = ((rel.subject.start, rel.subject.end),)
    ends = (rel.subject, rel.object)
    inside = all(sent.start <= m.start < sent.end for m in ends)
    # "Painkillers, such as brand A, are sometimes used": the hedge is about the use, not about A being one
    classification = rel.predicate in _CLASSIFICATIONS and inside
    within = (min(m.start for m in ends), max(m.end for m in ends)) if classification else None
    q = qualify(
        text, cues, sent.start, sent.end, anchor=rel.anchor, skip=skip, advertising=ad, within=within, triggers=triggers
    )
    if slot is not None and slot.qualifiers is not None and q.certainty == "Asserted":
        q = replace(q, certainty=slot.qualifiers.certainty, hedge=slot.qualifiers.hedge)
    return Found(rel, q)


_CATEGORY_HEADS = frozenset(
    {"treatment", "therapy", "drug", "medication", "medicine", "condition", "disease", "infection"}
)


def _kinds_named_next(before: tuple[Mention, ...], now: tuple[Mention, ...], sent: Sentence) -> list[Relation]:
    """``Cancer therapy can harm nerves. Drug A and drug B ...``: the next sentence names kinds of a category.

    Only when the first subject is a category (its last word is one such as *treatment* or *disease*) and
    the next subjects share its kind (treatment, or cause).
    """
    out = []
    for category in before:
        if category.name.split()[-1].casefold().rstrip("s") not in _CATEGORY_HEADS:
            continue
        shared = category.classes & {K.Treatment, K.Cause, K.Condition}
        for m in now:
            if m.key != category.key and m.classes & shared and m.end <= sent.end:
                triple = pair("isa", m, category)
                if triple:
                    out.append(Relation(*triple, sent.start, sent.end, m.start, "isa:next-sentence", 0.45))
    return out


@dataclass
class _Walk:
    """The state of one pass over a document: its topics and open slots."""

    text: str
    finder: MentionFinder
    doc: Layout
    found: list[Found] = field(default_factory=list)
    topic: tuple[Mention, ...] = ()
    section_topic: tuple[Mention, ...] = ()
    heading_topic: tuple[Mention, ...] = ()
    section_slot: Slot | None = None
    slots: dict[int, Slot] = field(default_factory=dict)
    heads: dict[int, Slot] = field(default_factory=dict)
    noun_slots: set[int] = field(default_factory=set)
    last_subject: tuple[Mention, ...] = ()
    last_solo: bool = False
    last_heading: int | None = None

    def add(
        self,
        relations: list[Relation],
        cues: list[Cue],
        sent: Sentence,
        ad: bool,
        slot: Slot | None = None,
        triggers: tuple[int, ...] = (),
    ) -> None:
        self.found.extend(_qualified(self.text, rel, cues, sent, ad, slot, triggers) for rel in relations)

    def heading(self, block: Block, cues: list[Cue], ad: bool) -> None:
        """A title, question or heading: its own relations, the topic it sets and the slot it opens or fills."""
        text = self.text
        mentions = self.finder.find(text, block.start, block.end)
        own = _first_group(text, mentions)
        sent = Sentence(block.start, block.end, block.index)
        triggers = find_triggers(text, block.start, block.end, mentions)
        stated, _, _ = sentence_relations(text, sent, mentions, triggers, (), star=False)
        self.add(stated, cues, sent, ad)
        if block.kind == "title":
            self.topic = self.section_topic = own
            self.heading_topic = ()
        elif block.kind == "question":
            back = _POINTS_BACK.search(text, block.start, block.end) is not None
            self.section_topic = self.topic if (back or not own) else own
            self.section_slot = _noun_slot(text, block, [] if back else mentions, self.section_topic)
            self.heading_topic = ()
        else:
            self.heading_topic = own
            slot = _noun_slot(text, block, mentions, self.section_topic or self.topic)
            if slot is not None and slot.known != own:
                self.slots[block.index] = slot
            elif self.section_slot is not None and mentions:
                rule = f"{self.section_slot.family}:heading"
                self.add(
                    fill(self.section_slot, mentions, block.start, block.end, rule, 0.6),
                    cues,
                    sent,
                    ad,
                    self.section_slot,
                )

    def block(self, block: Block, sentences: list[Sentence], ad: bool) -> None:
        """A paragraph, lead-in or list item, sentence by sentence."""
        text = self.text
        # a paragraph that opens with "It" or "This" continues the one before it, under the same heading
        carried = self.last_subject if self.last_heading == block.heading and block.kind == "paragraph" else ()
        antecedent = carried or self.heading_topic or self.section_topic or self.topic
        if block.label_end is not None:
            # "Night cramps: This kind of pain ... It ...": the item speaks of its label
            label = [m for m in self.finder.find(text, block.start, block.label_end)]
            antecedent = tuple(label) or antecedent
        earlier: list[Mention] = []
        pending: Slot | None = None
        solo = bool(carried) and self.last_solo
        previous_subject: tuple[Mention, ...] = ()
        outcome: tuple[Mention, ...] = ()
        lead_slot = self.slots.get(block.lead) if block.lead is not None else None
        if lead_slot is None and block.kind == "item" and block.lead is None and block.heading is not None:
            lead_slot = self.slots.get(block.heading)
        for n, sent in enumerate(sentences):
            mentions = self.finder.find(text, sent.start, sent.end)
            triggers = find_triggers(text, sent.start, sent.end, mentions)
            cues = find_cues(text, sent.start, sent.end)
            label_end = block.label_end if n == 0 and block.label_end is not None else -1
            stated = [m for m in mentions if m.start > label_end]  # a "Label:" names the item, it is no subject
            relations, open_slot, subject = sentence_relations(
                text,
                sent,
                stated,
                triggers,
                antecedent,
                tuple(earlier),
                fallback=self.heading_topic,
                solo=solo,
                event=outcome,
            )
            last = max(relations, key=lambda r: r.anchor, default=None)
            outcome = tuple(r.object for r in relations if last is not None and r.anchor == last.anchor)
            solo = len(groups(text, stated)) == 1
            earlier.extend(mentions)
            first = list(_first_group(text, mentions))
            # a paragraph after a lead-in is one of its items when the lead-in names the relation by a noun
            # ("Drugs used for X are:"), or when it states no relation of its own
            own = block.kind == "item" or not relations or block.lead in self.noun_slots
            if n == 0 and lead_slot is not None and block.kind in ("item", "paragraph") and first and own:
                label_first = block.label_end is not None and first[0].end <= block.label_end
                if label_first or not triggers or first[0].start < triggers[0].start:
                    made = fill(lead_slot, first, sent.start, sent.end, f"{lead_slot.family}:list-item", 0.6)
                    self.add(made, cues, sent, ad, lead_slot)
                    head = self.heads.get(block.lead) if block.lead is not None else None
                    if head is not None:
                        kinds = [m for m in first if K.Treatment in m.classes]
                        self.add(fill(head, kinds, sent.start, sent.end, "include:list-item", 0.5), cues, sent, ad)
            if n == 0 and block.label_end is not None:
                self.add(label_relations(text, block, sent, mentions, subject, triggers), cues, sent, ad)
            if n == 0 and self.heading_topic and block.heading is not None and block.index == block.heading + 1:
                self.add(self._kinds_of_heading(block, sent, first), cues, sent, ad)
            opening = text[sent.start : (mentions[0].start if mentions else sent.end)]
            if pending is not None and mentions and ANAPHOR.match(opening):
                # "... a side effect of several drugs. These include A and B."
                made = fill(pending, first, sent.start, sent.end, f"{pending.family}:continued", 0.55)
                self.add(made, cues, sent, ad, pending)
            pending = open_slot
            self.add(relations, cues, sent, ad, triggers=tuple(t.start for t in triggers))
            if n > 0 and subject and previous_subject:
                self.add(_kinds_named_next(previous_subject, subject, sent), cues, sent, ad)
            previous_subject = subject
            if block.kind == "lead" or text[sent.start : sent.end].rstrip().endswith(":"):
                self._lead(block, sent, mentions, cues, open_slot)
            if subject:
                antecedent = subject
        self.last_subject, self.last_solo, self.last_heading = antecedent, solo, block.heading

    def _kinds_of_heading(self, block: Block, sent: Sentence, first: list[Mention]) -> list[Relation]:
        """A heading ``Pain relievers`` then ``Brand A, taken ...``: a kind of what the heading names."""
        assert block.heading is not None
        heading = self.doc.blocks[block.heading]
        out = []
        for h in self.heading_topic:
            for m in first:
                if K.Treatment in h.classes and K.Treatment in m.classes and m.key != h.key:
                    triple = pair("include", h, m)
                    if triple:
                        context = ((heading.start, heading.end),)
                        out.append(Relation(*triple, sent.start, sent.end, m.start, "include:heading", 0.5, context))
        return out

    def _lead(
        self, block: Block, sent: Sentence, mentions: list[Mention], cues: list[Cue], open_slot: Slot | None
    ) -> None:
        """A lead-in (``Other causes of X include:``) opens a slot for the list that follows."""
        text = self.text
        # a lead-in's own claim is its end, just before the colon: "..., but these are frequent:"
        q = qualify(text, cues, sent.start, sent.end, anchor=sent.end - 1)
        label_end = block.label_end if block.label_end is not None else -1
        stated = [m for m in mentions if m.start > label_end]
        # a noun that names the relation ("causes of X", "medications for X") says more than a bare verb
        noun = _noun_slot(
            text,
            Block(block.index, block.kind, max(block.start, label_end + 1), block.end),
            stated,
            self.section_topic or self.topic,
        )
        if noun is not None:
            self.slots[block.index] = replace(noun, qualifiers=q)
            self.noun_slots.add(block.index)
        elif open_slot is not None:
            self.slots[block.index] = replace(open_slot, qualifiers=q)
        heads = [m for m in _first_group(text, stated) if K.Treatment in m.classes]
        if heads:
            # "Drugs used for X are:": each listed treatment is also a kind of drug
            self.heads[block.index] = Slot("include", "agent", tuple(heads), sent.start, sent.end)


def extract(text: str, finder: MentionFinder, doc: Layout | None = None) -> list[Found]:
    """Every relation the rules find in ``text``, with its qualifiers, in document order."""
    doc = doc or layout(text)
    walk = _Walk(text, finder, doc)
    by_block: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        by_block.setdefault(s.block, []).append(s)
    for block in doc.blocks:
        sentences = by_block.get(block.index, [])
        cues = [c for s in sentences for c in find_cues(text, s.start, s.end)]
        ad = is_advertising(cues)
        if block.kind in ("title", "heading", "question"):
            walk.heading(block, cues, ad)
        else:
            walk.block(block, sentences, ad)
    return walk.found
