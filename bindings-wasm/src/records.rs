//! The Client Level Data functions for JS: `deriveRecords(csvTextOrRows, options)`,
//! `recordsCoverage(csvTextOrRows, options)` and `syntheticRecords(options)`. Inputs and outputs cross as JSON-shaped JS values (the core's
//! serde forms); every rule and default comes from `care_outcomes::records`.

use crate::convert::{JsResult, OrThrow, bad_type};
use care_outcomes::Error as CoreError;
use care_outcomes::records::{
    CoverageOptions, Dataset, DeriveOptions, HospitalSpells, Method, NaiveDate, Period,
    Populations, SyntheticOptions, coverage, derive_with_hospital, parse_date, synthetic_csv,
    synthetic_hospital_csv,
};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// A JS value as serde JSON (through `JSON.stringify`).
fn to_json(value: &JsValue, option: &'static str) -> JsResult<serde_json::Value> {
    if value.is_undefined() || value.is_null() {
        return Ok(serde_json::Value::Null);
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| bad_type(option, value, "a JSON-compatible value"))?;
    serde_json::from_str(&text).map_err(|_| bad_type(option, value, "a JSON-compatible value"))
}

/// serde JSON as a JS value (through `JSON.parse`).
fn from_json(value: &impl serde::Serialize) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        crate::convert::js_error(&CoreError::InvalidDefinition {
            message: e.to_string(),
        })
    })?;
    js_sys::JSON::parse(&text)
}

/// A cell of a row object as CSV text: strings as they are, numbers in their shortest form, null
/// (or a missing key) empty; a boolean, array or object is an `invalid_column_type` error.
fn text_of(column: &str, v: &serde_json::Value) -> JsResult<Option<String>> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s.clone())),
        serde_json::Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(crate::convert::js_error(&CoreError::InvalidColumnType {
            column: column.to_owned(),
            found: match other {
                serde_json::Value::Bool(_) => "boolean",
                serde_json::Value::Array(_) => "array",
                _ => "object",
            }
            .to_owned(),
            expected: "strings, numbers or null",
        })),
    }
}

fn options(options: &JsValue) -> JsResult<DeriveOptions> {
    let o = to_json(options, "options")?;
    let get = |k: &str| o.get(k).filter(|v| !v.is_null());
    let Some(period) = get("period").and_then(serde_json::Value::as_str) else {
        return Err(crate::convert::js_error(&CoreError::MissingInput {
            field: "options.period",
            at: care_outcomes::Location::NONE,
        }));
    };
    let period: Period = period.parse().js()?;
    let method: Method = match get("method") {
        None => Method::default(),
        Some(m) => m
            .as_str()
            .ok_or_else(|| bad_type("method", options, "\"2023-24\" or \"2024-25\""))?
            .parse()
            .js()?,
    };
    let mut out = DeriveOptions::new(method, period);
    if let Some(rule) = get("submissions") {
        out.submissions = rule
            .as_str()
            .ok_or_else(|| bad_type("submissions", options, "\"all\" or \"latest\""))?
            .parse()
            .js()?;
    }
    if let Some(day) = get("importDate") {
        let day = day
            .as_str()
            .ok_or_else(|| bad_type("importDate", options, "an ISO date string"))?;
        out.import_date = CoverageOptions::parse(Some(day), None).js()?.import_date;
    }
    if options.is_object() {
        // JSON.stringify turns NaN and ±Infinity into null, which would read as "no
        // population": refuse them before the conversion.
        let pops = js_sys::Reflect::get(options, &JsValue::from_str("populations"))?;
        reject_non_finite(&pops, "populations")?;
    }
    if let Some(p) = get("populations") {
        out.populations = serde_json::from_value::<BTreeMap<String, Populations>>(p.clone())
            .map_err(|_| {
                bad_type(
                    "populations",
                    options,
                    "{ [area]: { \"18-64\"?: number, \"65+\"?: number } }",
                )
            })?;
    }
    Ok(out)
}

/// A `non_finite` error for any NaN or ±Infinity number in `value` or (recursively) in its
/// own enumerable properties.
fn reject_non_finite(value: &JsValue, field: &'static str) -> JsResult<()> {
    if let Some(x) = value.as_f64() {
        if !x.is_finite() {
            return Err(crate::convert::js_error(&CoreError::NonFinite {
                field,
                value: x,
                at: care_outcomes::Location::NONE,
            }));
        }
    } else if value.is_object() {
        let object = js_sys::Object::from(value.clone());
        for v in js_sys::Object::values(&object).iter() {
            reject_non_finite(&v, field)?;
        }
    }
    Ok(())
}

