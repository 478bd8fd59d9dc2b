// frontwatch dashboard: map (Leaflet), date slider replaying the front, timeline, claims,
// forecasts with calibration, and the evidence view. Plain ES module, no build step.
// Text from reports is only ever inserted as text nodes (never as HTML).

const NUMBER = new Intl.NumberFormat("en-GB");
const fmt = (n) => NUMBER.format(n);
const EVENT_WINDOW_DAYS = 7;

// Okabe–Ito palette (safe for the common colour-vision deficiencies), one colour per family.
const FAMILIES = [
  { name: "ground (capture, withdrawal, advance)", colour: "#E69F00", types: ["capture", "withdrawal", "advance"] },
  { name: "fighting", colour: "#D55E00", types: ["clash"] },
  { name: "shelling and strikes", colour: "#CC79A7", types: ["artillery", "air_strike"] },
  { name: "air defence", colour: "#56B4E9", types: ["air_defense"] },
  { name: "damage", colour: "#F0E442", types: ["infrastructure_damage"] },
  { name: "losses", colour: "#009E73", types: ["military_casualties", "equipment_loss"] },
  { name: "civilians", colour: "#000000", types: ["civilian_casualties", "attack_on_civilians"] },
  { name: "other", colour: "#999999", types: [] },
];
const CONTROLLER_COLOURS = { UA: "#0072B2", RU: "#D55E00", contested: "#E69F00" };
const CONTROLLER_NAMES = { UA: "Ukraine", RU: "Russia", contested: "contested" };
const BANDS = ["asserted", "almost certain", "highly likely", "likely", "realistic possibility", "unlikely", "highly unlikely", "remote chance"];
const BAND_COLOURS = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#eff3ff"];

