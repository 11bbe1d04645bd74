// One test per error code reachable from the JS API: each throws an `Error` whose `code` is the
// core's code (with `row` / `group` where the core reports them). A last group feeds every
// function wrong types and odd values: whatever it throws must be a coded Error, never a wasm trap.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as co from "../pkg/node/index.mjs";

const ESP = [
  "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
  "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
];
const COUNTS = ESP.map((_, i) => 10 + i);
const POPS = ESP.map(() => 1000);

/** Runs `f`, expects a coded Error and returns it. */
function coded(f, code) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err !== undefined, `expected ${code}, nothing was thrown`);
  assert.ok(err instanceof Error, `expected an Error, got ${err}`);
  assert.equal(err.name, "CareOutcomesError");
  assert.equal(err.code, code, err.message);
  assert.equal(typeof err.message, "string");
  return err;
}

/** Codes the JS API cannot produce, and why (so a new core code must be placed on one side). */
const UNREACHABLE = {
  invalid_rounding: "definitions are checked on loading (a rounding beyond 15 dp is invalid_definition); rounding itself is not part of the JS API",
};

/** A small framework document with one definition of its own, changed by `definition`. */
const framework = (definition = {}) => ({
  framework: "t", version: "1", title: "t",
  domains: [{ id: "d", title: "d" }],
  indicators: [{ ref: "ascof-legacy/2B1", domain: "d" }],
  definitions: [{
    id: "t/x", framework: "t", version: "1", code: "X", domain: "d", title: "x",
    numerator: "n", denominator: "d", unit: "percent", multiplier: 100,
    polarity: "higher_is_better", method: "wilson",
    source: { data: ["LOCAL"], publication: "p" }, ...definition,
  }],
});

const SURVEY_STRATA = [{ council: "A", stratum: 1, population: 1 }];
const SURVEY_ROWS = [{ council: "A", stratum: 1, q3a: 1 }, { council: "A", stratum: 1, q3a: 2 }];

const MODEL = {
  kind: "reablement", people: 400, share_independent: 0.3, deadweight: 0.35,
  weekly_package_cost: 250, weeks: 52, service_cost: 900000,
};

