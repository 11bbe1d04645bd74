//! Crude rates x/n × m with Poisson intervals (spec-statistics.md §2.3).

use crate::error::Result;
use crate::stats::estimate::{
    BatchColumns, Columns, check_count, check_lengths, check_multiplier, fill_chunks, row_at,
    run_batch, run_chunks,
};
use crate::stats::poisson::{BYAR_SWITCH, ExactCache, byar_lower_z, byar_upper_z};
use crate::stats::{
    Confidence, Estimate, Estimates, Method, OnUndefined, PoissonMethod, Reason, defaults,
};
use serde::{Deserialize, Serialize};

/// Options of [`rate`] and [`rate_batch`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateOptions {
    /// Confidence level as a fraction (default 0.95); None gives the value only.
    pub confidence: Option<f64>,
    /// Multiplier m: the rate is per m (default 100,000).
    pub multiplier: f64,
    /// Interval method (default: exact below 10 events, Byar from 10).
    pub method: PoissonMethod,
    /// Null with a reason (default) or an error when the rate is undefined.
    pub on_undefined: OnUndefined,
}

impl Default for RateOptions {
    fn default() -> Self {
        RateOptions {
            confidence: Some(defaults::CONFIDENCE),
            multiplier: defaults::RATE_MULTIPLIER,
            method: PoissonMethod::Byar,
            on_undefined: OnUndefined::Null,
        }
    }
}

struct Prepared {
    conf: Option<Confidence>,
    m: f64,
    method: PoissonMethod,
    on_undefined: OnUndefined,
}

fn prepare(opts: &RateOptions) -> Result<Prepared> {
    Ok(Prepared {
        conf: crate::stats::confidence::confidence_opt(opts.confidence)?,
        m: check_multiplier(opts.multiplier)?,
        method: opts.method,
        on_undefined: opts.on_undefined,
    })
}

fn row(x: f64, n: f64, p: &Prepared, cache: &mut ExactCache, i: Option<usize>) -> Result<Estimate> {
    let at = || row_at(i);
    check_count("count", x, &at)?;
    check_count("population", n, &at)?;
    if x.is_nan() || n.is_nan() {
        p.on_undefined.check(Reason::MissingInput, at())?;
        return Ok(Estimate::null(Reason::MissingInput, p.conf));
    }
    if n == 0.0 {
        p.on_undefined.check(Reason::ZeroDenominator, at())?;
        return Ok(Estimate::null(Reason::ZeroDenominator, p.conf));
    }
    let value = x / n * p.m;
    let (lower, upper, method) = match &p.conf {
        Some(c) => {
            let (l, u, m) = cache.interval(x, c, p.method);
            (Some(l / n * p.m), Some(u / n * p.m), m)
        }
        None => (None, None, crate::stats::poisson::count_method(x, p.method)),
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

/// The crude rate x/n × m with a Poisson interval on x.
///
/// x may exceed n (events can outnumber people). x = 0 gives value 0 and limits
/// [0, −ln(α/2)/n·m]. n = 0 gives null with `zero_denominator`; NaN means missing.
///
/// # Errors
/// `negative_value`, `non_finite`, `invalid_confidence`, `invalid_multiplier`;
/// `undefined_statistic` with `on_undefined = Error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{rate, RateOptions};
/// // Leeds 2A(2) 2020-21: 567 permanent admissions, 123,784 people aged 65+.
/// let e = rate(567.0, 123_784.0, &RateOptions::default())?;
/// assert!((e.value.unwrap() - 458.0559684611258).abs() < 1e-9);
/// assert_eq!(e.method.unwrap().label(), "Byars");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn rate(x: f64, n: f64, opts: &RateOptions) -> Result<Estimate> {
    let p = prepare(opts)?;
    row(x, n, &p, &mut ExactCache::new(), None)
}

/// [`rate`] with the level already validated (an evaluation validates it once for all its
/// values) and null for an undefined value.
pub(crate) fn rate_at(
    x: f64,
    n: f64,
    conf: Option<Confidence>,
    multiplier: f64,
    method: PoissonMethod,
) -> Result<Estimate> {
    let p = Prepared {
        conf,
        m: check_multiplier(multiplier)?,
        method,
        on_undefined: OnUndefined::Null,
    };
    row(x, n, &p, &mut ExactCache::new(), None)
}

/// [`rate`] over columns.
///
/// # Errors
/// As [`rate`], with the row index; `length_mismatch`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{rate_batch, RateOptions};
/// let out = rate_batch(&[0.0, 20.0], &[1000.0, 1000.0], &RateOptions::default())?;
/// assert_eq!(out.lower[0], 0.0);
/// assert_eq!(out.method[1].unwrap().label(), "Byars");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn rate_batch(x: &[f64], n: &[f64], opts: &RateOptions) -> Result<Estimates> {
    check_lengths("population", x.len(), n.len())?;
    let p = prepare(opts)?;
    run_chunks(x.len(), p.conf, |start, cols| fill(x, n, &p, start, cols))
}

