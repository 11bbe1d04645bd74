//! The JSON interchange the Python and JS faces call: one function name and one JSON object of
//! arguments in, one JSON value out. Every default is filled here (from the core's `Default`s
//! and serde defaults), so the faces only convert values and errors.
//!
//! | function | arguments (absent = core default) | result |
//! |---|---|---|
//! | `evaluate` | `model` (an [`Appraisal`] document) | the model's result, with `kind` |
//! | `schedule` | `schedule` (name or object) | the full schedule |
//! | `discount_factors` | `years`, `schedule` | `[D_t]` |
//! | `present_value` | `flows`, `schedule`, `timing` | number |
//! | `payback` | `costs`, `benefits`, `schedule`, `timing` | [`Payback`](super::Payback) |
//! | `adjust_cost` / `adjust_benefit` | `base`, `optimism_bias` (`{rate, mitigation}`) | number |
//! | `rebase` | `value`, `from_year`, `to_year`, `series` | [`Rebased`](super::Rebased) |
//! | `deflator` | — | the built-in series |
//! | `nominal_rate` | `real`, `inflation` | number |
//! | `inflate` | `flows`, `inflation`, `timing` | `[number]` |
//! | `annuity_factor` | `years`, `schedule`, `timing` | number |
//! | `equivalent_annual_cost` | `pv_cost`, `years`, `schedule` | number |
//! | `drop_off_profile` | `first_year`, `drop_off`, `years` | `[number]` |
//! | `one_way` | `model`, `metric`, `ranges` | [`Tornado`](super::Tornado) |
//! | `break_even` | `model`, `parameter`, `metric`, `target`, `low`, `high` | [`BreakEven`](super::BreakEven) |
//! | `monte_carlo` | `model`, `metric`, `uncertain`, `options` | [`MonteCarloResult`](super::MonteCarloResult) |
//! | `unit_costs` | `table` (JSON text; absent = the sample) | the table |
//! | `uprate` | `cost`, `to_year`, `series` | the uprated cost |
//! | `optimism_bias_grade` | `grade` | `{rate, mitigation}` |

use super::{
    Appraisal, DeflatorSeries, DiscountSchedule, Metric, MonteCarloOptions, OptimismBias,
    ParameterRange, Timing, Uncertain, UnitCost, UnitCostTable,
};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Every function name [`call`] knows.
pub const FUNCTIONS: &str = "evaluate, schedule, discount_factors, present_value, payback, adjust_cost, adjust_benefit, rebase, deflator, nominal_rate, inflate, annuity_factor, equivalent_annual_cost, drop_off_profile, one_way, break_even, monte_carlo, unit_costs, uprate, optimism_bias_grade";

/// Calls an economics function by name with JSON arguments; returns JSON text.
///
/// # Errors
///
/// `invalid_option` for an unknown function; `invalid_definition` for arguments that do not
/// parse; the function's own errors.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::interchange::call;
/// let pv = call("present_value", r#"{"flows": [0, 0, 0, 0, 0, 700000], "schedule": "gb2022_health"}"#)?;
/// assert!((pv.parse::<f64>().unwrap() - 649_782.2278).abs() < 1e-3);
/// assert_eq!(call("npv", "{}").unwrap_err().code(), "invalid_option");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn call(function: &str, args: &str) -> Result<String> {
    let args: Value = serde_json::from_str(args).map_err(|e| Error::InvalidDefinition {
        message: format!("arguments of {function}: {e}"),
    })?;
    let out = dispatch(function, &args)?;
    serde_json::to_string(&out).map_err(|e| Error::InvalidDefinition {
        message: format!("result of {function}: {e}"),
    })
}

