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
| "invalid_option" | "invalid_definition" | "invalid_rounding" | "invalid_rate"
| "invalid_adjustment" | "zero_cost" | "unknown_price_year" | "invalid_distribution";

/** Why a value or its limits are null. */
export type ReasonCode =
| "missing_input" | "zero_denominator" | "small_count" | "zero_population"
| "missing_population" | "zero_expected" | "insufficient_values" | "too_few_areas"
| "life_table_invalid" | "wide_interval" | "not_paid_back" | "no_break_even";

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



/**
 * A benefit reduced for optimism bias: base × (1 − rate × (1 − mitigation)).
 */
export function adjustBenefit(base: number, rate: number, options?: { mitigation?: number }): number;

/**
 * A cost uplifted for optimism bias: base × (1 + rate × (1 − mitigation)).
 */
export function adjustCost(base: number, rate: number, options?: { mitigation?: number }): number;

/**
 * Σ D_t over `years` years from the timing's first year.
 */
export function annuityFactor(years: number, options?: DiscountOptions): number;

/**
 * The value of `parameter` in [low, high] at which `metric` equals `target`.
 */
export function breakEven(model: EconomicModel, parameter: string, options: BreakEvenOptions): BreakEven;

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
 * Evaluates an economic model document (`kind`: cost_benefit, sroi, cohort, reablement).
 */
export function evaluateModel(model: EconomicModel): EconomicResult;

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
 * Real flows made nominal: V_t (1 + inflation)^t.
 */
export function inflate(flows: Column, inflation: number, options?: { timing?: Timing }): number[];

/**
 * Life expectancy at the start of every band of an abridged life table (Chiang II with
 * Silcocks' variance).
 */
export function lifeExpectancy(startAges: Column, populations: Column, deaths: Column, options?: LifeExpectancyOptions): LifeTable;

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
 * A unit-cost table from JSON text, or the built-in sample.
 */
export function unitCosts(table?: string): UnitCostTable;

/**
 * A unit cost moved to `to` prices.
 */
export function uprate(cost: UnitCost, to: number, options?: { series?: DeflatorSeries }): UnitCost;
