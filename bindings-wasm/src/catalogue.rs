//! The catalogue and frameworks for JS: definitions and frameworks as plain objects (the core's
//! serde JSON, parsed by `JSON.parse`), rows in and result rows out as arrays of objects.
//!
//! Definitions keep the framework file schema (snake_case fields, as a framework file is
//! written); computed rows use the camelCase names of the rest of the JS API. Nothing here holds
//! a rule: definitions, resolution, evaluation, aggregation and the reading of counts
//! ([`count_from_f64`]) are the core's.

use crate::convert::{JsResult, Obj, Opts, OrThrow, bad_type, js_error, opt_num, opt_str, strings};
use care_outcomes::Error as CoreError;
use care_outcomes::catalogue::Catalogue;
use care_outcomes::error::Location;
use care_outcomes::framework::evaluate::count_from_f64;
use care_outcomes::framework::{
    Definitions, Direction, EvaluateOptions, Evaluation, Framework, FrameworkDoc, InputRow,
    InputTable, MadBand, ResultRow, aggregate as core_aggregate, evaluate as core_evaluate,
    evaluate_table,
};
use care_outcomes::indicator::{Decimal, Definition, Flag};
use care_outcomes::stats::{Confidence, Method, Reason};
use js_sys::{Array, JSON, Object, Reflect};
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// serde JSON → a JS value (through `JSON.parse`, so numbers are the same doubles).
fn to_js<T: serde::Serialize>(v: &T) -> JsResult<JsValue> {
    let text =
        serde_json::to_string(v).map_err(|e| JsValue::from_str(&format!("internal: {e}")))?;
    JSON::parse(&text)
}

/// A definition with every field (those at their default included), as a JSON value.
fn definition_value(d: &Definition) -> JsResult<serde_json::Value> {
    d.to_value_complete().js()
}

fn definitions_js<'a>(defs: impl Iterator<Item = &'a Definition>) -> JsResult<JsValue> {
    let values = defs.map(definition_value).collect::<JsResult<Vec<_>>>()?;
    to_js(&values)
}

/// Every built-in definition, or (with `framework` and/or `version`) those used by the matching
/// built-in frameworks: their own and those they reference, each once, in order.
#[wasm_bindgen(js_name = catalogue, unchecked_return_type = "Definition[]")]
pub fn catalogue(
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, &["framework", "version"], "framework, version")?;
    let text = |key: &'static str| -> JsResult<Option<String>> {
        let v = o.get(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string()
            .map(Some)
            .ok_or_else(|| bad_type(key, &v, "a string"))
    };
    let (framework, version) = (text("framework")?, text("version")?);
    let defs = Catalogue::builtin()
        .select(framework.as_deref(), version.as_deref())
        .js()?;
    definitions_js(defs.into_iter())
}

/// One built-in definition by id.
#[wasm_bindgen(js_name = indicator, unchecked_return_type = "Definition")]
pub fn indicator(
    #[wasm_bindgen(unchecked_param_type = "string")] id: &JsValue,
) -> JsResult<JsValue> {
    let id = string_arg(id, "id")?;
    to_js(&definition_value(Catalogue::builtin().get(&id).js()?)?)
}

/// The definition id and breakdown suffix of an open-data measure code within a framework
/// version (`("legacy", "2B185OV")` → `{indicator: "ascof-legacy/2B1", breakdown: "85OV"}`),
/// or null.
#[wasm_bindgen(js_name = resolveOpenDataCode, unchecked_return_type = "ResolvedCode | null")]
pub fn resolve_open_data_code(
    #[wasm_bindgen(unchecked_param_type = "string")] version: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code: &JsValue,
) -> JsResult<JsValue> {
    let (version, code) = (string_arg(version, "version")?, string_arg(code, "code")?);
    Ok(
        match Catalogue::builtin().resolve_open_data_code(&version, &code) {
            None => JsValue::NULL,
            Some((d, b)) => Obj::new()
                .str("indicator", &d.id)
                .with("breakdown", opt_str(b.map(|b| b.suffix.as_str())))
                .into_js(),
        },
    )
}

/// A string argument; anything else is `invalid_option`.
fn string_arg(v: &JsValue, name: &'static str) -> JsResult<String> {
    v.as_string().ok_or_else(|| bad_type(name, v, "a string"))
}

