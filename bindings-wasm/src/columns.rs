//! `evaluateColumns`: the rows of `evaluate` as columns, for large tables. Counts and values
//! cross as typed arrays (one copy each) and texts as dictionaries (each distinct text once, a
//! `Uint32Array` of codes per row), instead of one object per row or one JSON text.
//!
//! Nothing here holds a rule: the rows are the core's [`InputRow`]s, evaluated by the core
//! exactly as `evaluate` does (the same options, the same source), and every output column is a
//! field of the core's result rows, converted.

use crate::catalogue::{Labels, evaluate_options, evaluate_with};
use crate::convert::{JsResult, OrThrow, bad_type, column, js_error, set};
use care_outcomes::Error as CoreError;
use care_outcomes::error::Location;
use care_outcomes::framework::evaluate::count_from_f64;
use care_outcomes::framework::{Direction, InputRow, MadBand, ResultRow};
use care_outcomes::indicator::{Decimal, Flag};
use care_outcomes::stats::{Method, Reason};
use js_sys::{Array, Float64Array, Object, Uint8Array, Uint32Array};
use rustc_hash::FxHashMap;
use std::hash::Hash;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const INPUT_KEYS: &[&str] = &[
    "area",
    "period",
    "indicator",
    "breakdown",
    "numerator",
    "denominator",
    "population",
];
const INPUT_EXPECTED: &str =
    "area, period, indicator, breakdown, numerator, denominator, population";
const TEXT: &str = "a text column: {values: string[], codes: Uint32Array} or an array of strings";

/// Evaluates input columns (one entry per row in each) like `evaluate`, and returns the result
/// rows as columns: numbers as typed arrays (`NaN` where a row's value is null; quartile 0 for
/// none), texts as dictionaries `{values, codes}` (row i holds `values[codes[i]]`).
#[wasm_bindgen(js_name = evaluateColumns, unchecked_return_type = "ResultColumns")]
pub fn evaluate_columns(
    #[wasm_bindgen(unchecked_param_type = "InputColumns")] columns: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let (options, fw) = evaluate_options(options)?;
    let rows = input_columns(columns)?;
    let out = evaluate_with(&rows, &fw, &options)?;
    Ok(result_columns(&out.rows))
}

/// Reads the input columns into the core's rows.
fn input_columns(columns: &JsValue) -> JsResult<Vec<InputRow>> {
    if !columns.is_object() || Array::is_array(columns) || columns.is_function() {
        return Err(bad_type(
            "columns",
            columns,
            "an object of columns {area, period, indicator, numerator, ...}",
        ));
    }
    for k in Object::keys(columns.unchecked_ref::<Object>()).iter() {
        if !k
            .as_string()
            .is_some_and(|k| INPUT_KEYS.contains(&k.as_str()))
        {
            return Err(bad_type("column", &k, INPUT_EXPECTED));
        }
    }
    let get = |key: &'static str| -> JsValue {
        js_sys::Reflect::get(columns, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let required = |key: &'static str| -> JsResult<JsValue> {
        let v = get(key);
        if v.is_undefined() || v.is_null() {
            Err(js_error(&CoreError::MissingInput {
                field: key,
                at: Location::NONE,
            }))
        } else {
            Ok(v)
        }
    };
    let area = text_column(&required("area")?, "area", false)?;
    let n = area.len();
    let same = |field: &'static str, found: usize| -> JsResult<()> {
        if found == n {
            Ok(())
        } else {
            Err(js_error(&CoreError::LengthMismatch {
                field,
                expected: n,
                found,
            }))
        }
    };
    let period = text_column(&required("period")?, "period", false)?;
    same("period", period.len())?;
    let indicator = text_column(&required("indicator")?, "indicator", false)?;
    same("indicator", indicator.len())?;
    let breakdown = match get("breakdown") {
        v if v.is_undefined() || v.is_null() => None,
        v => {
            let b = text_column(&v, "breakdown", true)?;
            same("breakdown", b.len())?;
            Some(b)
        }
    };
    let counts = |key: &'static str, needed: bool| -> JsResult<Option<Vec<f64>>> {
        let v = if needed { required(key)? } else { get(key) };
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        let c = column(&v, key)?;
        same(key, c.len())?;
        Ok(Some(c))
    };
    let numerator = counts("numerator", true)?.unwrap_or_default();
    let denominator = counts("denominator", false)?;
    let population = counts("population", false)?;
    let text = |c: &TextColumn, i: usize, field: &'static str| -> JsResult<String> {
        c.get(i).map(str::to_owned).ok_or_else(|| {
            js_error(&CoreError::MissingInput {
                field,
                at: Location::row(i),
            })
        })
    };
    let count = |c: &Option<Vec<f64>>, i: usize, key: &'static str| -> JsResult<Option<u64>> {
        match c {
            None => Ok(None),
            Some(c) => count_from_f64(c[i], key, i).js(),
        }
    };
    (0..n)
        .map(|i| {
            Ok(InputRow {
                area: text(&area, i, "area")?,
                period: text(&period, i, "period")?,
                indicator: text(&indicator, i, "indicator")?,
                breakdown: breakdown.as_ref().and_then(|b| b.get(i)).map(str::to_owned),
                numerator: count_from_f64(numerator[i], "numerator", i)
                    .js()?
                    .ok_or_else(|| {
                        js_error(&CoreError::MissingInput {
                            field: "numerator",
                            at: Location::row(i),
                        })
                    })?,
                denominator: count(&denominator, i, "denominator")?,
                population: count(&population, i, "population")?,
            })
        })
        .collect()
}

