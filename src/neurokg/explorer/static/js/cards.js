// cards.js: the question cards and their answers, from the named queries and the analytics embedded at build time.
const subjectLabel = () => (M.subject ? label(M.subject) : "it");
const limitsBy = new Map(); // statement -> [[limit label, words]] from named query 06
for (const [sid, qualifier] of Q.limits || []) {
  if (!limitsBy.has(sid)) limitsBy.set(sid, []);
  const list = limitsBy.get(sid);
  if (!list.some((l) => l[0] === qualifier)) list.push([qualifier, M.limitWords[qualifier] || qualifier]);
}
const byBasis = (basis) => Object.keys(S).filter((id) => S[id].basis === basis).sort();
const advertisedIds = () => (Q.advertised && Q.advertised.length ? Q.advertised.slice() : byBasis("advertised"));

function queryDetails(card) {
  const name = (Q.queries || {})[card];
  const dl = el("dl");
  if (name) dl.append(el("dt", {}, "named query"), el("dd", {}, name), el("dt", {}, "command"), el("dd", {}, "neurokg query --named " + name));
  const command = { treatments: "neurokg treatments \u201c" + subjectLabel() + "\u201d", loops: "neurokg loops" }[card];
  if (command) dl.append(el("dt", {}, "command"), el("dd", {}, command));
  return el("details", { class: "data" }, el("summary", {}, "data details"), dl);
}

function rowsList(rows) { const ul = el("ul", { class: "rows" }); for (const r of rows) ul.append(r); return ul; }

const CARDS = [
  { key: "causes", title: () => "What can cause it?",
    sub: () => plural((Q.causes || { direct: [] }).direct.filter((r) => shown(r[0])).length, "direct cause"),
    available: () => Boolean(Q.causes), answer: causesAnswer },
  { key: "symptoms", title: () => "What does it feel like?", sub: () => plural((Q.symptoms || []).filter((r) => shown(r[0])).length, "symptom"),
    available: () => Boolean(Q.symptoms), answer: symptomsAnswer },
  { key: "mechanisms", title: () => "How does it happen?", sub: () => plural((Q.chains || []).filter(shown).length, "step") + " from nerve damage to pain",
    available: () => Boolean(Q.chains), answer: mechanismsAnswer },
  { key: "mood", title: () => "Mood and daily life", sub: () => plural(moodIds().length, "effect"),
    available: () => Boolean(M.subject), answer: moodAnswer },
  { key: "treatments", title: () => "Treatments and their limits", sub: () => { const own = treatmentGroups().own;
    return plural(own.length, "treatment") + ", " + own.filter((t) => limitsBy.has(t.statement)).length + " with limits"; },
    available: () => Boolean(M.subject), answer: treatmentsAnswer },
  { key: "loops", title: () => "Vicious cycles", sub: () => plural((Q.loops || []).length, "cycle") + " the sources describe",
    available: () => true, answer: () => loopsAnswer(0) },
  { key: "path", title: () => "How does X lead to Y?", sub: () => "Each step with its passage",
    available: () => true, answer: () => pathAnswer(Q.pair && Q.pair[0], Q.pair && Q.pair[1], false) },
  { key: "advertising", title: () => "Claims from advertising", sub: () => plural(advertisedIds().length, "claim") + ", not medical evidence",
    available: () => true, answer: advertisingAnswer },
  { key: "inferred", title: () => "A curator's reading", sub: () => plural(byBasis("inferred").length, "inference") + " no document states",
    available: () => true, answer: inferredAnswer },
  { key: "agreement", title: () => "What the sources agree on", sub: () => plural(agreed().length, "statement") + " stated by 2 or more sources",
    available: () => Boolean(Q.agreement), answer: agreementAnswer },
];

function renderCards() {
  const list = $("nkg-card-list");
  list.replaceChildren();
  for (const card of CARDS) {
    if (!card.available()) continue;
    list.append(el("li", {}, el("a", { class: "card", id: "card-" + card.key, href: "#q/" + card.key },
      el("span", { class: "card-title" }, card.title()), el("span", { class: "card-sub" }, card.sub()))));
  }
}

