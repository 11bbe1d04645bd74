//! The Client Level Data functions of the extension module. They convert arguments, call
//! `care_outcomes::records` and return the core's serde JSON (`Derivation`), which
//! `care_outcomes.records` turns into Python objects. No rule lives here.

// `#[pyfunction]` arguments are extracted from Python by value.
#![allow(clippy::needless_pass_by_value)]

use crate::errors::CoreResultExt;
use care_outcomes::Error;
use care_outcomes::records::{
    CoverageOptions, Dataset, DeriveOptions, HospitalSpells, Method, Period, Populations, Progress,
    Submissions, SyntheticOptions, coverage, derive_with_hospital, synthetic_csv,
    synthetic_hospital_csv, write_synthetic_csv,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::input::AnyRecordBatch;
use std::collections::BTreeMap;

/// The defaults of the records API, read from the core.
#[pyfunction]
pub(crate) fn records_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    let s = SyntheticOptions::default();
    d.set_item("method", Method::default().to_string())?;
    d.set_item("submissions", Submissions::default().code())?;
    d.set_item("synthetic_seed", s.seed)?;
    d.set_item("synthetic_events", s.events)?;
    d.set_item("synthetic_areas", s.areas)?;
    d.set_item("synthetic_start", s.start.to_string())?;
    d.set_item("synthetic_end", s.end.to_string())?;
    Ok(d)
}

fn options(
    method: &str,
    period: &str,
    populations_json: &str,
    submissions: Option<&str>,
    import_date: Option<&str>,
) -> Result<DeriveOptions, Error> {
    let method: Method = method.parse()?;
    let import_date = CoverageOptions::parse(import_date, None)?.import_date;
    let period: Period = period.parse()?;
    let populations: BTreeMap<String, Populations> = serde_json::from_str(populations_json)
        .map_err(|e| Error::InvalidOption {
            option: "populations",
            value: e.to_string(),
            expected: "a mapping of area to {\"18-64\": int, \"65+\": int}",
        })?;
    let mut o = DeriveOptions::new(method, period);
    o.populations = populations;
    if let Some(rule) = submissions {
        o.submissions = rule.parse()?;
    }
    o.import_date = import_date;
    Ok(o)
}

/// Named string columns, as the core's `from_columns` readers take them.
type NamedColumns = Vec<(String, Vec<Option<String>>)>;

/// Pairs column names with their values (`length_mismatch` when the counts differ).
fn named_columns(
    names: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
) -> Result<NamedColumns, Error> {
    if names.len() != columns.len() {
        return Err(Error::LengthMismatch {
            field: "names",
            expected: columns.len(),
            found: names.len(),
        });
    }
    Ok(names.into_iter().zip(columns).collect())
}

/// Hospital inpatient spells (SUS) read by the core, for the 2024-25 2D measures.
#[pyclass(
    frozen,
    name = "HospitalSpells",
    module = "care_outcomes._care_outcomes"
)]
pub(crate) struct PyHospitalSpells(HospitalSpells);

#[pymethods]
impl PyHospitalSpells {
    /// The spells' row ledger as JSON.
    fn ledger_json(&self) -> String {
        serde_json::to_string(self.0.ledger()).expect("a Ledger serialises")
    }
}

/// Reads hospital spells from CSV text (`is_path = false`) or a CSV file (`is_path = true`).
#[pyfunction]
pub(crate) fn records_hospital_csv(
    py: Python<'_>,
    source: String,
    is_path: bool,
) -> PyResult<PyHospitalSpells> {
    let spells = py
        .detach(|| {
            if is_path {
                HospitalSpells::from_csv_path(&source)
            } else {
                HospitalSpells::from_csv_str(&source)
            }
        })
        .py_err()?;
    Ok(PyHospitalSpells(spells))
}

/// Reads hospital spells from named string columns (None = empty).
#[pyfunction]
pub(crate) fn records_hospital_columns(
    names: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
) -> PyResult<PyHospitalSpells> {
    let cols = named_columns(names, columns).py_err()?;
    Ok(PyHospitalSpells(
        HospitalSpells::from_columns(&cols).py_err()?,
    ))
}

