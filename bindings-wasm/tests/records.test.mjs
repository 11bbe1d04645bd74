// Runs every case of vectors/records-cases.json (hand-worked CLD fixtures, also run by
// core/tests/records.rs and bindings-python/tests/test_records.py) through deriveRecords, as CSV
// text and as an array of row objects, and checks the errors of the records API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(`${root}vectors/records-cases.json`, "utf8"));

function check(c, d) {
  for (const want of c.expected) {
    const got = d.measures.find(
      (m) => m.measure === want.measure && m.area === "X" &&
        JSON.stringify(Object.entries(m.breakdown).sort()) === JSON.stringify(Object.entries(want.breakdown).sort()),
    );
    assert.ok(got, `${c.name}: no row ${want.measure} ${JSON.stringify(want.breakdown)}`);
    assert.equal(got.numerator, want.numerator, `${c.name} ${want.measure} numerator`);
    assert.equal(got.denominator, want.denominator, `${c.name} ${want.measure} denominator`);
    assert.deepEqual(got.exclusions, want.exclusions, `${c.name} ${want.measure} exclusions`);
    for (const k of ["framework", "code", "per"]) {
      if (k in want) assert.equal(got[k], want[k], `${c.name} ${want.measure} ${k}`);
    }
  }
  checkLedger(d.ledger, c.ledger);
  if (c.hospital_ledger) checkLedger(d.hospital_ledger, c.hospital_ledger);
  else assert.equal(d.hospital_ledger, undefined, `${c.name}: no hospital ledger`);
}

function checkLedger(l, want) {
  assert.equal(l.read, want.read);
  assert.equal(l.used, want.used);
  assert.deepEqual(l.excluded, want.excluded);
  assert.deepEqual(l.rejected, want.rejected);
  const excluded = Object.values(l.excluded).reduce((a, b) => a + b, 0);
  assert.equal(l.read, l.used + excluded + l.rejected.length);
}

const objects = (lines) => {
  const [header, ...rest] = lines;
  const names = header.split(",");
  return rest.map((line) => {
    const v = line.split(",");
    return Object.fromEntries(names.map((n, i) => [n, v[i] === "" ? null : v[i]]));
  });
};

const options = (c) => ({
  period: c.period, method: c.method, populations: c.populations,
  ...(c.hospital_rows ? { hospital: c.hospital_rows.join("\n") + "\n" } : {}),
});

for (const c of doc.cases) {
  test(`records vector ${c.name} (CSV text)`, () => {
    check(c, co.deriveRecords(c.rows.join("\n") + "\n", options(c)));
  });
  test(`records vector ${c.name} (row objects)`, () => {
    const o = options(c);
    if (c.hospital_rows) o.hospital = objects(c.hospital_rows);
    check(c, co.deriveRecords(objects(c.rows), o));
  });
}

test("synthetic hospital spells link to synthetic events (2D1 denominator = 2D2 numerator)", () => {
  const events = co.syntheticRecords({ seed: 3, events: 20000 });
  const spells = co.syntheticHospital(events, 3);
  assert.equal(spells, co.syntheticHospital(events, 3));
  const d = co.deriveRecords(events, { period: "2024-25", hospital: spells });
  const row = (code) => d.measures.find((m) => m.code === code && m.area === "LA001");
  assert.ok(row("2D1").numerator > 0 && row("2D1").numerator < row("2D1").denominator);
  assert.equal(row("2D1").denominator, row("2D2").numerator);
  assert.ok(d.hospital_ledger.read > 0);
  assert.throws(() => co.deriveRecords(events, { period: "2024-25", hospital: 42 }), { code: "invalid_option" });
  assert.throws(() => co.deriveRecords(events, { period: "2024-25", hospital: "nhs_number,admission_date\n1,2024-01-01\n" }),
    { code: "missing_input" });
  assert.throws(() => co.syntheticHospital(events, -1), { code: "invalid_option" });
});

test("synthetic records are deterministic and balance the ledger", () => {
  const a = co.syntheticRecords({ seed: 3, events: 3000 });
  assert.equal(a, co.syntheticRecords({ seed: 3, events: 3000 }));
  const d = co.deriveRecords(a, { period: "2024-25" });
  assert.equal(d.method, "2024-25");
  const l = d.ledger;
  const excluded = Object.values(l.excluded).reduce((x, y) => x + y, 0);
  assert.ok(l.read >= 3000);
  assert.equal(l.read, l.used + excluded + l.rejected.length);
});

