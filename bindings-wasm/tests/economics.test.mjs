// Economics: every case of vectors/roi-cases.json (from roi-vectors.csv) to 1e-9 relative through
// the JS API, the outputs (and a fixed seeded Monte Carlo run) written to
// target/vectors/economics-js.jsonl for the cross-face bit comparison (vectors/compare_economics.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(`${root}vectors/roi-cases.json`, "utf8"));
const tol = doc.tolerance;

const MC_MODEL = {
  kind: "reablement", people: 400, share_independent: 0.3, deadweight: 0.35,
  weekly_package_cost: 250, weeks: 52, service_cost: 900000, schedule: "undiscounted",
};
const MC_UNCERTAIN = [
  { parameter: "deadweight", distribution: { type: "pert", low: 0.2, mode: 0.35, high: 0.6 } },
  { parameter: "weekly_package_cost", distribution: { type: "normal", mean: 250, sd: 25 } },
  { parameter: "weeks", distribution: { type: "triangular", low: 40, mode: 52, high: 52 } },
];

/** Left-to-right sum, as the Rust and Python suites do (the check, not a rule). */
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function run(c) {
  const inp = c.input;
  const out = {};
  switch (c.kind) {
    case "discount_factors": {
      const d = co.discountFactors(inp.years, { schedule: inp.schedule });
      inp.years.forEach((t, i) => { out[`D${t}`] = d[i]; });
      break;
    }
    case "present_value":
      out.pv = co.presentValue(inp.flows, { schedule: inp.schedule, timing: inp.timing });
      break;
    case "cost_benefit":
      Object.assign(out, co.evaluateModel({ kind: "cost_benefit", ...inp }));
      break;
    case "reablement":
      Object.assign(out, co.evaluateModel({ kind: "reablement", ...inp }).cost_benefit);
      break;
    case "sroi":
      Object.assign(out, co.evaluateModel({ kind: "sroi", ...inp }));
      break;
    case "sroi_sensitivity": {
      const model = { kind: "sroi", ...inp.model };
      out.d_star = co.breakEven(model, inp.parameter, {
        metric: "sroi_ratio", target: 1, low: inp.low, high: inp.high,
      }).value;
      for (const at of inp.at) {
        const t = co.oneWay(model, "sroi_ratio", [{ parameter: inp.parameter, low: at, high: at }]);
        out[`SROI(d=${at})`] = t.bars[0].output_low;
      }
      break;
    }
    case "cohort": {
      const r = co.evaluateModel({ kind: "cohort", ...inp });
      out.outcomes = r.outcomes;
      Object.assign(out, r.cost_benefit);
      break;
    }
    case "payback": {
      const p = co.payback(inp.costs, inp.benefits, { schedule: inp.schedule, timing: inp.timing });
      out.simple_years = p.simple.years;
      out.discounted_years = p.discounted.years;
      out.simple_whole_years = p.simple.whole_years;
      break;
    }
    case "optimism_bias":
      for (const m of inp.mitigations) {
        out[`adjusted_${m}`] = co.adjustCost(inp.base, inp.rate, { mitigation: m });
      }
      break;
    case "deflator":
      for (const to of inp.to_years) out[String(to)] = co.rebase(inp.value, inp.from_year, to).value;
      break;
    case "real_vs_nominal": {
      const { schedule: s, timing: t, inflation: pi } = inp;
      const nominal = co.inflate(inp.flows, pi, { timing: t });
      const sched = co.discountSchedule(s);
      const nominalSched = { ...sched, bands: sched.bands.map((b) => ({ ...b, rate: co.nominalRate(b.rate, pi) })) };
      out.pv_real = co.presentValue(inp.flows, { schedule: s, timing: t });
      out.pv_nominal = co.presentValue(nominal, { schedule: nominalSched, timing: t });
      out.pv_nominal_at_real_rate = co.presentValue(nominal, { schedule: s, timing: t });
      break;
    }
    case "annuity":
      for (const name of ["year_one", "year_zero"]) {
        out[name] = inp.amount * co.annuityFactor(inp.years, { schedule: inp.schedule, timing: name });
      }
      break;
    case "drop_off": {
      const profile = co.dropOffProfile(inp.first_year, inp.drop_off, inp.years);
      out.pv = co.presentValue(profile, { schedule: inp.schedule, timing: inp.timing });
      out.undiscounted = sum(profile);
      out.profile = profile;
      break;
    }
    case "eanc": {
      const pv = co.presentValue(new Float64Array(inp.costs), { schedule: inp.schedule, timing: inp.timing });
      out.pv_costs = pv;
      out.eanc = co.equivalentAnnualCost(pv, inp.costs.length - 1, { schedule: inp.schedule });
      break;
    }
    default:
      throw new Error(`unknown case kind ${c.kind}`);
  }
  return out;
}

