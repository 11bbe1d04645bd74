//! Means with Student t intervals (spec-statistics.md §2.4), from a mergeable accumulator.

use crate::error::{Error, Location, Result};
use crate::stats::aggregate::NeumaierSum;
use crate::stats::distribution::student_t_upper_quantile;
use crate::stats::{Confidence, Estimate, Method, OnUndefined, Reason, defaults};
use libm::sqrt;
use serde::{Deserialize, Serialize};

/// Options of [`mean`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeanOptions {
    /// Confidence level as a fraction (default 0.95); None gives the value only.
    pub confidence: Option<f64>,
    /// Drop missing values (NaN) instead of making the result null (default false).
    pub skip_missing: bool,
    /// Null with a reason (default) or an error when the mean or its interval is undefined.
    pub on_undefined: OnUndefined,
}

impl Default for MeanOptions {
    fn default() -> Self {
        MeanOptions {
            confidence: Some(defaults::CONFIDENCE),
            skip_missing: defaults::SKIP_MISSING,
            on_undefined: OnUndefined::Null,
        }
    }
}

/// Count, mean and sum of squared deviations (Welford), merged with Chan's formula, so that a
/// partitioned run gives the same answer as one pass (up to rounding).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::MeanAccumulator;
/// let mut a = MeanAccumulator::default();
/// a.push(30.0); a.push(40.0);
/// let mut b = MeanAccumulator::default();
/// b.push(50.0); b.push(60.0);
/// a.merge(&b);
/// assert_eq!(a.count(), 4);
/// assert_eq!(a.mean(), Some(45.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct MeanAccumulator {
    count: u64,
    mean: f64,
    m2: f64,
    sum: NeumaierSum,
    missing: u64,
}

impl MeanAccumulator {
    /// Adds one value; NaN is counted as missing.
    pub fn push(&mut self, y: f64) {
        if y.is_nan() {
            self.missing += 1;
            return;
        }
        self.count += 1;
        let delta = y - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (y - self.mean);
        self.sum.add(y);
    }

    /// Merges another accumulator into this one (Chan et al.).
    pub fn merge(&mut self, other: &MeanAccumulator) {
        if other.count == 0 {
            self.missing += other.missing;
            return;
        }
        if self.count == 0 {
            let missing = self.missing;
            *self = *other;
            self.missing += missing;
            return;
        }
        let n_a = self.count as f64;
        let n_b = other.count as f64;
        let n = n_a + n_b;
        let delta = other.mean - self.mean;
        self.mean += delta * n_b / n;
        self.m2 += other.m2 + delta * delta * n_a * n_b / n;
        self.count += other.count;
        self.sum.merge(&other.sum);
        self.missing += other.missing;
    }

    /// Number of values used.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Number of missing values seen.
    pub fn missing(&self) -> u64 {
        self.missing
    }

    /// The mean, or None with no values.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then_some(self.mean)
    }

    /// The sum of the values used.
    pub fn sum(&self) -> f64 {
        self.sum.value()
    }

    /// The sample standard deviation (divisor n − 1), or None with fewer than 2 values.
    pub fn stdev(&self) -> Option<f64> {
        (self.count > 1).then(|| sqrt(self.m2 / (self.count - 1) as f64))
    }

    /// The mean and its Student t interval from this accumulator.
    ///
    /// # Errors
    /// `invalid_confidence`; `undefined_statistic` with `on_undefined = Error`.
    pub fn estimate(&self, opts: &MeanOptions) -> Result<MeanEstimate> {
        let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
        let base = MeanEstimate {
            estimate: Estimate::null(Reason::InsufficientValues, conf),
            value_sum: self.sum(),
            value_count: self.count,
            stdev: self.stdev(),
        };
        if self.missing > 0 && !opts.skip_missing {
            opts.on_undefined
                .check(Reason::MissingInput, Location::NONE)?;
            let mut out = base;
            out.estimate.reason = Some(Reason::MissingInput);
            return Ok(out);
        }
        if self.count == 0 {
            opts.on_undefined
                .check(Reason::InsufficientValues, Location::NONE)?;
            return Ok(base);
        }
        let mut out = base;
        out.estimate.value = Some(self.mean);
        out.estimate.method = Some(Method::StudentT);
        if self.count == 1 {
            if conf.is_some() {
                opts.on_undefined
                    .check(Reason::InsufficientValues, Location::NONE)?;
                out.estimate.reason = Some(Reason::InsufficientValues);
            } else {
                out.estimate.reason = None;
            }
            return Ok(out);
        }
        out.estimate.reason = None;
        if let Some(c) = conf {
            let nu = (self.count - 1) as f64;
            let t = student_t_upper_quantile(nu, c.tail());
            let half = t * self.stdev().unwrap_or(0.0) / sqrt(self.count as f64);
            out.estimate.lower = Some(self.mean - half);
            out.estimate.upper = Some(self.mean + half);
        }
        Ok(out)
    }
}

/// A mean with its interval and the extra fields of spec-statistics.md §2.4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeanEstimate {
    /// Value, limits, level, method ("Student's t-distribution") and reason.
    pub estimate: Estimate,
    /// Sum of the values used.
    pub value_sum: f64,
    /// Number of values used (missing values are not counted).
    pub value_count: u64,
    /// Sample standard deviation, None with fewer than 2 values.
    pub stdev: Option<f64>,
}

/// The mean of `values` with a Student t interval ȳ ∓ t_{c,n−1}·s/√n.
///
/// Negative values are allowed. One value keeps the value and nulls the limits
/// (`insufficient_values`); none nulls everything. A missing value (NaN) nulls the result
/// (`missing_input`) unless `skip_missing`.
///
/// # Errors
/// `non_finite` for ±∞; `invalid_confidence`; `undefined_statistic` with `on_undefined = Error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{mean, MeanOptions};
/// let m = mean(&[30.0, 40.0, 50.0, 60.0], &MeanOptions::default())?;
/// assert_eq!(m.estimate.value, Some(45.0));
/// assert!((m.estimate.lower.unwrap() - 24.457397432394792).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn mean(values: &[f64], opts: &MeanOptions) -> Result<MeanEstimate> {
    let mut acc = MeanAccumulator::default();
    for (i, &y) in values.iter().enumerate() {
        if y.is_infinite() {
            return Err(Error::NonFinite {
                field: "values",
                value: y,
                at: Location::row(i),
            });
        }
        acc.push(y);
    }
    acc.estimate(opts)
}

/// The t critical value t_{c,ν} for a level (exposed for tests and other modules).
pub fn t_critical(conf: &Confidence, nu: f64) -> f64 {
    student_t_upper_quantile(nu, conf.tail())
}
