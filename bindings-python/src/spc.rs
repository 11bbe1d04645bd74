//! SPC, overdispersed funnels and charts for Python. Options and plain records cross as JSON
//! text (the core parses them and reports its own error codes); results come back as the core's
//! JSON, which `care_outcomes.spc` and `care_outcomes.charts` wrap.

#![allow(clippy::needless_pass_by_value)]

use crate::convert::slice;
use crate::errors::CoreResultExt;
use care_outcomes::chart::{self, ChartOptions, SpineRow, TrendPoint};
use care_outcomes::interchange::from_json;
use care_outcomes::spc::{self, XmrOptions};
use care_outcomes::stats::{self, OverdispersionOptions};
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;

type Arr<'py> = PyReadonlyArray1<'py, f64>;

fn xmr_options(preset: Option<&str>, options_json: &str) -> PyResult<XmrOptions> {
    let base = match preset {
        Some(p) => XmrOptions::preset(p).py_err()?,
        None => XmrOptions::default(),
    };
    XmrOptions::with_json(base, options_json).py_err()
}

fn xmr(values: &Arr<'_>, preset: Option<&str>, options_json: &str) -> PyResult<spc::Xmr> {
    let o = xmr_options(preset, options_json)?;
    spc::xmr(slice(values, "values")?, &o).py_err()
}

/// The XmR chart as the core's JSON (core `spc::xmr`).
#[pyfunction]
#[pyo3(signature = (values, preset, options_json))]
pub(crate) fn spc_xmr(
    values: Arr<'_>,
    preset: Option<&str>,
    options_json: &str,
) -> PyResult<String> {
    Ok(xmr(&values, preset, options_json)?.to_json())
}

/// A run chart as the core's JSON (core `spc::run_chart`).
#[pyfunction]
pub(crate) fn spc_run_chart(values: Arr<'_>, options_json: &str) -> PyResult<String> {
    let o: spc::RunChartOptions = from_json("run chart options", options_json).py_err()?;
    let c = spc::run_chart(slice(&values, "values")?, &o).py_err()?;
    Ok(serde_json::to_string(&c).expect("a run chart serialises"))
}

/// The names of the XmR presets.
#[pyfunction]
pub(crate) fn spc_presets() -> Vec<&'static str> {
    spc::PRESETS.to_vec()
}

/// The SVG of an XmR chart (core `chart::spc_chart`).
#[pyfunction]
#[pyo3(signature = (values, preset, options_json, chart_json))]
pub(crate) fn spc_chart_svg(
    values: Arr<'_>,
    preset: Option<&str>,
    options_json: &str,
    chart_json: &str,
) -> PyResult<String> {
    let c = xmr(&values, preset, options_json)?;
    chart::spc_chart(&c, &ChartOptions::from_json(chart_json).py_err()?).py_err()
}

fn funnel(
    r: &Arr<'_>,
    n: &Arr<'_>,
    kind: Option<&str>,
    multiplier: Option<f64>,
    options_json: &str,
) -> PyResult<stats::OverdispersedFunnel> {
    let kind = kind
        .map_or(Ok(stats::FunnelKind::default()), str::parse)
        .py_err()?;
    let o: OverdispersionOptions = from_json("funnel options", options_json).py_err()?;
    stats::funnel_of_kind(
        kind,
        slice(r, "numerators")?,
        slice(n, "denominators")?,
        multiplier,
        &o,
    )
    .py_err()
}

/// An overdispersed funnel as the core's JSON (core `stats::funnel_of_kind`).
#[pyfunction]
#[pyo3(signature = (r, n, kind, multiplier, options_json))]
pub(crate) fn funnel_overdispersed(
    r: Arr<'_>,
    n: Arr<'_>,
    kind: Option<&str>,
    multiplier: Option<f64>,
    options_json: &str,
) -> PyResult<String> {
    let f = funnel(&r, &n, kind, multiplier, options_json)?;
    Ok(serde_json::to_string(&f).expect("a funnel serialises"))
}

/// Funnel limits at each denominator and level (core `OverdispersedFunnel::limits_at`).
#[pyfunction]
#[pyo3(signature = (r, n, kind, multiplier, options_json, at, confidence))]
pub(crate) fn funnel_limits_at(
    r: Arr<'_>,
    n: Arr<'_>,
    kind: Option<&str>,
    multiplier: Option<f64>,
    options_json: &str,
    at: Arr<'_>,
    confidence: f64,
) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let f = funnel(&r, &n, kind, multiplier, options_json)?;
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    for &x in slice(&at, "at")? {
        let (l, u) = f.limits_at(x, confidence).py_err()?;
        lo.push(l);
        hi.push(u);
    }
    Ok((lo, hi))
}

/// The SVG of a funnel plot (core `chart::funnel_chart`).
#[pyfunction]
#[pyo3(signature = (r, n, kind, multiplier, options_json, chart_json))]
pub(crate) fn funnel_chart_svg(
    r: Arr<'_>,
    n: Arr<'_>,
    kind: Option<&str>,
    multiplier: Option<f64>,
    options_json: &str,
    chart_json: &str,
) -> PyResult<String> {
    let f = funnel(&r, &n, kind, multiplier, options_json)?;
    chart::funnel_chart(&f, &ChartOptions::from_json(chart_json).py_err()?).py_err()
}

/// The SVG of a spine chart from JSON rows (core `chart::spine_chart`).
#[pyfunction]
pub(crate) fn spine_chart_svg(rows_json: &str, chart_json: &str) -> PyResult<String> {
    let rows: Vec<SpineRow> = from_json("spine rows", rows_json).py_err()?;
    chart::spine_chart(&rows, &ChartOptions::from_json(chart_json).py_err()?).py_err()
}

/// The SVG of a trend chart from JSON points (core `chart::trend_chart`).
#[pyfunction]
pub(crate) fn trend_chart_svg(points_json: &str, chart_json: &str) -> PyResult<String> {
    let points: Vec<TrendPoint> = from_json("trend points", points_json).py_err()?;
    chart::trend_chart(&points, &ChartOptions::from_json(chart_json).py_err()?).py_err()
}
