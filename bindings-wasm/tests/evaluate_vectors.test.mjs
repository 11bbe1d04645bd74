// Every case of vectors/evaluate-cases.json (written by core/tests/evaluate_vectors.rs) through
// co.evaluate: the same result rows as the core, floats bit for bit (deepStrictEqual compares
// numbers with Object.is). The file's snake_case result fields are the JS camelCase ones. The rows
// computed are written (snake_case again) to target/vectors/evaluate-js.jsonl for the cross-face
// comparison (vectors/compare_faces.py). Each case also goes through co.evaluateColumns, its rows given as columns (dictionary-coded texts and
// Float64Array counts, and again as plain arrays), and each result column must hold the rows'
// fields (NaN for a null number, 0 for no quartile).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

const snake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const lines = [];
for (const c of doc.cases) {
  test(c.id, () => {
    const out = co.evaluate(c.rows, { ...c.options, framework: c.framework });
    assert.deepStrictEqual(out, c.expected.map(asJs));
  });
  co.evaluate(c.rows, { ...c.options, framework: c.framework }).forEach((r, i) => {
    const result = Object.fromEntries(Object.entries(r).map(([k, v]) => [snake(k), v]));
    lines.push(JSON.stringify({ case: c.id, row: i, result }));
  });
}
mkdirSync(`${root}target/vectors`, { recursive: true });
writeFileSync(`${root}target/vectors/evaluate-js.jsonl`, lines.join("\n") + "\n");

test("a count measure has no denominator: null, not 0", () => {
  const local = doc.cases.find((c) => c.id === "local-framework-direction");
  const row = co.evaluate(local.rows, { ...local.options, framework: local.framework })[3];
  assert.equal(row.indicator, "council-local/extra-care-units");
  assert.strictEqual(row.denominator, null);
});

/** Rows → columns: texts as {values, codes}, counts as Float64Array (NaN = missing). */
function dictionaryColumns(rows) {
  const text = (key) => {
    const values = [...new Set(rows.map((r) => r[key] ?? null))];
    return { values, codes: Uint32Array.from(rows, (r) => values.indexOf(r[key] ?? null)) };
  };
  const count = (key) => Float64Array.from(rows, (r) => r[key] ?? NaN);
  return {
    area: text("area"), period: text("period"), indicator: text("indicator"), breakdown: text("breakdown"),
    numerator: count("numerator"), denominator: count("denominator"), population: count("population"),
  };
}

/** Rows → columns as plain arrays (null = missing). */
function plainColumns(rows) {
  const col = (key) => rows.map((r) => r[key] ?? null);
  return {
    area: col("area"), period: col("period"), indicator: col("indicator"), breakdown: col("breakdown"),
    numerator: col("numerator"), denominator: col("denominator"), population: col("population"),
  };
}

/** Result column `key` at row i, as the row API gives it. */
function cell(c, key, i) {
  const col = c[key];
  if (col instanceof Float64Array) return Number.isNaN(col[i]) ? null : col[i];
  if (col instanceof Uint8Array) return col[i] === 0 ? null : col[i];
  assert.ok(col.codes instanceof Uint32Array && col.codes.length === c.length, key);
  return col.values[col.codes[i]];
}

for (const c of doc.cases) {
  test(`${c.id} (evaluateColumns)`, () => {
    const expected = c.expected.map(asJs);
    for (const columns of [dictionaryColumns(c.rows), plainColumns(c.rows)]) {
      const out = co.evaluateColumns(columns, { ...c.options, framework: c.framework });
      assert.equal(out.length, expected.length);
      const keys = Object.keys(expected[0]);
      assert.deepEqual(Object.keys(out).filter((k) => k !== "length").sort(), [...keys].sort());
      const rows = expected.map((_, i) => Object.fromEntries(keys.map((k) => [k, cell(out, k, i)])));
      assert.deepStrictEqual(rows, expected);
    }
  });
}
