//! The cost-benefit model (spec-economics-spc.md §3, §5.3): costs and benefits by year, benefits
//! by value type (fiscal cashable, fiscal non-cashable, economic, social) and agency, optimism
//! bias, and outputs named apart so that a "return" is never ambiguous.
//!
//! | output | definition |
//! |---|---|
//! | `benefit_cost_ratio` | PV(benefits) / PV(costs) ("£x for every £1") |
//! | `net_roi` | (PV(benefits) − PV(costs)) / PV(costs) = BCR − 1 |
//! | `net_present_value` | PV(benefits) − PV(costs) |
//! | `financial_roi` | PV(fiscal benefits) / PV(costs) (GMCA; a ratio, not (B − C)/C) |
//! | `cashable_roi` | PV(cashable fiscal benefits) / PV(costs) |
//! | `public_value_roi` | PV(fiscal + economic + social) / PV(costs) (GMCA; equals the BCR) |
//! | `net_present_budget_impact` | PV(fiscal benefits) − PV(costs) |
//! | `cashable_net_present_budget_impact` | PV(cashable fiscal benefits) − PV(costs) |
//! | `payback` | simple and discounted, interpolated and whole years |

use super::discounting::{DiscountSchedule, Timing, check_flow, discounted};
use super::optimism_bias::OptimismBias;
use super::payback::{Payback, payback};
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of value a benefit is (GMCA's three value types, with fiscal split by cashability).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::ValueType;
/// assert!(ValueType::FiscalCashable.is_fiscal());
/// assert!(!ValueType::Social.is_fiscal());
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Public spending that can actually be removed from a budget.
    #[default]
    FiscalCashable,
    /// Public spending freed as capacity but not released as cash.
    FiscalNonCashable,
    /// Economic value (earnings, GVA).
    Economic,
    /// Social / public value (wellbeing and other non-cash value).
    Social,
}

impl ValueType {
    /// Whether the value is fiscal (cashable or not): only fiscal value feeds the financial case.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            ValueType::FiscalCashable | ValueType::FiscalNonCashable
        )
    }
}

/// A cost stream by year (≥ 0).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::CostLine;
/// let c = CostLine::new("service", vec![150_000.0]);
/// assert_eq!(c.by_year, vec![150_000.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    /// What the cost is.
    pub name: String,
    /// Which agency bears it.
    #[serde(default)]
    pub agency: Option<String>,
    /// Cost by year (first listed year per the model's timing), ≥ 0.
    pub by_year: Vec<f64>,
    /// A line-specific optimism-bias uplift (overrides the model's).
    #[serde(default)]
    pub optimism_bias: Option<OptimismBias>,
}

impl CostLine {
    /// A cost line without agency or line-specific optimism bias.
    pub fn new(name: &str, by_year: Vec<f64>) -> CostLine {
        CostLine {
            name: name.to_owned(),
            agency: None,
            by_year,
            optimism_bias: None,
        }
    }
}

/// A benefit stream by year (may be negative: a disbenefit).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{BenefitLine, ValueType};
/// let b = BenefitLine::new("avoided care", ValueType::FiscalCashable, vec![0.0, 40_000.0]);
/// assert_eq!(b.value_type, ValueType::FiscalCashable);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenefitLine {
    /// What the benefit is.
    pub name: String,
    /// Its value type.
    #[serde(default)]
    pub value_type: ValueType,
    /// Which agency gains it.
    #[serde(default)]
    pub agency: Option<String>,
    /// Benefit by year (first listed year per the model's timing).
    pub by_year: Vec<f64>,
    /// A line-specific optimism-bias reduction (overrides the model's).
    #[serde(default)]
    pub optimism_bias: Option<OptimismBias>,
}

impl BenefitLine {
    /// A benefit line without agency or line-specific optimism bias.
    pub fn new(name: &str, value_type: ValueType, by_year: Vec<f64>) -> BenefitLine {
        BenefitLine {
            name: name.to_owned(),
            value_type,
            agency: None,
            by_year,
            optimism_bias: None,
        }
    }
}

