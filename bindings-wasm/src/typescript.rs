//! TypeScript declarations emitted into the generated `.d.ts`: the result and option types, and
//! the overloads of the functions whose result type depends on the input shape (numbers give one
//! estimate, columns give columns; `groups` gives one row per group).

use wasm_bindgen::prelude::*;

#[cfg(any(feature = "main", feature = "stats"))]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A column of numbers. `null`, `undefined` and `NaN` mean a missing value. */
export type Column =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array
  | Int8Array | Uint8Array | Uint8ClampedArray
  | ReadonlyArray<number | null | undefined>;

/** A stable error code (`err.code`). */
export type ErrorCode =
  | "invalid_confidence" | "invalid_multiplier" | "non_finite" | "negative_value"
  | "numerator_exceeds_denominator" | "length_mismatch" | "empty_input" | "unknown_standard"
  | "unknown_band" | "duplicate_band" | "missing_band" | "inconsistent_band_data"
  | "invalid_event_frequency" | "invalid_reference" | "invalid_standard"
  | "invalid_quantile_count" | "inconsistent_invert" | "missing_input"
  | "nonpositive_denominator" | "missing_denominator" | "undefined_statistic"
  | "invalid_option" | "invalid_definition" | "invalid_rounding" | "unknown_indicator"
  | "unknown_method" | "unknown_polarity" | "missing_population" | "duplicate_id"
  | "version_mismatch" | "invalid_framework" | "invalid_rate"
  | "invalid_adjustment" | "zero_cost" | "unknown_price_year" | "invalid_distribution"
  | "invalid_response" | "sample_exceeds_population" | "duplicate_stratum" | "invalid_table"
  | "inconsistent_total" | "non_integer_count" | "invalid_column_type";

/** Why a value or its limits are null. */
export type ReasonCode =
  | "missing_input" | "zero_denominator" | "small_count" | "zero_population"
  | "missing_population" | "zero_expected" | "insufficient_values" | "too_few_areas"
  | "life_table_invalid" | "wide_interval" | "not_paid_back" | "no_break_even"
  | "zero_variation";

/** The `Error` every function throws: `message` is the core's, `code` its stable code. */
export interface CareOutcomesError extends Error {
  name: "CareOutcomesError";
  code: ErrorCode;
  /** Zero-based input row, when the error belongs to one row. */
  row?: number;
  /** Group key, when the error belongs to one group. */
  group?: string;
}

/** One estimate. Values and limits are already multiplied; nothing is rounded. */
export interface Estimate {
  /** The point estimate, or null (see `reason`). */
  value: number | null;
  /** Lower limit, or null (no interval asked for, or undefined). */
  lower: number | null;
  /** Upper limit, or null. */
  upper: number | null;
  /** The level label ("95%"), or null when no interval was asked for. */
  confidence: string | null;
  /** The method label ("Wilson", "Exact", "Byars", ...), or null when the value is null. */
  method: string | null;
  /** Why the value or limits are null, or null. */
  reason: ReasonCode | null;
}

/** A batch of estimates in columns; NaN in `value`/`lower`/`upper` where null. */
export interface Estimates {
  value: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** The level label ("95%"), or null when no interval was asked for. */
  confidence: string | null;
  /** Method label per row (null where the value is null). */
  method: (string | null)[];
  /** Reason code per row (null where value and limits are present). */
  reason: (ReasonCode | null)[];
}

/** A mean with its Student t interval. */
export interface MeanEstimate extends Estimate {
  /** Sum of the values used. */
  valueSum: number;
  /** Number of values used (missing values are not counted). */
  valueCount: number;
  /** Sample standard deviation; null with fewer than 2 values. */
  stdev: number | null;
}

/** A directly standardised rate with its totals. */
export interface DsrEstimate extends Estimate {
  totalCount: number;
  totalPop: number;
  /** "dsr per 100000", or R's text when suppressed. */
  statistic: string;
}

/** Directly standardised rates per group, in columns (groups in order of first appearance). */
export interface DsrEstimates extends Estimates {
  group: string[];
  totalCount: Float64Array;
  totalPop: Float64Array;
  statistic: string[];
}

