//! `evaluateColumns`: the rows of `evaluate` as columns, for large tables. Counts and values
//! cross as typed arrays (one copy each) and texts as dictionaries (each distinct text once, a
//! `Uint32Array` of codes per row), instead of one object per row or one JSON text.
//!
//! Nothing here holds a rule: the columns are handed to the core as an [`InputTable`] (texts
//! still coded, no text per row), evaluated by the core's `evaluate_table`, which gives exactly
//! `evaluate`'s results (the same options, the same source), and every output column is a field
//! of the core's result rows, converted.

use crate::catalogue::{Labels, evaluate_options, evaluate_table_with};
use crate::convert::{JsResult, OrThrow, bad_type, column, js_error, set};
use care_outcomes::Error as CoreError;
use care_outcomes::error::Location;
use care_outcomes::framework::evaluate::count_from_f64;
use care_outcomes::framework::{Direction, InputTable, MadBand, ResultRow, TextColumn};
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
/// none), texts as dictionaries `{values, codes}` (row i holds `values[codes[i]]`). The code
/// columns are views of one `Uint32Array` buffer, the number columns of one `Float64Array`.
#[wasm_bindgen(js_name = evaluateColumns, unchecked_return_type = "ResultColumns")]
pub fn evaluate_columns(
    #[wasm_bindgen(unchecked_param_type = "InputColumns")] columns: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let (options, fw) = evaluate_options(options)?;
    let input = input_columns(columns)?;
    let out = evaluate_table_with(&input.table(), &fw, &options)?;
    Ok(result_columns(&out.rows))
}

/// The input columns as read from JS, owning their texts: [`Input::table`] lends them to the
/// core as an [`InputTable`].
struct Input {
    area: Texts,
    period: Texts,
    indicator: Texts,
    breakdown: Option<Texts>,
    numerator: Vec<u64>,
    denominator: Option<Vec<Option<u64>>>,
    population: Option<Vec<Option<u64>>>,
}

impl Input {
    fn table(&self) -> InputTable<'_> {
        InputTable {
            area: self.area.column(),
            period: self.period.column(),
            indicator: self.indicator.column(),
            breakdown: self.breakdown.as_ref().map(Texts::column),
            numerator: self.numerator.clone(),
            denominator: self.denominator.clone(),
            population: self.population.clone(),
        }
    }
}

/// Reads the input columns, with the checks of each row (missing texts, counts by the core's
/// [`count_from_f64`]) in the order `evaluate` makes them.
fn input_columns(columns: &JsValue) -> JsResult<Input> {
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
    let missing = |field: &'static str, i: usize| {
        js_error(&CoreError::MissingInput {
            field,
            at: Location::row(i),
        })
    };
    let count = |c: &Option<Vec<f64>>, i: usize, key: &'static str| -> JsResult<Option<u64>> {
        match c {
            None => Ok(None),
            Some(c) => count_from_f64(c[i], key, i).js(),
        }
    };
    let mut counts = (
        Vec::with_capacity(n),
        denominator.as_ref().map(|_| Vec::with_capacity(n)),
        population.as_ref().map(|_| Vec::with_capacity(n)),
    );
    for (i, &num) in numerator.iter().enumerate() {
        for (c, field) in [
            (&area, "area"),
            (&period, "period"),
            (&indicator, "indicator"),
        ] {
            if c.get(i).is_none() {
                return Err(missing(field, i));
            }
        }
        counts.0.push(
            count_from_f64(num, "numerator", i)
                .js()?
                .ok_or_else(|| missing("numerator", i))?,
        );
        if let Some(d) = &mut counts.1 {
            d.push(count(&denominator, i, "denominator")?);
        }
        if let Some(p) = &mut counts.2 {
            p.push(count(&population, i, "population")?);
        }
    }
    let (numerator, denominator, population) = counts;
    Ok(Input {
        area,
        period,
        indicator,
        breakdown,
        numerator,
        denominator,
        population,
    })
}

/// A text column read from JS: distinct values (None for null) and a code per row.
struct Texts {
    values: Vec<Option<String>>,
    codes: Vec<u32>,
}

impl Texts {
    fn len(&self) -> usize {
        self.codes.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.values[self.codes[i] as usize].as_deref()
    }