/// A cost-benefit model: the streams, the schedule and the conventions.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{BenefitLine, CostBenefitModel, CostLine, ValueType};
/// // CBA01: £100,000 now, £40,000 a year for three years, Green Book 2022, year 0 undiscounted.
/// let m = CostBenefitModel::new(
///     vec![CostLine::new("service", vec![100_000.0, 0.0, 0.0, 0.0])],
///     vec![BenefitLine::new("avoided", ValueType::FiscalCashable, vec![0.0, 40_000.0, 40_000.0, 40_000.0])],
/// )?;
/// let r = m.evaluate()?;
/// assert!((r.net_present_value - 12_065.47924).abs() < 1e-5);
/// assert!((r.benefit_cost_ratio - 1.120654792).abs() < 1e-9);
/// assert!((r.net_roi - 0.1206547924).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostBenefitModel {
    /// Cost lines.
    pub costs: Vec<CostLine>,
    /// Benefit lines.
    pub benefits: Vec<BenefitLine>,
    /// The discount schedule (default Green Book 2022 standard).
    #[serde(
        default = "default_schedule",
        deserialize_with = "super::discounting::schedule_from_name_or_object"
    )]
    pub schedule: DiscountSchedule,
    /// Where the first listed year sits (default year 0, undiscounted).
    #[serde(default)]
    pub timing: Timing,
    /// Optimism bias applied to every line without its own: costs up, benefits down.
    #[serde(default)]
    pub optimism_bias: Option<OptimismBias>,
    /// The price base year of the flows, recorded with the result.
    #[serde(default)]
    pub price_base_year: Option<i32>,
    /// The deflator vintage used to bring the flows to the base year, recorded with the result.
    #[serde(default)]
    pub deflator_vintage: Option<String>,
}

pub(crate) fn default_schedule() -> DiscountSchedule {
    DiscountSchedule::builtin(super::discounting::DEFAULT_SCHEDULE)
        .expect("the default schedule is built in")
}

/// The conventions a result was computed under.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{CostBenefitModel, CostLine};
/// let m = CostBenefitModel::new(vec![CostLine::new("c", vec![1.0])], vec![])?;
/// assert_eq!(m.conventions().schedule, "gb2022_standard");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conventions {
    /// Schedule name.
    pub schedule: String,
    /// Schedule edition.
    pub schedule_edition: String,
    /// Year-0 or year-1 convention.
    pub timing: Timing,
    /// Price base year, if stated.
    pub price_base_year: Option<i32>,
    /// Deflator vintage, if stated.
    pub deflator_vintage: Option<String>,
    /// Number of years in the longest stream.
    pub horizon_years: usize,
    /// The optimism bias applied by default, if any.
    pub optimism_bias: Option<OptimismBias>,
    /// The crate version that computed the result.
    pub library_version: String,
}

/// The named outputs of a cost-benefit model (all present values in the flows' currency).
///
/// # Examples
///
/// See [`CostBenefitModel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostBenefitResult {
    /// PV of costs, after optimism bias.
    pub pv_costs: f64,
    /// PV of all benefits, after optimism bias.
    pub pv_benefits: f64,
    /// PV of fiscal benefits (cashable + non-cashable).
    pub pv_fiscal: f64,
    /// PV of cashable fiscal benefits.
    pub pv_fiscal_cashable: f64,
    /// PV of non-cashable fiscal benefits.
    pub pv_fiscal_non_cashable: f64,
    /// PV of economic benefits.
    pub pv_economic: f64,
    /// PV of social benefits.
    pub pv_social: f64,
    /// PV of benefits by agency (lines without an agency under `""`).
    pub pv_benefits_by_agency: BTreeMap<String, f64>,
    /// PV of costs (after optimism bias) by agency (lines without an agency under `""`).
    pub pv_costs_by_agency: BTreeMap<String, f64>,
    /// PV(benefits) − PV(costs).
    pub net_present_value: f64,
    /// PV(benefits) / PV(costs).
    pub benefit_cost_ratio: f64,
    /// (PV(benefits) − PV(costs)) / PV(costs).
    pub net_roi: f64,
    /// PV(fiscal) / PV(costs) (GMCA financial ROI).
    pub financial_roi: f64,
    /// PV(cashable fiscal) / PV(costs).
    pub cashable_roi: f64,
    /// PV(fiscal + economic + social) / PV(costs) (GMCA public value ROI).
    pub public_value_roi: f64,
    /// PV(fiscal) − PV(costs).
    pub net_present_budget_impact: f64,
    /// PV(cashable fiscal) − PV(costs).
    pub cashable_net_present_budget_impact: f64,
    /// Costs by year after optimism bias, undiscounted.
    pub costs_by_year: Vec<f64>,
    /// Benefits by year after optimism bias, undiscounted.
    pub benefits_by_year: Vec<f64>,
    /// Discount factor of each listed year.
    pub discount_factors: Vec<f64>,
    /// Payback of all costs by all benefits.
    pub payback: Payback,
    /// Payback of all costs by fiscal benefits only.
    pub fiscal_payback: Payback,
    /// The conventions used.
    pub conventions: Conventions,
}