/** An indirectly standardised ratio or rate. */
export interface IsrEstimate extends Estimate {
  /** Observed events O. */
  observed: number;
  /** Expected events E. */
  expected: number;
  /** The reference rate (israte only; null for isratio). */
  refRate: number | null;
  statistic: string;
}

/** Indirectly standardised ratios or rates per group, in columns. */
export interface IsrEstimates extends Estimates {
  group: string[];
  observed: Float64Array;
  expected: Float64Array;
  /** NaN for isratio. */
  refRate: Float64Array;
  statistic: string[];
}

/** Options every estimator shares. Absent fields take the core's defaults (see `defaults()`). */
export interface ConfidenceOptions {
  /** Confidence level as a fraction (default 0.95); null for no interval. */
  confidence?: number | null;
  /**
   * "null" (default): an undefined statistic is null with a `reason`; "error": the call throws
   * `undefined_statistic` instead.
   */
  onUndefined?: "null" | "error";
}

export type LifeExpectancyOptions = ConfidenceOptions;

export interface ProportionOptions extends ConfidenceOptions {
  /** Multiplier (default 1; 100 for a percentage). */
  multiplier?: number;
  /** "wilson" (default) or "clopper_pearson" (alias "exact"). */
  method?: "wilson" | "clopper_pearson" | "exact";
}

export interface RateOptions extends ConfidenceOptions {
  /** The rate is per this many (default 100000). */
  per?: number;
  /** "byar" (default: exact below 10 events, Byar from 10), "exact" or "byar_unswitched". */
  method?: "byar" | "byars" | "exact" | "byar_unswitched";
}

export interface MeanOptions extends ConfidenceOptions {
  /** Drop missing values instead of making the mean null (default false). */
  skipMissing?: boolean;
}

/** A custom standard population. */
export interface CustomStandard {
  name: string;
  bands: string[];
  weights: Column;
}

export interface DsrOptions extends ConfidenceOptions {
  /** The band label of each row ("0-4", ..., "90+"); joined to the standard by label. */
  bands: string[];
  /** A group key per row: one DSR per group. */
  groups?: ReadonlyArray<string | number>;
  /** A built-in standard's name (default "esp2013") or a custom standard. */
  standard?: string | CustomStandard;
  /** Per this many (default 100000). */
  per?: number;
  /** The ages covered (default all): every standard band inside must be given once. */
  ageRange?: { from?: number; to?: number | null };
}

export interface DsrGroupedOptions extends DsrOptions {
  groups: ReadonlyArray<string | number>;
}

/** Reference (e.g. England) band counts and populations. */
export interface IsrReference {
  bands: string[];
  counts: Column;
  populations: Column;
}

export interface IsrCommonOptions extends ConfidenceOptions {
  /** The band label of each row, joined to the reference by label. */
  bands: string[];
  /** A group key per row: one ISR per group. */
  groups?: ReadonlyArray<string | number>;
  reference: IsrReference;
  /** Interval on O: "byar" (default), "exact" or "byar_unswitched". */
  method?: "byar" | "byars" | "exact" | "byar_unswitched";
}

export interface IsRatioOptions extends IsrCommonOptions {
  /** The reference value r (default 1; 100 for an SMR on the 100 scale). */
  refvalue?: number;
}

export interface IsRateOptions extends IsrCommonOptions {
  /** Per this many (default 100000). */
  per?: number;
}

/** Observed events of an ISR: band counts, one total, or (grouped) a total per group key. */
export type IsrObserved = Column | number | null | Readonly<Record<string, number | null>>;

export interface LevelOptions {
  /** Confidence level (default 0.95); funnel limits always have one. */
  confidence?: number;
}

export interface ProportionFunnelLimitsOptions extends LevelOptions {
  /** Multiplier (default 1). */
  multiplier?: number;
  /** Clamp the limits to [0, multiplier] (default true, as funnels plot them). */
  clamp?: boolean;
}

export interface Limits {
  lower: number;
  upper: number;
}

export interface RatioFunnelLimits {
  /** The expected count at which the lower limit is plotted. */
  expectedHigh: number;
  /** The expected count at which the upper limit is plotted. */
  expectedLow: number;
  lower: number;
  upper: number;
}

