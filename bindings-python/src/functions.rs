//! The functions of the private extension module. Each converts its arguments, calls the core
//! and converts the result; the public, documented signatures live in `care_outcomes.stats`.
//!
//! No argument has a default here: the Python layer passes every option, taking its defaults
//! from [`defaults`], which reads them from the core.

// `#[pyfunction]` arguments are extracted from Python by value (numpy borrows, lists).
#![allow(clippy::needless_pass_by_value)]

use crate::convert::{
    Columns, GroupKey, batch_into_dict, encode, estimate_dict, group_keys, level, on_undefined,
    or_nan, rows_dict, set_coded, set_extra, set_extra_str, slice, strs,
};
use crate::errors::CoreResultExt;
use care_outcomes::Error;
use care_outcomes::stats::{
    self, AgeRange, Comparison, DsrEstimate, DsrOptions, Estimate, FunnelSignificance, IsrKind,
    IsrOptions, IsrReference, LifeExpectancyOptions, MeanOptions, Observed, PoissonMethod,
    ProportionMethod, ProportionOptions, RateOptions, RateType, RatioType, Reason, Standard,
    defaults as core_defaults,
};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Arr<'py> = PyReadonlyArray1<'py, f64>;
type Ids<'py> = PyReadonlyArray1<'py, i64>;

/// The defaults of every option, read from the core (`care_outcomes::stats::defaults` and the
/// `Default` impls of the option types).
#[pyfunction]
pub(crate) fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("confidence", core_defaults::CONFIDENCE)?;
    d.set_item(
        "proportion_multiplier",
        core_defaults::PROPORTION_MULTIPLIER,
    )?;
    d.set_item("rate_multiplier", core_defaults::RATE_MULTIPLIER)?;
    d.set_item("isr_refvalue", core_defaults::ISR_REFVALUE)?;
    d.set_item("standard", core_defaults::STANDARD)?;
    d.set_item("proportion_method", core_defaults::PROPORTION_METHOD)?;
    d.set_item("rate_method", core_defaults::RATE_METHOD)?;
    d.set_item("quantiles", core_defaults::QUANTILES)?;
    d.set_item("quantile_invert", core_defaults::QUANTILE_INVERT)?;
    d.set_item("skip_missing", core_defaults::SKIP_MISSING)?;
    d.set_item("on_undefined", core_defaults::ON_UNDEFINED)?;
    d.set_item("polarity", core_defaults::POLARITY)?;
    d.set_item("ratio_type", core_defaults::RATIO_TYPE)?;
    d.set_item("funnel_clamp", core_defaults::FUNNEL_CLAMP)?;
    Ok(d)
}

/// Every error code of the core, in declaration order.
#[pyfunction]
pub(crate) fn error_codes() -> Vec<&'static str> {
    Error::CODES.to_vec()
}

/// Every null-reason code of the core.
#[pyfunction]
pub(crate) fn reason_codes() -> Vec<&'static str> {
    Reason::CODES.to_vec()
}

/// The names of the built-in standard populations.
#[pyfunction]
pub(crate) fn standards() -> Vec<&'static str> {
    stats::KNOWN_STANDARDS.to_vec()
}

/// The version of the core crate this extension was built with.
#[pyfunction]
pub(crate) fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn proportion_options(
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    undefined: &str,
) -> PyResult<ProportionOptions> {
    Ok(ProportionOptions {
        confidence,
        multiplier,
        method: method.parse::<ProportionMethod>().py_err()?,
        on_undefined: on_undefined(undefined)?,
    })
}

fn rate_options(
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    undefined: &str,
) -> PyResult<RateOptions> {
    Ok(RateOptions {
        confidence,
        multiplier,
        method: method.parse::<PoissonMethod>().py_err()?,
        on_undefined: on_undefined(undefined)?,
    })
}

/// One proportion (core `proportion`).
#[pyfunction]
pub(crate) fn proportion<'py>(
    py: Python<'py>,
    numerator: f64,
    denominator: f64,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = proportion_options(confidence, multiplier, method, on_undefined)?;
    let e = stats::proportion(numerator, denominator, &opts).py_err()?;
    estimate_dict(py, &e)
}

