//! SPC, overdispersed funnels and charts for JavaScript. Option objects and plain records are
//! serialised with `JSON.stringify`, their camelCase keys renamed to the core's snake_case, and
//! parsed by the core (which reports its own error codes); results are the core's JSON with keys
//! renamed to camelCase and parsed with `JSON.parse`, so every number crosses bit for bit.

use crate::convert::{JsResult, OrThrow, bad_type, column};
use care_outcomes::chart::{self, ChartOptions, SpineRow, TrendPoint};
use care_outcomes::interchange::from_json;
use care_outcomes::spc::{self, XmrOptions};
use care_outcomes::stats::{self, OverdispersionOptions};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SPC_TYPES: &'static str = r#"
/** Options of `spcXmr` (every one optional; absent options take the core's defaults, which are
 * Making Data Count parity, or the preset's). */
export interface XmrOptions {
  /** "mdc" (default), "nhsrplotthedots" or "abspc". */
  preset?: "mdc" | "nhsrplotthedots" | "abspc";
  improvementDirection?: "increase" | "decrease" | "neutral";
  target?: number | null;
  limitConstant?: "2.66" | "3/1.128";
  screenMovingRanges?: boolean;
  fixAfter?: number | null;
  rebaseAt?: number[];
  /** abspc's automatic rebasing ({} for its defaults: baseline 15, minPhaseLength 8). */
  autoRebase?: { baseline?: number; minPhaseLength?: number; improvementOnly?: boolean } | null;
  minPointsForLimits?: number;
  trialLimitsBelow?: number;
  minPointsForIcons?: number;
  shiftLength?: number;
  trendLength?: number;
  trendTies?: "break" | "skip";
  twoInThree?: "post_2023" | "pre_2023";
  rulePriority?: SpcRule[];
  conflict?: "improvement_wins" | "priority";
  variationIconFrom?: "last_point" | "last_signal";
  assuranceBounds?: "exclusive" | "inclusive";
  zeroVariation?: "no_assurance" | "compare";
}

/** A special-cause rule. */
export type SpcRule = "outside_limits" | "trend" | "two_in_three" | "shift";

/** One phase of an XmR chart. */
export interface XmrPhase {
  start: number;
  end: number;
  baselinePoints: number;
  limits: {
    mean: number; mrBar: number; upl: number; lpl: number;
    nearUpper: number; nearLower: number; zeroVariation: boolean;
  } | null;
  reason: ReasonCode | null;
  trialLimits: boolean;
  excludedMovingRanges: number[];
}

/** One point of an XmR chart. */
export interface XmrPoint {
  value: number;
  phase: number;
  movingRange: number | null;
  hits: { rule: SpcRule; side: "high" | "low" }[];
  pointType: "common_cause" | "special_cause_improvement" | "special_cause_concern" | "special_cause_neutral";
  rule: SpcRule | null;
  side: "high" | "low" | null;
  /** "Common Cause", "Above UCL", "7 Points Above CL", "7 Point Trend (Decreasing)", ... */
  label: string;
}

/** An XmR chart under Making Data Count rules. */
export interface Xmr {
  method: "xmr";
  version: string;
  options: Record<string, unknown>;
  phases: XmrPhase[];
  points: XmrPoint[];
  variationIcon: "common_cause" | "improvement_high" | "improvement_low" | "concern_high"
    | "concern_low" | "neutral_high" | "neutral_low" | null;
  assuranceIcon: "consistently_pass" | "hit_and_miss" | "consistently_fail" | null;
  iconReason: ReasonCode | null;
  assuranceReason: ReasonCode | null;
}

/** Options of `spcRunChart` (absent options take the core's defaults). */
export interface RunChartOptions {
  /** Default 6 (8: IHI, abspc). */
  shiftLength?: number;
  /** Default 5 (6: abspc). */
  trendLength?: number;
  onMedian?: "skip" | "break";
  trendTies?: "skip" | "break";
  /** The median from the first n points (default all). */
  baseline?: number;
}

/** A run chart. */
export interface RunChart {
  method: "run_chart";
  options: Record<string, unknown>;
  median: number;
  points: { value: number; side: "high" | "low" | null; hits: { rule: SpcRule; side: "high" | "low" }[] }[];
  usefulObservations: number;
  runs: number;
}

/** Options of `funnel` (absent options take the core's defaults). */
export interface FunnelOptions {
  /** "proportion" (default: numerators of denominators), "ratio" (observed and expected
   * counts) or "rate" (events and populations). */
  kind?: "proportion" | "ratio" | "rate";
  /** Rates only: per how many people (default 100,000). */
  multiplier?: number;
  overdispersion?: "off" | "on" | "auto";
  /** "normal" (default), "arcsine" (proportions), "sqrt" (ratios and rates). */
  scale?: "normal" | "arcsine" | "sqrt";
  winsorFraction?: number;
}

