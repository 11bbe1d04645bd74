/* tslint:disable */
/* eslint-disable */

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



/** A discount schedule: a built-in name ("gb2022_standard", "gb2022_health", "gb2026_standard",
 * "gb2026_health", "undiscounted", "flat_0.035") or a schedule object. */
export type Schedule = string | DiscountSchedule;

/** Year 0 undiscounted (Green Book) or year 1 discounted (Excel NPV(), the SROI guide). */
export type Timing = "year_zero" | "year_one";

/** A discount schedule: bands of rates by first year. */
export interface DiscountSchedule {
    name: string;
    edition?: string;
    source?: string;
    confidence?: string;
    bands: Array<{ from_year: number; rate: number }>;
}

/** Schedule and timing options (absent: the core's defaults). */
export interface DiscountOptions {
    schedule?: Schedule;
    timing?: Timing;
}

/** An economic model: the core's JSON document (snake_case keys) with its kind. */
export type EconomicModel =
| ({ kind: "cost_benefit" } & Record<string, unknown>)
| ({ kind: "sroi" } & Record<string, unknown>)
| ({ kind: "cohort" } & Record<string, unknown>)
| ({ kind: "reablement" } & Record<string, unknown>);

/** One payback period: interpolated years, whole years, or null with a reason. */
export interface PaybackPeriod {
    years: number | null;
    whole_years: number | null;
    reason: ReasonCode | null;
}

/** Simple and discounted payback. */
export interface Payback {
    simple: PaybackPeriod;
    discounted: PaybackPeriod;
}

/** The named outputs of a cost-benefit model. */
export interface CostBenefitResult {
    pv_costs: number;
    pv_benefits: number;
    pv_fiscal: number;
    pv_fiscal_cashable: number;
    pv_fiscal_non_cashable: number;
    pv_economic: number;
    pv_social: number;
    pv_benefits_by_agency: Record<string, number>;
    pv_costs_by_agency: Record<string, number>;
    net_present_value: number;
    benefit_cost_ratio: number;
    net_roi: number;
    financial_roi: number;
    cashable_roi: number;
    public_value_roi: number;
    net_present_budget_impact: number;
    cashable_net_present_budget_impact: number;
    costs_by_year: number[];
    benefits_by_year: number[];
    discount_factors: number[];
    payback: Payback;
    fiscal_payback: Payback;
    conventions: Record<string, unknown>;
}

/** The result of `evaluateModel`: the model kind's result with `kind`. */
export type EconomicResult =
| ({ kind: "cost_benefit" } & CostBenefitResult)
| ({ kind: "cohort"; outcomes: number; cost_benefit: CostBenefitResult })
| ({ kind: "reablement"; people_independent: number; people_reduced: number;
weekly_hours_avoided: number; avoided_by_year: number[]; net_saving: number;
cost_benefit: CostBenefitResult })
| ({ kind: "sroi"; impact_by_year: number[]; pv_impact: number; inputs: number;
net_present_value: number; sroi_ratio: number; net_sroi_ratio: number;
payback_months: number | null; payback_months_reason: ReasonCode | null;
payback: Payback; schedule: string; timing: Timing; drop_off_start: "year2" | "year1" });

/** A headline metric followed by sensitivity analysis. */
export type Metric =
| "benefit_cost_ratio" | "net_roi" | "net_present_value" | "financial_roi"
| "public_value_roi" | "net_present_budget_impact" | "sroi_ratio" | "net_sroi_ratio";

/** A parameter and the values to try. */
export interface ParameterRange {
    parameter: string;
    low: number;
    high: number;
}

/** One-way sensitivity results. */
export interface Tornado {
    metric: Metric;
    base_output: number;
    bars: Array<{ parameter: string; base: number; low: number; high: number;
    output_low: number; output_high: number; swing: number }>;
}

/** Options of `breakEven` (all required). */
export interface BreakEvenOptions {
    metric: Metric;
    target: number;
    low: number;
    high: number;
}

/** A break-even value, or null with reason "no_break_even". */
export interface BreakEven {
    parameter: string;
    metric: Metric;
    target: number;
    base: number;
    value: number | null;
    reason: ReasonCode | null;
}