/// Proportions over float64 columns (core `proportion_batch`), computed without the GIL.
#[pyfunction]
pub(crate) fn proportion_batch<'py>(
    py: Python<'py>,
    numerator: Arr<'py>,
    denominator: Arr<'py>,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = proportion_options(confidence, multiplier, method, on_undefined)?;
    let x = slice(&numerator, "numerator")?;
    let n = slice(&denominator, "denominator")?;
    batch_into_dict(py, x.len(), |out| {
        stats::proportion_batch_into(x, n, &opts, out)
    })
}

/// Sums by group (core `aggregate_counts`), then proportions of the sums (`proportion_batch`).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn proportion_grouped<'py>(
    py: Python<'py>,
    group_ids: Ids<'py>,
    group_labels: Vec<String>,
    numerator: Arr<'py>,
    denominator: Arr<'py>,
    skip_missing: bool,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = proportion_options(confidence, multiplier, method, on_undefined)?;
    grouped(
        py,
        &group_ids,
        &group_labels,
        &numerator,
        &denominator,
        skip_missing,
        |x, n| stats::proportion_batch(x, n, &opts),
    )
}

/// One crude rate (core `rate`).
#[pyfunction]
pub(crate) fn rate<'py>(
    py: Python<'py>,
    count: f64,
    population: f64,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = rate_options(confidence, multiplier, method, on_undefined)?;
    let e = stats::rate(count, population, &opts).py_err()?;
    estimate_dict(py, &e)
}

/// Crude rates over float64 columns (core `rate_batch`), computed without the GIL.
#[pyfunction]
pub(crate) fn rate_batch<'py>(
    py: Python<'py>,
    count: Arr<'py>,
    population: Arr<'py>,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = rate_options(confidence, multiplier, method, on_undefined)?;
    let x = slice(&count, "count")?;
    let n = slice(&population, "population")?;
    batch_into_dict(py, x.len(), |out| stats::rate_batch_into(x, n, &opts, out))
}

/// Sums by group (core `aggregate_counts`), then rates of the sums (`rate_batch`).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn rate_grouped<'py>(
    py: Python<'py>,
    group_ids: Ids<'py>,
    group_labels: Vec<String>,
    count: Arr<'py>,
    population: Arr<'py>,
    skip_missing: bool,
    confidence: Option<f64>,
    multiplier: f64,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = rate_options(confidence, multiplier, method, on_undefined)?;
    grouped(
        py,
        &group_ids,
        &group_labels,
        &count,
        &population,
        skip_missing,
        |x, n| stats::rate_batch(x, n, &opts),
    )
}

/// aggregate_counts, then a batch function over the sums; errors found after aggregation get
/// the group key of their row.
fn grouped<'py>(
    py: Python<'py>,
    group_ids: &Ids<'py>,
    group_labels: &[String],
    x: &Arr<'py>,
    n: &Arr<'py>,
    skip_missing: bool,
    batch: impl Fn(&[f64], &[f64]) -> care_outcomes::Result<stats::Estimates> + Sync,
) -> PyResult<Bound<'py, PyDict>> {
    let ids = group_ids
        .as_slice()
        .map_err(|_| PyValueError::new_err("groups: expected a contiguous int64 array"))?;
    let x = slice(x, "numerator")?;
    let n = slice(n, "denominator")?;
    let (agg, cols) = py
        .detach(|| {
            let agg = stats::aggregate_counts(ids, x, n, skip_missing)?;
            let est = batch(&agg.numerator, &agg.denominator).map_err(|e| {
                let key = e
                    .row()
                    .and_then(|r| agg.keys.get(r))
                    .and_then(|&k| usize::try_from(k).ok())
                    .and_then(|k| group_labels.get(k));
                match key {
                    Some(label) => e.in_group(label),
                    None => e,
                }
            })?;
            Ok::<_, Error>((agg, Columns::new(est)))
        })
        .py_err()?;
    let d = cols.into_dict(py, None)?;
    d.set_item("groups", PyArray1::from_vec(py, agg.keys))?;
    set_extra(&d, "numerator", agg.numerator)?;
    set_extra(&d, "denominator", agg.denominator)?;
    Ok(d)
}

