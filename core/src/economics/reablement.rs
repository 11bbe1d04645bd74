//! From reablement outcomes to savings (spec-economics-spc.md §5.1): outcome counts and unit
//! costs in, a cost-benefit model out.
//!
//! ```text
//! avoided (independent) = people × share_independent × (1 − deadweight) × weekly_package_cost × weeks
//! avoided (reduced)     = people × share_reduced × (1 − deadweight) × hours_reduced_per_week × hourly_cost × weeks
//! year t ≥ 2: the year-1 amount × (1 − drop_off)^(t−1)
//! ```
//!
//! Outcome counts from the catalogue or the client-level engine can be given directly instead of
//! shares: `people_independent` replaces `people × share_independent` and `weekly_hours_avoided`
//! replaces `people × share_reduced × hours_reduced_per_week`.
//!
//! ROI03: 400 × 0.30 × (1 − 0.35) × £250 × 52 = £1,014,000 against a cost of £900,000.

use super::cost_benefit::{
    BenefitLine, CostBenefitModel, CostBenefitResult, CostLine, ValueType, default_schedule,
};
use super::discounting::{DiscountSchedule, Timing, check_flow};
use super::optimism_bias::check_share;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A reablement (or enablement) service's outcomes and unit costs.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::ReablementModel;
/// // ROI03: 400 people, 30% leave with no ongoing package, deadweight 35%, £250 a week, a year.
/// let m = ReablementModel { people: 400.0, share_independent: 0.30, weekly_package_cost: 250.0,
///     deadweight: 0.35, weeks: 52.0, service_cost: 900_000.0, ..ReablementModel::default() };
/// let r = m.evaluate()?;
/// assert!((r.avoided_by_year[0] - 1_014_000.0).abs() < 1e-6);
/// assert!((r.cost_benefit.benefit_cost_ratio - 1.126666667).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReablementModel {
    /// People completing the service (≥ 0).
    pub people: f64,
    /// Share leaving with no ongoing package, in [0, 1].
    pub share_independent: f64,
    /// Share leaving with a smaller package, in [0, 1] (with `share_independent` at most 1).
    pub share_reduced: f64,
    /// Weekly hours of support avoided per person with a smaller package (≥ 0).
    pub hours_reduced_per_week: f64,
    /// A count of people independent after the service (≥ 0); replaces
    /// `people × share_independent` when given.
    pub people_independent: Option<f64>,
    /// Total weekly hours of support avoided by those with smaller packages (≥ 0); replaces
    /// `people × share_reduced × hours_reduced_per_week` when given.
    pub weekly_hours_avoided: Option<f64>,
    /// Weekly cost of the ongoing package avoided (≥ 0).
    pub weekly_package_cost: f64,
    /// Cost of one hour of support (≥ 0).
    pub hourly_cost: f64,
    /// Share of the outcome that would have happened anyway, in [0, 1].
    pub deadweight: f64,
    /// Weeks of avoided support counted per year (≥ 0; 52 for a full year).
    pub weeks: f64,
    /// Years the savings last (≥ 1).
    pub years: u32,
    /// Annual decline of the savings from year 2, in [0, 1].
    pub drop_off: f64,
    /// Cost of the service, in the first listed year (≥ 0).
    pub service_cost: f64,
    /// Whether the savings are cashable (default) or freed capacity.
    pub value_type: ValueType,
    /// Who gains (default "council").
    pub agency: Option<String>,
    /// Discount schedule (default Green Book 2022 standard).
    #[serde(deserialize_with = "super::discounting::schedule_from_name_or_object")]
    pub schedule: DiscountSchedule,
    /// Timing (default year 0: a single year is undiscounted).
    pub timing: Timing,
}

impl Default for ReablementModel {
    fn default() -> Self {
        ReablementModel {
            people: 0.0,
            share_independent: 0.0,
            share_reduced: 0.0,
            hours_reduced_per_week: 0.0,
            people_independent: None,
            weekly_hours_avoided: None,
            weekly_package_cost: 0.0,
            hourly_cost: 0.0,
            deadweight: 0.0,
            weeks: 52.0,
            years: 1,
            drop_off: 0.0,
            service_cost: 0.0,
            value_type: ValueType::FiscalCashable,
            agency: Some("council".to_owned()),
            schedule: default_schedule(),
            timing: Timing::YearZero,
        }
    }
}

/// The outputs of the reablement calculator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReablementResult {
    /// People independent (the count given, or people × share_independent).
    pub people_independent: f64,
    /// people × share_reduced.
    pub people_reduced: f64,
    /// Weekly hours of support avoided in total by those with smaller packages.
    pub weekly_hours_avoided: f64,
    /// Gross avoided spend by year (net of deadweight), undiscounted.
    pub avoided_by_year: Vec<f64>,
    /// Gross avoided spend − service cost, undiscounted, over all years.
    pub net_saving: f64,
    /// The cost-benefit outputs (BCR, net ROI, NPV, payback, …).
    pub cost_benefit: CostBenefitResult,
}

