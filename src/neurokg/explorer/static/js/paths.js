// paths.js: the paths of `neurokg path A B --max 3`, computed in the page by a port of networkx's
// shortest_simple_paths (Yen's algorithm with the bidirectional breadth-first search) over the walk graphs
// embedded with networkx's adjacency order, so that ties break the same way.
const W = M.walk, NODE_INDEX = new Map(W.nodes.map((n, i) => [n, i]));

function bidirectional(G, source, target, ignoreNodes, ignoreEdges) {
  if (ignoreNodes.has(source) || ignoreNodes.has(target)) return null;
  if (source === target) return [source];
  const succ = (v) => G.succ[v].filter((w) => !ignoreNodes.has(w) && !ignoreEdges.has(v + " " + w));
  const pred = (v) => G.pred[v].filter((w) => !ignoreNodes.has(w) && !ignoreEdges.has(w + " " + v));
  const P = new Map([[source, null]]), Sx = new Map([[target, null]]);
  let forward = [source], reverse = [target], meet = null;
  search: while (forward.length && reverse.length) {
    if (forward.length <= reverse.length) {
      const level = forward; forward = [];
      for (const v of level) for (const w of succ(v)) {
        if (!P.has(w)) { forward.push(w); P.set(w, v); }
        if (Sx.has(w)) { meet = w; break search; }
      }
    } else {
      const level = reverse; reverse = [];
      for (const v of level) for (const w of pred(v)) {
        if (!Sx.has(w)) { Sx.set(w, v); reverse.push(w); }
        if (P.has(w)) { meet = w; break search; }
      }
    }
  }
  if (meet === null) return null;
  const path = [];
  for (let w = meet; w !== null; w = Sx.get(w)) path.push(w);
  for (let w = P.get(path[0]); w !== null; w = P.get(w)) path.unshift(w);
  return path;
}

// up to k simple paths from a to b (node indices), shortest first, in networkx's order
function simplePaths(G, a, b, k) {
  const found = [], heap = [], inHeap = new Set();
  let counter = 0;
  const push = (cost, path) => { const key = path.join(","); if (!inHeap.has(key)) { heap.push([cost, counter++, path]); inHeap.add(key); } };
  const pop = () => { heap.sort((x, y) => x[0] - y[0] || x[1] - y[1]); const [, , p] = heap.shift(); inHeap.delete(p.join(",")); return p; };
  let prev = null;
  while (found.length < k) {
    if (!prev) { const p = bidirectional(G, a, b, new Set(), new Set()); if (!p) return found; push(p.length, p); }
    else {
      const ignoreNodes = new Set(), ignoreEdges = new Set();
      for (let i = 1; i < prev.length; i++) {
        const root = prev.slice(0, i);
        for (const p of found) if (p.length > i && root.every((n, j) => p[j] === n)) ignoreEdges.add(p[i - 1] + " " + p[i]);
        const spur = bidirectional(G, root[root.length - 1], b, ignoreNodes, ignoreEdges);
        if (spur) push(root.length + spur.length, root.slice(0, -1).concat(spur));
        ignoreNodes.add(root[root.length - 1]);
      }
    }
    if (!heap.length) break;
    prev = pop();
    found.push(prev);
  }
  return found;
}

// [[{from, to, statement, inverse}...]...] for concept ids, as `neurokg path A B --max k [--undirected]`
function findPaths(a, b, undirected, k) {
  const G = undirected ? W.undirected : W.directed;
  if (!NODE_INDEX.has(a) || !NODE_INDEX.has(b)) return [];
  return simplePaths(G, NODE_INDEX.get(a), NODE_INDEX.get(b), k || 3).map((p) => p.slice(1).map((v, i) => {
    const u = p[i], [rel, inverse] = G.arcs[u + " " + v];
    const from = W.nodes[u], to = W.nodes[v];
    const key = inverse ? to + " " + rel + " " + from : from + " " + rel + " " + to;
    return { from: from, to: to, statement: W.statements[key], inverse: Boolean(inverse) };
  }));
}

function nameBox(id, value, text) {
  const input = el("input", { type: "search", id: id, value: value ? label(value) : "", autocomplete: "off", list: "nkg-names" });
  return el("label", { class: "field" }, el("span", {}, text), input);
}

function pathAnswer(a, b, undirected) {
  const body = [];
  const form = el("form", { class: "path-form", id: "nkg-path-form" },
    nameBox("nkg-path-from", a, "From"), nameBox("nkg-path-to", b, "to"),
    el("label", { class: "check" }, el("input", { type: "checkbox", id: "nkg-path-both", checked: undirected || null }),
      " also walk against the arrows"),
    el("button", { type: "submit" }, "Find the paths"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const from = resolveName($("nkg-path-from").value), to = resolveName($("nkg-path-to").value);
    go("path/" + encodeURIComponent(from || $("nkg-path-from").value) + "/" + encodeURIComponent(to || $("nkg-path-to").value) +
       ($("nkg-path-both").checked ? "/both" : ""));
  });
  body.push(form);
  let summary = "Give two concepts.";
  if (a && b && C[a] && C[b]) {
    const paths = findPaths(a, b, undirected, 3);
    const hidden = paths.filter((p) => !p.every((h) => shown(h.statement))).length;
    summary = paths.length ? plural(paths.length, "path") + " from " + label(a) + " to " + label(b) + ", shortest first."
      : "No path from " + label(a) + " to " + label(b) + (undirected ? "." : " along the arrows; try walking against them.");
    body.push(el("p", { class: "summary" }, summary));
    if (hidden) body.push(el("p", { class: "hidden-note" }, plural(hidden, "path") + " use a relation not stated by a source; switch it on to see."));
    const list = el("ol", { class: "paths", id: "nkg-paths" });
    paths.forEach((hops, i) => {
      const steps = el("ol", { class: "hops" });
      for (const h of hops) {
        const li = statementRow(h.statement, { compact: true, quotes: true,
          note: h.inverse ? "step against the arrow: " + label(h.from) + " \u2190 " + label(h.to) : null });
        li.classList.add("hop");
        li.dataset.from = h.from; li.dataset.to = h.to; li.tabIndex = 0;
        const pick = (ev) => {
          if (ev.target.closest("a, button, summary")) return;
          for (const other of list.querySelectorAll(".hop.picked")) other.classList.remove("picked");
          li.classList.add("picked");
          const q = li.querySelector(".q.collapsed"); if (q) li.querySelector(".quote-toggle").click();
          setHighlight([h.from, h.to], [h.statement]);
        };
        li.addEventListener("click", pick);
        li.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target === li) pick(ev); });
        steps.append(li);
      }
      const nodes = [hops[0].from].concat(hops.map((h) => h.to));
      const item = el("li", { class: "path", "data-nodes": nodes.join(" ") },
        el("h3", {}, "Path " + (i + 1) + ": " + nodes.map(label).join(" \u2192 ")), steps,
        el("button", { type: "button", onclick: () => { setHighlight(nodes, hops.map((h) => h.statement)); showOnMap(null); } }, "Show this path on the map"));
      list.append(item);
    });
    body.push(list);
    if (paths.length) setHighlight([a, b].concat(...paths.map((p) => p.map((h) => h.to))), [].concat(...paths.map((p) => p.map((h) => h.statement))));
  }
  body.push(el("details", { class: "data" }, el("summary", {}, "data details"),
    el("p", {}, "The same answer as: neurokg path " + (a || "A") + " " + (b || "B") + " --max 3" + (undirected ? " --undirected" : ""))));
  return { title: "How does one thing lead to another?", body: body, summary: summary };
}
