// story.js: the story of a condition as lanes of labelled boxes (DOM text), causes to effects, and what helps.
const LANE_SHOWN = 8;

// how a box relates to the condition, in the words of its sentences: "can cause it", "it commonly has this as a symptom"
function relationWords(sid, node) {
  const s = S[sid], atStart = s.s === node;
  if (!atStart && s.inverse) return s.inverse + " it";
  const words = s.parts.map(([kind, text]) => kind === "t" ? text : (kind === "s") === atStart ? (atStart ? "" : "this") : "it").join("");
  return words.replace(/\s+/g, " ").trim();
}
function boxHow(entry) {
  const ids = entry.st.filter(shown);
  const unique = Array.from(new Set(ids.map((sid) => relationWords(sid, entry.n)))).slice(0, 2).join("; ");
  const n = entry.sources;
  return unique + (n ? " \u00b7 " + plural(n, "source") : "");
}

function storyBox(entry, condition) {
  const id = entry.n;
  const via = entry.via ? " (through " + label(entry.via) + ")" : "";
  return el("li", {}, el("a", { class: "box fam-" + C[id].family, href: "#c/" + encodeURIComponent(id), "data-node": id,
                                title: C[id].kind + via },
    shapeMark(id), el("span", { class: "name" }, label(id)), el("span", { class: "how" }, boxHow(entry) + via)));
}

function laneEntries(story, lane) {
  return story.lanes[lane].filter((e) => e.st.some(shown));
}

function renderLane(story, lane, title, condition) {
  const entries = laneEntries(story, lane);
  const list = el("ul", { class: "boxes" });
  for (const e of entries.slice(0, LANE_SHOWN)) list.append(storyBox(e, condition));
  const section = el("section", { class: "lane lane-" + lane, "data-lane": lane, "aria-label": title },
    el("h3", {}, title, el("span", { class: "count" }, " (" + entries.length + ")")), list);
  if (entries.length > LANE_SHOWN) {
    const rest = entries.slice(LANE_SHOWN);
    const more = el("button", { type: "button", class: "more", "aria-expanded": "false" }, "Show " + rest.length + " more");
    more.addEventListener("click", () => {
      const groups = new Map();
      for (const e of rest) { const k = C[e.n].kind; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(e); }
      const extra = el("div", { class: "more-groups" });
      for (const [kind, list2] of Array.from(groups).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
        extra.append(el("h4", {}, cap(kind) + " (" + list2.length + ")"), el("ul", { class: "boxes" }, list2.map((e) => storyBox(e, condition))));
      }
      more.replaceWith(extra);
      const first = extra.querySelector("a.box"); if (first) first.focus();
    });
    section.append(more);
  }
  return section;
}

function renderHelps(story) {
  const band = el("section", { class: "helps", "aria-label": "What helps" }, el("h3", {}, "What helps"));
  const row = el("div", { class: "help-kinds" });
  let total = 0;
  for (const [key, title] of M.helpKinds) {
    const entries = story.helps[key].filter((t) => shown(t.statement) && !t.via);
    if (!entries.length) continue;
    total += entries.length;
    const seen = new Set(), list = el("ul", { class: "boxes" });
    for (const t of entries) {
      if (seen.has(t.t)) continue;
      seen.add(t.t);
      const s = S[t.statement];
      const limits = (limitsBy.get(t.statement) || s.limits).map((l) => l[1]);
      const how = (t.target !== story.condition ? "said of " + label(t.target) : relationWords(t.statement, t.t)) +
        (limits.length ? " \u00b7 " + limits.join(", ") : "");
      list.append(el("li", {}, el("a", { class: "box fam-" + C[t.t].family, href: "#c/" + encodeURIComponent(t.t), "data-node": t.t },
        shapeMark(t.t), el("span", { class: "name" }, label(t.t)), el("span", { class: "how" }, how))));
    }
    row.append(el("div", { class: "help-kind", "data-kind": key }, el("h4", {}, title + " (" + seen.size + ")"), list));
  }
  if (!total) row.append(el("p", { class: "cite" }, "The sources name no treatment for it."));
  band.append(row);
  return band;
}

function renderStory(condition) {
  const view = $("view-story");
  const story = M.stories[condition];
  state.condition = condition;
  view.replaceChildren();
  const picker = el("select", { id: "nkg-condition", "aria-label": "Which condition's story" });
  for (const id of Object.keys(M.stories).sort((a, b) => C[b].degree - C[a].degree || byLabel(a, b))) {
    picker.append(el("option", { value: id, selected: id === condition || null }, label(id)));
  }
  picker.addEventListener("change", () => go("story/" + encodeURIComponent(picker.value)));
  view.append(el("div", { class: "story-head" },
    el("h2", {}, "The story of ", story ? label(condition) : "a condition"), el("label", { class: "field" }, el("span", {}, "Show the story of"), picker),
    el("p", { class: "howto" }, "From its causes to what it does, left to right; within each lane the firmest and most widely stated first. Open a box for its sentences.")));
  if (!story) { view.append(el("p", { class: "cite" }, "No condition in this graph has a story.")); return; }
  story.condition = condition;
  const lanes = el("div", { class: "lanes" });
  M.lanes.forEach(([lane, title], i) => {
    lanes.append(renderLane(story, lane, title, condition));
    if (i === 1) lanes.append(el("section", { class: "lane lane-condition", "aria-label": "The condition" },
      el("h3", {}, "The condition"), el("a", { class: "box condition fam-" + C[condition].family, href: "#c/" + encodeURIComponent(condition), "data-node": condition },
        shapeMark(condition), el("span", { class: "name" }, label(condition)), el("span", { class: "how" }, C[condition].kind))));
  });
  view.append(lanes, renderHelps(story));
}