/// Sums of numerators and denominators by group (core `aggregate_counts`).
#[pyfunction]
pub(crate) fn aggregate_counts<'py>(
    py: Python<'py>,
    group_ids: Ids<'py>,
    numerator: Arr<'py>,
    denominator: Arr<'py>,
    skip_missing: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let ids = group_ids
        .as_slice()
        .map_err(|_| PyValueError::new_err("groups: expected a contiguous int64 array"))?;
    let x = slice(&numerator, "numerator")?;
    let n = slice(&denominator, "denominator")?;
    let agg = py
        .detach(|| stats::aggregate_counts(ids, x, n, skip_missing))
        .py_err()?;
    let d = PyDict::new(py);
    d.set_item("groups", PyArray1::from_vec(py, agg.keys))?;
    d.set_item("numerator", PyArray1::from_vec(py, agg.numerator))?;
    d.set_item("denominator", PyArray1::from_vec(py, agg.denominator))?;
    d.set_item("rows", PyArray1::from_vec(py, agg.rows))?;
    d.set_item("missing_rows", PyArray1::from_vec(py, agg.missing_rows))?;
    Ok(d)
}

/// A mean with its Student t interval (core `mean`).
#[pyfunction]
pub(crate) fn mean<'py>(
    py: Python<'py>,
    values: Arr<'py>,
    confidence: Option<f64>,
    skip_missing: bool,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = MeanOptions {
        confidence,
        skip_missing,
        on_undefined: crate::convert::on_undefined(on_undefined)?,
    };
    let v = slice(&values, "values")?;
    let m = py.detach(|| stats::mean(v, &opts)).py_err()?;
    let d = estimate_dict(py, &m.estimate)?;
    let extras = PyDict::new(py);
    extras.set_item("value_sum", m.value_sum)?;
    extras.set_item("value_count", m.value_count)?;
    extras.set_item("stdev", m.stdev)?;
    d.set_item("extras", extras)?;
    Ok(d)
}

/// A standard population: a built-in name, or (labels, weights) for a custom one.
fn standard(obj: &Bound<'_, PyAny>) -> PyResult<Standard> {
    if let Ok(name) = obj.extract::<String>() {
        return Standard::named(&name).py_err();
    }
    let (labels, weights): (Vec<String>, Vec<f64>) = obj.extract()?;
    Standard::custom("custom", &strs(&labels), &weights).py_err()
}

fn dsr_options(
    confidence: Option<f64>,
    multiplier: f64,
    age_range: Option<(u32, Option<u32>)>,
    undefined: &str,
) -> PyResult<DsrOptions> {
    Ok(DsrOptions {
        confidence,
        multiplier,
        age_range: age_range.map_or(DsrOptions::default().age_range, |(from, to)| AgeRange {
            from,
            to,
        }),
        on_undefined: on_undefined(undefined)?,
    })
}

/// Group ids and labels for a grouped core call; without ids, every row is in one group
/// (labelled "", as the core's own single-group functions do).
fn ids_or_single(
    group_ids: Option<Vec<usize>>,
    group_labels: Vec<String>,
    rows: usize,
) -> (Vec<usize>, Vec<String>, bool) {
    match group_ids {
        Some(ids) => (ids, group_labels, false),
        None => (vec![0; rows], vec![String::new()], true),
    }
}

/// A single-group call must give one result.
fn check_single<T>(single: bool, out: &[T]) -> PyResult<()> {
    if single && out.is_empty() {
        return Err(Error::EmptyInput {
            what: "a call without groups needs at least one row",
        })
        .py_err();
    }
    Ok(())
}