/** A distribution for an uncertain parameter. */
export type Distribution =
| { type: "fixed"; value: number }
| { type: "uniform"; low: number; high: number }
| { type: "triangular"; low: number; mode: number; high: number }
| { type: "pert"; low: number; mode: number; high: number }
| { type: "normal"; mean: number; sd: number }
| { type: "beta"; alpha: number; beta: number };

/** An uncertain parameter. */
export interface Uncertain {
    parameter: string;
    distribution: Distribution;
}

/** Monte Carlo options (absent: the core's defaults). */
export interface MonteCarloOptions {
    draws?: number;
    seed?: number;
    probabilities?: number[];
    threshold?: number;
}

/** Monte Carlo results. */
export interface MonteCarloResult {
    metric: Metric;
    draws: number;
    seed: number;
    generator: string;
    base_output: number;
    mean: number;
    min: number;
    max: number;
    percentiles: Array<{ probability: number; value: number }>;
    threshold: number;
    share_at_or_above_threshold: number;
}

/** A price index by year with its vintage. */
export interface DeflatorSeries {
    name: string;
    vintage: string;
    base_year: number;
    source?: string;
    index: Record<string, number>;
}

/** A value moved between price years. */
export interface Rebased {
    value: number;
    from_year: number;
    to_year: number;
    series: string;
    vintage: string;
}

/** One unit cost with its provenance. */
export interface UnitCost {
    code: string;
    description?: string;
    value: number;
    unit: string;
    price_year: number;
    source: string;
    edition?: string;
    table?: string;
    note?: string;
    uprated_with?: string | null;
}

/** A unit-cost table. */
export interface UnitCostTable {
    name: string;
    version: string;
    about?: string;
    costs: UnitCost[];
}



/** An ASCS respondent: codes as numbers (1 = first option), null / undefined when missing. */
export interface SurveyResponse {
    council?: string | number | null;
    stratum?: number | null;
    sex?: string | number | null;
    ageBand?: "18-64" | "65+" | null;
    canAnswerQ2c?: boolean | null;
    q1?: number | null; q3a?: number | null; q4a?: number | null; q5a?: number | null;
    q6a?: number | null; q7a?: number | null; q7b?: number | null; q8a?: number | null;
    q9a?: number | null; q11?: number | null; q12?: number | null; q13?: number | null;
    q15a?: number | null; q15b?: number | null; q15c?: number | null; q15d?: number | null;
    q16a?: number | null; q16b?: number | null; q16c?: number | null; q17?: number | null;
    q18?: number | null;
    [other: string]: unknown;
}

/** A SACE respondent: the six 1D items coded 1–3. */
export interface CarerResponse {
    council?: string | number | null;
    sex?: string | number | null;
    ageBand?: "18-64" | "65+" | null;
    occupation?: number | null; control?: number | null; selfCare?: number | null;
    safety?: number | null; socialParticipation?: number | null; support?: number | null;
    [other: string]: unknown;
}

/** A stratum population (ASCS: council, stratum 1–4) or a council's eligible population (SACE). */
export interface StratumPopulation {
    council: string | number;
    stratum?: number | null;
    population: number;
}

export type RowStatus = "used" | "excluded" | "rejected";

/** The scores of one input row. */
export interface ScoredResponse {
    row: number;
    status: RowStatus;
    scrqol: number | null;
    ascotIndex: number | null;
    adjustedScrqol: number | null;
    control: boolean | null;
    socialContact: boolean | null;
    overallSatisfaction: boolean | null;
    informationEase: boolean | null;
    feelSafe: boolean | null;
    servicesSafe: boolean | null;
    reasons: string;
}

/** The 1D score of one carer row. */
export interface ScoredCarer {
    row: number;
    status: RowStatus;
    carerQol: number | null;
    reasons: string;
}

/** One estimate of one measure for one area and sub-group. */
export interface SurveyEstimate {
    level: "council" | "region" | "england";
    area: string;
    subgroup: "sex" | "age_band" | null;
    subgroupValue: string | null;
    measure: string;
    code: string;
    value: number | null;
    marginOfError: number | null;
    numerator: number;
    denominator: number;
    base: number;
    reason: ReasonCode | null;
    marginReason: ReasonCode | null;
    publishedValue: string | null;
    publishedMarginOfError: string | null;
    publishedNumerator: number | null;
    publishedDenominator: number | null;
    publishedBase: number | null;
    symbol: "[c]" | "[x]" | null;
    method: string;
}

