//! Results of the estimators: [`Estimate`] for one row or group, [`Estimates`] for a batch, with
//! the [`Method`] that produced each value and the [`Reason`] a value is null.

use crate::error::{Error, Location, Result};
use crate::stats::Confidence;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value or its limits are null (spec-statistics.md §1.6). A reason is not an error: the
/// input was well formed but the statistic is undefined for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// A needed input is missing (NaN / None) and `skip_missing` is off.
    MissingInput,
    /// A proportion or rate with denominator 0.
    ZeroDenominator,
    /// A DSR whose total count is below 10 (totals are still reported).
    SmallCount,
    /// A DSR with a band population of 0.
    ZeroPopulation,
    /// A DSR with a missing band population.
    MissingPopulation,
    /// An ISR whose expected count is 0.
    ZeroExpected,
    /// A mean of one value (limits null) or of none (everything null).
    InsufficientValues,
    /// Quantiles: fewer areas than quantiles.
    TooFewAreas,
    /// Life expectancy: the group cannot be computed (population ≤ 5000, deaths above
    /// population, or no deaths in the last band).
    LifeTableInvalid,
    /// Life expectancy: the 95% interval is wider than 20 years, so the value is withheld.
    WideInterval,
    /// Economics: the cumulative benefits never cover the costs within the horizon, so there
    /// is no payback period.
    NotPaidBack,
    /// Economics: no value of the parameter within the searched range brings the output to the
    /// break-even target.
    NoBreakEven,
    /// SPC: the moving ranges are all 0, so the limits collapse to the mean and an assurance
    /// icon would say nothing about the process.
    ZeroVariation,
}

