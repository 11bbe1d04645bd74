//! Proportions with Wilson score (default) or Clopper–Pearson intervals (spec-statistics.md §2.1).

use crate::error::{Error, Result};
use crate::stats::distribution::beta_quantile;
use crate::stats::estimate::{
    BatchColumns, Columns, check_count, check_lengths, check_multiplier, fill_chunks, row_at,
    run_chunks,
};
use crate::stats::{Confidence, Estimate, Estimates, Method, OnUndefined, Reason, defaults};
use libm::sqrt;
use serde::{Deserialize, Serialize};

/// The interval method for a proportion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProportionMethod {
    /// Wilson score interval (the PHE/Fingertips convention).
    #[default]
    Wilson,
    /// Clopper–Pearson "exact" interval from beta quantiles (conservative).
    ClopperPearson,
}

string_codes! {
    ProportionMethod: option "method", expected "\"wilson\", \"clopper_pearson\" (alias \"exact\")" {
        Wilson = "wilson",
        ClopperPearson = "clopper_pearson" | "exact",
    }
}

/// Options of [`proportion`] and [`proportion_batch`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProportionOptions {
    /// Confidence level as a fraction (default 0.95); None gives the value only.
    pub confidence: Option<f64>,
    /// Multiplier m (default 1; 100 for a percentage).
    pub multiplier: f64,
    /// Interval method (default Wilson).
    pub method: ProportionMethod,
    /// Null with a reason (default) or an error when the proportion is undefined.
    pub on_undefined: OnUndefined,
}

impl Default for ProportionOptions {
    fn default() -> Self {
        ProportionOptions {
            confidence: Some(defaults::CONFIDENCE),
            multiplier: defaults::PROPORTION_MULTIPLIER,
            method: ProportionMethod::Wilson,
            on_undefined: OnUndefined::Null,
        }
    }
}

/// Wilson score limits of x/n on the natural scale, exact at the ends and clamped to [0, 1].
///
/// Requires 0 ≤ x ≤ n and n > 0. U comes from the "+" root and L from the product of the roots,
/// x²/(n(n + k)U), which avoids the cancellation of the "−" root.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{wilson_limits, Confidence};
/// let (lo, hi) = wilson_limits(5.0, 100.0, &Confidence::new(0.95)?);
/// assert!((lo - 0.021543679154367971).abs() < 1e-17);
/// assert!((hi - 0.11175046923191915).abs() < 1e-16);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn wilson_limits(x: f64, n: f64, conf: &Confidence) -> (f64, f64) {
    let z = conf.z();
    let k = z * z;
    if n > WILSON_SCALED_FROM {
        return wilson_limits_scaled(x / n, n, z, k);
    }
    wilson_limits_plain(x, n, z, k)
}

/// The textbook form of [`wilson_limits`] for 0 ≤ x ≤ n, 0 < n ≤ [`WILSON_SCALED_FROM`], with
/// k = z². Written without branches (selects only) so that the batch loop vectorises.
///
/// `f64::sqrt` is IEEE 754's correctly rounded square root, the same bits as `libm::sqrt` (whose
/// `sqrtsd` inline assembly would stop the loop from vectorising).
#[inline]
fn wilson_limits_plain(x: f64, n: f64, z: f64, k: f64) -> (f64, f64) {
    let root = (k + 4.0 * x * (n - x) / n).sqrt();
    let plus = ((2.0 * x + k + z * root) / (2.0 * (n + k))).clamp(0.0, 1.0);
    let upper = if x == n { 1.0 } else { plus };
    // L is the product of the roots over U; at x = n the "+" root is exactly 1, so this is
    // x²/(n(n + k)) itself (× 1.0 is exact).
    let product = (x * x / (n * (n + k) * upper)).clamp(0.0, 1.0);
    let lower = if x == 0.0 { 0.0 } else { product };
    (lower, upper)
}

/// Above this denominator the products x(n − x) and x² in the textbook form can overflow, so
/// [`wilson_limits`] uses the same algebra written in p = x/n.
const WILSON_SCALED_FROM: f64 = 1e150;

