// Runs every case of vectors/stats-cases.json through the JS API, with the dispatch of
// core/tests/vectors.rs, checks each against the conformance rule of spec-statistics.md §5.3,
// and writes target/vectors/js.jsonl for the cross-face bit comparison (vectors/compare_faces.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(`${root}vectors/stats-cases.json`, "utf8"));
const tol = doc.tolerance;

const fromEstimate = (e) => ({
  value: e.value,
  lower: e.lower,
  upper: e.upper,
  reason: e.reason,
  label: null,
});

/** Row i of a columns result as an estimate (NaN → null). */
const row = (cols, i) => {
  const n = (v) => (Number.isNaN(v) ? null : v);
  return {
    value: n(cols.value[i]),
    lower: n(cols.lower[i]),
    upper: n(cols.upper[i]),
    reason: cols.reason[i],
    label: null,
  };
};

/** One case through the JS API; mirrors `run` in core/tests/vectors.rs. */
function run(c) {
  const conf = c.confidence;
  const input = c.input;
  switch (c.kind) {
    case "proportion_wilson":
      return fromEstimate(
        co.proportion(input.numerator, input.denominator, {
          confidence: conf,
          multiplier: input.multiplier,
        }),
      );
    case "rate_exact":
    case "rate_byars":
    case "count_exact_poisson":
    case "count_byars_raw":
      return fromEstimate(
        co.rate(input.count, input.population, {
          confidence: conf,
          per: input.multiplier,
          method: input.method,
        }),
      );
    case "dsr_dobson_esp2013": {
      const e = co.dsr(input.counts, input.populations, {
        bands: input.bands,
        standard: input.standard,
        confidence: conf,
        per: input.multiplier,
      });
      if (c.extras.total_count !== undefined) {
        assert.equal(e.totalCount, c.extras.total_count, `${c.id} total_count`);
      }
      return fromEstimate(e);
    }
    case "dsr_dobson_nonindependent": {
      const out = co.dsrNonIndependent(input.frequencies, input.persons, input.populations, {
        bands: input.bands,
        groups: input.bands.map(() => "area"),
        standard: input.standard,
        confidence: conf,
        per: input.multiplier,
      });
      return row(out, 0);
    }
    case "isratio":
    case "israte": {
      const f = c.kind === "isratio" ? co.isratio : co.israte;
      const out = f(input.counts, input.populations, {
        bands: input.bands,
        groups: input.bands.map(() => "area"),
        reference: {
          bands: input.bands,
          counts: input.ref_counts,
          populations: input.ref_populations,
        },
        confidence: conf,
      });
      const want = c.extras.expected_events;
      assert.ok(
        Math.abs(out.expected[0] - want) <= 1e-12 * want,
        `${c.id}: E ${out.expected[0]} vs ${want}`,
      );
      return row(out, 0);
    }
    case "mean_t":
      return fromEstimate(co.mean(input.values, { confidence: conf }));
    case "funnel_proportion_limit": {
      const { lower, upper } = co.proportionFunnelLimits(input.average, input.population, {
        confidence: conf,
        multiplier: input.multiplier,
        clamp: false,
      });
      return {
        value: input.average * input.multiplier,
        lower,
        upper,
        reason: null,
        label: null,
      };
    }
    case "funnel_ratio_limit": {
      const p = co.ratioFunnelLimits(input.observed, { confidence: conf });
      return { value: 1.0, lower: p.lower, upper: p.upper, reason: null, label: null };
    }
    case "funnel_ratio_significance_ci": {
      const out = fromEstimate(
        co.rate(input.observed, input.expected, { confidence: conf, per: 1 }),
      );
      out.label = co.ratioSignificance(input.observed, input.expected);
      return out;
    }
    case "life_expectancy_chiang_silcocks": {
      const t = co.lifeExpectancy(input.start_ages, input.populations, input.deaths, {
        confidence: conf,
      });
      const i = Array.from(t.startAge).indexOf(input.age);
      assert.ok(i >= 0, `${c.id}: no row at age ${input.age}`);
      return row(t, i);
    }
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
}

/** The match rule: null ↔ null; t = 0 exactly; else |got − t| ≤ tol·|t|. */
function matches(got, want) {
  if (want === null || want === undefined) return got === null;
  if (got === null || Number.isNaN(got)) return false;
  if (want === 0) return got === 0;
  return Math.abs(got - want) <= tol * Math.abs(want);
}

/** A number as shortest round-trip JSON, keeping the sign of zero (as serde_json does). */
const num = (v) =>
  v === null || v === undefined || Number.isNaN(v) ? "null" : Object.is(v, -0) ? "-0.0" : JSON.stringify(v);

// Compute everything first, so that js.jsonl is written even when an assertion fails.
const results = doc.cases.map((c) => {
  try {
    return { out: run(c), error: null };
  } catch (error) {
    return { out: null, error };
  }
});
const lines = doc.cases.map((c, i) => {
  const o = results[i].out ?? { value: null, lower: null, upper: null, reason: null, label: null };
  return `{"id":${JSON.stringify(c.id)},"value":${num(o.value)},"lower":${num(o.lower)},"upper":${num(
    o.upper,
  )},"reason":${JSON.stringify(o.reason ?? null)},"label":${JSON.stringify(o.label ?? null)}}`;
});
mkdirSync(`${root}target/vectors`, { recursive: true });
writeFileSync(`${root}target/vectors/js.jsonl`, lines.join("\n") + "\n");

test("the vector file has the 136 rows of spec-statistics.md §5", () => {
  assert.equal(doc.cases.length, 136);
});

doc.cases.forEach((c, i) => {
  test(c.id, () => {
    const { out, error } = results[i];
    if (error) throw error;
    for (const name of ["value", "lower", "upper"]) {
      assert.ok(
        matches(out[name], c.expected[name]),
        `${name}: got ${out[name]}, want ${c.expected[name]}`,
      );
    }
    assert.equal(out.reason, c.reason ?? null, "reason");
    if (c.extras.label !== undefined) assert.equal(out.label, c.extras.label, "label");
  });
});