/** A funnel with the overdispersion adjustment off, on or automatic. */
export interface FunnelPlot {
  kind: "proportion" | "ratio" | "rate";
  options: Record<string, unknown>;
  target: number;
  pooled: number;
  adjusted: boolean;
  estimate: {
    z: number[]; zWinsorised: number[]; winsorLower: number; winsorUpper: number;
    phi: number; tau2: number;
  };
  units: {
    value: number; denominator: number; z: number; zAdjusted: number;
    limits95: [number, number]; limits998: [number, number];
    significance: "high001" | "high025" | "low001" | "low025" | "not_significant";
  }[];
}

/** Text and size of a chart (absent options take the core's defaults). */
export interface ChartOptions {
  title?: string;
  description?: string;
  xLabel?: string;
  yLabel?: string;
  labels?: string[];
  decimals?: number;
  width?: number;
  height?: number;
  /** Funnel plots: show proportions as percentages (default true). */
  percent?: boolean;
  /** Trend charts: the comparator line's name (default "England"). */
  comparatorName?: string;
}

/** One indicator of a spine chart. */
export interface SpineRow {
  label: string;
  value: number | null;
  england: number;
  comparatorMin: number;
  comparatorMax: number;
  comparatorQ1?: number | null;
  comparatorQ3?: number | null;
  comparison: "better" | "similar" | "worse" | "higher" | "lower" | "not_compared";
  polarity: "higher_is_better" | "lower_is_better" | "no_judgement";
}

/** One period of a trend chart. */
export interface TrendPoint {
  label: string;
  value?: number | null;
  lower?: number | null;
  upper?: number | null;
  comparator?: number | null;
}
"#;

fn snake(k: &str) -> String {
    let mut s = String::with_capacity(k.len() + 4);
    for ch in k.chars() {
        if ch.is_ascii_uppercase() {
            s.push('_');
            s.push(ch.to_ascii_lowercase());
        } else {
            s.push(ch);
        }
    }
    s
}

fn camel(k: &str) -> String {
    let mut s = String::with_capacity(k.len());
    let mut up = false;
    for ch in k.chars() {
        if ch == '_' {
            up = true;
        } else if up {
            s.push(ch.to_ascii_uppercase());
            up = false;
        } else {
            s.push(ch);
        }
    }
    s
}

/// Renames every object key (recursively) with `f`; nulls in objects are dropped when `drop_null`.
fn rename(v: Value, f: fn(&str) -> String, drop_null: bool) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !(drop_null && v.is_null()))
                .map(|(k, v)| (f(&k), rename(v, f, drop_null)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(|v| rename(v, f, drop_null)).collect()),
        other => other,
    }
}

/// A JS value as JSON with snake_case keys (undefined → `empty`).
fn js_json(v: &JsValue, what: &'static str, empty: &str, drop_null: bool) -> JsResult<Value> {
    if v.is_undefined() || v.is_null() {
        return Ok(serde_json::from_str(empty).expect("valid JSON"));
    }
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| bad_type(what, v, "a JSON-serialisable value"))?;
    let parsed: Value = from_json(what, &text).js()?;
    Ok(rename(parsed, snake, drop_null))
}

/// Options object → (preset, the rest as JSON text).
fn options(v: &JsValue, what: &'static str) -> JsResult<(Option<String>, String)> {
    let mut o = js_json(v, what, "{}", true)?;
    let preset = match &mut o {
        Value::Object(m) => match m.remove("preset") {
            Some(Value::String(p)) => Some(p),
            Some(other) => {
                return Err(bad_type(
                    "preset",
                    &JsValue::from_str(&other.to_string()),
                    "\"mdc\", \"nhsrplotthedots\", \"abspc\"",
                ));
            }
            None => None,
        },
        _ => None,
    };
    Ok((preset, o.to_string()))
}

/// The core's JSON as a JS value with camelCase keys.
fn to_js(json: &str) -> JsResult<JsValue> {
    let v: Value = serde_json::from_str(json).expect("the core writes valid JSON");
    let text = rename(v, camel, false).to_string();
    js_sys::JSON::parse(&text)
}

fn xmr(values: &JsValue, opts: &JsValue) -> JsResult<spc::Xmr> {
    let x = column(values, "values")?;
    let (preset, json) = options(opts, "XmR options")?;
    let base = match preset {
        Some(p) => XmrOptions::preset(&p).js()?,
        None => XmrOptions::default(),
    };
    let o = XmrOptions::with_json(base, &json).js()?;
    spc::xmr(&x, &o).js()
}

fn chart_options(v: &JsValue) -> JsResult<ChartOptions> {
    let (_, json) = options(v, "chart options")?;
    ChartOptions::from_json(&json).js()
}