/// Wilson limits in terms of p = x/n (for huge n): the upper root
/// (2p + k/n + z·√(k/n² + 4p(1 − p)/n)) / (2(1 + k/n)) and the lower as the product of the roots,
/// p² / ((1 + k/n)·upper).
fn wilson_limits_scaled(p: f64, n: f64, z: f64, k: f64) -> (f64, f64) {
    let kn = k / n;
    let r = sqrt(k / n / n + 4.0 * p * (1.0 - p) / n);
    let upper = if p >= 1.0 {
        1.0
    } else {
        ((2.0 * p + kn + z * r) / (2.0 * (1.0 + kn))).clamp(0.0, 1.0)
    };
    let lower = if p <= 0.0 {
        0.0
    } else {
        let u = if p >= 1.0 { 1.0 } else { upper };
        (p * p / ((1.0 + kn) * u)).clamp(0.0, 1.0)
    };
    (lower.min(p), upper.max(p))
}

/// Clopper–Pearson limits of x/n: beta quantiles B⁻¹(α/2; x, n − x + 1) and
/// B⁻¹(1 − α/2; x + 1, n − x), with 0 at x = 0 and 1 at x = n.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{clopper_pearson_limits, Confidence};
/// // 0 of 10: upper = 1 − (α/2)^(1/10)
/// let (lo, hi) = clopper_pearson_limits(0.0, 10.0, &Confidence::new(0.95)?);
/// assert_eq!(lo, 0.0);
/// assert!((hi - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-14);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn clopper_pearson_limits(x: f64, n: f64, conf: &Confidence) -> (f64, f64) {
    let t = conf.tail();
    let lower = if x == 0.0 {
        0.0
    } else {
        beta_quantile(x, n - x + 1.0, t)
    };
    let upper = if x == n {
        1.0
    } else {
        beta_quantile(x + 1.0, n - x, 1.0 - t)
    };
    (lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0))
}

struct Prepared {
    conf: Option<Confidence>,
    m: f64,
    method: ProportionMethod,
    on_undefined: OnUndefined,
}

fn prepare(opts: &ProportionOptions) -> Result<Prepared> {
    Ok(Prepared {
        conf: crate::stats::confidence::confidence_opt(opts.confidence)?,
        m: check_multiplier(opts.multiplier)?,
        method: opts.method,
        on_undefined: opts.on_undefined,
    })
}

fn row(x: f64, n: f64, p: &Prepared, i: Option<usize>) -> Result<Estimate> {
    let at = || row_at(i);
    check_count("numerator", x, &at)?;
    check_count("denominator", n, &at)?;
    if x.is_nan() || n.is_nan() {
        p.on_undefined.check(Reason::MissingInput, at())?;
        return Ok(Estimate::null(Reason::MissingInput, p.conf));
    }
    if x > n {
        return Err(Error::NumeratorExceedsDenominator {
            numerator: x,
            denominator: n,
            at: at(),
        });
    }
    if n == 0.0 {
        p.on_undefined.check(Reason::ZeroDenominator, at())?;
        return Ok(Estimate::null(Reason::ZeroDenominator, p.conf));
    }
    let value = x / n * p.m;
    let (method, lower, upper) = match (&p.conf, p.method) {
        (None, ProportionMethod::Wilson) => (Method::Wilson, None, None),
        (None, ProportionMethod::ClopperPearson) => (Method::ClopperPearson, None, None),
        (Some(c), ProportionMethod::Wilson) => {
            let (l, u) = wilson_limits(x, n, c);
            (Method::Wilson, Some(l * p.m), Some(u * p.m))
        }
        (Some(c), ProportionMethod::ClopperPearson) => {
            let (l, u) = clopper_pearson_limits(x, n, c);
            (Method::ClopperPearson, Some(l * p.m), Some(u * p.m))
        }
    };
    Ok(Estimate {
        value: Some(value),
        lower,
        upper,
        confidence: p.conf,
        method: Some(method),
        reason: None,
    })
}