impl Reason {
    /// Every reason code.
    pub const CODES: &'static [&'static str] = &[
        "missing_input",
        "zero_denominator",
        "small_count",
        "zero_population",
        "missing_population",
        "zero_expected",
        "insufficient_values",
        "too_few_areas",
        "life_table_invalid",
        "wide_interval",
        "not_paid_back",
        "no_break_even",
        "zero_variation",
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::MissingInput => "missing_input",
            Reason::ZeroDenominator => "zero_denominator",
            Reason::SmallCount => "small_count",
            Reason::ZeroPopulation => "zero_population",
            Reason::MissingPopulation => "missing_population",
            Reason::ZeroExpected => "zero_expected",
            Reason::InsufficientValues => "insufficient_values",
            Reason::TooFewAreas => "too_few_areas",
            Reason::LifeTableInvalid => "life_table_invalid",
            Reason::WideInterval => "wide_interval",
            Reason::NotPaidBack => "not_paid_back",
            Reason::NoBreakEven => "no_break_even",
            Reason::ZeroVariation => "zero_variation",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The method that produced a value (the per-row label of spec-statistics.md §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Wilson score interval for a proportion.
    Wilson,
    /// Clopper–Pearson exact binomial interval.
    ClopperPearson,
    /// Exact Poisson limits (gamma quantiles).
    Exact,
    /// Byar's approximation to the Poisson limits.
    Byars,
    /// Student's t interval for a mean.
    StudentT,
    /// Dobson's interval for a directly standardised rate.
    Dobson,
    /// Dobson's interval adjusted for non-independent events.
    DobsonNonIndependent,
    /// Chiang II life table with Silcocks' variance.
    ChiangSilcocks,
}

impl Method {
    /// The label the peers print ("Wilson", "Exact", "Byars", ...).
    pub fn label(self) -> &'static str {
        match self {
            Method::Wilson => "Wilson",
            Method::ClopperPearson => "Clopper-Pearson",
            Method::Exact => "Exact",
            Method::Byars => "Byars",
            Method::StudentT => "Student's t-distribution",
            Method::Dobson => "Dobson",
            Method::DobsonNonIndependent => {
                "Dobson, with confidence adjusted for non-independent events"
            }
            Method::ChiangSilcocks => "Chiang, using Silcocks et al for confidence limits",
        }
    }

    /// The stable snake_case code (what serde writes).
    pub fn code(self) -> &'static str {
        match self {
            Method::Wilson => "wilson",
            Method::ClopperPearson => "clopper_pearson",
            Method::Exact => "exact",
            Method::Byars => "byars",
            Method::StudentT => "student_t",
            Method::Dobson => "dobson",
            Method::DobsonNonIndependent => "dobson_non_independent",
            Method::ChiangSilcocks => "chiang_silcocks",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What to do when a statistic is undefined for well-formed input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnUndefined {
    /// Give null with a [`Reason`] (the default).
    #[default]
    Null,
    /// Fail the call with `undefined_statistic` (the peers' fail-fast behaviour).
    Error,
}

string_codes! {
    /// The stable snake_case name ("null" or "error").
    OnUndefined: code, option "on_undefined", expected "\"null\", \"error\"" {
        Null = "null",
        Error = "error",
    }
}

impl OnUndefined {
    /// Applies the policy to a reason found at `at`.
    pub(crate) fn check(self, reason: Reason, at: Location) -> Result<()> {
        match self {
            OnUndefined::Null => Ok(()),
            OnUndefined::Error => Err(Error::UndefinedStatistic { reason, at }),
        }
    }
}

/// One estimate: value, interval, level, method and, when null, the reason.
///
/// Values and limits are already multiplied by the multiplier. The core rounds nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The point estimate × multiplier, or None.
    pub value: Option<f64>,
    /// Lower limit × multiplier, or None (no interval asked for, or undefined).
    pub lower: Option<f64>,
    /// Upper limit × multiplier, or None.
    pub upper: Option<f64>,
    /// The level of the interval, or None when no interval was asked for.
    pub confidence: Option<Confidence>,
    /// The method that produced the value; None when the value is null.
    pub method: Option<Method>,
    /// Why the value or limits are null.
    pub reason: Option<Reason>,
}

impl Estimate {
    /// A null estimate with a reason.
    pub fn null(reason: Reason, confidence: Option<Confidence>) -> Self {
        Estimate {
            value: None,
            lower: None,
            upper: None,
            confidence,
            method: None,
            reason: Some(reason),
        }
    }

    /// The confidence label ("95%"), or None.
    pub fn confidence_label(&self) -> Option<String> {
        self.confidence.map(|c| c.label())
    }
}

/// A batch of estimates in columns. Null entries are NaN in `value`/`lower`/`upper`, and
/// `reason` says why; `method` is None where the value is null.
///
/// Each column is allocated once, with the batch's length; no allocation happens per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimates {
    /// Point estimates × multiplier (NaN where null; null in JSON).
    #[serde(with = "nan_as_null")]
    pub value: Vec<f64>,
    /// Lower limits × multiplier (NaN where null or no interval).
    #[serde(with = "nan_as_null")]
    pub lower: Vec<f64>,
    /// Upper limits × multiplier (NaN where null or no interval).
    #[serde(with = "nan_as_null")]
    pub upper: Vec<f64>,
    /// Method per row (None where null).
    pub method: Vec<Option<Method>>,
    /// Reason per row (None where the value and limits are present).
    pub reason: Vec<Option<Reason>>,
    /// The level of every interval, or None when no interval was asked for.
    pub confidence: Option<Confidence>,
}

