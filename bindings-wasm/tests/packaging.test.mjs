// The package as users load it: `import` (ESM) and `require` (CJS) of "care-outcomes" through its
// `exports` map, and the web build (initialised from bytes); all give the same numbers, and batch
// calls agree with scalar calls row by row. The generated .d.ts equals the committed copy and
// type-checks a usage file under TypeScript's node and bundler resolutions.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const here = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(here, "pkg");

// A battery of calls whose results are compared across the ways of loading the package. It is
// written as source so that child processes can run it as ESM and as CJS.
const BATTERY = `(co) => {
  const plain = (v) => JSON.parse(JSON.stringify(v, (k, x) =>
    x instanceof Float64Array ? Array.from(x, (y) => (Number.isNaN(y) ? "NaN" : y)) : x));
  const bands = ["0-64", "65+"];
  const standard = { name: "two", bands, weights: [60, 40] };
  const reference = { bands, counts: [100, 400], populations: [10000, 2000] };
  return plain({
    p: co.proportion(105, 129, { multiplier: 100 }),
    pb: co.proportion(new Float64Array([105, 0, 3, NaN]), [129, 0, 3, 5], { method: "exact" }),
    r: co.rate(567, 123784),
    rb: co.rate([0, 9, 10, 567], [1000, 1000, 1000, 123784], { confidence: 0.998 }),
    m: co.mean([30, 40, 50, 60]),
    d: co.dsr([20, 30], [1000, 500], { bands, standard, per: 1000 }),
    i: co.isratio([15, 25], [1000, 100], { bands, reference }),
    f: co.funnelRatios([8, 151, 159], [6.239860227, 106.4429719, 232.9329036]),
    q: co.quantiles([3, 1, 2, NaN], { q: 3, invert: true }),
    s: co.ratioSignificance(151, 106.4429719),
    codes: co.errorCodes(),
    defaults: co.defaults(),
  });
}`;
const battery = eval(BATTERY);

