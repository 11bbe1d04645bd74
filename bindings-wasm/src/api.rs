//! The exported JS functions. Each reads its arguments, fills absent options from the core's
//! defaults, calls the core once and converts the result.

use crate::convert::{
    JsResult, Obj, Opts, OrThrow, Pair, bad_type, column, estimate, estimate_columns, estimates,
    group_keys, is_column, js_error, key_text, label_array, opt_num, pair, scalar, strings, strs,
};
use care_outcomes::Error as CoreError;
use care_outcomes::stats::{
    self, AgeRange, DsrEstimate, DsrOptions, IsrEstimate, IsrKind, IsrOptions, IsrReference,
    LifeExpectancyOptions, MeanOptions, Observed, ProportionOptions, RateOptions, RatioType,
    Standard, defaults,
};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

// ---------------------------------------------------------------------------------------------
// Proportions and rates
// ---------------------------------------------------------------------------------------------

/// The proportion numerator/denominator × multiplier with a Wilson (or Clopper-Pearson)
/// interval. Numbers give one `Estimate`; columns give `Estimates` computed in one batch call.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = proportion, skip_typescript)]
pub fn proportion(
    numerator: &JsValue,
    denominator: &JsValue,
    options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["confidence", "multiplier", "method", "onUndefined"],
        "confidence, multiplier, method, onUndefined",
    )?;
    let opts = ProportionOptions {
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        multiplier: o.number("multiplier", defaults::PROPORTION_MULTIPLIER)?,
        method: o.parsed("method", defaults::PROPORTION_METHOD)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    Ok(
        match pair(numerator, "numerator", denominator, "denominator")? {
            Pair::Scalars(x, n) => estimate(&stats::proportion(x, n, &opts).js()?).into_js(),
            Pair::Columns(x, n) => {
                estimates(&stats::proportion_batch(&x, &n, &opts).js()?).into_js()
            }
        },
    )
}

/// The crude rate count/population × per with a Poisson interval (exact below 10 events, Byar
/// from 10, unless `method` says otherwise).
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = rate, skip_typescript)]
pub fn rate(count: &JsValue, population: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["confidence", "per", "method", "onUndefined"],
        "confidence, per, method, onUndefined",
    )?;
    let opts = RateOptions {
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        multiplier: o.number("per", defaults::RATE_MULTIPLIER)?,
        method: o.parsed("method", defaults::RATE_METHOD)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    Ok(match pair(count, "count", population, "population")? {
        Pair::Scalars(x, n) => estimate(&stats::rate(x, n, &opts).js()?).into_js(),
        Pair::Columns(x, n) => estimates(&stats::rate_batch(&x, &n, &opts).js()?).into_js(),
    })
}

// ---------------------------------------------------------------------------------------------
// Means
// ---------------------------------------------------------------------------------------------

/// The mean of `values` with a Student t interval.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = mean, unchecked_return_type = "MeanEstimate")]
pub fn mean(
    #[wasm_bindgen(unchecked_param_type = "Column")] values: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MeanOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["confidence", "skipMissing", "onUndefined"],
        "confidence, skipMissing, onUndefined",
    )?;
    let opts = MeanOptions {
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        skip_missing: o.boolean("skipMissing", defaults::SKIP_MISSING)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    let m = stats::mean(&column(values, "values")?, &opts).js()?;
    Ok(estimate(&m.estimate)
        .num("valueSum", m.value_sum)
        .num("valueCount", m.value_count as f64)
        .opt("stdev", m.stdev)
        .into_js())
}

// ---------------------------------------------------------------------------------------------
// Standardised rates and ratios
// ---------------------------------------------------------------------------------------------

const DSR_KEYS: &[&str] = &[
    "bands",
    "groups",
    "standard",
    "per",
    "confidence",
    "ageRange",
    "onUndefined",
];
const DSR_EXPECTED: &str = "bands, groups, standard, per, confidence, ageRange, onUndefined";