/// The keys ("framework/version") of the built-in frameworks, in load order.
#[wasm_bindgen(js_name = frameworks, unchecked_return_type = "string[]")]
pub fn frameworks() -> JsValue {
    Catalogue::builtin()
        .frameworks()
        .iter()
        .map(|f| JsValue::from_str(&f.key()))
        .collect::<Array>()
        .into()
}

/// A resolved framework as a plain object, with the document it came from (`document`), so that
/// `evaluate` can resolve it again.
fn framework_js(fw: &Framework, doc: Option<&FrameworkDoc>) -> JsResult<JsValue> {
    let internal = |e: serde_json::Error| JsValue::from_str(&format!("internal: {e}"));
    let mut v = serde_json::to_value(fw).map_err(internal)?;
    let defs = fw
        .definitions
        .iter()
        .map(definition_value)
        .collect::<JsResult<Vec<_>>>()?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("key".to_owned(), serde_json::Value::String(fw.key()));
        obj.insert("definitions".to_owned(), serde_json::Value::Array(defs));
        obj.insert(
            "document".to_owned(),
            match doc {
                Some(d) => serde_json::to_value(d).map_err(internal)?,
                None => serde_json::Value::Null,
            },
        );
    }
    to_js(&v)
}

/// A framework document from JS: JSON text (starting with `{`), TOML text, or an object.
fn document(source: &JsValue) -> JsResult<FrameworkDoc> {
    if let Some(text) = source.as_string() {
        if text.trim_start().starts_with('{') {
            return FrameworkDoc::from_json(&text).js();
        }
        // The main module built alone (`care-outcomes/main`) holds no TOML reader: TOML text
        // goes through `frameworkDocument` of `care-outcomes/toml` first.
        #[cfg(feature = "toml")]
        return FrameworkDoc::from_toml(&text).js();
        #[cfg(not(feature = "toml"))]
        return Err(js_error(&CoreError::InvalidFramework {
            message: "this module reads framework documents in JSON only: read TOML text with \
                      frameworkDocument of care-outcomes/toml, then pass its result"
                .to_owned(),
        }));
    }
    if source.is_object() && !Array::is_array(source) && !source.is_function() {
        let text = JSON::stringify(source)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| bad_type("framework", source, "a framework document"))?;
        return FrameworkDoc::from_json(&text).js();
    }
    Err(bad_type(
        "framework",
        source,
        "JSON or TOML text, or an object, of a framework document",
    ))
}

/// Loads and checks a framework document against the built-in definitions.
#[wasm_bindgen(js_name = loadFramework, unchecked_return_type = "Framework")]
pub fn load_framework(
    #[wasm_bindgen(unchecked_param_type = "string | FrameworkDocument")] source: &JsValue,
) -> JsResult<JsValue> {
    let doc = document(source)?;
    let fw = Framework::resolve(&doc, Catalogue::builtin()).js()?;
    framework_js(&fw, Some(&doc))
}

/// A built-in framework by name and version.
#[wasm_bindgen(js_name = framework, unchecked_return_type = "Framework")]
pub fn framework(
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] version: &JsValue,
) -> JsResult<JsValue> {
    let (name, version) = (string_arg(name, "name")?, string_arg(version, "version")?);
    framework_js(Catalogue::builtin().framework(&name, &version).js()?, None)
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

const ROW_KEYS: &[&str] = &[
    "area",
    "period",
    "indicator",
    "breakdown",
    "numerator",
    "denominator",
    "population",
];
const ROW_EXPECTED: &str = "area, period, indicator, breakdown, numerator, denominator, population";

fn missing(field: &'static str, row: usize) -> JsValue {
    js_error(&CoreError::MissingInput {
        field,
        at: Location::row(row),
    })
}

fn text_field(row: &JsValue, key: &'static str, i: usize) -> JsResult<String> {
    let v = get(row, key)?;
    if v.is_undefined() || v.is_null() {
        return Err(missing(key, i));
    }
    v.as_string().ok_or_else(|| bad_type(key, &v, "a string"))
}

fn count_field(row: &JsValue, key: &'static str, i: usize) -> JsResult<Option<u64>> {
    let v = get(row, key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let x = v
        .as_f64()
        .ok_or_else(|| bad_type(key, &v, "a count (a whole number), or null"))?;
    count_from_f64(x, key, i).js()
}

fn get(obj: &JsValue, key: &'static str) -> JsResult<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| bad_type(key, &JsValue::UNDEFINED, "a readable field"))
}

/// A row as `JSON.stringify` gives it, for the fast path of [`input_rows`].
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RowIn {
    area: String,
    period: String,
    indicator: String,
    #[serde(default)]
    breakdown: Option<String>,
    numerator: f64,
    #[serde(default)]
    denominator: Option<f64>,
    #[serde(default)]
    population: Option<f64>,
}

/// Reads an array of row objects into the core's rows. Unknown keys are an `invalid_option`
/// error, so that a misspelt field is never silently ignored.
///
/// Fast path: one `JSON.stringify` and one parse. It is taken only when the text holds no
/// `null` (a NaN or an infinity becomes `null` in JSON, and must get the checks below) and
/// every row has exactly the expected shape; counts then go through the same rule
/// ([`count_from_f64`]) as the field-by-field path, which handles everything else.
fn input_rows(rows: &JsValue) -> JsResult<Vec<InputRow>> {
    if Array::is_array(rows)
        && let Ok(text) = JSON::stringify(rows)
        && let Some(text) = text.as_string()
        && !text.contains("null")
        && let Ok(parsed) = serde_json::from_str::<Vec<RowIn>>(&text)
    {
        return parsed
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let count = |x: Option<f64>, key: &'static str| {
                    x.map(|x| count_from_f64(x, key, i))
                        .transpose()
                        .map(Option::flatten)
                };
                Ok(InputRow {
                    area: r.area,
                    period: r.period,
                    indicator: r.indicator,
                    breakdown: r.breakdown,
                    numerator: count(Some(r.numerator), "numerator")
                        .js()?
                        .ok_or_else(|| missing("numerator", i))?,
                    denominator: count(r.denominator, "denominator").js()?,
                    population: count(r.population, "population").js()?,
                })
            })
            .collect();
    }
    input_rows_by_field(rows)
}

