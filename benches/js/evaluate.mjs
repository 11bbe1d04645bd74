// Times the WASM face's evaluate in node on the dashboard test's rows (every ASCOF definition ×
// England and 153 councils, one period, benchmark England, 15 comparators: the rows of
// examples/dashboard/tests/budget-rows.js; the columns path is examples/dashboard/columns.js).
// Reports the median of RUNS calls, and the parts a caller can time from JS. Run after bindings-wasm/build.sh:
//   node benches/js/evaluate.mjs [runs]          (add --cpu-prof before the script for a profile)
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { inputColumns, resultRows } from "../../examples/dashboard/columns.js";
import { budgetRows } from "../../examples/dashboard/tests/budget-rows.js";

const require = createRequire(import.meta.url);
const co = require(process.env.CO_PKG ?? "../../bindings-wasm/pkg/node/care_outcomes.js");
const RUNS = Number(process.argv[2] ?? 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function time(label, f) {
  const runs = [];
  let out;
  for (let n = 0; n < RUNS; n++) {
    const t0 = performance.now();
    out = f();
    runs.push(performance.now() - t0);
  }
  console.log(`${label}: median ${median(runs).toFixed(2)} ms of ${RUNS} (min ${Math.min(...runs).toFixed(2)})`);
  return out;
}

const { rows, options } = budgetRows(co);
console.log(`${rows.length} rows`);
const legacy = rows.filter((r) => r.indicator.startsWith("ascof-legacy/"));
time("JSON.stringify(rows) alone", () => JSON.stringify(rows));
time("aggregate(rows, {}) (rows in only)", () => co.aggregate(rows, {}));
const results = time("evaluate(rows)", () => co.evaluate(rows, options));
time("JSON.parse(JSON.stringify(results)) (a parse of the same text size)", () => JSON.parse(JSON.stringify(results)));
time("evaluate(ascof/legacy rows)", () => co.evaluate(legacy, { ...options, framework: "ascof/legacy" }));
if (co.evaluateColumns) {
  const cols = time("inputColumns(rows) (JS)", () => inputColumns(rows));
  const outCols = time("evaluateColumns(columns)", () => co.evaluateColumns(cols, options));
  time("resultRows(result columns) (JS)", () => resultRows(outCols));
  const viaColumns = time("all three: rows → columns → evaluateColumns → rows", () => resultRows(co.evaluateColumns(inputColumns(rows), options)));
  const { deepStrictEqual } = await import("node:assert/strict");
  deepStrictEqual(viaColumns, results);
  console.log("rows via columns deep-equal evaluate's rows");
}
