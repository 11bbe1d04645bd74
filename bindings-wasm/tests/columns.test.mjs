// co.evaluateColumns: the same evaluation as co.evaluate with rows as columns, on real figures
// (Birmingham, Leeds and England, ASCOF 2B(1) 2020-21, spec-ascof.md), and every bad input kind
// of the columns refused with its code (and row, where a row is at fault).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as co from "../pkg/node/index.mjs";

function coded(f, code) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `expected ${code}, got ${err}`);
  assert.equal(err.code, code, err.message);
  return err;
}

const rows = [
  { area: "England", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 34152, denominator: 43193 },
  { area: "Birmingham", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 291, denominator: 596 },
  { area: "Leeds", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 105, denominator: 129 },
];
const columns = () => ({
  area: { values: ["England", "Birmingham", "Leeds"], codes: new Uint32Array([0, 1, 2]) },
  period: { values: ["2020-21"], codes: new Uint32Array([0, 0, 0]) },
  indicator: ["ascof-legacy/2B1", "ascof-legacy/2B1", "ascof-legacy/2B1"],
  numerator: new Float64Array([34152, 291, 105]),
  denominator: [43193, 596, 129],
});

test("columns give evaluate's rows: Birmingham 48.8 worse than England, Leeds 81.4 in quartile 1", () => {
  const out = co.evaluateColumns(columns());
  const want = co.evaluate(rows);
  assert.equal(out.length, 3);
  const published = (i) => out.published.values[out.published.codes[i]];
  assert.deepEqual([0, 1, 2].map(published), want.map((r) => r.published));
  assert.deepEqual([published(1), published(2)], ["48.8", "81.4"]);
  assert.equal(out.benchmarkComparison.values[out.benchmarkComparison.codes[1]], "worse");
  assert.deepEqual([...out.quartile], [0, 3, 1]);
  assert.deepEqual([...out.quartile].map((q) => q || null), want.map((r) => r.quartile));
  assert.ok(Number.isNaN(out.benchmarkValue[0]));
  assert.deepEqual([...out.lower], want.map((r) => r.lower));
  assert.deepEqual([...out.value], want.map((r) => r.value));
  // Each distinct text once.
  assert.deepEqual(out.indicator.values, ["ascof-legacy/2B1"]);
  assert.deepEqual([...out.indicator.codes], [0, 0, 0]);
});

test("options are evaluate's", () => {
  const options = { framework: "ascof/legacy", benchmark: null, comparators: ["Leeds", "Birmingham"], confidence: 0.998 };
  const out = co.evaluateColumns(columns(), options);
  const want = co.evaluate(rows, options);
  assert.deepEqual([...out.comparatorValue], want.map((r) => r.comparatorValue));
  assert.deepEqual([...out.upper], want.map((r) => r.upper));
  assert.deepEqual(out.confidence.values, ["99.8%"]);
  coded(() => co.evaluateColumns(columns(), { confidence: 95 }), "invalid_confidence");
  coded(() => co.evaluateColumns(columns(), { colour: "red" }), "invalid_option");
});

test("bad columns are refused", () => {
  coded(() => co.evaluateColumns([rows]), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), colour: ["red"] }), "invalid_option");
  const { area, ...noArea } = columns();
  assert.ok(area);
  coded(() => co.evaluateColumns(noArea), "missing_input");
  const { numerator, ...noNumerator } = columns();
  assert.ok(numerator);
  coded(() => co.evaluateColumns(noNumerator), "missing_input");
  coded(() => co.evaluateColumns({ ...columns(), period: ["2020-21"] }), "length_mismatch");
  coded(() => co.evaluateColumns({ ...columns(), denominator: [1, 2] }), "length_mismatch");
  coded(() => co.evaluateColumns({ ...columns(), area: { values: ["A"], codes: [0, 0, 1] } }), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), area: { values: ["A"], codes: [0, 0, 0.5] } }), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), area: ["A", "B", 3] }), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), area: "England" }), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), area: ["A", null, "C"] }), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), denominator: ["43193", "596", "129"] }), "invalid_option");
});

test("row errors carry the row", () => {
  const c = (numerator, denominator) => ({ ...columns(), numerator, denominator });
  assert.equal(coded(() => co.evaluateColumns(c([1, 700, 2], [2, 596, 3])), "numerator_exceeds_denominator").row, 1);
  assert.equal(coded(() => co.evaluateColumns(c([1, -1, 2], [2, 596, 3])), "negative_value").row, 1);
  assert.equal(coded(() => co.evaluateColumns(c([1, NaN, 2], [2, 596, 3])), "missing_input").row, 1);
  assert.equal(coded(() => co.evaluateColumns(c([1, 2, 3], [2, 596, null])), "missing_denominator").row, 2);
  coded(() => co.evaluateColumns(c([1, 2, Infinity], [2, 596, 3])), "non_finite");
  coded(() => co.evaluateColumns(c([1, 2, 2.5], [2, 596, 3])), "invalid_option");
  coded(() => co.evaluateColumns({ ...columns(), area: ["Leeds", "Leeds", "England"] }), "duplicate_id");
  assert.equal(coded(() => co.evaluateColumns({ ...columns(), breakdown: [null, "90OV", null] }), "unknown_indicator").row, 1);
});