let dir;
before(() => {
  // A project that depends on the built package, as an npm user would have it.
  dir = mkdtempSync(join(tmpdir(), "care-outcomes-pkg-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(pkg, join(dir, "node_modules", "care-outcomes"), "dir");
});
after(() => rmSync(dir, { recursive: true, force: true }));

const node = (args) => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" });

describe("loading", () => {
  test("import (ESM) and require (CJS) of care-outcomes give the same API and numbers", () => {
    const esm = JSON.parse(
      node([
        "--input-type=module",
        "-e",
        `import * as co from "care-outcomes";
         import init, { initSync } from "care-outcomes";
         await init(); initSync();
         console.log(JSON.stringify({ keys: Object.keys(co).sort(), out: (${BATTERY})(co) }));`,
      ]),
    );
    const cjs = JSON.parse(
      node([
        "-e",
        `const co = require("care-outcomes");
         console.log(JSON.stringify({ keys: Object.keys(co).sort(), out: (${BATTERY})(co) }));`,
      ]),
    );
    const api = cjs.keys;
    assert.ok(api.includes("proportion") && api.includes("dsrNonIndependent"), api.join());
    assert.deepEqual(esm.keys.filter((k) => k !== "default" && k !== "initSync"), api);
    assert.deepEqual(esm.out, cjs.out);
    assert.deepEqual(esm.out, battery(co));
  });

  test("the README's example runs as written", () => {
    const readme = readFileSync(join(here, "README.md"), "utf8");
    const code = readme.match(/```js\n([\s\S]*?)```/)[1];
    const out = node(["--input-type=module", "-e", code]);
    assert.match(out, /^81\.39\d* 73\.80\d* 87\.16\d* Wilson$/m);
    assert.match(out, /\[ 'Byars', 'Exact' \]/);
    assert.match(out, /^zero_denominator$/m);
    assert.match(out, /^numerator_exceeds_denominator$/m);
  });

  test("the web build gives the same numbers (initialised from bytes)", async () => {
    const web = await import("../pkg/web/care_outcomes.js");
    web.initSync({ module: readFileSync(join(pkg, "web", "care_outcomes_bg.wasm")) });
    assert.deepEqual(battery(web), battery(co));
  });

  test("package.json routes node and browser to their builds", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    assert.equal(manifest.name, "care-outcomes");
    const dot = manifest.exports["."];
    assert.equal(dot.node.import.default, "./node/index.mjs");
    assert.equal(dot.node.require.default, "./node/care_outcomes.js");
    assert.equal(dot.browser.default, "./web/index.js");
    assert.equal(dot.default.default, "./web/index.js");
    for (const cond of [dot.node.import, dot.node.require, dot.browser, manifest.exports["./web"]]) {
      assert.ok(existsSync(join(pkg, cond.types)), cond.types);
      assert.ok(existsSync(join(pkg, cond.default)), cond.default);
    }
  });
});

describe("batch and scalar calls agree", () => {
  const same = (batch, i, scalar) => {
    for (const k of ["value", "lower", "upper"]) {
      const b = Number.isNaN(batch[k][i]) ? null : batch[k][i];
      assert.ok(Object.is(b, scalar[k]), `${k}[${i}]: batch ${b}, scalar ${scalar[k]}`);
    }
    assert.equal(batch.method[i], scalar.method);
    assert.equal(batch.reason[i], scalar.reason);
    assert.equal(batch.confidence, scalar.confidence);
  };
  const x = [0, 1, 5, 9, 10, 11, 50, 99, 100, NaN, 3, 0];
  const n = [100, 100, 100, 20, 10, 1000, 75, 100, 100, 10, NaN, 0];

  for (const opts of [undefined, { confidence: 0.998, multiplier: 100 }, { method: "exact" }, { confidence: null }]) {
    test(`proportion ${JSON.stringify(opts)}`, () => {
      const b = co.proportion(new Float64Array(x), n, opts);
      x.forEach((xi, i) => same(b, i, co.proportion(Number.isNaN(xi) ? null : xi, n[i], opts)));
    });
  }
  for (const opts of [undefined, { per: 1, method: "exact" }, { method: "byar_unswitched", confidence: 0.9 }, { confidence: null }]) {
    test(`rate ${JSON.stringify(opts)}`, () => {
      const b = co.rate(x, new Float64Array(n), opts);
      x.forEach((xi, i) => same(b, i, co.rate(xi, n[i], opts)));
    });
  }

  test("grouped DSR, non-independent DSR and ISR rows equal ungrouped calls", () => {
    const bands = ["0-64", "65+", "0-64", "65+"];
    const standard = { name: "two", bands: ["0-64", "65+"], weights: [60, 40] };
    const counts = [20, 30, 3, 4];
    const pops = [1000, 500, 800, 300];
    const groups = ["A", "A", "B", "B"];
    const g = co.dsr(counts, pops, { bands, standard, groups });
    assert.deepEqual(g.group, ["A", "B"]);
    for (const [i, rows] of [[0, [0, 1]], [1, [2, 3]]]) {
      const pick = (a) => rows.map((r) => a[r]);
      const one = co.dsr(pick(counts), pick(pops), { bands: pick(bands), standard });
      same(g, i, one);
      assert.equal(g.totalCount[i], one.totalCount);
      assert.equal(g.statistic[i], one.statistic);
      const ni = co.dsrNonIndependent([1, 1], pick(counts), pick(pops), { bands: pick(bands), standard });
      const nig = co.dsrNonIndependent([1, 1, 1, 1], counts, pops, { bands, standard, groups });
      same(nig, i, ni);
      const reference = { bands: ["0-64", "65+"], counts: [100, 400], populations: [10000, 2000] };
      const isr = co.israte(pick(counts), pick(pops), { bands: pick(bands), reference });
      const isrg = co.israte(counts, pops, { bands, reference, groups });
      same(isrg, i, isr);
      assert.equal(isrg.expected[i], isr.expected);
      const total = co.isratio(pick(counts).reduce((s, v) => s + v), pick(pops), { bands: pick(bands), reference });
      const totals = co.isratio({ A: 50, B: 7 }, pops, { bands, reference, groups });
      same(totals, i, total);
    }
  });
});

describe("TypeScript declarations", () => {
  const committed = readFileSync(join(here, "care-outcomes.d.ts"), "utf8");

  test("the generated .d.ts equals the committed care-outcomes.d.ts", () => {
    const generated = readFileSync(join(pkg, "node", "care_outcomes.d.ts"), "utf8");
    assert.equal(
      generated,
      committed,
      "the API's types changed: review pkg/node/care_outcomes.d.ts and copy it to bindings-wasm/care-outcomes.d.ts",
    );
    const web = readFileSync(join(pkg, "web", "care_outcomes.d.ts"), "utf8");
    assert.ok(web.startsWith(committed), "the web .d.ts is the node one plus init/initSync");
  });

  test("the code unions in the .d.ts list exactly the core's codes", () => {
    const union = (name) => {
      const m = committed.match(new RegExp(`export type ${name} =([^;]*);`));
      assert.ok(m, name);
      return [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1]);
    };
    assert.deepEqual(union("ErrorCode"), co.errorCodes());
    assert.deepEqual(union("ReasonCode"), co.reasonCodes());
  });

  const tsc = join(here, "node_modules", ".bin", "tsc");
  for (const resolution of ["nodenext", "bundler"]) {
    test(`a usage file type-checks (moduleResolution ${resolution})`, { skip: !existsSync(tsc) && "typescript not installed" }, () => {
      const project = join(dir, `ts-${resolution}`);
      mkdirSync(project);
      symlinkSync(join(dir, "node_modules"), join(project, "node_modules"), "dir");
      writeFileSync(join(project, "usage.ts"), readFileSync(join(here, "tests", "types", "usage.ts")));
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: "es2022",
            module: resolution === "bundler" ? "esnext" : "nodenext",
            moduleResolution: resolution,
            lib: ["es2022", "dom"],
            skipLibCheck: false,
          },
          files: ["usage.ts"],
        }),
      );
      writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module" }));
      try {
        execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
      } catch (e) {
        assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
      }
    });
  }
});
