//! Type conversions between the core's results and plain Python objects (dicts, numpy arrays).
//! No rule lives here: every value, label and code comes from the core.

use crate::errors::CoreResultExt;
use care_outcomes::stats::confidence::confidence_opt;
use care_outcomes::stats::{
    BatchColumns, Confidence, Estimate, Estimates, Method, OnUndefined, Polarity, Reason,
};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::fmt;
use std::hash::{Hash, Hasher};

/// A read-only numpy float64 column viewed as a slice (no copy).
///
/// The Python layer hands over C-contiguous float64 arrays; anything else is a `ValueError`.
pub(crate) fn slice<'a>(a: &'a PyReadonlyArray1<'_, f64>, name: &str) -> PyResult<&'a [f64]> {
    a.as_slice()
        .map_err(|_| PyValueError::new_err(format!("{name}: expected a contiguous float64 array")))
}

/// `on_undefined`: parsed by the core ("null" or "error").
pub(crate) fn on_undefined(value: &str) -> PyResult<OnUndefined> {
    value.parse::<OnUndefined>().py_err()
}

/// `polarity`: parsed by the core.
pub(crate) fn polarity(value: &str) -> PyResult<Polarity> {
    value.parse::<Polarity>().py_err()
}

/// Validates an optional level with the core (None: no interval).
pub(crate) fn level(confidence: Option<f64>) -> PyResult<Option<Confidence>> {
    confidence_opt(confidence).py_err()
}

/// Per-row labels as small integer codes (one byte a row) plus the labels they index (0 is None,
/// k is `labels[k - 1]`), so that Python builds its object column with one vectorised take, and
/// only when it is asked for. Every coded enum of the core has far fewer than 255 variants.
pub(crate) fn encode<T: Copy + PartialEq>(
    items: impl Iterator<Item = Option<T>>,
    label: fn(T) -> &'static str,
) -> (Vec<u8>, Vec<&'static str>) {
    let mut seen: Vec<T> = Vec::new();
    let codes = items
        .map(|item| match item {
            None => 0,
            Some(v) => {
                let pos = if let Some(p) = seen.iter().position(|s| *s == v) {
                    p
                } else {
                    seen.push(v);
                    seen.len() - 1
                };
                u8::try_from(pos + 1).unwrap_or(u8::MAX)
            }
        })
        .collect();
    (codes, seen.into_iter().map(label).collect())
}

/// Adds `<name>_codes` and `<name>_labels` to a dict.
pub(crate) fn set_coded(
    d: &Bound<'_, PyDict>,
    name: &str,
    coded: (Vec<u8>, Vec<&'static str>),
) -> PyResult<()> {
    let py = d.py();
    d.set_item(format!("{name}_codes"), PyArray1::from_vec(py, coded.0))?;
    d.set_item(format!("{name}_labels"), PyList::new(py, coded.1)?)?;
    Ok(())
}

/// Adds the level, its label and its column suffix ("95", "99_8") to a dict.
fn set_confidence(d: &Bound<'_, PyDict>, conf: Option<Confidence>) -> PyResult<()> {
    d.set_item("level", conf.map(|c| c.level()))?;
    d.set_item("confidence", conf.map(|c| c.label()))?;
    d.set_item("column_suffix", conf.map(|c| c.column_suffix()))?;
    Ok(())
}

/// One estimate as a dict: value, lower, upper, level, confidence label, column suffix,
/// method label and reason code.
pub(crate) fn estimate_dict<'py>(py: Python<'py>, e: &Estimate) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("value", e.value)?;
    d.set_item("lower", e.lower)?;
    d.set_item("upper", e.upper)?;
    set_confidence(&d, e.confidence)?;
    d.set_item("method", e.method.map(Method::label))?;
    d.set_item("reason", e.reason.map(Reason::code))?;
    Ok(d)
}