/// Per-group DSRs as a batch dict with `groups` (ids) and the DSR extras.
fn dsr_dict<'py>(
    py: Python<'py>,
    out: &[(usize, DsrEstimate)],
    confidence: Option<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = rows_dict(py, out.iter().map(|(_, e)| &e.estimate), level(confidence)?)?;
    d.set_item("groups", out.iter().map(|(k, _)| *k).collect::<Vec<_>>())?;
    set_extra(
        &d,
        "total_count",
        out.iter().map(|(_, e)| e.total_count).collect(),
    )?;
    set_extra(
        &d,
        "total_pop",
        out.iter().map(|(_, e)| e.total_pop).collect(),
    )?;
    set_extra_str(
        &d,
        "statistic",
        out.iter().map(|(_, e)| e.statistic.clone()).collect(),
    )?;
    Ok(d)
}

/// Directly standardised rates: one group (core `dsr`) when `group_ids` is None, else per
/// group (core `dsr_grouped`).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn dsr<'py>(
    py: Python<'py>,
    group_ids: Option<Vec<usize>>,
    group_labels: Vec<String>,
    bands: Vec<String>,
    counts: Arr<'py>,
    populations: Arr<'py>,
    standard_population: &Bound<'py, PyAny>,
    multiplier: f64,
    confidence: Option<f64>,
    age_range: Option<(u32, Option<u32>)>,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = dsr_options(confidence, multiplier, age_range, on_undefined)?;
    let std = standard(standard_population)?;
    let b = strs(&bands);
    let x = slice(&counts, "counts")?;
    let n = slice(&populations, "populations")?;
    let out: Vec<(usize, DsrEstimate)> = match group_ids {
        None => vec![(0, stats::dsr(&b, x, n, &std, &opts).py_err()?)],
        Some(ids) => {
            let keys = group_keys(&ids, &group_labels)?;
            stats::dsr_grouped(&keys, &b, x, n, &std, &opts)
                .py_err()?
                .into_iter()
                .map(|(k, e)| (k.id, e))
                .collect()
        }
    };
    dsr_dict(py, &out, confidence)
}

/// DSRs with the standard weight given on each row (core `dsr_weighted`).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn dsr_weighted<'py>(
    py: Python<'py>,
    group_ids: Option<Vec<usize>>,
    group_labels: Vec<String>,
    counts: Arr<'py>,
    populations: Arr<'py>,
    weights: Arr<'py>,
    multiplier: f64,
    confidence: Option<f64>,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = dsr_options(confidence, multiplier, None, on_undefined)?;
    let x = slice(&counts, "counts")?;
    let (ids, labels, single) = ids_or_single(group_ids, group_labels, x.len());
    let keys = group_keys(&ids, &labels)?;
    let out: Vec<(usize, DsrEstimate)> = stats::dsr_weighted(
        &keys,
        x,
        slice(&populations, "populations")?,
        slice(&weights, "weights")?,
        &opts,
    )
    .py_err()?
    .into_iter()
    .map(|(k, e)| (k.id, e))
    .collect();
    check_single(single, &out)?;
    dsr_dict(py, &out, confidence)
}

/// DSRs adjusted for non-independent events (core `dsr_non_independent`).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn dsr_non_independent<'py>(
    py: Python<'py>,
    group_ids: Option<Vec<usize>>,
    group_labels: Vec<String>,
    bands: Vec<String>,
    populations: Arr<'py>,
    event_frequencies: Arr<'py>,
    persons: Arr<'py>,
    standard_population: &Bound<'py, PyAny>,
    multiplier: f64,
    confidence: Option<f64>,
    age_range: Option<(u32, Option<u32>)>,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = dsr_options(confidence, multiplier, age_range, on_undefined)?;
    let std = standard(standard_population)?;
    let (ids, labels, single) = ids_or_single(group_ids, group_labels, bands.len());
    let keys = group_keys(&ids, &labels)?;
    let out: Vec<(usize, DsrEstimate)> = stats::dsr_non_independent(
        &keys,
        &strs(&bands),
        slice(&populations, "populations")?,
        slice(&event_frequencies, "event_frequencies")?,
        slice(&persons, "persons")?,
        &std,
        &opts,
    )
    .py_err()?
    .into_iter()
    .map(|(k, e)| (k.id, e))
    .collect();
    check_single(single, &out)?;
    dsr_dict(py, &out, confidence)
}

