// The dashboard page: reads a CSV of counts and a framework, and shows what the care-outcomes
// core computes from them (evaluate, spcChart, funnelChart, publish). Every value, interval,
// published value, comparison, chart and disclosure decision is the core's; this module only
// reads files, maps columns to the core's input rows and draws the results. A Client Level Data
// extract is derived by the core in cld.js; its linked rows then take the same path. The page
// starts on the package's main module; the other parts (publish, records, toml) are imported
// when first needed (parts.js).
import * as co from "care-outcomes/main";
import { cellNumber, parseCsv, toObjects, writeCsv } from "./csv.js";
import { cldInputRows, setupCld } from "./cld.js";
import { evaluateTable } from "./columns.js";
import { part } from "./parts.js";

const SAMPLE_URL = "../data/ascof-2020-21-sample.csv";
const OPEN_DATA = ["measure", "year", "area", "numerator", "denominator"];
const ROWS = ["area", "period", "indicator", "numerator"];
const LOCAL = "local";

const $ = (id) => document.getElementById(id);
const state = {
  data: null, // {name, header, objects}
  framework: null, // a Framework (built-in or loaded)
  localFramework: null,
  rows: [],
  results: [],
  sourceValues: new Map(),
  evaluateMs: null,
  svg: { spc: null, funnel: null }, // the core's SVG text as drawn (the tests compare it)
  cld: null, // the Client Level Data controls (cld.js)
};

/** Shows a coded error (the core's `code` and message) or any other failure. */
function showError(err, context) {
  const box = $("error");
  box.replaceChildren();
  box.append(`${context}: `);
  if (err && err.code) {
    const code = document.createElement("code");
    code.textContent = err.code;
    box.append(code, ` — ${err.message}`);
  } else {
    box.append(String(err && err.message ? err.message : err));
  }
  box.dataset.code = err?.code ?? "";
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").dataset.code = "";
}

function status(text) {
  $("status").textContent = text;
}

const has = (header, names) => names.every((n) => header.includes(n));
const bkey = (r) => `${r.indicator}|${r.breakdown ?? ""}`;

/** The core's input rows of the data for a framework, and the rows left out (not in it). */
function inputRows(data, fw) {
  if (data.kind === "cld") return cldInputRows(data, fw);
  const ids = new Set(fw.definitions.map((d) => d.id));
  const versions = [...new Set(fw.definitions.map((d) => d.version))];
  const rows = [];
  const records = []; // for each input row, its data row in the file (1 = the first after the header)
  const skipped = [];
  const sourceValues = new Map();
  let layout;
  if (has(data.header, OPEN_DATA)) {
    layout = "open data (measure codes)";
    for (const [n, o] of data.objects.entries()) {
      const measure = o.measure.trim();
      let hit = null;
      for (const v of versions) {
        const r = co.resolveOpenDataCode(v, measure);
        if (r && ids.has(r.indicator)) {
          hit = r;
          break;
        }
      }
      if (!hit) {
        skipped.push(measure);
        continue;
      }
      const row = {
        area: o.area.trim(),
        period: o.year.trim(),
        indicator: hit.indicator,
        breakdown: hit.breakdown,
        numerator: cellNumber(o.numerator),
        denominator: cellNumber(o.denominator),
      };
      rows.push(row);
      records.push(n + 1);
      if (data.header.includes("value")) sourceValues.set(`${bkey(row)}|${row.area}|${row.period}`, o.value.trim());
    }
  } else if (has(data.header, ROWS)) {
    layout = "definition ids";
    for (const [n, o] of data.objects.entries()) {
      const indicator = o.indicator.trim();
      if (!ids.has(indicator)) {
        skipped.push(indicator);
        continue;
      }
      const row = { area: o.area.trim(), period: o.period.trim(), indicator, numerator: cellNumber(o.numerator) };
      if (data.header.includes("breakdown")) row.breakdown = o.breakdown.trim() || null;
      if (data.header.includes("denominator")) row.denominator = cellNumber(o.denominator);
      if (data.header.includes("population")) row.population = cellNumber(o.population);
      rows.push(row);
      records.push(n + 1);
    }
  } else {
    // Neither layout: the records go to the core as they are, and its error names what is wrong.
    layout = "unrecognised";
    rows.push(...data.objects);
    records.push(...data.objects.map((_, n) => n + 1));
  }
  return { rows, records, skipped, sourceValues, layout };
}

