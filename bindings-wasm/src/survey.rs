//! `survey`: the survey functions for JS, as static methods of an exported `survey` namespace
//! (`co.survey.score(...)`). Records cross as arrays of plain objects: keys are converted
//! camelCase ⇄ snake_case (the core's field names) and nothing else; the core parses, validates,
//! scores, weights and publishes.

use crate::convert::{JsResult, Opts, OrThrow, bad_type};
use care_outcomes::Error as CoreError;
use care_outcomes::survey::{
    self, AscotWeights, LedgerEntry, MeasuresOptions, ScoreOptions, Subgroup, SurveyMeasures,
};
use js_sys::{Array, JSON, Object};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SURVEY_TYPES: &'static str = r#"
/** An ASCS respondent: codes as numbers (1 = first option), null / undefined when missing. */
export interface SurveyResponse {
  council?: string | number | null;
  stratum?: number | null;
  sex?: string | number | null;
  ageBand?: "18-64" | "65+" | null;
  canAnswerQ2c?: boolean | null;
  q1?: number | null; q3a?: number | null; q4a?: number | null; q5a?: number | null;
  q6a?: number | null; q7a?: number | null; q7b?: number | null; q8a?: number | null;
  q9a?: number | null; q11?: number | null; q12?: number | null; q13?: number | null;
  q15a?: number | null; q15b?: number | null; q15c?: number | null; q15d?: number | null;
  q16a?: number | null; q16b?: number | null; q16c?: number | null; q17?: number | null;
  q18?: number | null;
  [other: string]: unknown;
}

/** A SACE respondent: the six 1D items coded 1–3. */
export interface CarerResponse {
  council?: string | number | null;
  sex?: string | number | null;
  ageBand?: "18-64" | "65+" | null;
  occupation?: number | null; control?: number | null; selfCare?: number | null;
  safety?: number | null; socialParticipation?: number | null; support?: number | null;
  [other: string]: unknown;
}

/** A stratum population (ASCS: council, stratum 1–4) or a council's eligible population (SACE). */
export interface StratumPopulation {
  council: string | number;
  stratum?: number | null;
  population: number;
}

export type RowStatus = "used" | "excluded" | "rejected";

/** The scores of one input row. */
export interface ScoredResponse {
  row: number;
  status: RowStatus;
  scrqol: number | null;
  ascotIndex: number | null;
  adjustedScrqol: number | null;
  control: boolean | null;
  socialContact: boolean | null;
  overallSatisfaction: boolean | null;
  informationEase: boolean | null;
  feelSafe: boolean | null;
  servicesSafe: boolean | null;
  reasons: string;
}

/** The 1D score of one carer row. */
export interface ScoredCarer {
  row: number;
  status: RowStatus;
  carerQol: number | null;
  reasons: string;
}

/** One estimate of one measure for one area and sub-group. */
export interface SurveyEstimate {
  level: "council" | "region" | "england";
  area: string;
  subgroup: "sex" | "age_band" | null;
  subgroupValue: string | null;
  measure: string;
  code: string;
  value: number | null;
  marginOfError: number | null;
  numerator: number;
  denominator: number;
  base: number;
  reason: ReasonCode | null;
  marginReason: ReasonCode | null;
  publishedValue: string | null;
  publishedMarginOfError: string | null;
  publishedNumerator: number | null;
  publishedDenominator: number | null;
  publishedBase: number | null;
  symbol: "[c]" | "[x]" | null;
  method: string;
}

/** The ledger entry of one input row. */
export interface LedgerRow {
  row: number;
  status: RowStatus;
  usedIn: string;
  reasons: string;
  rejectionCode: ErrorCode | null;
}

export interface ScoreOptions {
  /** "error" (default) or "reject". */
  onInvalid?: "error" | "reject";
  /** "exclude" (default) or "error". */
  onMissing?: "exclude" | "error";
  /** "reject" (default) or "pass_through" (NHS parity for q15/q16 code 4). */
  assistanceCode4?: "reject" | "pass_through";
}

export interface MeasuresOptions extends ScoreOptions {
  /** The stratum populations (ASCS) or council eligible populations (SACE). */
  strata: StratumPopulation[];
  subgroups?: ("sex" | "age_band")[];
  /** Council → region. */
  regions?: Record<string, string>;
  england?: boolean;
}

export interface SurveyMeasures {
  estimates: SurveyEstimate[];
  ledger: LedgerRow[];
  weights: string;
}
"#;

fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut up = false;
    for c in key.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn rename(v: Value, f: fn(&str) -> String) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (f(&k), rename(v, f))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(|v| rename(v, f)).collect()),
        other => other,
    }
}