/// Indirectly standardised ratios (`ratio = true`, `scale` = refvalue) or rates (`scale` =
/// multiplier) per group (core `isr_grouped`). Observed events come from band `counts` or from
/// `totals`, one per group label.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn isr<'py>(
    py: Python<'py>,
    ratio: bool,
    scale: f64,
    group_ids: Option<Vec<usize>>,
    group_labels: Vec<String>,
    bands: Vec<String>,
    populations: Arr<'py>,
    counts: Option<Arr<'py>>,
    totals: Option<Vec<f64>>,
    ref_bands: Vec<String>,
    ref_counts: Arr<'py>,
    ref_populations: Arr<'py>,
    confidence: Option<f64>,
    method: &str,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = IsrOptions {
        kind: if ratio {
            IsrKind::Ratio { refvalue: scale }
        } else {
            IsrKind::Rate { multiplier: scale }
        },
        confidence,
        method: method.parse::<PoissonMethod>().py_err()?,
        on_undefined: crate::convert::on_undefined(on_undefined)?,
    };
    let reference = IsrReference::new(
        &strs(&ref_bands),
        slice(&ref_counts, "ref_counts")?,
        slice(&ref_populations, "ref_populations")?,
    )
    .py_err()?;
    let (ids, group_labels, single) = ids_or_single(group_ids, group_labels, bands.len());
    let keys = group_keys(&ids, &group_labels)?;
    let b = strs(&bands);
    let n = slice(&populations, "populations")?;
    let totals: Option<Vec<(GroupKey<'_>, f64)>> = match totals {
        None => None,
        Some(t) => {
            if t.len() != group_labels.len() {
                return Err(PyValueError::new_err(
                    "internal: one total per group expected",
                ));
            }
            let ids: Vec<usize> = (0..t.len()).collect();
            Some(
                group_keys(&ids, &group_labels)?
                    .into_iter()
                    .zip(t)
                    .collect(),
            )
        }
    };
    let out = match (&counts, &totals) {
        (_, Some(t)) => stats::isr_grouped(&keys, &b, n, &Observed::Totals(t), &reference, &opts),
        (Some(c), None) => stats::isr_grouped(
            &keys,
            &b,
            n,
            &Observed::BandCounts(slice(c, "counts")?),
            &reference,
            &opts,
        ),
        (None, None) => {
            return Err(PyValueError::new_err(
                "internal: either band counts or observed totals are needed",
            ));
        }
    }
    .py_err()?;
    check_single(single, &out)?;
    let d = rows_dict(py, out.iter().map(|(_, e)| &e.estimate), level(confidence)?)?;
    d.set_item("groups", out.iter().map(|(k, _)| k.id).collect::<Vec<_>>())?;
    set_extra(
        &d,
        "observed",
        out.iter().map(|(_, e)| e.observed).collect(),
    )?;
    set_extra(
        &d,
        "expected",
        out.iter().map(|(_, e)| e.expected).collect(),
    )?;
    set_extra(
        &d,
        "ref_rate",
        out.iter().map(|(_, e)| or_nan(e.ref_rate)).collect(),
    )?;
    set_extra_str(
        &d,
        "statistic",
        out.iter().map(|(_, e)| e.statistic.clone()).collect(),
    )?;
    Ok(d)
}

/// Life expectancy at the start of every band (core `life_expectancy`).
#[pyfunction]
pub(crate) fn life_expectancy<'py>(
    py: Python<'py>,
    start_ages: Arr<'py>,
    populations: Arr<'py>,
    deaths: Arr<'py>,
    confidence: Option<f64>,
    on_undefined: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = LifeExpectancyOptions {
        confidence,
        on_undefined: crate::convert::on_undefined(on_undefined)?,
    };
    let rows = stats::life_expectancy(
        slice(&start_ages, "start_ages")?,
        slice(&populations, "populations")?,
        slice(&deaths, "deaths")?,
        &opts,
    )
    .py_err()?;
    let d = rows_dict(py, rows.iter().map(|r| &r.estimate), level(confidence)?)?;
    set_extra(&d, "start_age", rows.iter().map(|r| r.start_age).collect())?;
    set_extra(&d, "pops_used", rows.iter().map(|r| r.pops_used).collect())?;
    set_extra(&d, "dths_used", rows.iter().map(|r| r.dths_used).collect())?;
    Ok(d)
}