export type SignificanceLabel =
  | "High (0.001)" | "High (0.025)" | "Low (0.001)" | "Low (0.025)" | "Not significant"
  | "Not applicable for events less than 10 for dsrs";

export interface MultiplierOptions {
  /** Multiplier (default 1; 100 for percentages). */
  multiplier?: number;
}

export interface ProportionFunnel {
  baseline: number;
  limits: {
    population: Float64Array;
    lower2sLimit: Float64Array;
    upper2sLimit: Float64Array;
    lower3sLimit: Float64Array;
    upper3sLimit: Float64Array;
  };
  significance: SignificanceLabel[];
}

export interface RatioFunnelOptions {
  /** "ratio" (default), "count" (O/E − 1) or "isr" (O/E × 100). */
  ratioType?: "ratio" | "count" | "isr";
}

export interface RatioFunnel {
  baseline: number;
  limits: {
    observedEvents: Float64Array;
    lower2sExpEvents: Float64Array;
    lower2sLimit: Float64Array;
    upper2sExpEvents: Float64Array;
    upper2sLimit: Float64Array;
    lower3sExpEvents: Float64Array;
    lower3sLimit: Float64Array;
    upper3sExpEvents: Float64Array;
    upper3sLimit: Float64Array;
  };
  significance: SignificanceLabel[];
}

export interface RateFunnelOptions {
  /** "dsr" or "crude". Required. */
  rateType: "dsr" | "crude";
  /** The number of years the data cover. Required. */
  yearsOfData: number;
  /** Per this many (default 100000). */
  per?: number;
  /** Populations, needed for crude-rate records with 0 events. */
  populations?: Column;
}

export interface RateFunnel {
  baseline: number;
  limits: {
    events: Float64Array;
    lower2sPopulation1Year: Float64Array;
    lower2sLimit: Float64Array;
    upper2sPopulation1Year: Float64Array;
    upper2sLimit: Float64Array;
    lower3sPopulation1Year: Float64Array;
    lower3sLimit: Float64Array;
    upper3sPopulation1Year: Float64Array;
    upper3sLimit: Float64Array;
  };
  significance: SignificanceLabel[];
  /** The rate to plot per record (NaN for a DSR with fewer than 10 events). */
  rateChart: Float64Array;
  /** The derived denominator per year per record (NaN likewise). */
  denominatorDerived: Float64Array;
}

export interface QuantilesOptions {
  /** Number of quantiles (default 10). */
  q?: number;
  /**
   * true (default, Fingertips): the highest value gets quantile 1; false: the lowest does.
   * With `groups`, one flag for all or one per row (constant within each group).
   */
  invert?: boolean | ReadonlyArray<boolean>;
  /** A group key per value: quantiles are assigned within each group. */
  groups?: ReadonlyArray<string | number>;
}

export interface Quantiles {
  /** Quantile 1..q per value; null where the value is missing or `reason` is set. */
  quantile: (number | null)[];
  /** Why the quantiles are null (too few areas), or null. */
  reason: ReasonCode | null;
}

/** Quantiles assigned within groups. */
export interface GroupedQuantiles {
  /** Quantile 1..q per value (input order); null where missing or the group has a reason. */
  quantile: (number | null)[];
  /** Group keys in order of first appearance. */
  group: string[];
  /** Per group: why its quantiles are null, or null. */
  reason: (ReasonCode | null)[];
}

/** Life expectancy at the start age of every band, in columns. */
export interface LifeTable extends Estimates {
  startAge: Float64Array;
  popsUsed: Float64Array;
  dthsUsed: Float64Array;
}

/** The core's defaults. */
export interface Defaults {
  confidence: number;
  proportionMultiplier: number;
  rateMultiplier: number;
  isrRefvalue: number;
  standard: string;
  proportionMethod: string;
  rateMethod: string;
  quantiles: number;
  quantileInvert: boolean;
  skipMissing: boolean;
  onUndefined: "null" | "error";
  ratioType: "ratio" | "count" | "isr";
  funnelClamp: boolean;
  knownStandards: string[];
}

/**
 * The proportion numerator/denominator × multiplier with a Wilson (default) or Clopper-Pearson
 * interval. Numbers give one `Estimate`; columns give `Estimates` (one batch call).
 */