function areasOf(rows) {
  return [...new Set(rows.map((r) => r.area))];
}

/** Comparator check boxes: every area but the benchmark; keeps the ticks of areas still present. */
function renderComparators(areas, benchmark) {
  const box = $("comparators");
  const ticked = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
  box.replaceChildren();
  for (const a of areas.filter((x) => x !== benchmark)) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = a;
    input.checked = ticked.has(a);
    input.addEventListener("change", () => render());
    label.append(input, ` ${a}`);
    box.append(label);
  }
}

const fmt = (x, dp) => (x === null || x === undefined ? "" : x.toFixed(dp)); // display only

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  tr.append(td);
  return td;
}

function renderTable(fw, results, defs) {
  const table = $("table");
  table.replaceChildren();
  const showSource = state.sourceValues.size > 0;
  const head = [
    "code", "indicator", "area", "period", "numerator", "denominator", "value", "95% interval",
    ...(showSource ? ["source value"] : []),
    "vs benchmark", "comparator group", "quartile", "MAD band", "direction", "flags",
  ];
  const thead = table.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement("th");
    th.textContent = h;
    thead.append(th);
  }
  const tbody = table.createTBody();
  const titles = new Map(fw.domains.map((d) => [d.id, d.title]));
  let domain;
  for (const r of results) {
    if (r.domain !== domain) {
      domain = r.domain;
      const tr = tbody.insertRow();
      tr.className = "domain";
      const th = document.createElement("th");
      th.colSpan = head.length;
      th.textContent = domain ? `Domain ${domain}: ${titles.get(domain) ?? ""}` : "No domain";
      tr.append(th);
    }
    const d = defs.get(r.indicator);
    const dp = d.rounding.dp;
    const tr = tbody.insertRow();
    tr.dataset.indicator = r.indicator;
    tr.dataset.breakdown = r.breakdown ?? "";
    tr.dataset.area = r.area;
    tr.dataset.period = r.period;
    cell(tr, r.code, "code");
    cell(tr, r.breakdownLabel ? `${d.title} — ${r.breakdownLabel}` : d.title, "title");
    cell(tr, r.area, "area");
    cell(tr, r.period, "period");
    cell(tr, String(r.numerator), "num numerator");
    cell(tr, r.denominator === null ? "" : String(r.denominator), "num denominator"); // null for a count
    cell(tr, r.symbol ?? r.published ?? "", "num published").title = r.value === null ? (r.reason ?? "") : String(r.value);
    cell(tr, r.lower === null ? "" : `${fmt(r.lower, dp)}–${fmt(r.upper, dp)}`, "num interval");
    if (showSource) cell(tr, state.sourceValues.get(`${bkey(r)}|${r.area}|${r.period}`) ?? "", "num source");
    const b = r.benchmarkComparison;
    cell(tr, b && b !== "not_compared" ? `${b} (${r.benchmark} ${fmt(r.benchmarkValue, dp)})` : "", `rag rag-${b ?? "none"}`).dataset.code = b ?? "";
    const c = r.comparatorComparison;
    cell(tr, r.comparatorValue === null ? "" : `${c ?? ""} (${fmt(r.comparatorValue, dp)})`, `comparator rag-${c ?? "none"}`).dataset.value = r.comparatorValue ?? "";
    cell(tr, r.quartile ?? "", "num quartile");
    cell(tr, r.madBand ?? "", "mad");
    cell(tr, r.direction ? `${r.direction} since ${r.previousPeriod}` : "", "direction");
    cell(tr, r.flags.join(", "), "flags");
  }
}

function option(select, value, text) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  select.append(o);
}