/// Deprivation quantiles (core `quantiles`): quantile per value (NaN where null) and the reason.
#[pyfunction]
pub(crate) fn quantiles<'py>(
    py: Python<'py>,
    values: Arr<'py>,
    nquantiles: f64,
    invert: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let q = quantile_count(nquantiles)?;
    let v = slice(&values, "values")?;
    let (qs, reason) = py.detach(|| stats::quantiles(v, q, invert)).py_err()?;
    let d = PyDict::new(py);
    let column: Vec<f64> = qs.iter().map(|x| or_nan(x.map(f64::from))).collect();
    d.set_item("quantile", PyArray1::from_vec(py, column))?;
    d.set_item("reason", reason.map(Reason::code))?;
    Ok(d)
}

/// Deprivation quantiles per group (core `quantiles_grouped`), with an invert flag per row:
/// quantile per row (NaN where null), and per group (ids, first appearance) its reason.
#[pyfunction]
pub(crate) fn quantiles_grouped<'py>(
    py: Python<'py>,
    group_ids: Vec<usize>,
    group_labels: Vec<String>,
    values: Arr<'py>,
    nquantiles: f64,
    invert: Vec<bool>,
) -> PyResult<Bound<'py, PyDict>> {
    let q = quantile_count(nquantiles)?;
    let keys = group_keys(&group_ids, &group_labels)?;
    let v = slice(&values, "values")?;
    let (qs, groups) = stats::quantiles_grouped(&keys, v, q, &invert).py_err()?;
    let d = PyDict::new(py);
    let column: Vec<f64> = qs.iter().map(|x| or_nan(x.map(f64::from))).collect();
    d.set_item("quantile", PyArray1::from_vec(py, column))?;
    d.set_item(
        "groups",
        groups.iter().map(|(k, _)| k.id).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "reasons",
        groups
            .iter()
            .map(|(_, r)| r.map(Reason::code))
            .collect::<Vec<_>>(),
    )?;
    Ok(d)
}

/// The quantile count, validated by the core.
fn quantile_count(nquantiles: f64) -> PyResult<u32> {
    stats::quantile_count(nquantiles).py_err()
}

fn set_significance(d: &Bound<'_, PyDict>, s: &[FunnelSignificance]) -> PyResult<()> {
    set_coded(
        d,
        "significance",
        encode(s.iter().copied().map(Some), FunnelSignificance::label),
    )
}

/// A named float column read from each row of a core result.
type Column<'n, T> = (&'n str, fn(&T) -> f64);

fn columns<'py, T>(
    py: Python<'py>,
    rows: &[T],
    names: &[Column<'_, T>],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, get) in names {
        d.set_item(
            *name,
            PyArray1::from_vec(py, rows.iter().map(get).collect()),
        )?;
    }
    Ok(d)
}

/// A proportion funnel (core `funnel_proportions`).
#[pyfunction]
pub(crate) fn funnel_proportions<'py>(
    py: Python<'py>,
    numerators: Arr<'py>,
    denominators: Arr<'py>,
    multiplier: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let f = stats::funnel_proportions(
        slice(&numerators, "numerators")?,
        slice(&denominators, "denominators")?,
        multiplier,
    )
    .py_err()?;
    let d = PyDict::new(py);
    d.set_item("baseline", f.baseline)?;
    d.set_item(
        "limits",
        columns(
            py,
            &f.limits,
            &[
                ("population", |r| r.population),
                ("lower_2s_limit", |r| r.lower_2s_limit),
                ("upper_2s_limit", |r| r.upper_2s_limit),
                ("lower_3s_limit", |r| r.lower_3s_limit),
                ("upper_3s_limit", |r| r.upper_3s_limit),
            ],
        )?,
    )?;
    set_significance(&d, &f.significance)?;
    Ok(d)
}