/// A text column read from JS: distinct values (None for null) and a code per row.
struct TextColumn {
    values: Vec<Option<String>>,
    codes: Vec<u32>,
}

impl TextColumn {
    fn len(&self) -> usize {
        self.codes.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.values[self.codes[i] as usize].as_deref()
    }
}

/// `{values, codes}` or an array of strings (and nulls where `nullable`).
fn text_column(v: &JsValue, field: &'static str, nullable: bool) -> JsResult<TextColumn> {
    let text = |item: JsValue| -> JsResult<Option<String>> {
        if nullable && (item.is_null() || item.is_undefined()) {
            return Ok(None);
        }
        item.as_string()
            .map(Some)
            .ok_or_else(|| bad_type(field, &item, TEXT))
    };
    if let Some(arr) = v.dyn_ref::<Array>() {
        let values = arr.iter().map(text).collect::<JsResult<Vec<_>>>()?;
        let codes = (0..u32::try_from(values.len()).unwrap_or(u32::MAX)).collect();
        return Ok(TextColumn { values, codes });
    }
    if !v.is_object() || v.is_function() {
        return Err(bad_type(field, v, TEXT));
    }
    let part = |key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key));
    let (Ok(values), Ok(codes)) = (part("values"), part("codes")) else {
        return Err(bad_type(field, v, TEXT));
    };
    let Some(values) = values.dyn_ref::<Array>() else {
        return Err(bad_type(field, v, TEXT));
    };
    let values = values.iter().map(text).collect::<JsResult<Vec<_>>>()?;
    let codes: Vec<u32> = if let Some(c) = codes.dyn_ref::<Uint32Array>() {
        c.to_vec()
    } else {
        let c = column(&codes, field)?;
        c.iter()
            .map(|&x| {
                // A code is a whole number naming an entry of `values`.
                if x.fract() == 0.0 && (0.0..4_294_967_296.0).contains(&x) {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    Ok(x as u32)
                } else {
                    Err(bad_type(field, &JsValue::from_f64(x), TEXT))
                }
            })
            .collect::<JsResult<_>>()?
    };
    if let Some(&bad) = codes.iter().find(|&&c| c as usize >= values.len()) {
        return Err(js_error(&CoreError::InvalidOption {
            option: field,
            value: format!("code {bad}"),
            expected: "codes that index `values`",
        }));
    }
    Ok(TextColumn { values, codes })
}

/// A dictionary-coded output column: each distinct key once in `values`.
struct Dict<K> {
    index: FxHashMap<K, u32>,
    last: Option<(K, u32)>,
    values: Array,
    codes: Vec<u32>,
}

impl<K: Hash + Eq + Copy> Dict<K> {
    fn new(n: usize) -> Self {
        Dict {
            index: FxHashMap::default(),
            last: None,
            values: Array::new(),
            codes: Vec::with_capacity(n),
        }
    }

    /// Adds a row whose text is `make()` (called once per distinct key).
    fn push(&mut self, key: K, make: impl FnOnce() -> JsValue) {
        let code = match self.last {
            Some((k, c)) if k == key => c,
            _ => *self.index.entry(key).or_insert_with(|| {
                self.values.push(&make());
                self.values.length() - 1
            }),
        };
        self.last = Some((key, code));
        self.codes.push(code);
    }

