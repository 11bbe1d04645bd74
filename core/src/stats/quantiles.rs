//! Deprivation quantiles (spec-statistics.md §2.8; Fingertips *Assigning Deprivation
//! Categories*), in exact integer arithmetic.

use crate::error::{Error, Result};
use crate::stats::Reason;

/// Validates a quantile count given as a number (from a face): an integer of at least 2.
///
/// # Errors
/// `invalid_quantile_count`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::quantile_count;
/// assert_eq!(quantile_count(5.0)?, 5);
/// assert_eq!(quantile_count(2.5).unwrap_err().code(), "invalid_quantile_count");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn quantile_count(q: f64) -> Result<u32> {
    if q.is_finite() && q.fract() == 0.0 && (2.0..=f64::from(u32::MAX)).contains(&q) {
        Ok(q as u32)
    } else {
        Err(Error::InvalidQuantileCount { value: q })
    }
}

/// Assigns each value a quantile 1..=q: quantile = q + 1 − ⌈(N + 1 − r)·q / N⌉, where r is the
/// "min" rank of the value (ascending, or descending when `invert`) and N the number of
/// non-missing values. With `invert` (the Fingertips default) the highest value gets quantile 1.
///
/// Missing values (NaN) get None. Fewer values than quantiles gives every value None and the
/// reason `too_few_areas`.
///
/// # Errors
/// `invalid_quantile_count` when q < 2; `non_finite` for ±∞.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::quantiles;
/// let v = [10., 20., 20., 30., 40., 50., 60., 70., 80., f64::NAN, 95., 100.];
/// let (q, reason) = quantiles(&v, 5, false)?;
/// assert_eq!(reason, None);
/// assert_eq!(q, vec![Some(1), Some(1), Some(1), Some(2), Some(2), Some(3), Some(3),
///                    Some(4), Some(4), None, Some(5), Some(5)]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn quantiles(
    values: &[f64],
    q: u32,
    invert: bool,
) -> Result<(Vec<Option<u32>>, Option<Reason>)> {
    if q < 2 {
        return Err(Error::InvalidQuantileCount {
            value: f64::from(q),
        });
    }
    for (i, v) in values.iter().enumerate() {
        if v.is_infinite() {
            return Err(Error::NonFinite {
                field: "values",
                value: *v,
                at: crate::error::Location::row(i),
            });
        }
    }
    let mut present: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = present.len() as u64;
    if n < u64::from(q) {
        return Ok((vec![None; values.len()], Some(Reason::TooFewAreas)));
    }
    present.sort_by(f64::total_cmp);
    let q64 = u64::from(q);
    let out = values
        .iter()
        .map(|&v| {
            if v.is_nan() {
                return None;
            }
            // "min" rank: 1 + the number of values ranked strictly before v.
            let before = if invert {
                present.len() - present.partition_point(|&p| p <= v)
            } else {
                present.partition_point(|&p| p < v)
            } as u64;
            let r = before + 1;
            let a = n + 1 - r;
            let ceil = (a * q64).div_ceil(n);
            Some((q64 + 1 - ceil) as u32)
        })
        .collect();
    Ok((out, None))
}

/// Per-row quantiles and, per group, its key and the reason its quantiles are null.
pub type GroupedQuantiles<K> = (Vec<Option<u32>>, Vec<(K, Option<Reason>)>);

/// [`quantiles`] per group, with an invert flag per row that must be constant within its group.
/// Returns per row the quantile, and per group (in order of first appearance) the key and the
/// reason its quantiles are null, if any.
///
/// # Errors
/// `length_mismatch`, `inconsistent_invert`, and the errors of [`quantiles`].
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::quantiles_grouped;
/// let (q, _) = quantiles_grouped(&["a", "a", "b", "b"], &[1.0, 2.0, 5.0, 3.0], 2, &[false, false, true, true])?;
/// assert_eq!(q, vec![Some(1), Some(2), Some(1), Some(2)]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn quantiles_grouped<K: Eq + std::hash::Hash + Clone + std::fmt::Display>(
    groups: &[K],
    values: &[f64],
    q: u32,
    invert: &[bool],
) -> Result<GroupedQuantiles<K>> {
    crate::stats::estimate::check_lengths("values", groups.len(), values.len())?;
    crate::stats::estimate::check_lengths("invert", groups.len(), invert.len())?;
    let mut out = vec![None; values.len()];
    let mut reasons = Vec::new();
    for (key, rows) in crate::stats::aggregate::group_rows(groups) {
        let flag = invert[rows[0]];
        if let Some(&r) = rows.iter().find(|&&r| invert[r] != flag) {
            return Err(Error::InconsistentInvert {
                at: crate::error::Location {
                    row: Some(r),
                    group: Some(key.to_string()),
                },
            });
        }
        let vals: Vec<f64> = rows.iter().map(|&r| values[r]).collect();
        let (qs, reason) = quantiles(&vals, q, flag).map_err(|e| e.in_group(&key.to_string()))?;
        for (&r, v) in rows.iter().zip(qs) {
            out[r] = v;
        }
        reasons.push((key, reason));
    }
    Ok((out, reasons))
}
