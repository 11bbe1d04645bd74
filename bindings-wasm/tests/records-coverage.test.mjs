// Runs the hand-worked cases of vectors/records-coverage.json (also run by
// core/tests/records_coverage.rs and bindings-python/tests/test_records_coverage.py) through
// recordsCoverage, as CSV text and as an array of row objects, and checks its option errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(`${root}vectors/records-coverage.json`, "utf8"));
const csv = doc.rows.join("\n") + "\n";
const [header, ...lines] = doc.rows;
const names = header.split(",");
const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v === "" ? null : v])));

for (const c of doc.cases) {
  test(`records coverage: ${c.name}`, () => {
    const options = { importDate: c.import_date ?? undefined, period: c.period };
    assert.deepEqual(co.recordsCoverage(csv, options), c.expected);
    assert.deepEqual(co.recordsCoverage(rows, options), c.expected);
  });
}

test("records coverage: options are optional", () => {
  const got = co.recordsCoverage(csv);
  assert.deepEqual(got.map((s) => [s.la, s.counted, s.selected]), [["X", 100, false], ["Y", 5, false]]);
});

test("records coverage: bad options and input give coded errors", () => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      return e.code;
    }
    return "no error";
  };
  assert.equal(code(() => co.recordsCoverage(csv, { importDate: "soon" })), "invalid_option");
  assert.equal(code(() => co.recordsCoverage(csv, { importDate: 20240820 })), "invalid_option");
  assert.equal(code(() => co.recordsCoverage(csv, { period: "sometime" })), "invalid_option");
  assert.equal(code(() => co.recordsCoverage(42)), "invalid_option");
  assert.equal(code(() => co.recordsCoverage("la_code,nhs_number\nX,1\n")), "missing_input");
});

for (const run of doc.derive) {
  test(`deriveRecords submissions: ${run.name}`, () => {
    for (const events of [csv, rows]) {
      const d = co.deriveRecords(events, {
        period: run.period,
        submissions: run.submissions,
        importDate: run.import_date ?? undefined,
      });
      const l = d.ledger;
      assert.equal(l.read, run.read);
      const excluded = Object.values(l.excluded).reduce((a, b) => a + b, 0);
      assert.equal(l.read, l.used + excluded + l.rejected.length);
      for (const [rule, n] of Object.entries(run.excluded)) assert.equal(l.excluded[rule] ?? 0, n, `${run.name} ${rule}`);
    }
  });
}

test("deriveRecords submissions: bad values give coded errors", () => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      return e.code;
    }
    return "no error";
  };
  assert.equal(code(() => co.deriveRecords(csv, { period: "2024-25", submissions: "newest" })), "invalid_option");
  assert.equal(code(() => co.deriveRecords(csv, { period: "2024-25", submissions: 1 })), "invalid_option");
  assert.equal(code(() => co.deriveRecords(csv, { period: "2024-25", importDate: "someday" })), "invalid_option");
});
