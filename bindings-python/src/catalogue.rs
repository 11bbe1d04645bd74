//! The catalogue and framework functions of the extension module: definitions as JSON text,
//! frameworks as a handle on the core's resolved [`Framework`], and the evaluation of input
//! columns into result columns. The public API is `care_outcomes.catalogue`.
//!
//! Nothing here holds a rule: definitions, resolution, evaluation, aggregation and the reading
//! of counts ([`count_from_f64`]) are the core's; this module moves columns in and out.

// `#[pyfunction]` arguments are extracted from Python by value.
#![allow(clippy::needless_pass_by_value)]

use crate::errors::CoreResultExt;
use care_outcomes::Error;
use care_outcomes::catalogue::Catalogue;
use care_outcomes::error::Location;
use care_outcomes::framework::evaluate::count_from_f64;
use care_outcomes::framework::{
    Definitions, Direction, EvaluateOptions, Framework, InputRow, MadBand, ResultRow,
    aggregate as core_aggregate, evaluate as core_evaluate,
};
use care_outcomes::indicator::Definition;
use care_outcomes::stats::{Method, Reason};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::collections::HashMap;

/// A resolved framework, held by the core (`care_outcomes.Framework` wraps it).
#[pyclass(
    frozen,
    module = "care_outcomes._care_outcomes",
    name = "FrameworkHandle"
)]
pub(crate) struct FrameworkHandle(Framework);

#[pymethods]
impl FrameworkHandle {
    /// "framework/version".
    fn key(&self) -> String {
        self.0.key()
    }

    /// The resolved framework as JSON (domains with their indicator ids, every definition).
    fn to_json(&self) -> PyResult<String> {
        json_text(&self.0)
    }

    /// Every definition the framework uses, in order, as [`definition_texts`].
    fn definitions(&self) -> PyResult<Vec<(String, String)>> {
        self.0.definitions.iter().map(definition_texts).collect()
    }
}

fn json_text<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyValueError::new_err(format!("internal: {e}")))
}

/// A definition as (its complete JSON: every field, defaults included; the core's own JSON
/// text, as a framework file would hold it).
fn definition_texts(d: &Definition) -> PyResult<(String, String)> {
    Ok((
        d.to_value_complete().py_err()?.to_string(),
        d.to_json().py_err()?,
    ))
}

/// Every built-in definition, or those used by the frameworks of this name and/or version
/// (own definitions and references, each once, in order).
#[pyfunction]
#[pyo3(signature = (framework, version))]
pub(crate) fn catalogue_definitions(
    framework: Option<&str>,
    version: Option<&str>,
) -> PyResult<Vec<(String, String)>> {
    let defs = Catalogue::builtin().select(framework, version).py_err()?;
    defs.into_iter().map(definition_texts).collect()
}

/// One built-in definition by id.
#[pyfunction]
pub(crate) fn indicator(id: &str) -> PyResult<(String, String)> {
    definition_texts(Catalogue::builtin().get(id).py_err()?)
}

/// The definition id and breakdown suffix of an open-data measure code within a framework
/// version (core `resolve_open_data_code`): `("legacy", "2B185OV")` → `("ascof-legacy/2B1",
/// "85OV")`; None when the code is unknown or ambiguous.
#[pyfunction]
pub(crate) fn resolve_open_data_code(
    version: &str,
    code: &str,
) -> Option<(String, Option<String>)> {
    Catalogue::builtin()
        .resolve_open_data_code(version, code)
        .map(|(d, b)| (d.id.clone(), b.map(|b| b.suffix.clone())))
}

/// The keys ("framework/version") of the built-in frameworks, in load order.
#[pyfunction]
pub(crate) fn framework_keys() -> Vec<String> {
    Catalogue::builtin()
        .frameworks()
        .iter()
        .map(Framework::key)
        .collect()
}

/// A built-in framework by name and version.
#[pyfunction]
pub(crate) fn builtin_framework(framework: &str, version: &str) -> PyResult<FrameworkHandle> {
    Ok(FrameworkHandle(
        Catalogue::builtin()
            .framework(framework, version)
            .py_err()?
            .clone(),
    ))
}