/// The proportion x/n × m with its interval.
///
/// * x and n need not be integers; NaN means missing (null with `missing_input`).
/// * n = 0 gives null with `zero_denominator`.
///
/// # Errors
/// `negative_value`, `non_finite`, `numerator_exceeds_denominator`, `invalid_confidence`,
/// `invalid_multiplier`; `undefined_statistic` with `on_undefined = Error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{proportion, ProportionOptions};
/// // Leeds 2B(1) 2020-21: 105 of 129 still at home 91 days after discharge.
/// let opts = ProportionOptions { multiplier: 100.0, ..Default::default() };
/// let e = proportion(105.0, 129.0, &opts)?;
/// assert_eq!(e.method.unwrap().label(), "Wilson");
/// assert!((e.value.unwrap() - 81.3953488372093).abs() < 1e-12);
/// assert!(e.lower.unwrap() < 81.4 && e.upper.unwrap() > 81.4);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn proportion(x: f64, n: f64, opts: &ProportionOptions) -> Result<Estimate> {
    let p = prepare(opts)?;
    row(x, n, &p, None)
}

/// [`proportion`] with the level already validated (an evaluation validates it once for all its
/// values) and null for an undefined value.
pub(crate) fn proportion_at(
    x: f64,
    n: f64,
    conf: Option<Confidence>,
    multiplier: f64,
    method: ProportionMethod,
) -> Result<Estimate> {
    let p = Prepared {
        conf,
        m: check_multiplier(multiplier)?,
        method,
        on_undefined: OnUndefined::Null,
    };
    row(x, n, &p, None)
}

/// [`proportion`] over columns; row i uses `x[i]` and `n[i]`.
///
/// # Errors
/// As [`proportion`], with the row index; `length_mismatch` when the columns differ in length.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{proportion_batch, ProportionOptions};
/// let out = proportion_batch(&[1.0, 0.0], &[2.0, 0.0], &ProportionOptions::default())?;
/// assert_eq!(out.value[0], 0.5);
/// assert_eq!(out.reason[1].unwrap().code(), "zero_denominator");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn proportion_batch(x: &[f64], n: &[f64], opts: &ProportionOptions) -> Result<Estimates> {
    check_lengths("denominator", x.len(), n.len())?;
    let p = prepare(opts)?;
    run_chunks(x.len(), p.conf, |start, cols| fill(x, n, &p, start, cols))
}

/// [`proportion_batch`] into columns the caller provides (see [`BatchColumns`]); returns the
/// level of the intervals (None when no interval was asked for).
///
/// # Errors
/// As [`proportion_batch`]; `length_mismatch` when an output column is not as long as `x`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{BatchColumns, ProportionOptions, proportion_batch_into};
/// let (mut v, mut l, mut u, mut m, mut r) = ([0.0; 1], [0.0; 1], [0.0; 1], [None; 1], [None; 1]);
/// let out = BatchColumns { value: &mut v, lower: &mut l, upper: &mut u, method: &mut m, reason: &mut r };
/// proportion_batch_into(&[5.0], &[100.0], &ProportionOptions::default(), out)?;
/// assert_eq!(v[0], 0.05);
/// assert!((l[0] - 0.021543679154367971).abs() < 1e-17);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn proportion_batch_into(
    x: &[f64],
    n: &[f64],
    opts: &ProportionOptions,
    out: BatchColumns<'_>,
) -> Result<Option<Confidence>> {
    check_lengths("denominator", x.len(), n.len())?;
    out.check_len(x.len())?;
    let p = prepare(opts)?;
    fill_chunks(out, |start, cols| fill(x, n, &p, start, cols))?;
    Ok(p.conf)
}

