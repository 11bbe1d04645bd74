// The package's parts (pkg/parts/<part>/: the crate built with one cargo feature, a wasm module
// each, entry `care-outcomes/<part>`): together they export exactly the full module's API, each
// web part gives the full module's numbers (initialised from bytes, as a page would after
// fetching it), the parts exchange plain JS values (rows of one go into another), and the
// `exports` map routes `care-outcomes/<part>` to them (browser) or to the full build (node).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const here = fileURLToPath(new URL("..", import.meta.url));
const root = join(here, "..");
const pkg = join(here, "pkg");
const PARTS = ["main", "stats", "records", "economics", "survey", "publish", "toml"];
const EXAMPLE_TOML = readFileSync(join(root, "examples/frameworks/council-local.toml"), "utf8");
const SAMPLE = readFileSync(join(root, "examples/data/ascof-2020-21-sample.csv"), "utf8");
const { cases: DISCLOSURE } = JSON.parse(readFileSync(join(root, "vectors/disclosure-cases.json"), "utf8"));

const plain = (v) =>
  JSON.parse(JSON.stringify(v, (k, x) => (x instanceof Float64Array ? Array.from(x, (y) => (Number.isNaN(y) ? "NaN" : y)) : x)));
const api = (m) => Object.keys(m).filter((n) => n !== "default" && n !== "initSync").sort();

/** The web build of a part, initialised from its wasm bytes. */
async function web(part) {
  const m = await import(join(pkg, "parts", part, "care_outcomes.js"));
  m.initSync({ module: readFileSync(join(pkg, "parts", part, "care_outcomes_bg.wasm")) });
  return m;
}

/** The sample's legacy rows as `evaluate` input rows (the dashboard's open-data layout). */
function sampleRows(m) {
  const [head, ...lines] = SAMPLE.trim().split("\n").map((l) => l.split(","));
  return lines.map((cells) => {
    const o = Object.fromEntries(head.map((h, i) => [h, cells[i]]));
    const r = m.resolveOpenDataCode("legacy", o.measure);
    return { area: o.area, period: o.year, indicator: r.indicator, breakdown: r.breakdown, numerator: Number(o.numerator), denominator: Number(o.denominator) };
  });
}