/// The field-by-field reading of [`input_rows`], with a precise error for every problem.
fn input_rows_by_field(rows: &JsValue) -> JsResult<Vec<InputRow>> {
    let Some(arr) = rows.dyn_ref::<Array>() else {
        return Err(bad_type("rows", rows, "an array of row objects"));
    };
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, row) in arr.iter().enumerate() {
        if !row.is_object() || Array::is_array(&row) || row.is_function() {
            return Err(bad_type(
                "rows",
                &row,
                "row objects {area, period, indicator, numerator, ...}",
            ));
        }
        let keys = Object::keys(row.unchecked_ref::<Object>());
        for k in keys.iter() {
            if !k
                .as_string()
                .is_some_and(|k| ROW_KEYS.contains(&k.as_str()))
            {
                return Err(bad_type("row field", &k, ROW_EXPECTED));
            }
        }
        let breakdown = get(&row, "breakdown")?;
        let breakdown = if breakdown.is_undefined() || breakdown.is_null() {
            None
        } else {
            Some(
                breakdown
                    .as_string()
                    .ok_or_else(|| bad_type("breakdown", &breakdown, "a string, or null"))?,
            )
        };
        out.push(InputRow {
            area: text_field(&row, "area", i)?,
            period: text_field(&row, "period", i)?,
            indicator: text_field(&row, "indicator", i)?,
            breakdown,
            numerator: count_field(&row, "numerator", i)?.ok_or_else(|| missing("numerator", i))?,
            denominator: count_field(&row, "denominator", i)?,
            population: count_field(&row, "population", i)?,
        });
    }
    Ok(out)
}

fn input_row_js(r: &InputRow) -> JsValue {
    let count = |v: Option<u64>| opt_num(v.map(|x| x as f64));
    Obj::new()
        .str("area", &r.area)
        .str("period", &r.period)
        .str("indicator", &r.indicator)
        .with("breakdown", opt_str(r.breakdown.as_deref()))
        .num("numerator", r.numerator as f64)
        .with("denominator", count(r.denominator))
        .with("population", count(r.population))
        .into_js()
}

/// A result row as the JS face shows it (camelCase, codes as text). The rows cross the boundary
/// as one JSON text parsed once: numbers round-trip exactly (shortest representation), and one
/// parse is far cheaper than ~30 property sets per row.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultRowOut<'a> {
    area: &'a str,
    period: &'a str,
    indicator: &'a str,
    code: &'a str,
    breakdown: Option<&'a str>,
    breakdown_label: Option<&'a str>,
    domain: Option<&'a str>,
    version: &'a str,
    revision: u32,
    numerator: u64,
    denominator: Option<u64>,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    confidence: Option<&'a str>,
    method: Option<&'static str>,
    reason: Option<&'static str>,
    published: Option<Published>,
    symbol: Option<&'a str>,
    flags: Flags<'a>,
    benchmark: Option<&'a str>,
    benchmark_value: Option<f64>,
    benchmark_comparison: Option<&'static str>,
    comparator_value: Option<f64>,
    comparator_comparison: Option<&'static str>,
    quartile: Option<u8>,
    mad_band: Option<&'static str>,
    direction: Option<&'static str>,
    previous_period: Option<&'a str>,
}

