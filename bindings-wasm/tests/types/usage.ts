// Compiled with `tsc --noEmit --strict` against the built package by packaging.test.mjs: the
// overloads must give the right result types, and misuse must not compile.
import * as co from "care-outcomes";
import * as main from "care-outcomes/main";
import { frameworkDocument } from "care-outcomes/toml";
import { deriveRecords } from "care-outcomes/records";
import type { FrameworkDocument } from "care-outcomes/main";
import type {
  CareOutcomesError,
  InputColumns,
  ResultColumns,
  Derivation,
  Definition,
  DsrEstimate,
  DsrEstimates,
  ErrorCode,
  Estimate,
  Estimates,
  Framework,
  GroupedQuantiles,
  InputRow,
  IsrEstimate,
  IsrEstimates,
  LifeTable,
  MeanEstimate,
  MeasureCount,
  Quantiles,
  RatioFunnel,
  ResultRow,
  SignificanceLabel,
} from "care-outcomes";

const one: Estimate = co.proportion(105, 129, { multiplier: 100, method: "wilson" });
const many: Estimates = co.proportion(new Float64Array([1, 2]), [3, null], { confidence: null });
const r1: Estimate = co.rate(567, 123784, { per: 1000, method: "exact" });
const r2: Estimates = co.rate([1, 2], new Int32Array([10, 20]));
const v: number | null = one.value;
const col: Float64Array = many.lower;
const m: MeanEstimate = co.mean([1, 2, 3], { skipMissing: true });
const bands = ["0-64", "65+"];
const standard = { name: "two", bands, weights: [60, 40] };
const d1: DsrEstimate = co.dsr([20, 30], [1000, 500], { bands, standard, per: 1000 });
const d2: DsrEstimates = co.dsr([20, 30], [1000, 500], { bands, standard, groups: ["A", "A"] });
const d3: DsrEstimate = co.dsrNonIndependent([1, 2], [5, 5], [1000, 500], { bands, standard });
const reference = { bands, counts: [100, 400], populations: [10000, 2000] };
const i1: IsrEstimate = co.isratio([15, 25], [1000, 100], { bands, reference });
const i2: IsrEstimates = co.israte({ A: 40 }, [1000, 100], { bands, reference, groups: ["A", "A"] });
const q1: Quantiles = co.quantiles([1, 2, 3], { q: 3, invert: true });
const q2: GroupedQuantiles = co.quantiles([1, 2], { q: 2, invert: [true, true], groups: [1, 1] });
const f: RatioFunnel = co.funnelRatios([8, 151], [6.2, 106.4], { ratioType: "isr" });
const s: SignificanceLabel = co.ratioSignificance(151, 106.4);
const t: LifeTable = co.lifeExpectancy([0, 1], [6000, 6000], [1, 2]);
const codes: ErrorCode[] = co.errorCodes();
const lim: { lower: number; upper: number } = co.proportionFunnelLimits(0.2, 100);
const q3: Quantiles = co.quantiles([1, 2, 3]);
const strict: Estimate = co.rate(1, 2, { onUndefined: "error" });
const per: number = co.defaults().rateMultiplier;

try {
  co.proportion(5, 4);
} catch (e) {
  const err = e as CareOutcomesError;
  const code: ErrorCode = err.code;
  const row: number | undefined = err.row;
  void code;
  void row;
}

// @ts-expect-error: a scalar and a column do not mix
co.proportion(1, [2]);
// @ts-expect-error: a scalar call gives one estimate, not columns
const wrong: Estimates = co.proportion(1, 2);
// @ts-expect-error: unknown method name
co.rate(1, 2, { method: "wilson" });
// @ts-expect-error: the rate multiplier is `per`
co.rate(1, 2, { multiplier: 100 });
// @ts-expect-error: bands are required
co.dsr([1], [2], {});
// @ts-expect-error: onUndefined is "null" or "error"
co.mean([1], { onUndefined: "raise" });
// @ts-expect-error: rateType and yearsOfData are required
co.funnelRates([1], [2], { per: 1000 });

// Survey: records in, records out.
const scored: co.ScoredResponse[] = co.survey.score([{ q3a: 1, ageBand: "65+" }], { onInvalid: "reject" });
const est: co.SurveyEstimate[] = co.survey.measures([{ council: "A", stratum: 1, q3a: 1 }], {
  strata: [{ council: "A", stratum: 1, population: 10 }],
  subgroups: ["sex"],
});
const withLedger: co.SurveyMeasures = co.survey.measuresWithLedger([], { strata: [] });
const moe: number | null = est[0].marginOfError;
// @ts-expect-error: strata are required
co.survey.measures([], {});
// @ts-expect-error: onInvalid is "error" or "reject"
co.survey.score([], { onInvalid: "skip" });

