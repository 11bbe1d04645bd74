//! Conversions between JS values and the core's types, and from core errors to JS `Error`s.
//!
//! Nothing here knows a statistical rule: inputs are read as they are given (null and NaN mean
//! missing, as the spec says for JS), options that are absent are taken from the core's own
//! defaults by the callers, and strings naming a method are parsed by the core's `FromStr`.

use care_outcomes::Error as CoreError;
use care_outcomes::stats::{Estimate, Estimates, Method, Reason};
use js_sys::{Array, Float64Array, Object, Reflect};
use std::str::FromStr;
use wasm_bindgen::{JsCast, JsValue};

/// The result of every exported function: a JS value, or a JS `Error` to throw.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// A core error as a JS `Error`: message = the core's Display, `code` = the core's code, plus
/// `row` and `group` when the core reports them.
pub(crate) fn js_error(e: &CoreError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("CareOutcomesError");
    let obj: &JsValue = err.as_ref();
    set(obj, "code", &JsValue::from_str(e.code()));
    if let Some(row) = e.row() {
        set(obj, "row", &JsValue::from_f64(row as f64));
    }
    if let Some(group) = e.group() {
        set(obj, "group", &JsValue::from_str(group));
    }
    err.into()
}

/// Maps a core result to a JS result.
pub(crate) trait OrThrow<T> {
    /// The value, or the core error as a JS `Error`.
    fn js(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for care_outcomes::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(|e| js_error(&e))
    }
}

/// A JS value of the wrong type for an argument or option: the core's `invalid_option`.
pub(crate) fn bad_type(option: &'static str, value: &JsValue, expected: &'static str) -> JsValue {
    js_error(&CoreError::InvalidOption {
        option,
        value: describe(value),
        expected,
    })
}

/// A short text for a JS value in an error message.
fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    if v.is_undefined() {
        return "undefined".to_owned();
    }
    if v.is_function() {
        return "a function".to_owned();
    }
    if let Ok(s) = js_sys::JSON::stringify(v)
        && let Some(s) = s.as_string()
    {
        let mut s = s;
        if s.len() > 60 {
            let mut cut = 57;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
            s.push_str("...");
        }
        return s;
    }
    v.js_typeof().as_string().unwrap_or_default()
}

/// Sets a property on a JS object (objects made here are plain, so this cannot fail).
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// A plain object built field by field.
pub(crate) struct Obj(Object);

impl Obj {
    pub(crate) fn new() -> Self {
        Obj(Object::new())
    }

    pub(crate) fn with(self, key: &str, value: impl Into<JsValue>) -> Self {
        set(&self.0, key, &value.into());
        self
    }

    pub(crate) fn num(self, key: &str, v: f64) -> Self {
        self.with(key, JsValue::from_f64(v))
    }

    pub(crate) fn opt(self, key: &str, v: Option<f64>) -> Self {
        self.with(key, opt_num(v))
    }

    pub(crate) fn str(self, key: &str, v: &str) -> Self {
        self.with(key, JsValue::from_str(v))
    }

    pub(crate) fn column(self, key: &str, v: &[f64]) -> Self {
        self.with(key, Float64Array::from(v))
    }

    /// Copies every field of `other` into this object.
    pub(crate) fn merge(self, other: &Obj) -> Self {
        Object::assign(&self.0, &other.0);
        self
    }

    pub(crate) fn into_js(self) -> JsValue {
        self.0.into()
    }
}

/// `Some(v)` → v, `None` → null.
pub(crate) fn opt_num(v: Option<f64>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_f64)
}

/// `Some(s)` → s, `None` → null.
pub(crate) fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

