//! The economics functions for JavaScript. Each packs its arguments into one JSON object, calls
//! the core's interchange (`care_outcomes::economics::interchange::call`) and parses the JSON
//! result back into plain JS objects. Every default and rule is the core's; models are the
//! core's JSON documents (snake_case keys), the same in every face.

use crate::convert::{JsResult, OrThrow, js_error};
use care_outcomes::Error as CoreError;
use care_outcomes::economics::interchange;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// A JS value as JSON (typed arrays as arrays); `undefined`/`null` as `None`.
fn json_of(v: &JsValue, what: &'static str) -> JsResult<Option<Value>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let v = if js_sys::ArrayBuffer::is_view(v) {
        js_sys::Array::from(v).into()
    } else {
        v.clone()
    };
    let text = js_sys::JSON::stringify(&v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error(&CoreError::InvalidOption {
                option: what,
                value: "a value JSON cannot hold".to_owned(),
                expected: "numbers, strings, arrays and plain objects",
            })
        })?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        js_error(&CoreError::InvalidDefinition {
            message: format!("{what}: {e}"),
        })
    })
}

/// Arguments being assembled for one call.
struct Args(Map<String, Value>);

impl Args {
    fn new() -> Self {
        Args(Map::new())
    }

    /// Adds a positional argument (absent when `undefined`).
    fn arg(mut self, name: &'static str, v: &JsValue) -> JsResult<Self> {
        if let Some(j) = json_of(v, name)? {
            self.0.insert(name.to_owned(), j);
        }
        Ok(self)
    }

    /// Adds the keys of an options object, each of which must be one of `allowed`.
    fn options(
        mut self,
        options: &JsValue,
        allowed: &[&str],
        expected: &'static str,
    ) -> JsResult<Self> {
        match json_of(options, "options")? {
            None => {}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    if !allowed.contains(&k.as_str()) {
                        return Err(js_error(&CoreError::InvalidOption {
                            option: "options",
                            value: k,
                            expected,
                        }));
                    }
                    if !v.is_null() {
                        self.0.insert(k, v);
                    }
                }
            }
            Some(_) => {
                return Err(js_error(&CoreError::InvalidOption {
                    option: "options",
                    value: "not an object".to_owned(),
                    expected,
                }));
            }
        }
        Ok(self)
    }

    /// Moves keys into a nested object (e.g. Monte Carlo options).
    fn nest(mut self, into: &str, keys: &[&str]) -> Self {
        let mut inner = Map::new();
        for k in keys {
            if let Some(v) = self.0.remove(*k) {
                inner.insert((*k).to_owned(), v);
            }
        }
        self.0.insert(into.to_owned(), Value::Object(inner));
        self
    }

    fn call(self, function: &str) -> JsResult<JsValue> {
        let text = interchange::call(function, &Value::Object(self.0).to_string()).js()?;
        js_sys::JSON::parse(&text)
    }
}

const SCHEDULE_TIMING: &[&str] = &["schedule", "timing"];

/// Evaluates an economic model document (`kind`: cost_benefit, sroi, cohort, reablement).
#[wasm_bindgen(js_name = evaluateModel, unchecked_return_type = "EconomicResult")]
pub fn evaluate_model(
    #[wasm_bindgen(unchecked_param_type = "EconomicModel")] model: &JsValue,
) -> JsResult<JsValue> {
    Args::new().arg("model", model)?.call("evaluate")
}

/// A discount schedule by name (default: the core's default schedule).
#[wasm_bindgen(js_name = discountSchedule, unchecked_return_type = "DiscountSchedule")]
pub fn discount_schedule(
    #[wasm_bindgen(unchecked_optional_param_type = "Schedule")] schedule: &JsValue,
) -> JsResult<JsValue> {
    Args::new().arg("schedule", schedule)?.call("schedule")
}

/// Discount factors D_t for the given years.
#[wasm_bindgen(js_name = discountFactors, unchecked_return_type = "number[]")]
pub fn discount_factors(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<number>")] years: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ schedule?: Schedule }")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("years", years)?
        .options(options, &["schedule"], "schedule")?
        .call("discount_factors")
}