export function proportion(numerator: number | null, denominator: number | null, options?: ProportionOptions): Estimate;
export function proportion(numerator: Column, denominator: Column, options?: ProportionOptions): Estimates;

/**
 * The crude rate count/population × per with a Poisson interval (exact below 10 events, Byar
 * from 10 by default). Numbers give one `Estimate`; columns give `Estimates`.
 */
export function rate(count: number | null, population: number | null, options?: RateOptions): Estimate;
export function rate(count: Column, population: Column, options?: RateOptions): Estimates;

/** A directly standardised rate (Dobson); with `groups`, one per group in columns. */
export function dsr(counts: Column, populations: Column, options: DsrGroupedOptions): DsrEstimates;
export function dsr(counts: Column, populations: Column, options: DsrOptions): DsrEstimate;

/**
 * A DSR with the interval adjusted for non-independent events: each row is a band, an event
 * frequency f and the number of persons with exactly f events, with the band population.
 */
export function dsrNonIndependent(frequencies: Column, persons: Column, populations: Column, options: DsrGroupedOptions): DsrEstimates;
export function dsrNonIndependent(frequencies: Column, persons: Column, populations: Column, options: DsrOptions): DsrEstimate;

/** An indirectly standardised ratio O/E × refvalue; with `groups`, one per group in columns. */
export function isratio(counts: IsrObserved, populations: Column, options: IsRatioOptions & { groups: ReadonlyArray<string | number> }): IsrEstimates;
export function isratio(counts: Column | number | null, populations: Column, options: IsRatioOptions): IsrEstimate;

/** An indirectly standardised rate (O/E × the reference rate); with `groups`, one per group. */
export function israte(counts: IsrObserved, populations: Column, options: IsRateOptions & { groups: ReadonlyArray<string | number> }): IsrEstimates;
export function israte(counts: Column | number | null, populations: Column, options: IsRateOptions): IsrEstimate;

/** Deprivation quantiles 1..q (null where a value is missing); with `groups`, within each group. */
export function quantiles(values: Column, options: QuantilesOptions & { groups: ReadonlyArray<string | number> }): GroupedQuantiles;
export function quantiles(values: Column, options?: QuantilesOptions): Quantiles;

/** A published disaggregation of a measure: the open-data code is the measure's code + `suffix`. */
export interface Breakdown {
  /** The suffix ("85OV", "F"). */
  suffix: string;
  /** "age" or "sex". */
  dimension: string;
  /** "85 and over". */
  label: string;
}

/**
 * An indicator definition, in the framework file schema (docs/frameworks.md; snake_case, as a
 * file is written). Every field is present (null or empty when not set).
 */
export interface Definition {
  id: string;
  framework: string;
  version: string;
  code: string;
  revision: number;
  title: string;
  /** The numerator in words. */
  numerator: string;
  /** The denominator in words. */
  denominator: string;
  /** "percent", "proportion", "per100000", "per1000", "score0_to24", "score0_to12", "adjusted_score", "ratio", "count", "pounds". */
  unit: string;
  /** Applied to numerator ÷ denominator: 100 for a percentage, 100000 for a rate per 100,000. */
  multiplier: number;
  polarity: "higher_is_better" | "lower_is_better" | "no_judgement";
  /** The interval method: "wilson", "clopper_pearson", "byar", "exact_poisson", "survey", "none". */
  method: string;
  /** The publication rounding rule and its decimal places. */
  rounding: { rule: "half_away_from_zero" | "half_even"; dp: number };
  /** Suppression threshold (a denominator count) and count rounding, or null. */
  disclosure: { suppress_below: number | null; round_counts_to: number | null } | null;
  /** Data sources ("SALT", "ASCS", ...) and the publication followed. */
  source: { data: string[]; publication: string };
  confidence_tag: "H" | "M" | "L" | null;
  provisional: boolean;
  calculation: "ratio" | "count" | "relative_difference";
  stable_id: string | null;
  open_data_code: string | null;
  domain: string | null;
  /** The population the denominator counts (rates per 1,000 / 100,000). */
  population_base: string | null;
  breakdowns: Breakdown[];
  /** Ids of the earlier definitions this one continues. */
  replaces: string[];
  notes: string | null;
}