/// A JS array of strings (or nulls), one JS string made per distinct text.
pub(crate) fn label_array<'a>(items: impl ExactSizeIterator<Item = Option<&'a str>>) -> Array {
    let out = Array::new_with_length(items.len() as u32);
    let mut seen: Vec<(&str, JsValue)> = Vec::new();
    for (i, item) in items.enumerate() {
        let v = match item {
            None => JsValue::NULL,
            Some(s) => {
                if let Some((_, js)) = seen.iter().find(|(t, _)| *t == s) {
                    js.clone()
                } else {
                    let js = JsValue::from_str(s);
                    seen.push((s, js.clone()));
                    js
                }
            }
        };
        out.set(i as u32, v);
    }
    out
}

fn method_label(m: Option<Method>) -> Option<&'static str> {
    m.map(Method::label)
}

fn reason_code(r: Option<Reason>) -> Option<&'static str> {
    r.map(Reason::code)
}

/// An [`Estimate`] as `{value, lower, upper, confidence, method, reason}`.
pub(crate) fn estimate(e: &Estimate) -> Obj {
    Obj::new()
        .opt("value", e.value)
        .opt("lower", e.lower)
        .opt("upper", e.upper)
        .with("confidence", opt_str(e.confidence_label().as_deref()))
        .with("method", opt_str(method_label(e.method)))
        .with("reason", opt_str(reason_code(e.reason)))
}

/// [`Estimates`] as columns: `Float64Array`s for value/lower/upper (NaN where null) and arrays of
/// strings or nulls for method and reason.
pub(crate) fn estimates(e: &Estimates) -> Obj {
    Obj::new()
        .column("value", &e.value)
        .column("lower", &e.lower)
        .column("upper", &e.upper)
        .with(
            "confidence",
            opt_str(e.confidence.map(|c| c.label()).as_deref()),
        )
        .with(
            "method",
            label_array(e.method.iter().map(|m| method_label(*m))),
        )
        .with(
            "reason",
            label_array(e.reason.iter().map(|r| reason_code(*r))),
        )
}

/// Columns of per-group estimates (the grouped DSR, ISR and life-table outputs).
pub(crate) fn estimate_columns<'a>(
    rows: impl ExactSizeIterator<Item = &'a Estimate> + Clone,
) -> Obj {
    let n = rows.len();
    let mut value = Vec::with_capacity(n);
    let mut lower = Vec::with_capacity(n);
    let mut upper = Vec::with_capacity(n);
    let mut confidence = None;
    for e in rows.clone() {
        value.push(e.value.unwrap_or(f64::NAN));
        lower.push(e.lower.unwrap_or(f64::NAN));
        upper.push(e.upper.unwrap_or(f64::NAN));
        confidence = confidence.or(e.confidence);
    }
    Obj::new()
        .column("value", &value)
        .column("lower", &lower)
        .column("upper", &upper)
        .with(
            "confidence",
            opt_str(confidence.map(|c| c.label()).as_deref()),
        )
        .with(
            "method",
            label_array(rows.clone().map(|e| method_label(e.method))),
        )
        .with("reason", label_array(rows.map(|e| reason_code(e.reason))))
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const NUMBER: &str = "a number (null or NaN for a missing value)";
const COLUMN: &str = "a Float64Array (or another numeric typed array) or an array of numbers (null or NaN for missing)";
const STRINGS: &str = "an array of strings";

/// A scalar input: a number, or null for missing (NaN).
pub(crate) fn scalar(v: &JsValue, field: &'static str) -> JsResult<f64> {
    if let Some(x) = v.as_f64() {
        Ok(x)
    } else if v.is_null() {
        Ok(f64::NAN)
    } else {
        Err(bad_type(field, v, NUMBER))
    }
}

/// True when `v` is something [`column`] reads.
pub(crate) fn is_column(v: &JsValue) -> bool {
    Array::is_array(v) || typed_array(v).is_some()
}

/// Any numeric (non-BigInt) typed array, as a `Float64Array` (copied only when converted).
fn typed_array(v: &JsValue) -> Option<Float64Array> {
    if let Some(a) = v.dyn_ref::<Float64Array>() {
        return Some(a.clone());
    }
    let other = v.is_instance_of::<js_sys::Float32Array>()
        || v.is_instance_of::<js_sys::Int32Array>()
        || v.is_instance_of::<js_sys::Uint32Array>()
        || v.is_instance_of::<js_sys::Int16Array>()
        || v.is_instance_of::<js_sys::Uint16Array>()
        || v.is_instance_of::<js_sys::Int8Array>()
        || v.is_instance_of::<js_sys::Uint8Array>()
        || v.is_instance_of::<js_sys::Uint8ClampedArray>();
    other.then(|| Float64Array::new(v))
}

/// A column input: a numeric typed array or an array of numbers / nulls (null → NaN, missing).
pub(crate) fn column(v: &JsValue, field: &'static str) -> JsResult<Vec<f64>> {
    if let Some(a) = typed_array(v) {
        return Ok(a.to_vec());
    }
    let Some(arr) = v.dyn_ref::<Array>() else {
        return Err(bad_type(field, v, COLUMN));
    };
    let n = arr.length();
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let item = arr.get(i);
        if let Some(x) = item.as_f64() {
            out.push(x);
        } else if item.is_null() || item.is_undefined() {
            out.push(f64::NAN);
        } else {
            return Err(bad_type(field, &item, COLUMN));
        }
    }
    Ok(out)
}