fn parse<T: DeserializeOwned>(function: &str, args: &Value) -> Result<T> {
    T::deserialize(args).map_err(|e| Error::InvalidDefinition {
        message: format!("arguments of {function}: {e}"),
    })
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A schedule given by name or as an object; absent = the default schedule.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum ScheduleArg {
    #[default]
    Default,
    Name(String),
    Schedule(DiscountSchedule),
}

impl ScheduleArg {
    fn resolve(self) -> Result<DiscountSchedule> {
        let s = match self {
            ScheduleArg::Default => DiscountSchedule::builtin(super::DEFAULT_SCHEDULE)?,
            ScheduleArg::Name(n) => DiscountSchedule::builtin(&n)?,
            ScheduleArg::Schedule(s) => s,
        };
        s.validate()?;
        Ok(s)
    }
}

#[derive(Deserialize)]
struct ModelArgs {
    model: Value,
}

fn model(function: &str, v: &Value) -> Result<Appraisal> {
    Appraisal::from_json(&v.to_string()).map_err(|e| match e {
        Error::InvalidDefinition { message } => Error::InvalidDefinition {
            message: format!("{function}: {message}"),
        },
        other => other,
    })
}

fn metric(name: &str) -> Result<Metric> {
    name.parse()
}

fn series(v: Option<Value>) -> Result<DeflatorSeries> {
    match v {
        None | Some(Value::Null) => Ok(DeflatorSeries::hmt_december_2025()),
        Some(v) => DeflatorSeries::from_json(&v.to_string()),
    }
}

#[allow(clippy::too_many_lines, clippy::struct_field_names)]
fn dispatch(function: &str, args: &Value) -> Result<Value> {
    #[derive(Deserialize)]
    struct Flows {
        flows: Vec<f64>,
        #[serde(default)]
        schedule: ScheduleArg,
        #[serde(default)]
        timing: Timing,
    }
    #[derive(Deserialize)]
    struct Years {
        years: Vec<u32>,
        #[serde(default)]
        schedule: ScheduleArg,
    }
    #[derive(Deserialize)]
    struct ScheduleOnly {
        #[serde(default)]
        schedule: ScheduleArg,
    }
    #[derive(Deserialize)]
    struct PaybackArgs {
        costs: Vec<f64>,
        benefits: Vec<f64>,
        #[serde(default)]
        schedule: ScheduleArg,
        #[serde(default)]
        timing: Timing,
    }
    #[derive(Deserialize)]
    struct Adjust {
        base: f64,
        optimism_bias: OptimismBias,
    }
    #[derive(Deserialize)]
    struct Rebase {
        value: f64,
        from_year: i32,
        to_year: i32,
        #[serde(default)]
        series: Option<Value>,
    }
    #[derive(Deserialize)]
    struct Nominal {
        real: f64,
        inflation: f64,
    }
    #[derive(Deserialize)]
    struct Inflate {
        flows: Vec<f64>,
        inflation: f64,
        #[serde(default)]
        timing: Timing,
    }
    #[derive(Deserialize)]
    struct Annuity {
        years: u32,
        #[serde(default)]
        schedule: ScheduleArg,
        #[serde(default)]
        timing: Timing,
    }
    #[derive(Deserialize)]
    struct Eanc {
        pv_cost: f64,
        years: u32,
        #[serde(default)]
        schedule: ScheduleArg,
    }
    #[derive(Deserialize)]
    struct DropOff {
        first_year: f64,
        drop_off: f64,
        years: u32,
    }
    #[derive(Deserialize)]
    struct OneWay {
        model: Value,
        metric: String,
        ranges: Vec<ParameterRange>,
    }
    #[derive(Deserialize)]
    struct BreakEvenArgs {
        model: Value,
        parameter: String,
        metric: String,
        target: f64,
        low: f64,
        high: f64,
    }
    #[derive(Deserialize)]
    struct MonteCarloArgs {
        model: Value,
        metric: String,
        uncertain: Vec<Uncertain>,
        #[serde(default)]
        options: MonteCarloOptions,
    }
    #[derive(Deserialize)]
    struct Table {
        #[serde(default)]
        table: Option<String>,
    }
    #[derive(Deserialize)]
    struct Uprate {
        cost: UnitCost,
        to_year: i32,
        #[serde(default)]
        series: Option<Value>,
    }
    #[derive(Deserialize)]
    struct GradeArgs {
        grade: u8,
    }

    let f = function;
    Ok(match function {
        "evaluate" => {
            let a: ModelArgs = parse(f, args)?;
            model(f, &a.model)?.evaluate()?
        }
        "schedule" => {
            let a: ScheduleOnly = parse(f, args)?;
            to_value(&a.schedule.resolve()?)
        }
        "discount_factors" => {
            let a: Years = parse(f, args)?;
            let s = a.schedule.resolve()?;
            for t in &a.years {
                super::discounting::check_years(*t)?;
            }
            json!(a.years.iter().map(|t| s.factor(*t)).collect::<Vec<f64>>())
        }
        "present_value" => {
            let a: Flows = parse(f, args)?;
            json!(super::present_value(
                &a.flows,
                &a.schedule.resolve()?,
                a.timing
            )?)
        }
        "payback" => {
            let a: PaybackArgs = parse(f, args)?;
            super::discounting::check_flow("costs", &a.costs)?;
            super::discounting::check_flow("benefits", &a.benefits)?;
            if a.costs.is_empty() && a.benefits.is_empty() {
                return Err(Error::EmptyInput { what: "flows" });
            }
            to_value(&super::payback(
                &a.costs,
                &a.benefits,
                &a.schedule.resolve()?,
                a.timing,
            ))
        }
        "adjust_cost" => {
            let a: Adjust = parse(f, args)?;
            json!(a.optimism_bias.uplift_cost(a.base)?)
        }
        "adjust_benefit" => {
            let a: Adjust = parse(f, args)?;
            json!(a.optimism_bias.reduce_benefit(a.base)?)
        }
        "rebase" => {
            let a: Rebase = parse(f, args)?;
            to_value(&series(a.series)?.rebase(a.value, a.from_year, a.to_year)?)
        }
        "deflator" => to_value(&DeflatorSeries::hmt_december_2025()),
        "nominal_rate" => {
            let a: Nominal = parse(f, args)?;
            super::check_rate("discount_rate", a.real)?;
            super::check_rate("inflation", a.inflation)?;
            json!(super::nominal_rate(a.real, a.inflation))
        }
        "inflate" => {
            let a: Inflate = parse(f, args)?;
            json!(super::inflate(&a.flows, a.inflation, a.timing)?)
        }
        "annuity_factor" => {
            let a: Annuity = parse(f, args)?;
            json!(super::annuity_factor(
                &a.schedule.resolve()?,
                a.years,
                a.timing
            )?)
        }
        "equivalent_annual_cost" => {
            let a: Eanc = parse(f, args)?;
            json!(super::equivalent_annual_cost(
                a.pv_cost,
                &a.schedule.resolve()?,
                a.years
            )?)
        }
        "drop_off_profile" => {
            let a: DropOff = parse(f, args)?;
            super::discounting::check_flow("first_year", &[a.first_year])?;
            json!(super::drop_off_profile(a.first_year, a.drop_off, a.years)?)
        }
        "one_way" => {
            let a: OneWay = parse(f, args)?;
            to_value(&super::one_way(
                &model(f, &a.model)?,
                metric(&a.metric)?,
                &a.ranges,
            )?)
        }
        "break_even" => {
            let a: BreakEvenArgs = parse(f, args)?;
            to_value(&super::break_even(
                &model(f, &a.model)?,
                &a.parameter,
                metric(&a.metric)?,
                a.target,
                a.low,
                a.high,
            )?)
        }
        "monte_carlo" => {
            let a: MonteCarloArgs = parse(f, args)?;
            to_value(&super::monte_carlo(
                &model(f, &a.model)?,
                metric(&a.metric)?,
                &a.uncertain,
                &a.options,
            )?)
        }
        "unit_costs" => {
            let a: Table = parse(f, args)?;
            to_value(&match a.table {
                Some(t) => UnitCostTable::from_json(&t)?,
                None => UnitCostTable::sample(),
            })
        }
        "uprate" => {
            let a: Uprate = parse(f, args)?;
            to_value(&a.cost.uprate(&series(a.series)?, a.to_year)?)
        }
        "optimism_bias_grade" => {
            let a: GradeArgs = parse(f, args)?;
            to_value(&OptimismBias::gmca_grade(a.grade)?)
        }
        _ => {
            return Err(Error::InvalidOption {
                option: "function",
                value: function.to_owned(),
                expected: FUNCTIONS,
            });
        }
    })
}