/// A published value, written as its decimal text without an intermediate `String`.
struct Published(Decimal);

impl serde::Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A row's flags as their codes.
struct Flags<'a>(&'a [Flag]);

impl serde::Serialize for Flags<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|f| f.code()))
    }
}

/// The label of a confidence level ("95%"), made once per level of a call (rows share it).
#[derive(Default)]
pub(crate) struct Labels(Vec<(Confidence, String)>);

impl Labels {
    pub(crate) fn of(&mut self, c: Confidence) -> usize {
        if let Some(k) = self.0.iter().position(|(x, _)| *x == c) {
            return k;
        }
        self.0.push((c, c.label()));
        self.0.len() - 1
    }

    pub(crate) fn get(&self, k: usize) -> &str {
        &self.0[k].1
    }
}

fn result_row_out<'a>(r: &'a ResultRow, confidence: Option<&'a str>) -> ResultRowOut<'a> {
    let v = &r.result;
    ResultRowOut {
        area: &r.area,
        period: &r.period,
        indicator: &r.indicator,
        code: &r.code,
        breakdown: r.breakdown.as_deref(),
        breakdown_label: r.breakdown_label.as_deref(),
        domain: r.domain.as_deref(),
        version: &v.definition_version,
        revision: v.definition_revision,
        numerator: v.numerator,
        denominator: v.denominator,
        value: v.value,
        lower: v.lower,
        upper: v.upper,
        confidence,
        method: v.method.map(Method::label),
        reason: v.reason.map(Reason::code),
        published: v.published.map(Published),
        symbol: r.symbol.as_deref(),
        flags: Flags(&v.flags),
        benchmark: r.benchmark.as_ref().map(|b| &*b.against),
        benchmark_value: r.benchmark.as_ref().and_then(|b| b.value),
        benchmark_comparison: r.benchmark.as_ref().map(|b| b.comparison.code()),
        comparator_value: r.comparator.as_ref().and_then(|b| b.value),
        comparator_comparison: r.comparator.as_ref().map(|b| b.comparison.code()),
        quartile: r.quartile,
        mad_band: r.mad_band.map(MadBand::code),
        direction: r.direction.map(Direction::code),
        previous_period: r.previous_period.as_deref(),
    }
}

const EVALUATE_KEYS: &[&str] = &[
    "framework",
    "benchmark",
    "comparators",
    "peers",
    "aggregates",
    "confidence",
];
const EVALUATE_EXPECTED: &str = "framework, benchmark, comparators, peers, aggregates, confidence";

/// Evaluates rows of counts against the built-in catalogue, a built-in framework (its key,
/// "ascof/legacy"), a framework from `loadFramework` or a framework document.
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "ResultRow[]")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<InputRow>")] rows: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let (options, fw) = evaluate_options(options)?;
    let rows = input_rows(rows)?;
    let out = evaluate_with(&rows, &fw, &options)?;
    let mut labels = Labels::default();
    let levels: Vec<Option<usize>> = out
        .rows
        .iter()
        .map(|r| r.result.confidence.map(|c| labels.of(c)))
        .collect();
    let rows: Vec<ResultRowOut> = out
        .rows
        .iter()
        .zip(&levels)
        .map(|(r, k)| result_row_out(r, k.map(|k| labels.get(k))))
        .collect();
    to_js(&rows)
}

/// The options of `evaluate` and `evaluateColumns`, and their `framework` (unread yet).
pub(crate) fn evaluate_options(options: &JsValue) -> JsResult<(EvaluateOptions, JsValue)> {
    let o = Opts::new(options, EVALUATE_KEYS, EVALUATE_EXPECTED)?;
    let defaults = EvaluateOptions::default();
    let benchmark = match o.get("benchmark")? {
        v if v.is_undefined() => defaults.benchmark,
        v if v.is_null() => None,
        v => Some(
            v.as_string()
                .ok_or_else(|| bad_type("benchmark", &v, "an area name, or null for none"))?,
        ),
    };
    let list = |key: &'static str| -> JsResult<Option<Vec<String>>> {
        let v = o.get(key)?;
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else {
            strings(&v, key).map(Some)
        }
    };
    let options = EvaluateOptions {
        confidence: o.number("confidence", defaults.confidence)?,
        benchmark,
        comparators: list("comparators")?.unwrap_or(defaults.comparators),
        peers: list("peers")?.or(defaults.peers),
        aggregates: list("aggregates")?.unwrap_or(defaults.aggregates),
    };
    Ok((options, o.get("framework")?))
}

