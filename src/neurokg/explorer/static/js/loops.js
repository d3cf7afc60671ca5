// loops.js: the vicious cycles of `neurokg loops`, as a paged gallery of circles with numbered steps.
const LOOPS = Q.loops || [];
const LOOPS_PER_PAGE = 6;

function loopNodes(loop) { return loop.hops.map((h) => h.from); }
// a curator's step that closes a cycle the text names is walked by default, as by `neurokg loops`, and marked
function loopVisible(loop) { return loop.hops.every((h) => shown(h.statement) || h.closes); }
function closingNote(loop) {
  return loop.hops.some((h) => h.closes)
    ? el("p", { class: "cite" }, "One step is a curator's reading, not a sentence of the sources: the passage calls the chain a cycle without saying that last step.")
    : null;
}

// a circle of numbered steps, labels as SVG text (readable, not canvas)
function loopCircle(loop, index) {
  const nodes = loopNodes(loop), n = nodes.length, width = 400, height = 270, r = 90, cx = width / 2, cy = height / 2;
  const svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, class: "loop-svg", role: "img",
                             "aria-label": "Cycle " + (index + 1) + ": " + nodes.map(label).join(", then ") + ", and back" });
  svg.append(svgEl("defs", {}, svgEl("marker", { id: "arrow" + index, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
    svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#57606a" }))));
  const at = (i) => [cx + r * Math.sin((2 * Math.PI * i) / n), cy - r * Math.cos((2 * Math.PI * i) / n)];
  for (let i = 0; i < n; i++) {
    const [x1, y1] = at(i), [x2, y2] = at((i + 1) % n);
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1, pad = 16;
    svg.append(svgEl("line", { x1: x1 + (dx / len) * pad, y1: y1 + (dy / len) * pad, x2: x2 - (dx / len) * pad, y2: y2 - (dy / len) * pad,
                               stroke: "#57606a", "stroke-width": "1.6", "marker-end": "url(#arrow" + index + ")" }));
  }
  nodes.forEach((id, i) => {
    const [x, y] = at(i);
    svg.append(svgEl("circle", { cx: x, cy: y, r: 12, fill: "#ffffff", stroke: "#1f2328", "stroke-width": "1.5" }));
    svg.append(svgEl("text", { x: x, y: y + 4.5, "text-anchor": "middle", class: "step-number" }, String(i + 1)));
    const words = label(id), below = y > cy + 10, side = x > cx + 10 ? 1 : x < cx - 10 ? -1 : 0;
    svg.append(svgEl("text", { x: x + side * 16, y: below ? y + 28 : y - 18, "text-anchor": side > 0 ? "start" : side < 0 ? "end" : "middle",
                               class: "step-label" }, words.length > 14 ? words.slice(0, 13) + "\u2026" : words));
  });
  return svg;
}

function cycleQuote(loop) {
  if (!loop.cycle) return el("p", { class: "cite" }, "No passage calls this chain a cycle in so many words; each step is stated on its own.");
  const [sid, doc, start] = loop.cycle;
  const q = S[sid].quotes.find((x) => x.docs.includes(doc)) || S[sid].quotes[0];
  if (!q) return el("p", { class: "cite" }, "A passage calls it a cycle (" + docTitle(doc) + "); built without the source texts.");
  return el("div", { class: "cycle-quote" }, el("p", { class: "cite" }, "The passage that calls it a cycle:"), quoteBlock(q, "stated"));
}

function loopTile(loop, i) {
  const nodes = loopNodes(loop);
  return el("li", { class: "loop", "data-loop": String(i) },
    el("h3", {}, "Cycle " + (i + 1) + ": " + plural(nodes.length, "step")),
    loopCircle(loop, i),
    el("ol", { class: "loop-steps" }, nodes.map((id) => el("li", {}, conceptLink(id)))),
    cycleQuote(loop),
    closingNote(loop),
    el("a", { class: "button", href: "#loop/" + i }, "Open cycle " + (i + 1) + " with its passages"));
}

function loopsAnswer(page) {
  const visible = LOOPS.map((l, i) => [l, i]).filter(([l]) => loopVisible(l));
  const pages = Math.max(1, Math.ceil(visible.length / LOOPS_PER_PAGE));
  page = Math.min(Math.max(0, page || 0), pages - 1);
  const body = [el("p", { class: "summary" }, plural(visible.length, "cycle") + " in which one thing feeds another and comes back to itself, " +
    "as the sources describe them; shortest first.")];
  const gallery = el("ol", { class: "loops", id: "nkg-loops", start: String(page * LOOPS_PER_PAGE + 1) });
  for (const [loop, i] of visible.slice(page * LOOPS_PER_PAGE, (page + 1) * LOOPS_PER_PAGE)) gallery.append(loopTile(loop, i));
  body.push(gallery);
  if (pages > 1) {
    body.push(el("nav", { class: "pager", "aria-label": "Pages of cycles" },
      el("a", { class: "button", href: "#q/loops/" + Math.max(0, page - 1), "aria-disabled": page === 0 ? "true" : null }, "Previous"),
      el("span", {}, "Page " + (page + 1) + " of " + pages),
      el("a", { class: "button", href: "#q/loops/" + Math.min(pages - 1, page + 1), "aria-disabled": page === pages - 1 ? "true" : null }, "Next")));
  }
  body.push(queryDetails("loops"));
  return { title: "Vicious cycles", body: body, summary: plural(visible.length, "cycle") + ", page " + (page + 1) + " of " + pages + "." };
}

function loopAnswer(i) {
  const loop = LOOPS[i];
  if (!loop) return loopsAnswer(0);
  const nodes = loopNodes(loop), body = [loopCircle(loop, i), cycleQuote(loop)];
  const note = closingNote(loop);
  if (note) body.push(note);
  const steps = el("ol", { class: "rows hops" });
  for (const h of loop.hops) steps.append(statementRow(h.statement, { compact: true, quotes: true }));
  body.push(el("section", { class: "group" }, el("h3", {}, "Each step, with its passage"), steps));
  body.push(el("button", { type: "button", onclick: () => showOnMap(null) }, "Show this cycle on the map"));
  setHighlight(nodes, loop.hops.map((h) => h.statement));
  return { title: "Cycle " + (i + 1) + ": " + nodes.map(label).join(" \u2192 "), body: body,
           summary: "Cycle " + (i + 1) + ", " + plural(nodes.length, "step") + "." };
}