/// The standard population of a DSR: a built-in name, or `{name, bands, weights}`.
fn standard(o: &Opts) -> JsResult<Standard> {
    const EXPECTED: &str =
        "the name of a built-in standard (e.g. \"esp2013\") or {name, bands, weights}";
    let v = o.get("standard")?;
    if v.is_undefined() {
        return Standard::named(defaults::STANDARD).js();
    }
    if let Some(name) = v.as_string() {
        return Standard::named(&name).js();
    }
    if !v.is_object() || Array::is_array(&v) {
        return Err(bad_type("standard", &v, EXPECTED));
    }
    let s = Opts::new(&v, &["name", "bands", "weights"], "name, bands, weights")?;
    let name = s.get("name")?;
    let Some(name) = name.as_string() else {
        return Err(bad_type(
            "standard.name",
            &name,
            "a string naming the custom standard",
        ));
    };
    let bands = strings(&s.get("bands")?, "standard.bands")?;
    let weights = column(&s.get("weights")?, "standard.weights")?;
    Standard::custom(&name, &strs(&bands), &weights).js()
}

/// An age range `{from, to}` (to: null for no upper limit), or the core's default.
fn age_range(o: &Opts, default: AgeRange) -> JsResult<AgeRange> {
    const AGE: &str = "a whole number of years (0 or more)";
    let v = o.get("ageRange")?;
    if v.is_undefined() {
        return Ok(default);
    }
    if !v.is_object() || Array::is_array(&v) {
        return Err(bad_type(
            "ageRange",
            &v,
            "{from, to} (to: null for no upper limit)",
        ));
    }
    let r = Opts::new(&v, &["from", "to"], "from, to")?;
    let whole = |key: &'static str, x: &JsValue| -> JsResult<u32> {
        match x.as_f64() {
            Some(f) if f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) => Ok(f as u32),
            _ => Err(bad_type(key, x, AGE)),
        }
    };
    let from = r.get("from")?;
    let from = if from.is_undefined() {
        default.from
    } else {
        whole("ageRange.from", &from)?
    };
    let to = r.get("to")?;
    let to = if to.is_undefined() {
        default.to
    } else if to.is_null() {
        None
    } else {
        Some(whole("ageRange.to", &to)?)
    };
    Ok(AgeRange { from, to })
}

/// The DSR options shared by `dsr` and `dsrNonIndependent`.
fn dsr_options(o: &Opts) -> JsResult<DsrOptions> {
    Ok(DsrOptions {
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        multiplier: o.number("per", defaults::RATE_MULTIPLIER)?,
        // The core's default range (all ages) has no constant in `defaults`; take it from
        // the options' Default.
        age_range: age_range(o, DsrOptions::default().age_range)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    })
}

/// The band labels option (required: bands are joined to the standard by label, never by
/// position).
fn bands(o: &Opts) -> JsResult<Vec<String>> {
    let v = o.get("bands")?;
    if v.is_undefined() {
        return Err(bad_type(
            "bands",
            &v,
            "an array of band labels, one per row (\"0-4\", ..., \"90+\"); bands are joined by label",
        ));
    }
    strings(&v, "bands")
}

/// The group keys option, when given.
fn groups(o: &Opts) -> JsResult<Option<Vec<String>>> {
    let v = o.get("groups")?;
    if v.is_undefined() {
        Ok(None)
    } else {
        group_keys(&v, "groups").map(Some)
    }
}

/// One DSR as `Estimate` fields plus totals and the statistic text.
fn dsr_object(e: &DsrEstimate) -> Obj {
    estimate(&e.estimate)
        .num("totalCount", e.total_count)
        .num("totalPop", e.total_pop)
        .str("statistic", &e.statistic)
}

/// Per-group DSRs as columns.
fn dsr_columns(rows: &[(String, DsrEstimate)]) -> Obj {
    let total_count: Vec<f64> = rows.iter().map(|(_, e)| e.total_count).collect();
    let total_pop: Vec<f64> = rows.iter().map(|(_, e)| e.total_pop).collect();
    Obj::new()
        .with(
            "group",
            label_array(rows.iter().map(|(g, _)| Some(g.as_str()))),
        )
        .merge(&estimate_columns(rows.iter().map(|(_, e)| &e.estimate)))
        .column("totalCount", &total_count)
        .column("totalPop", &total_pop)
        .with(
            "statistic",
            label_array(rows.iter().map(|(_, e)| Some(e.statistic.as_str()))),
        )
}

/// The only result of an ungrouped call to a per-group core function.
fn single<T>(mut rows: Vec<(String, T)>, what: &'static str) -> JsResult<T> {
    match rows.pop() {
        Some((_, e)) if rows.is_empty() => Ok(e),
        _ => Err(js_error(&CoreError::EmptyInput { what })),
    }
}

