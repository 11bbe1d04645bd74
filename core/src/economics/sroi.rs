//! Social Return on Investment (spec-economics-spc.md §2): outcomes × financial proxies, net of
//! deadweight, displacement and attribution (each a share of what remains), with drop-off from
//! year 2, over a duration; present value, SROI ratio, net SROI ratio and payback.
//!
//! ```text
//! impact_1 = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
//! impact_t = impact_{t−1} × (1 − drop_off)                t = 2..duration
//! PV       = Σ_t impact_t · D_t        (timing: year_one = the guide; year_zero = year 1 undiscounted)
//! sroi_ratio = PV / inputs;  net_sroi_ratio = (PV − inputs) / inputs;  inputs undiscounted
//! payback_months = inputs / (year-1 impact / 12)          (the guide's simple formula)
//! ```

use super::cost_benefit::default_schedule;
use super::discounting::{DiscountSchedule, Timing, check_flow, discounted};
use super::optimism_bias::check_share;
use super::payback::{Payback, payback};
use crate::error::{Error, Result};
use crate::stats::Reason;
use serde::{Deserialize, Serialize};

/// Whether drop-off first applies in year 2 (the SROI guide) or already in year 1.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::DropOffStart;
/// assert_eq!(DropOffStart::default(), DropOffStart::Year2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DropOffStart {
    /// Year 1 at full impact; drop-off from year 2 (the guide).
    #[default]
    Year2,
    /// Year 1 already reduced by the drop-off.
    Year1,
}

/// One outcome of an impact map.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::SroiOutcome;
/// let o = SroiOutcome { name: "x".into(), quantity: 60.0, financial_proxy: 8500.0,
///     deadweight: 0.4, displacement: 0.0, attribution: 0.3, drop_off: 0.3, duration_years: 2 };
/// assert!((o.impact_by_year(Default::default())?[0] - 214_200.0).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SroiOutcome {
    /// The outcome.
    pub name: String,
    /// How many people (or units) experience it (≥ 0).
    pub quantity: f64,
    /// Value of one unit of the outcome per year (≥ 0).
    pub financial_proxy: f64,
    /// Share that would have happened anyway, in [0, 1].
    #[serde(default)]
    pub deadweight: f64,
    /// Share that merely moves an outcome elsewhere, in [0, 1].
    #[serde(default)]
    pub displacement: f64,
    /// Share owed to others, in [0, 1].
    #[serde(default)]
    pub attribution: f64,
    /// Annual decline after year 1, in [0, 1].
    #[serde(default)]
    pub drop_off: f64,
    /// Years the outcome lasts (≥ 1).
    pub duration_years: u32,
}

impl SroiOutcome {
    /// Checks the outcome.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::SroiOutcome;
    /// let o = SroiOutcome { name: "x".into(), quantity: 1.0, financial_proxy: 1.0,
    ///     deadweight: -0.1, displacement: 0.0, attribution: 0.0, drop_off: 0.0, duration_years: 1 };
    /// assert_eq!(o.validate().unwrap_err().code(), "invalid_adjustment");
    /// ```
    pub fn validate(&self) -> Result<()> {
        for (field, v) in [
            ("quantity", self.quantity),
            ("financial_proxy", self.financial_proxy),
        ] {
            check_flow(field, &[v])?;
            if v < 0.0 {
                return Err(Error::NegativeValue {
                    field,
                    value: v,
                    at: crate::Location::group(self.name.clone()),
                });
            }
        }
        check_share("deadweight", self.deadweight)?;
        check_share("displacement", self.displacement)?;
        check_share("attribution", self.attribution)?;
        check_share("drop_off", self.drop_off)?;
        if self.duration_years == 0 {
            return Err(Error::EmptyInput {
                what: "outcome duration (years)",
            });
        }
        super::discounting::check_years(self.duration_years)?;
        Ok(())
    }

    /// The impact in each year of the duration.
    ///
    /// # Errors
    ///
    /// As [`SroiOutcome::validate`].
    pub fn impact_by_year(&self, drop_off_start: DropOffStart) -> Result<Vec<f64>> {
        self.validate()?;
        let mut v = self.quantity
            * self.financial_proxy
            * (1.0 - self.deadweight)
            * (1.0 - self.displacement)
            * (1.0 - self.attribution);
        if drop_off_start == DropOffStart::Year1 {
            v *= 1.0 - self.drop_off;
        }
        let mut out = Vec::with_capacity(self.duration_years as usize);
        for t in 0..self.duration_years {
            if t > 0 {
                v *= 1.0 - self.drop_off;
            }
            out.push(v);
        }
        Ok(out)
    }
}

/// The drop-off profile `V_t = V_1 (1 − d)^(t−1)`, t = 1..years (vector DROP01).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::drop_off_profile;
/// let v = drop_off_profile(100.0, 0.1, 3)?;
/// assert!((v[2] - 81.0).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn drop_off_profile(first_year: f64, drop_off: f64, years: u32) -> Result<Vec<f64>> {
    SroiOutcome {
        name: "profile".to_owned(),
        quantity: 1.0,
        financial_proxy: 1.0,
        deadweight: 0.0,
        displacement: 0.0,
        attribution: 0.0,
        drop_off,
        duration_years: years,
    }
    .impact_by_year(DropOffStart::Year2)
    .map(|v| v.into_iter().map(|x| x * first_year).collect())
}