/// Present value of flows listed by year.
#[wasm_bindgen(js_name = presentValue, unchecked_return_type = "number")]
pub fn present_value(
    #[wasm_bindgen(unchecked_param_type = "Column")] flows: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiscountOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("flows", flows)?
        .options(options, SCHEDULE_TIMING, "schedule, timing")?
        .call("present_value")
}

/// Simple and discounted payback of costs by benefits.
#[wasm_bindgen(js_name = payback, unchecked_return_type = "Payback")]
pub fn payback(
    #[wasm_bindgen(unchecked_param_type = "Column")] costs: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] benefits: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiscountOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("costs", costs)?
        .arg("benefits", benefits)?
        .options(options, SCHEDULE_TIMING, "schedule, timing")?
        .call("payback")
}

fn adjust(function: &str, base: &JsValue, rate: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    Args::new()
        .arg("base", base)?
        .arg("rate", rate)?
        .options(options, &["mitigation"], "mitigation")?
        .nest("optimism_bias", &["rate", "mitigation"])
        .call(function)
}

/// A cost uplifted for optimism bias: base × (1 + rate × (1 − mitigation)).
#[wasm_bindgen(js_name = adjustCost, unchecked_return_type = "number")]
pub fn adjust_cost(
    #[wasm_bindgen(unchecked_param_type = "number")] base: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rate: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ mitigation?: number }")] options: &JsValue,
) -> JsResult<JsValue> {
    adjust("adjust_cost", base, rate, options)
}

/// A benefit reduced for optimism bias: base × (1 − rate × (1 − mitigation)).
#[wasm_bindgen(js_name = adjustBenefit, unchecked_return_type = "number")]
pub fn adjust_benefit(
    #[wasm_bindgen(unchecked_param_type = "number")] base: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rate: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ mitigation?: number }")] options: &JsValue,
) -> JsResult<JsValue> {
    adjust("adjust_benefit", base, rate, options)
}

/// The GMCA-style optimism-bias correction for a confidence grade 1–6 (UNVERIFIED table).
#[wasm_bindgen(js_name = optimismBiasGrade, unchecked_return_type = "{ rate: number; mitigation: number }")]
pub fn optimism_bias_grade(
    #[wasm_bindgen(unchecked_param_type = "number")] grade: &JsValue,
) -> JsResult<JsValue> {
    Args::new().arg("grade", grade)?.call("optimism_bias_grade")
}

/// (1 + real)(1 + inflation) − 1.
#[wasm_bindgen(js_name = nominalRate, unchecked_return_type = "number")]
pub fn nominal_rate(
    #[wasm_bindgen(unchecked_param_type = "number")] real: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] inflation: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("real", real)?
        .arg("inflation", inflation)?
        .call("nominal_rate")
}

/// Real flows made nominal: V_t (1 + inflation)^t.
#[wasm_bindgen(js_name = inflate, unchecked_return_type = "number[]")]
pub fn inflate(
    #[wasm_bindgen(unchecked_param_type = "Column")] flows: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] inflation: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ timing?: Timing }")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("flows", flows)?
        .arg("inflation", inflation)?
        .options(options, &["timing"], "timing")?
        .call("inflate")
}

/// Σ D_t over `years` years from the timing's first year.
#[wasm_bindgen(js_name = annuityFactor, unchecked_return_type = "number")]
pub fn annuity_factor(
    #[wasm_bindgen(unchecked_param_type = "number")] years: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiscountOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("years", years)?
        .options(options, SCHEDULE_TIMING, "schedule, timing")?
        .call("annuity_factor")
}

/// The equivalent annual cost: cost (a present value) / Σ_{t=1..years} D_t.
#[wasm_bindgen(js_name = equivalentAnnualCost, unchecked_return_type = "number")]
pub fn equivalent_annual_cost(
    #[wasm_bindgen(unchecked_param_type = "number")] cost: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] years: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ schedule?: Schedule }")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("pv_cost", cost)?
        .arg("years", years)?
        .options(options, &["schedule"], "schedule")?
        .call("equivalent_annual_cost")
}

