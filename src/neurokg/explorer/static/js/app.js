// app.js: views, the answer panel, routes (stable URL hashes), search box, toggles, keyboard, and the test API.
const api = { ready: false, model: M, state: state, searchConcepts: searchConcepts, searchSentences: searchSentences,
              suggestions: suggestions, findPaths: findPaths, loops: LOOPS, statementsCsv: statementsCsv };
window.neurokgExplorer = api;
const phone = () => window.matchMedia("(max-width: 899px)").matches;

// ---- the answer panel -----------------------------------------------------------------------------
function showAnswer(answer, options) {
  const panel = $("nkg-panel"), body = $("nkg-panel-body");
  const title = el("h2", { id: "nkg-panel-title", tabindex: "-1" }, answer.title);
  body.replaceChildren(title, ...answer.body.filter(Boolean));
  panel.hidden = false;
  document.body.classList.add("panel-open");
  body.scrollTop = 0; panel.scrollTop = 0;
  announce(answer.summary || answer.title);
  if (!options || options.focus !== false) title.focus({ preventScroll: true });
}
function closePanel() {
  $("nkg-panel").hidden = true;
  $("nkg-panel-body").replaceChildren();
  document.body.classList.remove("panel-open");
}

// ---- views ----------------------------------------------------------------------------------------
function setView(view) {
  if (view === "answers" && !phone()) view = "story";
  state.view = view;
  document.body.dataset.view = view;
  for (const tab of document.querySelectorAll("#nkg-tabs [role=tab]")) {
    const on = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  $("view-story").hidden = view !== "story";
  $("view-map").hidden = view !== "map";
  $("view-reader").hidden = view !== "reader";
  if (view === "map") { initMap(); mapState.network.setSize("100%", "100%"); mapState.network.redraw(); }
}

// ---- routes ---------------------------------------------------------------------------------------
let quietRoute = false; // the first route, on load, does not move the focus
// the hash is the shareable address of what is shown; where it cannot change (a sandboxed frame), the page still routes
function currentHash() { try { return location.hash.slice(1); } catch (e) { return ""; } }
// go() routes at once (the hashchange that follows finds the route already shown)
let routed = null;
function go(route) {
  try { if (currentHash() !== route) location.hash = route; } catch (e) { /* sandboxed: the address stays */ }
  routeTo(route);
}
function replaceHash(route) {
  try { history.replaceState(null, "", route ? "#" + route : location.pathname + location.search); } catch (e) { /* sandboxed */ }
}
function routeTo(route) {
  routed = route;
  const parts = route.split("/").map(decodeURIComponent), focus = { focus: !quietRoute };
  const [head, a, b, c] = parts;
  if (head === "q") {
    const card = CARDS.find((x) => x.key === a);
    if (!card) return routeTo("");
    if (a !== "path" && a !== "loops") setHighlight(null);
    showAnswer(a === "loops" ? loopsAnswer(Number(b) || 0) : card.answer(), focus);
  } else if (head === "c" && C[a]) {
    showAnswer(conceptAnswer(a), focus);
    selectConcept(a);
  } else if (head === "s" && S[a]) showAnswer(statementsAnswer(S[a].sentence, [a]), focus);
  else if (head === "path") showAnswer(pathAnswer(resolveName(a || ""), resolveName(b || ""), c === "both"), focus);
  else if (head === "loop") showAnswer(loopAnswer(Number(a)), focus);
  else if (head === "story") { renderStory(C[a] ? a : M.subject); setView("story"); }
  else if (head === "map") setView("map");
  else if (head === "read") { renderReader(a); setView("reader"); }
  else if (head === "find") runSearch(a || "", focus);
  else { closePanel(); state.selected = null; setHighlight(null); }
}
// the concept shown is selected on the map, its neighbourhood highlighted (now, or when the map opens)
function selectConcept(id) {
  state.selected = id;
  const near = [id], edges = [];
  for (const sid of outgoing.get(id).concat(incoming.get(id))) if (shown(sid)) { near.push(S[sid].s, S[sid].o); edges.push(sid); }
  setHighlight(near, edges);
  if (mapState.network && mapNodeIds.has(id)) mapState.network.selectNodes([id], false);
}

// ---- search ---------------------------------------------------------------------------------------
function hitLink(hit) {
  const c = C[hit.id];
  return el("li", {}, el("a", { href: "#c/" + encodeURIComponent(hit.id), class: "hit", "data-node": hit.id },
    shapeMark(hit.id), el("span", { class: "name" }, c.label), el("span", { class: "kind" }, " \u2014 " + c.kind +
    (hit.viaAlt ? ", also called " + hit.name : ""))));
}
function showResults(text) {
  const box = $("nkg-results");
  const hits = searchConcepts(text).slice(0, 8), lines = searchSentences(text, 6);
  if (!norm(text)) { box.hidden = true; box.replaceChildren(); return; }
  box.replaceChildren(el("h3", {}, "Concepts"), hits.length ? el("ul", {}, hits.map(hitLink)) : el("p", { class: "cite" }, "No concept by that name."),
    el("h3", {}, "In the sentences"), lines.length ? el("ul", {}, lines.map((sid) => el("li", {}, el("a", { href: "#s/" + encodeURIComponent(sid), class: "hit" }, S[sid].sentence))))
      : el("p", { class: "cite" }, "No sentence holds these words."));
  box.hidden = false;
}
// Enter in the search box: the best concept, else the sentences, else a miss that clears the panel and suggests
function runSearch(text, options) {
  $("nkg-results").hidden = true;
  const hits = searchConcepts(text);
  if (hits.length) { go("c/" + encodeURIComponent(hits[0].id)); return hits[0].id; }
  const lines = searchSentences(text, 200);
  if (lines.length) { showAnswer(statementsAnswer("Sentences with \u201c" + text + "\u201d", lines, plural(lines.length, "sentence") + " hold these words."), options); return null; }
  closePanel();
  const near = suggestions(text, 3);
  showAnswer({ title: "Nothing matches \u201c" + text + "\u201d", summary: "No match. Did you mean " + near.map(label).join(", ") + "?",
    body: [el("p", { class: "summary", id: "nkg-suggest" }, "Did you mean: ", ...near.flatMap((id, i) => [i ? ", " : "", conceptLink(id)]), "?")] }, options);
  return null;
}

// ---- start ----------------------------------------------------------------------------------------
function start() {
  const n = M.documents.length;
  $("nkg-about").textContent = (M.subject ? "What " + plural(n, "source") + " say about " + label(M.subject) : plural(n, "source")) + ": " +
    M.documents.map((d) => d.title).join("; ") + ".";
  const names = el("datalist", { id: "nkg-names" });
  for (const id of Object.keys(C).sort(byLabel)) names.append(el("option", { value: C[id].label }));
  document.body.append(names);
  renderCards();
  renderStory(M.subject);
  const search = $("nkg-search");
  search.addEventListener("input", () => showResults(search.value));
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { ev.preventDefault(); runSearch(search.value); }
    else if (ev.key === "ArrowDown") { const first = $("nkg-results").querySelector("a"); if (first) { ev.preventDefault(); first.focus(); } }
  });
  $("nkg-results").addEventListener("click", () => { $("nkg-results").hidden = true; });
  $("nkg-results").addEventListener("keydown", (ev) => {  // up and down through the hits
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const hits = Array.from($("nkg-results").querySelectorAll("a")), i = hits.indexOf(document.activeElement);
    ev.preventDefault();
    if (ev.key === "ArrowUp" && i <= 0) search.focus();
    else hits[Math.min(hits.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1))].focus();
  });
  document.addEventListener("click", (ev) => { if (!ev.target.closest(".search")) $("nkg-results").hidden = true; });
  const tabs = Array.from(document.querySelectorAll("#nkg-tabs [role=tab]"));
  for (const tab of tabs) {
    tab.addEventListener("click", () => { setView(tab.dataset.view); if (tab.dataset.view === "reader" && !$("view-reader").children.length) renderReader(M.documents.length ? M.documents[0].file : ""); });
    tab.addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
      const live = tabs.filter((t) => t.offsetParent !== null), i = live.indexOf(tab);
      const next = live[(i + (ev.key === "ArrowRight" ? 1 : live.length - 1)) % live.length];
      next.focus(); next.click();
    });
  }
  for (const kind of ["advertised", "inferred"]) {
    $("nkg-show-" + kind).addEventListener("change", (ev) => setShow(kind, ev.target.checked));
  }
  $("nkg-close").addEventListener("click", clearAll);
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { ev.preventDefault(); clearAll(); }
    else if ((ev.key === "+" || ev.key === "-" || ev.key === "=") && state.view === "map" && mapState.network &&
             !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      mapState.network.moveTo({ scale: mapState.network.getScale() * (ev.key === "-" ? 1 / 1.25 : 1.25) }); keepLabels();
    }
  });
  window.addEventListener("hashchange", () => { if (currentHash() !== routed) routeTo(currentHash()); });
  // in-page links route through go(), which also works where the address cannot change (a sandboxed frame)
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest && ev.target.closest("a[href^='#']");
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    go(a.getAttribute("href").slice(1));
  });
  for (const kind of META.include || []) { state.show[kind] = true; $("nkg-show-" + kind).checked = true; }
  if ((META.include || []).length) { renderCards(); renderStory(M.subject); }
  setView(phone() ? "answers" : "story");
  quietRoute = true;
  if (currentHash()) routeTo(currentHash());
  else if (M.focus) { replaceHash("c/" + encodeURIComponent(M.focus)); routeTo("c/" + M.focus); }
  quietRoute = false;
  api.ready = true;
  api.readyAt = performance.now();
  document.body.dataset.ready = "1";
}

function setShow(kind, on) {
  state.show[kind] = on;
  $("nkg-show-" + kind).checked = on;
  sentenceIndex.clear();
  renderCards();
  renderStory(state.condition);
  if (mapState.network) renderMap();
  if (!$("nkg-panel").hidden && currentHash()) routeTo(currentHash());
}

function clearAll() {
  closePanel();
  state.selected = null;
  setHighlight(null);
  const search = $("nkg-search");
  search.value = "";
  $("nkg-results").hidden = true;
  if (currentHash()) replaceHash("");
  if (mapState.network) mapState.network.unselectAll();
  announce("Cleared.");
  search.focus();
}

Object.assign(api, { go: go, search: runSearch, setShow: setShow, setView: setView, clear: clearAll, mapState: mapState });
start();
