//! `publish(rows, options)`: disclosure control of a table (`care_outcomes::publish::disclosure`).
//!
//! Reads the rows' count, key, dimension and not-applicable fields into columns, the layout and
//! rule options into the core's JSON documents, calls `publish_columns` once, and returns the
//! rows with the published fields added plus the core's record (method, rule, opt-out, log).

use crate::convert::{JsResult, Obj, Opts, OrThrow, bad_type, key_text, opt_num, opt_str};
use care_outcomes::publish::disclosure::{
    CellReason, Columns, Disclosure, Layout, PublishOptions, Symbol, publish_columns,
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** How `publish` reads a table and which disclosure rule it applies. Every field is optional. */
export interface PublishOptions {
  /** The field holding each row's key (needed by `sums`); default: the row position as text. */
  key?: string;
  /** Count fields; default: `numerator`, `denominator`, `base` when the rows have them. */
  numerator?: string;
  denominator?: string;
  base?: string;
  /** Fields whose value `total` marks a margin (that row = the sum over this dimension). */
  dimensions?: string[];
  /** The margin label (core default "Total"). */
  total?: string;
  /** Per dimension, parent → children (England → regions → councils). */
  hierarchies?: Record<string, Record<string, string[]>>;
  /** More constraints by key: `total` = Σ `parts`. */
  sums?: Array<{ total: string; parts: string[] }>;
  /** A boolean field marking structurally empty cells (`[z]`). */
  notApplicable?: string;
  /** Withhold a base (else denominator) of 1 to suppressBelow − 1 (the source's rule). */
  suppressBelow?: number;
  /** Round published counts to the nearest multiple of this. */
  roundCountsTo?: number;
  /** The value is numerator × multiplier ÷ denominator (core default 100). */
  multiplier?: number;
  /** The value's rounding (core default half away from zero, 1 dp). */
  rounding?: { rule: "half_away_from_zero" | "half_even"; dp: number };
  /** Switches disclosure control off, for internal use only, with the reason (recorded). */
  optOut?: string;
}

/** A publication symbol. */
export type PublicationSymbol = "[c]" | "[x]" | "[z]";

/** Why a cell is published as it is. */
export type CellReason =
  | "primary" | "secondary" | "zero_denominator" | "not_applicable" | "disclosure_off";

/** The fields `publish` adds to each row. */
export interface PublishedFields {
  /** Published counts (rounded where the rule says; null when withheld or not applicable). */
  publishedNumerator?: number | null;
  publishedDenominator?: number | null;
  publishedBase?: number | null;
  /** The published value, or null (withheld, not available, or no value). */
  publishedValue: number | null;
  /** The value as printed: digits or the symbol. */
  valueText: string;
  symbol: PublicationSymbol | null;
  reason: CellReason | null;
}

/** The result of `publish`. */
export interface PublishedTable<Row> {
  /** The input rows (copied) with the published fields. */
  rows: Array<Row & PublishedFields>;
  /** The rule applied. */
  rule: { suppressBelow: number | null; roundCountsTo: number | null };
  /** "on", or "off" when opted out. */
  disclosure: "on" | "off";
  /** The opt-out's reason, or null. */
  optOutReason: string | null;
  /** The method and its version. */
  method: string;
  /** Keys of withheld cells that could still be recovered (empty unless nothing more could be withheld). */
  unprotected: string[];
  /** What was done, one line per step; an opt-out is always logged here. */
  log: string[];
}

/**
 * Publishes a table under disclosure control (on by default): primary suppression by the
 * source's rule, secondary suppression so no withheld cell can be worked out from the others,
 * rounding of counts, publication symbols. Throws a CareOutcomesError for impossible input.
 */
export function publish<Row extends object>(rows: Row[], options?: PublishOptions): PublishedTable<Row>;
"#;

const OPTIONS: &[&str] = &[
    "key",
    "numerator",
    "denominator",
    "base",
    "dimensions",
    "total",
    "hierarchies",
    "sums",
    "notApplicable",
    "suppressBelow",
    "roundCountsTo",
    "multiplier",
    "rounding",
    "optOut",
];
const EXPECTED: &str = "key, numerator, denominator, base, dimensions, total, hierarchies, sums, notApplicable, suppressBelow, roundCountsTo, multiplier, rounding, optOut";

fn field(row: &JsValue, name: &str) -> JsValue {
    Reflect::get(row, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text(v: &JsValue) -> String {
    key_text(v).unwrap_or_default()
}

fn opt_string(o: &Opts, key: &'static str) -> JsResult<Option<String>> {
    let v = o.get(key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| bad_type(key, &v, "a string"))
}

fn opt_whole(o: &Opts, key: &'static str) -> JsResult<Option<u64>> {
    let v = o.get(key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_992.0 => {
            Ok(Some(x as u64))
        }
        _ => Err(bad_type(key, &v, "a whole number")),
    }
}

/// The JSON text of an option value (objects and arrays), for the core's parsers.
fn json_of(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// A count column: the named field (required in the rows) or the default field when present.
fn quantity(
    rows: &[JsValue],
    o: &Opts,
    option: &'static str,
) -> JsResult<Option<(String, Vec<f64>)>> {
    let name = match opt_string(o, option)? {
        Some(n) => {
            if rows.first().is_some_and(|r| field(r, &n).is_undefined()) {
                return Err(bad_type(
                    option,
                    &JsValue::from_str(&n),
                    "a field of the rows",
                ));
            }
            n
        }
        None if rows
            .first()
            .is_some_and(|r| !field(r, option).is_undefined()) =>
        {
            option.to_owned()
        }
        None => return Ok(None),
    };
    let values = rows
        .iter()
        .map(|r| {
            let v = field(r, &name);
            if let Some(x) = v.as_f64() {
                Ok(x)
            } else if v.is_null() || v.is_undefined() {
                Ok(f64::NAN)
            } else {
                Err(bad_type(option, &v, "a number (null for missing)"))
            }
        })
        .collect::<JsResult<Vec<f64>>>()?;
    Ok(Some((name, values)))
}

/// Publishes a table under disclosure control (see the TypeScript declaration above).
#[wasm_bindgen(js_name = publish, skip_typescript)]
pub fn publish(rows: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let Some(arr) = rows.dyn_ref::<Array>() else {
        return Err(bad_type("rows", rows, "an array of row objects"));
    };
    let rows: Vec<JsValue> = arr.iter().collect();
    for r in &rows {
        if !r.is_object() || Array::is_array(r) || r.is_function() {
            return Err(bad_type("rows", r, "an array of row objects"));
        }
    }
    let o = Opts::new(options, OPTIONS, EXPECTED)?;
    let keys = opt_string(&o, "key")?
        .map(|k| rows.iter().map(|r| text(&field(r, &k))).collect::<Vec<_>>());
    let num = quantity(&rows, &o, "numerator")?;
    let den = quantity(&rows, &o, "denominator")?;
    let base = quantity(&rows, &o, "base")?;
    let dims_js = o.get("dimensions")?;
    let dims: Vec<String> = if dims_js.is_undefined() || dims_js.is_null() {
        Vec::new()
    } else {
        crate::convert::strings(&dims_js, "dimensions")?
    };
    let not_applicable = opt_string(&o, "notApplicable")?
        .map(|c| rows.iter().map(|r| field(r, &c).is_truthy()).collect());
    let columns = Columns {
        keys,
        numerator: num.as_ref().map(|(_, v)| v.clone()),
        denominator: den.as_ref().map(|(_, v)| v.clone()),
        base: base.as_ref().map(|(_, v)| v.clone()),
        coordinates: dims
            .iter()
            .map(|d| rows.iter().map(|r| text(&field(r, d))).collect())
            .collect(),
        not_applicable,
    };
    let mut layout = Layout {
        dimensions: dims,
        ..Layout::default()
    };
    if let Some(t) = opt_string(&o, "total")? {
        layout.total_label = t;
    }
    for key in ["hierarchies", "sums"] {
        let v = o.get(key)?;
        if !(v.is_undefined() || v.is_null()) {
            let doc = format!("{{\"{key}\": {}}}", json_of(&v).unwrap_or_default());
            let parsed = Layout::from_json(&doc).js()?;
            layout.hierarchies.extend(parsed.hierarchies);
            layout.sums.extend(parsed.sums);
        }
    }
    let mut opts = PublishOptions::default();
    let below = opt_whole(&o, "suppressBelow")?;
    let round = opt_whole(&o, "roundCountsTo")?;
    if below.is_some() || round.is_some() {
        opts.rule.suppress_below = below;
        opts.rule.round_counts_to = round;
    }
    if let Some(m) = opt_whole(&o, "multiplier")? {
        opts.multiplier = m;
    }
    let rounding = o.get("rounding")?;
    if !(rounding.is_undefined() || rounding.is_null()) {
        let doc = format!(
            "{{\"rounding\": {}}}",
            json_of(&rounding).unwrap_or_default()
        );
        opts.rounding = PublishOptions::from_json(&doc).js()?.rounding;
    }
    if let Some(reason) = opt_string(&o, "optOut")? {
        opts.disclosure = Disclosure::Off { reason };
    }
    let out = publish_columns(&columns, &layout, &opts).js()?;
    let published = Array::new_with_length(rows.len() as u32);
    let count = |v: Option<u64>| opt_num(v.map(|x| x as f64));
    for (i, (row, c)) in rows.iter().zip(&out.cells).enumerate() {
        let mut fields = Obj::new();
        if num.is_some() {
            fields = fields.with("publishedNumerator", count(c.numerator));
        }
        if den.is_some() {
            fields = fields.with("publishedDenominator", count(c.denominator));
        }
        if base.is_some() {
            fields = fields.with("publishedBase", count(c.base));
        }
        let fields = fields
            .with("publishedValue", opt_num(c.value.map(|v| v.to_f64())))
            .str("valueText", &c.value_text)
            .with("symbol", opt_str(c.symbol.map(Symbol::as_str)))
            .with("reason", opt_str(c.reason.map(CellReason::code)));
        let copy = Object::assign(&Object::new(), row.unchecked_ref::<Object>());
        Object::assign(&copy, fields.into_js().unchecked_ref::<Object>());
        published.set(i as u32, copy.into());
    }
    let (mode, reason) = match &out.disclosure {
        Disclosure::On => ("on", None),
        Disclosure::Off { reason } => ("off", Some(reason.as_str())),
    };
    let strings =
        |items: &[String]| -> Array { items.iter().map(|s| JsValue::from_str(s)).collect() };
    Ok(Obj::new()
        .with("rows", published)
        .with(
            "rule",
            Obj::new()
                .with("suppressBelow", count(out.rule.suppress_below))
                .with("roundCountsTo", count(out.rule.round_counts_to))
                .into_js(),
        )
        .str("disclosure", mode)
        .with("optOutReason", opt_str(reason))
        .str("method", &out.method)
        .with("unprotected", strings(&out.unprotected))
        .with("log", strings(&out.log))
        .into_js())
}