/// Synthetic hospital spells (CSV text) for a synthetic CLD extract given as CSV text.
#[pyfunction]
pub(crate) fn records_synthetic_hospital(
    py: Python<'_>,
    events_csv: String,
    seed: u64,
) -> PyResult<String> {
    py.detach(|| {
        let ds = Dataset::from_csv_str(&events_csv)?;
        Ok(synthetic_hospital_csv(&ds, seed))
    })
    .py_err()
}

fn run(
    py: Python<'_>,
    dataset: &Dataset,
    options: &DeriveOptions,
    progress: Option<Py<PyAny>>,
    hospital: Option<PyRef<'_, PyHospitalSpells>>,
) -> String {
    let report = |p: Progress| {
        if let Some(cb) = &progress {
            Python::attach(|py| {
                if let Err(e) = cb.call1(py, (p.done, p.total)) {
                    e.write_unraisable(py, None);
                }
            });
        }
    };
    let spells = hospital.as_ref().map(|h| &h.0);
    let d = py.detach(|| derive_with_hospital(dataset, spells, options, &report));
    serde_json::to_string(&d).expect("a Derivation serialises")
}

/// Derives every measure from CSV text (`is_path = false`) or a CSV file (`is_path = true`);
/// returns the `Derivation` as JSON. `progress(done, total)` is called with the GIL held.
#[pyfunction]
// One argument per keyword of `co.records.derive`, as the Python face passes them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn records_derive_csv(
    py: Python<'_>,
    source: String,
    is_path: bool,
    method: &str,
    period: &str,
    populations_json: &str,
    progress: Option<Py<PyAny>>,
    hospital: Option<PyRef<'_, PyHospitalSpells>>,
    submissions: Option<&str>,
    import_date: Option<&str>,
) -> PyResult<String> {
    let o = options(method, period, populations_json, submissions, import_date).py_err()?;
    let dataset = py
        .detach(|| {
            if is_path {
                Dataset::from_csv_path(&source)
            } else {
                Dataset::from_csv_str(&source)
            }
        })
        .py_err()?;
    Ok(run(py, &dataset, &o, progress, hospital))
}

/// Derives every measure from named string columns (None = empty); returns JSON.
#[pyfunction]
// One argument per keyword of `co.records.derive`, as the Python face passes them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn records_derive_columns(
    py: Python<'_>,
    names: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
    method: &str,
    period: &str,
    populations_json: &str,
    progress: Option<Py<PyAny>>,
    hospital: Option<PyRef<'_, PyHospitalSpells>>,
    submissions: Option<&str>,
    import_date: Option<&str>,
) -> PyResult<String> {
    let o = options(method, period, populations_json, submissions, import_date).py_err()?;
    let cols = named_columns(names, columns).py_err()?;
    let dataset = py.detach(|| Dataset::from_columns(&cols)).py_err()?;
    Ok(run(py, &dataset, &o, progress, hospital))
}

/// Derives every measure from any Arrow tabular object (`__arrow_c_stream__`, such as a pyarrow
/// Table or RecordBatchReader, a polars or pandas DataFrame; or `__arrow_c_array__`, a pyarrow
/// RecordBatch), imported through the Arrow PyCapsule interface without copying buffers and read
/// batch by batch with the GIL released; returns JSON.
#[pyfunction]
// One argument per keyword of `co.records.derive`, as the Python face passes them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn records_derive_arrow(
    py: Python<'_>,
    table: AnyRecordBatch,
    method: &str,
    period: &str,
    populations_json: &str,
    progress: Option<Py<PyAny>>,
    hospital: Option<PyRef<'_, PyHospitalSpells>>,
    submissions: Option<&str>,
    import_date: Option<&str>,
) -> PyResult<String> {
    let o = options(method, period, populations_json, submissions, import_date).py_err()?;
    let reader = table.into_reader()?;
    let dataset = py.detach(|| Dataset::from_arrow_reader(reader)).py_err()?;
    Ok(run(py, &dataset, &o, progress, hospital))
}