// publish keeps the row type and adds the published fields
const published = co.publish([{ sex: "Total", numerator: 20, denominator: 40 }], { dimensions: ["sex"], suppressBelow: 5 });
const sex: string = published.rows[0].sex;
const text: string = published.rows[0].valueText;
const sym: "[c]" | "[x]" | "[z]" | null = published.rows[0].symbol;
const mode: "on" | "off" = published.disclosure;
// @ts-expect-error: the option is suppressBelow
co.publish([{ denominator: 1 }], { suppress_below: 5 });
// @ts-expect-error: optOut takes the reason
co.publish([{ denominator: 1 }], { optOut: true });

// Client Level Data: CSV text or row objects in, a Derivation out.
const derived: Derivation = co.deriveRecords(co.syntheticRecords({ events: 100 }), { period: "2024-25" });
const fromRows: Derivation = co.deriveRecords([{ nhs_number: "1", event_type: "Request", event_start_date: "2024-05-01" }], {
  period: "2024-25",
  method: "2023-24",
  populations: { X: { "18-64": 1000, "65+": 500 } },
});
const firstMeasure: MeasureCount | undefined = derived.measures[0];
const denominator: number | null = fromRows.measures.length > 0 ? fromRows.measures[0].denominator : null;
const balanced: boolean =
  derived.ledger.read === derived.ledger.used + Object.values(derived.ledger.excluded).reduce((a, b) => a + b, 0) + derived.ledger.rejected.length;
// @ts-expect-error: the period is required
co.deriveRecords("", {});
// @ts-expect-error: the method is "2023-24" or "2024-25"
co.deriveRecords("", { period: "2024-25", method: "2022-23" });

export const records = [derived, fromRows, firstMeasure, denominator, balanced];
export const all = [scored, withLedger, moe, one, many, r1, r2, v, col, m, d1, d2, d3, i1, i2, q1, q2, f, s, t, codes, lim, q3, strict, per, wrong, sex, text, sym, mode];


// The catalogue and frameworks.
const defs: Definition[] = co.catalogue({ framework: "ascof", version: "legacy" });
const unit: string = defs[0].unit;
const fwk: Framework = co.loadFramework({ framework: "f", version: "1", title: "t", domains: [{ id: "d", title: "d" }] });
const rowsIn: InputRow[] = [{ area: "A", period: "2020-21", indicator: "ascof-legacy/2B1", numerator: 1, denominator: 2 }];
const results: ResultRow[] = co.evaluate(rowsIn, { framework: fwk, comparators: ["B"], benchmark: null });
const publishedText: string | null = results[0].published;
const summed: InputRow[] = co.aggregate(rowsIn, { A: "Region" });
const resolvedCode = co.resolveOpenDataCode("legacy", "2B185OV");
const resolvedId: string | undefined = resolvedCode?.indicator;
// @ts-expect-error: rows need a numerator
co.evaluate([{ area: "A", period: "p", indicator: "x" }]);
const columnsIn: InputColumns = {
  area: { values: ["A"], codes: new Uint32Array([0]) },
  period: ["2020-21"],
  indicator: ["ascof-legacy/2B1"],
  numerator: new Float64Array([1]),
  denominator: [2],
};
const resultColumns: ResultColumns = co.evaluateColumns(columnsIn, { benchmark: null });
const lowerColumn: Float64Array = resultColumns.lower;
const publishedColumn: string | null = resultColumns.published.values[resultColumns.published.codes[0]];
// @ts-expect-error: columns need a numerator
co.evaluateColumns({ area: ["A"], period: ["p"], indicator: ["x"] });
export const catalogueUse = [unit, results, publishedText, summed, resolvedId, lowerColumn, publishedColumn];

// The parts (care-outcomes/<part>): the full module's types, each part's own functions only.
const tomlDoc: FrameworkDocument = frameworkDocument("framework = \"f\"");
const fromParts: Framework = main.loadFramework(tomlDoc);
const partRows: ResultRow[] = main.evaluate([{ area: "A", period: "p", indicator: "x", numerator: 1 }]);
const partDerivation: Derivation = deriveRecords("", { period: "2024-25" });
// @ts-expect-error: proportion is in care-outcomes/stats, not in main
main.proportion(1, 2);
export const partsUse = [fromParts, partRows, partDerivation];