fn non_negative(field: &'static str, v: f64) -> Result<f64> {
    check_flow(field, &[v])?;
    if v < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value: v,
            at: crate::Location::NONE,
        });
    }
    Ok(v)
}

impl ReablementModel {
    /// Checks every figure.
    ///
    /// # Errors
    ///
    /// `negative_value`/`non_finite` for counts and costs; `invalid_adjustment` for shares
    /// outside [0, 1] (including independent + reduced above 1); `empty_input` for 0 years.
    pub fn validate(&self) -> Result<()> {
        for (f, v) in [
            ("people", self.people),
            ("hours_reduced_per_week", self.hours_reduced_per_week),
            ("weekly_package_cost", self.weekly_package_cost),
            ("hourly_cost", self.hourly_cost),
            ("weeks", self.weeks),
            ("service_cost", self.service_cost),
            ("people_independent", self.people_independent.unwrap_or(0.0)),
            (
                "weekly_hours_avoided",
                self.weekly_hours_avoided.unwrap_or(0.0),
            ),
        ] {
            non_negative(f, v)?;
        }
        check_share("share_independent", self.share_independent)?;
        check_share("share_reduced", self.share_reduced)?;
        check_share(
            "share_independent + share_reduced",
            self.share_independent + self.share_reduced,
        )?;
        check_share("deadweight", self.deadweight)?;
        check_share("drop_off", self.drop_off)?;
        if self.years == 0 {
            return Err(Error::EmptyInput {
                what: "years of savings",
            });
        }
        super::discounting::check_years(self.years)?;
        self.schedule.validate()
    }

    /// Avoided spend by year (net of deadweight).
    ///
    /// # Errors
    ///
    /// As [`ReablementModel::validate`].
    pub fn avoided_by_year(&self) -> Result<Vec<f64>> {
        self.validate()?;
        let independent = match self.people_independent {
            Some(count) => count * (1.0 - self.deadweight) * self.weekly_package_cost * self.weeks,
            None => {
                self.people
                    * self.share_independent
                    * (1.0 - self.deadweight)
                    * self.weekly_package_cost
                    * self.weeks
            }
        };
        let reduced = match self.weekly_hours_avoided {
            Some(hours) => hours * (1.0 - self.deadweight) * self.hourly_cost * self.weeks,
            None => {
                self.people
                    * self.share_reduced
                    * (1.0 - self.deadweight)
                    * self.hours_reduced_per_week
                    * self.hourly_cost
                    * self.weeks
            }
        };
        let mut v = independent + reduced;
        let mut out = Vec::with_capacity(self.years as usize);
        for t in 0..self.years {
            if t > 0 {
                v *= 1.0 - self.drop_off;
            }
            out.push(v);
        }
        Ok(out)
    }

    /// The cost-benefit model of the service.
    ///
    /// # Errors
    ///
    /// As [`ReablementModel::validate`].
    pub fn to_cost_benefit(&self) -> Result<CostBenefitModel> {
        let avoided = self.avoided_by_year()?;
        let mut cost = vec![0.0; avoided.len()];
        cost[0] = self.service_cost;
        Ok(CostBenefitModel {
            costs: vec![CostLine::new("reablement service", cost)],
            benefits: vec![BenefitLine {
                name: "avoided ongoing support".to_owned(),
                value_type: self.value_type,
                agency: self.agency.clone(),
                by_year: avoided,
                optimism_bias: None,
            }],
            schedule: self.schedule.clone(),
            timing: self.timing,
            optimism_bias: None,
            price_base_year: None,
            deflator_vintage: None,
        })
    }

    /// Evaluates the service.
    ///
    /// # Errors
    ///
    /// As [`ReablementModel::validate`]; `zero_cost` for a service cost of 0.
    pub fn evaluate(&self) -> Result<ReablementResult> {
        let cb = self.to_cost_benefit()?;
        let avoided = cb.benefits[0].by_year.clone();
        let result = cb.evaluate()?;
        Ok(ReablementResult {
            people_independent: self
                .people_independent
                .unwrap_or(self.people * self.share_independent),
            people_reduced: self.people * self.share_reduced,
            weekly_hours_avoided: self
                .weekly_hours_avoided
                .unwrap_or(self.people * self.share_reduced * self.hours_reduced_per_week),
            net_saving: avoided.iter().sum::<f64>() - self.service_cost,
            avoided_by_year: avoided,
            cost_benefit: result,
        })
    }
}