    /// The column lent to the core.
    fn column(&self) -> TextColumn<'_> {
        TextColumn {
            values: self.values.iter().map(Option::as_deref).collect(),
            codes: self.codes.clone(),
        }
    }
}

/// `{values, codes}` or an array of strings (and nulls where `nullable`).
fn text_column(v: &JsValue, field: &'static str, nullable: bool) -> JsResult<Texts> {
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
        return Ok(Texts { values, codes });
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
    Ok(Texts { values, codes })
}

/// The text columns of the result, in the order of their codes in [`result_columns`].
const TEXT_COLUMNS: [&str; 20] = [
    "area",
    "period",
    "indicator",
    "code",
    "breakdown",
    "breakdownLabel",
    "domain",
    "version",
    "method",
    "reason",
    "symbol",
    "benchmark",
    "benchmarkComparison",
    "comparatorComparison",
    "madBand",
    "direction",
    "previousPeriod",
    "confidence",
    "published",
    "flags",
];
/// The texts of a result row taken by address (the first 17 of [`TEXT_COLUMNS`]).
const SHARED_TEXTS: usize = 17;
/// The number columns of the result, in the order of their values in [`result_columns`].
const NUMBER_COLUMNS: [&str; 8] = [
    "numerator",
    "denominator",
    "value",
    "lower",
    "upper",
    "benchmarkValue",
    "comparatorValue",
    "revision",
];

/// The distinct keys of an output column in order of first appearance, and the code of each.
struct Dict<K> {
    index: FxHashMap<K, u32>,
    last: Option<(K, u32)>,
    keys: Vec<K>,
}

impl<K: Hash + Eq + Copy> Dict<K> {
    fn new() -> Self {
        Dict {
            index: FxHashMap::default(),
            last: None,
            keys: Vec::new(),
        }
    }

    /// The code of `key` (rows often repeat the previous row's key).
    fn code(&mut self, key: K) -> u32 {
        if let Some((k, c)) = self.last
            && k == key
        {
            return c;
        }
        let keys = &mut self.keys;
        let c = *self.index.entry(key).or_insert_with(|| {
            keys.push(key);
            u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
        });
        self.last = Some((key, c));
        c
    }
}

/// A text of a result row by identity: the core's result rows share one allocation per
/// distinct text (and the codes of enums are static), so the address and length tell texts
/// apart cheaply (two equal texts at different addresses only make two equal dictionary
/// entries).
#[derive(Clone, Copy)]
struct Text<'a>(Option<&'a str>);