function fillSelect(select, items) {
  const keep = select.value;
  select.replaceChildren();
  for (const [v, t] of items) option(select, v, t);
  if (items.some(([v]) => v === keep)) select.value = keep;
}

function renderChartControls(results, defs) {
  const seen = new Map();
  for (const r of results) {
    if (!seen.has(bkey(r))) seen.set(bkey(r), `${r.code}${r.breakdownLabel ? ` (${r.breakdownLabel})` : ""} — ${defs.get(r.indicator).title}`);
  }
  fillSelect($("chart-indicator"), [...seen]);
  fillSelect($("chart-area"), areasOf(results).map((a) => [a, a]));
  fillSelect($("chart-period"), [...new Set(results.map((r) => r.period))].sort().map((p) => [p, p]));
}

const DIRECTION = { higher_is_better: "increase", lower_is_better: "decrease", no_judgement: "neutral" };

function chartError(el, err) {
  el.replaceChildren();
  const p = document.createElement("p");
  p.className = "note";
  p.textContent = err.code ? `${err.code}: ${err.message}` : String(err);
  el.append(p);
}

function note(el, text) {
  chartError(el, text);
}

function renderCharts(defs, benchmark) {
  const key = $("chart-indicator").value;
  const area = $("chart-area").value;
  const period = $("chart-period").value;
  const same = state.results.filter((r) => bkey(r) === key);
  if (same.length === 0) return;
  const d = defs.get(same[0].indicator);
  const label = `${same[0].code}${same[0].breakdownLabel ? ` (${same[0].breakdownLabel})` : ""}`;

  const series = same.filter((r) => r.area === area && r.value !== null).sort((a, b) => (a.period < b.period ? -1 : 1));
  const spc = $("spc");
  state.svg = { spc: null, funnel: null };
  if (series.length === 0) {
    note(spc, `No values of ${label} for ${area}.`);
  } else {
    try {
      state.svg.spc = co.spcChart(
        series.map((r) => r.value),
        { improvementDirection: DIRECTION[d.polarity] },
        { title: `${label}, ${area}`, labels: series.map((r) => r.period), yLabel: d.unit },
      );
      spc.innerHTML = state.svg.spc;
    } catch (err) {
      chartError(spc, err);
    }
  }

  const funnel = $("funnel");
  const units = same.filter((r) => r.period === period && r.area !== benchmark);
  const kind = d.calculation !== "ratio" ? null : d.unit === "percent" ? { kind: "proportion" } : d.unit.startsWith("per") ? { kind: "rate", multiplier: d.multiplier } : null;
  if (!kind) {
    note(funnel, `No funnel plot for ${label}: its unit is ${d.unit}.`);
  } else if (units.length === 0) {
    note(funnel, `No areas with ${label} in ${period}.`);
  } else {
    try {
      state.svg.funnel = co.funnelChart(
        units.map((r) => r.numerator),
        units.map((r) => r.denominator),
        kind,
        { title: `${label}, ${period}`, labels: units.map((r) => r.area), yLabel: d.unit },
      );
      funnel.innerHTML = state.svg.funnel;
    } catch (err) {
      chartError(funnel, err);
    }
  }
}