/// The core's evaluation of rows against the `framework` option's source.
pub(crate) fn evaluate_with(
    rows: &[InputRow],
    framework: &JsValue,
    options: &EvaluateOptions,
) -> JsResult<Evaluation> {
    with_source(framework, |source| core_evaluate(rows, source, options))
}

/// The core's evaluation of a table of columns against the `framework` option's source.
pub(crate) fn evaluate_table_with(
    table: &InputTable,
    framework: &JsValue,
    options: &EvaluateOptions,
) -> JsResult<Evaluation> {
    with_source(framework, |source| evaluate_table(table, source, options))
}

/// `f` of the `framework` option's source.
fn with_source<T>(
    framework: &JsValue,
    f: impl FnOnce(&dyn Definitions) -> care_outcomes::Result<T>,
) -> JsResult<T> {
    let owned;
    let source: &dyn Definitions = match source(framework)? {
        Source::Builtin(d) => d,
        Source::Owned(fw) => {
            owned = fw;
            &owned
        }
    };
    f(source).js()
}

/// Where `evaluate` looks definitions up.
enum Source {
    /// The catalogue or one of its frameworks.
    Builtin(&'static dyn Definitions),
    /// A framework resolved from a document.
    Owned(Framework),
}

/// The `framework` option: absent → the catalogue; a key ("ascof/legacy") → a built-in
/// framework; an object from `loadFramework` → its `document` resolved again (a built-in one,
/// whose document is null, by its key); any other object or JSON / TOML text → a document.
fn source(fw: &JsValue) -> JsResult<Source> {
    let cat = Catalogue::builtin();
    let by_key = |key: &str| -> JsResult<Source> {
        let (name, version) = key.split_once('/').unwrap_or((key, ""));
        Ok(Source::Builtin(cat.framework(name, version).js()?))
    };
    if fw.is_undefined() || fw.is_null() {
        return Ok(Source::Builtin(cat));
    }
    if let Some(text) = fw.as_string() {
        let t = text.trim_start();
        if !t.starts_with('{') && !t.contains('\n') && !t.contains('=') {
            return by_key(&text);
        }
    } else if fw.is_object() && !Array::is_array(fw) {
        let doc = get(fw, "document")?;
        if doc.is_object() {
            return Ok(Source::Owned(
                Framework::resolve(&document(&doc)?, cat).js()?,
            ));
        }
        if doc.is_null()
            && let Some(key) = get(fw, "key")?.as_string()
        {
            return by_key(&key);
        }
    }
    Ok(Source::Owned(Framework::resolve(&document(fw)?, cat).js()?))
}

/// Sums rows into parent areas: numerators, denominators and populations are added per (parent,
/// period, indicator, breakdown); areas without a parent are left out.
#[wasm_bindgen(js_name = aggregate, unchecked_return_type = "InputRow[]")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<InputRow>")] rows: &JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "Readonly<Record<string, string>> | ReadonlyMap<string, string>"
    )]
    parents: &JsValue,
) -> JsResult<JsValue> {
    const PARENTS: &str = "an object or Map from area to parent area (strings)";
    let rows = input_rows(rows)?;
    let mut parent_of: HashMap<String, String> = HashMap::new();
    let entries: Array = if let Some(map) = parents.dyn_ref::<js_sys::Map>() {
        Array::from(&map.entries().into())
    } else if parents.is_object() && !Array::is_array(parents) && !parents.is_function() {
        Object::entries(parents.unchecked_ref::<Object>())
    } else {
        return Err(bad_type("parents", parents, PARENTS));
    };
    for e in entries.iter() {
        let pair: &Array = e.unchecked_ref();
        let (k, v) = (pair.get(0), pair.get(1));
        match (k.as_string(), v.as_string()) {
            (Some(k), Some(v)) => {
                parent_of.insert(k, v);
            }
            _ => return Err(bad_type("parents", &e, PARENTS)),
        }
    }
    let out = core_aggregate(&rows, &parent_of).js()?;
    Ok(out.iter().map(input_row_js).collect::<Array>().into())
}
