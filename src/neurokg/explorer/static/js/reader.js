// reader.js: each source text (when the page was built with the corpus), every evidence span highlighted;
// hover a span for the facts it supports, click (or Enter) to open them; advertising passages shaded.
function renderReader(file) {
  const view = $("view-reader"), docs = M.documents;
  view.replaceChildren();
  const head = el("div", { class: "reader-head" }, el("h2", {}, "The sources"));
  const list = el("ul", { class: "source-list" });
  for (const d of docs) {
    const counts = Object.entries(d.counts).map(([k, n]) => plural(n, k === "stated" ? "fact" : k === "advertised" ? "advertising claim" : "inference", k === "inferred" ? "inferences" : null)).join(", ");
    list.append(el("li", {}, el("a", { href: "#read/" + encodeURIComponent(d.file), "aria-current": d.file === file ? "true" : null, class: "source-link" }, d.title),
      el("span", { class: "cite" }, [d.publisher, d.date, counts].filter(Boolean).join(" \u00b7 "))));
  }
  head.append(list);
  view.append(head);
  const doc = docById.get(file);
  if (!doc) { view.append(el("p", { class: "cite" }, "Choose a source to read it with the passages the graph uses highlighted.")); return; }
  const credit = [doc.publisher && "Published by " + doc.publisher, doc.url && "Source page: " + doc.url, doc.licence && "Licence: " + doc.licence, doc.date && "Dated " + doc.date]
    .filter(Boolean).join(". ");
  view.append(el("h3", { id: "nkg-reader-title" }, doc.title), credit ? el("p", { class: "credit" }, credit + ".") : null);
  const entry = M.reader[file];
  if (!entry) {
    view.append(el("p", { class: "cite" }, "This page was built without the source texts (no corpus given), so only the facts can be listed, not the text."));
    const ids = Object.keys(S).filter((sid) => S[sid].evidence.some((e) => e[0] === file)).sort(byFirmness);
    view.append(el("ul", { class: "rows" }, ids.map((sid) => statementRow(sid, { compact: true }))));
    return;
  }
  const text = entry.text, box = el("div", { class: "doc-text", id: "nkg-doc" });
  let pos = 0, covered = 0;
  for (const [a, b, ids, advertised] of entry.segments) {
    if (a > pos) box.append(text.slice(pos, a));
    const mark = el("mark", { class: "ev" + (advertised ? " adv" : ""), "data-start": String(a), "data-end": String(b),
                             "data-statements": ids.join(" "), tabindex: "0", role: "button",
                             "aria-label": (advertised ? "advertising passage: " : "") + plural(ids.length, "fact") }, text.slice(a, b));
    box.append(mark);
    covered += b - a; pos = b;
  }
  if (pos < text.length) box.append(text.slice(pos));
  const share = text.length ? Math.round((100 * covered) / text.length) : 0;
  view.append(el("p", { class: "cite", id: "nkg-coverage" }, share + "% of the text supports at least one fact; plain text is not used by any. " +
    "Shaded passages are advertising."), box);
  const open = (mark) => {
    const ids = mark.dataset.statements.split(" ");
    showAnswer(statementsAnswer("Facts from this passage", ids, plural(ids.length, "fact") + " rest on this passage of " + doc.title + "."));
  };
  box.addEventListener("click", (ev) => { const m = ev.target.closest("mark.ev"); if (m) open(m); });
  box.addEventListener("keydown", (ev) => { const m = ev.target.closest("mark.ev"); if (m && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); open(m); } });
  const tip = $("nkg-tip");
  box.addEventListener("mouseover", (ev) => {
    const m = ev.target.closest("mark.ev");
    if (!m) return;
    const ids = m.dataset.statements.split(" ");
    tip.replaceChildren(el("strong", {}, plural(ids.length, "fact") + " (click to open)"),
      el("ul", {}, ids.slice(0, 6).map((sid) => el("li", {}, S[sid].sentence + (S[sid].basis !== "stated" ? " (" + BASIS_WORDS[S[sid].basis] + ")" : "")))),
      ids.length > 6 ? el("p", {}, "and " + (ids.length - 6) + " more") : null);
    const r = m.getBoundingClientRect();
    tip.style.left = Math.min(window.innerWidth - 340, Math.max(8, r.left)) + "px";
    tip.style.top = (r.bottom + 6 + window.scrollY) + "px";
    tip.hidden = false;
  });
  box.addEventListener("mouseout", (ev) => { if (ev.target.closest("mark.ev")) tip.hidden = true; });
}