impl Estimates {
    /// Columns of length `n`, pre-allocated.
    pub fn with_capacity(n: usize, confidence: Option<Confidence>) -> Self {
        Estimates {
            value: Vec::with_capacity(n),
            lower: Vec::with_capacity(n),
            upper: Vec::with_capacity(n),
            method: Vec::with_capacity(n),
            reason: Vec::with_capacity(n),
            confidence,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Appends one row.
    pub fn push(&mut self, e: &Estimate) {
        self.value.push(e.value.unwrap_or(f64::NAN));
        self.lower.push(e.lower.unwrap_or(f64::NAN));
        self.upper.push(e.upper.unwrap_or(f64::NAN));
        self.method.push(e.method);
        self.reason.push(e.reason);
    }

    /// Row `i` as an [`Estimate`] (NaN becomes None).
    ///
    /// # Panics
    /// When `i` is out of range.
    pub fn get(&self, i: usize) -> Estimate {
        let opt = |v: f64| if v.is_nan() { None } else { Some(v) };
        Estimate {
            value: opt(self.value[i]),
            lower: opt(self.lower[i]),
            upper: opt(self.upper[i]),
            confidence: self.confidence,
            method: self.method[i],
            reason: self.reason[i],
        }
    }
}

/// Rows at and above which a batch is split across threads (native targets only).
pub const PARALLEL_THRESHOLD: usize = 1 << 16;

/// Output columns that the caller provides, for the `*_batch_into` functions (e.g. buffers
/// owned by another runtime, such as numpy arrays): the same five columns as [`Estimates`], one
/// entry per row, every entry written (NaN in `value`/`lower`/`upper` where null).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{BatchColumns, ProportionOptions, proportion_batch_into};
/// let (mut v, mut l, mut u, mut m, mut r) = ([0.0; 2], [0.0; 2], [0.0; 2], [None; 2], [None; 2]);
/// let out = BatchColumns { value: &mut v, lower: &mut l, upper: &mut u, method: &mut m, reason: &mut r };
/// let level = proportion_batch_into(&[1.0, 0.0], &[2.0, 0.0], &ProportionOptions::default(), out)?;
/// assert_eq!(level.unwrap().label(), "95%");
/// assert_eq!(v[0], 0.5);
/// assert!(v[1].is_nan() && r[1].unwrap().code() == "zero_denominator");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub struct BatchColumns<'a> {
    /// Point estimates × multiplier (NaN where null).
    pub value: &'a mut [f64],
    /// Lower limits × multiplier (NaN where null or no interval).
    pub lower: &'a mut [f64],
    /// Upper limits × multiplier (NaN where null or no interval).
    pub upper: &'a mut [f64],
    /// Method per row (None where null).
    pub method: &'a mut [Option<Method>],
    /// Reason per row (None where the value and limits are present).
    pub reason: &'a mut [Option<Reason>],
}

pub(crate) type Columns<'a> = BatchColumns<'a>;

impl BatchColumns<'_> {
    /// Checks that every column has `n` rows.
    pub(crate) fn check_len(&self, n: usize) -> Result<()> {
        check_lengths("value", n, self.value.len())?;
        check_lengths("lower", n, self.lower.len())?;
        check_lengths("upper", n, self.upper.len())?;
        check_lengths("method", n, self.method.len())?;
        check_lengths("reason", n, self.reason.len())
    }

    /// Number of rows in the chunk.
    pub(crate) fn len(&self) -> usize {
        self.value.len()
    }

    /// Rows `from..to` of the chunk, reborrowed.
    pub(crate) fn range(&mut self, from: usize, to: usize) -> Columns<'_> {
        BatchColumns {
            value: &mut self.value[from..to],
            lower: &mut self.lower[from..to],
            upper: &mut self.upper[from..to],
            method: &mut self.method[from..to],
            reason: &mut self.reason[from..to],
        }
    }

    /// Splits off the first `take` rows.
    fn split_at(self, take: usize) -> (Self, Self) {
        let (v, v2) = self.value.split_at_mut(take);
        let (l, l2) = self.lower.split_at_mut(take);
        let (u, u2) = self.upper.split_at_mut(take);
        let (m, m2) = self.method.split_at_mut(take);
        let (r, r2) = self.reason.split_at_mut(take);
        (
            BatchColumns {
                value: v,
                lower: l,
                upper: u,
                method: m,
                reason: r,
            },
            BatchColumns {
                value: v2,
                lower: l2,
                upper: u2,
                method: m2,
                reason: r2,
            },
        )
    }

    /// Writes every row of the chunk from `row(start + k, state)`, NaN where a value is null.
    pub(crate) fn fill<S, F>(self, start: usize, state: &mut S, row: &F) -> Result<()>
    where
        F: Fn(usize, &mut S) -> Result<Estimate>,
    {
        for k in 0..self.value.len() {
            let e = row(start + k, state)?;
            self.value[k] = e.value.unwrap_or(f64::NAN);
            self.lower[k] = e.lower.unwrap_or(f64::NAN);
            self.upper[k] = e.upper.unwrap_or(f64::NAN);
            self.method[k] = e.method;
            self.reason[k] = e.reason;
        }
        Ok(())
    }
}