/** Filters of `catalogue()`. */
export interface CatalogueOptions {
  /** A framework name ("ascof", "better-lives", "reablement"). */
  framework?: string | null;
  /** A framework version ("legacy", "2023-24", "2024-25"). */
  version?: string | null;
}

/** An open-data measure code resolved to a definition id and breakdown suffix. */
export interface ResolvedCode {
  indicator: string;
  breakdown: string | null;
}

/** A framework file (docs/frameworks.md) as an object. */
export interface FrameworkDocument {
  framework: string;
  version: string;
  title: string;
  years?: { from: string; to?: string };
  about?: string;
  provisional?: boolean;
  domains: ReadonlyArray<{ id: string; title: string; about?: string }>;
  indicators?: ReadonlyArray<{ ref: string; domain: string; version?: string }>;
  /** New definitions, each a full `Definition` (fields at their default may be left out). */
  definitions?: ReadonlyArray<Partial<Definition>>;
}

/** A domain of a resolved framework, with its indicator ids in order. */
export interface Domain {
  id: string;
  title: string;
  indicators: string[];
}

/** A resolved framework: pass it as `evaluate(rows, { framework })`. */
export interface Framework {
  /** "framework/version". */
  key: string;
  framework: string;
  version: string;
  title: string;
  years: { from: string; to?: string } | null;
  about: string | null;
  provisional: boolean;
  domains: Domain[];
  /** Every definition the framework uses (its own, then referenced ones). */
  definitions: Definition[];
  /** The document it was loaded from (null for a built-in framework). */
  document: FrameworkDocument | null;
}

/** One input row: the counts of one indicator for one area and period. */
export interface InputRow {
  area: string;
  period: string;
  /** A definition id ("ascof-legacy/2B1"). */
  indicator: string;
  /** A breakdown suffix of the definition ("85OV"), or null for the total. */
  breakdown?: string | null;
  /** A count (a whole number). */
  numerator: number;
  /** A count; not needed for counts, or for rates given a population. */
  denominator?: number | null;
  /** The population, for rates (used as the denominator when given). */
  population?: number | null;
}

/** Options of `evaluate`. Absent fields take the core's defaults. */
export interface EvaluateOptions {
  /** Where ids are looked up: the catalogue (default), a built-in key ("ascof/legacy"), a `Framework`, a document or its JSON / TOML text. */
  framework?: string | Framework | FrameworkDocument | null;
  /** The area compared with (default "England"); null for none. */
  benchmark?: string | null;
  /** A comparator group: its summed counts are the comparison value; MAD bands are taken against it. */
  comparators?: ReadonlyArray<string>;
  /** The areas ranked into quartiles (default: all but the benchmark and the aggregates). */
  peers?: ReadonlyArray<string> | null;
  /** Areas that are aggregates (regions), left out of the default peers. */
  aggregates?: ReadonlyArray<string>;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
}

/** A comparison outcome. */
export type ComparisonCode = "better" | "similar" | "worse" | "higher" | "lower" | "not_compared";

/** One result row of `evaluate`, in input order. */
export interface ResultRow {
  area: string;
  period: string;
  indicator: string;
  /** The published code ("2B(1)"). */
  code: string;
  breakdown: string | null;
  breakdownLabel: string | null;
  domain: string | null;
  /** The definition's framework version and revision. */
  version: string;
  revision: number;
  /** The counts used (the population, for rates); `denominator` is null for a count measure,
   *  which has none. */
  numerator: number;
  denominator: number | null;
  /** The value × the multiplier (percent, per 100,000, ...), unrounded; null where undefined. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** "95%", or null without an interval. */
  confidence: string | null;
  method: string | null;
  reason: ReasonCode | null;
  /** The published value as text ("81.4"), rounded exactly by the definition's rule. */
  published: string | null;
  /** "[c]" suppressed, "[x]" not available. */
  symbol: "[c]" | "[x]" | null;
  /** "suppressed", "small_denominator", "provisional_definition", "weighted_survey_counts". */
  flags: string[];
  /** The benchmark area compared with. */
  benchmark: string | null;
  benchmarkValue: number | null;
  benchmarkComparison: ComparisonCode | null;
  /** The comparator group's aggregate value. */
  comparatorValue: number | null;
  comparatorComparison: ComparisonCode | null;
  /** Quartile among the peers, 1 = best. */
  quartile: number | null;
  madBand: "review" | "much_better" | "better" | "slightly_better" | "broadly_similar" | "slightly_worse" | "worse" | "much_worse" | null;
  direction: "improved" | "worsened" | "no_change" | "increased" | "decreased" | null;
  previousPeriod: string | null;
}