/// A directly standardised rate with Dobson's interval. Rows are bands (`options.bands`),
/// joined to the standard population by label; with `options.groups`, one DSR per group.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = dsr, skip_typescript)]
pub fn dsr(counts: &JsValue, populations: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let o = Opts::new(options, DSR_KEYS, DSR_EXPECTED)?;
    let counts = column(counts, "counts")?;
    let populations = column(populations, "populations")?;
    let bands = bands(&o)?;
    let standard = standard(&o)?;
    let opts = dsr_options(&o)?;
    Ok(match groups(&o)? {
        None => {
            dsr_object(&stats::dsr(&strs(&bands), &counts, &populations, &standard, &opts).js()?)
                .into_js()
        }
        Some(g) => dsr_columns(
            &stats::dsr_grouped(&g, &strs(&bands), &counts, &populations, &standard, &opts).js()?,
        )
        .into_js(),
    })
}

/// A DSR whose interval allows for non-independent events: each row is (band, event frequency
/// f, persons with exactly f events, band population).
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = dsrNonIndependent, skip_typescript)]
pub fn dsr_non_independent(
    frequencies: &JsValue,
    persons: &JsValue,
    populations: &JsValue,
    options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, DSR_KEYS, DSR_EXPECTED)?;
    let frequencies = column(frequencies, "frequencies")?;
    let persons = column(persons, "persons")?;
    let populations = column(populations, "populations")?;
    let bands = bands(&o)?;
    let standard = standard(&o)?;
    let opts = dsr_options(&o)?;
    let grouped = groups(&o)?;
    let keys = grouped
        .clone()
        .unwrap_or_else(|| vec![String::new(); bands.len()]);
    let rows = stats::dsr_non_independent(
        &keys,
        &strs(&bands),
        &populations,
        &frequencies,
        &persons,
        &standard,
        &opts,
    )
    .js()?;
    Ok(match grouped {
        None => dsr_object(&single(rows, "a DSR needs at least one band")?).into_js(),
        Some(_) => dsr_columns(&rows).into_js(),
    })
}

const ISR_EXPECTED_RATIO: &str =
    "bands, groups, reference, refvalue, confidence, method, onUndefined";
const ISR_EXPECTED_RATE: &str = "bands, groups, reference, per, confidence, method, onUndefined";

/// The reference band data `{bands, counts, populations}` (required).
fn isr_reference(o: &Opts) -> JsResult<IsrReference> {
    let v = o.get("reference")?;
    if !v.is_object() || Array::is_array(&v) {
        return Err(bad_type(
            "reference",
            &v,
            "{bands, counts, populations}: the reference (e.g. England) band data",
        ));
    }
    let r = Opts::new(
        &v,
        &["bands", "counts", "populations"],
        "bands, counts, populations",
    )?;
    let bands = strings(&r.get("bands")?, "reference.bands")?;
    let counts = column(&r.get("counts")?, "reference.counts")?;
    let populations = column(&r.get("populations")?, "reference.populations")?;
    IsrReference::new(&strs(&bands), &counts, &populations).js()
}

/// Shared body of `isratio` and `israte`.
fn isr(counts: &JsValue, populations: &JsValue, o: &Opts, opts: &IsrOptions) -> JsResult<JsValue> {
    const OBSERVED: &str = "band counts (a column), the observed total (a number), or, with \
                            groups, an object mapping each group key to its observed total";
    let populations = column(populations, "populations")?;
    let bands = bands(o)?;
    let reference = isr_reference(o)?;
    let grouped = groups(o)?;
    let keys = grouped
        .clone()
        .unwrap_or_else(|| vec![String::new(); bands.len()]);
    let band_counts;
    let totals: Vec<(String, f64)>;
    let observed = if is_column(counts) {
        band_counts = column(counts, "counts")?;
        Observed::BandCounts(&band_counts)
    } else if grouped.is_none() && (counts.as_f64().is_some() || counts.is_null()) {
        totals = vec![(String::new(), scalar(counts, "counts")?)];
        Observed::Totals(&totals)
    } else if grouped.is_some() && counts.is_object() && !counts.is_function() {
        let entries = Object::entries(counts.unchecked_ref::<Object>());
        let mut t = Vec::with_capacity(entries.length() as usize);
        for i in 0..entries.length() {
            let pair: Array = entries.get(i).unchecked_into();
            let key = key_text(&pair.get(0)).unwrap_or_default();
            t.push((key, scalar(&pair.get(1), "counts")?));
        }
        totals = t;
        Observed::Totals(&totals)
    } else {
        return Err(bad_type("counts", counts, OBSERVED));
    };
    let rows = stats::isr_grouped(
        &keys,
        &strs(&bands),
        &populations,
        &observed,
        &reference,
        opts,
    )
    .js()?;
    Ok(match grouped {
        None => isr_object(&single(rows, "an ISR needs at least one band")?).into_js(),
        Some(_) => isr_columns(&rows).into_js(),
    })
}