/// Loads a framework document (JSON or TOML text) against the built-in catalogue.
#[pyfunction]
pub(crate) fn load_framework(text: &str, toml: bool) -> PyResult<FrameworkHandle> {
    let cat = Catalogue::builtin();
    let fw = if toml {
        Framework::from_toml(text, cat)
    } else {
        Framework::from_json(text, cat)
    };
    Ok(FrameworkHandle(fw.py_err()?))
}

/// The defaults of [`EvaluateOptions`], from the core.
#[pyfunction]
pub(crate) fn evaluate_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let o = EvaluateOptions::default();
    let d = PyDict::new(py);
    d.set_item("confidence", o.confidence)?;
    d.set_item("benchmark", o.benchmark)?;
    d.set_item("comparators", o.comparators)?;
    d.set_item("peers", o.peers)?;
    d.set_item("aggregates", o.aggregates)?;
    Ok(d)
}

// ---------------------------------------------------------------------------------------------
// Input columns
// ---------------------------------------------------------------------------------------------

/// The input column names, as the core's `InputRow` fields.
const REQUIRED: [&str; 4] = ["area", "period", "indicator", "numerator"];

/// A column of the input dict, or None when absent (or None).
fn column<'py>(cols: &Bound<'py, PyDict>, name: &str) -> PyResult<Option<Bound<'py, PyList>>> {
    match cols.get_item(name)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => Ok(Some(v.cast_into::<PyList>().map_err(|_| {
            PyTypeError::new_err(format!("{name}: internal: expected a list"))
        })?)),
    }
}

/// A required column: the core's `missing_input` when absent.
fn required<'py>(cols: &Bound<'py, PyDict>, name: &'static str) -> PyResult<Bound<'py, PyList>> {
    column(cols, name)?.ok_or_else(|| {
        crate::errors::CoreError(Error::MissingInput {
            field: name,
            at: Location::NONE,
        })
        .into()
    })
}

fn type_error(name: &str, row: usize, expected: &str, got: &Bound<'_, PyAny>) -> PyErr {
    let t = got
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    PyTypeError::new_err(format!("{name} (row {row}): expected {expected}, got {t}"))
}

fn texts(list: &Bound<'_, PyList>, name: &'static str) -> PyResult<Vec<String>> {
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_none() {
                return Err(Error::MissingInput {
                    field: name,
                    at: Location::row(i),
                })
                .py_err();
            }
            v.extract::<String>()
                .map_err(|_| type_error(name, i, "a string", &v))
        })
        .collect()
}

fn opt_texts(
    list: Option<&Bound<'_, PyList>>,
    n: usize,
    name: &str,
) -> PyResult<Vec<Option<String>>> {
    let Some(list) = list else {
        return Ok(vec![None; n]);
    };
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_none() {
                Ok(None)
            } else {
                v.extract::<String>()
                    .map(Some)
                    .map_err(|_| type_error(name, i, "a string or None", &v))
            }
        })
        .collect()
}

/// Counts: Python ints as they are; floats (and NaN / None for missing) by the core's rule.
fn counts(
    list: Option<&Bound<'_, PyList>>,
    n: usize,
    name: &'static str,
) -> PyResult<Vec<Option<u64>>> {
    let Some(list) = list else {
        return Ok(vec![None; n]);
    };
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_none() {
                return Ok(None);
            }
            if let Ok(c) = v.extract::<u64>() {
                return Ok(Some(c));
            }
            let x = v
                .extract::<f64>()
                .map_err(|_| type_error(name, i, "a count (a whole number) or None", &v))?;
            count_from_f64(x, name, i).py_err()
        })
        .collect()
}

fn check_length(name: &'static str, found: usize, expected: usize) -> PyResult<()> {
    if found == expected {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            field: name,
            found,
            expected,
        })
        .py_err()
    }
}