/** A text column as a dictionary: row i holds `values[codes[i]]`. */
export interface TextColumn<T = string> {
  values: ReadonlyArray<T>;
  codes: Uint32Array | ReadonlyArray<number>;
}

/**
 * The input of `evaluateColumns`: the fields of `InputRow` as columns of equal length. Texts are
 * dictionaries (`TextColumn`) or plain arrays; counts are typed or plain arrays of whole numbers,
 * where NaN or null is missing.
 */
export interface InputColumns {
  area: TextColumn | ReadonlyArray<string>;
  period: TextColumn | ReadonlyArray<string>;
  indicator: TextColumn | ReadonlyArray<string>;
  breakdown?: TextColumn<string | null> | ReadonlyArray<string | null> | null;
  numerator: Float64Array | ReadonlyArray<number>;
  denominator?: Float64Array | ReadonlyArray<number | null> | null;
  population?: Float64Array | ReadonlyArray<number | null> | null;
}

/**
 * The result of `evaluateColumns`: the fields of `ResultRow` as columns of `length` entries, in
 * input order. Texts are dictionaries (null where the row's field is null); numbers are
 * `Float64Array`s with NaN where the row's field is null; `quartile` is 0 for none.
 */
export interface ResultColumns {
  length: number;
  area: TextColumn;
  period: TextColumn;
  indicator: TextColumn;
  code: TextColumn;
  breakdown: TextColumn<string | null>;
  breakdownLabel: TextColumn<string | null>;
  domain: TextColumn<string | null>;
  version: TextColumn;
  revision: Float64Array;
  numerator: Float64Array;
  /** NaN for a count measure, which has no denominator. */
  denominator: Float64Array;
  value: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  confidence: TextColumn<string | null>;
  method: TextColumn<string | null>;
  reason: TextColumn<ReasonCode | null>;
  published: TextColumn<string | null>;
  symbol: TextColumn<"[c]" | "[x]" | null>;
  flags: TextColumn<string[]>;
  benchmark: TextColumn<string | null>;
  benchmarkValue: Float64Array;
  benchmarkComparison: TextColumn<ComparisonCode | null>;
  comparatorValue: Float64Array;
  comparatorComparison: TextColumn<ComparisonCode | null>;
  quartile: Uint8Array;
  madBand: TextColumn<ResultRow["madBand"]>;
  direction: TextColumn<ResultRow["direction"]>;
  previousPeriod: TextColumn<string | null>;
}
"#;

#[cfg(feature = "records")]
#[wasm_bindgen(typescript_custom_section)]
const RECORDS_TYPES: &'static str = r#"
/** Options of `deriveRecords`. */
export interface RecordsOptions {
  /** `"2024-25"` (a financial year) or `"YYYY-MM-DD..YYYY-MM-DD"`. */
  period: string;
  /** `"2024-25"` (DHSC method, the default) or `"2023-24"` (transformation principles). */
  method?: "2023-24" | "2024-25";
  /** ONS populations by area for the admissions rates (2B/2C). */
  populations?: { [area: string]: { "18-64"?: number; "65+"?: number } };
  /**
   * Hospital inpatient spells (SUS) for the 2024-25 2D measures: CSV text or row objects with
   * `la_code`, `nhs_number`, `admission_date`, `discharge_date` and optionally `date_of_birth`,
   * `discharge_method`. Without them no 2D rows are derived.
   */
  hospital?: string | ReadonlyArray<{ [column: string]: string | number | null | undefined }>;
  /**
   * `"all"` (every row; the default) or `"latest"`: per authority only its latest submission
   * whose reporting period, derived from the data (see `recordsCoverage`), covers `period`;
   * other rows are excluded in the ledger (`superseded_submission`, `no_covering_submission`).
   */
  submissions?: "all" | "latest";
  /** For `submissions: "latest"`: the import date (ISO); events ending in or after its month do not count. */
  importDate?: string;
}