fn isr_object(e: &IsrEstimate) -> Obj {
    estimate(&e.estimate)
        .num("observed", e.observed)
        .num("expected", e.expected)
        .opt("refRate", e.ref_rate)
        .str("statistic", &e.statistic)
}

fn isr_columns(rows: &[(String, IsrEstimate)]) -> Obj {
    let observed: Vec<f64> = rows.iter().map(|(_, e)| e.observed).collect();
    let expected: Vec<f64> = rows.iter().map(|(_, e)| e.expected).collect();
    let ref_rate: Vec<f64> = rows
        .iter()
        .map(|(_, e)| e.ref_rate.unwrap_or(f64::NAN))
        .collect();
    Obj::new()
        .with(
            "group",
            label_array(rows.iter().map(|(g, _)| Some(g.as_str()))),
        )
        .merge(&estimate_columns(rows.iter().map(|(_, e)| &e.estimate)))
        .column("observed", &observed)
        .column("expected", &expected)
        .column("refRate", &ref_rate)
        .with(
            "statistic",
            label_array(rows.iter().map(|(_, e)| Some(e.statistic.as_str()))),
        )
}

/// An indirectly standardised ratio O/E × refvalue with a Poisson interval on O.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = isratio, skip_typescript)]
pub fn isratio(counts: &JsValue, populations: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let keys: &'static [&'static str] = &[
        "bands",
        "groups",
        "reference",
        "refvalue",
        "confidence",
        "method",
        "onUndefined",
    ];
    let o = Opts::new(options, keys, ISR_EXPECTED_RATIO)?;
    let opts = IsrOptions {
        kind: IsrKind::Ratio {
            refvalue: o.number("refvalue", defaults::ISR_REFVALUE)?,
        },
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        method: o.parsed("method", defaults::RATE_METHOD)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    isr(counts, populations, &o, &opts)
}

/// An indirectly standardised rate: the ratio O/E × the reference rate per `per`.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = israte, skip_typescript)]
pub fn israte(counts: &JsValue, populations: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let keys: &'static [&'static str] = &[
        "bands",
        "groups",
        "reference",
        "per",
        "confidence",
        "method",
        "onUndefined",
    ];
    let o = Opts::new(options, keys, ISR_EXPECTED_RATE)?;
    let opts = IsrOptions {
        kind: IsrKind::Rate {
            multiplier: o.number("per", defaults::RATE_MULTIPLIER)?,
        },
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        method: o.parsed("method", defaults::RATE_METHOD)?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    isr(counts, populations, &o, &opts)
}

// ---------------------------------------------------------------------------------------------
// Funnels
// ---------------------------------------------------------------------------------------------

/// Proportion funnel limits (lower, upper) × multiplier at one population.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = proportionFunnelLimits, unchecked_return_type = "Limits")]
pub fn proportion_funnel_limits(
    #[wasm_bindgen(unchecked_param_type = "number")] average: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] population: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ProportionFunnelLimitsOptions")]
    options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["confidence", "multiplier", "clamp"],
        "confidence, multiplier, clamp",
    )?;
    let (lower, upper) = stats::proportion_funnel_point(
        scalar(average, "average")?,
        scalar(population, "population")?,
        o.level(defaults::CONFIDENCE)?,
        o.number("multiplier", defaults::PROPORTION_MULTIPLIER)?,
        o.boolean("clamp", defaults::FUNNEL_CLAMP)?,
    )
    .js()?;
    Ok(Obj::new().num("lower", lower).num("upper", upper).into_js())
}