/// V_t = first × (1 − drop)^(t−1), t = 1..years.
#[wasm_bindgen(js_name = dropOffProfile, unchecked_return_type = "number[]")]
pub fn drop_off_profile(
    #[wasm_bindgen(unchecked_param_type = "number")] first: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] drop: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] years: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("first_year", first)?
        .arg("drop_off", drop)?
        .arg("years", years)?
        .call("drop_off_profile")
}

/// A value moved between price years with a GDP deflator series (default: the built-in one).
#[wasm_bindgen(js_name = rebase, unchecked_return_type = "Rebased")]
pub fn rebase(
    #[wasm_bindgen(unchecked_param_type = "number")] value: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] from: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] to: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ series?: DeflatorSeries }")]
    options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("value", value)?
        .arg("from_year", from)?
        .arg("to_year", to)?
        .options(options, &["series"], "series")?
        .call("rebase")
}

/// The built-in GDP deflator series.
#[wasm_bindgen(js_name = gdpDeflator, unchecked_return_type = "DeflatorSeries")]
pub fn gdp_deflator() -> JsResult<JsValue> {
    Args::new().call("deflator")
}

/// A unit-cost table from JSON text, or the built-in sample.
#[wasm_bindgen(js_name = unitCosts, unchecked_return_type = "UnitCostTable")]
pub fn unit_costs(
    #[wasm_bindgen(unchecked_optional_param_type = "string")] table: &JsValue,
) -> JsResult<JsValue> {
    Args::new().arg("table", table)?.call("unit_costs")
}

/// A unit cost moved to `to` prices.
#[wasm_bindgen(js_name = uprate, unchecked_return_type = "UnitCost")]
pub fn uprate(
    #[wasm_bindgen(unchecked_param_type = "UnitCost")] cost: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] to: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ series?: DeflatorSeries }")]
    options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("cost", cost)?
        .arg("to_year", to)?
        .options(options, &["series"], "series")?
        .call("uprate")
}

/// One-way sensitivity (tornado data), bars by decreasing swing.
#[wasm_bindgen(js_name = oneWay, unchecked_return_type = "Tornado")]
pub fn one_way(
    #[wasm_bindgen(unchecked_param_type = "EconomicModel")] model: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Metric")] metric: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<ParameterRange>")] ranges: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("model", model)?
        .arg("metric", metric)?
        .arg("ranges", ranges)?
        .call("one_way")
}

/// The value of `parameter` in [low, high] at which `metric` equals `target`.
#[wasm_bindgen(js_name = breakEven, unchecked_return_type = "BreakEven")]
pub fn break_even(
    #[wasm_bindgen(unchecked_param_type = "EconomicModel")] model: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] parameter: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "BreakEvenOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("model", model)?
        .arg("parameter", parameter)?
        .options(
            options,
            &["metric", "target", "low", "high"],
            "metric, target, low, high",
        )?
        .call("break_even")
}

/// Seeded Monte Carlo over uncertain parameters (seed at most 2^53 − 1).
#[wasm_bindgen(js_name = monteCarlo, unchecked_return_type = "MonteCarloResult")]
pub fn monte_carlo(
    #[wasm_bindgen(unchecked_param_type = "EconomicModel")] model: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Metric")] metric: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Uncertain>")] uncertain: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MonteCarloOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    Args::new()
        .arg("model", model)?
        .arg("metric", metric)?
        .arg("uncertain", uncertain)?
        .options(
            options,
            &["draws", "seed", "probabilities", "threshold"],
            "draws, seed, probabilities, threshold",
        )?
        .nest("options", &["draws", "seed", "probabilities", "threshold"])
        .call("monte_carlo")
}

#[wasm_bindgen(typescript_custom_section)]
const ECONOMICS_TYPES: &'static str = r#"
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
"#;