/** The ledger entry of one input row. */
export interface LedgerRow {
    row: number;
    status: RowStatus;
    usedIn: string;
    reasons: string;
    rejectionCode: ErrorCode | null;
}

export interface ScoreOptions {
    /** "error" (default) or "reject". */
    onInvalid?: "error" | "reject";
    /** "exclude" (default) or "error". */
    onMissing?: "exclude" | "error";
    /** "reject" (default) or "pass_through" (NHS parity for q15/q16 code 4). */
    assistanceCode4?: "reject" | "pass_through";
}

export interface MeasuresOptions extends ScoreOptions {
    /** The stratum populations (ASCS) or council eligible populations (SACE). */
    strata: StratumPopulation[];
    subgroups?: ("sex" | "age_band")[];
    /** Council → region. */
    regions?: Record<string, string>;
    england?: boolean;
}

export interface SurveyMeasures {
    estimates: SurveyEstimate[];
    ledger: LedgerRow[];
    weights: string;
}



/** How `publish` reads a table and which disclosure rule it applies. Every field is optional. */
export interface PublishOptions {
    /** The field holding each row's key (needed by `sums`); default: the row position as text. */
    key?: string;
    /** Count fields; default: `numerator`, `denominator`, `base` when the rows have them. */
    numerator?: string;
    denominator?: string;
    base?: string;
    /** Fields whose value `total` marks a margin (that row = the sum over this dimension). */
    dimensions?: string[];
    /** The margin label (core default "Total"). */
    total?: string;
    /** Per dimension, parent → children (England → regions → councils). */
    hierarchies?: Record<string, Record<string, string[]>>;
    /** More constraints by key: `total` = Σ `parts`. */
    sums?: Array<{ total: string; parts: string[] }>;
    /** A boolean field marking structurally empty cells (`[z]`). */
    notApplicable?: string;
    /** Withhold a base (else denominator) of 1 to suppressBelow − 1 (the source's rule). */
    suppressBelow?: number;
    /** Round published counts to the nearest multiple of this. */
    roundCountsTo?: number;
    /** The value is numerator × multiplier ÷ denominator (core default 100). */
    multiplier?: number;
    /** The value's rounding (core default half away from zero, 1 dp). */
    rounding?: { rule: "half_away_from_zero" | "half_even"; dp: number };
    /** Switches disclosure control off, for internal use only, with the reason (recorded). */
    optOut?: string;
}

/** A publication symbol. */
export type PublicationSymbol = "[c]" | "[x]" | "[z]";

/** Why a cell is published as it is. */
export type CellReason =
| "primary" | "secondary" | "zero_denominator" | "not_applicable" | "disclosure_off";

/** The fields `publish` adds to each row. */
export interface PublishedFields {
    /** Published counts (rounded where the rule says; null when withheld or not applicable). */
    publishedNumerator?: number | null;
    publishedDenominator?: number | null;
    publishedBase?: number | null;
    /** The published value, or null (withheld, not available, or no value). */
    publishedValue: number | null;
    /** The value as printed: digits or the symbol. */
    valueText: string;
    symbol: PublicationSymbol | null;
    reason: CellReason | null;
}

/** The result of `publish`. */
export interface PublishedTable<Row> {
    /** The input rows (copied) with the published fields. */
    rows: Array<Row & PublishedFields>;
    /** The rule applied. */
    rule: { suppressBelow: number | null; roundCountsTo: number | null };
    /** "on", or "off" when opted out. */
    disclosure: "on" | "off";
    /** The opt-out's reason, or null. */
    optOutReason: string | null;
    /** The method and its version. */
    method: string;
    /** Keys of withheld cells that could still be recovered (empty unless nothing more could be withheld). */
    unprotected: string[];
    /** What was done, one line per step; an opt-out is always logged here. */
    log: string[];
}

/**
 * Publishes a table under disclosure control (on by default): primary suppression by the
 * source's rule, secondary suppression so no withheld cell can be worked out from the others,
 * rounding of counts, publication symbols. Throws a CareOutcomesError for impossible input.
 */
