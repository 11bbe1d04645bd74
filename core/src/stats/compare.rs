//! Comparison of an estimate with a benchmark, honouring polarity (Fingertips convention: the
//! estimate's interval is compared with the benchmark's value).

use crate::stats::Estimate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which direction is good for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Higher values are better (most ASCOF measures).
    #[default]
    HigherIsBetter,
    /// Lower values are better (e.g. ASCOF 2A admissions to care homes).
    LowerIsBetter,
    /// No judgement: comparisons say higher / lower, never better / worse.
    NoJudgement,
}

string_codes! {
    /// The stable snake_case name.
    Polarity: code, option "polarity", expected "\"higher_is_better\", \"lower_is_better\", \"no_judgement\"" {
        HigherIsBetter = "higher_is_better",
        LowerIsBetter = "lower_is_better",
        NoJudgement = "no_judgement",
    }
}

/// The result of comparing an estimate with a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Significantly better than the benchmark.
    Better,
    /// The interval contains the benchmark.
    Similar,
    /// Significantly worse than the benchmark.
    Worse,
    /// Significantly higher (no polarity).
    Higher,
    /// Significantly lower (no polarity).
    Lower,
    /// Not compared: the value, its interval or the benchmark is missing.
    NotCompared,
}

impl Comparison {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Comparison::Better => "better",
            Comparison::Similar => "similar",
            Comparison::Worse => "worse",
            Comparison::Higher => "higher",
            Comparison::Lower => "lower",
            Comparison::NotCompared => "not_compared",
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Compares an interval [lower, upper] with a benchmark value.
///
/// The result is "above" when lower > benchmark and "below" when upper < benchmark (an interval
/// touching the benchmark is similar), then mapped through the polarity.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{compare_interval, Comparison, Polarity};
/// assert_eq!(compare_interval(Some(50.0), Some(60.0), Some(45.0), Polarity::HigherIsBetter), Comparison::Better);
/// assert_eq!(compare_interval(Some(50.0), Some(60.0), Some(45.0), Polarity::LowerIsBetter), Comparison::Worse);
/// assert_eq!(compare_interval(Some(50.0), Some(60.0), Some(55.0), Polarity::HigherIsBetter), Comparison::Similar);
/// assert_eq!(compare_interval(None, None, Some(55.0), Polarity::HigherIsBetter), Comparison::NotCompared);
/// ```
pub fn compare_interval(
    lower: Option<f64>,
    upper: Option<f64>,
    benchmark: Option<f64>,
    polarity: Polarity,
) -> Comparison {
    let (Some(l), Some(u), Some(b)) = (lower, upper, benchmark) else {
        return Comparison::NotCompared;
    };
    if l.is_nan() || u.is_nan() || b.is_nan() {
        return Comparison::NotCompared;
    }
    let above = l > b;
    let below = u < b;
    match (above, below, polarity) {
        (true, _, Polarity::HigherIsBetter) | (_, true, Polarity::LowerIsBetter) => {
            Comparison::Better
        }
        (true, _, Polarity::LowerIsBetter) | (_, true, Polarity::HigherIsBetter) => {
            Comparison::Worse
        }
        (true, _, Polarity::NoJudgement) => Comparison::Higher,
        (_, true, Polarity::NoJudgement) => Comparison::Lower,
        _ => Comparison::Similar,
    }
}

/// Compares an [`Estimate`] with a benchmark value ([`compare_interval`] on its limits).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{compare, proportion, Comparison, Polarity, ProportionOptions};
/// // Birmingham 2B(1) 2020-21 (291/596 = 48.8%) against England (79.1%).
/// let opts = ProportionOptions { multiplier: 100.0, ..Default::default() };
/// let e = proportion(291.0, 596.0, &opts)?;
/// assert_eq!(compare(&e, Some(79.1), Polarity::HigherIsBetter), Comparison::Worse);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn compare(estimate: &Estimate, benchmark: Option<f64>, polarity: Polarity) -> Comparison {
    if estimate.value.is_none() {
        return Comparison::NotCompared;
    }
    compare_interval(estimate.lower, estimate.upper, benchmark, polarity)
}

/// [`compare_interval`] over columns (NaN means missing). One allocation for the output.
///
/// # Errors
/// `length_mismatch` when the columns differ in length.
pub fn compare_intervals(
    lower: &[f64],
    upper: &[f64],
    benchmark: &[f64],
    polarity: Polarity,
) -> crate::Result<Vec<Comparison>> {
    crate::stats::estimate::check_lengths("upper", lower.len(), upper.len())?;
    crate::stats::estimate::check_lengths("benchmark", lower.len(), benchmark.len())?;
    Ok(lower
        .iter()
        .zip(upper)
        .zip(benchmark)
        .map(|((&l, &u), &b)| compare_interval(Some(l), Some(u), Some(b), polarity))
        .collect())
}

/// [`compare`] over columns (NaN means missing): a row whose value is null is not compared,
/// as in the scalar form. One allocation for the output.
///
/// # Errors
/// `length_mismatch` when the columns differ in length.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{compare_batch, Comparison, Polarity};
/// let c = compare_batch(&[55.0, f64::NAN], &[50.0, 50.0], &[60.0, 60.0], &[45.0, 45.0], Polarity::HigherIsBetter)?;
/// assert_eq!(c, vec![Comparison::Better, Comparison::NotCompared]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn compare_batch(
    value: &[f64],
    lower: &[f64],
    upper: &[f64],
    benchmark: &[f64],
    polarity: Polarity,
) -> crate::Result<Vec<Comparison>> {
    crate::stats::estimate::check_lengths("lower", value.len(), lower.len())?;
    crate::stats::estimate::check_lengths("upper", value.len(), upper.len())?;
    crate::stats::estimate::check_lengths("benchmark", value.len(), benchmark.len())?;
    Ok((0..value.len())
        .map(|i| {
            if value[i].is_nan() {
                Comparison::NotCompared
            } else {
                compare_interval(Some(lower[i]), Some(upper[i]), Some(benchmark[i]), polarity)
            }
        })
        .collect())
}