/// The columns of a batch, already coded (built without the GIL).
pub(crate) struct Columns {
    estimates: Estimates,
    methods: (Vec<u8>, Vec<&'static str>),
    reasons: (Vec<u8>, Vec<&'static str>),
}

impl Columns {
    /// Codes the method and reason columns of a batch.
    pub(crate) fn new(estimates: Estimates) -> Self {
        let methods = encode(estimates.method.iter().copied(), Method::label);
        let reasons = encode(estimates.reason.iter().copied(), Reason::code);
        Columns {
            estimates,
            methods,
            reasons,
        }
    }

    /// Hands the columns to numpy without copying them.
    pub(crate) fn into_dict(
        self,
        py: Python<'_>,
        confidence: Option<Confidence>,
    ) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        let e = self.estimates;
        d.set_item("value", PyArray1::from_vec(py, e.value))?;
        d.set_item("lower", PyArray1::from_vec(py, e.lower))?;
        d.set_item("upper", PyArray1::from_vec(py, e.upper))?;
        set_confidence(&d, e.confidence.or(confidence))?;
        set_coded(&d, "method", self.methods)?;
        set_coded(&d, "reason", self.reasons)?;
        d.set_item("extras", PyDict::new(py))?;
        Ok(d)
    }
}

/// A batch written by the core straight into numpy arrays (`fill` is a core `*_batch_into`
/// call, run without the GIL): numpy allocates the float columns (for large arrays it asks the
/// kernel for huge pages, so the core's workers take a few page faults instead of thousands),
/// then the method and reason columns are coded as in [`Columns`].
pub(crate) fn batch_into_dict<F>(py: Python<'_>, len: usize, fill: F) -> PyResult<Bound<'_, PyDict>>
where
    F: FnOnce(BatchColumns<'_>) -> care_outcomes::Result<Option<Confidence>> + Send,
{
    let value = PyArray1::<f64>::zeros(py, len, false);
    let lower = PyArray1::<f64>::zeros(py, len, false);
    let upper = PyArray1::<f64>::zeros(py, len, false);
    let (confidence, methods, reasons) = {
        let mut v = value.readwrite();
        let mut l = lower.readwrite();
        let mut u = upper.readwrite();
        let not_contiguous = |_| PyValueError::new_err("internal: output not contiguous");
        let value = v.as_slice_mut().map_err(not_contiguous)?;
        let lower = l.as_slice_mut().map_err(not_contiguous)?;
        let upper = u.as_slice_mut().map_err(not_contiguous)?;
        py.detach(|| {
            let mut method = vec![None; len];
            let mut reason = vec![None; len];
            let confidence = fill(BatchColumns {
                value,
                lower,
                upper,
                method: &mut method,
                reason: &mut reason,
            })?;
            Ok::<_, care_outcomes::Error>((
                confidence,
                encode(method.into_iter(), Method::label),
                encode(reason.into_iter(), Reason::code),
            ))
        })
        .py_err()?
    };
    let d = PyDict::new(py);
    d.set_item("value", value)?;
    d.set_item("lower", lower)?;
    d.set_item("upper", upper)?;
    set_confidence(&d, confidence)?;
    set_coded(&d, "method", methods)?;
    set_coded(&d, "reason", reasons)?;
    d.set_item("extras", PyDict::new(py))?;
    Ok(d)
}

/// A batch dict from per-group estimates, with extra columns added by the caller.
pub(crate) fn rows_dict<'py, 'e>(
    py: Python<'py>,
    rows: impl ExactSizeIterator<Item = &'e Estimate>,
    confidence: Option<Confidence>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut est = Estimates::with_capacity(rows.len(), confidence);
    for e in rows {
        est.push(e);
    }
    Columns::new(est).into_dict(py, confidence)
}

/// Adds a float column to the `extras` dict of a batch dict.
pub(crate) fn set_extra(d: &Bound<'_, PyDict>, name: &str, column: Vec<f64>) -> PyResult<()> {
    let py = d.py();
    let extras = d
        .get_item("extras")?
        .ok_or_else(|| PyValueError::new_err("internal: batch without extras"))?;
    extras.set_item(name, PyArray1::from_vec(py, column))
}

/// Adds a string column to the `extras` dict of a batch dict.
pub(crate) fn set_extra_str(
    d: &Bound<'_, PyDict>,
    name: &str,
    column: Vec<String>,
) -> PyResult<()> {
    let py = d.py();
    let extras = d
        .get_item("extras")?
        .ok_or_else(|| PyValueError::new_err("internal: batch without extras"))?;
    extras.set_item(name, PyList::new(py, column)?)
}

/// A group key for the core's grouped functions: compared by id (the Python layer numbers
/// the distinct keys in order of first appearance), shown by its label in error messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupKey<'a> {
    pub(crate) id: usize,
    label: &'a str,
}

impl PartialEq for GroupKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for GroupKey<'_> {}

impl Hash for GroupKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl fmt::Display for GroupKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label)
    }
}

/// Builds the per-row group keys from ids and the labels of the distinct groups.
pub(crate) fn group_keys<'a>(ids: &[usize], labels: &'a [String]) -> PyResult<Vec<GroupKey<'a>>> {
    ids.iter()
        .map(|&id| {
            labels
                .get(id)
                .map(|label| GroupKey { id, label })
                .ok_or_else(|| PyValueError::new_err("internal: group id out of range"))
        })
        .collect()
}

/// Borrowed `&str`s of owned strings.
pub(crate) fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// None → NaN (the null of a float column).
pub(crate) fn or_nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}
