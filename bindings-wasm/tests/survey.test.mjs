// co.survey: the shared survey vectors (vectors/survey-cases.json, also run by
// core/tests/survey_vectors.rs and bindings-python/tests/test_survey.py), camelCase records in and
// out, the ledger, carers and bad inputs. Writes target/vectors/survey-js.jsonl and, when the
// Rust suite has written survey-rust.jsonl, checks the numbers are bit-identical.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as co from "../pkg/node/index.mjs";

const root = new URL("../../", import.meta.url).pathname;
const CASES = JSON.parse(readFileSync(`${root}vectors/survey-cases.json`, "utf8"));
const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const camelKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
// Option names of the shared file (snake_case) as the JS API spells them.
const jsOptions = (o) => camelKeys(o);

function close(got, want, tol, what) {
  if (want === null) {
    assert.equal(got, null, what);
  } else {
    assert.ok(got !== null && Math.abs(got - want) <= tol, `${what}: got ${got}, expected ${want}`);
  }
}

function coded(f, code) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `expected ${code}`);
  assert.equal(err.code, code, err.message);
  return err;
}

const fixture = CASES.measures[0];
const fixtureOptions = () => ({ strata: fixture.strata, ...jsOptions(fixture.options) });

describe("survey vectors", () => {
  const lines = [];
  for (const c of CASES.score) {
    const [row] = co.survey.score([camelKeys(c.respondent)], jsOptions(c.options));
    lines.push({ id: c.name, scrqol: row.scrqol, ascot_index: row.ascotIndex, adjusted_scrqol: row.adjustedScrqol });
    test(c.name, () => {
      const tol = CASES.tolerance.score;
      assert.equal(row.scrqol, c.expected.scrqol);
      close(row.adjustedScrqol, c.expected.adjusted_scrqol, tol, "1J");
      close(row.ascotIndex, c.expected.ascot_index, tol, "index");
    });
  }
  const out = co.survey.measures(fixture.respondents.map(camelKeys), fixtureOptions());
  for (const e of out) {
    const level = e.level[0].toUpperCase() + e.level.slice(1);
    const sub = e.subgroupValue === null ? "None" : `Some("${e.subgroupValue}")`;
    lines.push({
      id: `${fixture.name}|${level}|${e.area}|${sub}|${e.measure}`,
      value: e.value, margin_of_error: e.marginOfError, numerator: e.numerator, denominator: e.denominator,
    });
  }
  test("stratified fixture (hand-worked in core/tests/survey_fixture.rs)", () => {
    for (const want of fixture.expected) {
      const e = out.find((e) => e.level === want.level && e.area === want.area
        && e.measure === want.measure && e.subgroupValue === want.subgroup_value);
      assert.ok(e, JSON.stringify(want));
      const tol = CASES.tolerance.measures;
      close(e.value, want.value, tol, "value");
      close(e.marginOfError, want.margin_of_error, tol, "moe");
      close(e.numerator, want.numerator, tol, "numerator");
      close(e.denominator, want.denominator, tol, "denominator");
      assert.equal(e.base, want.base);
    }
    const x = out.find((e) => e.area === "X" && e.measure === "scrqol" && e.subgroup === null);
    assert.equal(x.publishedValue, "17.9");
    assert.equal(x.publishedBase, 35);
  });
  mkdirSync(`${root}target/vectors`, { recursive: true });
  writeFileSync(`${root}target/vectors/survey-js.jsonl`, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const rustFile = `${root}target/vectors/survey-rust.jsonl`;
  test("bit-identical to the Rust suite", { skip: !existsSync(rustFile) && "run cargo test --test survey_vectors first" }, () => {
    const rust = new Map(readFileSync(rustFile, "utf8").trim().split("\n").map((l) => {
      const d = JSON.parse(l);
      return [d.id, d];
    }));
    assert.equal(rust.size, lines.length);
    for (const l of lines) {
      const r = rust.get(l.id);
      assert.ok(r, l.id);
      for (const [k, v] of Object.entries(l)) assert.equal(r[k], v, `${l.id} ${k}`);
    }
  });
  for (const c of CASES.errors) {
    test(`bad input: ${c.name}`, () => {
      const e = coded(() => co.survey.score(c.respondents.map(camelKeys), jsOptions(c.options)), c.code);
      assert.equal(e.row, c.row === null ? undefined : c.row);
    });
  }
});

describe("survey API", () => {
  test("snake_case keys are read too, and output keys are camelCase", () => {
    const r = { q3a: 1, q4a: 1, q5a: 1, q6a: 1, q7a: 1, q8a: 1, q9a: 1, q11: 1 };
    const [a] = co.survey.score([{ ...r, age_band: "65+" }]);
    const [b] = co.survey.score([{ ...r, ageBand: "65+" }]);
    assert.deepEqual(a, b);
    assert.deepEqual(Object.keys(a), [
      "row", "status", "scrqol", "ascotIndex", "adjustedScrqol", "control", "socialContact",
      "overallSatisfaction", "informationEase", "feelSafe", "servicesSafe", "reasons",
    ]);
  });
  test("ledger", () => {
    const rows = fixture.respondents.map(camelKeys);
    rows[0] = { ...rows[0], q3a: 9 };
    const out = co.survey.measuresWithLedger(rows, { ...fixtureOptions(), onInvalid: "reject" });
    assert.equal(out.ledger[0].status, "rejected");
    assert.equal(out.ledger[0].rejectionCode, "invalid_response");
    assert.match(out.ledger[3].reasons, /information_ease: never_tried \(q12\)/);
    assert.equal(out.weights, "ascot_sct4_england_2012 2012.1");
    assert.equal(out.estimates.find((e) => e.area === "X" && e.measure === "scrqol").base, 32);
  });
  test("carers", () => {
    const items = ["occupation", "control", "selfCare", "safety", "socialParticipation", "support"];
    const carer = (codes, council) => ({ council, ...Object.fromEntries(items.map((k, i) => [k, codes[i]])) });
    const cs = [carer([1, 2, 2, 1, 3, 2], "A"), carer([1, 1, 1, 1, 1, 1], "A")];
    assert.deepEqual(co.survey.scoreCarers(cs).map((s) => s.carerQol), [7, 12]);
    const [e] = co.survey.carerMeasures(cs, { strata: [{ council: "A", population: 500 }] });
    assert.equal(e.value, 9.5);
    assert.equal(e.code, "1D");
  });
  test("weights carry provenance", () => {
    const w = co.survey.weights();
    assert.equal(w.version, "2012.1");
    assert.match(w.provenance.weights, /Netten/);
  });
  test("every bad argument is a coded Error", () => {
    const codes = new Set(co.errorCodes());
    const odd = [undefined, null, 1, "x", {}, [1], [null], [{ q3a: "x" }], [{ q3a: Infinity }], new Float64Array(2)];
    const fns = ["score", "scoreCarers", "measures", "measuresWithLedger", "carerMeasures", "carerMeasuresWithLedger"];
    for (const name of fns) {
      for (const a of odd) {
        for (const b of [undefined, null, {}, { strata: 1 }, { strata: [] }, { bogus: 1 }, { subgroups: "sex" }]) {
          try {
            co.survey[name](a, b);
          } catch (e) {
            assert.ok(e instanceof Error, `${name}: threw ${e}`);
            assert.ok(codes.has(e.code), `${name}(${String(a)}): ${e}`);
          }
        }
      }
    }
    coded(() => co.survey.measures(fixture.respondents, { strata: fixture.strata, subgroups: ["ethnicity"] }), "invalid_option");
    coded(() => co.survey.measures(fixture.respondents, {}), "missing_input");
  });
});
