//! Payback periods (spec-economics-spc.md §1.7 PAY01, §9 item 4): when cumulative benefits first
//! cover cumulative costs, simple or discounted, interpolated or by whole periods.
//!
//! Flow convention: under [`Timing::YearZero`] the year-0 net flow falls at time 0; the net flow
//! of year `t ≥ 1` accrues evenly over `(t−1, t]`. Under [`Timing::YearOne`] the first listed year
//! accrues over `(0, 1]`. Interpolated payback is linear within the year it is reached; whole-period
//! payback is the end of that year. PAY01: 2.857142857 years simple (3 by whole years),
//! 3.06369427 discounted.

use super::discounting::{DiscountSchedule, Timing, discounted};
use crate::stats::Reason;
use serde::{Deserialize, Serialize};

/// One payback period: interpolated years and whole years, or null with a reason.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, Timing, payback};
/// let s = DiscountSchedule::flat(0.035)?;
/// let p = payback(&[200_000.0, 0.0, 0.0, 0.0, 0.0], &[0.0, 70_000.0, 70_000.0, 70_000.0, 70_000.0],
///                 &s, Timing::YearZero);
/// assert!((p.simple.years.unwrap() - 2.857142857).abs() < 1e-9);
/// assert_eq!(p.simple.whole_years, Some(3));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PaybackPeriod {
    /// Years to payback with linear interpolation within the year (null if never paid back).
    pub years: Option<f64>,
    /// The end of the year in which payback is reached (whole-period counting).
    pub whole_years: Option<u32>,
    /// Why the period is null (`not_paid_back`).
    pub reason: Option<Reason>,
}

/// Simple (undiscounted) and discounted payback.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, Timing, payback};
/// let s = DiscountSchedule::flat(0.035)?;
/// let p = payback(&[100.0], &[50.0], &s, Timing::YearZero);
/// assert_eq!(p.simple.reason.unwrap().code(), "not_paid_back");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Payback {
    /// On undiscounted flows.
    pub simple: PaybackPeriod,
    /// On discounted flows.
    pub discounted: PaybackPeriod,
}

/// Payback of costs by benefits (both by year, same timing; the shorter is padded with zeros).
/// Inputs are assumed validated (finite); use the cost-benefit model for checked input.
pub fn payback(
    costs: &[f64],
    benefits: &[f64],
    schedule: &DiscountSchedule,
    timing: Timing,
) -> Payback {
    let n = costs.len().max(benefits.len());
    let net: Vec<f64> = (0..n)
        .map(|i| benefits.get(i).copied().unwrap_or(0.0) - costs.get(i).copied().unwrap_or(0.0))
        .collect();
    let disc = discounted(&net, schedule, timing);
    Payback {
        simple: period(&net, timing),
        discounted: period(&disc, timing),
    }
}

/// Payback on one net flow (benefit − cost by year).
fn period(net: &[f64], timing: Timing) -> PaybackPeriod {
    let mut cum = 0.0;
    for (i, v) in net.iter().enumerate() {
        let end = timing.year(i);
        let before = cum;
        cum += v;
        if cum >= 0.0 && (before < 0.0 || i == 0) {
            // A year-0 flow (YearZero) falls at time 0: no interpolation.
            if timing == Timing::YearZero && i == 0 {
                return PaybackPeriod {
                    years: Some(0.0),
                    whole_years: Some(0),
                    reason: None,
                };
            }
            let start = f64::from(end - 1);
            let within = if before < 0.0 { -before / v } else { 0.0 };
            let years = if before < 0.0 { start + within } else { start };
            return PaybackPeriod {
                years: Some(years),
                whole_years: Some(if before < 0.0 { end } else { end - 1 }),
                reason: None,
            };
        }
    }
    PaybackPeriod {
        years: None,
        whole_years: None,
        reason: Some(Reason::NotPaidBack),
    }
}