/** One derived measure for one area, period and breakdown (integer counts). */
export interface MeasureCount {
  measure: string;
  framework: string;
  code: string;
  method: "2023-24" | "2024-25";
  area: string;
  period: string;
  breakdown: { [key: string]: string };
  numerator: number;
  /** `null` for counts and for rates without a supplied population. */
  denominator: number | null;
  /** 100, 100000 or 1. */
  per: number;
  /** Units left out of the denominator, by reason. */
  exclusions: { [reason: string]: number };
  provisional: boolean;
}

/** What happened to every input row: `read = used + Σ excluded + rejected.length`. */
export interface Ledger {
  read: number;
  used: number;
  excluded: { [rule: string]: number };
  rejected: Array<{ row: number; reason: string }>;
}

/** The result of `deriveRecords`. */
export interface Derivation {
  method: "2023-24" | "2024-25";
  period: string;
  measures: MeasureCount[];
  ledger: Ledger;
  /** What happened to every hospital spell row (present when `hospital` was given). */
  hospital_ledger?: Ledger;
}

/** Options of `syntheticRecords` (each defaults to the core's value). */
export interface SyntheticRecordsOptions {
  seed?: number;
  events?: number;
  areas?: number;
  start?: string;
  end?: string;
}

/**
 * Derives ASCOF (2A, 2B/2C, 2E, 3D), reablement and Better Conversations measures from Client
 * Level Data: CSV text, or an array of row objects keyed by CLD column names.
 */
export function deriveRecords(events: string | ReadonlyArray<{ [column: string]: string | number | null | undefined }>, options: RecordsOptions): Derivation;

/** Options of `recordsCoverage`. */
export interface CoverageOptions {
  /** Import date (ISO): events ending in or after its month are not counted. */
  importDate?: string;
  /** The reporting period being measured: each submission's `selected` says whether it is its authority's latest submission covering it. */
  period?: string;
}

/** The events of one submission ending in one calendar month. */
export interface MonthCoverage {
  /** First day of the month (ISO). */
  month: string;
  events: number;
  event_types: number;
  /** Why the month is left out of the period; `null` when kept. */
  dropped: "few_events" | "few_event_types" | null;
}

/** One submission (an authority's rows sharing a stated reporting period end) and the months its data covers. */
export interface SubmissionCoverage {
  la: string;
  stated_end: string | null;
  /** Every event of the submission, open ones included. */
  events: number;
  /** Events ending before the import month (the 2% rule's total). */
  counted: number;
  event_types: number;
  /** Event types a month needs: one fewer than the submission holds, at least 1. */
  types_needed: number;
  months: MonthCoverage[];
  basis: "derived" | "stated" | "no_complete_month";
  /** The derived period; `null` unless `basis` is `"derived"`. */
  period: { start: string; end: string } | null;
  selected: boolean;
}

/**
 * Which months each submission in an extract covers: the reporting period DHSC derives from
 * the data (months with at least 2% of the events ending there and all but one of the event
 * types the submission holds; fewer than 100 events keep the stated period).
 */
export function recordsCoverage(events: string | ReadonlyArray<{ [column: string]: string | number | null | undefined }>, options?: CoverageOptions): SubmissionCoverage[];

/** Deterministic synthetic CLD rows (CSV text with a header). */
export function syntheticRecords(options?: SyntheticRecordsOptions): string;

/**
 * Deterministic synthetic hospital spells (CSV text) for a synthetic CLD extract (CSV text):
 * some discharges link to its reablement, some do not.
 */
export function syntheticHospital(eventsCsv: string, seed: number): string;

/**
 * The `evaluate` input row of each derived measure (null where the catalogue holds no
 * definition for it, or a rate's population was not supplied): the core's link from derived
 * counts to catalogue ids and breakdown suffixes.
 */
export function evaluationRows(derivation: Derivation): Array<InputRow | null>;
"#;
