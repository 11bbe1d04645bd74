//! Python face of care-outcomes: the private extension module `care_outcomes._care_outcomes`.
//!
//! This crate converts types and errors only. Every rule, default, label and code comes from the
//! core crate `care_outcomes`; the public Python API (`care_outcomes.stats`) is a thin layer over
//! the functions here that turns Python scalars, sequences, numpy arrays and Arrow-compatible
//! columns into contiguous float64 arrays and wraps the results.
//!
//! * Core errors become `care_outcomes.CareOutcomesError` subclasses in one place
//!   ([`errors`]), each with `.code`, `.row` and `.group`.
//! * Batch functions borrow numpy buffers as read-only slices and release the GIL while the
//!   core computes.
#![cfg(not(target_family = "wasm"))]

mod catalogue;
mod convert;
mod economics;
pub mod errors;
mod functions;
mod publish;
mod records;
mod spc;
mod survey;

use pyo3::prelude::*;

/// The extension module (`care_outcomes._care_outcomes`).
#[pymodule]
mod _care_outcomes {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::catalogue::{
        FrameworkHandle, aggregate, builtin_framework, catalogue_definitions, evaluate,
        evaluate_defaults, framework_keys, indicator, load_framework, resolve_open_data_code,
        result_columns,
    };
    #[pymodule_export]
    use crate::economics::{economics_call, economics_functions};

    #[pymodule_export]
    use crate::functions::{
        aggregate_counts, compare, compare_interval, defaults, dsr, dsr_non_independent,
        dsr_weighted, error_codes, funnel_proportions, funnel_rates, funnel_ratios, isr,
        life_expectancy, mean, proportion, proportion_batch, proportion_funnel_limits,
        proportion_grouped, quantiles, quantiles_grouped, rate, rate_batch, rate_grouped,
        ratio_funnel_limits, ratio_significance, reason_codes, standards, version,
    };
    #[pymodule_export]
    use crate::spc::{
        funnel_chart_svg, funnel_limits_at, funnel_overdispersed, spc_chart_svg, spc_presets,
        spc_run_chart, spc_xmr, spine_chart_svg, trend_chart_svg,
    };

    #[pymodule_export]
    use crate::survey::{
        survey_carer_measures, survey_defaults, survey_measures, survey_score, survey_score_carers,
        survey_weights,
    };

    #[pymodule_export]
    use crate::publish::publish_table;

    #[pymodule_export]
    use crate::records::{
        PyHospitalSpells, records_coverage, records_defaults, records_derive_arrow,
        records_derive_columns, records_derive_csv, records_hospital_columns, records_hospital_csv,
        records_input_rows, records_synthetic, records_synthetic_hospital,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        crate::errors::register(m)
    }
}
