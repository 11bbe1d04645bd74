// Times evaluate in headless Chromium with the full module (`care-outcomes`, pkg/web/) against
// the main part (`care-outcomes/main`, pkg/parts/main/) loaded in the same page, on the dashboard
// test's rows and options (every ASCOF definition × England and 153 councils) through the
// dashboard's columns path (examples/dashboard/columns.js) and the row API. BLOCKS alternating
// blocks of 15 calls each; reports the median of calls 8–15 of each block, and checks that both
// modules give the same output. Run after bindings-wasm/build.sh and .ci/test-dashboard.sh (for
// examples/dashboard/node_modules):
//   node benches/js/parts.mjs [blocks]
import { createRequire } from "node:module";
import { serve } from "../../examples/dashboard/server.mjs";

const require = createRequire(new URL("../../examples/dashboard/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const BLOCKS = Number(process.argv[2] ?? 6);

const { server, base } = await serve(0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  await page.goto(`${base}examples/dashboard/`);
  await page.waitForSelector("body[data-state=idle]");
  const out = await page.evaluate(async (blocks) => {
    const full = await import("/bindings-wasm/pkg/web/index.js");
    const main = await import("/bindings-wasm/pkg/parts/main/index.js");
    const { evaluateTable } = await import("/examples/dashboard/columns.js");
    const { budgetRows } = await import("/examples/dashboard/tests/budget-rows.js");
    const { rows, options } = budgetRows(main);
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const same =
      JSON.stringify(evaluateTable(full, rows, options)) === JSON.stringify(evaluateTable(main, rows, options)) &&
      JSON.stringify(full.evaluate(rows, options)) === JSON.stringify(main.evaluate(rows, options));
    const res = { full: { columns: [], rows: [] }, main: { columns: [], rows: [] } };
    const steady = (f) => {
      const runs = [];
      for (let n = 0; n < 15; n++) {
        const t0 = performance.now();
        f();
        runs.push(performance.now() - t0);
      }
      return median(runs.slice(7));
    };
    for (let b = 0; b < blocks; b++) {
      for (const [name, co] of b % 2 ? [["main", main], ["full", full]] : [["full", full], ["main", main]]) {
        res[name].columns.push(steady(() => evaluateTable(co, rows, options)));
        res[name].rows.push(steady(() => co.evaluate(rows, options)));
      }
    }
    return { rows: rows.length, same, res, median: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, { columns: median(v.columns), rows: median(v.rows) }])) };
  }, BLOCKS);
  console.log(JSON.stringify(out, null, 1));
  if (!out.same) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
