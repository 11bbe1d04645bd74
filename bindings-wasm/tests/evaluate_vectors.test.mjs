// Every case of vectors/evaluate-cases.json (written by core/tests/evaluate_vectors.rs) through
// co.evaluate: the same result rows as the core, floats bit for bit (deepStrictEqual compares
// numbers with Object.is). The file's snake_case result fields are the JS camelCase ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(`${root}vectors/evaluate-cases.json`, "utf8"));

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const asJs = (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v]));

test("the file has its cases", () => {
  assert.deepEqual(doc.cases.map((c) => c.id), [
    "benchmark-england-2B1", "comparators-quartiles-mad-2D", "rates-population-2A2-99.8",
    "breakdowns-suppression-zero-aggregates", "local-framework-direction",
  ]);
});

for (const c of doc.cases) {
  test(c.id, () => {
    const out = co.evaluate(c.rows, { ...c.options, framework: c.framework });
    assert.deepStrictEqual(out, c.expected.map(asJs));
  });
}