/// An array of records as the core's JSON text (keys to snake_case).
fn records(v: &JsValue, what: &'static str) -> JsResult<String> {
    if !Array::is_array(v) {
        return Err(bad_type(what, v, "an array of records"));
    }
    let text = JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| bad_type(what, v, "an array of JSON-compatible records"))?;
    let parsed: Value = serde_json::from_str(&text).map_err(|e| {
        crate::convert::js_error(&CoreError::InvalidDefinition {
            message: format!("{what}: {e}"),
        })
    })?;
    Ok(rename(parsed, snake).to_string())
}

/// A parsed JSON value with its object keys in camelCase (key order kept).
fn camel_keys(v: JsValue) -> JsValue {
    if Array::is_array(&v) {
        return Array::from(&v)
            .iter()
            .map(camel_keys)
            .collect::<Array>()
            .into();
    }
    if v.is_object() {
        let out = Object::new();
        for pair in Object::entries(v.unchecked_ref::<Object>()).iter() {
            let pair = Array::from(&pair);
            let key = camel(&pair.get(0).as_string().unwrap_or_default());
            crate::convert::set(&out, &key, &camel_keys(pair.get(1)));
        }
        return out.into();
    }
    v
}

/// A core result as plain JS values (keys to camelCase, in the core's field order).
fn to_js<T: serde::Serialize>(v: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(v).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(camel_keys(JSON::parse(&text)?))
}

fn parsed_or<T: FromStr<Err = CoreError>>(o: &Opts, key: &'static str, default: T) -> JsResult<T> {
    let v = o.get(key)?;
    if v.is_undefined() {
        return Ok(default);
    }
    match v.as_string() {
        Some(s) => s.parse::<T>().js(),
        None => Err(bad_type(key, &v, "a string")),
    }
}

fn score_options(o: &Opts) -> JsResult<ScoreOptions> {
    let d = ScoreOptions::default();
    Ok(ScoreOptions {
        on_invalid: parsed_or(o, "onInvalid", d.on_invalid)?,
        on_missing: parsed_or(o, "onMissing", d.on_missing)?,
        assistance_code_4: parsed_or(o, "assistanceCode4", d.assistance_code_4)?,
    })
}

fn measures_options(o: &Opts) -> JsResult<MeasuresOptions> {
    let d = MeasuresOptions::default();
    let subgroups = o.get("subgroups")?;
    let subgroups = if subgroups.is_undefined() {
        d.subgroups
    } else if Array::is_array(&subgroups) {
        Array::from(&subgroups)
            .iter()
            .map(|s| match s.as_string() {
                Some(s) => Subgroup::from_str(&s).js(),
                None => Err(bad_type("subgroups", &s, "\"sex\" or \"age_band\"")),
            })
            .collect::<JsResult<_>>()?
    } else {
        return Err(bad_type("subgroups", &subgroups, "an array of names"));
    };
    let regions = o.get("regions")?;
    let regions = if regions.is_undefined() {
        d.regions
    } else if regions.is_object() && !Array::is_array(&regions) && !regions.is_function() {
        let mut map = BTreeMap::new();
        for pair in Object::entries(regions.unchecked_ref::<Object>()).iter() {
            let pair = Array::from(&pair);
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(k), Some(v)) => {
                    map.insert(k, v);
                }
                _ => return Err(bad_type("regions", &pair.get(1), "region names (strings)")),
            }
        }
        map
    } else {
        return Err(bad_type("regions", &regions, "an object council → region"));
    };
    Ok(MeasuresOptions {
        score: score_options(o)?,
        subgroups,
        regions,
        england: o.boolean("england", d.england)?,
    })
}

const SCORE_KEYS: &[&str] = &["onInvalid", "onMissing", "assistanceCode4"];
const SCORE_EXPECTED: &str = "onInvalid, onMissing, assistanceCode4";
const MEASURES_KEYS: &[&str] = &[
    "strata",
    "subgroups",
    "regions",
    "england",
    "onInvalid",
    "onMissing",
    "assistanceCode4",
];
const MEASURES_EXPECTED: &str =
    "strata, subgroups, regions, england, onInvalid, onMissing, assistanceCode4";

fn strata(o: &Opts) -> JsResult<String> {
    let v = o.get("strata")?;
    if v.is_undefined() {
        return Err(crate::convert::js_error(&CoreError::MissingInput {
            field: "strata",
            at: care_outcomes::Location::NONE,
        }));
    }
    records(&v, "strata")
}

