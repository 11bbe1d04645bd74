// The catalogue and frameworks through the JS API: the official ASCOF 2020-21 figures reproduced
// exactly (mirrors core/tests/official_ascof.rs), the local framework example of
// docs/frameworks.md (mirrors core/tests/frameworks.rs), each malformed-framework case with its
// coded error, comparisons and aggregation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const OFFICIAL = `${root}../shared/reference/ascof-2020-21-official.csv`;
const EXAMPLE_JSON = `${root}examples/frameworks/council-local.json`;
const EXAMPLE_TOML = `${root}examples/frameworks/council-local.toml`;
const example = () => JSON.parse(readFileSync(EXAMPLE_JSON, "utf8"));

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
  assert.equal(err.code, code, err.message);
  return err;
}

/** A CSV line split into fields (quoted fields may hold commas and doubled quotes). */
function fields(line) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function officialRows() {
  assert.ok(existsSync(OFFICIAL), `${OFFICIAL} is needed by this test`);
  const lines = readFileSync(OFFICIAL, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const head = fields(lines[0]);
  return lines
    .slice(1)
    .map((l) => Object.fromEntries(fields(l).map((v, i) => [head[i], v])))
    .filter((r) => r.year === "2020-21");
}

describe("the official 2020-21 figures", () => {
  test("every non-survey row reproduces exactly; [x] for denominator 0; survey rows flagged", () => {
    const rows = officialRows();
    const input = rows.map((r) => {
      const resolved = co.resolveOpenDataCode("legacy", r.measure);
      assert.ok(resolved !== null, `open-data code ${r.measure} is not in the catalogue`);
      return {
        area: r.area,
        period: "2020-21",
        indicator: resolved.indicator,
        breakdown: resolved.breakdown,
        numerator: Number(r.numerator),
        denominator: Number(r.denominator),
      };
    });
    const out = co.evaluate(input);
    assert.equal(out.length, rows.length);
    const methods = new Map(co.catalogue().map((d) => [d.id, d.method]));
    let checked = 0;
    let zeroDen = 0;
    let survey = 0;
    const mismatches = [];
    rows.forEach((r, i) => {
      const res = out[i];
      if (methods.get(res.indicator) === "survey") {
        assert.ok(res.flags.includes("weighted_survey_counts"));
        assert.equal(res.lower, null, "no margin of error from counts");
        survey++;
        return;
      }
      if (r.denominator === "0") {
        assert.equal(r.value, "[x]");
        assert.equal(res.symbol, "[x]");
        assert.equal(res.value, null);
        assert.equal(res.published, null);
        zeroDen++;
        return;
      }
      if (res.published !== r.value) mismatches.push(`${r.measure} ${r.area}: ${res.published} vs ${r.value}`);
      assert.ok(res.lower <= res.value && res.value <= res.upper, `${r.measure} ${r.area}`);
      checked++;
    });
    assert.deepEqual(mismatches, []);
    assert.equal(checked, 6029, "spec-ascof.md §7.1: 6,029 rows with denominator > 0");
    assert.equal(zeroDen, 65, "spec-ascof.md §6: 65 rows with denominator 0");
    assert.equal(survey, 630);
  });

  test("key rows compare with England", () => {
    const out = co.evaluate(
      [["England", 52133, 10464019], ["Coventry", 320, 50463], ["Birmingham", 597, 149412]].map(
        ([area, numerator, population]) => ({ area, period: "2020-21", indicator: "ascof-legacy/2A2", numerator, population }),
      ),
    );
    assert.deepEqual(out.map((r) => r.published), ["498.2", "634.1", "399.6"]);
    // 2A(2) is lower-is-better: Coventry's 634.1 is significantly worse, Birmingham's better.
    assert.deepEqual(out.map((r) => r.benchmarkComparison), [null, "worse", "better"]);
    assert.deepEqual(out.map((r) => r.method), ["Byars", "Byars", "Byars"]);
  });
});

describe("the catalogue", () => {
  test("lists every definition with its provenance", () => {
    const all = co.catalogue();
    const ids = all.map((d) => d.id);
    assert.ok(ids.length > 80);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(all.every((d) => d.source.publication.length > 0));
    assert.deepEqual(co.frameworks(), ["ascof/legacy", "ascof/2023-24", "ascof/2024-25", "better-lives/2022-27", "reablement/2024-25"]);
    const d = co.indicator("ascof-legacy/2B1");
    assert.equal(d.code, "2B(1)");
    assert.equal(d.calculation, "ratio");
    assert.deepEqual(d.rounding, { rule: "half_away_from_zero", dp: 1 });
    assert.ok(d.breakdowns.some((b) => b.suffix === "85OV"));
    assert.deepEqual(all.find((x) => x.id === d.id), d);
    const e = coded(() => co.indicator("ascof-legacy/2B9"), "unknown_indicator");
    assert.match(e.message, /ascof-legacy\/2B9/);
  });

  test("by framework and version", () => {
    const reablement = co.catalogue({ framework: "reablement" });
    assert.deepEqual(reablement.map((d) => d.id), co.framework("reablement", "2024-25").definitions.map((d) => d.id));
    const a2024 = co.catalogue({ framework: "ascof", version: "2024-25" });
    const ascof = new Set(co.catalogue({ framework: "ascof" }).map((d) => d.id));
    assert.ok(a2024.every((d) => ascof.has(d.id)));
    coded(() => co.catalogue({ framework: "ascof", version: "1999" }), "unknown_indicator");
    coded(() => co.catalogue({ colour: "blue" }), "invalid_option");
    assert.deepEqual(co.resolveOpenDataCode("legacy", "2B185OV"), { indicator: "ascof-legacy/2B1", breakdown: "85OV" });
    assert.equal(co.resolveOpenDataCode("legacy", "2B199"), null);
  });
});

const FD1 = "council-local/contacts-to-assessment";
const exampleRows = () => [
  { area: "Leeds", period: "2022-23", indicator: FD1, numerator: 270, denominator: 1000 },
  { area: "Leeds", period: "2023-24", indicator: FD1, numerator: 180, denominator: 1000 },
  { area: "Leeds", period: "2023-24", indicator: "council-local/extra-care-units", numerator: 64 },
  { area: "England", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 34152, denominator: 43193 },
  { area: "Leeds", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 105, denominator: 129 },
  { area: "Leeds", period: "2020-21", indicator: "ascof-legacy/2A2", numerator: 567, population: 123784 },
];

describe("local frameworks", () => {
  test("the example loads from JSON text, an object and TOML text", () => {
    const fw = co.loadFramework(readFileSync(EXAMPLE_JSON, "utf8"));
    assert.equal(fw.key, "council-local/2025-26");
    assert.deepEqual(fw.domains[0].indicators, ["council-local/extra-care-units", "ascof-legacy/2B1", "ascof-legacy/2A2"]);
    assert.deepEqual(fw.domains[1].indicators, [FD1]);
    assert.equal(fw.definitions.length, 4);
    assert.deepEqual(fw.definitions.find((d) => d.id === "ascof-legacy/2B1"), co.indicator("ascof-legacy/2B1"));
    const { document: _a, ...resolved } = fw;
    for (const other of [co.loadFramework(example()), co.loadFramework(readFileSync(EXAMPLE_TOML, "utf8"))]) {
      const { document: _b, ...same } = other;
      assert.deepEqual(same, resolved);
    }
    // The object survives JSON (it can be stored and loaded again).
    assert.deepEqual(co.loadFramework(JSON.parse(JSON.stringify(fw.document))).domains, fw.domains);
  });

  test("the example evaluates", () => {
    const fw = co.loadFramework(example());
    const r = co.evaluate(exampleRows(), { framework: fw });
    assert.deepEqual(r.map((x) => x.published), ["27.0", "18.0", "64", "79.1", "81.4", "458.1"]);
    // Lower is better: a fall from 27.0% to 18.0% is an improvement.
    assert.equal(r[1].direction, "improved");
    assert.equal(r[1].previousPeriod, "2022-23");
    assert.equal(r[1].domain, "front-door");
    assert.equal(r[2].value, 64);
    assert.ok(r[2].flags.includes("provisional_definition"));
    // A count measure has no denominator: null, not 0.
    assert.strictEqual(r[2].denominator, null);
    assert.equal(r[1].denominator, 1000);
    // Leeds 2B(1) 2020-21: 81.4%, its 95% interval contains England's 79.1%.
    assert.equal(r[4].benchmark, "England");
    assert.equal(r[4].benchmarkComparison, "similar");
    assert.equal(r[5].denominator, 123784);
    // The same numbers through the document itself, its JSON text, and a built-in framework key.
    for (const framework of [example(), JSON.stringify(example()), readFileSync(EXAMPLE_TOML, "utf8")]) {
      assert.deepEqual(co.evaluate(exampleRows(), { framework }), r);
    }
    const builtIn = exampleRows().slice(3);
    assert.deepEqual(co.evaluate(builtIn, { framework: "ascof/legacy" }).map((x) => x.published), ["79.1", "81.4", "458.1"]);
    assert.deepEqual(co.evaluate(builtIn, { framework: co.framework("ascof", "legacy") }), co.evaluate(builtIn));
    coded(() => co.evaluate(builtIn, { framework: "ascof/1999" }), "unknown_indicator");
    coded(() => co.evaluate(exampleRows()), "unknown_indicator");
  });

  const set = (path, value) => (doc) => {
    let t = doc;
    for (const p of path.slice(0, -1)) t = t[p];
    t[path.at(-1)] = value;
  };
  const MALFORMED = [
    ["unknown method", "unknown_method", set(["definitions", 0, "method"], "bootstrap")],
    ["unknown polarity", "unknown_polarity", set(["definitions", 0, "polarity"], "up")],
    ["rate without population", "missing_population", (d) => Object.assign(d.definitions[0], { unit: "per100000", multiplier: 100000, method: "byar" })],
    ["duplicate definition", "duplicate_id", (d) => d.definitions.push(structuredClone(d.definitions[0]))],
    ["duplicate reference", "duplicate_id", set(["indicators", 1, "ref"], "ascof-legacy/2B1")],
    ["duplicate domain", "duplicate_id", set(["domains", 1, "id"], "independence")],
    ["missing built-in", "unknown_indicator", set(["indicators", 0, "ref"], "ascof-legacy/2B9")],
    ["pinned version", "version_mismatch", set(["indicators", 0, "version"], "2023-24")],
    ["definition version", "version_mismatch", set(["definitions", 0, "version"], "2024-25")],
    ["undeclared domain", "invalid_framework", set(["definitions", 0, "domain"], "nowhere")],
    ["reference domain", "invalid_framework", set(["indicators", 0, "domain"], "nowhere")],
    ["other framework", "invalid_framework", set(["definitions", 0, "framework"], "ascof")],
    ["no domains", "invalid_framework", set(["domains"], [])],
    ["unknown field", "invalid_framework", set(["colour"], "blue")],
    ["multiplier", "invalid_definition", set(["definitions", 0, "multiplier"], 7)],
  ];
  for (const [name, code, change] of MALFORMED) {
    test(`malformed: ${name} → ${code}`, () => {
      const doc = example();
      change(doc);
      coded(() => co.loadFramework(doc), code);
      coded(() => co.evaluate(exampleRows(), { framework: doc }), code);
    });
  }

  test("a missing built-in names the reference; bad text", () => {
    const doc = example();
    doc.indicators[0].ref = "ascof-legacy/2B9";
    assert.equal(coded(() => co.loadFramework(doc), "unknown_indicator").group, "indicators[0]");
    coded(() => co.loadFramework("{not json"), "invalid_framework");
    coded(() => co.loadFramework("framework = "), "invalid_framework");
    coded(() => co.loadFramework(42), "invalid_option");
  });
});

const row = (area, numerator, denominator, indicator = "ascof-legacy/2B1") => ({
  area, period: "2020-21", indicator, numerator, denominator,
});

describe("evaluation", () => {
  test("bad rows are reported with their index", () => {
    const fw = co.loadFramework(example());
    assert.equal(coded(() => co.evaluate([row("Leeds", 1, 2, "ascof-legacy/2X")], { framework: fw }), "unknown_indicator").row, 0);
    assert.equal(coded(() => co.evaluate([row("Leeds", 1, 2), row("Bradford", 200, 100)], { framework: fw }), "numerator_exceeds_denominator").row, 1);
    assert.equal(coded(() => co.evaluate([row("Leeds", 1, null)]), "missing_denominator").row, 0);
    coded(() => co.evaluate([row("Leeds", 1, 2), row("Leeds", 1, 2)]), "duplicate_id");
    assert.equal(coded(() => co.evaluate([{ ...row("Leeds", 1, 2), breakdown: "90OV" }]), "unknown_indicator").row, 0);
    coded(() => co.evaluate([row("Leeds", 1, 2)], { confidence: 95 }), "invalid_confidence");
  });

  test("counts are read by the core's rule", () => {
    coded(() => co.evaluate([row("Leeds", 1, 2.5)]), "invalid_option");
    assert.equal(coded(() => co.evaluate([row("A", 1, 2), row("B", -1, 2)]), "negative_value").row, 1);
    coded(() => co.evaluate([row("Leeds", 1, Infinity)]), "non_finite");
    assert.equal(coded(() => co.evaluate([row("Leeds", null, 2)]), "missing_input").row, 0);
    assert.equal(coded(() => co.evaluate([{ period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 1, denominator: 2 }]), "missing_input").row, 0);
    coded(() => co.evaluate([{ ...row("Leeds", 1, 2), value: 50 }]), "invalid_option");
    coded(() => co.evaluate([row("Leeds", "1", 2)]), "invalid_option");
    coded(() => co.evaluate("rows"), "invalid_option");
    coded(() => co.evaluate([row("Leeds", 1, 2)], { bench: "England" }), "invalid_option");
    // NaN is a missing count, as null is.
    coded(() => co.evaluate([row("Leeds", 1, NaN)]), "missing_denominator");
  });

  test("comparators, quartiles and MAD bands", () => {
    const id = "ascof-legacy/2D";
    const rows = [
      row("England", 116113, 155018, id), row("Leeds", 1060, 1475, id), row("Coventry", 1159, 1920, id),
      row("Birmingham", 990, 2023, id), row("Sutton", 459, 816, id),
    ];
    const out = co.evaluate(rows, { comparators: ["Coventry", "Birmingham"] });
    const by = Object.fromEntries(out.map((r) => [r.area, r]));
    // Comparator aggregate = (1,159 + 990) / (1,920 + 2,023) = 2,149 / 3,943 = 54.50...%.
    assert.ok(Math.abs(by.Leeds.comparatorValue - (100 * 2149) / 3943) < 1e-12);
    assert.equal(by.Leeds.comparatorComparison, "better");
    assert.equal(by.Leeds.benchmarkComparison, "worse");
    assert.deepEqual(["Leeds", "Coventry", "Sutton", "Birmingham"].map((a) => by[a].quartile), [1, 2, 3, 4]);
    assert.equal(by.England.quartile, null);
    // MAD bands against the two comparators (60.4, 48.9): median 54.65, MAD 5.75.
    assert.equal(by.Leeds.madBand, "much_better");
    assert.equal(by.Sutton.madBand, "broadly_similar");
    const chosen = co.evaluate(rows, { benchmark: null, peers: ["Leeds", "Sutton"] });
    assert.deepEqual(chosen.map((r) => r.benchmark), [null, null, null, null, null]);
    assert.deepEqual(chosen.map((r) => r.quartile), [null, 1, null, null, 3]);
  });

  test("aggregation sums counts, never averages values", () => {
    const rows = [row("Leeds", 105, 129), row("Birmingham", 291, 596), row("Sutton", 1, 2)];
    const parents = { Leeds: "Both", Birmingham: "Both" };
    const agg = co.aggregate(rows, parents);
    assert.deepEqual(agg, [{
      area: "Both", period: "2020-21", indicator: "ascof-legacy/2B1", breakdown: null,
      numerator: 396, denominator: 725, population: null,
    }]);
    assert.deepEqual(co.aggregate(rows, new Map(Object.entries(parents))), agg);
    // 396 / 725 = 54.6%, not the mean of 81.4 and 48.8 (65.1).
    assert.equal(co.evaluate(agg)[0].published, "54.6");
    coded(() => co.aggregate(rows, ["Both"]), "invalid_option");
    coded(() => co.aggregate(rows, { Leeds: 1 }), "invalid_option");
  });
});
