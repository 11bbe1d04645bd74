//! The economics functions of the private extension module: one entry point that hands a
//! function name and JSON arguments to the core's interchange
//! (`care_outcomes::economics::interchange`) and returns its JSON result. Every default and rule
//! is the core's; the public, documented API is `care_outcomes.economics`.

use crate::errors::CoreResultExt;
use care_outcomes::economics::interchange;
use pyo3::prelude::*;

/// Calls `care_outcomes::economics::interchange::call(function, args)` with the GIL released.
#[pyfunction]
pub(crate) fn economics_call(py: Python<'_>, function: &str, args: &str) -> PyResult<String> {
    py.detach(|| interchange::call(function, args)).py_err()
}

/// The function names the interchange knows.
#[pyfunction]
pub(crate) fn economics_functions() -> &'static str {
    interchange::FUNCTIONS
}