test("the synthetic extract as row objects (numbers for NHS numbers) derives as its CSV", () => {
  const csv = co.syntheticRecords({ seed: 5, events: 5000 });
  const [header, ...lines] = csv.trimEnd().split("\n");
  const names = header.split(",");
  const rows = lines.map((line) => {
    const v = line.split(",");
    return Object.fromEntries(names.map((n, i) => {
      if (v[i] === "") return [n, i % 2 ? null : undefined];
      return [n, n === "nhs_number" ? Number(v[i]) : v[i]];
    }));
  });
  assert.equal(typeof rows.find((r) => r.nhs_number != null).nhs_number, "number");
  for (const method of ["2023-24", "2024-25"]) {
    const want = co.deriveRecords(csv, { period: "2024-25", method });
    assert.ok(want.ledger.rejected.length > 0 && want.measures.length > 30);
    assert.deepEqual(co.deriveRecords(rows, { period: "2024-25", method }), want);
  }
});

test("row objects with booleans, arrays or objects as cells are coded errors", () => {
  const row = { nhs_number: "1", event_type: "Request", client_type: "Service User", event_start_date: "2024-05-01" };
  for (const [k, v] of [["nhs_number", true], ["event_start_date", [2024, 5, 1]], ["la_code", { code: "X" }]]) {
    try {
      co.deriveRecords([row, { ...row, [k]: v }], { period: "2024-25" });
      assert.fail("no error");
    } catch (e) {
      assert.equal(e.code, "invalid_column_type", String(e));
      assert.match(e.message, new RegExp(k));
    }
  }
});

test("records errors are coded", () => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof Error);
      return e.code;
    }
    return "nothing thrown";
  };
  const csv = "nhs_number,event_type,event_start_date\n1,Request,2024-05-01\n";
  assert.equal(code(() => co.deriveRecords(csv, {})), "missing_input");
  assert.equal(code(() => co.deriveRecords(csv, { period: "2024" })), "invalid_option");
  assert.equal(code(() => co.deriveRecords(csv, { period: "2024-25", method: "2022-23" })), "invalid_option");
  assert.equal(code(() => co.deriveRecords("event_type\nRequest\n", { period: "2024-25" })), "missing_input");
  assert.equal(code(() => co.deriveRecords(42, { period: "2024-25" })), "invalid_option");
  assert.equal(code(() => co.deriveRecords([1, 2], { period: "2024-25" })), "invalid_option");
  assert.equal(code(() => co.syntheticRecords({ areas: 0 })), "invalid_option");
});

test("derived counts feed evaluate through the core's catalogue link", () => {
  const d = co.deriveRecords(co.syntheticRecords({ events: 20000 }), { period: "2024-25" });
  const rows = co.evaluationRows(d);
  assert.equal(rows.length, d.measures.length);
  const linked = rows.map((r, i) => [d.measures[i], r]).filter(([, r]) => r !== null);
  const ids = new Set(linked.map(([, r]) => r.indicator));
  for (const id of ["ascof-2024-25/2A", "ascof-2024-25/2E1", "ascof-2024-25/2E2", "better-lives/BC4"]) {
    assert.ok(ids.has(id), id);
  }
  assert.ok(linked.some(([, r]) => r.breakdown === "65OV"));
  for (const [m, r] of linked) {
    assert.equal(r.numerator, m.numerator);
    assert.equal(r.area, m.area);
  }
  const out = co.evaluate(linked.map(([, r]) => r), { benchmark: null });
  assert.deepEqual(out.map((o) => o.numerator), linked.map(([, r]) => r.numerator));
  let thrown;
  try {
    co.evaluationRows({ measures: 3 });
  } catch (e) {
    thrown = e;
  }
  assert.equal(thrown?.code, "invalid_option");
});

test("a NaN or infinite population is a non_finite error, not a missing population", () => {
  const events = co.syntheticRecords({ seed: 3, events: 500 });
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => co.deriveRecords(events, { period: "2024-25", populations: { LA001: { "18-64": bad } } }),
      { code: "non_finite" });
  }
});