const REACHABLE = {
  invalid_rate: () => {
    coded(() => co.presentValue([1, 2], { schedule: "flat_-1" }), "invalid_rate");
    coded(() => co.inflate([1], -1), "invalid_rate");
  },
  invalid_adjustment: () => {
    coded(() => co.evaluateModel({ ...MODEL, deadweight: 1.5 }), "invalid_adjustment");
    coded(() => co.adjustCost(1, 0.2, { mitigation: -0.1 }), "invalid_adjustment");
  },
  zero_cost: () => {
    coded(() => co.evaluateModel({ ...MODEL, service_cost: 0 }), "zero_cost");
  },
  invalid_definition: () => {
    coded(() => co.evaluateModel({ kind: "budget" }), "invalid_definition");
    coded(() => co.presentValue([1, Infinity]), "invalid_definition");
    coded(() => co.loadFramework(framework({ multiplier: 7 })), "invalid_definition");
  },
  unknown_price_year: () => {
    coded(() => co.rebase(1, 2019, 2031), "unknown_price_year");
  },
  invalid_distribution: () => {
    coded(() => co.monteCarlo(MODEL, "net_roi", [
      { parameter: "deadweight", distribution: { type: "normal", mean: 0.3, sd: 0 } },
    ]), "invalid_distribution");
  },
  invalid_response: () => {
    const e = coded(() => co.survey.score([{ q3a: 1 }, { q3a: 5 }]), "invalid_response");
    assert.equal(e.row, 1);
    coded(() => co.survey.scoreCarers([{ occupation: 0 }]), "invalid_response");
  },
  sample_exceeds_population: () => {
    const e = coded(() => co.survey.measures(SURVEY_ROWS, { strata: SURVEY_STRATA }), "sample_exceeds_population");
    assert.equal(e.group, "A stratum 1");
  },
  duplicate_stratum: () => {
    const e = coded(() => co.survey.measures(SURVEY_ROWS, { strata: [...SURVEY_STRATA, ...SURVEY_STRATA] }),
      "duplicate_stratum");
    assert.equal(e.row, 1);
  },
  invalid_table: () => {
    coded(() => co.publish([{ key: "a", denominator: 1 }, { key: "a", denominator: 2 }], { key: "key" }), "invalid_table");
    coded(() => co.publish([{ denominator: 1 }], { sums: [{ total: "0", parts: ["9"] }] }), "invalid_table");
  },
  inconsistent_total: () => {
    const e = coded(() => co.publish(
      [{ sex: "Total", denominator: 5 }, { sex: "Male", denominator: 2 }, { sex: "Female", denominator: 2 }],
      { dimensions: ["sex"] },
    ), "inconsistent_total");
    assert.match(e.message, /denominator is 5 but its parts sum to 4/);
  },
  non_integer_count: () => {
    const e = coded(() => co.publish([{ denominator: 4 }, { denominator: 1.5 }]), "non_integer_count");
    assert.equal(e.row, 1);
  },
  invalid_column_type: () => {
    const e = coded(() => co.deriveRecords(
      [{ nhs_number: 1, event_type: "Request", event_start_date: { y: 2024 } }],
      { period: "2024-25" },
    ), "invalid_column_type");
    assert.match(e.message, /event_start_date/);
  },
  invalid_confidence: () => {
    const e = coded(() => co.proportion(1, 2, { confidence: 95 }), "invalid_confidence");
    assert.match(e.message, /0\.95/);
    coded(() => co.rate([1], [2], { confidence: 0 }), "invalid_confidence");
    coded(() => co.ratioFunnelLimits(3, { confidence: 1 }), "invalid_confidence");
  },
  invalid_multiplier: () => {
    coded(() => co.proportion(1, 2, { multiplier: 0 }), "invalid_multiplier");
    coded(() => co.rate(1, 2, { per: -5 }), "invalid_multiplier");
    coded(() => co.isratio([1], [2], {
      bands: ["0-4"], reference: { bands: ["0-4"], counts: [1], populations: [10] }, refvalue: Infinity,
    }), "invalid_multiplier");
  },
  non_finite: () => {
    const e = coded(() => co.rate([1, Infinity], [2, 3]), "non_finite");
    assert.equal(e.row, 1);
    coded(() => co.mean([1, -Infinity]), "non_finite");
  },
  negative_value: () => {
    const e = coded(() => co.rate(-1, 10), "negative_value");
    assert.equal(e.row, undefined);
    assert.equal(e.message, "count is negative (-1)");
  },
  numerator_exceeds_denominator: () => {
    const e = coded(() => co.proportion([1, 5], [2, 4]), "numerator_exceeds_denominator");
    assert.equal(e.row, 1);
    assert.equal(e.message, "numerator 5 exceeds denominator 4 (row 1)");
    coded(() => co.funnelProportions([5], [4]), "numerator_exceeds_denominator");
  },
  length_mismatch: () => {
    coded(() => co.proportion([1, 2], [3]), "length_mismatch");
    coded(() => co.dsr([1], [2, 3], { bands: ["0-4"] }), "length_mismatch");
  },
  empty_input: () => {
    coded(() => co.funnelProportions([], []), "empty_input");
    coded(() => co.dsr([], [], { bands: [] }), "empty_input");
  },
  unknown_standard: () => {
    coded(() => co.dsr(COUNTS, POPS, { bands: ESP, standard: "esp1976" }), "unknown_standard");
  },
  unknown_band: () => {
    const bands = ESP.slice();
    bands[12] = "55-69";
    const e = coded(() => co.dsr(COUNTS, POPS, { bands }), "unknown_band");
    assert.equal(e.row, 12);
  },
  duplicate_band: () => {
    const bands = ESP.slice();
    bands[1] = "0-4";
    coded(() => co.dsr(COUNTS, POPS, { bands }), "duplicate_band");
  },
  missing_band: () => {
    const e = coded(
      () => co.dsr(COUNTS.slice(1), POPS.slice(1), { bands: ESP.slice(1), groups: ESP.slice(1).map(() => "Leeds") }),
      "missing_band",
    );
    assert.equal(e.group, "Leeds");
  },
  inconsistent_band_data: () => {
    coded(
      () => co.dsrNonIndependent([1, 2], [5, 5], [1000, 999], {
        bands: ["0-120", "0-120"],
        standard: { name: "one band", bands: ["0-120"], weights: [1] },
      }),
      "inconsistent_band_data",
    );
  },
  invalid_event_frequency: () => {
    coded(
      () => co.dsrNonIndependent([1.5], [5], [1000], {
        bands: ["0-120"],
        standard: { name: "one band", bands: ["0-120"], weights: [1] },
      }),
      "invalid_event_frequency",
    );
  },
  invalid_reference: () => {
    coded(
      () => co.israte([1], [100], { bands: ["0-4"], reference: { bands: ["0-4"], counts: [1], populations: [0] } }),
      "invalid_reference",
    );
  },
  invalid_standard: () => {
    coded(
      () => co.dsr([20], [1000], { bands: ["0-120"], standard: { name: "zero", bands: ["0-120"], weights: [0] } }),
      "invalid_standard",
    );
  },
  invalid_quantile_count: () => {
    coded(() => co.quantiles([1, 2, 3], { q: 1, invert: true }), "invalid_quantile_count");
    coded(() => co.quantiles([1, 2, 3], { q: 2.5, invert: true }), "invalid_quantile_count");
    coded(() => co.quantiles([1, 2, 3], { q: -3, invert: true }), "invalid_quantile_count");
  },
  inconsistent_invert: () => {
    const e = coded(
      () => co.quantiles([1, 2, 3, 4], { q: 2, groups: ["a", "a", "b", "b"], invert: [true, true, true, false] }),
      "inconsistent_invert",
    );
    assert.equal(e.group, "b");
    assert.equal(e.row, 3);
  },
  missing_input: () => {
    const e = coded(() => co.funnelRatios([1, NaN], [2, 3]), "missing_input");
    assert.equal(e.row, 1);
    coded(() => co.lifeExpectancy([0, null], [6000, 100], [1, 1]), "missing_input");
  },
  nonpositive_denominator: () => {
    coded(() => co.funnelProportions([1], [0]), "nonpositive_denominator");
    coded(() => co.proportionFunnelLimits(0.5, 0, { clamp: true }), "nonpositive_denominator");
    coded(() => co.ratioSignificance(3, 0), "nonpositive_denominator");
  },
  missing_denominator: () => {
    coded(() => co.funnelRates([0, 20], [0, 400], { rateType: "crude", yearsOfData: 1 }), "missing_denominator");
  },
  undefined_statistic: () => {
    const e = coded(() => co.proportion([1, 0], [2, 0], { onUndefined: "error" }), "undefined_statistic");
    assert.equal(e.row, 1);
    assert.match(e.message, /zero_denominator/);
    coded(() => co.mean([], { onUndefined: "error" }), "undefined_statistic");
    coded(() => co.rate(1, 0, { onUndefined: "error" }), "undefined_statistic");
    // The default and "null" give a null value with a reason instead.
    assert.equal(co.rate(1, 0, { onUndefined: "null" }).reason, "zero_denominator");
  },
  unknown_indicator: () => {
    coded(() => co.indicator("ascof-legacy/2B9"), "unknown_indicator");
    const e = coded(() => co.evaluate([{ area: "A", period: "p", indicator: "x/1", numerator: 1, denominator: 2 }]), "unknown_indicator");
    assert.equal(e.row, 0);
  },
  unknown_method: () => {
    coded(() => co.loadFramework(framework({ method: "bootstrap" })), "unknown_method");
  },
  unknown_polarity: () => {
    coded(() => co.loadFramework(framework({ polarity: "up" })), "unknown_polarity");
  },
  missing_population: () => {
    coded(() => co.loadFramework(framework({ unit: "per100000", multiplier: 100000, method: "byar" })), "missing_population");
  },
  duplicate_id: () => {
    const row = { area: "A", period: "p", indicator: "ascof-legacy/2B1", numerator: 1, denominator: 2 };
    coded(() => co.evaluate([row, row]), "duplicate_id");
  },
  version_mismatch: () => {
    coded(() => co.loadFramework(framework({ version: "2" })), "version_mismatch");
  },
  invalid_framework: () => {
    coded(() => co.loadFramework({ ...framework(), domains: [] }), "invalid_framework");
  },
  invalid_option: () => {
    coded(() => co.rate(1, 0, { onUndefined: "raise" }), "invalid_option");
    // Names the core parses.
    coded(() => co.proportion(1, 2, { method: "bogus" }), "invalid_option");
    coded(() => co.rate(1, 2, { method: "wilson" }), "invalid_option");
    coded(() => co.funnelRatios([1], [2], { ratioType: "odds" }), "invalid_option");
    coded(() => co.funnelRates([1], [2], { rateType: "age", yearsOfData: 1 }), "invalid_option");
    coded(() => co.funnelRates([5], [500], { rateType: "crude", yearsOfData: 0 }), "invalid_option");
    coded(() => co.proportionFunnelLimits(1.5, 10, { clamp: true }), "invalid_option");
    // Wrong JS types and unknown or missing options.
    const e = coded(() => co.proportion(1, 2, { confidence: "x" }), "invalid_option");
    assert.match(e.message, /confidence/);
    coded(() => co.rate(1, 2, { multiplier: 100 }), "invalid_option");
    coded(() => co.proportion("1", 2), "invalid_option");
    coded(() => co.proportion(1, [2]), "invalid_option");
    coded(() => co.proportion([1], 2), "invalid_option");
    coded(() => co.proportion([1, "2"], [3, 4]), "invalid_option");
    coded(() => co.mean(5), "invalid_option");
    coded(() => co.mean([1, 2], { skipMissing: "yes" }), "invalid_option");
    coded(() => co.dsr(COUNTS, POPS), "invalid_option");
    coded(() => co.dsr(COUNTS, POPS, { bands: ESP, standard: 2013 }), "invalid_option");
    coded(() => co.proportionFunnelLimits(0.5, 10, { clamp: true, confidence: null }), "invalid_option");
    coded(() => co.quantiles([1, 2, 3], { invert: "yes" }), "invalid_option");
    coded(() => co.proportionFunnelLimits(0.5, 10, { clamp: 1 }), "invalid_option");
    coded(() => co.isratio([1], [2], { bands: ["0-4"] }), "invalid_option");
    coded(() => co.proportion(1, 2, 3), "invalid_option");
  },
};