/// A ratio funnel (core `funnel_ratios`).
#[pyfunction]
pub(crate) fn funnel_ratios<'py>(
    py: Python<'py>,
    observed: Arr<'py>,
    expected: Arr<'py>,
    ratio_type: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let f = stats::funnel_ratios(
        slice(&observed, "observed")?,
        slice(&expected, "expected")?,
        ratio_type.parse::<RatioType>().py_err()?,
    )
    .py_err()?;
    let d = PyDict::new(py);
    d.set_item("baseline", f.baseline)?;
    d.set_item(
        "limits",
        columns(
            py,
            &f.limits,
            &[
                ("observed_events", |r| r.observed_events),
                ("lower_2s_exp_events", |r| r.lower_2s_exp_events),
                ("lower_2s_limit", |r| r.lower_2s_limit),
                ("upper_2s_exp_events", |r| r.upper_2s_exp_events),
                ("upper_2s_limit", |r| r.upper_2s_limit),
                ("lower_3s_exp_events", |r| r.lower_3s_exp_events),
                ("lower_3s_limit", |r| r.lower_3s_limit),
                ("upper_3s_exp_events", |r| r.upper_3s_exp_events),
                ("upper_3s_limit", |r| r.upper_3s_limit),
            ],
        )?,
    )?;
    set_significance(&d, &f.significance)?;
    Ok(d)
}

/// A rate funnel (core `funnel_rates`).
#[pyfunction]
pub(crate) fn funnel_rates<'py>(
    py: Python<'py>,
    events: Arr<'py>,
    rates: Arr<'py>,
    populations: Option<Arr<'py>>,
    rate_type: &str,
    years_of_data: f64,
    multiplier: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let pops = match &populations {
        Some(p) => Some(slice(p, "populations")?),
        None => None,
    };
    let f = stats::funnel_rates(
        slice(&events, "events")?,
        slice(&rates, "rates")?,
        pops,
        rate_type.parse::<RateType>().py_err()?,
        years_of_data,
        multiplier,
    )
    .py_err()?;
    let d = PyDict::new(py);
    d.set_item("baseline", f.baseline)?;
    d.set_item(
        "limits",
        columns(
            py,
            &f.limits,
            &[
                ("events", |r| r.events),
                ("lower_2s_population_1_year", |r| {
                    r.lower_2s_population_1_year
                }),
                ("lower_2s_limit", |r| r.lower_2s_limit),
                ("upper_2s_population_1_year", |r| {
                    r.upper_2s_population_1_year
                }),
                ("upper_2s_limit", |r| r.upper_2s_limit),
                ("lower_3s_population_1_year", |r| {
                    r.lower_3s_population_1_year
                }),
                ("lower_3s_limit", |r| r.lower_3s_limit),
                ("upper_3s_population_1_year", |r| {
                    r.upper_3s_population_1_year
                }),
                ("upper_3s_limit", |r| r.upper_3s_limit),
            ],
        )?,
    )?;
    set_significance(&d, &f.significance)?;
    d.set_item(
        "points",
        columns(
            py,
            &f.points,
            &[
                ("rate_chart", |p| or_nan(p.rate_chart)),
                ("denominator_derived", |p| or_nan(p.denominator_derived)),
            ],
        )?,
    )?;
    Ok(d)
}

/// Proportion funnel limits at each population (core `proportion_funnel_point`).
#[pyfunction]
pub(crate) fn proportion_funnel_limits<'py>(
    py: Python<'py>,
    average: f64,
    populations: Arr<'py>,
    confidence: f64,
    multiplier: f64,
    clamp: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let pops = slice(&populations, "population")?;
    let mut lower = Vec::with_capacity(pops.len());
    let mut upper = Vec::with_capacity(pops.len());
    for &p in pops {
        let (l, u) =
            stats::proportion_funnel_point(average, p, confidence, multiplier, clamp).py_err()?;
        lower.push(l);
        upper.push(u);
    }
    let d = PyDict::new(py);
    d.set_item("lower", PyArray1::from_vec(py, lower))?;
    d.set_item("upper", PyArray1::from_vec(py, upper))?;
    Ok(d)
}