/// Synthetic CLD as CSV text (`path = None`, returns `(rows, text)`) or written to `path`
/// (returns `(rows, None)`).
#[pyfunction]
pub(crate) fn records_synthetic(
    py: Python<'_>,
    seed: u64,
    events: u64,
    areas: u32,
    start: &str,
    end: &str,
    path: Option<String>,
) -> PyResult<(u64, Option<String>)> {
    let date = |s: &str, option: &'static str| {
        care_outcomes::records::parse_date(s).ok_or_else(|| Error::InvalidOption {
            option,
            value: s.to_owned(),
            expected: "a date YYYY-MM-DD",
        })
    };
    let o = SyntheticOptions {
        seed,
        events,
        areas,
        start: date(start, "start").py_err()?,
        end: date(end, "end").py_err()?,
    };
    py.detach(|| match path {
        None => synthetic_csv(&o).map(|text| (text.lines().count() as u64 - 1, Some(text))),
        Some(p) => {
            let file = std::fs::File::create(&p).map_err(|e| Error::InvalidDefinition {
                message: format!("cannot create {p}: {e}"),
            })?;
            write_synthetic_csv(&o, std::io::BufWriter::new(file)).map(|n| (n, None))
        }
    })
    .py_err()
}

/// The evaluate input row of each measure (JSON list of MeasureCount in, JSON list of InputRow
/// or null out, one per measure), by the core's link to the built-in catalogue.
#[pyfunction]
pub(crate) fn records_input_rows(measures_json: &str) -> PyResult<String> {
    let measures: Vec<care_outcomes::records::MeasureCount> = serde_json::from_str(measures_json)
        .map_err(|e| Error::InvalidOption {
            option: "measures",
            value: e.to_string(),
            expected: "the measures of a Derivation",
        })
        .py_err()?;
    let cat = care_outcomes::catalogue::Catalogue::builtin();
    let rows: Vec<Option<care_outcomes::framework::InputRow>> =
        measures.iter().map(|m| m.to_input_row(cat)).collect();
    serde_json::to_string(&rows)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("internal: {e}")))
}

/// The submissions in an extract with the reporting periods derived from their data
/// (`care_outcomes::records::coverage`), as JSON. The events come as CSV text or a path
/// (`source`, `is_path`), named string columns (`names`, `columns`) or an Arrow table
/// (`table`): exactly one of the three. `import_date` (ISO date) and `period` (as for `derive`)
/// are optional.
#[pyfunction]
#[pyo3(signature = (source, is_path, names, columns, table, import_date, period))]
// One argument per input kind and keyword of `co.records.coverage`, as the Python face passes them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn records_coverage(
    py: Python<'_>,
    source: Option<String>,
    is_path: bool,
    names: Option<Vec<String>>,
    columns: Option<Vec<Vec<Option<String>>>>,
    table: Option<AnyRecordBatch>,
    import_date: Option<&str>,
    period: Option<&str>,
) -> PyResult<String> {
    let options = CoverageOptions::parse(import_date, period).py_err()?;
    let dataset = match (source, names, columns, table) {
        (Some(source), None, None, None) => py.detach(|| {
            if is_path {
                Dataset::from_csv_path(&source)
            } else {
                Dataset::from_csv_str(&source)
            }
        }),
        (None, Some(names), Some(columns), None) => {
            let cols = named_columns(names, columns).py_err()?;
            py.detach(|| Dataset::from_columns(&cols))
        }
        (None, None, None, Some(table)) => {
            let reader = table.into_reader()?;
            py.detach(|| Dataset::from_arrow_reader(reader))
        }
        _ => Err(Error::InvalidOption {
            option: "events",
            value: "several or no inputs".to_owned(),
            expected: "exactly one of CSV text or path, columns, or an Arrow table",
        }),
    }
    .py_err()?;
    let report = py.detach(|| coverage(&dataset, &options));
    Ok(serde_json::to_string(&report).expect("coverage serialises"))
}