describe("error codes", () => {
  test("every core code is either reached below or listed as unreachable", () => {
    const all = co.errorCodes();
    assert.deepEqual([...Object.keys(REACHABLE), ...Object.keys(UNREACHABLE)].sort(), [...all].sort());
  });
  for (const [code, f] of Object.entries(REACHABLE)) {
    test(code, f);
  }
});

describe("no panics", () => {
  const odd = [
    undefined, null, true, "x", "", 0, -0, -1, 1e6, NaN, Infinity, -Infinity, 10n, Symbol("s"),
    {}, [], [null], ["a"], [1, 2, 3], new Float64Array(0), new Float32Array([1, NaN]),
    new Int32Array([3]), new BigInt64Array(1), new DataView(new ArrayBuffer(8)), () => 1,
    { confidence: "x" }, { bands: 3 }, { groups: [{}] }, new Map(), new Date(0),
  ];
  const fns = Object.entries(co).filter(([, f]) => typeof f === "function" && f.length > 0);
  const codes = new Set(co.errorCodes());
  for (const [name, f] of fns) {
    test(name, () => {
      for (const a of odd) {
        for (const b of [undefined, 1, [1, 2, 3], null, "x"]) {
          for (const c of [undefined, {}, null, 1, { confidence: null }]) {
            try {
              f(a, b, c, c);
            } catch (e) {
              assert.ok(e instanceof Error, `${name}: threw a non-Error ${String(e)}`);
              assert.ok(codes.has(e.code), `${name}(${String(a)}, ${String(b)}): ${e}`);
            }
          }
        }
      }
      // The module still works after all that.
      assert.equal(co.proportion(1, 2).value, 0.5);
    });
  }
});