export function publish<Row extends object>(rows: Row[], options?: PublishOptions): PublishedTable<Row>;



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



/** Options of `spcXmr` (every one optional; absent options take the core's defaults, which are
 * Making Data Count parity, or the preset's). */
export interface XmrOptions {
    /** "mdc" (default), "nhsrplotthedots" or "abspc". */
    preset?: "mdc" | "nhsrplotthedots" | "abspc";
    improvementDirection?: "increase" | "decrease" | "neutral";
    target?: number | null;
    limitConstant?: "2.66" | "3/1.128";
    screenMovingRanges?: boolean;
    fixAfter?: number | null;
    rebaseAt?: number[];
    /** abspc's automatic rebasing ({} for its defaults: baseline 15, minPhaseLength 8). */
    autoRebase?: { baseline?: number; minPhaseLength?: number; improvementOnly?: boolean } | null;
    minPointsForLimits?: number;
    trialLimitsBelow?: number;
    minPointsForIcons?: number;
    shiftLength?: number;
    trendLength?: number;
    trendTies?: "break" | "skip";
    twoInThree?: "post_2023" | "pre_2023";
    rulePriority?: SpcRule[];
    conflict?: "improvement_wins" | "priority";
    variationIconFrom?: "last_point" | "last_signal";
    assuranceBounds?: "exclusive" | "inclusive";
    zeroVariation?: "no_assurance" | "compare";
}

/** A special-cause rule. */
export type SpcRule = "outside_limits" | "trend" | "two_in_three" | "shift";

/** One phase of an XmR chart. */
export interface XmrPhase {
    start: number;
    end: number;
    baselinePoints: number;
    limits: {
        mean: number; mrBar: number; upl: number; lpl: number;
        nearUpper: number; nearLower: number; zeroVariation: boolean;
    } | null;
    reason: ReasonCode | null;
    trialLimits: boolean;
    excludedMovingRanges: number[];
}

/** One point of an XmR chart. */
export interface XmrPoint {
    value: number;
    phase: number;
    movingRange: number | null;
    hits: { rule: SpcRule; side: "high" | "low" }[];
    pointType: "common_cause" | "special_cause_improvement" | "special_cause_concern" | "special_cause_neutral";
    rule: SpcRule | null;
    side: "high" | "low" | null;
    /** "Common Cause", "Above UCL", "7 Points Above CL", "7 Point Trend (Decreasing)", ... */
    label: string;
}

/** An XmR chart under Making Data Count rules. */
export interface Xmr {
    method: "xmr";
    version: string;
    options: Record<string, unknown>;
    phases: XmrPhase[];
    points: XmrPoint[];
    variationIcon: "common_cause" | "improvement_high" | "improvement_low" | "concern_high"
    | "concern_low" | "neutral_high" | "neutral_low" | null;
    assuranceIcon: "consistently_pass" | "hit_and_miss" | "consistently_fail" | null;
    iconReason: ReasonCode | null;
    assuranceReason: ReasonCode | null;
}

/** Options of `spcRunChart` (absent options take the core's defaults). */
export interface RunChartOptions {
    /** Default 6 (8: IHI, abspc). */
    shiftLength?: number;
    /** Default 5 (6: abspc). */
    trendLength?: number;
    onMedian?: "skip" | "break";
    trendTies?: "skip" | "break";
    /** The median from the first n points (default all). */
    baseline?: number;
}

/** A run chart. */
export interface RunChart {
    method: "run_chart";
    options: Record<string, unknown>;
    median: number;
    points: { value: number; side: "high" | "low" | null; hits: { rule: SpcRule; side: "high" | "low" }[] }[];
    usefulObservations: number;
    runs: number;
}

/** Options of `funnel` (absent options take the core's defaults). */
export interface FunnelOptions {
    /** "proportion" (default: numerators of denominators), "ratio" (observed and expected
     * counts) or "rate" (events and populations). */
    kind?: "proportion" | "ratio" | "rate";
    /** Rates only: per how many people (default 100,000). */
    multiplier?: number;
    overdispersion?: "off" | "on" | "auto";
    /** "normal" (default), "arcsine" (proportions), "sqrt" (ratios and rates). */
    scale?: "normal" | "arcsine" | "sqrt";
    winsorFraction?: number;
}