/// Ratio funnel limits at one observed count O: the expected counts at which the limits are
/// plotted and the limits O/E themselves.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = ratioFunnelLimits, unchecked_return_type = "RatioFunnelLimits")]
pub fn ratio_funnel_limits(
    #[wasm_bindgen(unchecked_param_type = "number")] observed: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, &["confidence"], "confidence")?;
    let p = stats::ratio_funnel_point(
        scalar(observed, "observed")?,
        o.level(defaults::CONFIDENCE)?,
    )
    .js()?;
    Ok(Obj::new()
        .num("expectedHigh", p.expected_high)
        .num("expectedLow", p.expected_low)
        .num("lower", p.lower)
        .num("upper", p.upper)
        .into_js())
}

/// The funnel significance label of one observed/expected pair ("High (0.001)", ...).
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = ratioSignificance, unchecked_return_type = "SignificanceLabel")]
pub fn ratio_significance(
    #[wasm_bindgen(unchecked_param_type = "number")] observed: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] expected: &JsValue,
) -> JsResult<JsValue> {
    let label =
        stats::ratio_significance(scalar(observed, "observed")?, scalar(expected, "expected")?)
            .js()?
            .label();
    Ok(JsValue::from_str(label))
}

fn significance(s: &[stats::FunnelSignificance]) -> Array {
    label_array(s.iter().map(|x| Some(x.label())))
}

/// A proportion funnel: baseline, 100 rows of limits (clamped) and each record's significance.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = funnelProportions, unchecked_return_type = "ProportionFunnel")]
pub fn funnel_proportions(
    #[wasm_bindgen(unchecked_param_type = "Column")] numerators: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] denominators: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MultiplierOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, &["multiplier"], "multiplier")?;
    let f = stats::funnel_proportions(
        &column(numerators, "numerators")?,
        &column(denominators, "denominators")?,
        o.number("multiplier", defaults::PROPORTION_MULTIPLIER)?,
    )
    .js()?;
    let col = |g: fn(&stats::ProportionFunnelRow) -> f64| -> Vec<f64> {
        f.limits.iter().map(g).collect()
    };
    let limits = Obj::new()
        .column("population", &col(|r| r.population))
        .column("lower2sLimit", &col(|r| r.lower_2s_limit))
        .column("upper2sLimit", &col(|r| r.upper_2s_limit))
        .column("lower3sLimit", &col(|r| r.lower_3s_limit))
        .column("upper3sLimit", &col(|r| r.upper_3s_limit));
    Ok(Obj::new()
        .num("baseline", f.baseline)
        .with("limits", limits.into_js())
        .with("significance", significance(&f.significance))
        .into_js())
}

/// A ratio funnel from observed and expected counts.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = funnelRatios, unchecked_return_type = "RatioFunnel")]
pub fn funnel_ratios(
    #[wasm_bindgen(unchecked_param_type = "Column")] observed: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] expected: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RatioFunnelOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(options, &["ratioType"], "ratioType")?;
    let f = stats::funnel_ratios(
        &column(observed, "observed")?,
        &column(expected, "expected")?,
        o.parsed::<RatioType>("ratioType", defaults::RATIO_TYPE)?,
    )
    .js()?;
    let col =
        |g: fn(&stats::RatioFunnelRow) -> f64| -> Vec<f64> { f.limits.iter().map(g).collect() };
    let limits = Obj::new()
        .column("observedEvents", &col(|r| r.observed_events))
        .column("lower2sExpEvents", &col(|r| r.lower_2s_exp_events))
        .column("lower2sLimit", &col(|r| r.lower_2s_limit))
        .column("upper2sExpEvents", &col(|r| r.upper_2s_exp_events))
        .column("upper2sLimit", &col(|r| r.upper_2s_limit))
        .column("lower3sExpEvents", &col(|r| r.lower_3s_exp_events))
        .column("lower3sLimit", &col(|r| r.lower_3s_limit))
        .column("upper3sExpEvents", &col(|r| r.upper_3s_exp_events))
        .column("upper3sLimit", &col(|r| r.upper_3s_limit));
    Ok(Obj::new()
        .num("baseline", f.baseline)
        .with("limits", limits.into_js())
        .with("significance", significance(&f.significance))
        .into_js())
}