/// Named string columns of an array of row objects (`what` names the argument in errors).
fn columns_of(
    events: &JsValue,
    what: &'static str,
) -> JsResult<Vec<(String, Vec<Option<String>>)>> {
    let rows = to_json(events, what)?;
    let rows = rows.as_array().cloned().unwrap_or_default();
    let mut names: Vec<String> = Vec::new();
    for row in &rows {
        let obj = row
            .as_object()
            .ok_or_else(|| bad_type(what, events, "CSV text or an array of row objects"))?;
        for k in obj.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    names
        .into_iter()
        .map(|n| {
            let values = rows
                .iter()
                .map(|r| r.get(&n).map_or(Ok(None), |v| text_of(&n, v)))
                .collect::<JsResult<Vec<_>>>()?;
            Ok((n, values))
        })
        .collect::<JsResult<Vec<(String, Vec<Option<String>>)>>>()
}

/// The dataset of CSV text or an array of row objects.
fn dataset_of(events: &JsValue) -> JsResult<Dataset> {
    if let Some(text) = events.as_string() {
        Dataset::from_csv_str(&text).js()
    } else if js_sys::Array::is_array(events) {
        Dataset::from_columns(&columns_of(events, "events")?).js()
    } else {
        Err(bad_type(
            "events",
            events,
            "CSV text or an array of row objects",
        ))
    }
}

/// The submissions in an extract (CSV text or row objects) with the reporting periods derived
/// from their data; `options.importDate` (ISO date) and `options.period` are optional.
#[wasm_bindgen(js_name = recordsCoverage, skip_typescript)]
pub fn records_coverage(events: &JsValue, options_value: &JsValue) -> JsResult<JsValue> {
    let (mut import_date, mut period) = (None, None);
    if !(options_value.is_undefined() || options_value.is_null()) {
        let o = to_json(options_value, "options")?;
        let text = |k: &'static str, expected: &'static str| -> JsResult<Option<String>> {
            match o.get(k).filter(|v| !v.is_null()) {
                None => Ok(None),
                Some(v) => v
                    .as_str()
                    .map(|s| Some(s.to_owned()))
                    .ok_or_else(|| bad_type(k, options_value, expected)),
            }
        };
        import_date = text("importDate", "an ISO date string")?;
        period = text("period", "a period string")?;
    }
    let options = CoverageOptions::parse(import_date.as_deref(), period.as_deref()).js()?;
    from_json(&coverage(&dataset_of(events)?, &options))
}

/// Derives every measure from CSV text or an array of row objects; `options.hospital` (CSV
/// text or row objects of hospital spells) adds the 2024-25 2D measures.
#[wasm_bindgen(js_name = deriveRecords, skip_typescript)]
pub fn derive_records(events: &JsValue, options_value: &JsValue) -> JsResult<JsValue> {
    let o = options(options_value)?;
    let dataset = dataset_of(events)?;
    let hospital = if options_value.is_object() {
        js_sys::Reflect::get(options_value, &JsValue::from_str("hospital"))?
    } else {
        JsValue::UNDEFINED
    };
    let spells = if hospital.is_undefined() || hospital.is_null() {
        None
    } else if let Some(text) = hospital.as_string() {
        Some(HospitalSpells::from_csv_str(&text).js()?)
    } else if js_sys::Array::is_array(&hospital) {
        Some(HospitalSpells::from_columns(&columns_of(&hospital, "hospital")?).js()?)
    } else {
        return Err(bad_type(
            "hospital",
            &hospital,
            "CSV text or an array of row objects",
        ));
    };
    from_json(&derive_with_hospital(
        &dataset,
        spells.as_ref(),
        &o,
        &|_| {},
    ))
}

/// Deterministic synthetic hospital spells (CSV text) for a synthetic CLD extract.
#[wasm_bindgen(js_name = syntheticHospital, skip_typescript)]
pub fn synthetic_hospital(events_csv: &JsValue, seed: &JsValue) -> JsResult<String> {
    let text = events_csv
        .as_string()
        .ok_or_else(|| bad_type("eventsCsv", events_csv, "CSV text of CLD events"))?;
    let seed = to_json(seed, "seed")?
        .as_u64()
        .ok_or_else(|| bad_type("seed", seed, "a whole number >= 0"))?;
    let dataset = Dataset::from_csv_str(&text).js()?;
    Ok(synthetic_hospital_csv(&dataset, seed))
}

/// Deterministic synthetic CLD rows as CSV text.
#[wasm_bindgen(js_name = syntheticRecords, skip_typescript)]
pub fn synthetic_records(options_value: &JsValue) -> JsResult<String> {
    let o = to_json(options_value, "options")?;
    let d = SyntheticOptions::default();
    let int = |k: &str, dflt: u64| -> JsResult<u64> {
        match o.get(k).filter(|v| !v.is_null()) {
            None => Ok(dflt),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| bad_type("synthetic option", options_value, "a whole number >= 0")),
        }
    };
    let date = |k: &str, dflt| -> JsResult<NaiveDate> {
        match o.get(k).and_then(serde_json::Value::as_str) {
            None => Ok(dflt),
            Some(s) => {
                parse_date(s).ok_or_else(|| bad_type("synthetic date", options_value, "YYYY-MM-DD"))
            }
        }
    };
    let opts = SyntheticOptions {
        seed: int("seed", d.seed)?,
        events: int("events", d.events)?,
        areas: u32::try_from(int("areas", u64::from(d.areas))?)
            .map_err(|_| bad_type("areas", options_value, "a whole number"))?,
        start: date("start", d.start)?,
        end: date("end", d.end)?,
    };
    synthetic_csv(&opts).js()
}

/// The `evaluate` input row of each measure of a derivation (or null), by the core's link.
#[wasm_bindgen(js_name = evaluationRows, skip_typescript)]
pub fn evaluation_rows(derivation: &JsValue) -> JsResult<JsValue> {
    let measures = to_json(derivation, "derivation")?
        .get("measures")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let measures: Vec<care_outcomes::records::MeasureCount> = serde_json::from_value(measures)
        .map_err(|_| bad_type("derivation", derivation, "the result of deriveRecords"))?;
    let cat = care_outcomes::catalogue::Catalogue::builtin();
    let rows: Vec<Option<care_outcomes::framework::InputRow>> =
        measures.iter().map(|m| m.to_input_row(cat)).collect();
    from_json(&rows)
}