/// An array of strings.
pub(crate) fn strings(v: &JsValue, field: &'static str) -> JsResult<Vec<String>> {
    let Some(arr) = v.dyn_ref::<Array>() else {
        return Err(bad_type(field, v, STRINGS));
    };
    (0..arr.length())
        .map(|i| {
            let item = arr.get(i);
            item.as_string()
                .ok_or_else(|| bad_type(field, &item, STRINGS))
        })
        .collect()
}

/// Group keys: strings, or numbers (written as JS writes them: `String(n)`).
pub(crate) fn group_keys(v: &JsValue, field: &'static str) -> JsResult<Vec<String>> {
    const KEYS: &str = "an array of group keys (strings or numbers)";
    let Some(arr) = v.dyn_ref::<Array>() else {
        return Err(bad_type(field, v, KEYS));
    };
    (0..arr.length())
        .map(|i| {
            let item = arr.get(i);
            key_text(&item).ok_or_else(|| bad_type(field, &item, KEYS))
        })
        .collect()
}

/// A group key as text: a string as it is, a number as `String(n)`.
pub(crate) fn key_text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    if v.as_f64().is_some() {
        return v
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .ok()
            .and_then(|s| s.as_string());
    }
    None
}

/// Borrows a slice of `&str` from owned strings.
pub(crate) fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Two inputs of the same shape: both scalars, or both columns.
pub(crate) enum Pair {
    Scalars(f64, f64),
    Columns(Vec<f64>, Vec<f64>),
}

/// Reads two inputs that must both be scalars or both be columns.
pub(crate) fn pair(
    a: &JsValue,
    a_name: &'static str,
    b: &JsValue,
    b_name: &'static str,
) -> JsResult<Pair> {
    const LIKE_SCALAR: &str = "a number or null, like the first argument";
    const LIKE_COLUMN: &str =
        "a Float64Array or an array of numbers, like the first argument (no broadcasting)";
    if is_column(a) {
        if !is_column(b) {
            return Err(bad_type(b_name, b, LIKE_COLUMN));
        }
        Ok(Pair::Columns(column(a, a_name)?, column(b, b_name)?))
    } else {
        let x = scalar(a, a_name)?;
        if is_column(b) {
            return Err(bad_type(b_name, b, LIKE_SCALAR));
        }
        Ok(Pair::Scalars(x, scalar(b, b_name)?))
    }
}

// ---------------------------------------------------------------------------------------------
// Options objects
// ---------------------------------------------------------------------------------------------

/// An options object: undefined or null for none; unknown keys are an `invalid_option` error so
/// that a misspelt option is never silently ignored.
pub(crate) struct Opts {
    obj: Option<JsValue>,
}

