//! Exact summation and aggregation of counts by group (spec-statistics.md §1.7).
//!
//! Integer-valued counts sum exactly (f64 is exact up to 2⁵³); other values use Neumaier's
//! compensated summation. Partial aggregates merge, so a partitioned run equals one pass.

use crate::error::Result;
use crate::stats::estimate::{check_count, check_lengths, row_at};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hash;

/// Neumaier's compensated sum.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::NeumaierSum;
/// let mut s = NeumaierSum::default();
/// for v in [1.0, 1e100, 1.0, -1e100] { s.add(v); }
/// assert_eq!(s.value(), 2.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct NeumaierSum {
    sum: f64,
    compensation: f64,
}

impl NeumaierSum {
    /// Adds a value.
    pub fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if libm::fabs(self.sum) >= libm::fabs(v) {
            self.compensation += (self.sum - t) + v;
        } else {
            self.compensation += (v - t) + self.sum;
        }
        self.sum = t;
    }

    /// Merges another partial sum.
    pub fn merge(&mut self, other: &NeumaierSum) {
        self.add(other.sum);
        self.add(other.compensation);
    }

    /// The compensated total.
    pub fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// Σx and Σn for one group, with the number of rows used and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CountTotals {
    numerator: NeumaierSum,
    denominator: NeumaierSum,
    /// Rows summed.
    pub rows: u64,
    /// Rows with a missing numerator or denominator.
    pub missing_rows: u64,
}

impl CountTotals {
    /// Adds one row (NaN counts as missing).
    pub fn push(&mut self, x: f64, n: f64) {
        if x.is_nan() || n.is_nan() {
            self.missing_rows += 1;
        } else {
            self.numerator.add(x);
            self.denominator.add(n);
            self.rows += 1;
        }
    }

    /// Merges another partial total.
    pub fn merge(&mut self, other: &CountTotals) {
        self.numerator.merge(&other.numerator);
        self.denominator.merge(&other.denominator);
        self.rows += other.rows;
        self.missing_rows += other.missing_rows;
    }

    /// Σx, or NaN (missing) when a row was missing and `skip_missing` is off.
    pub fn numerator(&self, skip_missing: bool) -> f64 {
        if self.missing_rows > 0 && !skip_missing {
            f64::NAN
        } else {
            self.numerator.value()
        }
    }

    /// Σn, or NaN (missing) when a row was missing and `skip_missing` is off.
    pub fn denominator(&self, skip_missing: bool) -> f64 {
        if self.missing_rows > 0 && !skip_missing {
            f64::NAN
        } else {
            self.denominator.value()
        }
    }
}

/// Counts summed per group, groups in order of first appearance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupedCounts<K> {
    /// Group keys.
    pub keys: Vec<K>,
    /// Σx per group (NaN where a row was missing and `skip_missing` was off).
    pub numerator: Vec<f64>,
    /// Σn per group (NaN likewise).
    pub denominator: Vec<f64>,
    /// Rows summed per group.
    pub rows: Vec<u64>,
    /// Rows with a missing value per group.
    pub missing_rows: Vec<u64>,
}

/// Sums numerators and denominators by group key. Feed the result to
/// [`proportion_batch`](crate::stats::proportion_batch) or [`rate_batch`](crate::stats::rate_batch):
/// thresholds such as the exact/Byar switch then apply to the aggregated counts.
///
/// # Errors
/// `length_mismatch`, `negative_value`, `non_finite`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::aggregate_counts;
/// let g = aggregate_counts(&["a", "b", "a"], &[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0], false)?;
/// assert_eq!(g.keys, vec!["a", "b"]);
/// assert_eq!(g.numerator, vec![4.0, 2.0]);
/// assert_eq!(g.denominator, vec![40.0, 20.0]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn aggregate_counts<K: Eq + Hash + Clone>(
    keys: &[K],
    x: &[f64],
    n: &[f64],
    skip_missing: bool,
) -> Result<GroupedCounts<K>> {
    check_lengths("numerator", keys.len(), x.len())?;
    check_lengths("denominator", keys.len(), n.len())?;
    let mut index: HashMap<&K, usize> = HashMap::new();
    let mut order: Vec<K> = Vec::new();
    let mut totals: Vec<CountTotals> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let at = || row_at(Some(i));
        check_count("numerator", x[i], &at)?;
        check_count("denominator", n[i], &at)?;
        let g = *index.entry(k).or_insert_with(|| {
            order.push(k.clone());
            totals.push(CountTotals::default());
            totals.len() - 1
        });
        totals[g].push(x[i], n[i]);
    }
    Ok(GroupedCounts {
        keys: order,
        numerator: totals.iter().map(|t| t.numerator(skip_missing)).collect(),
        denominator: totals.iter().map(|t| t.denominator(skip_missing)).collect(),
        rows: totals.iter().map(|t| t.rows).collect(),
        missing_rows: totals.iter().map(|t| t.missing_rows).collect(),
    })
}

/// Row indices per group key, groups in order of first appearance.
pub(crate) fn group_rows<K: Eq + Hash + Clone>(keys: &[K]) -> Vec<(K, Vec<usize>)> {
    let mut index: HashMap<&K, usize> = HashMap::new();
    let mut out: Vec<(K, Vec<usize>)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let g = *index.entry(k).or_insert_with(|| {
            out.push((k.clone(), Vec::new()));
            out.len() - 1
        });
        out[g].1.push(i);
    }
    out
}
