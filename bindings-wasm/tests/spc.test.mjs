// SPC, overdispersed funnels and charts through the JS face. Every series and variant of
// vectors/spc-outputs.json (written by core/tests/spc_vectors.rs) is recomputed and must equal the
// core's output bit for bit (keys in camelCase); the public reference's flags and icons, the
// funnel worked example, the charts' accessibility, and bad inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (p) => JSON.parse(readFileSync(`${root}${p}`, "utf8"));
const golden = read("vectors/spc-outputs.json");
const pub = read("vectors/spc-vectors-public.json");
const funnelRef = read("vectors/funnel-vectors.json");

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const camelKeys = (v) =>
  Array.isArray(v)
    ? v.map(camelKeys)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]))
      : v;

/** Exact equality; numbers compared as IEEE bits (Object.is), so -0 and NaN are exact too. */
const same = (a, b, path = "") => {
  if (typeof a === "number" || typeof b === "number") {
    assert.ok(Object.is(a, b), `${path}: ${a} !== ${b}`);
  } else if (Array.isArray(a)) {
    assert.ok(Array.isArray(b) && a.length === b.length, path);
    a.forEach((x, i) => same(x, b[i], `${path}[${i}]`));
  } else if (a && typeof a === "object") {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), path);
    for (const k of Object.keys(a)) same(a[k], b[k], `${path}.${k}`);
  } else {
    assert.equal(a, b, path);
  }
};

const flagged = (c, rule) =>
  c.points.flatMap((p, i) => (p.hits.some((h) => h.rule === rule) ? [i] : []));

for (const [id, series] of Object.entries(golden)) {
  for (const [name, v] of Object.entries(series.variants)) {
    test(`golden ${id} ${name}: bit-identical to the core`, () => {
      const opts = camelKeys(v.options);
      if (v.preset !== null) opts.preset = v.preset;
      const c = co.spcXmr(Float64Array.from(series.values), opts);
      same(c, camelKeys(v.chart));
      same(co.spcXmr(series.values, opts), camelKeys(v.chart));
    });
  }
}

for (const s of pub.series) {
  test(`public ${s.id}: MDC flags, point types; abspc icon`, () => {
    const exp = s[Object.keys(s).find((k) => k.startsWith("mdc_rules_reference"))];
    const c = co.spcXmr(s.values, { improvementDirection: "increase" });
    const l = c.phases[0].limits;
    for (const [k, want] of [["mean", exp.mean], ["upl", exp.upl], ["lpl", exp.lpl], ["mrBar", exp.mr_bar]]) {
      assert.ok(Math.abs(l[k] - want) <= 1e-9 * Math.max(1, Math.abs(want)), k);
    }
    assert.deepEqual(flagged(c, "outside_limits"), exp.flags.outside_limits);
    assert.deepEqual(flagged(c, "shift"), exp.flags.shift_7_one_side);
    assert.deepEqual(flagged(c, "trend"), exp.flags.trend_7);
    assert.deepEqual(c.points.map((p) => p.pointType), exp.point_type);
    assert.equal(co.spcXmr(s.values, { preset: "abspc" }).variationIcon, s["abspc_1.1.0"].variation);
  });
}

test("funnel: the worked example of spec §8.3", () => {
  const r = funnelRef.units.map((u) => u.r);
  const n = funnelRef.units.map((u) => u.n);
  const f = co.funnel(r, n, { overdispersion: "on" });
  assert.equal(f.adjusted, true);
  assert.ok(Math.abs(f.estimate.phi - funnelRef.phi) < 1e-9);
  assert.ok(Math.abs(f.estimate.tau2 - funnelRef.tau2) < 1e-12);
  assert.equal(f.units[11].significance, "low001");
  f.units.forEach((u, i) => assert.ok(Math.abs(u.zAdjusted - funnelRef.units[i].z_od) < 1e-9));
  assert.equal(co.funnel(r, n).adjusted, false);
  assert.equal(co.funnel(r, n, { overdispersion: "auto", scale: "arcsine" }).adjusted, true);
  const svg = co.funnelChart(r, n, { overdispersion: "on" }, { title: "F", labels: "ABCDEFGHIJKL".split("") });
  assert.match(svg, /^<svg[^>]+role="img"/);
  assert.match(svg, /<desc id="[^"]+">Funnel plot of 12 units/);
});

test("auto rebase", () => {
  const x = golden.S5_baseline_rebase_assurance.values;
  const c = co.spcXmr(x, { improvementDirection: "increase", autoRebase: {} });
  assert.deepEqual(c.phases.map((p) => p.start), [0, 15]);
  assert.equal(co.spcXmr(x, { autoRebase: { minPhaseLength: 10 } }).phases.length, 1);
});