/// An XmR chart under Making Data Count rules: phases and limits, every rule that fired on every
/// point, each point's type and the variation and assurance icons.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = spcXmr, unchecked_return_type = "Xmr")]
pub fn spc_xmr(
    #[wasm_bindgen(unchecked_param_type = "Column")] values: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "XmrOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    to_js(&xmr(values, options)?.to_json())
}

/// A run chart: shifts about the median and trends (the run chart rule set).
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = spcRunChart, unchecked_return_type = "RunChart")]
pub fn spc_run_chart(
    #[wasm_bindgen(unchecked_param_type = "Column")] values: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RunChartOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let x = column(values, "values")?;
    let (_, json) = self::options(options, "run chart options")?;
    let o: spc::RunChartOptions = from_json("run chart options", &json).js()?;
    let c = spc::run_chart(&x, &o).js()?;
    to_js(&serde_json::to_string(&c).expect("a run chart serialises"))
}

/// The names of the XmR option presets.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = spcPresets, unchecked_return_type = "string[]")]
pub fn spc_presets() -> JsValue {
    spc::PRESETS
        .iter()
        .map(|p| JsValue::from_str(p))
        .collect::<js_sys::Array>()
        .into()
}

/// The SVG of an XmR chart (drawn by the core).
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = spcChart)]
pub fn spc_chart(
    #[wasm_bindgen(unchecked_param_type = "Column")] values: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "XmrOptions")] options: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChartOptions")] chart: &JsValue,
) -> JsResult<String> {
    let c = xmr(values, options)?;
    chart::spc_chart(&c, &chart_options(chart)?).js()
}

fn od_funnel(r: &JsValue, n: &JsValue, opts: &JsValue) -> JsResult<stats::OverdispersedFunnel> {
    let r = column(r, "numerators")?;
    let n = column(n, "denominators")?;
    let mut o = js_json(opts, "funnel options", "{}", true)?;
    let (kind, multiplier) = match &mut o {
        Value::Object(m) => (m.remove("kind"), m.remove("multiplier")),
        _ => (None, None),
    };
    let kind = match kind {
        None => stats::FunnelKind::default(),
        Some(Value::String(k)) => k.parse().js()?,
        Some(other) => {
            return Err(bad_type(
                "kind",
                &JsValue::from_str(&other.to_string()),
                "\"proportion\", \"ratio\", \"rate\"",
            ));
        }
    };
    let multiplier = match multiplier {
        None => None,
        Some(v) => Some(v.as_f64().ok_or_else(|| {
            bad_type("multiplier", &JsValue::from_str(&v.to_string()), "a number")
        })?),
    };
    let od: OverdispersionOptions = from_json("funnel options", &o.to_string()).js()?;
    stats::funnel_of_kind(kind, &r, &n, multiplier, &od).js()
}

/// A funnel of proportions, ratios or rates with the overdispersion adjustment off, on or
/// automatic: φ, τ², and each unit's z, adjusted z, limits and position.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = funnel, unchecked_return_type = "FunnelPlot")]
pub fn funnel(
    #[wasm_bindgen(unchecked_param_type = "Column")] numerators: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] denominators: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FunnelOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let f = od_funnel(numerators, denominators, options)?;
    to_js(&serde_json::to_string(&f).expect("a funnel serialises"))
}

/// The SVG of a funnel plot (drawn by the core).
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = funnelChart)]
pub fn funnel_chart(
    #[wasm_bindgen(unchecked_param_type = "Column")] numerators: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] denominators: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FunnelOptions")] options: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChartOptions")] chart: &JsValue,
) -> JsResult<String> {
    let f = od_funnel(numerators, denominators, options)?;
    chart::funnel_chart(&f, &chart_options(chart)?).js()
}

/// The SVG of a spine chart of indicators against England and a comparator range.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = spineChart)]
pub fn spine_chart(
    #[wasm_bindgen(unchecked_param_type = "SpineRow[]")] rows: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChartOptions")] chart: &JsValue,
) -> JsResult<String> {
    let rows: Vec<SpineRow> = from_json(
        "spine rows",
        &js_json(rows, "spine rows", "[]", false)?.to_string(),
    )
    .js()?;
    chart::spine_chart(&rows, &chart_options(chart)?).js()
}

/// The SVG of a trend line with intervals and a comparator line.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = trendChart)]
pub fn trend_chart(
    #[wasm_bindgen(unchecked_param_type = "TrendPoint[]")] points: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChartOptions")] chart: &JsValue,
) -> JsResult<String> {
    let points: Vec<TrendPoint> = from_json(
        "trend points",
        &js_json(points, "trend points", "[]", false)?.to_string(),
    )
    .js()?;
    chart::trend_chart(&points, &chart_options(chart)?).js()
}