fn threads_for(n: usize) -> usize {
    #[cfg(target_family = "wasm")]
    {
        let _ = n;
        1
    }
    #[cfg(not(target_family = "wasm"))]
    {
        if n < PARALLEL_THRESHOLD {
            return 1;
        }
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(n / (PARALLEL_THRESHOLD / 2))
            .clamp(1, 16)
    }
}

/// Runs `row(i, state)` for every row into pre-allocated columns: one allocation per column,
/// none per row. Large batches are split into contiguous chunks on scoped threads (each with its
/// own `state`, e.g. a cache); results are identical to one pass, and the error reported is the
/// one at the lowest row, as in one pass.
pub(crate) fn run_batch<S, F>(n: usize, confidence: Option<Confidence>, row: F) -> Result<Estimates>
where
    S: Default,
    F: Fn(usize, &mut S) -> Result<Estimate> + Sync,
{
    run_chunks(n, confidence, |start, cols| {
        cols.fill(start, &mut S::default(), &row)
    })
}

/// Allocates the columns of an `n`-row batch and fills them by [`fill_chunks`]. The float
/// columns are allocated zeroed (`calloc`: untouched pages that the workers fault in, in
/// parallel) rather than pre-filled on the calling thread.
pub(crate) fn run_chunks<F>(n: usize, confidence: Option<Confidence>, chunk: F) -> Result<Estimates>
where
    F: Fn(usize, Columns<'_>) -> Result<()> + Sync,
{
    let mut out = Estimates {
        value: vec![0.0; n],
        lower: vec![0.0; n],
        upper: vec![0.0; n],
        method: vec![None; n],
        reason: vec![None; n],
        confidence,
    };
    fill_chunks(
        BatchColumns {
            value: &mut out.value,
            lower: &mut out.lower,
            upper: &mut out.upper,
            method: &mut out.method,
            reason: &mut out.reason,
        },
        chunk,
    )?;
    Ok(out)
}

/// Has `chunk(start, columns)` write every row of each contiguous chunk of `all` (NaN in
/// `value`/`lower`/`upper` where null), on scoped threads for large batches; `chunk` must write
/// every row it is given. The error reported is the one of the lowest chunk, so a `chunk` that
/// reports the first error of its rows gives the error of the lowest row, as in one pass.
pub(crate) fn fill_chunks<F>(all: Columns<'_>, chunk: F) -> Result<()>
where
    F: Fn(usize, Columns<'_>) -> Result<()> + Sync,
{
    let n = all.len();
    let threads = threads_for(n);
    if threads <= 1 {
        return chunk(0, all);
    }
    let size = n.div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    let mut rest = all;
    let mut start = 0;
    while rest.len() > 0 {
        let take = size.min(rest.len());
        let (part, tail) = rest.split_at(take);
        parts.push((start, part));
        rest = tail;
        start += take;
    }
    let chunk = &chunk;
    let results: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|(start, cols)| scope.spawn(move || chunk(start, cols)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    // Chunks are in row order, so the first error is the lowest row's.
    results.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(())
}

/// Checks that a multiplier is finite and > 0.
///
/// # Errors
/// `invalid_multiplier`.
pub fn check_multiplier(m: f64) -> Result<f64> {
    if m.is_finite() && m > 0.0 {
        Ok(m)
    } else {
        Err(Error::InvalidMultiplier { value: m })
    }
}

/// Checks one count-like input: NaN passes (missing), ±∞ and negatives fail.
pub(crate) fn check_count(field: &'static str, v: f64, at: &dyn Fn() -> Location) -> Result<()> {
    if v.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at: at(),
        });
    }
    if v < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value: v,
            at: at(),
        });
    }
    Ok(())
}

/// Checks that two columns have the same length.
pub(crate) fn check_lengths(field: &'static str, expected: usize, found: usize) -> Result<()> {
    if expected == found {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            field,
            expected,
            found,
        })
    }
}

/// The location of row `i` in a batch (None for a scalar call).
pub(crate) fn row_at(i: Option<usize>) -> Location {
    Location {
        row: i,
        group: None,
    }
}

/// Serialises NaN entries of a column as JSON null and reads null back as NaN.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| if x.is_nan() { None } else { Some(*x) }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let v: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}