/** A funnel with the overdispersion adjustment off, on or automatic. */
export interface FunnelPlot {
    kind: "proportion" | "ratio" | "rate";
    options: Record<string, unknown>;
    target: number;
    pooled: number;
    adjusted: boolean;
    estimate: {
        z: number[]; zWinsorised: number[]; winsorLower: number; winsorUpper: number;
        phi: number; tau2: number;
    };
    units: {
        value: number; denominator: number; z: number; zAdjusted: number;
        limits95: [number, number]; limits998: [number, number];
        significance: "high001" | "high025" | "low001" | "low025" | "not_significant";
    }[];
}

/** Text and size of a chart (absent options take the core's defaults). */
export interface ChartOptions {
    title?: string;
    description?: string;
    xLabel?: string;
    yLabel?: string;
    labels?: string[];
    decimals?: number;
    width?: number;
    height?: number;
    /** Funnel plots: show proportions as percentages (default true). */
    percent?: boolean;
    /** Trend charts: the comparator line's name (default "England"). */
    comparatorName?: string;
}

/** One indicator of a spine chart. */
export interface SpineRow {
    label: string;
    value: number | null;
    england: number;
    comparatorMin: number;
    comparatorMax: number;
    comparatorQ1?: number | null;
    comparatorQ3?: number | null;
    comparison: "better" | "similar" | "worse" | "higher" | "lower" | "not_compared";
    polarity: "higher_is_better" | "lower_is_better" | "no_judgement";
}

/** One period of a trend chart. */
export interface TrendPoint {
    label: string;
    value?: number | null;
    lower?: number | null;
    upper?: number | null;
    comparator?: number | null;
}



/**
 * A benefit reduced for optimism bias: base × (1 − rate × (1 − mitigation)).
 */
export function adjustBenefit(base: number, rate: number, options?: { mitigation?: number }): number;

/**
 * A cost uplifted for optimism bias: base × (1 + rate × (1 − mitigation)).
 */
export function adjustCost(base: number, rate: number, options?: { mitigation?: number }): number;

/**
 * Sums rows into parent areas: numerators, denominators and populations are added per (parent,
 * period, indicator, breakdown); areas without a parent are left out.
 */
export function aggregate(rows: ReadonlyArray<InputRow>, parents: Readonly<Record<string, string>> | ReadonlyMap<string, string>): InputRow[];

/**
 * Σ D_t over `years` years from the timing's first year.
 */
export function annuityFactor(years: number, options?: DiscountOptions): number;

/**
 * The value of `parameter` in [low, high] at which `metric` equals `target`.
 */
export function breakEven(model: EconomicModel, parameter: string, options: BreakEvenOptions): BreakEven;

/**
 * Every built-in definition, or (with `framework` and/or `version`) those used by the matching
 * built-in frameworks: their own and those they reference, each once, in order.
 */
export function catalogue(options?: CatalogueOptions): Definition[];

/**
 * The core's defaults, as the options objects use them.
 */
export function defaults(): Defaults;

/**
 * Discount factors D_t for the given years.
 */
export function discountFactors(years: ReadonlyArray<number>, options?: { schedule?: Schedule }): number[];

/**
 * A discount schedule by name (default: the core's default schedule).
 */
export function discountSchedule(schedule?: Schedule): DiscountSchedule;

/**
 * V_t = first × (1 − drop)^(t−1), t = 1..years.
 */
export function dropOffProfile(first: number, drop: number, years: number): number[];

/**
 * The equivalent annual cost: cost (a present value) / Σ_{t=1..years} D_t.
 */
export function equivalentAnnualCost(cost: number, years: number, options?: { schedule?: Schedule }): number;

/**
 * Every error code a call can throw (`err.code`), in the core's order.
 */
export function errorCodes(): ErrorCode[];

/**
 * Evaluates rows of counts against the built-in catalogue, a built-in framework (its key,
 * "ascof/legacy"), a framework from `loadFramework` or a framework document.
 */
