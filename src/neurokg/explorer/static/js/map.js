// map.js: the whole map (vis-network), drawn on first opening: filters with all/none/only that include
// subclasses, re-fit after filtering, the most connected labels kept readable at every zoom, a list of
// the statements shown, and a CSV of them.
const DIM_NODE = { background: "#eceff1", border: "#c9d1d9", highlight: { background: "#eceff1", border: "#8c959f" } };
const DIM_EDGE = { color: "#e3e6e8", highlight: "#e3e6e8", hover: "#e3e6e8" };
const LABELLED = 25; // the most connected nodes keep a readable label at every zoom
const mapState = { network: null, nodes: null, edges: null, hiddenClasses: new Set(), hiddenRelations: new Set() };
const edgeByStatement = new Map(MAP_EDGES.map((e) => [e.nk.statement, e]));
const mapNodeIds = new Set(MAP_NODES.map((n) => n.id));

// a node is hidden when its class or any class above it is unchecked
const classChain = (c) => [c].concat((M.classes[c] || { parents: [] }).parents);
const nodeVisible = (id) => !classChain(C[id].type).some((c) => mapState.hiddenClasses.has(c));
const edgeVisible = (e) => visibleBasis(e.nk.basis) && !mapState.hiddenRelations.has(e.nk.relation) && nodeVisible(e.from) && nodeVisible(e.to);

function setHighlight(nodes, statements) {
  state.highlight = nodes ? { nodes: new Set(nodes), edges: new Set(statements || []) } : null;
  if (mapState.network) renderMap();
}

// what each node and edge should look like now (hidden by the filters, dimmed by the highlight)
function nodeLook(n) {
  const dim = state.highlight && !state.highlight.nodes.has(n.id);
  return { id: n.id, hidden: !nodeVisible(n.id), color: dim ? DIM_NODE : n.color, font: { color: dim ? "#8c959f" : "#1f2328" } };
}
function edgeLook(e) {
  const hl = state.highlight, dim = hl && !hl.edges.has(e.nk.statement);
  return { id: e.id, hidden: !edgeVisible(e), color: dim ? DIM_EDGE : e.color,
           font: { color: dim ? "rgba(0,0,0,0)" : "#1f2328", strokeWidth: dim ? 0 : 3 }, width: hl && !dim ? e.width + 1.5 : e.width };
}
// update only what changed since the last render: redraws stay cheap on large maps
const lastLook = new Map();
function changed(look) { const key = JSON.stringify(look); if (lastLook.get(look.id) === key) return false; lastLook.set(look.id, key); return true; }

function renderMap() {
  const nUpd = MAP_NODES.map(nodeLook).filter(changed), eUpd = MAP_EDGES.map(edgeLook).filter((l) => changed(Object.assign({ edge: 1 }, l)));
  if (nUpd.length) mapState.nodes.update(nUpd);
  if (eUpd.length) mapState.edges.update(eUpd);
  const shownNodes = MAP_NODES.filter((n) => nodeVisible(n.id)).length, shownEdges = MAP_EDGES.filter(edgeVisible).length;
  $("nkg-status").textContent = shownNodes + " of " + MAP_NODES.length + " concepts, " + shownEdges + " of " + MAP_EDGES.length + " relations shown" +
    (state.show.advertised || state.show.inferred ? "" : " (advertising and inferences left out)");
  keepLabels();
  const list = $("nkg-map-list");
  if (list.open) fillList();
}

// keep the LABELLED most connected visible nodes at a readable size on screen, whatever the zoom
let labelled = new Map();
function keepLabels() {
  if (!mapState.network) return;
  const scale = mapState.network.getScale(), size = Math.max(13, 14 / scale);
  const top = MAP_NODES.filter((n) => nodeVisible(n.id)).sort((a, b) => a.nk.rank - b.nk.rank).slice(0, LABELLED);
  const now = new Map(top.map((n) => [n.id, size]));
  const upd = [];
  for (const [id] of labelled) if (!now.has(id)) upd.push({ id: id, font: { size: 13 } });
  for (const [id, s] of now) if (labelled.get(id) !== s) upd.push({ id: id, font: { size: s } });
  labelled = now;
  if (upd.length) mapState.nodes.update(upd);
}

function visibleStatements() { return MAP_EDGES.filter(edgeVisible).map((e) => e.nk.statement); }

function fillList() {
  const ol = $("nkg-map-list").querySelector("ol");
  ol.replaceChildren(...visibleStatements().sort(byFirmness).map((sid) => el("li", {}, S[sid].sentence + ".")));
}