function causesAnswer() {
  const c = Q.causes, body = [];
  const direct = c.direct.filter((r) => shown(r[0]));
  body.push(el("p", { class: "summary" }, "The sources name " + plural(direct.length, "direct cause") + " of " + c.target + ", firmest first."));
  const note = hiddenNote(c.direct.map((r) => r[0]));
  if (note) body.push(note);
  direct.sort((a, b) => byFirmness(a[0], b[0]));
  const list = rowsList(direct.map(([sid, certainty]) => statementRow(sid, { certainty: certainty })));
  list.id = "nkg-causes-direct";
  body.push(el("section", { class: "group" }, el("h3", {}, "Direct causes (" + direct.length + ")"), list));
  const via = c.via.filter((r) => shown(r[0]));
  if (via.length) {
    body.push(el("section", { class: "group" }, el("h3", {}, "Causes through something else (" + via.length + ")"),
      rowsList(via.map(([sid, through, certainty]) => statementRow(sid, { certainty: certainty, note: "through " + through })))));
  }
  body.push(queryDetails("causes"));
  return { title: "What can cause " + c.target + "?", body: body, summary: plural(direct.length, "direct cause") + " of " + c.target + "." };
}

function symptomsAnswer() {
  const rows = (Q.symptoms || []).filter((r) => shown(r[0])), body = [];
  body.push(el("p", { class: "summary" }, plural(rows.length, "symptom") + ", grouped by kind."));
  const kinds = new Map();
  for (const r of rows) { if (!kinds.has(r[1])) kinds.set(r[1], []); kinds.get(r[1]).push(r); }
  for (const [kind, list] of kinds) {
    list.sort((a, b) => byFirmness(a[0], b[0]));
    body.push(el("section", { class: "group" }, el("h3", {}, cap(kind) + " (" + list.length + ")"),
      rowsList(list.map(([sid, , certainty]) => statementRow(sid, { certainty: certainty })))));
  }
  body.push(queryDetails("symptoms"));
  return { title: "What does " + subjectLabel() + " feel like?", body: body, summary: plural(rows.length, "symptom") + "." };
}

function mechanismsAnswer() {
  const ids = (Q.chains || []).filter(shown).sort(byFirmness), body = [];
  body.push(el("p", { class: "summary" }, "How the sources say it comes about: " + plural(ids.length, "step") +
    " on the chains from nerve damage to lasting pain. Open a concept to follow its chain."));
  body.push(rowsList(ids.map((sid) => statementRow(sid))), queryDetails("chains"));
  return { title: "How does it happen?", body: body, summary: plural(ids.length, "step") + " from nerve damage to lasting pain." };
}

function moodIds() {
  if (!M.subject) return [];
  return outgoing.get(M.subject).filter((sid) => M.groupOf[S[sid].rel + " out"] === "mood" && shown(sid)).sort(byFirmness);
}
function moodAnswer() {
  const ids = moodIds(), body = [];
  body.push(el("p", { class: "summary" }, "What " + subjectLabel() + " does to mood, mind and daily life: " + plural(ids.length, "effect") + "."));
  body.push(rowsList(ids.map((sid) => statementRow(sid))));
  const helps = (Q.mood || []).filter(shown).sort(byFirmness);
  if (helps.length) body.push(el("section", { class: "group" }, el("h3", {}, "What helps with mood and mental health (" + helps.length + ")"),
    rowsList(helps.map((sid) => statementRow(sid)))));
  body.push(queryDetails("mood"));
  return { title: "How does " + subjectLabel() + " affect mood and daily life?", body: body, summary: plural(ids.length, "effect") + "." };
}

// the answer of `neurokg treatments SUBJECT`: stated of the subject, inherited by members, said of broader concepts
function treatmentGroups() {
  const own = [], members = new Map(), broader = [];
  for (const t of Q.treatments || []) {
    if (!shown(t.statement)) continue;
    if (t.target !== M.subject) broader.push(t);
    else if (t.via) { if (!members.has(t.statement)) members.set(t.statement, []); members.get(t.statement).push(t.t); }
    else own.push(t);
  }
  return { own: own, members: members, broader: broader };
}
function treatmentRow(t, members) {
  const row = statementRow(t.statement, { limits: limitsBy.get(t.statement) || [] });
  const kids = members.get(t.statement);
  if (kids) row.insertBefore(el("p", { class: "members" }, "Includes: ", ...kids.flatMap((k, i) => [i ? ", " : "", conceptLink(k)])), row.children[1]);
  return row;
}
function treatmentsAnswer() {
  const g = treatmentGroups(), body = [], shownIds = new Set();
  body.push(el("p", { class: "summary" }, plural(g.own.length, "treatment") + " the sources give for " + subjectLabel() +
    ", grouped by kind, with the limits they state."));
  const kinds = new Map(M.helpKinds.map(([k]) => [k, []]));
  const kindOf = (id) => { for (const [k, , classes] of M.helpKindClasses) if (classes.includes(C[id].type)) return k; return "other"; };
  for (const t of g.own) kinds.get(kindOf(t.t)).push(t);
  for (const [key, title] of M.helpKinds) {
    const list = kinds.get(key).sort((a, b) => byFirmness(a.statement, b.statement));
    if (!list.length) continue;
    list.forEach((t) => shownIds.add(t.statement));
    body.push(el("section", { class: "group", "data-kind": key }, el("h3", {}, title + " (" + list.length + ")"), rowsList(list.map((t) => treatmentRow(t, g.members)))));
  }
  if (g.broader.length) {
    g.broader.forEach((t) => shownIds.add(t.statement));
    body.push(el("section", { class: "group" }, el("h3", {}, "Said of broader concepts (" + g.broader.length + ")"),
      rowsList(g.broader.map((t) => treatmentRow(t, g.members)))));
  }
  const others = Array.from(limitsBy.keys()).filter((sid) => !shownIds.has(sid) && shown(sid)).sort();
  if (others.length) body.push(el("section", { class: "group" }, el("h3", {}, "Other limits of treatments (" + others.length + ")"),
    rowsList(others.map((sid) => statementRow(sid, { limits: limitsBy.get(sid) })))));
  body.push(queryDetails("treatments"), queryDetails("limits"));
  return { title: "Treatments for " + subjectLabel() + " and their limits", body: body, summary: plural(g.own.length, "treatment") + "." };
}

