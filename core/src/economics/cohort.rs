//! GMCA-style cohort benefit chain (spec-economics-spc.md §3; percentages UNVERIFIED against the
//! GMCA workbook):
//!
//! ```text
//! outcomes = cohort × engagement × success × (1 − deadweight)
//! benefit_t(value type) = outcomes × unit_value × persistence_t        then × (1 − OB) ; costs × (1 + OB)
//! ```

use super::cost_benefit::{
    BenefitLine, CostBenefitModel, CostBenefitResult, CostLine, ValueType, default_schedule,
};
use super::discounting::{DiscountSchedule, Timing, check_flow};
use super::optimism_bias::{OptimismBias, check_share};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// The value of one outcome, by value type and agency.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{UnitValue, ValueType};
/// let v = UnitValue { value_type: ValueType::FiscalCashable, agency: None, value: 2500.0 };
/// assert_eq!(v.value, 2500.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitValue {
    /// Value type.
    #[serde(default)]
    pub value_type: ValueType,
    /// Agency.
    #[serde(default)]
    pub agency: Option<String>,
    /// Value per outcome per year (≥ 0).
    pub value: f64,
}

/// A cohort model (GMCA01).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{CohortModel, CostLine, OptimismBias, UnitValue, ValueType};
/// let m = CohortModel {
///     cohort: 200.0, engagement: 0.8, success: 0.4, deadweight: 0.2,
///     unit_values: vec![
///         UnitValue { value_type: ValueType::FiscalCashable, agency: None, value: 2500.0 },
///         UnitValue { value_type: ValueType::Economic, agency: None, value: 1200.0 },
///         UnitValue { value_type: ValueType::Social, agency: None, value: 3000.0 },
///     ],
///     persistence: vec![1.0, 0.8, 0.6],
///     costs: vec![CostLine::new("programme", vec![150_000.0, 0.0, 0.0])],
///     optimism_bias: Some(OptimismBias::new(0.1)),
///     schedule: care_outcomes::economics::DiscountSchedule::builtin("gb2022_standard")?,
///     timing: Default::default(),
/// };
/// let r = m.evaluate()?;
/// assert!((r.outcomes - 51.2).abs() < 1e-12);
/// assert!((r.cost_benefit.financial_roi - 1.628895381).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortModel {
    /// People in the cohort (≥ 0).
    pub cohort: f64,
    /// Share who engage, in [0, 1].
    pub engagement: f64,
    /// Share of those engaged who achieve the outcome, in [0, 1].
    pub success: f64,
    /// Share that would have happened anyway, in [0, 1].
    #[serde(default)]
    pub deadweight: f64,
    /// Value of one outcome per year, by type.
    pub unit_values: Vec<UnitValue>,
    /// Share of outcomes still yielding value in each listed year, each in [0, 1].
    pub persistence: Vec<f64>,
    /// Cost lines.
    pub costs: Vec<CostLine>,
    /// Optimism bias: benefits × (1 − OB), costs × (1 + OB).
    #[serde(default)]
    pub optimism_bias: Option<OptimismBias>,
    /// Schedule (default Green Book 2022 standard).
    #[serde(
        default = "default_schedule",
        deserialize_with = "super::discounting::schedule_from_name_or_object"
    )]
    pub schedule: DiscountSchedule,
    /// Timing (default year 0 undiscounted).
    #[serde(default)]
    pub timing: Timing,
}

/// The outputs of a cohort model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortResult {
    /// cohort × engagement × success × (1 − deadweight).
    pub outcomes: f64,
    /// The cost-benefit outputs.
    pub cost_benefit: CostBenefitResult,
}

impl CohortModel {
    /// The number of attributable outcomes.
    ///
    /// # Errors
    ///
    /// `negative_value`/`non_finite` for the cohort; `invalid_adjustment` for a share outside
    /// [0, 1].
    pub fn outcomes(&self) -> Result<f64> {
        check_flow("cohort", &[self.cohort])?;
        if self.cohort < 0.0 {
            return Err(Error::NegativeValue {
                field: "cohort",
                value: self.cohort,
                at: crate::Location::NONE,
            });
        }
        Ok(self.cohort
            * check_share("engagement", self.engagement)?
            * check_share("success", self.success)?
            * (1.0 - check_share("deadweight", self.deadweight)?))
    }

    /// The cost-benefit model the chain produces.
    ///
    /// # Errors
    ///
    /// As [`CohortModel::outcomes`]; `empty_input` without persistence years or unit values.
    pub fn to_cost_benefit(&self) -> Result<CostBenefitModel> {
        let outcomes = self.outcomes()?;
        if self.persistence.is_empty() {
            return Err(Error::EmptyInput {
                what: "persistence by year",
            });
        }
        if self.unit_values.is_empty() {
            return Err(Error::EmptyInput {
                what: "unit values",
            });
        }
        for p in &self.persistence {
            check_share("persistence", *p)?;
        }
        let mut benefits = Vec::with_capacity(self.unit_values.len());
        for u in &self.unit_values {
            check_flow("unit_value", &[u.value])?;
            if u.value < 0.0 {
                return Err(Error::NegativeValue {
                    field: "unit_value",
                    value: u.value,
                    at: crate::Location::NONE,
                });
            }
            let per_year = outcomes * u.value;
            benefits.push(BenefitLine {
                name: format!("{:?}", u.value_type),
                value_type: u.value_type,
                agency: u.agency.clone(),
                by_year: self.persistence.iter().map(|p| per_year * p).collect(),
                optimism_bias: None,
            });
        }
        let m = CostBenefitModel {
            costs: self.costs.clone(),
            benefits,
            schedule: self.schedule.clone(),
            timing: self.timing,
            optimism_bias: self.optimism_bias,
            price_base_year: None,
            deflator_vintage: None,
        };
        m.validate()?;
        Ok(m)
    }

    /// Evaluates the chain.
    ///
    /// # Errors
    ///
    /// As [`CohortModel::to_cost_benefit`] and [`CostBenefitModel::evaluate`].
    pub fn evaluate(&self) -> Result<CohortResult> {
        Ok(CohortResult {
            outcomes: self.outcomes()?,
            cost_benefit: self.to_cost_benefit()?.evaluate()?,
        })
    }
}