/// Rows `start..start + cols.len()` of a proportion batch.
fn fill(x: &[f64], n: &[f64], p: &Prepared, start: usize, mut cols: Columns<'_>) -> Result<()> {
    let by_row = |i: usize, (): &mut ()| row(x[i], n[i], p, Some(i));
    match (p.conf, p.method) {
        (Some(c), ProportionMethod::Wilson) => {
            wilson_chunk(x, n, start, &c, p.m, &mut cols, &by_row)
        }
        _ => cols.fill(start, &mut (), &by_row),
    }
}

/// Rows per block of the Wilson fast path.
const BLOCK: usize = 1024;

/// Wilson rows `start..start + cols.len()` block by block: a block whose rows are all ordinary
/// (0 ≤ x ≤ n, 0 < n ≤ [`WILSON_SCALED_FROM`]) is computed in one branch-free loop straight into
/// the columns; any other block (a null, an error, a huge n) goes row by row through `row`, so
/// the bits, the reasons and the first error are those of the row-by-row path.
// `&` rather than `&&` in the block test: no branch per row, so the test vectorises.
#[allow(clippy::needless_bitwise_bool)]
fn wilson_chunk<F>(
    x: &[f64],
    n: &[f64],
    start: usize,
    conf: &Confidence,
    m: f64,
    cols: &mut Columns<'_>,
    row: &F,
) -> Result<()>
where
    F: Fn(usize, &mut ()) -> Result<Estimate>,
{
    let z = conf.z();
    let k = z * z;
    let len = cols.len();
    let mut from = 0;
    while from < len {
        let to = (from + BLOCK).min(len);
        let xs = &x[start + from..start + to];
        let ns = &n[start + from..start + to];
        let ordinary = xs.iter().zip(ns).fold(true, |all, (&x, &n)| {
            all & (n > 0.0) & (n <= WILSON_SCALED_FROM) & (x >= 0.0) & (x <= n)
        });
        let block = cols.range(from, to);
        if ordinary {
            let rows = xs.iter().zip(ns);
            let out = block.value.iter_mut().zip(block.lower.iter_mut());
            for (((&x, &n), (v, l)), u) in rows.zip(out).zip(block.upper.iter_mut()) {
                let (lo, hi) = wilson_limits_plain(x, n, z, k);
                *v = x / n * m;
                *l = lo * m;
                *u = hi * m;
            }
            block.method.fill(Some(Method::Wilson));
            block.reason.fill(None);
        } else {
            block.fill(start + from, &mut (), row)?;
        }
        from = to;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook branches as they were written before the batch fast path: the branch-free
    /// form must give the same bits.
    fn branching(x: f64, n: f64, z: f64, k: f64) -> (f64, f64) {
        let upper = if x == n {
            1.0
        } else {
            let root = sqrt(k + 4.0 * x * (n - x) / n);
            ((2.0 * x + k + z * root) / (2.0 * (n + k))).clamp(0.0, 1.0)
        };
        let lower = if x == 0.0 {
            0.0
        } else if x == n {
            (x * x / (n * (n + k))).clamp(0.0, 1.0)
        } else {
            (x * x / (n * (n + k) * upper)).clamp(0.0, 1.0)
        };
        (lower, upper)
    }

    #[test]
    fn branch_free_wilson_has_the_bits_of_the_branches() {
        let mut checked = 0;
        for level in [0.8, 0.95, 0.998, 0.999_999] {
            let c = Confidence::new(level).unwrap();
            let (z, k) = (c.z(), c.z() * c.z());
            for n in [
                1e-3_f64, 0.5, 1.0, 2.0, 3.0, 7.5, 50.0, 129.0, 5000.0, 1e7, 1e15, 1e100, 1e150,
            ] {
                for f in [0.0, 1e-9, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.81, 0.999, 1.0] {
                    for x in [f * n, (f * n).floor(), -0.0] {
                        let got = wilson_limits_plain(x, n, z, k);
                        let want = branching(x, n, z, k);
                        assert_eq!(got.0.to_bits(), want.0.to_bits(), "{x}/{n} at {level}");
                        assert_eq!(got.1.to_bits(), want.1.to_bits(), "{x}/{n} at {level}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 4 * 13 * 9 * 3);
    }
}
