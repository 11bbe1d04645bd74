//! The one place where [`care_outcomes::Error`] becomes a Python exception.
//!
//! The hierarchy is `care_outcomes.CareOutcomesError(ValueError)` with one subclass per stable
//! error code of the core (`negative_value` → `NegativeValueError`, ...). Every raised instance
//! carries `.code` (the core's string code), `.row` and `.group` (or `None`).

use care_outcomes::Error;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

create_exception!(
    care_outcomes,
    CareOutcomesError,
    PyValueError,
    "Base class of every care-outcomes error (a ValueError). Attributes: `code` (the core's stable snake_case code), `row` (zero-based input row or None) and `group` (group key or None)."
);

/// Declares one exception class per core error code, the code → class lookup and the module
/// registration, from a single list so that nothing can drift apart.
macro_rules! error_classes {
    ($($name:ident => $code:literal),* $(,)?) => {
        $(
            create_exception!(
                care_outcomes,
                $name,
                CareOutcomesError,
                concat!("Raised for the care-outcomes error code `", $code, "`.")
            );
        )*

        /// (code, class name) of every subclass, in the order of `Error::CODES`.
        pub const CLASSES: &[(&str, &str)] = &[$(($code, stringify!($name))),*];

        /// The class raised for a code; the base class for a code this build does not know.
        fn class_for<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
            match code {
                $($code => py.get_type::<$name>(),)*
                _ => py.get_type::<CareOutcomesError>(),
            }
        }

        /// Adds the base class and every subclass to the module, each with a class-level
        /// `code` (None on the base) and `row`/`group` defaults of None.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = m.py();
            let base = py.get_type::<CareOutcomesError>();
            base.setattr("code", py.None())?;
            base.setattr("row", py.None())?;
            base.setattr("group", py.None())?;
            m.add("CareOutcomesError", base)?;
            $(
                let class = py.get_type::<$name>();
                class.setattr("code", $code)?;
                m.add(stringify!($name), class)?;
            )*
            Ok(())
        }
    };
}

error_classes! {
    InvalidConfidenceError => "invalid_confidence",
    InvalidMultiplierError => "invalid_multiplier",
    NonFiniteError => "non_finite",
    NegativeValueError => "negative_value",
    NumeratorExceedsDenominatorError => "numerator_exceeds_denominator",
    LengthMismatchError => "length_mismatch",
    EmptyInputError => "empty_input",
    UnknownStandardError => "unknown_standard",
    UnknownBandError => "unknown_band",
    DuplicateBandError => "duplicate_band",
    MissingBandError => "missing_band",
    InconsistentBandDataError => "inconsistent_band_data",
    InvalidEventFrequencyError => "invalid_event_frequency",
    InvalidReferenceError => "invalid_reference",
    InvalidStandardError => "invalid_standard",
    InvalidQuantileCountError => "invalid_quantile_count",
    InconsistentInvertError => "inconsistent_invert",
    MissingInputError => "missing_input",
    NonpositiveDenominatorError => "nonpositive_denominator",
    MissingDenominatorError => "missing_denominator",
    UndefinedStatisticError => "undefined_statistic",
    InvalidOptionError => "invalid_option",
    InvalidDefinitionError => "invalid_definition",
    InvalidRoundingError => "invalid_rounding",
    UnknownIndicatorError => "unknown_indicator",
    UnknownMethodError => "unknown_method",
    UnknownPolarityError => "unknown_polarity",
    MissingPopulationError => "missing_population",
    DuplicateIdError => "duplicate_id",
    VersionMismatchError => "version_mismatch",
    InvalidFrameworkError => "invalid_framework",
    InvalidRateError => "invalid_rate",
    InvalidAdjustmentError => "invalid_adjustment",
    ZeroCostError => "zero_cost",
    UnknownPriceYearError => "unknown_price_year",
    InvalidDistributionError => "invalid_distribution",
    InvalidResponseError => "invalid_response",
    SampleExceedsPopulationError => "sample_exceeds_population",
    DuplicateStratumError => "duplicate_stratum",
    InvalidTableError => "invalid_table",
    InconsistentTotalError => "inconsistent_total",
    NonIntegerCountError => "non_integer_count",
    InvalidColumnTypeError => "invalid_column_type",
}

/// A core error on its way to Python. `?` turns it into the matching exception.
pub(crate) struct CoreError(pub(crate) Error);

impl From<Error> for CoreError {
    fn from(e: Error) -> Self {
        CoreError(e)
    }
}

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> PyErr {
        Python::attach(|py| to_py_err(py, &e.0))
    }
}

/// Builds the exception instance for a core error, with `.code`, `.row` and `.group` set.
fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let err = PyErr::from_type(class_for(py, e.code()), e.to_string());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("code", e.code())?;
        value.setattr("row", e.row())?;
        value.setattr("group", e.group())?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(failed) => failed,
    }
}

/// Shorthand: a core result to a Python result, through [`CoreError`].
pub(crate) trait CoreResultExt<T> {
    /// Maps the core error to its Python exception.
    fn py_err(self) -> PyResult<T>;
}

impl<T> CoreResultExt<T> for care_outcomes::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(|e| PyErr::from(CoreError(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_a_class_in_order() {
        let mapped: Vec<&str> = CLASSES.iter().map(|(code, _)| *code).collect();
        assert_eq!(
            mapped,
            Error::CODES,
            "update error_classes! to match Error::CODES"
        );
    }

    #[test]
    fn class_names_are_camel_case_of_the_code() {
        for (code, name) in CLASSES {
            let camel: String = code
                .split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(format!("{camel}Error"), *name);
        }
    }
}