/// A rate funnel from event counts and rates (per `per`), with optional populations.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = funnelRates, unchecked_return_type = "RateFunnel")]
pub fn funnel_rates(
    #[wasm_bindgen(unchecked_param_type = "Column")] events: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] rates: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RateFunnelOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["rateType", "yearsOfData", "per", "populations"],
        "rateType, yearsOfData, per, populations",
    )?;
    let pops = o.get("populations")?;
    let pops = if pops.is_undefined() {
        None
    } else {
        Some(column(&pops, "populations")?)
    };
    let f = stats::funnel_rates(
        &column(events, "events")?,
        &column(rates, "rates")?,
        pops.as_deref(),
        o.required_parsed("rateType", "\"dsr\" or \"crude\" (required)")?,
        o.required_number(
            "yearsOfData",
            "the number of years the data cover (required)",
        )?,
        o.number("per", defaults::RATE_MULTIPLIER)?,
    )
    .js()?;
    let col =
        |g: fn(&stats::RateFunnelRow) -> f64| -> Vec<f64> { f.limits.iter().map(g).collect() };
    let limits = Obj::new()
        .column("events", &col(|r| r.events))
        .column(
            "lower2sPopulation1Year",
            &col(|r| r.lower_2s_population_1_year),
        )
        .column("lower2sLimit", &col(|r| r.lower_2s_limit))
        .column(
            "upper2sPopulation1Year",
            &col(|r| r.upper_2s_population_1_year),
        )
        .column("upper2sLimit", &col(|r| r.upper_2s_limit))
        .column(
            "lower3sPopulation1Year",
            &col(|r| r.lower_3s_population_1_year),
        )
        .column("lower3sLimit", &col(|r| r.lower_3s_limit))
        .column(
            "upper3sPopulation1Year",
            &col(|r| r.upper_3s_population_1_year),
        )
        .column("upper3sLimit", &col(|r| r.upper_3s_limit));
    let rate_chart: Vec<f64> = f
        .points
        .iter()
        .map(|p| p.rate_chart.unwrap_or(f64::NAN))
        .collect();
    let denominator: Vec<f64> = f
        .points
        .iter()
        .map(|p| p.denominator_derived.unwrap_or(f64::NAN))
        .collect();
    Ok(Obj::new()
        .num("baseline", f.baseline)
        .with("limits", limits.into_js())
        .with("significance", significance(&f.significance))
        .column("rateChart", &rate_chart)
        .column("denominatorDerived", &denominator)
        .into_js())
}

// ---------------------------------------------------------------------------------------------
// Quantiles and life expectancy
// ---------------------------------------------------------------------------------------------

/// Deprivation quantiles 1..=q of `values` (null where a value is missing); with `groups`, per
/// group, with `invert` given per row (constant within a group) or once for all.
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = quantiles, skip_typescript)]
pub fn quantiles(values: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    const INVERT: &str = "true (the highest value gets quantile 1), false (the lowest does), \
                          or with groups an array of booleans, one per row";
    let o = Opts::new(options, &["q", "invert", "groups"], "q, invert, groups")?;
    let q = stats::quantile_count(o.number("q", f64::from(defaults::QUANTILES))?).js()?;
    let values = column(values, "values")?;
    let invert = o.get("invert")?;
    let quantile_array = |out: &[Option<u32>]| {
        let arr = Array::new_with_length(out.len() as u32);
        for (i, v) in out.iter().enumerate() {
            arr.set(i as u32, opt_num(v.map(f64::from)));
        }
        arr
    };
    let reason_value =
        |r: Option<stats::Reason>| r.map_or(JsValue::NULL, |r| JsValue::from_str(r.code()));
    match groups(&o)? {
        None => {
            let invert = if invert.is_undefined() {
                defaults::QUANTILE_INVERT
            } else {
                invert
                    .as_bool()
                    .ok_or_else(|| bad_type("invert", &invert, INVERT))?
            };
            let (out, reason) = stats::quantiles(&values, q, invert).js()?;
            Ok(Obj::new()
                .with("quantile", quantile_array(&out))
                .with("reason", reason_value(reason))
                .into_js())
        }
        Some(keys) => {
            let flags: Vec<bool> = if invert.is_undefined() {
                vec![defaults::QUANTILE_INVERT; keys.len()]
            } else if let Some(b) = invert.as_bool() {
                vec![b; keys.len()]
            } else if let Some(arr) = invert.dyn_ref::<Array>() {
                (0..arr.length())
                    .map(|i| {
                        let item = arr.get(i);
                        item.as_bool()
                            .ok_or_else(|| bad_type("invert", &item, INVERT))
                    })
                    .collect::<JsResult<_>>()?
            } else {
                return Err(bad_type("invert", &invert, INVERT));
            };
            let (out, per_group) = stats::quantiles_grouped(&keys, &values, q, &flags).js()?;
            let reasons = Array::new_with_length(per_group.len() as u32);
            for (i, (_, r)) in per_group.iter().enumerate() {
                reasons.set(i as u32, reason_value(*r));
            }
            Ok(Obj::new()
                .with("quantile", quantile_array(&out))
                .with(
                    "group",
                    label_array(per_group.iter().map(|(g, _)| Some(g.as_str()))),
                )
                .with("reason", reasons)
                .into_js())
        }
    }
}