/// Reads the input dict {area, period, indicator, numerator, [breakdown], [denominator],
/// [population]} (lists) into the core's rows.
fn input_rows(cols: &Bound<'_, PyDict>) -> PyResult<Vec<InputRow>> {
    let [area, period, indicator, numerator] = REQUIRED.map(|name| required(cols, name));
    let area = texts(&area?, "area")?;
    let n = area.len();
    let (period, indicator, numerator) = (period?, indicator?, numerator?);
    check_length("period", period.len(), n)?;
    check_length("indicator", indicator.len(), n)?;
    check_length("numerator", numerator.len(), n)?;
    let period = texts(&period, "period")?;
    let indicator = texts(&indicator, "indicator")?;
    let breakdown = column(cols, "breakdown")?;
    let denominator = column(cols, "denominator")?;
    let population = column(cols, "population")?;
    for (name, c) in [
        ("breakdown", &breakdown),
        ("denominator", &denominator),
        ("population", &population),
    ] {
        if let Some(c) = c {
            check_length(name, c.len(), n)?;
        }
    }
    let breakdown = opt_texts(breakdown.as_ref(), n, "breakdown")?;
    let numerator = counts(Some(&numerator), n, "numerator")?;
    let denominator = counts(denominator.as_ref(), n, "denominator")?;
    let population = counts(population.as_ref(), n, "population")?;
    let mut rows = Vec::with_capacity(n);
    for (i, (((((area, period), indicator), breakdown), numerator), (denominator, population))) in
        area.into_iter()
            .zip(period)
            .zip(indicator)
            .zip(breakdown)
            .zip(numerator)
            .zip(denominator.into_iter().zip(population))
            .enumerate()
    {
        let numerator = numerator.ok_or(Error::MissingInput {
            field: "numerator",
            at: Location::row(i),
        });
        rows.push(InputRow {
            area,
            period,
            indicator,
            breakdown,
            numerator: numerator.py_err()?,
            denominator,
            population,
        });
    }
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// Evaluate and aggregate
// ---------------------------------------------------------------------------------------------

/// The result columns, in order (`care_outcomes.catalogue.RESULT_COLUMNS` types them).
pub(crate) const RESULT_COLUMNS: &[&str] = &[
    "area",
    "period",
    "indicator",
    "code",
    "breakdown",
    "breakdown_label",
    "domain",
    "version",
    "revision",
    "numerator",
    "denominator",
    "value",
    "lower",
    "upper",
    "confidence",
    "method",
    "reason",
    "published",
    "symbol",
    "flags",
    "benchmark",
    "benchmark_value",
    "benchmark_comparison",
    "comparator_value",
    "comparator_comparison",
    "quartile",
    "mad_band",
    "direction",
    "previous_period",
];

/// The names of the result columns, in order.
#[pyfunction]
pub(crate) fn result_columns() -> Vec<&'static str> {
    RESULT_COLUMNS.to_vec()
}