/** Evaluates the loaded data against the chosen framework and draws everything. */
function render() {
  clearError();
  const fw = state.framework;
  if (!state.data || !fw) {
    $("results").hidden = true;
    return;
  }
  const { rows, records, skipped, sourceValues, layout } = inputRows(state.data, fw);
  state.sourceValues = sourceValues;
  const areas = areasOf(rows);
  const benchmark = areas.includes("England") ? "England" : null;
  renderComparators(areas, benchmark);
  const comparators = [...$("comparators").querySelectorAll("input:checked")].map((i) => i.value);
  $("framework-title").textContent = `${fw.title} (${fw.key})`;
  if (rows.length === 0) {
    $("results").hidden = true;
    status(`None of the ${state.data.objects.length} rows of ${state.data.name} belongs to ${fw.key}.`);
    document.body.dataset.state = "empty";
    return;
  }
  let results;
  try {
    const t0 = performance.now();
    // co.evaluate's rows, through the columnar form (several times faster on large tables).
    results = evaluateTable(co, rows, { framework: fw.document ? fw : fw.key, benchmark, comparators });
    state.evaluateMs = performance.now() - t0;
  } catch (err) {
    $("results").hidden = true;
    // The core counts its input rows from 0; say which data row of the file that is.
    const where = Number.isInteger(err?.row) && records[err.row] ? `, data row ${records[err.row]} of the file` : "";
    showError(err, `${state.data.name} (${layout} layout${where}) could not be evaluated`);
    status(`Could not evaluate ${state.data.name}.`);
    document.body.dataset.state = "error";
    return;
  }
  const defs = new Map(fw.definitions.map((d) => [d.id, d]));
  const order = new Map();
  for (const dom of fw.domains) for (const id of dom.indicators) order.set(id, order.size);
  for (const d of fw.definitions) if (!order.has(d.id)) order.set(d.id, order.size);
  results = results.map((r, i) => [r, i]).sort(([a, i], [b, j]) => order.get(a.indicator) - order.get(b.indicator) || i - j).map(([r]) => r);
  state.rows = rows;
  state.results = results;
  renderTable(fw, results, defs);
  renderChartControls(results, defs);
  renderCharts(defs, benchmark);
  $("summary").textContent =
    `${results.length} results from ${state.data.name} (${layout} layout); benchmark ${benchmark ?? "none"}; ` +
    `comparator group ${comparators.length ? comparators.join(", ") : "none"}` +
    (skipped.length ? `; ${skipped.length} rows not in this framework left out (${[...new Set(skipped)].join(", ")})` : "") +
    `; evaluated in ${state.evaluateMs.toFixed(1)} ms.`;
  $("results").hidden = false;
  status(`Showing ${fw.key}.`);
  document.body.dataset.state = "ready";
}

/** The published table as CSV: each indicator through `publish` with its definition's rule. */
async function publishedCsv() {
  const { publish } = await part("publish"); // care-outcomes/publish, loaded on the first download
  const fw = state.framework;
  const defs = new Map(fw.definitions.map((d) => [d.id, d]));
  const groups = new Map();
  for (const r of state.results) {
    if (!groups.has(r.indicator)) groups.set(r.indicator, []);
    groups.get(r.indicator).push(r);
  }
  const out = [];
  const log = [];
  for (const [id, group] of groups) {
    const d = defs.get(id);
    const options = { multiplier: d.multiplier, rounding: d.rounding };
    if (d.disclosure?.suppress_below != null) options.suppressBelow = d.disclosure.suppress_below;
    if (d.disclosure?.round_counts_to != null) options.roundCountsTo = d.disclosure.round_counts_to;
    const table = publish(
      // A count measure has no denominator (null): its table is a table of counts.
      group.map((r) => ({ area: r.area, period: r.period, indicator: r.indicator, code: r.code, breakdown: r.breakdown ?? "", numerator: r.numerator, ...(r.denominator === null ? {} : { denominator: r.denominator }) })),
      options,
    );
    log.push(`${d.code}: ${table.method}, disclosure ${table.disclosure}`);
    for (const p of table.rows) {
      out.push([p.area, p.period, p.indicator, p.code, p.breakdown, p.publishedNumerator, p.publishedDenominator, p.valueText, p.symbol, p.reason]);
    }
  }
  const header = ["area", "period", "indicator", "code", "breakdown", "numerator", "denominator", "value", "symbol", "reason"];
  return { csv: writeCsv(header, out), log };
}

