// answers.js: a statement as a sentence row, and a concept's answers grouped by meaning.

// a quote collapsed to one line (starting near the first marked name), both ends marked; a button expands it
function quoteBlock(q, status) {
  const text = q.text, box = el("blockquote", { class: "q collapsed " + (status || "") });
  const first = q.marks.length ? q.marks[0][0] : 0;
  let cut = first > 40 ? text.lastIndexOf(" ", first - 20) + 1 : 0;
  let pos = 0;
  const lead = el("span", { class: "lead" }), rest = el("span", { class: "rest" });
  const add = (target, from, to) => { if (to > from) target.append(text.slice(from, to)); };
  const pieces = [];
  for (const [a, b, end] of q.marks) { pieces.push([pos, a, null]); pieces.push([a, b, end]); pos = b; }
  pieces.push([pos, text.length, null]);
  for (const [a, b, end] of pieces) {
    if (b <= a) continue;
    if (end) { const m = el("mark", { class: "end-" + end }, text.slice(a, b)); (a < cut ? lead : rest).append(m); continue; }
    if (b <= cut) add(lead, a, b);
    else if (a >= cut) add(rest, a, b);
    else { add(lead, a, cut); add(rest, cut, b); }
  }
  box.append(lead, rest);
  if (cut > 0) box.classList.add("cut");
  const toggle = el("button", { type: "button", class: "quote-toggle", "aria-expanded": "false" }, "Show the passage");
  toggle.addEventListener("click", () => {
    const open = box.classList.toggle("collapsed");
    toggle.setAttribute("aria-expanded", String(!open));
    toggle.textContent = open ? "Show the passage" : "Show less";
  });
  const from = status === "advertised" ? "Advertising passage in " : status === "inferred" ? "A curator's reading of " : "From ";
  const cite = el("p", { class: "cite" }, from + q.docs.map(docTitle).join("; ") +
                  (status === "inferred" && q.reasons.length ? ". The curator's reason: " + q.reasons.join(" ") : ""));
  const also = status !== "inferred" && q.status.includes("inferred") && visibleBasis("inferred") && q.reasons.length
    ? el("p", { class: "cite" }, "A curator also reads this passage: " + q.reasons.join(" ")) : null;
  return el("div", { class: "quote" }, box, el("div", { class: "quote-bar" }, toggle), cite, also);
}

const LIMIT_TIP = "a limit the sources give for this treatment";
function chips(s, certaintyWord, limitList) {
  const out = [];
  const word = certaintyWord !== undefined ? certaintyWord : s.certainty;
  if (word) out.push(el("span", { class: "chip certainty", "data-certainty": word, title: "how firmly the sources state it" },
                        M.certaintyWords[word] || word));
  for (const [key, words] of limitList || s.limits) out.push(el("span", { class: "chip limit", "data-limit": key, title: LIMIT_TIP }, words));
  if (s.basis === "advertised") out.push(el("span", { class: "chip adv" }, "advertising claim"));
  if (s.basis === "inferred") out.push(el("span", { class: "chip inf" }, "curator's inference"));
  else if (s.status.includes("inferred")) out.push(el("span", { class: "chip inf" }, "also a curator's reading"));
  if (s.basis !== "advertised" && s.status.includes("advertised")) out.push(el("span", { class: "chip adv" }, "also advertised"));
  return out;
}

function sourcesLine(s) {
  const n = s.sources.length;
  if (!n) return el("p", { class: "sources" }, "No source text recorded.");
  const verb = s.basis === "advertised" ? "Claimed in " : s.basis === "inferred" ? "Inferred by a curator from " : "Stated by ";
  const titles = s.quotes.length ? "" : ": " + s.sources.map(docTitle).join("; ");
  return el("p", { class: "sources", "data-sources": String(n) }, el("strong", {}, verb + plural(n, "source")), titles);
}

function dataDetails(s) {
  const rows = [["statement", s.id], ["relation", s.rel], ["subject", s.s], ["object", s.o], ["basis", s.status.join(", ")]];
  for (const [doc, a, b, status, reason] of s.evidence) {
    rows.push(["evidence", doc + " [" + a + "\u2013" + b + ") " + status + (reason ? " (" + reason + ")" : "")]);
  }
  const dl = el("dl");
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  return el("details", { class: "data" }, el("summary", {}, "data details"), dl);
}

function sentence(s) {
  const p = el("p", { class: "sentence" });
  s.parts.forEach(([kind, text], i) => {
    const t = i === 0 ? cap(text) : text;
    if (kind === "s") p.append(conceptLink(s.s, t));
    else if (kind === "o") p.append(conceptLink(s.o, t));
    else p.append(t);
  });
  p.append(".");
  return p;
}

