// Client Level Data on the dashboard: a CLD extract (CSV text, read by the core as it is) is
// derived by the core's `deriveRecords` with the chosen method and period, its measures are linked
// to catalogue definitions by the core's `evaluationRows`, and the row ledger (read = used +
// excluded by rule + rejected) is shown as the core returns it. This module holds no rule: it only
// passes the text and the two options to the package and draws what comes back; the page's table,
// charts and download then treat the linked rows like any other input rows of `evaluate`.
import { parseCsv, toObjects } from "./csv.js";
import { part } from "./parts.js";

/** The bundled synthetic extract (written by scripts/cld-sample.mjs with the core's generator). */
export const CLD_SAMPLE_URL = "../data/cld-synthetic-sample.csv";
/** How many rejected rows the ledger lists. */
export const REJECTED_SHOWN = 20;

const $ = (id) => document.getElementById(id);

/** The chosen method and period of the derivation (the core checks both), and populations. */
export function cldOptions(populations) {
  const options = { method: $("cld-method").value, period: $("cld-period").value.trim() };
  if (populations) options.populations = populations;
  return options;
}

/** The population columns of a populations file (`area,18-64,65+`), named as the core names them. */
const BANDS = ["18-64", "65+"];

/**
 * The `populations` option from a CSV of ONS populations (`area,18-64,65+`; an empty cell is
 * no population). Cells go to the core as numbers when they read as one and as text otherwise,
 * so the core refuses what is not a whole number; a file without an `area` column goes to the
 * core as its rows, whose `invalid_option` names the shape it expects.
 */
export function populationsOf(text) {
  const parsed = parseCsv(text);
  const objects = toObjects(parsed);
  if (!parsed.header.includes("area")) return objects;
  const cell = (t) => {
    const n = Number(t);
    return t === "" ? undefined : Number.isFinite(n) ? n : t;
  };
  const out = {};
  for (const o of objects) {
    const p = {};
    for (const b of BANDS) {
      const v = cell(String(o[b] ?? "").trim());
      if (v !== undefined) p[b] = v;
    }
    out[o.area.trim()] = p;
  }
  return out;
}

/**
 * Derives an extract with the core: `{kind: "cld", name, options, derivation, linked, objects,
 * deriveMs}`, where `linked[i]` is the `evaluate` input row of `derivation.measures[i]` (or null:
 * no catalogue definition, or a rate without a population) and `objects` the linked rows.
 * Throws the core's coded error for an extract it cannot read.
 */
export async function deriveExtract(name, text, options) {
  const records = await part("records"); // care-outcomes/records, loaded on the first extract
  const t0 = performance.now();
  const derivation = records.deriveRecords(text, options);
  const linked = records.evaluationRows(derivation);
  const deriveMs = performance.now() - t0;
  return { kind: "cld", name, options, derivation, linked, objects: linked.filter((r) => r !== null), deriveMs };
}

const label = (m) => `${m.measure}${Object.keys(m.breakdown).length ? ` (${Object.values(m.breakdown).join(", ")})` : ""}`;

/**
 * The input rows of a derivation for a framework (the layout `inputRows` of app.js returns):
 * the linked rows whose definition the framework holds; linked rows of other frameworks are
 * listed as skipped (the unlinked measures are listed under the ledger).
 */
export function cldInputRows(data, fw) {
  const ids = new Set(fw.definitions.map((d) => d.id));
  const rows = [];
  const skipped = [];
  for (const row of data.linked) {
    if (row === null) continue;
    if (ids.has(row.indicator)) rows.push(row);
    else skipped.push(row.indicator);
  }
  const { method, period } = data.options;
  return { rows, records: [], skipped, sourceValues: new Map(), layout: `Client Level Data, method ${method}, period ${period},` };
}

function td(tr, text, cls) {
  const c = document.createElement("td");
  c.textContent = String(text);
  if (cls) c.className = cls;
  tr.append(c);
  return c;
}

function tableOf(id, head) {
  const table = $(id);
  table.replaceChildren();
  const tr = table.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement("th");
    th.textContent = h;
    tr.append(th);
  }
  return table.createTBody();
}