fn flag_code(f: care_outcomes::indicator::Flag) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The result rows as a dict of lists, keyed by [`RESULT_COLUMNS`].
fn result_dict<'py>(py: Python<'py>, rows: &[ResultRow]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    macro_rules! col {
        ($name:literal, $f:expr) => {
            d.set_item($name, PyList::new(py, rows.iter().map($f))?)?;
        };
    }
    col!("area", |r| r.area.as_ref());
    col!("period", |r| r.period.as_ref());
    col!("indicator", |r| r.indicator.as_ref());
    col!("code", |r| r.code.as_ref());
    col!("breakdown", |r| r.breakdown.as_deref());
    col!("breakdown_label", |r| r.breakdown_label.as_deref());
    col!("domain", |r| r.domain.as_deref());
    col!("version", |r| r.result.definition_version.as_ref());
    col!("revision", |r| r.result.definition_revision);
    col!("numerator", |r| r.result.numerator);
    col!("denominator", |r| r.result.denominator);
    col!("value", |r| r.result.value);
    col!("lower", |r| r.result.lower);
    col!("upper", |r| r.result.upper);
    col!("confidence", |r| r.result.confidence.map(|c| c.label()));
    col!("method", |r| r.result.method.map(Method::label));
    col!("reason", |r| r.result.reason.map(Reason::code));
    col!("published", |r| r.result.published.map(|p| p.to_string()));
    col!("symbol", |r| r.symbol.as_deref());
    d.set_item(
        "flags",
        PyList::new(
            py,
            rows.iter().map(|r| {
                r.result
                    .flags
                    .iter()
                    .map(|f| flag_code(*f))
                    .collect::<Vec<_>>()
            }),
        )?,
    )?;
    col!("benchmark", |r| r.benchmark.as_ref().map(|b| &*b.against));
    col!("benchmark_value", |r| r
        .benchmark
        .as_ref()
        .and_then(|b| b.value));
    col!("benchmark_comparison", |r| r
        .benchmark
        .as_ref()
        .map(|b| b.comparison.code()));
    col!("comparator_value", |r| r
        .comparator
        .as_ref()
        .and_then(|b| b.value));
    col!("comparator_comparison", |r| r
        .comparator
        .as_ref()
        .map(|b| b.comparison.code()));
    col!("quartile", |r| r.quartile);
    col!("mad_band", |r| r.mad_band.map(MadBand::code));
    col!("direction", |r| r.direction.map(Direction::code));
    col!("previous_period", |r| r.previous_period.as_deref());
    Ok(d)
}

/// Evaluates input columns (core `evaluate`) against a framework handle, a built-in framework
/// key ("ascof/legacy") or, when both are None, the whole built-in catalogue.
#[pyfunction]
#[pyo3(signature = (columns, framework, framework_key, confidence, benchmark, comparators, peers, aggregates))]
#[allow(clippy::too_many_arguments)] // one argument per option of the core call
pub(crate) fn evaluate<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    framework: Option<PyRef<'py, FrameworkHandle>>,
    framework_key: Option<&str>,
    confidence: f64,
    benchmark: Option<String>,
    comparators: Vec<String>,
    peers: Option<Vec<String>>,
    aggregates: Vec<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = input_rows(&columns)?;
    let cat = Catalogue::builtin();
    let keyed;
    let source: &(dyn Definitions + Sync) = match (&framework, framework_key) {
        (Some(h), _) => &h.0,
        (None, Some(key)) => {
            let (name, version) = key.split_once('/').unwrap_or((key, ""));
            keyed = cat.framework(name, version).py_err()?;
            keyed
        }
        (None, None) => cat,
    };
    let options = EvaluateOptions {
        confidence,
        benchmark,
        comparators,
        peers,
        aggregates,
    };
    let out = py
        .detach(|| core_evaluate(&rows, source, &options))
        .py_err()?;
    result_dict(py, &out.rows)
}

/// Sums input columns into parent areas (core `aggregate`); returns input columns.
#[pyfunction]
pub(crate) fn aggregate<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    parent_of: HashMap<String, String>,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = input_rows(&columns)?;
    let out = core_aggregate(&rows, &parent_of).py_err()?;
    let d = PyDict::new(py);
    d.set_item(
        "area",
        PyList::new(py, out.iter().map(|r| r.area.as_str()))?,
    )?;
    d.set_item(
        "period",
        PyList::new(py, out.iter().map(|r| r.period.as_str()))?,
    )?;
    d.set_item(
        "indicator",
        PyList::new(py, out.iter().map(|r| r.indicator.as_str()))?,
    )?;
    d.set_item(
        "breakdown",
        PyList::new(py, out.iter().map(|r| r.breakdown.as_deref()))?,
    )?;
    d.set_item(
        "numerator",
        PyList::new(py, out.iter().map(|r| r.numerator))?,
    )?;
    d.set_item(
        "denominator",
        PyList::new(py, out.iter().map(|r| r.denominator))?,
    )?;
    d.set_item(
        "population",
        PyList::new(py, out.iter().map(|r| r.population))?,
    )?;
    Ok(d)
}