/// An SROI model: an impact map and the value of inputs.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, SroiModel, SroiOutcome, Timing};
/// // SROI02 (the guide: year 1 discounted).
/// let m = SroiModel {
///     outcomes: vec![SroiOutcome { name: "independence".into(), quantity: 60.0,
///         financial_proxy: 8500.0, deadweight: 0.4, displacement: 0.0, attribution: 0.3,
///         drop_off: 0.3, duration_years: 2 }],
///     inputs: 250_000.0,
///     schedule: DiscountSchedule::flat(0.035)?,
///     timing: Timing::YearOne,
///     drop_off_start: Default::default(),
/// };
/// let r = m.evaluate()?;
/// assert!((r.sroi_ratio - 1.387708465).abs() < 1e-9);
/// assert!((r.net_sroi_ratio - 0.3877084646).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SroiModel {
    /// The outcomes (at least one).
    pub outcomes: Vec<SroiOutcome>,
    /// Value of inputs (investment), undiscounted, > 0.
    pub inputs: f64,
    /// Discount schedule (default Green Book 2022 standard).
    #[serde(
        default = "default_schedule",
        deserialize_with = "super::discounting::schedule_from_name_or_object"
    )]
    pub schedule: DiscountSchedule,
    /// `year_one` (default, the guide: year 1 discounted) or `year_zero` (year 1 undiscounted).
    #[serde(default = "year_one")]
    pub timing: Timing,
    /// Drop-off from year 2 (default, the guide) or year 1.
    #[serde(default)]
    pub drop_off_start: DropOffStart,
}

fn year_one() -> Timing {
    Timing::YearOne
}

/// The outputs of an SROI model.
///
/// # Examples
///
/// See [`SroiModel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SroiResult {
    /// Total impact by year (year 1 first), undiscounted.
    pub impact_by_year: Vec<f64>,
    /// PV of the impact.
    pub pv_impact: f64,
    /// Value of inputs.
    pub inputs: f64,
    /// PV(impact) − inputs.
    pub net_present_value: f64,
    /// PV(impact) / inputs ("£x of social value per £1").
    pub sroi_ratio: f64,
    /// (PV(impact) − inputs) / inputs = sroi_ratio − 1.
    pub net_sroi_ratio: f64,
    /// The guide's simple payback: inputs / (year-1 impact / 12), in months (null if the
    /// year-1 impact is 0).
    pub payback_months: Option<f64>,
    /// Why `payback_months` is null.
    pub payback_months_reason: Option<Reason>,
    /// Cumulative payback of the inputs (at time 0) by the impacts.
    pub payback: Payback,
    /// Schedule name.
    pub schedule: String,
    /// Timing convention.
    pub timing: Timing,
    /// Drop-off convention.
    pub drop_off_start: DropOffStart,
}

impl SroiModel {
    /// Checks the model.
    ///
    /// # Errors
    ///
    /// `empty_input` without outcomes; `zero_cost` for inputs of 0; `negative_value`,
    /// `non_finite`, `invalid_adjustment` for bad figures.
    pub fn validate(&self) -> Result<()> {
        self.schedule.validate()?;
        if self.outcomes.is_empty() {
            return Err(Error::EmptyInput { what: "outcomes" });
        }
        check_flow("inputs", &[self.inputs])?;
        if self.inputs < 0.0 {
            return Err(Error::NegativeValue {
                field: "inputs",
                value: self.inputs,
                at: crate::Location::NONE,
            });
        }
        if self.inputs == 0.0 {
            return Err(Error::ZeroCost { what: "sroi_ratio" });
        }
        for o in &self.outcomes {
            o.validate()?;
        }
        Ok(())
    }

    /// Evaluates the model.
    ///
    /// # Errors
    ///
    /// As [`SroiModel::validate`].
    pub fn evaluate(&self) -> Result<SroiResult> {
        self.validate()?;
        let years = self
            .outcomes
            .iter()
            .map(|o| o.duration_years as usize)
            .max()
            .unwrap_or(0);
        let mut impact = vec![0.0; years];
        for o in &self.outcomes {
            for (i, v) in o.impact_by_year(self.drop_off_start)?.iter().enumerate() {
                impact[i] += v;
            }
        }
        let pv_impact: f64 = discounted(&impact, &self.schedule, self.timing)
            .iter()
            .sum();
        let npv = pv_impact - self.inputs;
        let (payback_months, payback_months_reason) = if impact[0] > 0.0 {
            (Some(self.inputs / (impact[0] / 12.0)), None)
        } else {
            (None, Some(Reason::NotPaidBack))
        };
        // Inputs fall at time 0: list them before year 1 on a year-zero axis.
        let (costs, benefits, timing) = match self.timing {
            Timing::YearOne => {
                let mut b = vec![0.0];
                b.extend_from_slice(&impact);
                (vec![self.inputs], b, Timing::YearZero)
            }
            Timing::YearZero => (vec![self.inputs], impact.clone(), Timing::YearZero),
        };
        Ok(SroiResult {
            payback: payback(&costs, &benefits, &self.schedule, timing),
            impact_by_year: impact,
            pv_impact,
            inputs: self.inputs,
            net_present_value: npv,
            sroi_ratio: pv_impact / self.inputs,
            net_sroi_ratio: npv / self.inputs,
            payback_months,
            payback_months_reason,
            schedule: self.schedule.name.clone(),
            timing: self.timing,
            drop_off_start: self.drop_off_start,
        })
    }
}
