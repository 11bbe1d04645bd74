// publish(rows, options): every case of vectors/disclosure-cases.json (shared with the Rust and
// Python suites; options there use the Python names, mapped to camelCase here), the record of an
// opt-out, and the wrong types that must give coded Errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { cases } = JSON.parse(readFileSync(`${root}vectors/disclosure-cases.json`, "utf8"));
const good = cases.filter((c) => !("error" in c));
const bad = cases.filter((c) => "error" in c);

const camel = (s) => s.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());
const jsOptions = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

describe("disclosure vectors", () => {
  test("case counts", () => assert.deepEqual([good.length, bad.length], [7, 9]));
  for (const c of good) {
    test(c.name, () => {
      const out = co.publish(c.rows, jsOptions(c.options));
      assert.equal(out.rows.length, c.expected.length);
      assert.deepEqual(out.unprotected, []);
      c.expected.forEach((exp, i) => {
        const row = out.rows[i];
        for (const [k, v] of Object.entries(exp)) {
          if (k === "key") continue;
          assert.deepEqual(row[camel(k)], v, `${c.name}: row ${i} ${k}`);
        }
        // the input fields are kept
        for (const [k, v] of Object.entries(c.rows[i])) assert.deepEqual(row[k], v);
      });
      if (c.options.opt_out !== undefined) {
        assert.equal(out.disclosure, "off");
        assert.equal(out.optOutReason, c.options.opt_out);
        assert.match(out.log[0], /DISCLOSURE CONTROL OFF/);
      } else {
        assert.equal(out.disclosure, "on");
      }
    });
  }
  for (const c of bad) {
    test(`error: ${c.name}`, () => {
      let err;
      try {
        co.publish(c.rows, jsOptions(c.options));
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, "expected a thrown Error");
      assert.equal(err.code, c.error, err.message);
      if ("error_row" in c) assert.equal(err.row, c.error_row);
    });
  }
});

describe("publish", () => {
  const rows = good[0].rows;
  test("the input rows are not modified", () => {
    const copy = structuredClone(rows);
    co.publish(rows, { dimensions: ["sex"] });
    assert.deepEqual(rows, copy);
  });
  test("disclosure is on without options (the core's default rule)", () => {
    const out = co.publish(rows, { dimensions: ["sex"] });
    assert.deepEqual(out.rows.map((r) => r.symbol), [null, "[c]", "[c]"]);
    assert.deepEqual(out.rule, { suppressBelow: 5, roundCountsTo: null });
  });
  test("values are bit-identical to the decimal text", () => {
    const out = co.publish(good[2].rows, jsOptions(good[2].options));
    for (const r of out.rows) {
      if (r.publishedValue !== null) assert.equal(r.publishedValue, Number(r.valueText));
    }
  });
  const wrong = [
    [() => co.publish("rows"), "invalid_option"],
    [() => co.publish([1, 2]), "invalid_option"],
    [() => co.publish(rows, { dimension: ["sex"] }), "invalid_option"],
    [() => co.publish(rows, { suppressBelow: 2.5 }), "invalid_option"],
    [() => co.publish(rows, { numerator: "num" }), "invalid_option"],
    [() => co.publish([{ numerator: "1", denominator: 2 }]), "invalid_option"],
    [() => co.publish([{ numerator: 1, denominator: Infinity }]), "non_finite"],
    [() => co.publish(rows, { dimensions: ["sex"], rounding: { rule: "up", dp: 1 } }), "invalid_definition"],
    [() => co.publish(rows, { sums: "T" }), "invalid_definition"],
  ];
  wrong.forEach(([f, code], i) => {
    test(`wrong input ${i} gives ${code}`, () => {
      assert.throws(f, (e) => e instanceof Error && e.code === code);
    });
  });
});