// one answer row; options: {certainty: word from a query column, note: extra words, compact: no quotes}
function statementRow(sid, options) {
  const s = S[sid], o = options || {};
  const li = el("li", { class: "row basis-" + s.basis, "data-statement": sid });
  li.append(sentence(s));
  const tags = chips(s, o.certainty, o.limits);
  if (o.note) tags.unshift(el("span", { class: "note" }, o.note));
  if (tags.length) li.append(el("div", { class: "chips" }, tags));
  if (s.caveat.length && !o.compact) li.append(el("p", { class: "caveat" }, "Curators' note: " + s.caveat.join(" ")));
  li.append(sourcesLine(s));
  if (s.readings.length) {
    li.append(el("p", { class: "readings" }, "The sources read it differently: " + s.readings.map(([doc, certainty, hedge]) =>
      docTitle(doc) + ": " + (M.certaintyWords[certainty] || certainty) + (hedge ? " (\u201c" + hedge + "\u201d)" : "")).join("; ") + "."));
  }
  if (!o.compact || o.quotes) {
    // a passage is shown for the readings the reader chose to see: a curator's reading of a stated relation waits
    const visible = s.quotes.filter((q) => q.status.some((st) => st === s.basis || visibleBasis(st)));
    for (const q of visible) {
      const st = q.status.includes(s.basis) ? s.basis : q.status.find(visibleBasis) || q.status[0];
      li.append(quoteBlock(q, st === "stated" && q.status.includes("advertised") && visibleBasis("advertised") ? "advertised" : st));
    }
    if (visible.length < s.quotes.length) li.append(el("p", { class: "hidden-note" }, plural(s.quotes.length - visible.length, "passage") +
      " read by a curator or from advertising not shown (switch them on above)."));
    if (!s.quotes.length && s.evidence.length) li.append(el("p", { class: "cite" }, "Built without the source texts: the passage is given by its place in the data details."));
  }
  li.append(dataDetails(s));
  return li;
}

function banner(kind) {
  return el("p", { class: "banner banner-" + kind, role: "note" }, BANNERS[kind]);
}

// hidden statements are counted and named, never silently dropped
function hiddenNote(ids) {
  const hidden = { advertised: 0, inferred: 0 };
  for (const id of ids) if (!shown(id) && S[id]) hidden[S[id].basis] += 1;
  const parts = [];
  if (hidden.advertised) parts.push(plural(hidden.advertised, "advertising claim") + " (switch on \u201cadvertising claims\u201d to see)");
  if (hidden.inferred) parts.push(plural(hidden.inferred, "curator's inference", "curators' inferences") + " (switch on \u201ccurators' inferences\u201d)");
  return parts.length ? el("p", { class: "hidden-note" }, "Not shown: " + parts.join("; ") + ".") : null;
}

function section(title, ids, options) {
  const visible = ids.filter(shown);
  const box = el("section", { class: "group" }, el("h3", {}, title + " (" + visible.length + ")"));
  const list = el("ul", { class: "rows" });
  for (const id of visible) list.append(statementRow(id, options && options(id)));
  box.append(list);
  return box;
}

// a concept: what it is, then its relations grouped by meaning in a fixed order, counts adding up
function conceptAnswer(id) {
  const c = C[id];
  const body = [el("p", { class: "kind" }, shapeMark(id), " " + cap(c.kind))];
  if (c.definition) body.push(el("p", { class: "definition" }, c.definition));
  if (c.alt.length) body.push(el("p", { class: "alt" }, "Also called: " + c.alt.join("; ")));
  const actions = el("div", { class: "actions" });
  if (c.onMap) actions.append(el("button", { type: "button", onclick: () => showOnMap(id) }, "Show on the map"));
  if (M.stories[id]) actions.append(el("a", { class: "button", href: "#story/" + encodeURIComponent(id) }, "Its story"));
  actions.append(el("a", { class: "button", href: "#path/" + encodeURIComponent(id) + "/" }, "How does it lead to\u2026"));
  body.push(actions);
  const all = outgoing.get(id).concat(incoming.get(id));
  const groups = new Map(M.groups.map(([key]) => [key, []]));
  for (const sid of all) {
    const dir = S[sid].s === id ? "out" : "in";
    groups.get(M.groupOf[S[sid].rel + " " + dir] || "other").push(sid);
  }
  const visible = all.filter(shown).length;
  body.push(el("p", { class: "summary", id: "nkg-concept-count" },
    cap(plural(visible, "relation")) + ", grouped by meaning; firmest first."));
  const note = hiddenNote(all);
  if (note) body.push(note);
  for (const [key, title] of M.groups) {
    const ids = groups.get(key).filter(shown).sort(byFirmness);
    if (!ids.length) continue;
    const part = section(title, ids);
    part.dataset.group = key;
    body.push(part);
  }
  const data = el("details", { class: "data", id: "nkg-concept-data" }, el("summary", {}, "data details"),
    el("dl", {}, el("dt", {}, "id"), el("dd", {}, id), el("dt", {}, "class"), el("dd", {}, c.type),
       el("dt", {}, "address"), el("dd", {}, c.iri), el("dt", {}, "cross-references"), el("dd", {}, c.xrefs.join("; ") || "none")));
  body.push(data);
  return { title: c.label, body: body, summary: c.label + ": " + plural(visible, "relation") + "." };
}

// one statement on its own (from the sentence search or the reader)
function statementsAnswer(title, ids, intro) {
  const body = [];
  if (intro) body.push(el("p", { class: "summary" }, intro));
  const kinds = new Set(ids.map((id) => S[id].basis));
  for (const k of ["advertised", "inferred"]) if (kinds.has(k)) body.push(banner(k));
  const list = el("ul", { class: "rows" });
  for (const id of ids) list.append(statementRow(id));
  body.push(list);
  return { title: title, body: body, summary: title + ": " + plural(ids.length, "statement") + "." };
}