const typeColour = (type) => (FAMILIES.find((f) => f.types.includes(type)) || FAMILIES[FAMILIES.length - 1]).colour;
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status} ${(await response.json().catch(() => ({}))).detail || ""}`);
  return response.json();
}

const isoDay = (date) => date.toISOString().slice(0, 10);
const addDays = (iso, days) => { const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + days); return isoDay(d); };

const state = { days: [], date: null, series: [], map: null, eventLayer: null, controlLayer: null, dotRenderer: null, timeline: [], playing: null, sourceNames: {} };

// ---------------------------------------------------------------- tabs (WAI-ARIA tab pattern)

function setupTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const select = (tab, focus = false) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", selected);
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) { e.preventDefault(); select(tabs[(i + step + tabs.length) % tabs.length], true); }
      if (e.key === "Home") { e.preventDefault(); select(tabs[0], true); }
      if (e.key === "End") { e.preventDefault(); select(tabs[tabs.length - 1], true); }
    });
  });
  return (id) => select($(id));
}
let showTab = () => {};

// ---------------------------------------------------------------- evidence

async function showEvidence(reportId, start, end, caption = "") {
  showTab("tab-evidence");
  const box = $("evidence");
  box.replaceChildren(el("p", { class: "hint" }, "Loading report…"));
  let report;
  try { report = await api(`/api/reports/${encodeURIComponent(reportId)}`); }
  catch (error) { box.replaceChildren(el("p", { class: "hint" }, `Could not load report ${reportId}: ${error.message}`)); return; }
  const text = report.text;
  start = Math.max(0, Math.min(Number(start) || 0, text.length));
  end = Math.max(start, Math.min(Number(end) || start, text.length));
  const sentence = (report.sentences || []).find(([s, e]) => s <= start && start < e) || [start, end];
  const sStart = Math.min(sentence[0], start), sEnd = Math.max(sentence[1], end);
  const mark = el("mark", {}, text.slice(start, end));
  const body = el("div", { class: "report-text", tabindex: "0", "aria-label": "Report text with the evidence highlighted" },
    text.slice(0, sStart),
    el("span", { class: "sentence" }, text.slice(sStart, start), mark, text.slice(end, sEnd)),
    text.slice(sEnd));
  box.replaceChildren(
    el("h2", {}, report.title || "(untitled report)"),
    el("p", { class: "meta" }, `${report.published} · ${report.source || "source not given"} · report ${report.id} · characters ${fmt(start)}–${fmt(end)}`),
    caption ? el("p", { class: "summary" }, caption) : null,
    report.url ? el("p", { class: "meta" }, el("a", { href: report.url, rel: "noopener" }, report.url)) : null,
    body);
  mark.scrollIntoView({ block: "center" });
  history.replaceState(null, "", `?date=${state.date}&report=${encodeURIComponent(reportId)}&start=${start}&end=${end}`);
}

function evidenceButton(label, meta, evidence, caption, colour) {
  return el("li", {}, el("button", {
    type: "button",
    onclick: () => showEvidence(evidence.report_id, evidence.start, evidence.end, caption),
  }, colour ? el("span", { class: "type-dot", style: `background:${colour}`, "aria-hidden": "true" }) : null,
  label, el("div", { class: "meta" }, meta)));
}

// Source ids ("uk_mod", "author") as people read them; names come from the claims panel's data.
const sourceName = (id) => id === "author" ? "the reporting outlet" : (state.sourceNames[id] || String(id || "unknown source").replace(/_/g, " "));
const SIDE_WORDS = { UA: "by Ukraine", RU: "by Russia" };

function eventItem(e) {
  const where = e.place ? ` at ${e.place}` : "";
  const sources = e.n_sources > 1 ? `${e.n_sources} sources` : sourceName(e.source);
  const p = e.certainty.p_low < 1 ? ` · ${Math.round(100 * e.certainty.p_low)}–${Math.round(100 * e.certainty.p_high)} %` : "";
  return evidenceButton(`${e.type.replace(/_/g, " ")}${where}`, `${e.date_start || "undated"} · ${SIDE_WORDS[e.side] || "side not stated"} · ${sources}${p}`,
    e.evidence, `${e.type.replace(/_/g, " ")}${where} (${e.date_start || "undated"}), according to ${sourceName(e.source)}`, typeColour(e.type));
}

// Long lists show their first items and a button for the rest (a phone page stays short).
const LIST_STEP = 40;
function fillList(list, items, empty) {
  if (!items.length) { list.replaceChildren(el("li", { class: "hint" }, empty)); return; }
  const shown = items.slice(0, LIST_STEP);
  list.replaceChildren(...shown);
  if (items.length > shown.length) {
    const more = el("li", {}, el("button", { type: "button", class: "more", onclick: () => {
      more.remove();
      list.append(...items.slice(LIST_STEP));
    } }, `Show all ${fmt(items.length)}`));
    list.append(more);
  }
}

// ---------------------------------------------------------------- map

function buildMap(meta) {
  const map = L.map("map", { zoomSnap: 0.5, keyboard: true, preferCanvas: false }).setView([48.6, 31.5], 6);
  state.map = map;
  map.createPane("outlines").style.zIndex = 300;
  Promise.all([fetch("/outlines/ukraine-oblasts.geojson").then((r) => r.json()), fetch("/outlines/ukraine.geojson").then((r) => r.json())])
    .then(([oblasts, country]) => {
      L.geoJSON(oblasts, { pane: "outlines", style: { color: "#8a8a8a", weight: 0.8, fill: false }, interactive: false }).addTo(map);
      const outline = L.geoJSON(country, { pane: "outlines", style: { color: "#222", weight: 1.6, fillColor: "#fff", fillOpacity: 0.5 }, interactive: false }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [10, 10] });
    })
    .catch(() => status("outlines could not be loaded"));
  if (meta.tiles) tryTiles(meta.tiles);
  else status("offline map (outlines only)");
  // Settlements sit under the event markers, so that an event at a settlement stays clickable.
  map.createPane("settlements").style.zIndex = 390;
  state.dotRenderer = L.canvas({ pane: "settlements", padding: 0.2 });
  state.controlLayer = L.layerGroup().addTo(map);
  state.eventLayer = L.layerGroup().addTo(map);
  map.on("moveend", () => loadEvents());
}

function status(text) { $("map-status").textContent = text; }

function tryTiles(template) {
  // Use the online tile layer only when one tile loads quickly; otherwise stay with the outlines.
  const probe = new Image();
  const timer = setTimeout(() => { probe.src = ""; status("offline map (outlines only)"); }, 1500);
  probe.onload = () => {
    clearTimeout(timer);
    L.tileLayer(template, { maxZoom: 18, opacity: 0.6, attribution: "© OpenStreetMap contributors" }).addTo(state.map).bringToBack();
    status("");
  };
  probe.onerror = () => { clearTimeout(timer); status("offline map (outlines only)"); };
  probe.src = template.replace("{z}", "6").replace("{x}", "37").replace("{y}", "22").replace("{s}", "a");
}

function controllerOn(item, date) {
  let current = null;
  for (const change of item.changes) { if (change.date <= date) current = change; else break; }
  return current;
}

function drawControl() {
  // Thousands of settlements are drawn on one canvas as small dots; those that changed hands in
  // the days shown are squares on top, focusable and clickable (the replay's news).
  const layer = state.controlLayer;
  layer.clearLayers();
  const counts = { UA: 0, RU: 0, contested: 0 };
  const since = addDays(state.date, 1 - EVENT_WINDOW_DAYS);
  let changed = 0;
  for (const item of state.series) {
    const change = controllerOn(item, state.date);
    if (!change || !(change.controller in CONTROLLER_COLOURS)) continue;
    counts[change.controller] += 1;
    const colour = CONTROLLER_COLOURS[change.controller];
    const title = `${item.name}: ${CONTROLLER_NAMES[change.controller]} since ${change.date}`;
    const open = () => {
      const evidence = change.evidence[0];
      if (evidence) showEvidence(evidence.report_id, evidence.start, evidence.end, `${item.name}: held by ${CONTROLLER_NAMES[change.controller]} from ${change.date} (${change.basis})`);
      else status(`${title} (from an imported map; no report quoted)`);
    };
    let marker;
    if (change.date >= since && item.changes.length > 1) {
      changed += 1;
      const icon = L.divIcon({ className: "settlement-icon changed", iconSize: [11, 11], html: "" });
      marker = L.marker([item.lat, item.lon], { icon, pane: "settlements", keyboard: true, title: `${title} (changed hands)`, alt: title });
      marker.on("add", () => { marker.getElement().style.background = colour; });
      // Leaflet opens only popups on Enter; a focused settlement opens its evidence
      marker.on("keypress", (e) => { if (e.originalEvent.key === "Enter") open(); });
    } else {
      marker = L.circleMarker([item.lat, item.lon], { renderer: state.dotRenderer, radius: 2.5, stroke: false, fillColor: colour, fillOpacity: 0.55 });
      marker.bindTooltip(title);
    }
    marker.on("click", open);
    layer.addLayer(marker);
  }
  $("control-summary").textContent = `Settlements on ${state.date}: ${fmt(counts.UA)} held by Ukraine, ${fmt(counts.RU)} by Russia, ${fmt(counts.contested)} contested; ${fmt(changed)} changed hands in the seven days up to it (squares on the map).`;
}

let eventsRequest = 0;
async function loadEvents() {
  if (!state.map || !state.date) return;
  const ticket = ++eventsRequest;
  const b = state.map.getBounds();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
  const since = addDays(state.date, 1 - EVENT_WINDOW_DAYS);
  const grid = await api("/api/events/grid", { since, until: state.date, zoom: Math.round(state.map.getZoom()), bbox });
  if (ticket !== eventsRequest) return;
  state.eventLayer.clearLayers();
  for (const cell of grid.cells) {
    const label = Object.entries(cell.types).map(([t, n]) => `${fmt(n)} ${t.replace(/_/g, " ")}`).join(", ");
    const marker = L.circleMarker([cell.lat, cell.lon], {
      radius: 6 + Math.min(14, 2.5 * Math.sqrt(cell.n - 1)), color: "#111", weight: 1,
      fillColor: typeColour(cell.top_type), fillOpacity: 0.9, className: "event-marker",
    });
    marker.bindTooltip(label);
    marker.on("click", () => openCell(cell));
    state.eventLayer.addLayer(marker);
  }
  document.body.dataset.eventsDate = state.date;  // the markers on the map are this day's (tests wait on it)
}

async function openCell(cell) {
  if (cell.event_id) {
    const event = await api(`/api/events/${encodeURIComponent(cell.event_id)}`);
    showEvidence(event.evidence.report_id, event.evidence.start, event.evidence.end,
      `${event.type.replace(/_/g, " ")} at ${event.place || "an unstated place"} (${event.date_start || "undated"}), according to ${event.source}`);
    return;
  }
  const [w, s, e, n] = cell.bbox;
  const page = await api("/api/events", { since: addDays(state.date, 1 - EVENT_WINDOW_DAYS), until: state.date, bbox: [w, s, e, n].map((v) => Math.max(-180, Math.min(180, v)).toFixed(5)).join(","), limit: 100 });
  fillList($("event-list"), page.items.map(eventItem), "No events in this cell.");
  if (page.items.length) {
    const first = page.items[0];
    showEvidence(first.evidence.report_id, first.evidence.start, first.evidence.end, `${first.type.replace(/_/g, " ")} at ${first.place || "an unstated place"}; ${fmt(page.total)} events in this cell are listed under Events`);
  }
}

async function loadEventList() {
  const page = await api("/api/events", { since: addDays(state.date, 1 - EVENT_WINDOW_DAYS), until: state.date, limit: 200 });
  fillList($("event-list"), page.items.slice().reverse().map(eventItem), "No events in these days.");
}

function drawLegend() {
  $("legend").replaceChildren(
    ...FAMILIES.map((f) => el("span", {}, el("i", { class: "swatch dot", style: `background:${f.colour}` }), f.name)),
    ...Object.entries(CONTROLLER_COLOURS).map(([c, colour]) => el("span", {}, el("i", { class: "swatch small-dot", style: `background:${colour}` }), c === "contested" ? "contested" : `held by ${CONTROLLER_NAMES[c]}`)),
    el("span", {}, el("i", { class: "swatch square" }), "changed hands in the last 7 days"));
}

// ---------------------------------------------------------------- date slider and timeline

function setDate(index) {
  index = Math.max(0, Math.min(state.days.length - 1, index));
  $("date-slider").value = index;
  state.date = state.days[index];
  $("date-label").textContent = state.date;
  $("date-slider").setAttribute("aria-valuetext", state.date);
  $("brief-link").href = `/api/brief?date=${state.date}&format=html`;
  drawControl();
  drawTimelineCursor();
  loadEvents();
  loadEventList();
}

function drawTimeline() {
  const box = $("timeline");
  const width = 1000, height = 70, days = state.days.length;
  const perDay = new Map(state.timeline.map((d) => [d.date, d]));
  const max = Math.max(1, ...state.timeline.map((d) => d.n));
  const bar = width / Math.max(days, 1);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "group", "aria-label": "Events per day" });
  state.days.forEach((day, i) => {
    const entry = perDay.get(day);
    if (!entry) return;
    const h = Math.max(2, (height - 12) * entry.n / max);
    chart.append(svg("rect", {
      class: "bar", x: i * bar + 0.5, y: height - h, width: Math.max(1, bar - 1), height: h, fill: "#0072B2",
      tabindex: "0", role: "button", "aria-label": `${day}: ${fmt(entry.n)} events`,
      onclick: () => setDate(i), onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); setDate(i); } },
    }, svg("title", {}, `${day}: ${fmt(entry.n)} events`)));
  });
  chart.append(svg("line", { class: "cursor", id: "timeline-cursor", x1: 0, x2: 0, y1: 0, y2: height }));
  box.replaceChildren(chart);
}

function drawTimelineCursor() {
  const cursor = document.getElementById("timeline-cursor");
  if (!cursor) return;
  const bar = 1000 / Math.max(state.days.length, 1);
  const x = (state.days.indexOf(state.date) + 0.5) * bar;
  cursor.setAttribute("x1", x); cursor.setAttribute("x2", x);
}

function setupSlider() {
  const slider = $("date-slider");
  slider.max = state.days.length - 1;
  slider.addEventListener("input", () => setDate(Number(slider.value)));
  $("play").addEventListener("click", () => {
    const button = $("play");
    if (state.playing) { clearInterval(state.playing); state.playing = null; button.textContent = "▶ Play"; button.setAttribute("aria-pressed", "false"); return; }
    if (Number(slider.value) >= state.days.length - 1) setDate(0);
    button.textContent = "⏸ Pause"; button.setAttribute("aria-pressed", "true");
    state.playing = setInterval(() => {
      const next = Number(slider.value) + 1;
      if (next >= state.days.length) { button.click(); return; }
      setDate(next);
    }, 600);
  });
}

// ---------------------------------------------------------------- claims

async function loadClaims(sources) {
  const box = $("claims");
  const legend = el("div", { class: "band-legend" }, BANDS.map((b, i) => el("span", {}, el("i", { class: "swatch", style: `background:${BAND_COLOURS[i]}` }), b)));
  const list = sources.slice(0, 40).map((s) => {
    const bar = el("div", { class: "bands", role: "img", "aria-label": BANDS.filter((b) => s.bands[b]).map((b) => `${b}: ${s.bands[b]}`).join(", ") },
      BANDS.map((b, i) => s.bands[b] ? el("span", { style: `width:${100 * s.bands[b] / s.n}%;background:${BAND_COLOURS[i]}`, title: `${b}: ${s.bands[b]}` }) : null));
    const items = el("ul", { class: "items", hidden: true });
    const toggle = el("button", { type: "button", "aria-expanded": "false", onclick: async () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      items.hidden = open;
      if (!open && !items.childElementCount) {
        const page = await api("/api/claims", { source: s.source, limit: 100 });
        items.replaceChildren(...page.items.map((c) => evidenceButton(c.evidence.text.slice(0, 140),
          `${c.published} · ${c.band}${c.stance !== "asserted" ? " · " + c.stance : ""}`, c.evidence, `${s.name} (${c.band}, ${c.stance})`)));
      }
    } }, `${s.name} — ${fmt(s.n)} claim${s.n === 1 ? "" : "s"}`);
    return el("section", { class: "source" }, el("h3", {}, toggle), bar, items);
  });
  box.replaceChildren(el("p", { class: "hint" }, "Claims by source; bars show the share of each certainty band. Open a source to read its claims."), legend, ...list);
}

// ---------------------------------------------------------------- forecasts and calibration

async function loadForecasts() {
  const data = await api("/api/forecasts");
  const overall = data.scores.find((s) => s.source === "all");
  drawCalibration(overall);
  const rows = data.items.map((f) => el("tr", {},
    el("td", { class: "num" }, f.report_date),
    el("td", {}, el("button", { type: "button", class: "linkish", onclick: () => showEvidence(f.evidence.report_id, f.evidence.start, f.evidence.end, `Forecast by ${sourceName(f.source)}, deadline ${f.deadline || "none"}: ${f.outcome}`) }, f.evidence.text.slice(0, 120)),
      el("div", { class: "meta" }, `${sourceName(f.source)} · ${f.band ? `${f.band}, ${Math.round(100 * f.p_low)}–${Math.round(100 * f.p_high)} %` : "no probability stated"} · deadline ${f.deadline || "none"}`)),
    el("td", { class: `outcome-${f.outcome}` }, { true: "✓ true", false: "✗ false", open: "… open" }[f.outcome] || f.outcome)));
  $("forecasts").replaceChildren(el("table", { class: "forecasts" },
    el("caption", { class: "hint" }, `${fmt(data.items.length)} forecasts; Brier score over resolved ones: ${overall && overall.brier !== null ? overall.brier.toFixed(3) : "–"} (lower is better)`),
    el("thead", {}, el("tr", {}, ["Made", "Forecast", "Outcome"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows)));
}

function drawCalibration(score) {
  const size = 240, pad = 34, inner = size - 2 * pad;
  const x = (p) => pad + p * inner, y = (p) => size - pad - p * inner;
  const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": "Calibration: stated probability against observed frequency" },
    svg("title", {}, "Calibration of all resolved forecasts"),
    svg("rect", { x: pad, y: pad, width: inner, height: inner, fill: "#fff", stroke: "#999" }),
    svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#999", "stroke-dasharray": "4 3" }),
    [0, 0.5, 1].map((t) => [svg("text", { x: x(t), y: size - pad + 14, "font-size": 10, "text-anchor": "middle" }, `${t * 100} %`),
      svg("text", { x: pad - 4, y: y(t) + 3, "font-size": 10, "text-anchor": "end" }, `${t * 100} %`)]),
    svg("text", { x: size / 2, y: size - 4, "font-size": 10, "text-anchor": "middle" }, "stated probability"),
    svg("text", { x: 10, y: size / 2, "font-size": 10, "text-anchor": "middle", transform: `rotate(-90 10 ${size / 2})` }, "came true"));
  for (const bin of (score && score.calibration) || []) {
    chart.append(svg("line", { x1: x(bin.mean_p), x2: x(bin.mean_p), y1: y(bin.ci_low), y2: y(bin.ci_high), stroke: "#0072B2", "stroke-width": 1.5 }));
    chart.append(svg("circle", { cx: x(bin.mean_p), cy: y(bin.observed), r: 3 + Math.sqrt(bin.n) * 1.5, fill: "#0072B2", "fill-opacity": 0.8 },
      svg("title", {}, `${bin.band}: ${fmt(bin.n)} forecasts, stated ${Math.round(100 * bin.mean_p)} %, came true ${Math.round(100 * bin.observed)} %`)));
  }
  $("calibration").replaceChildren(el("p", { class: "hint" }, "Calibration: dots on the dashed line are well calibrated; whiskers are 95 % intervals."), chart);
}

// ---------------------------------------------------------------- search

function setupSearch() {
  $("search-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = $("search").value.trim();
    if (!q) return;
    showTab("tab-search");
    const box = $("search-results");
    try {
      const page = await api("/api/reports", { q, limit: 50 });
      const items = page.items.map((r) => el("li", {}, el("button", { type: "button", onclick: () => showEvidence(r.id, 0, 0, `Search result for “${q}”`) },
        r.title || r.id, el("div", { class: "meta" }, `${r.published} · ${r.source || "source not given"}`),
        el("div", { class: "snippet meta" }, r.snippet.map((s) => s.match ? el("mark", {}, s.text) : s.text)))));
      box.replaceChildren(el("p", { class: "hint" }, `${fmt(page.total)} report${page.total === 1 ? "" : "s"} match “${q}”.`), el("ul", { class: "items" }, items));
    } catch (error) {
      box.replaceChildren(el("p", { class: "hint" }, error.message));
    }
  });
}

// ---------------------------------------------------------------- start

async function main() {
  showTab = setupTabs();
  const params = new URLSearchParams(location.search);
  const meta = await api("/api/meta");
  buildMap(meta);
  drawLegend();
  setupSearch();
  if (!meta.first_date) { status("the store has no reports yet (frontwatch demo)"); return; }
  for (let day = meta.first_date; day <= meta.last_date; day = addDays(day, 1)) state.days.push(day);
  setupSlider();
  const [series, timeline, sources] = await Promise.all([api("/api/control/series"),
    api("/api/events/timeline", { since: meta.first_date, until: meta.last_date }), api("/api/claims/sources").catch(() => [])]);
  state.sourceNames = Object.fromEntries(sources.map((s) => [s.source, s.name]));
  state.series = series;
  state.timeline = timeline;
  drawTimeline();
  const wanted = state.days.indexOf(params.get("date"));
  setDate(wanted >= 0 ? wanted : state.days.length - 1);
  loadClaims(sources).catch((e) => { $("claims").textContent = e.message; });
  loadForecasts().catch((e) => { $("forecasts").textContent = e.message; });
  if (params.get("report")) showEvidence(params.get("report"), params.get("start"), params.get("end"));
  document.body.dataset.ready = "true";
}

main().catch((error) => { status(`error: ${error.message}`); console.error(error); });