test("run chart", () => {
  const c = co.spcRunChart([5, 3, 6, 4, 5, 7, 8, 9, 7, 8, 9, 5]);
  assert.equal(c.median, 6.5);
  assert.deepEqual(flagged(c, "shift"), [5, 6, 7, 8, 9, 10]);
  assert.deepEqual(flagged(co.spcRunChart([5, 3, 6, 4, 5, 7, 8, 9, 7, 8, 9, 5], { shiftLength: 8 }), "shift"), []);
  assert.throws(() => co.spcRunChart([1, 2], { onMedian: "on" }), { code: "invalid_option" });
});

test("funnel: ratios and rates", () => {
  const o = [30, 55, 90, 20, 140, 61, 12, 75];
  const e = [40, 50, 60, 25, 110, 70, 15, 80];
  const f = co.funnel(o, e, { kind: "ratio", overdispersion: "on", scale: "sqrt" });
  assert.equal(f.kind, "ratio");
  assert.equal(f.target, 1);
  assert.ok(f.adjusted && f.estimate.tau2 > 0);
  const pops = [10000, 12000, 8000, 30000, 5000, 22000, 9000, 15000];
  const r = co.funnel(o, pops, { kind: "rate", multiplier: 1000 });
  const pooled = o.reduce((a, b) => a + b) / pops.reduce((a, b) => a + b);
  assert.ok(Math.abs(r.target - pooled * 1000) < 1e-12);
  assert.match(co.funnelChart(o, pops, { kind: "rate" }, { title: "Rates" }), /^<svg/);
  assert.throws(() => co.funnel(o, e, { kind: "ratio", multiplier: 100 }), { code: "invalid_option" });
  assert.throws(() => co.funnel(o, e, { kind: "odds" }), { code: "invalid_option" });
});

test("charts: SPC, spine and trend as accessible SVG strings", () => {
  const spc = co.spcChart(golden.S5_baseline_rebase_assurance.values, { improvementDirection: "increase", rebaseAt: [16], target: 74 }, { title: "S5" });
  assert.match(spc, /<title id="[^"]+-title">S5<\/title>/);
  assert.match(spc, /Assurance: the target will consistently be met/);
  const spine = co.spineChart(
    [{ label: "1B", value: 80.1, england: 77.2, comparatorMin: 70, comparatorMax: 84, comparatorQ1: 75, comparatorQ3: 79.5, comparison: "better", polarity: "higher_is_better" }],
    { title: "Spine", decimals: 1 },
  );
  assert.match(spine, /1B: 80.1, England 77.2/);
  const trend = co.trendChart(
    [{ label: "2022-23", value: 76.8, lower: 74.7, upper: 78.7, comparator: 77.1 }, { label: "2023-24", value: 78.3, lower: 76.2, upper: 80.2, comparator: 77.2 }],
    { title: "Trend", decimals: 1, comparatorName: "Region" },
  );
  assert.match(trend, /76.8 in 2022-23, 78.3 in 2023-24/);
  assert.match(trend, /Region latest 77.2/);
  assert.deepEqual(co.spcPresets(), ["mdc", "nhsrplotthedots", "abspc"]);
});

test("bad inputs throw the core's coded errors", () => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      return [e.code, e.row];
    }
    return ["no error"];
  };
  assert.deepEqual(code(() => co.spcXmr([])), ["empty_input", undefined]);
  assert.deepEqual(code(() => co.spcXmr([1, null, 2])), ["missing_input", 1]);
  assert.deepEqual(code(() => co.spcXmr([1, Infinity])), ["non_finite", 1]);
  assert.equal(code(() => co.spcXmr([1, 2], { shiftLength: 1 }))[0], "invalid_option");
  assert.equal(code(() => co.spcXmr([1, 2], { shift: 7 }))[0], "invalid_option");
  assert.equal(code(() => co.spcXmr([1, 2], { preset: "excel" }))[0], "invalid_option");
  assert.equal(code(() => co.spcXmr([1, 2], { twoInThree: "2019" }))[0], "invalid_option");
  assert.equal(code(() => co.spcChart([1, 2], {}, { labels: ["a"] }))[0], "length_mismatch");
  assert.equal(code(() => co.spcChart([1, 2], {}, { width: 5 }))[0], "invalid_option");
  assert.equal(code(() => co.funnel([3], [2]))[0], "numerator_exceeds_denominator");
  assert.equal(code(() => co.funnel([1], [2], { overdispersion: "maybe" }))[0], "invalid_option");
  assert.equal(code(() => co.spineChart([{ label: "x" }]))[0], "invalid_option");
  assert.equal(code(() => co.trendChart([]))[0], "empty_input");
  assert.equal(code(() => co.spcXmr("1,2,3"))[0], "invalid_option");
});