/// Life expectancy at the start of every band of an abridged life table (Chiang II with
/// Silcocks' variance).
#[cfg(feature = "stats")]
#[wasm_bindgen(js_name = lifeExpectancy, unchecked_return_type = "LifeTable")]
#[allow(non_snake_case)] // the parameter name is the one the .d.ts shows
pub fn life_expectancy(
    #[wasm_bindgen(unchecked_param_type = "Column")] startAges: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] populations: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Column")] deaths: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LifeExpectancyOptions")] options: &JsValue,
) -> JsResult<JsValue> {
    let o = Opts::new(
        options,
        &["confidence", "onUndefined"],
        "confidence, onUndefined",
    )?;
    let opts = LifeExpectancyOptions {
        confidence: o.confidence(Some(defaults::CONFIDENCE))?,
        on_undefined: o.parsed("onUndefined", defaults::ON_UNDEFINED)?,
    };
    let rows = stats::life_expectancy(
        &column(startAges, "startAges")?,
        &column(populations, "populations")?,
        &column(deaths, "deaths")?,
        &opts,
    )
    .js()?;
    let start: Vec<f64> = rows.iter().map(|r| r.start_age).collect();
    let pops: Vec<f64> = rows.iter().map(|r| r.pops_used).collect();
    let dths: Vec<f64> = rows.iter().map(|r| r.dths_used).collect();
    Ok(Obj::new()
        .column("startAge", &start)
        .merge(&estimate_columns(rows.iter().map(|r| &r.estimate)))
        .column("popsUsed", &pops)
        .column("dthsUsed", &dths)
        .into_js())
}

// ---------------------------------------------------------------------------------------------
// Codes and defaults
// ---------------------------------------------------------------------------------------------

/// Every error code a call can throw (`err.code`), in the core's order.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> JsValue {
    label_array(CoreError::CODES.iter().map(|c| Some(*c))).into()
}

/// Every reason code a null value can carry.
#[wasm_bindgen(js_name = reasonCodes, unchecked_return_type = "ReasonCode[]")]
pub fn reason_codes() -> JsValue {
    label_array(stats::Reason::CODES.iter().map(|c| Some(*c))).into()
}

/// The core's defaults, as the options objects use them.
#[wasm_bindgen(js_name = defaults, unchecked_return_type = "Defaults")]
pub fn defaults_object() -> JsValue {
    Obj::new()
        .num("confidence", defaults::CONFIDENCE)
        .num("proportionMultiplier", defaults::PROPORTION_MULTIPLIER)
        .num("rateMultiplier", defaults::RATE_MULTIPLIER)
        .num("isrRefvalue", defaults::ISR_REFVALUE)
        .str("standard", defaults::STANDARD)
        .str("proportionMethod", defaults::PROPORTION_METHOD)
        .str("rateMethod", defaults::RATE_METHOD)
        .num("quantiles", f64::from(defaults::QUANTILES))
        .with("quantileInvert", defaults::QUANTILE_INVERT)
        .with("skipMissing", defaults::SKIP_MISSING)
        .str("onUndefined", defaults::ON_UNDEFINED)
        .str("ratioType", defaults::RATIO_TYPE)
        .with("funnelClamp", defaults::FUNNEL_CLAMP)
        .with(
            "knownStandards",
            label_array(stats::KNOWN_STANDARDS.iter().map(|s| Some(*s))),
        )
        .into_js()
}