impl Text<'_> {
    fn id(self) -> Option<(usize, usize)> {
        self.0.map(|s| (s.as_ptr() as usize, s.len()))
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Text<'_> {}

impl Hash for Text<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

/// The texts of a result row taken by address, in the order of [`TEXT_COLUMNS`].
fn shared_texts(r: &ResultRow) -> [Option<&str>; SHARED_TEXTS] {
    let v = &r.result;
    [
        Some(&r.area),
        Some(&r.period),
        Some(&r.indicator),
        Some(&r.code),
        r.breakdown.as_deref(),
        r.breakdown_label.as_deref(),
        r.domain.as_deref(),
        Some(&v.definition_version),
        v.method.map(Method::label),
        v.reason.map(Reason::code),
        r.symbol.as_deref(),
        r.benchmark.as_ref().map(|b| &*b.against),
        r.benchmark.as_ref().map(|b| b.comparison.code()),
        r.comparator.as_ref().map(|b| b.comparison.code()),
        r.mad_band.map(MadBand::code),
        r.direction.map(Direction::code),
        r.previous_period.as_deref(),
    ]
}

/// The numbers of a result row in the order of [`NUMBER_COLUMNS`] (NaN for none).
#[allow(clippy::cast_precision_loss)] // counts above 2^53 are rounded, as in `evaluate`'s rows
fn numbers(r: &ResultRow) -> [f64; 8] {
    let v = &r.result;
    let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
    [
        v.numerator as f64,
        nan(v.denominator.map(|d| d as f64)),
        nan(v.value),
        nan(v.lower),
        nan(v.upper),
        nan(r.benchmark.as_ref().and_then(|b| b.value)),
        nan(r.comparator.as_ref().and_then(|b| b.value)),
        f64::from(v.definition_revision),
    ]
}

/// `{values, codes}`.
fn text_column_js(values: &JsValue, codes: &JsValue) -> JsValue {
    let obj = Object::new();
    set(&obj, "values", values);
    set(&obj, "codes", codes);
    obj.into()
}

/// The published values as JS strings (null for none): every distinct value written into one
/// text and split by JS, instead of one string made per value (a table has thousands).
fn published_values(keys: &[Option<Decimal>]) -> Array {
    use std::fmt::Write;
    if keys.is_empty() {
        return Array::new();
    }
    let mut text = String::with_capacity(keys.len() * 6);
    for (k, p) in keys.iter().enumerate() {
        if k > 0 {
            // A decimal's text is digits, a sign and a point: never a comma.
            text.push(',');
        }
        if let Some(p) = p {
            let _ = write!(text, "{p}");
        }
    }
    let values = js_sys::JsString::from(text).split(",");
    if let Some(k) = keys.iter().position(Option::is_none) {
        values.set(u32::try_from(k).unwrap_or(u32::MAX), JsValue::NULL);
    }
    values
}

/// The result rows as columns, written in one pass over the rows: the codes of every text
/// column into one buffer and the numbers into another, each copied to JS once (the columns
/// are views of one `Uint32Array` and one `Float64Array`).
fn result_columns(rows: &[ResultRow]) -> JsValue {
    let n = rows.len();
    let mut codes = vec![0u32; TEXT_COLUMNS.len() * n];
    let mut values = vec![0f64; NUMBER_COLUMNS.len() * n];
    let mut quartile: Vec<u8> = Vec::with_capacity(n);
    let mut texts: [Dict<Text>; SHARED_TEXTS] = std::array::from_fn(|_| Dict::new());
    let mut labels = Labels::default();
    let mut confidence: Dict<Option<usize>> = Dict::new();
    let mut published: Dict<Option<Decimal>> = Dict::new();
    let mut flags: Dict<&[Flag]> = Dict::new();
    for (i, r) in rows.iter().enumerate() {
        for (c, (dict, text)) in texts.iter_mut().zip(shared_texts(r)).enumerate() {
            codes[c * n + i] = dict.code(Text(text));
        }
        let v = &r.result;
        let level = v.confidence.map(|c| labels.of(c));
        codes[SHARED_TEXTS * n + i] = confidence.code(level);
        codes[(SHARED_TEXTS + 1) * n + i] = published.code(v.published);
        codes[(SHARED_TEXTS + 2) * n + i] = flags.code(&v.flags[..]);
        for (c, x) in numbers(r).into_iter().enumerate() {
            values[c * n + i] = x;
        }
        quartile.push(r.quartile.unwrap_or(0));
    }
    let mut dictionaries: Vec<Array> = texts
        .iter()
        .map(|d| {
            d.keys
                .iter()
                .map(|t| t.0.map_or(JsValue::NULL, JsValue::from_str))
                .collect()
        })
        .collect();
    dictionaries.push(
        confidence
            .keys
            .iter()
            .map(|k| k.map_or(JsValue::NULL, |k| JsValue::from_str(labels.get(k))))
            .collect(),
    );
    dictionaries.push(published_values(&published.keys));
    dictionaries.push(
        flags
            .keys
            .iter()
            .map(|f| {
                JsValue::from(
                    f.iter()
                        .map(|f| JsValue::from_str(f.code()))
                        .collect::<Array>(),
                )
            })
            .collect(),
    );
    let obj = Object::new();
    let all_codes = Uint32Array::from(&codes[..]);
    let all_values = Float64Array::from(&values[..]);
    let span = |c: usize| {
        let at = |k: usize| u32::try_from(k * n).unwrap_or(u32::MAX);
        (at(c), at(c + 1))
    };
    for (c, (name, dict)) in TEXT_COLUMNS.iter().zip(&dictionaries).enumerate() {
        let (a, b) = span(c);
        set(&obj, name, &text_column_js(dict, &all_codes.subarray(a, b)));
    }
    for (c, name) in NUMBER_COLUMNS.iter().enumerate() {
        let (a, b) = span(c);
        set(&obj, name, &all_values.subarray(a, b));
    }
    set(&obj, "quartile", &Uint8Array::from(&quartile[..]));
    set(&obj, "length", &JsValue::from_f64(n as f64));
    obj.into()
}