function advertisingAnswer() {
  const ids = advertisedIds(), body = [banner("advertised")];
  body.push(el("p", { class: "summary" }, plural(ids.length, "claim") + " from advertising passages. Every other view leaves them out unless you switch on \u201cadvertising claims\u201d."));
  body.push(rowsList(ids.map((sid) => statementRow(sid))), queryDetails("advertised"));
  return { title: "Claims from advertising", body: body, summary: plural(ids.length, "advertising claim") + ", not medical evidence." };
}

function inferredAnswer() {
  const ids = byBasis("inferred"), body = [banner("inferred")];
  body.push(el("p", { class: "summary" }, ids.length ? plural(ids.length, "relation") + " a curator infers and no document states. Every other view leaves them out unless you switch on \u201ccurators' inferences\u201d."
    : "No relation in this graph rests on a curator's inference alone."));
  body.push(rowsList(ids.map((sid) => statementRow(sid))));
  return { title: "A curator's reading", body: body, summary: plural(ids.length, "inference") + " no document states." };
}

function agreed() { return (Q.agreement || []).map((r) => r[0]).filter((sid) => shown(sid) && S[sid].sources.length > 1); }
function agreementAnswer() {
  const body = [], ids = (Q.agreement || []).map((r) => r[0]).filter(shown);
  const many = ids.filter((sid) => S[sid].sources.length > 1).sort((a, b) => S[b].sources.length - S[a].sources.length || byFirmness(a, b));
  body.push(el("p", { class: "summary" }, plural(many.length, "statement") + " stated by two or more of the " + plural(M.documents.length, "source") + "; " +
    (ids.length - many.length) + " by one source only."));
  body.push(el("section", { class: "group" }, el("h3", {}, "Stated by several sources (" + many.length + ")"), rowsList(many.map((sid) => statementRow(sid)))));
  // what only some sources state: by publisher when the sources name several, else by source
  const publisher = (file) => (docById.get(file) || {}).publisher || "";
  const groups = new Set(M.documents.map((d) => d.publisher || ""));
  const byPublisher = groups.size > 1;
  const groupOf = (file) => byPublisher ? publisher(file) : file;
  const groupTitle = (g) => byPublisher ? (g ? "sources published by " + g : "sources that name no publisher") : docTitle(g);
  const only = new Map();
  for (const sid of ids) {
    const own = new Set(S[sid].sources.map(groupOf));
    if (own.size !== 1 || (!byPublisher && S[sid].sources.length > 1)) continue;
    const g = own.values().next().value;
    if (!only.has(g)) only.set(g, []);
    only.get(g).push(sid);
  }
  const order = byPublisher ? Array.from(groups).sort() : M.documents.map((d) => d.file);
  for (const g of order) {
    const list = (only.get(g) || []).sort(byFirmness);
    if (!list.length) continue;
    const box = el("details", { class: "only", "data-group": g }, el("summary", {}, "Only in " + groupTitle(g) + " (" + list.length + ")"));
    box.addEventListener("toggle", () => { if (box.open && box.children.length === 1) box.append(rowsList(list.map((sid) => statementRow(sid, { compact: true })))); });
    body.push(box);
  }
  body.push(queryDetails("agreement"));
  return { title: "What do the sources agree on?", body: body, summary: plural(many.length, "statement") + " stated by several sources." };
}
