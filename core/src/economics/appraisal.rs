//! [`Appraisal`]: any of the economic models behind one serde-tagged type, with its headline
//! [`Metric`]s and named scalar parameters, so sensitivity analysis and the faces can treat every
//! model alike.

use super::cohort::CohortModel;
use super::cost_benefit::CostBenefitModel;
use super::discounting::DiscountSchedule;
use super::optimism_bias::OptimismBias;
use super::reablement::ReablementModel;
use super::sroi::SroiModel;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// One of the economic models (JSON: the model's fields plus `"kind"`).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{Appraisal, Metric};
/// let a: Appraisal = serde_json::from_str(r#"{"kind": "reablement", "people": 400,
///   "share_independent": 0.3, "deadweight": 0.35, "weekly_package_cost": 250, "weeks": 52,
///   "service_cost": 900000}"#).unwrap();
/// assert!((a.metric(Metric::BenefitCostRatio)? - 1.126666667).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Appraisal {
    /// A cost-benefit model.
    CostBenefit(CostBenefitModel),
    /// An SROI model.
    Sroi(SroiModel),
    /// A GMCA-style cohort model.
    Cohort(CohortModel),
    /// A reablement savings model.
    Reablement(ReablementModel),
}

/// A headline output that sensitivity analysis follows.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::Metric;
/// assert_eq!("net_roi".parse::<Metric>()?, Metric::NetRoi);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// PV(benefits) / PV(costs).
    BenefitCostRatio,
    /// BCR − 1.
    NetRoi,
    /// PV(benefits) − PV(costs).
    NetPresentValue,
    /// PV(fiscal) / PV(costs).
    FinancialRoi,
    /// PV(all value types) / PV(costs).
    PublicValueRoi,
    /// PV(fiscal) − PV(costs).
    NetPresentBudgetImpact,
    /// SROI: PV(impact) / inputs.
    SroiRatio,
    /// SROI: (PV(impact) − inputs) / inputs.
    NetSroiRatio,
}

const METRICS: &str = "benefit_cost_ratio, net_roi, net_present_value, financial_roi, public_value_roi, net_present_budget_impact, sroi_ratio, net_sroi_ratio";

impl std::str::FromStr for Metric {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
            Error::InvalidOption {
                option: "metric",
                value: s.to_owned(),
                expected: METRICS,
            }
        })
    }
}

impl Metric {
    /// The stable code.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::Metric;
    /// assert_eq!(Metric::SroiRatio.code(), "sroi_ratio");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Metric::BenefitCostRatio => "benefit_cost_ratio",
            Metric::NetRoi => "net_roi",
            Metric::NetPresentValue => "net_present_value",
            Metric::FinancialRoi => "financial_roi",
            Metric::PublicValueRoi => "public_value_roi",
            Metric::NetPresentBudgetImpact => "net_present_budget_impact",
            Metric::SroiRatio => "sroi_ratio",
            Metric::NetSroiRatio => "net_sroi_ratio",
        }
    }
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("economic results serialise")
}

fn unknown_parameter(name: &str, expected: &'static str) -> Error {
    Error::InvalidOption {
        option: "parameter",
        value: name.to_owned(),
        expected,
    }
}

const CBA_PARAMS: &str =
    "costs (scale, base 1), benefits (scale, base 1), optimism_bias, mitigation, discount_rate";
const SROI_PARAMS: &str = "inputs, discount_rate, quantity, financial_proxy, deadweight, displacement, attribution, drop_off (each optionally :<outcome name>)";
const COHORT_PARAMS: &str =
    "cohort, engagement, success, deadweight, optimism_bias, costs (scale, base 1), discount_rate";
const REABLEMENT_PARAMS: &str = "people, share_independent, share_reduced, hours_reduced_per_week, weekly_package_cost, hourly_cost, deadweight, weeks, drop_off, service_cost, discount_rate; people_independent and weekly_hours_avoided when the model gives them";

fn scale_costs(costs: &mut [super::cost_benefit::CostLine], k: f64) {
    for c in costs {
        for v in &mut c.by_year {
            *v *= k;
        }
    }
}