impl Opts {
    /// Reads `v` as an options object whose keys must be among `allowed`.
    pub(crate) fn new(
        v: &JsValue,
        allowed: &'static [&'static str],
        expected: &'static str,
    ) -> JsResult<Self> {
        if v.is_undefined() || v.is_null() {
            return Ok(Opts { obj: None });
        }
        if !v.is_object() || v.is_function() || Array::is_array(v) || typed_array(v).is_some() {
            return Err(bad_type("options", v, "an options object"));
        }
        let keys = Object::keys(v.unchecked_ref::<Object>());
        for i in 0..keys.length() {
            let key = keys.get(i);
            let known = key
                .as_string()
                .is_some_and(|k| allowed.contains(&k.as_str()));
            if !known {
                return Err(bad_type("options", &key, expected));
            }
        }
        Ok(Opts {
            obj: Some(v.clone()),
        })
    }

    /// The option's value; undefined when absent.
    pub(crate) fn get(&self, key: &'static str) -> JsResult<JsValue> {
        match &self.obj {
            None => Ok(JsValue::UNDEFINED),
            Some(o) => Reflect::get(o, &JsValue::from_str(key))
                .map_err(|_| bad_type(key, &JsValue::UNDEFINED, "a readable option")),
        }
    }

    /// A number, or `default` when absent.
    pub(crate) fn number(&self, key: &'static str, default: f64) -> JsResult<f64> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(default);
        }
        v.as_f64().ok_or_else(|| bad_type(key, &v, "a number"))
    }

    /// A number that must be given (the core has no default for it).
    pub(crate) fn required_number(
        &self,
        key: &'static str,
        expected: &'static str,
    ) -> JsResult<f64> {
        let v = self.get(key)?;
        v.as_f64().ok_or_else(|| bad_type(key, &v, expected))
    }

    /// A confidence level: absent → `default`, null → no interval, a number → that level.
    pub(crate) fn confidence(&self, default: Option<f64>) -> JsResult<Option<f64>> {
        let v = self.get("confidence")?;
        if v.is_undefined() {
            Ok(default)
        } else if v.is_null() {
            Ok(None)
        } else {
            v.as_f64().map(Some).ok_or_else(|| {
                bad_type(
                    "confidence",
                    &v,
                    "a level between 0 and 1 (e.g. 0.95), or null for no interval",
                )
            })
        }
    }

    /// A confidence level that cannot be null (funnel limits always have one).
    pub(crate) fn level(&self, default: f64) -> JsResult<f64> {
        let v = self.get("confidence")?;
        if v.is_undefined() {
            return Ok(default);
        }
        v.as_f64().ok_or_else(|| {
            bad_type(
                "confidence",
                &v,
                "a level between 0 and 1 (e.g. 0.95); funnel limits always have a level",
            )
        })
    }

    /// A boolean, or `default` when absent.
    pub(crate) fn boolean(&self, key: &'static str, default: bool) -> JsResult<bool> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(default);
        }
        v.as_bool()
            .ok_or_else(|| bad_type(key, &v, "true or false"))
    }

    /// A string parsed by the core's `FromStr`; when absent, the core's default name (from
    /// `care_outcomes::stats::defaults`) parsed the same way.
    pub(crate) fn parsed<T>(&self, key: &'static str, default: &str) -> JsResult<T>
    where
        T: FromStr<Err = CoreError>,
    {
        let v = self.get(key)?;
        if v.is_undefined() {
            return default.parse::<T>().js();
        }
        match v.as_string() {
            Some(s) => s.parse::<T>().js(),
            None => Err(bad_type(key, &v, "a string naming a method")),
        }
    }

    /// A string parsed by the core's `FromStr` that must be given.
    pub(crate) fn required_parsed<T>(
        &self,
        key: &'static str,
        expected: &'static str,
    ) -> JsResult<T>
    where
        T: FromStr<Err = CoreError>,
    {
        let v = self.get(key)?;
        match v.as_string() {
            Some(s) => s.parse::<T>().js(),
            None => Err(bad_type(key, &v, expected)),
        }
    }
}