/// Ratio funnel limits at each observed count (core `ratio_funnel_point`).
#[pyfunction]
pub(crate) fn ratio_funnel_limits<'py>(
    py: Python<'py>,
    observed: Arr<'py>,
    confidence: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let obs = slice(&observed, "observed")?;
    let points = obs
        .iter()
        .map(|&o| stats::ratio_funnel_point(o, confidence))
        .collect::<care_outcomes::Result<Vec<_>>>()
        .py_err()?;
    columns(
        py,
        &points,
        &[
            ("lower", |p| p.lower),
            ("upper", |p| p.upper),
            ("expected_high", |p| p.expected_high),
            ("expected_low", |p| p.expected_low),
        ],
    )
}

/// Funnel significance label of each observed/expected pair (core `ratio_significance`).
#[pyfunction]
pub(crate) fn ratio_significance<'py>(
    py: Python<'py>,
    observed: Arr<'py>,
    expected: Arr<'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let o = slice(&observed, "observed")?;
    let e = slice(&expected, "expected")?;
    same_length("expected", o.len(), e.len())?;
    let labels: Vec<FunnelSignificance> = o
        .iter()
        .zip(e)
        .enumerate()
        .map(|(i, (&o, &e))| {
            stats::ratio_significance(o, e)
                .map_err(|err| err.at_row(i))
                .py_err()
        })
        .collect::<PyResult<_>>()?;
    let d = PyDict::new(py);
    set_significance(&d, &labels)?;
    Ok(d)
}

fn same_length(field: &'static str, expected: usize, found: usize) -> PyResult<()> {
    if expected == found {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            field,
            expected,
            found,
        })
        .py_err()
    }
}

fn nan_none(v: f64) -> Option<f64> {
    if v.is_nan() { None } else { Some(v) }
}

/// Compares estimates (value and limits; NaN is null) with benchmarks (core `compare`).
#[pyfunction]
pub(crate) fn compare<'py>(
    py: Python<'py>,
    value: Arr<'py>,
    lower: Arr<'py>,
    upper: Arr<'py>,
    benchmark: Arr<'py>,
    polarity: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let pol = crate::convert::polarity(polarity)?;
    let v = slice(&value, "value")?;
    let l = slice(&lower, "lower")?;
    let u = slice(&upper, "upper")?;
    let b = slice(&benchmark, "benchmark")?;
    same_length("lower", v.len(), l.len())?;
    same_length("upper", v.len(), u.len())?;
    same_length("benchmark", v.len(), b.len())?;
    let out: Vec<Comparison> = (0..v.len())
        .map(|i| {
            let e = Estimate {
                value: nan_none(v[i]),
                lower: nan_none(l[i]),
                upper: nan_none(u[i]),
                confidence: None,
                method: None,
                reason: None,
            };
            stats::compare(&e, nan_none(b[i]), pol)
        })
        .collect();
    let d = PyDict::new(py);
    set_coded(
        &d,
        "comparison",
        encode(out.into_iter().map(Some), Comparison::code),
    )?;
    Ok(d)
}

/// Compares intervals with benchmarks (core `compare_batch`; NaN is null).
#[pyfunction]
pub(crate) fn compare_interval<'py>(
    py: Python<'py>,
    lower: Arr<'py>,
    upper: Arr<'py>,
    benchmark: Arr<'py>,
    polarity: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let pol = crate::convert::polarity(polarity)?;
    let out = stats::compare_intervals(
        slice(&lower, "lower")?,
        slice(&upper, "upper")?,
        slice(&benchmark, "benchmark")?,
        pol,
    )
    .py_err()?;
    let d = PyDict::new(py);
    set_coded(
        &d,
        "comparison",
        encode(out.into_iter().map(Some), Comparison::code),
    )?;
    Ok(d)
}
