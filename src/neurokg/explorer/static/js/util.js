// util.js: the data, the DOM helper, shared state and small helpers. Text reaches the DOM through textContent only.
const read = (id) => JSON.parse(document.getElementById(id).textContent);
const M = read("nkg-model");
const MAP_NODES = read("nkg-nodes"), MAP_EDGES = read("nkg-edges"), META = read("nkg-meta");
const C = M.concepts, S = M.statements, Q = M.questions || {};
const $ = (id) => document.getElementById(id);

// el("div", {class: "x", text: "..."}, child...): never HTML
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
const svgEl = (tag, attrs, ...children) => {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : String(c));
  return e;
};

const SHAPE_CHARS = { dot: "\u25cf", diamond: "\u25c6", square: "\u25a0", triangle: "\u25b2", triangleDown: "\u25bc",
                      star: "\u2605", hexagon: "\u2b22" };
const BASIS_WORDS = { stated: "stated by a source", inferred: "a curator's inference", advertised: "an advertising claim" };
const BANNERS = {
  advertised: "Advertising: these claims come from advertising passages. They are not medical evidence.",
  inferred: "Inference: these relations are a curator's reading. No document states them."
};

// what the reader chose to see besides stated relations
const state = { show: { advertised: false, inferred: false }, view: "story", highlight: null, condition: M.subject };
const visibleBasis = (b) => b === "stated" || state.show[b];
const shown = (sid) => S[sid] !== undefined && visibleBasis(S[sid].basis);

const label = (id) => (C[id] ? C[id].label : id);
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n, one, many) => n + " " + (n === 1 ? one : (many || one + "s"));
const byLabel = (a, b) => label(a).localeCompare(label(b));
const docById = new Map(M.documents.map((d) => [d.file, d]));
const docTitle = (file) => (docById.get(file) ? docById.get(file).title : file);

// a concept name as a link to its answers (a link, not a button: inline text, shareable)
function conceptLink(id, text) {
  return el("a", { href: "#c/" + encodeURIComponent(id), class: "concept fam-" + (C[id] ? C[id].family : "other"),
                   "data-node": id }, text || label(id));
}
function shapeMark(id) {
  const c = C[id] || { shape: "dot", family: "other" };
  return el("span", { class: "shape fam-" + c.family, "aria-hidden": "true" }, SHAPE_CHARS[c.shape] || "\u25cf");
}

// the short live summary for screen readers: one sentence, never the whole answer
function announce(text) {
  const live = $("nkg-live");
  live.textContent = String(text).slice(0, 200);
}

// statements touching a concept, by direction
const outgoing = new Map(), incoming = new Map();
for (const id of Object.keys(C)) { outgoing.set(id, []); incoming.set(id, []); }
for (const s of Object.values(S)) { outgoing.get(s.s).push(s.id); incoming.get(s.o).push(s.id); }

// strength of a statement for sorting: stated first, firmest, most sources
const firmness = (sid) => { const s = S[sid]; return [s.basis === "stated" ? 0 : 1, -s.strength, -s.sources.length]; };
function cmpArrays(a, b) { for (let i = 0; i < a.length; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; } return 0; }
const byFirmness = (a, b) => cmpArrays(firmness(a), firmness(b)) || S[a].sentence.localeCompare(S[b].sentence);