describe("parts", () => {
  test("the parts together export the full module's API, each name where the node part says", async () => {
    const union = new Set();
    for (const part of PARTS) {
      const names = api(await web(part));
      const node = api(await import(join(pkg, "node", "parts", `${part}.mjs`)));
      assert.deepEqual(node, names, part);
      for (const n of names) {
        assert.ok(n in co, `${part}.${n} is not in the full module`);
        union.add(n);
      }
    }
    assert.deepEqual([...union].sort(), api(co));
  });

  test("main: frameworks, evaluate (rows and columns), charts as the full module", async () => {
    const main = await web("main");
    assert.deepEqual(main.frameworks(), co.frameworks());
    assert.deepEqual(main.errorCodes(), co.errorCodes());
    assert.deepEqual(plain(main.framework("ascof", "legacy")), plain(co.framework("ascof", "legacy")));
    const rows = sampleRows(main);
    const options = { framework: "ascof/legacy", benchmark: "England", comparators: ["Leeds", "Coventry"] };
    assert.deepEqual(plain(main.evaluate(rows, options)), plain(co.evaluate(rows, options)));
    const cols = { area: rows.map((r) => r.area), period: rows.map((r) => r.period), indicator: rows.map((r) => r.indicator), breakdown: rows.map((r) => r.breakdown), numerator: rows.map((r) => r.numerator), denominator: rows.map((r) => r.denominator) };
    assert.deepEqual(plain(main.evaluateColumns(cols, options)), plain(co.evaluateColumns(cols, options)));
    assert.equal(main.funnelChart([8, 151, 159], [100, 200, 300]), co.funnelChart([8, 151, 159], [100, 200, 300]));
    assert.equal(main.spcChart([1, 2, 3, 4, 5, 6, 7, 9]), co.spcChart([1, 2, 3, 4, 5, 6, 7, 9]));
  });

  test("main reads framework documents in JSON only; toml's frameworkDocument reads TOML for it", async () => {
    const [main, toml] = [await web("main"), await web("toml")];
    let err;
    try {
      main.loadFramework(EXAMPLE_TOML);
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, "invalid_framework");
    assert.match(err.message, /frameworkDocument of care-outcomes\/toml/);
    const doc = toml.frameworkDocument(EXAMPLE_TOML);
    assert.deepEqual(plain(doc), plain(co.frameworkDocument(EXAMPLE_TOML)));
    const want = plain(co.loadFramework(EXAMPLE_TOML));
    assert.deepEqual(plain(main.loadFramework(doc)), want);
    assert.deepEqual(plain(main.loadFramework(JSON.stringify(doc))), want);
    assert.deepEqual(plain(co.loadFramework(doc)), want);
    assert.throws(() => toml.frameworkDocument("[[domains]\n"), (e) => e.code === "invalid_framework");
    assert.throws(() => toml.frameworkDocument(5), (e) => e.code === "invalid_option");
  });

  test("stats, economics, survey: the full module's numbers", async () => {
    const stats = await web("stats");
    const bands = ["0-64", "65+"];
    const calls = (m) => plain({
      p: m.proportion(105, 129, { multiplier: 100 }),
      r: m.rate([0, 9, 567], [1000, 1000, 123784]),
      d: m.dsr([20, 30], [1000, 500], { bands, standard: { name: "two", bands, weights: [60, 40] }, per: 1000 }),
      f: m.funnelRatios([8, 151, 159], [6.239860227, 106.4429719, 232.9329036]),
      x: m.spcXmr([1, 2, 3, 4, 5, 6, 7, 9]),
      codes: m.errorCodes(),
      defaults: m.defaults(),
    });
    assert.deepEqual(calls(stats), calls(co));
    const economics = await web("economics");
    const flows = [-1000, 300, 300, 300, 300];
    assert.equal(economics.presentValue(flows, { schedule: "gb2022_standard" }), co.presentValue(flows, { schedule: "gb2022_standard" }));
    assert.deepEqual(plain(economics.gdpDeflator()), plain(co.gdpDeflator()));
    const survey = await web("survey");
    assert.deepEqual(plain(survey.survey.weights()), plain(co.survey.weights()));
  });

  test("records and publish take and give plain values: derive → main's evaluate → publish", async () => {
    const [main, records, publish] = [await web("main"), await web("records"), await web("publish")];
    const text = records.syntheticRecords({ seed: 1, events: 2000, areas: 3 });
    assert.equal(text, co.syntheticRecords({ seed: 1, events: 2000, areas: 3 }));
    const options = { method: "2024-25", period: "2024-25" };
    const d = records.deriveRecords(text, options);
    assert.deepEqual(plain(d), plain(co.deriveRecords(text, options)));
    const linked = records.evaluationRows(d).filter((r) => r !== null && r.indicator.startsWith("ascof-2024-25/"));
    assert.ok(linked.length > 0);
    const evOptions = { framework: "ascof/2024-25", benchmark: null, comparators: [] };
    const results = main.evaluate(linked, evOptions);
    assert.deepEqual(plain(results), plain(co.evaluate(linked, evOptions)));
    for (const c of DISCLOSURE.filter((x) => !("error" in x)).slice(0, 5)) {
      const o = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k.replace(/_([a-z])/g, (_, x) => x.toUpperCase()), v]));
      assert.deepEqual(plain(publish.publish(c.rows, o)), plain(co.publish(c.rows, o)));
    }
  });

  test("package.json: care-outcomes/<part> is the part's web module in a browser, the full build's functions in node", async () => {
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    for (const part of PARTS) {
      const e = manifest.exports[`./${part}`];
      assert.equal(e.browser.default, `./parts/${part}/index.js`);
      assert.equal(e.default.default, `./parts/${part}/index.js`);
      assert.equal(e.node.default, `./node/parts/${part}.mjs`);
      for (const f of [e.browser.types, e.browser.default, e.node.types, e.node.default]) {
        assert.ok(readFileSync(join(pkg, f)).length > 0, f);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), "care-outcomes-parts-"));
    try {
      mkdirSync(join(dir, "node_modules"));
      symlinkSync(pkg, join(dir, "node_modules", "care-outcomes"), "dir");
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", `
        import * as main from "care-outcomes/main";
        import { frameworkDocument } from "care-outcomes/toml";
        import init from "care-outcomes/records";
        await init();
        const fw = main.loadFramework(frameworkDocument(${JSON.stringify(EXAMPLE_TOML)}));
        console.log(JSON.stringify([fw.key, Object.keys(main).includes("deriveRecords")]));`], { cwd: dir, encoding: "utf8" });
      assert.deepEqual(JSON.parse(out), [co.loadFramework(EXAMPLE_TOML).key, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