/** Shows the ledger of a derivation as the core returned it (nothing is added up here). */
export function renderLedger(data) {
  const { ledger, measures, method, period } = data.derivation;
  const box = $("cld-ledger");
  box.dataset.read = ledger.read;
  box.dataset.used = ledger.used;
  box.dataset.rejected = ledger.rejected.length;
  const rules = Object.entries(ledger.excluded);
  $("ledger-summary").textContent =
    `${data.name}: read ${ledger.read} rows = used ${ledger.used} + excluded ` +
    (rules.length ? rules.map(([rule, n]) => `${n} ${rule}`).join(" + ") : "0") +
    ` + rejected ${ledger.rejected.length}. Method ${method}, period ${period}: ` +
    `${measures.length} derived measure rows, ${data.objects.length} linked to catalogue definitions; ` +
    `derived in ${data.deriveMs.toFixed(1)} ms.`;
  const ex = tableOf("ledger-excluded", ["excluded by rule", "rows"]);
  for (const [rule, n] of rules) {
    const tr = ex.insertRow();
    tr.dataset.rule = rule;
    td(tr, rule, "rule");
    td(tr, n, "num count");
  }
  const rej = tableOf("ledger-rejected", ["data row", "reason"]);
  for (const r of ledger.rejected.slice(0, REJECTED_SHOWN)) {
    const tr = rej.insertRow();
    tr.dataset.row = r.row;
    td(tr, r.row, "num row");
    td(tr, r.reason, "reason");
  }
  $("ledger-rejected-caption").textContent = ledger.rejected.length > REJECTED_SHOWN
    ? `Rejected rows: the first ${REJECTED_SHOWN} of ${ledger.rejected.length} (data row 1 = the first row after the header).`
    : `Rejected rows: ${ledger.rejected.length} (data row 1 = the first row after the header).`;
  const unlinked = measures.filter((_, i) => data.linked[i] === null).map(label);
  $("ledger-unlinked").textContent = unlinked.length
    ? "Derived but not evaluated (no catalogue definition, a breakdown the definition does not publish, " +
      `or a rate without an ONS population): ${[...new Set(unlinked)].join(", ")}.`
    : "";
  box.hidden = false;
}

export function hideLedger() {
  $("cld-ledger").hidden = true;
}

/**
 * Wires the CLD controls. `load(data, fresh)` receives each derivation (`fresh`: of a newly
 * read extract); `fail(err, context)` each
 * error of reading, fetching or deriving. Changing the method or period derives the current
 * extract again.
 */
export function setupCld({ load, fail, busy }) {
  let extract = null; // {name, text}: the last extract, kept in the page only
  let populations = null; // the populations option, from the last populations file
  let populationsName = null;
  // Every request (a new extract, populations file or option) takes the next number; a
  // derivation whose request has been overtaken while it waited draws nothing, so a slow
  // earlier run never replaces the result of a later one.
  let latest = 0;
  const derive = async (fresh) => {
    if (!extract) return;
    const request = ++latest;
    // A large extract takes a while: say so, and let the page paint before the core runs.
    $("status").textContent = `Deriving ${extract.name} (${extract.text.length.toLocaleString()} characters)…`;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (request !== latest || !extract) return;
    const { name, text } = extract;
    let data;
    try {
      data = await deriveExtract(name, text, cldOptions(populations));
    } catch (err) {
      if (request !== latest) return;
      hideLedger();
      const using = populations ? ` with the populations of ${populationsName}` : "";
      fail(err, `${name} (Client Level Data extract)${using} could not be derived`);
      return;
    }
    if (request !== latest) return;
    renderLedger(data);
    load(data, fresh);
  };
  $("cld-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const request = ++latest; // overtakes any derivation still waiting
    busy();
    const text = await file.text();
    if (request !== latest) return;
    extract = { name: file.name, text };
    derive(true);
  });
  $("use-cld-sample").addEventListener("click", async () => {
    const request = ++latest;
    busy();
    const res = await fetch(CLD_SAMPLE_URL);
    if (request !== latest) return;
    if (!res.ok) {
      hideLedger();
      fail(new Error(`HTTP ${res.status}`), `The sample extract ${CLD_SAMPLE_URL} could not be fetched`);
      return;
    }
    const text = await res.text();
    if (request !== latest) return;
    extract = { name: "the bundled synthetic CLD extract", text };
    derive(true);
  });
  $("cld-populations").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    const request = ++latest;
    const text = file ? await file.text() : null;
    if (request !== latest) return;
    populations = text === null ? null : populationsOf(text);
    populationsName = file?.name ?? null;
    busy();
    derive(false);
  });
  for (const id of ["cld-method", "cld-period"]) $(id).addEventListener("change", () => derive(false));
  return {
    /** Forgets the extract (aggregate counts were loaded instead). */
    forget() {
      latest += 1; // a derivation still waiting draws nothing
      extract = null;
      $("cld-file").value = "";
      hideLedger();
    },
  };
}
