//! Survey functions of the extension module. Records cross as JSON text (arrays of objects),
//! the interchange every face reads; the core parses them, scores, weights and publishes. The
//! public signatures live in `care_outcomes.survey`.

// `#[pyfunction]` arguments are extracted from Python by value.
#![allow(clippy::needless_pass_by_value)]

use crate::errors::CoreResultExt;
use care_outcomes::survey::{
    self, AscotWeights, MeasuresOptions, ScoreOptions, Subgroup, SurveyMeasures,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::BTreeMap;

fn to_json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn score_options(
    on_invalid: &str,
    on_missing: &str,
    assistance_code_4: &str,
) -> PyResult<ScoreOptions> {
    Ok(ScoreOptions {
        on_invalid: on_invalid.parse().py_err()?,
        on_missing: on_missing.parse().py_err()?,
        assistance_code_4: assistance_code_4.parse().py_err()?,
    })
}

fn measures_options(
    score: ScoreOptions,
    subgroups: Vec<String>,
    regions: BTreeMap<String, String>,
    england: bool,
) -> PyResult<MeasuresOptions> {
    Ok(MeasuresOptions {
        score,
        subgroups: subgroups
            .iter()
            .map(|s| s.parse::<Subgroup>())
            .collect::<care_outcomes::Result<_>>()
            .py_err()?,
        regions,
        england,
    })
}

fn measures_payload(out: &SurveyMeasures) -> PyResult<(String, String, String)> {
    let ledger: Vec<_> = out.ledger.iter().map(survey::LedgerEntry::to_row).collect();
    Ok((
        to_json(&out.estimates)?,
        to_json(&ledger)?,
        out.weights.clone(),
    ))
}

/// The defaults of the survey options (JSON of the core's `MeasuresOptions::default()`).
#[pyfunction]
pub(crate) fn survey_defaults() -> PyResult<String> {
    to_json(&MeasuresOptions::default())
}

/// The built-in ASCOT weights with their provenance (JSON).
#[pyfunction]
pub(crate) fn survey_weights() -> PyResult<String> {
    to_json(AscotWeights::builtin())
}

/// Scores ASCS respondents (JSON records) → (JSON score rows, weights id).
#[pyfunction]
pub(crate) fn survey_score(
    py: Python<'_>,
    respondents: String,
    on_invalid: &str,
    on_missing: &str,
    assistance_code_4: &str,
) -> PyResult<(String, String)> {
    let o = score_options(on_invalid, on_missing, assistance_code_4)?;
    let out = py
        .detach(|| {
            survey::respondents_from_json(&respondents).and_then(|rs| survey::score(&rs, &o))
        })
        .py_err()?;
    Ok((to_json(&out.rows)?, out.weights))
}

/// Scores SACE respondents (JSON records) → JSON score rows.
#[pyfunction]
pub(crate) fn survey_score_carers(
    py: Python<'_>,
    carers: String,
    on_invalid: &str,
    on_missing: &str,
) -> PyResult<String> {
    let o = score_options(on_invalid, on_missing, "reject")?;
    let out = py
        .detach(|| survey::carers_from_json(&carers).and_then(|cs| survey::score_carers(&cs, &o)))
        .py_err()?;
    to_json(&out)
}

/// ASCS measures → (JSON estimates, JSON ledger rows, weights id).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub(crate) fn survey_measures(
    py: Python<'_>,
    respondents: String,
    strata: String,
    on_invalid: &str,
    on_missing: &str,
    assistance_code_4: &str,
    subgroups: Vec<String>,
    regions: BTreeMap<String, String>,
    england: bool,
) -> PyResult<(String, String, String)> {
    let o = measures_options(
        score_options(on_invalid, on_missing, assistance_code_4)?,
        subgroups,
        regions,
        england,
    )?;
    let out = py
        .detach(|| {
            let rs = survey::respondents_from_json(&respondents)?;
            let pops = survey::populations_from_json(&strata)?;
            survey::measures(&rs, &pops, &o)
        })
        .py_err()?;
    measures_payload(&out)
}

/// SACE carer QoL measures → (JSON estimates, JSON ledger rows, weights id).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub(crate) fn survey_carer_measures(
    py: Python<'_>,
    carers: String,
    populations: String,
    on_invalid: &str,
    on_missing: &str,
    subgroups: Vec<String>,
    regions: BTreeMap<String, String>,
    england: bool,
) -> PyResult<(String, String, String)> {
    let o = measures_options(
        score_options(on_invalid, on_missing, "reject")?,
        subgroups,
        regions,
        england,
    )?;
    let out = py
        .detach(|| {
            let cs = survey::carers_from_json(&carers)?;
            let pops = survey::populations_from_json(&populations)?;
            survey::carer_measures(&cs, &pops, &o)
        })
        .py_err()?;
    measures_payload(&out)
}