fn measures_payload(out: &SurveyMeasures) -> JsResult<JsValue> {
    #[derive(serde::Serialize)]
    struct Payload<'a> {
        estimates: &'a [survey::SurveyEstimate],
        ledger: Vec<survey::LedgerRow>,
        weights: &'a str,
    }
    to_js(&Payload {
        estimates: &out.estimates,
        ledger: out.ledger.iter().map(LedgerEntry::to_row).collect(),
        weights: &out.weights,
    })
}

// The survey functions are exported into the JS namespace `survey` (`co.survey.score`, ...).

/// Validates and scores ASCS respondents: one output object per input row (1A, ASCOT index,
/// 1J, the proportion measures' answers, status and reasons).
#[wasm_bindgen(js_namespace = survey, js_name = score, unchecked_return_type = "ScoredResponse[]")]
pub fn survey_score(
    #[wasm_bindgen(unchecked_param_type = "SurveyResponse[]")] responses: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, SCORE_KEYS, SCORE_EXPECTED)?;
    let opts = score_options(&o)?;
    let rs = survey::respondents_from_json(&records(responses, "responses")?).js()?;
    to_js(&survey::score(&rs, &opts).js()?.rows)
}

/// Validates and scores SACE respondents (carer QoL 1D, 0–12).
#[wasm_bindgen(js_namespace = survey, js_name = scoreCarers, unchecked_return_type = "ScoredCarer[]")]
pub fn survey_score_carers(
    #[wasm_bindgen(unchecked_param_type = "CarerResponse[]")] carers: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, SCORE_KEYS, SCORE_EXPECTED)?;
    let opts = score_options(&o)?;
    let cs = survey::carers_from_json(&records(carers, "carers")?).js()?;
    to_js(&survey::score_carers(&cs, &opts).js()?)
}

/// ASCS measures, stratum-weighted, with margins of error and published figures.
#[wasm_bindgen(js_namespace = survey, js_name = measures, unchecked_return_type = "SurveyEstimate[]")]
pub fn survey_measures(
    #[wasm_bindgen(unchecked_param_type = "SurveyResponse[]")] responses: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MeasuresOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let out = ascs(responses, options)?;
    to_js(&out.estimates)
}

/// As `measures`, with the per-row ledger and the weights used.
#[wasm_bindgen(js_namespace = survey, js_name = measuresWithLedger, unchecked_return_type = "SurveyMeasures")]
pub fn survey_measures_with_ledger(
    #[wasm_bindgen(unchecked_param_type = "SurveyResponse[]")] responses: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MeasuresOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    measures_payload(&ascs(responses, options)?)
}

/// SACE carer QoL by council (unweighted) with population-weighted aggregates.
#[wasm_bindgen(js_namespace = survey, js_name = carerMeasures, unchecked_return_type = "SurveyEstimate[]")]
pub fn survey_carer_measures(
    #[wasm_bindgen(unchecked_param_type = "CarerResponse[]")] carers: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MeasuresOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    to_js(&sace(carers, options)?.estimates)
}

/// As `carerMeasures`, with the per-row ledger.
#[wasm_bindgen(js_namespace = survey, js_name = carerMeasuresWithLedger, unchecked_return_type = "SurveyMeasures")]
pub fn survey_carer_measures_with_ledger(
    #[wasm_bindgen(unchecked_param_type = "CarerResponse[]")] carers: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "MeasuresOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    measures_payload(&sace(carers, options)?)
}

/// The built-in ASCOT weights and 1J adjustment with id, version and provenance.
#[wasm_bindgen(js_namespace = survey, js_name = weights, unchecked_return_type = "Record<string, unknown>")]
pub fn survey_weights() -> JsResult<JsValue> {
    to_js(AscotWeights::builtin())
}

fn ascs(responses: &JsValue, options: &JsValue) -> JsResult<SurveyMeasures> {
    let o = Opts::new(options, MEASURES_KEYS, MEASURES_EXPECTED)?;
    let opts = measures_options(&o)?;
    let pops = survey::populations_from_json(&strata(&o)?).js()?;
    let rs = survey::respondents_from_json(&records(responses, "responses")?).js()?;
    survey::measures(&rs, &pops, &opts).js()
}

fn sace(carers: &JsValue, options: &JsValue) -> JsResult<SurveyMeasures> {
    let o = Opts::new(options, MEASURES_KEYS, MEASURES_EXPECTED)?;
    let opts = measures_options(&o)?;
    let pops = survey::populations_from_json(&strata(&o)?).js()?;
    let cs = survey::carers_from_json(&records(carers, "carers")?).js()?;
    survey::carer_measures(&cs, &pops, &opts).js()
}