export function evaluate(rows: ReadonlyArray<InputRow>, options?: EvaluateOptions): ResultRow[];

/**
 * Evaluates input columns (one entry per row in each) like `evaluate`, and returns the result
 * rows as columns: numbers as typed arrays (`NaN` where a row's value is null; quartile 0 for
 * none), texts as dictionaries `{values, codes}` (row i holds `values[codes[i]]`). The code
 * columns are views of one `Uint32Array` buffer, the number columns of one `Float64Array`.
 */
export function evaluateColumns(columns: InputColumns, options?: EvaluateOptions): ResultColumns;

/**
 * Evaluates an economic model document (`kind`: cost_benefit, sroi, cohort, reablement).
 */
export function evaluateModel(model: EconomicModel): EconomicResult;

/**
 * A built-in framework by name and version.
 */
export function framework(name: string, version: string): Framework;

/**
 * Reads a framework document written in TOML (the core's `FrameworkDoc::from_toml`) and
 * returns it as the plain object of the JSON schema, for `loadFramework`.
 */
export function frameworkDocument(text: string): FrameworkDocument;

/**
 * The keys ("framework/version") of the built-in frameworks, in load order.
 */
export function frameworks(): string[];

/**
 * A funnel of proportions, ratios or rates with the overdispersion adjustment off, on or
 * automatic: φ, τ², and each unit's z, adjusted z, limits and position.
 */
export function funnel(numerators: Column, denominators: Column, options?: FunnelOptions): FunnelPlot;

/**
 * The SVG of a funnel plot (drawn by the core).
 */
export function funnelChart(numerators: Column, denominators: Column, options?: FunnelOptions, chart?: ChartOptions): string;

/**
 * A proportion funnel: baseline, 100 rows of limits (clamped) and each record's significance.
 */
export function funnelProportions(numerators: Column, denominators: Column, options?: MultiplierOptions): ProportionFunnel;

/**
 * A rate funnel from event counts and rates (per `per`), with optional populations.
 */
export function funnelRates(events: Column, rates: Column, options: RateFunnelOptions): RateFunnel;

/**
 * A ratio funnel from observed and expected counts.
 */
export function funnelRatios(observed: Column, expected: Column, options?: RatioFunnelOptions): RatioFunnel;

/**
 * The built-in GDP deflator series.
 */
export function gdpDeflator(): DeflatorSeries;

/**
 * One built-in definition by id.
 */
export function indicator(id: string): Definition;

/**
 * Real flows made nominal: V_t (1 + inflation)^t.
 */
export function inflate(flows: Column, inflation: number, options?: { timing?: Timing }): number[];

/**
 * Life expectancy at the start of every band of an abridged life table (Chiang II with
 * Silcocks' variance).
 */
export function lifeExpectancy(startAges: Column, populations: Column, deaths: Column, options?: LifeExpectancyOptions): LifeTable;

/**
 * Loads and checks a framework document against the built-in definitions.
 */
export function loadFramework(source: string | FrameworkDocument): Framework;

/**
 * The mean of `values` with a Student t interval.
 */
export function mean(values: Column, options?: MeanOptions): MeanEstimate;

/**
 * Seeded Monte Carlo over uncertain parameters (seed at most 2^53 − 1).
 */
export function monteCarlo(model: EconomicModel, metric: Metric, uncertain: ReadonlyArray<Uncertain>, options?: MonteCarloOptions): MonteCarloResult;

/**
 * (1 + real)(1 + inflation) − 1.
 */
export function nominalRate(real: number, inflation: number): number;

/**
 * One-way sensitivity (tornado data), bars by decreasing swing.
 */
export function oneWay(model: EconomicModel, metric: Metric, ranges: ReadonlyArray<ParameterRange>): Tornado;

/**
 * The GMCA-style optimism-bias correction for a confidence grade 1–6 (UNVERIFIED table).
 */
export function optimismBiasGrade(grade: number): { rate: number; mitigation: number };

/**
 * Simple and discounted payback of costs by benefits.
 */
export function payback(costs: Column, benefits: Column, options?: DiscountOptions): Payback;

/**
 * Present value of flows listed by year.
 */
export function presentValue(flows: Column, options?: DiscountOptions): number;