function mcOutput() {
  const r = co.monteCarlo(MC_MODEL, "benefit_cost_ratio", MC_UNCERTAIN, {
    draws: 1000, seed: 42, probabilities: [0.05, 0.5, 0.95],
  });
  return {
    mean: r.mean, min: r.min, max: r.max,
    percentiles: r.percentiles.map((p) => p.value), share: r.share_at_or_above_threshold,
  };
}

const close = (g, w) => (w === 0 ? g === 0 : Math.abs(g - w) <= tol * Math.abs(w));

// Compute everything first, so that the jsonl is written even when an assertion fails.
const results = doc.cases.map((c) => {
  try {
    return { out: run(c), error: null };
  } catch (error) {
    return { out: null, error };
  }
});
const lines = doc.cases.map((c, i) => {
  const out = results[i].out ?? {};
  const written = {};
  for (const name of Object.keys(c.expected).sort()) written[name] = out[name] ?? null;
  return JSON.stringify({ id: c.id, outputs: written });
});
lines.push(JSON.stringify({ id: "MC-ROI03", outputs: mcOutput() }));
mkdirSync(`${root}target/vectors`, { recursive: true });
writeFileSync(`${root}target/vectors/economics-js.jsonl`, lines.join("\n") + "\n");

test("every roi-vectors.csv row has a case", () => {
  assert.equal(new Set(doc.cases.map((c) => c.row)).size, 22);
});

doc.cases.forEach((c, i) => {
  test(c.id, () => {
    const { out, error } = results[i];
    if (error) throw error;
    for (const [name, exp] of Object.entries(c.expected)) {
      const got = out[name];
      const want = exp.value;
      if (Array.isArray(want)) {
        assert.equal(got.length, want.length, `${c.id} ${name}`);
        want.forEach((w, k) => assert.ok(close(got[k], w), `${c.id} ${name}[${k}]: ${got[k]} vs ${w}`));
      } else {
        assert.ok(close(got, want), `${c.id} ${name}: ${got} vs ${want}`);
      }
    }
  });
});

test("Monte Carlo is seeded and ordered", () => {
  const a = mcOutput();
  assert.deepEqual(a, mcOutput());
  assert.ok(a.percentiles[0] < a.percentiles[1] && a.percentiles[1] < a.percentiles[2]);
});

test("BCR and net ROI are named apart", () => {
  const r = co.evaluateModel({
    kind: "cost_benefit", schedule: "undiscounted",
    costs: [{ name: "c", by_year: [150000] }], benefits: [{ name: "b", by_year: [1167000] }],
  });
  assert.ok(Math.abs(r.benefit_cost_ratio - 7.78) < 1e-12);
  assert.ok(Math.abs(r.net_roi - 6.78) < 1e-12);
  assert.equal(r.kind, "cost_benefit");
});

test("a payback never reached is null with a reason", () => {
  const p = co.payback([100, 0], [0, 10]);
  assert.equal(p.simple.years, null);
  assert.equal(p.simple.reason, "not_paid_back");
});

test("unit costs are data and uprate with a named vintage", () => {
  const t = co.unitCosts();
  const c = t.costs.find((x) => x.code === "illustrative_weekly_package");
  const up = co.uprate({ ...c, price_year: 2019, value: 1000 }, 2024);
  assert.ok(Math.abs(up.value - 1232.916402) < 1e-6);
  assert.match(up.uprated_with, /December 2025/);
  assert.equal(co.gdpDeflator().base_year, 2024);
});