    fn into_js(self) -> JsValue {
        let obj = Object::new();
        set(&obj, "values", &self.values);
        set(&obj, "codes", &Uint32Array::from(&self.codes[..]));
        obj.into()
    }
}

/// The identity of a text: the core's result rows share one allocation per distinct text, so
/// the address and length tell texts apart cheaply (two equal texts at different addresses only
/// make two equal dictionary entries).
fn key(s: Option<&str>) -> Option<(usize, usize)> {
    s.map(|s| (s.as_ptr() as usize, s.len()))
}

fn text_value(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

/// A text field of a result row.
type TextField = fn(&ResultRow) -> Option<&str>;
/// A number field of a result row.
type NumberField = fn(&ResultRow) -> Option<f64>;

/// The result rows as columns.
fn result_columns(rows: &[ResultRow]) -> JsValue {
    let n = rows.len();
    let obj = Object::new();
    let texts: [(&str, TextField); 17] = [
        ("area", |r| Some(&r.area)),
        ("period", |r| Some(&r.period)),
        ("indicator", |r| Some(&r.indicator)),
        ("code", |r| Some(&r.code)),
        ("breakdown", |r| r.breakdown.as_deref()),
        ("breakdownLabel", |r| r.breakdown_label.as_deref()),
        ("domain", |r| r.domain.as_deref()),
        ("version", |r| Some(&r.result.definition_version)),
        ("method", |r| r.result.method.map(Method::label)),
        ("reason", |r| r.result.reason.map(Reason::code)),
        ("symbol", |r| r.symbol.as_deref()),
        ("benchmark", |r| r.benchmark.as_ref().map(|b| &*b.against)),
        ("benchmarkComparison", |r| {
            r.benchmark.as_ref().map(|b| b.comparison.code())
        }),
        ("comparatorComparison", |r| {
            r.comparator.as_ref().map(|b| b.comparison.code())
        }),
        ("madBand", |r| r.mad_band.map(MadBand::code)),
        ("direction", |r| r.direction.map(Direction::code)),
        ("previousPeriod", |r| r.previous_period.as_deref()),
    ];
    for (name, field) in texts {
        let mut d = Dict::new(n);
        for r in rows {
            let s = field(r);
            d.push(key(s), || text_value(s));
        }
        set(&obj, name, &d.into_js());
    }
    let mut labels = Labels::default();
    let mut confidence = Dict::new(n);
    let mut published: Dict<Option<Decimal>> = Dict::new(n);
    let mut flags: Dict<&[Flag]> = Dict::new(n);
    for r in rows {
        let v = &r.result;
        let level = v.confidence.map(|c| labels.of(c));
        confidence.push(level, || {
            level.map_or(JsValue::NULL, |k| JsValue::from_str(labels.get(k)))
        });
        published.push(v.published, || {
            v.published
                .map_or(JsValue::NULL, |p| JsValue::from_str(&p.to_string()))
        });
        flags.push(&v.flags, || {
            v.flags
                .iter()
                .map(|f| JsValue::from_str(f.code()))
                .collect::<Array>()
                .into()
        });
    }
    set(&obj, "confidence", &confidence.into_js());
    set(&obj, "published", &published.into_js());
    set(&obj, "flags", &flags.into_js());
    let numbers: [(&str, NumberField); 8] = [
        ("numerator", |r| Some(r.result.numerator as f64)),
        ("denominator", |r| r.result.denominator.map(|d| d as f64)),
        ("value", |r| r.result.value),
        ("lower", |r| r.result.lower),
        ("upper", |r| r.result.upper),
        ("benchmarkValue", |r| {
            r.benchmark.as_ref().and_then(|b| b.value)
        }),
        ("comparatorValue", |r| {
            r.comparator.as_ref().and_then(|b| b.value)
        }),
        ("revision", |r| {
            Some(f64::from(r.result.definition_revision))
        }),
    ];
    for (name, field) in numbers {
        let col: Vec<f64> = rows.iter().map(|r| field(r).unwrap_or(f64::NAN)).collect();
        set(&obj, name, &Float64Array::from(&col[..]));
    }
    let quartile: Vec<u8> = rows.iter().map(|r| r.quartile.unwrap_or(0)).collect();
    set(&obj, "quartile", &Uint8Array::from(&quartile[..]));
    set(&obj, "length", &JsValue::from_f64(n as f64));
    obj.into()
}