impl Appraisal {
    /// A model from JSON (its fields plus `"kind"`: `cost_benefit`, `sroi`, `cohort`,
    /// `reablement`); a schedule may be given by name.
    ///
    /// # Errors
    ///
    /// `invalid_definition` when the JSON does not describe a model (impossible figures are
    /// reported with their own codes when the model is evaluated).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{Appraisal, Metric};
    /// let a = Appraisal::from_json(r#"{"kind": "cost_benefit", "schedule": "undiscounted",
    ///   "costs": [{"name": "service", "by_year": [150000]}],
    ///   "benefits": [{"name": "avoided", "by_year": [1167000]}]}"#)?;
    /// assert!((a.metric(Metric::NetRoi)? - 6.78).abs() < 1e-12);
    /// assert_eq!(Appraisal::from_json("{}").unwrap_err().code(), "invalid_definition");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Appraisal> {
        serde_json::from_str(json).map_err(|e| Error::InvalidDefinition {
            message: format!("economic model: {e}"),
        })
    }

    /// Evaluates the model: the full result of its kind, as JSON (the faces' interchange).
    ///
    /// # Errors
    ///
    /// The model's errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::Appraisal;
    /// let a = Appraisal::from_json(r#"{"kind": "reablement", "people": 400,
    ///   "share_independent": 0.3, "weekly_package_cost": 250, "service_cost": 900000}"#)?;
    /// let r = a.evaluate()?;
    /// assert_eq!(r["kind"], "reablement");
    /// assert!(r["cost_benefit"]["benefit_cost_ratio"].as_f64().unwrap() > 1.7);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn evaluate(&self) -> Result<serde_json::Value> {
        let (kind, mut value) = match self {
            Appraisal::CostBenefit(m) => ("cost_benefit", to_json(&m.evaluate()?)),
            Appraisal::Sroi(m) => ("sroi", to_json(&m.evaluate()?)),
            Appraisal::Cohort(m) => ("cohort", to_json(&m.evaluate()?)),
            Appraisal::Reablement(m) => ("reablement", to_json(&m.evaluate()?)),
        };
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("kind".to_owned(), kind.into());
        }
        Ok(value)
    }

    /// The value of a headline metric.
    ///
    /// # Errors
    ///
    /// The model's own errors; `invalid_option` for a metric the model does not have (SROI
    /// ratios belong to SROI models; an SROI model has `sroi_ratio`, `net_sroi_ratio` and
    /// `net_present_value`).
    pub fn metric(&self, metric: Metric) -> Result<f64> {
        if let Appraisal::Sroi(m) = self {
            let r = m.evaluate()?;
            return match metric {
                Metric::SroiRatio => Ok(r.sroi_ratio),
                Metric::NetSroiRatio => Ok(r.net_sroi_ratio),
                Metric::NetPresentValue => Ok(r.net_present_value),
                _ => Err(Error::InvalidOption {
                    option: "metric",
                    value: metric.code().to_owned(),
                    expected: "sroi_ratio, net_sroi_ratio, net_present_value (for an SROI model)",
                }),
            };
        }
        let r = match self {
            Appraisal::CostBenefit(m) => m.evaluate()?,
            Appraisal::Cohort(m) => m.evaluate()?.cost_benefit,
            Appraisal::Reablement(m) => m.evaluate()?.cost_benefit,
            Appraisal::Sroi(_) => unreachable!("handled above"),
        };
        match metric {
            Metric::BenefitCostRatio => Ok(r.benefit_cost_ratio),
            Metric::NetRoi => Ok(r.net_roi),
            Metric::NetPresentValue => Ok(r.net_present_value),
            Metric::FinancialRoi => Ok(r.financial_roi),
            Metric::PublicValueRoi => Ok(r.public_value_roi),
            Metric::NetPresentBudgetImpact => Ok(r.net_present_budget_impact),
            Metric::SroiRatio | Metric::NetSroiRatio => Err(Error::InvalidOption {
                option: "metric",
                value: metric.code().to_owned(),
                expected: "benefit_cost_ratio, net_roi, net_present_value, financial_roi, public_value_roi, net_present_budget_impact (for a cost-benefit model)",
            }),
        }
    }

    /// The base value of a named parameter (scale parameters are 1).
    ///
    /// # Errors
    ///
    /// `invalid_option` for a parameter the model does not have.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{Appraisal, ReablementModel};
    /// let a = Appraisal::Reablement(ReablementModel { deadweight: 0.35, ..Default::default() });
    /// assert_eq!(a.parameter("deadweight")?, 0.35);
    /// assert_eq!(a.parameter("colour").unwrap_err().code(), "invalid_option");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn parameter(&self, name: &str) -> Result<f64> {
        let mut probe = self.clone();
        probe.apply(name, None)
    }

    /// A copy of the model with a parameter set to `value`.
    ///
    /// # Errors
    ///
    /// `invalid_option` for an unknown parameter; `invalid_rate` for a discount rate ≤ −1.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{Appraisal, Metric, ReablementModel};
    /// let a = Appraisal::Reablement(ReablementModel { people: 400.0, share_independent: 0.3,
    ///     weekly_package_cost: 250.0, service_cost: 900_000.0, ..Default::default() });
    /// let b = a.with_parameter("deadweight", 0.35)?;
    /// assert!((b.metric(Metric::BenefitCostRatio)? - 1.126666667).abs() < 1e-9);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn with_parameter(&self, name: &str, value: f64) -> Result<Appraisal> {
        let mut out = self.clone();
        out.apply(name, Some(value))?;
        Ok(out)
    }

    /// Reads (value = None) or writes a parameter; returns the value before writing.
    fn apply(&mut self, name: &str, value: Option<f64>) -> Result<f64> {
        fn field(slot: &mut f64, value: Option<f64>) -> f64 {
            let old = *slot;
            if let Some(v) = value {
                *slot = v;
            }
            old
        }
        if name == "discount_rate" {
            let schedule = match self {
                Appraisal::CostBenefit(m) => &mut m.schedule,
                Appraisal::Sroi(m) => &mut m.schedule,
                Appraisal::Cohort(m) => &mut m.schedule,
                Appraisal::Reablement(m) => &mut m.schedule,
            };
            let old = schedule.rate(1);
            if let Some(v) = value {
                *schedule = DiscountSchedule::flat(v)?;
            }
            return Ok(old);
        }
        match self {
            Appraisal::CostBenefit(m) => match name {
                "costs" => {
                    if let Some(k) = value {
                        scale_costs(&mut m.costs, k);
                    }
                    Ok(1.0)
                }
                "benefits" => {
                    if let Some(k) = value {
                        for b in &mut m.benefits {
                            for v in &mut b.by_year {
                                *v *= k;
                            }
                        }
                    }
                    Ok(1.0)
                }
                "optimism_bias" | "mitigation" => {
                    let ob = m.optimism_bias.get_or_insert(OptimismBias::new(0.0));
                    Ok(if name == "optimism_bias" {
                        field(&mut ob.rate, value)
                    } else {
                        field(&mut ob.mitigation, value)
                    })
                }
                _ => Err(unknown_parameter(name, CBA_PARAMS)),
            },
            Appraisal::Sroi(m) => {
                if name == "inputs" {
                    return Ok(field(&mut m.inputs, value));
                }
                let (param, outcome) = match name.split_once(':') {
                    Some((p, o)) => (p, Some(o)),
                    None => (name, None),
                };
                let mut first = None;
                for o in &mut m.outcomes {
                    if outcome.is_some_and(|n| n != o.name) {
                        continue;
                    }
                    let slot = match param {
                        "quantity" => &mut o.quantity,
                        "financial_proxy" => &mut o.financial_proxy,
                        "deadweight" => &mut o.deadweight,
                        "displacement" => &mut o.displacement,
                        "attribution" => &mut o.attribution,
                        "drop_off" => &mut o.drop_off,
                        _ => return Err(unknown_parameter(name, SROI_PARAMS)),
                    };
                    let old = field(slot, value);
                    first.get_or_insert(old);
                }
                first.ok_or_else(|| unknown_parameter(name, SROI_PARAMS))
            }
            Appraisal::Cohort(m) => match name {
                "cohort" => Ok(field(&mut m.cohort, value)),
                "engagement" => Ok(field(&mut m.engagement, value)),
                "success" => Ok(field(&mut m.success, value)),
                "deadweight" => Ok(field(&mut m.deadweight, value)),
                "optimism_bias" => {
                    let ob = m.optimism_bias.get_or_insert(OptimismBias::new(0.0));
                    Ok(field(&mut ob.rate, value))
                }
                "costs" => {
                    if let Some(k) = value {
                        scale_costs(&mut m.costs, k);
                    }
                    Ok(1.0)
                }
                _ => Err(unknown_parameter(name, COHORT_PARAMS)),
            },
            Appraisal::Reablement(m) => {
                let slot = match name {
                    "people" => &mut m.people,
                    "share_independent" => &mut m.share_independent,
                    "share_reduced" => &mut m.share_reduced,
                    "hours_reduced_per_week" => &mut m.hours_reduced_per_week,
                    "weekly_package_cost" => &mut m.weekly_package_cost,
                    "hourly_cost" => &mut m.hourly_cost,
                    "deadweight" => &mut m.deadweight,
                    "weeks" => &mut m.weeks,
                    "drop_off" => &mut m.drop_off,
                    "service_cost" => &mut m.service_cost,
                    "people_independent" | "weekly_hours_avoided" => {
                        let slot = if name == "people_independent" {
                            &mut m.people_independent
                        } else {
                            &mut m.weekly_hours_avoided
                        };
                        let Some(count) = slot.as_mut() else {
                            return Err(unknown_parameter(name, REABLEMENT_PARAMS));
                        };
                        return Ok(field(count, value));
                    }
                    _ => return Err(unknown_parameter(name, REABLEMENT_PARAMS)),
                };
                Ok(field(slot, value))
            }
        }
    }
}