function csvCell(v) { const s = String(v === undefined || v === null ? "" : v); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
function statementsCsv() {
  const head = ["subject", "relation", "object", "sentence", "basis", "certainty", "hedge", "limits", "sources", "statement", "subject_id", "object_id"];
  const rows = visibleStatements().sort().map((sid) => { const s = S[sid];
    return [label(s.s), s.relLabel, label(s.o), s.sentence, s.basis, s.certainty, s.hedge.join("; "), s.limits.map((l) => l[1]).join("; "),
            s.sources.map(docTitle).join("; "), s.id, s.s, s.o]; });
  return [head].concat(rows).map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
function exportCsv() {
  const a = el("a", { href: "data:text/csv;charset=utf-8," + encodeURIComponent(statementsCsv()), download: "neurokg-statements.csv" });
  document.body.append(a); a.click(); a.remove();
  announce("Exported " + plural(visibleStatements().length, "statement") + " as CSV.");
}

function fitVisible() {
  if (!mapState.network) return;
  const hl = state.highlight;
  const ids = hl ? Array.from(hl.nodes).filter((id) => mapNodeIds.has(id) && nodeVisible(id)) : MAP_NODES.filter((n) => nodeVisible(n.id)).map((n) => n.id);
  if (ids.length) mapState.network.fit({ nodes: ids, minZoomLevel: 0.3, maxZoomLevel: 1.4, animation: false });
  keepLabels();
}

function filterRow(kind, key, words, count, mark) {
  const set = kind === "class" ? mapState.hiddenClasses : mapState.hiddenRelations;
  const box = el("input", { type: "checkbox", "data-kind": kind, "data-key": key });
  box.checked = !set.has(key);
  box.addEventListener("change", () => { if (box.checked) set.delete(key); else set.add(key); applyFilters(); });
  const only = el("button", { type: "button", class: "only", "aria-label": "only " + words }, "only");
  only.addEventListener("click", () => {
    const keys = kind === "class" ? Object.keys(M.classes) : Object.keys(M.relations);
    set.clear();
    for (const k of keys) if (kind === "class" ? !classChain(k).includes(key) && !classChain(key).includes(k) : k !== key) set.add(k);
    syncFilters(); applyFilters();
  });
  return el("div", { class: "filter-row" }, el("label", {}, box, mark || "", " " + words, el("span", { class: "count" }, " " + count)), only);
}
function syncFilters() {
  for (const b of $("nkg-filters").querySelectorAll("input[type=checkbox]")) {
    b.checked = !(b.dataset.kind === "class" ? mapState.hiddenClasses : mapState.hiddenRelations).has(b.dataset.key);
  }
}
function applyFilters() { renderMap(); fitVisible(); }

function buildFilters() {
  const box = $("nkg-filters");
  const bulk = (kind, hide) => el("button", { type: "button", onclick: () => {
    const set = kind === "class" ? mapState.hiddenClasses : mapState.hiddenRelations;
    set.clear(); if (hide) for (const k of Object.keys(kind === "class" ? M.classes : M.relations)) set.add(k);
    syncFilters(); applyFilters(); } }, hide ? "None" : "All");
  // classes as a tree: each under its nearest parent that has a row
  const parentOf = (c) => M.classes[c].parents.filter((p) => M.classes[p]).sort((a, b) => M.classes[b].parents.length - M.classes[a].parents.length)[0];
  const children = new Map();
  for (const c of Object.keys(M.classes)) { const p = parentOf(c) || ""; if (!children.has(p)) children.set(p, []); children.get(p).push(c); }
  const classes = [];
  const walk = (p) => { for (const c of (children.get(p) || []).sort((a, b) => M.classes[a].words.localeCompare(M.classes[b].words))) { classes.push(c); walk(c); } };
  walk("");
  const counts = {};
  for (const n of MAP_NODES) for (const c of classChain(n.nk.type)) counts[c] = (counts[c] || 0) + 1;
  const classBox = el("div", { class: "filter-list" });
  for (const c of classes) {
    if (!counts[c]) continue;
    const row = filterRow("class", c, cap(M.classes[c].words), counts[c], el("span", { class: "shape fam-" + M.classes[c].family, "aria-hidden": "true" }, SHAPE_CHARS[M.classes[c].shape]));
    row.style.marginLeft = (classChain(c).length - 1) * 10 + "px";
    classBox.append(row);
  }
  const relBox = el("div", { class: "filter-list" });
  const relCounts = {};
  for (const e of MAP_EDGES) relCounts[e.nk.relation] = (relCounts[e.nk.relation] || 0) + 1;
  for (const r of Object.keys(relCounts).sort((a, b) => relCounts[b] - relCounts[a] || M.relations[a].localeCompare(M.relations[b]))) {
    relBox.append(filterRow("relation", r, M.relations[r], relCounts[r]));
  }
  box.replaceChildren(el("h3", {}, "Kinds of concept"), el("div", { class: "bulk" }, bulk("class", false), bulk("class", true)), classBox,
                      el("h3", {}, "Relations"), el("div", { class: "bulk" }, bulk("relation", false), bulk("relation", true)), relBox,
                      el("h3", {}, "Lines"), el("p", { class: "cite" }, "Solid: stated firmly. Dashed: hedged (can, may, often). Dotted, with the word on the line: a curator's inference or an advertising claim."));
}

function initMap() {
  if (mapState.network) return;
  // the data sets start as they are to be drawn, so the first frame needs no update
  mapState.nodes = new vis.DataSet(MAP_NODES.map((n) => { const look = nodeLook(n); changed(look);
    return Object.assign({}, n, look, { title: C[n.id].label + " (" + C[n.id].kind + ")" }); }));
  mapState.edges = new vis.DataSet(MAP_EDGES.map((e) => { const look = edgeLook(e); changed(Object.assign({ edge: 1 }, look));
    return Object.assign({}, e, look, { title: S[e.nk.statement] ? S[e.nk.statement].sentence : e.label }); }));
  const options = {
    physics: { enabled: false }, layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false, keyboard: { enabled: true, bindToWindow: false },
                   hideEdgesOnDrag: META.large, hideEdgesOnZoom: META.large },
    nodes: { font: { size: 13, strokeWidth: 3, strokeColor: "#ffffff", color: "#1f2328" }, borderWidth: 1 },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.55 } }, smooth: false,
             font: { size: 10, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }, selectionWidth: 2.5 }
  };
  mapState.network = new vis.Network($("nkg-network"), { nodes: mapState.nodes, edges: mapState.edges }, options);
  api.network = mapState.network; api.nodes = mapState.nodes; api.edges = mapState.edges;
  mapState.network.on("click", (p) => {
    if (p.nodes.length) go("c/" + encodeURIComponent(p.nodes[0]));
    else if (p.edges.length) { const e = mapState.edges.get(p.edges[0]); go("s/" + encodeURIComponent(e.nk.statement)); }
    else setHighlight(null);
  });
  mapState.network.on("zoom", keepLabels);
  mapState.network.once("afterDrawing", () => { api.mapReady = true; });
  const tools = $("nkg-map-tools");
  tools.replaceChildren(el("button", { type: "button", onclick: fitVisible }, "Fit to what is shown"),
    el("button", { type: "button", onclick: () => { mapState.network.moveTo({ scale: mapState.network.getScale() * 1.25 }); keepLabels(); } }, "Zoom in (+)"),
    el("button", { type: "button", onclick: () => { mapState.network.moveTo({ scale: mapState.network.getScale() / 1.25 }); keepLabels(); } }, "Zoom out (\u2212)"),
    el("button", { type: "button", id: "nkg-export", onclick: exportCsv }, "Export the statements shown (CSV)"));
  $("nkg-map-list").addEventListener("toggle", () => { if ($("nkg-map-list").open) fillList(); });
  buildFilters();
  renderMap();
  if (state.selected && mapNodeIds.has(state.selected)) mapState.network.selectNodes([state.selected], false);
  // start on a readable neighbourhood: the highlight, else the focus or the condition and its neighbours
  if (!state.highlight) {
    const start = M.focus || M.subject;
    if (start && mapNodeIds.has(start)) {
      const near = new Set([start]);
      for (const sid of outgoing.get(start).concat(incoming.get(start))) if (shown(sid)) { near.add(S[sid].s); near.add(S[sid].o); }
      mapState.network.fit({ nodes: Array.from(near).filter((id) => mapNodeIds.has(id)), minZoomLevel: 0.45, maxZoomLevel: 1.2, animation: false });
      if (M.focus) mapState.network.selectNodes([M.focus], false);
      keepLabels();
      return;
    }
  }
  fitVisible();
}

function showOnMap(id) {
  if (id) selectConcept(id);
  setView("map");
  if (id && mapNodeIds.has(id)) mapState.network.selectNodes([id], false);
  fitVisible();
}
