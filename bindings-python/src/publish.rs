//! `publish_table`: disclosure control of a table (`care_outcomes::publish::disclosure`).
//!
//! The Python layer (`care_outcomes.disclosure.publish`) reads the columns of a list of dicts or
//! a data frame into lists; this function hands them, with the layout and options as the core's
//! JSON documents, to `publish_columns` and returns the published table as the core's JSON.

#![allow(clippy::needless_pass_by_value)]

use crate::errors::CoreResultExt;
use care_outcomes::publish::disclosure::{Columns, Layout, PublishOptions, publish_columns};
use pyo3::prelude::*;

/// Publishes a table under disclosure control; returns the core's `PublishedTable` as JSON.
#[pyfunction]
#[pyo3(signature = (keys, numerator, denominator, base, coordinates, not_applicable, layout_json, options_json))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn publish_table(
    py: Python<'_>,
    keys: Option<Vec<String>>,
    numerator: Option<Vec<f64>>,
    denominator: Option<Vec<f64>>,
    base: Option<Vec<f64>>,
    coordinates: Vec<Vec<String>>,
    not_applicable: Option<Vec<bool>>,
    layout_json: &str,
    options_json: &str,
) -> PyResult<String> {
    let layout = Layout::from_json(layout_json).py_err()?;
    let options = PublishOptions::from_json(options_json).py_err()?;
    let columns = Columns {
        keys,
        numerator,
        denominator,
        base,
        coordinates,
        not_applicable,
    };
    let table = py
        .detach(|| publish_columns(&columns, &layout, &options))
        .py_err()?;
    serde_json::to_string(&table).map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!("serialising the result: {e}"))
    })
}
