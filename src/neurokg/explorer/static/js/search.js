// search.js: ranked concept search with typo tolerance, and a search of the sentences and their qualifiers.
// Rank: exact label > exact other name > a word starts with the query > the name contains it > small edit distance;
// ties go to the more connected concept.
const norm = (s) => String(s).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
const NAMES = []; // [normalised name, concept id, is the preferred label, shown name]
for (const [id, c] of Object.entries(C)) {
  NAMES.push([norm(c.label), id, true, c.label]);
  for (const a of c.alt) NAMES.push([norm(a), id, false, a]);
}

// optimal string alignment distance (a swap of two neighbours counts one), stopping early above `limit`
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}
const typoLimit = (q) => (q.length <= 2 ? 0 : q.length <= 6 ? 1 : q.length <= 12 ? 2 : 3);

// [{id, tier, distance, name, viaAlt}] best first; one entry per concept
function searchConcepts(text, options) {
  const q = norm(text), all = options && options.all;
  if (!q) return [];
  const limit = all ? Math.max(3, Math.ceil(q.length / 2)) : typoLimit(q);
  const best = new Map();
  for (const [name, id, preferred, shownName] of NAMES) {
    let tier = -1, distance = 0;
    if (name === q) tier = preferred ? 0 : 1;
    else if ((" " + name).includes(" " + q)) tier = 2;
    else if (name.includes(q)) tier = 3;
    else {
      distance = editDistance(q, name, limit);
      if (distance <= limit) tier = 4;
    }
    if (tier < 0) continue;
    const key = [tier, distance, preferred ? 0 : 1, -C[id].degree, C[id].label];
    const seen = best.get(id);
    if (!seen || cmpArrays(key, seen.key) < 0) best.set(id, { id, tier, distance, name: shownName, viaAlt: !preferred, key });
  }
  return Array.from(best.values()).sort((a, b) => cmpArrays(a.key, b.key) || (a.id < b.id ? -1 : 1));
}

// the closest names whatever the distance: what a miss suggests
function suggestions(text, n) {
  const q = norm(text);
  if (!q) return [];
  const scored = [];
  for (const [name, id, preferred] of NAMES) {
    if (!preferred) continue;
    const words = name.split(" ");
    const d = Math.min(editDistance(q, name, 99), ...words.map((w) => editDistance(q, w, 99) + 1));
    scored.push([d, -C[id].degree, C[id].label, id]);
  }
  scored.sort(cmpArrays);
  return scored.slice(0, n || 3).map((s) => s[3]);
}

// statements whose sentence, hedge, limits, caveat or quotes hold every word of the query
const sentenceIndex = new Map();
function sentenceHaystack(s) {
  if (!sentenceIndex.has(s.id)) {
    sentenceIndex.set(s.id, norm([s.sentence, s.hedge.join(" "), s.certainty, s.limits.map((l) => l.join(" ")).join(" "),
                                  s.caveat.join(" "), s.population, s.quotes.map((q) => q.text).join(" ")].join(" ")));
  }
  return sentenceIndex.get(s.id);
}
function searchSentences(text, limit) {
  const words = norm(text).split(" ").filter((w) => w.length > 1);
  if (!words.length) return [];
  const hits = Object.values(S).filter((s) => shown(s.id) && words.every((w) => sentenceHaystack(s).includes(w)));
  return hits.map((s) => s.id).sort(byFirmness).slice(0, limit || 50);
}

// the name typed in a box -> a concept id, or null
function resolveName(text) {
  if (C[text]) return text;
  const hits = searchConcepts(text);
  return hits.length ? hits[0].id : null;
}