/// [`rate_batch`] into columns the caller provides (see [`BatchColumns`]); returns the level of
/// the intervals (None when no interval was asked for).
///
/// # Errors
/// As [`rate_batch`]; `length_mismatch` when an output column is not as long as `x`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{BatchColumns, RateOptions, rate_batch_into};
/// let (mut v, mut l, mut u, mut m, mut r) = ([0.0; 2], [0.0; 2], [0.0; 2], [None; 2], [None; 2]);
/// let out = BatchColumns { value: &mut v, lower: &mut l, upper: &mut u, method: &mut m, reason: &mut r };
/// rate_batch_into(&[0.0, 20.0], &[1000.0, 1000.0], &RateOptions::default(), out)?;
/// assert_eq!(l[0], 0.0);
/// assert_eq!(m[1].unwrap().label(), "Byars");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn rate_batch_into(
    x: &[f64],
    n: &[f64],
    opts: &RateOptions,
    out: BatchColumns<'_>,
) -> Result<Option<Confidence>> {
    check_lengths("population", x.len(), n.len())?;
    out.check_len(x.len())?;
    let p = prepare(opts)?;
    fill_chunks(out, |start, cols| fill(x, n, &p, start, cols))?;
    Ok(p.conf)
}

/// Rows `start..start + cols.len()` of a rate batch.
fn fill(x: &[f64], n: &[f64], p: &Prepared, start: usize, mut cols: Columns<'_>) -> Result<()> {
    let by_row = |i: usize, cache: &mut ExactCache| row(x[i], n[i], p, cache, Some(i));
    // Byar from 10 events (or for every count): rows whose count is Byar's go by the fast path.
    let byar_from = match p.method {
        PoissonMethod::Byar => BYAR_SWITCH,
        // Positive counts only: a zero count keeps the row-by-row path.
        PoissonMethod::ByarUnswitched => f64::MIN_POSITIVE,
        PoissonMethod::Exact => f64::INFINITY,
    };
    match p.conf {
        Some(c) if byar_from.is_finite() => {
            byar_chunk(x, n, start, byar_from, &c, p.m, &mut cols, &by_row)
        }
        _ => cols.fill(start, &mut ExactCache::new(), &by_row),
    }
}

/// Rows per block of the Byar fast path.
const BLOCK: usize = 1024;

/// Byar rows `start..start + cols.len()` block by block: a block whose rows are all ordinary
/// (`byar_from` ≤ x < ∞, 0 < n < ∞) is computed in one branch-free loop straight into the
/// columns, with the formulas of [`count_interval`](crate::stats::count_interval); any other
/// block (an exact count, a null, an error) goes row by row through `row`, so the bits, labels,
/// reasons and the first error are those of the row-by-row path.
// `&` rather than `&&` in the block test: no branch per row, so the test vectorises.
#[allow(clippy::needless_bitwise_bool)]
#[allow(clippy::too_many_arguments)] // the columns, the chunk and the prepared options
fn byar_chunk<F>(
    x: &[f64],
    n: &[f64],
    start: usize,
    byar_from: f64,
    conf: &Confidence,
    m: f64,
    cols: &mut Columns<'_>,
    row: &F,
) -> Result<()>
where
    F: Fn(usize, &mut ExactCache) -> Result<Estimate>,
{
    let z = conf.z();
    let mut cache = ExactCache::new();
    let len = cols.len();
    let mut from = 0;
    while from < len {
        let to = (from + BLOCK).min(len);
        let xs = &x[start + from..start + to];
        let ns = &n[start + from..start + to];
        let ordinary = xs.iter().zip(ns).fold(true, |all, (&x, &n)| {
            all & (x >= byar_from) & (x <= f64::MAX) & (n > 0.0) & (n <= f64::MAX)
        });
        let block = cols.range(from, to);
        if ordinary {
            let rows = xs.iter().zip(ns);
            let out = block.value.iter_mut().zip(block.lower.iter_mut());
            for (((&x, &n), (v, l)), u) in rows.zip(out).zip(block.upper.iter_mut()) {
                *v = x / n * m;
                *l = byar_lower_z(x, z).min(x) / n * m;
                *u = byar_upper_z(x, z).max(x) / n * m;
            }
            block.method.fill(Some(Method::Byars));
            block.reason.fill(None);
        } else {
            block.fill(start + from, &mut cache, row)?;
        }
        from = to;
    }
    Ok(())
}

/// Poisson intervals on counts alone (no denominator): the `count_*` vectors of the spec.
///
/// # Errors
/// `negative_value`, `non_finite`, `invalid_confidence`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{count_batch, PoissonMethod};
/// let out = count_batch(&[0.0, 3.0], Some(0.95), PoissonMethod::Exact)?;
/// assert_eq!(out.lower[0], 0.0);
/// assert!((out.upper[0] - 3.6888794541139363).abs() < 1e-15);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn count_batch(o: &[f64], confidence: Option<f64>, method: PoissonMethod) -> Result<Estimates> {
    let opts = RateOptions {
        confidence,
        multiplier: 1.0,
        method,
        on_undefined: OnUndefined::Null,
    };
    let p = prepare(&opts)?;
    run_batch(o.len(), p.conf, |i, cache: &mut ExactCache| {
        row(o[i], 1.0, &p, cache, Some(i))
    })
}