/**
 * Proportion funnel limits (lower, upper) × multiplier at one population.
 */
export function proportionFunnelLimits(average: number, population: number, options?: ProportionFunnelLimitsOptions): Limits;

/**
 * Ratio funnel limits at one observed count O: the expected counts at which the limits are
 * plotted and the limits O/E themselves.
 */
export function ratioFunnelLimits(observed: number, options?: LevelOptions): RatioFunnelLimits;

/**
 * The funnel significance label of one observed/expected pair ("High (0.001)", ...).
 */
export function ratioSignificance(observed: number, expected: number): SignificanceLabel;

/**
 * Every reason code a null value can carry.
 */
export function reasonCodes(): ReasonCode[];

/**
 * A value moved between price years with a GDP deflator series (default: the built-in one).
 */
export function rebase(value: number, from: number, to: number, options?: { series?: DeflatorSeries }): Rebased;

/**
 * The definition id and breakdown suffix of an open-data measure code within a framework
 * version (`("legacy", "2B185OV")` → `{indicator: "ascof-legacy/2B1", breakdown: "85OV"}`),
 * or null.
 */
export function resolveOpenDataCode(version: string, code: string): ResolvedCode | null;

/**
 * The SVG of an XmR chart (drawn by the core).
 */
export function spcChart(values: Column, options?: XmrOptions, chart?: ChartOptions): string;

/**
 * The names of the XmR option presets.
 */
export function spcPresets(): string[];

/**
 * A run chart: shifts about the median and trends (the run chart rule set).
 */
export function spcRunChart(values: Column, options?: RunChartOptions): RunChart;

/**
 * An XmR chart under Making Data Count rules: phases and limits, every rule that fired on every
 * point, each point's type and the variation and assurance icons.
 */
export function spcXmr(values: Column, options?: XmrOptions): Xmr;

/**
 * The SVG of a spine chart of indicators against England and a comparator range.
 */
export function spineChart(rows: SpineRow[], chart?: ChartOptions): string;

/**
 * SACE carer QoL by council (unweighted) with population-weighted aggregates.
 */
declare function survey__carerMeasures(carers: CarerResponse[], options: MeasuresOptions): SurveyEstimate[];

/**
 * As `carerMeasures`, with the per-row ledger.
 */
declare function survey__carerMeasuresWithLedger(carers: CarerResponse[], options: MeasuresOptions): SurveyMeasures;

/**
 * ASCS measures, stratum-weighted, with margins of error and published figures.
 */
declare function survey__measures(responses: SurveyResponse[], options: MeasuresOptions): SurveyEstimate[];

/**
 * As `measures`, with the per-row ledger and the weights used.
 */
declare function survey__measuresWithLedger(responses: SurveyResponse[], options: MeasuresOptions): SurveyMeasures;

/**
 * Validates and scores ASCS respondents: one output object per input row (1A, ASCOT index,
 * 1J, the proportion measures' answers, status and reasons).
 */
declare function survey__score(responses: SurveyResponse[], options?: ScoreOptions): ScoredResponse[];

/**
 * Validates and scores SACE respondents (carer QoL 1D, 0–12).
 */
declare function survey__scoreCarers(carers: CarerResponse[], options?: ScoreOptions): ScoredCarer[];

/**
 * The built-in ASCOT weights and 1J adjustment with id, version and provenance.
 */
declare function survey__weights(): Record<string, unknown>;

export let survey: {
    carerMeasures: typeof survey__carerMeasures,
    carerMeasuresWithLedger: typeof survey__carerMeasuresWithLedger,
    measures: typeof survey__measures,
    measuresWithLedger: typeof survey__measuresWithLedger,
    score: typeof survey__score,
    scoreCarers: typeof survey__scoreCarers,
    weights: typeof survey__weights,
};

/**
 * The SVG of a trend line with intervals and a comparator line.
 */
export function trendChart(points: TrendPoint[], chart?: ChartOptions): string;

/**
 * A unit-cost table from JSON text, or the built-in sample.
 */
export function unitCosts(table?: string): UnitCostTable;

/**
 * A unit cost moved to `to` prices.
 */
export function uprate(cost: UnitCost, to: number, options?: { series?: DeflatorSeries }): UnitCost;