async function download() {
  clearError();
  let published;
  try {
    published = await publishedCsv();
  } catch (err) {
    showError(err, "The table could not be published");
    return;
  }
  const blob = new Blob([published.csv], { type: "text/csv" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${state.framework.framework}-${state.framework.version}-published.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  status(`Published ${published.log.length} indicators: ${published.log.join("; ")}.`);
}

function loadData(name, text) {
  state.cld?.forget();
  const parsed = parseCsv(text);
  state.data = { name, header: parsed.header, objects: toObjects(parsed) };
  $("comparators").replaceChildren();
  render();
}

async function useSample() {
  clearError();
  const res = await fetch(SAMPLE_URL);
  if (!res.ok) {
    showError(new Error(`HTTP ${res.status}`), `The sample ${SAMPLE_URL} could not be fetched`);
    return;
  }
  loadData("the bundled sample (ASCOF 2020-21)", await res.text());
}

/**
 * Shows a derived CLD extract (`fresh`: a newly read one, whose areas replace the comparator
 * group; else the same extract derived with other options, which keeps it). When the chosen
 * built-in framework holds none of its measures, the first listed one that holds some is chosen.
 */
function loadDerived(data, fresh) {
  state.data = data;
  $("data-file").value = "";
  if (fresh) $("comparators").replaceChildren();
  const select = $("framework");
  if (select.value !== LOCAL && cldInputRows(data, state.framework).rows.length === 0) {
    const holds = (key) => key !== LOCAL && cldInputRows(data, co.framework(...key.split("/"))).rows.length > 0;
    const key = [...select.options].map((o) => o.value).find(holds);
    if (key) {
      select.value = key;
      chooseFramework();
      return;
    }
  }
  render();
}

/** A CLD extract that could not be read, fetched or derived: the coded error, no stale table. */
function cldFailed(err, context) {
  state.data = null;
  $("results").hidden = true;
  showError(err, context);
  status("Could not derive the Client Level Data extract.");
  document.body.dataset.state = "error";
}

function chooseFramework() {
  clearError();
  const v = $("framework").value;
  $("framework-file-label").hidden = v !== LOCAL;
  if (v === LOCAL) {
    state.framework = state.localFramework;
    if (!state.framework) {
      $("results").hidden = true;
      status("Choose a framework file (JSON or TOML, docs/frameworks.md).");
      return;
    }
  } else {
    const [name, version] = v.split("/");
    state.framework = co.framework(name, version);
  }
  render();
}

function init() {
  const select = $("framework");
  for (const key of co.frameworks().filter((k) => k.startsWith("ascof/") || k.startsWith("better-lives/"))) {
    const [name, version] = key.split("/");
    option(select, key, `${co.framework(name, version).title} (${key})`);
  }
  option(select, LOCAL, "A local framework file…");
  select.value = "ascof/legacy";
  select.addEventListener("change", chooseFramework);
  $("framework-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    clearError();
    try {
      const text = await file.text();
      // The main module reads JSON documents; TOML text is read by care-outcomes/toml first
      // (the package's own test: a JSON document starts with "{").
      const doc = text.trimStart().startsWith("{") ? text : (await part("toml")).frameworkDocument(text);
      state.localFramework = co.loadFramework(doc);
    } catch (err) {
      state.localFramework = null;
      state.framework = null;
      $("results").hidden = true;
      showError(err, `The framework file ${file.name} was refused`);
      document.body.dataset.state = "error";
      return;
    }
    chooseFramework();
  });
  $("data-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) loadData(file.name, await file.text());
  });
  $("use-sample").addEventListener("click", useSample);
  state.cld = setupCld({ load: loadDerived, fail: cldFailed, busy: clearError });
  $("download").addEventListener("click", download);
  for (const id of ["chart-indicator", "chart-area", "chart-period"]) {
    $(id).addEventListener("change", () => {
      const fw = state.framework;
      const areas = areasOf(state.rows);
      renderCharts(new Map(fw.definitions.map((d) => [d.id, d])), areas.includes("England") ? "England" : null);
    });
  }
  state.framework = co.framework("ascof", "legacy");
  status("Use a bundled sample, or upload a CSV of aggregate counts or a Client Level Data extract.");
  window.dashboard = { co, part, state, evaluateTable };
  document.body.dataset.state = "idle";
}

try {
  init();
} catch (err) {
  showError(err, "The page could not start");
}