impl CostBenefitModel {
    /// A model with the default schedule (Green Book 2022 standard) and timing (year 0).
    ///
    /// # Errors
    ///
    /// As [`CostBenefitModel::validate`].
    pub fn new(costs: Vec<CostLine>, benefits: Vec<BenefitLine>) -> Result<CostBenefitModel> {
        let m = CostBenefitModel {
            costs,
            benefits,
            schedule: default_schedule(),
            timing: Timing::YearZero,
            optimism_bias: None,
            price_base_year: None,
            deflator_vintage: None,
        };
        m.validate()?;
        Ok(m)
    }

    /// Checks the model: at least one cost line and no empty stream; costs finite and ≥ 0;
    /// benefits finite; optimism bias valid; schedule valid.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{CostBenefitModel, CostLine};
    /// let e = CostBenefitModel::new(vec![CostLine::new("c", vec![-5.0])], vec![]).unwrap_err();
    /// assert_eq!(e.code(), "negative_value");
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.schedule.validate()?;
        if self.costs.is_empty() {
            return Err(Error::EmptyInput { what: "cost lines" });
        }
        if let Some(ob) = &self.optimism_bias {
            ob.validate()?;
        }
        for c in &self.costs {
            if c.by_year.is_empty() {
                return Err(Error::EmptyInput {
                    what: "cost stream",
                });
            }
            check_flow("costs", &c.by_year)?;
            if let Some((i, v)) = c.by_year.iter().enumerate().find(|(_, v)| **v < 0.0) {
                return Err(Error::NegativeValue {
                    field: "costs",
                    value: *v,
                    at: Location::row(i),
                }
                .in_group(&c.name));
            }
            if let Some(ob) = &c.optimism_bias {
                ob.validate()?;
            }
        }
        for b in &self.benefits {
            if b.by_year.is_empty() {
                return Err(Error::EmptyInput {
                    what: "benefit stream",
                });
            }
            check_flow("benefits", &b.by_year)?;
            if let Some(ob) = b.optimism_bias.as_ref().or(self.optimism_bias.as_ref()) {
                ob.reduce_benefit(0.0)?;
            }
        }
        Ok(())
    }

    /// The conventions the model records on its result.
    pub fn conventions(&self) -> Conventions {
        Conventions {
            schedule: self.schedule.name.clone(),
            schedule_edition: self.schedule.edition.clone(),
            timing: self.timing,
            price_base_year: self.price_base_year,
            deflator_vintage: self.deflator_vintage.clone(),
            horizon_years: self
                .costs
                .iter()
                .map(|c| c.by_year.len())
                .chain(self.benefits.iter().map(|b| b.by_year.len()))
                .max()
                .unwrap_or(0),
            optimism_bias: self.optimism_bias,
            library_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// Evaluates the model.
    ///
    /// # Errors
    ///
    /// The errors of [`CostBenefitModel::validate`]; `zero_cost` when PV(costs) is 0 (every
    /// output here is a ratio or difference to cost).
    pub fn evaluate(&self) -> Result<CostBenefitResult> {
        self.validate()?;
        let conventions = self.conventions();
        let n = conventions.horizon_years;
        let mut costs = vec![0.0; n];
        let mut costs_by_agency: BTreeMap<String, f64> = BTreeMap::new();
        for c in &self.costs {
            let ob = c.optimism_bias.or(self.optimism_bias);
            let adjusted = c
                .by_year
                .iter()
                .map(|v| match ob {
                    Some(ob) => ob.uplift_cost(*v),
                    None => Ok(*v),
                })
                .collect::<Result<Vec<f64>>>()?;
            for (i, v) in adjusted.iter().enumerate() {
                costs[i] += v;
            }
            let pv: f64 = discounted(&adjusted, &self.schedule, self.timing)
                .iter()
                .sum();
            *costs_by_agency
                .entry(c.agency.clone().unwrap_or_default())
                .or_insert(0.0) += pv;
        }
        let mut benefits = vec![0.0; n];
        let mut fiscal = vec![0.0; n];
        let mut pv_by_type: BTreeMap<ValueType, f64> = BTreeMap::new();
        let mut by_agency: BTreeMap<String, f64> = BTreeMap::new();
        for b in &self.benefits {
            let ob = b.optimism_bias.or(self.optimism_bias);
            let adjusted = b
                .by_year
                .iter()
                .map(|v| match ob {
                    Some(ob) => ob.reduce_benefit(*v),
                    None => Ok(*v),
                })
                .collect::<Result<Vec<f64>>>()?;
            for (i, v) in adjusted.iter().enumerate() {
                benefits[i] += v;
                if b.value_type.is_fiscal() {
                    fiscal[i] += v;
                }
            }
            let pv: f64 = discounted(&adjusted, &self.schedule, self.timing)
                .iter()
                .sum();
            *pv_by_type.entry(b.value_type).or_insert(0.0) += pv;
            *by_agency
                .entry(b.agency.clone().unwrap_or_default())
                .or_insert(0.0) += pv;
        }
        let pv_costs: f64 = discounted(&costs, &self.schedule, self.timing).iter().sum();
        if pv_costs == 0.0 {
            return Err(Error::ZeroCost {
                what: "benefit_cost_ratio",
            });
        }
        let get = |t: ValueType| pv_by_type.get(&t).copied().unwrap_or(0.0);
        let pv_fiscal_cashable = get(ValueType::FiscalCashable);
        let pv_fiscal_non_cashable = get(ValueType::FiscalNonCashable);
        let pv_economic = get(ValueType::Economic);
        let pv_social = get(ValueType::Social);
        let pv_fiscal = pv_fiscal_cashable + pv_fiscal_non_cashable;
        let pv_benefits = pv_fiscal + pv_economic + pv_social;
        let net_present_value = pv_benefits - pv_costs;
        Ok(CostBenefitResult {
            pv_costs,
            pv_benefits,
            pv_fiscal,
            pv_fiscal_cashable,
            pv_fiscal_non_cashable,
            pv_economic,
            pv_social,
            pv_benefits_by_agency: by_agency,
            pv_costs_by_agency: costs_by_agency,
            net_present_value,
            benefit_cost_ratio: pv_benefits / pv_costs,
            net_roi: net_present_value / pv_costs,
            financial_roi: pv_fiscal / pv_costs,
            cashable_roi: pv_fiscal_cashable / pv_costs,
            public_value_roi: pv_benefits / pv_costs,
            net_present_budget_impact: pv_fiscal - pv_costs,
            cashable_net_present_budget_impact: pv_fiscal_cashable - pv_costs,
            payback: payback(&costs, &benefits, &self.schedule, self.timing),
            fiscal_payback: payback(&costs, &fiscal, &self.schedule, self.timing),
            discount_factors: self.schedule.factors(self.timing.year(0), n),
            costs_by_year: costs,
            benefits_by_year: benefits,
            conventions,
        })
    }
}
