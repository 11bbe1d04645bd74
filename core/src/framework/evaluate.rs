//! Evaluating a table of counts: one [`ResultRow`] per [`InputRow`], with the value and interval
//! by the definition's method, the published value by its rounding rule, flags and symbols by
//! its disclosure rule, and comparisons with a benchmark area, a comparator group, the other
//! areas (quartile, MAD band) and the previous period.
//!
//! Aggregates (regions, England) are formed by [`aggregate`], which sums numerators and
//! denominators — never averages values (spec-ascof.md §10.2).

use crate::error::{Error, Location, Result};
use crate::framework::benchmark::{self, Direction, MadBand, MedianSpread};
use crate::framework::{Definitions, document};
use crate::indicator::{Calculation, Decimal, Definition, Flag, Value, evaluate_counts};
use crate::stats::{Comparison, compare_interval, defaults};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One input: the counts of one indicator for one area and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputRow {
    /// The area ("Leeds", "England").
    pub area: String,
    /// The period ("2020-21"); periods of an area are ordered as text.
    pub period: String,
    /// The indicator id ("ascof-legacy/2B1").
    pub indicator: String,
    /// A breakdown suffix of the definition ("85OV", "F"), or None for the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<String>,
    /// The numerator (a count; for a relative difference, the figure compared).
    pub numerator: u64,
    /// The denominator (for a relative difference, the reference figure). Not needed for counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The population, for rates (used as the denominator when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

/// Options of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
    /// The benchmark area (default "England"); None for no benchmark comparison.
    pub benchmark: Option<String>,
    /// A comparator group (e.g. CIPFA nearest neighbours): the group's aggregate value is the
    /// comparison value, and MAD bands are taken against the group.
    pub comparators: Vec<String>,
    /// The areas ranked into quartiles (default: every area except the benchmark and
    /// `aggregates`).
    pub peers: Option<Vec<String>>,
    /// Areas that are aggregates (regions), left out of the default peers.
    pub aggregates: Vec<String>,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            confidence: defaults::CONFIDENCE,
            benchmark: Some("England".to_owned()),
            comparators: Vec::new(),
            peers: None,
            aggregates: Vec::new(),
        }
    }
}

/// A comparison of a row with another value (a benchmark area or a comparator group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmarked {
    /// What was compared with ("England", "comparators").
    pub against: String,
    /// The value compared with (× multiplier).
    pub value: Option<f64>,
    /// The outcome (interval of the row against the value, through polarity).
    pub comparison: Comparison,
}

/// One result row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The area.
    pub area: String,
    /// The period.
    pub period: String,
    /// The indicator id.
    pub indicator: String,
    /// The indicator code ("2B(1)").
    pub code: String,
    /// The breakdown suffix, if any.
    pub breakdown: Option<String>,
    /// The breakdown label ("85 and over"), if any.
    pub breakdown_label: Option<String>,
    /// The domain the indicator sits in, as the evaluated source arranges it (a local
    /// framework's own domain for a built-in it references), if known.
    pub domain: Option<String>,
    /// The computed value with its interval, method, published value and flags.
    pub result: Value,
    /// The publication symbol when no value is published: `[c]` suppressed, `[x]` not
    /// available (a zero denominator).
    pub symbol: Option<String>,
    /// Against the benchmark area.
    pub benchmark: Option<Benchmarked>,
    /// Against the comparator group's aggregate.
    pub comparator: Option<Benchmarked>,
    /// Quartile among the peers (1 = best by polarity).
    pub quartile: Option<u8>,
    /// MAD band against the comparator group (or the peers when there is none); peers only.
    pub mad_band: Option<MadBand>,
    /// Direction of travel against the area's previous period.
    pub direction: Option<Direction>,
    /// The previous period compared with.
    pub previous_period: Option<String>,
}

/// The results of [`evaluate`], in input order, with the options used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// One result per input row, in input order.
    pub rows: Vec<ResultRow>,
    /// The options that produced them.
    pub options: EvaluateOptions,
}

/// Evaluates input rows against a source of definitions (the built-in catalogue or a framework).
///
/// # Errors
/// With the input row: `unknown_indicator` (an id, or a breakdown suffix, the source does not
/// hold), `missing_denominator` (no denominator or population where one is needed),
/// `duplicate_id` (the same area, period, indicator and breakdown twice), and the errors of
/// [`evaluate_counts`] (e.g. `numerator_exceeds_denominator` for a proportion).
/// `invalid_confidence` for the level.
///
/// # Examples
///
/// ```
/// use care_outcomes::catalogue::Catalogue;
/// use care_outcomes::framework::{evaluate, EvaluateOptions, InputRow};
/// use care_outcomes::stats::Comparison;
/// let row = |area: &str, n: u64, d: u64| InputRow {
///     area: area.into(), period: "2020-21".into(), indicator: "ascof-legacy/2B1".into(),
///     breakdown: None, numerator: n, denominator: Some(d), population: None,
/// };
/// let rows = [row("England", 34_152, 43_193), row("Birmingham", 291, 596), row("Leeds", 105, 129)];
/// let out = evaluate(&rows, Catalogue::builtin(), &EvaluateOptions::default())?;
/// let brum = &out.rows[1];
/// assert_eq!(brum.result.published.unwrap().to_string(), "48.8");
/// assert_eq!(brum.benchmark.as_ref().unwrap().comparison, Comparison::Worse);
/// assert_eq!(out.rows[2].quartile, Some(1)); // Leeds is the better of the two councils
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn evaluate(
    rows: &[InputRow],
    source: &dyn Definitions,
    options: &EvaluateOptions,
) -> Result<Evaluation> {
    crate::stats::Confidence::new(options.confidence)?;
    let mut defs: Vec<&Definition> = Vec::with_capacity(rows.len());
    let mut results: Vec<ResultRow> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let at = || Location::row(i);
        let def = source
            .definition(&r.indicator)
            .ok_or_else(|| document::unknown_indicator(&r.indicator, source.ids(), at()))?;
        let breakdown_label = match &r.breakdown {
            None => None,
            Some(s) => Some(
                def.breakdowns
                    .iter()
                    .find(|b| b.suffix == *s)
                    .map(|b| b.label.clone())
                    .ok_or_else(|| Error::UnknownIndicator {
                        id: format!("{} breakdown {s:?}", r.indicator),
                        hint: format!(
                            ": its breakdowns are [{}]",
                            def.breakdowns
                                .iter()
                                .map(|b| b.suffix.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        at: at(),
                    })?,
            ),
        };
        let denominator = match def.calculation {
            Calculation::Count => r.denominator.unwrap_or(0),
            _ if def.population_base.is_some() => r
                .population
                .or(r.denominator)
                .ok_or(Error::MissingDenominator { at: at() })?,
            _ => r
                .denominator
                .ok_or(Error::MissingDenominator { at: at() })?,
        };
        let value = evaluate_counts(def, r.numerator, denominator, Some(options.confidence))
            .map_err(|e| e.at_row(i))?;
        let symbol = if value.flags.contains(&Flag::Suppressed) {
            Some("[c]".to_owned())
        } else if value.published.is_none() {
            Some("[x]".to_owned())
        } else {
            None
        };
        defs.push(def);
        results.push(ResultRow {
            area: r.area.clone(),
            period: r.period.clone(),
            indicator: r.indicator.clone(),
            code: def.code.clone(),
            breakdown: r.breakdown.clone(),
            breakdown_label,
            domain: source.domain_of(&def.id).map(str::to_owned),
            result: value,
            symbol,
            benchmark: None,
            comparator: None,
            quartile: None,
            mad_band: None,
            direction: None,
            previous_period: None,
        });
    }

    // Each row's keys as small integers (periods ranked in text order), then one sort of the
    // row indices finds duplicates and the groups of rows compared with one another (same
    // period, indicator, breakdown); a second sort finds each area's series.
    let keys = Keys::of(rows);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by_key(|&i| (keys.group(i), keys.area[i], i));
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        if keys.group(a) == keys.group(b) && keys.area[a] == keys.area[b] {
            let r = &rows[b];
            return Err(Error::DuplicateId {
                id: format!(
                    "{} {} {}{}",
                    r.area,
                    r.period,
                    r.indicator,
                    r.breakdown
                        .as_deref()
                        .map(|x| format!(" {x}"))
                        .unwrap_or_default()
                ),
                within: format!("the input (rows {a} and {b})"),
            });
        }
    }
    let shown: Vec<Option<f64>> = results
        .iter()
        .map(|r| published_or_value(&r.result))
        .collect();
    let is_peer = |area: &str| match &options.peers {
        Some(p) => p.iter().any(|x| x == area),
        None => {
            options.benchmark.as_deref() != Some(area)
                && !options.aggregates.iter().any(|x| x == area)
        }
    };
    let is_comparator = |area: &str| options.comparators.iter().any(|c| c == area);
    let mut start = 0;
    while start < order.len() {
        let key = keys.group(order[start]);
        let mut end = start + 1;
        while end < order.len() && keys.group(order[end]) == key {
            end += 1;
        }
        let members = &order[start..end];
        start = end;
        let def = defs[members[0]];
        let polarity = def.polarity;
        let bench = options.benchmark.as_deref().and_then(|b| {
            members
                .iter()
                .find(|&&i| rows[i].area == b)
                .map(|&i| (b, results[i].result.value))
        });
        let comparator = comparator_value(rows, &results, members, options, def)?;
        let comparator_values: Vec<f64> = members
            .iter()
            .filter(|&&i| is_comparator(&rows[i].area))
            .filter_map(|&i| shown[i])
            .collect();
        let peer_idx: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| is_peer(&rows[i].area))
            .collect();
        let peer_values: Vec<f64> = peer_idx
            .iter()
            .map(|&i| shown[i].unwrap_or(f64::NAN))
            .collect();
        let quartiles = benchmark::quartiles(&peer_values, polarity);
        let spread = MedianSpread::of(if options.comparators.is_empty() {
            &peer_values
        } else {
            &comparator_values
        });
        for (k, &i) in peer_idx.iter().enumerate() {
            let out = &mut results[i];
            out.quartile = quartiles[k];
            out.mad_band =
                spread.and_then(|sp| shown[i].and_then(|v| MadBand::against(v, sp, polarity)));
        }
        for &i in members {
            let out = &mut results[i];
            let (lo, up) = (out.result.lower, out.result.upper);
            if let Some((b, v)) = bench
                && b != rows[i].area
            {
                out.benchmark = Some(Benchmarked {
                    against: b.to_owned(),
                    value: v,
                    comparison: compare_interval(lo, up, v, polarity),
                });
            }
            if let Some(v) = comparator {
                out.comparator = Some(Benchmarked {
                    against: "comparators".to_owned(),
                    value: Some(v),
                    comparison: compare_interval(lo, up, Some(v), polarity),
                });
            }
        }
    }
    direction_of_travel(rows, &keys, &mut results, &defs, &shown);
    Ok(Evaluation {
        rows: results,
        options: options.clone(),
    })
}

/// The published value as a number when there is one, else the unrounded value.
fn published_or_value(v: &Value) -> Option<f64> {
    v.published.as_ref().map(Decimal::to_f64).or(v.value)
}

/// The comparator group's aggregate value: its numerators and denominators summed, evaluated by
/// the definition.
fn comparator_value(
    rows: &[InputRow],
    results: &[ResultRow],
    members: &[usize],
    options: &EvaluateOptions,
    def: &Definition,
) -> Result<Option<f64>> {
    if options.comparators.is_empty() {
        return Ok(None);
    }
    let (mut num, mut den, mut any) = (0u64, 0u64, false);
    for &i in members {
        if options.comparators.iter().any(|c| *c == rows[i].area) {
            num = checked_sum(num, results[i].result.numerator, i)?;
            // A count has no denominator (None) and ignores the one passed.
            den = checked_sum(den, results[i].result.denominator.unwrap_or(0), i)?;
            any = true;
        }
    }
    if !any {
        return Ok(None);
    }
    Ok(evaluate_counts(def, num, den, None)?.value)
}

fn checked_sum(a: u64, b: u64, row: usize) -> Result<u64> {
    a.checked_add(b).ok_or(Error::NonFinite {
        field: "sum of counts",
        value: f64::INFINITY,
        at: Location::row(row),
    })
}

/// Sets `direction` and `previous_period` from each area's latest earlier period.
fn direction_of_travel(
    rows: &[InputRow],
    keys: &Keys,
    results: &mut [ResultRow],
    defs: &[&Definition],
    shown: &[Option<f64>],
) {
    let series = |i: usize| (keys.area[i], keys.indicator[i], keys.breakdown[i]);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by_key(|&i| (series(i), keys.period[i]));
    for w in order.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        if series(prev) != series(cur) {
            continue;
        }
        if let (Some(p), Some(c)) = (shown[prev], shown[cur]) {
            results[cur].direction = Some(Direction::of(p, c, defs[cur].polarity));
            results[cur].previous_period = Some(rows[prev].period.clone());
        }
    }
}

/// The text keys of the input rows as integers: equal text, equal integer; periods numbered in
/// text order so that integer order is period order.
struct Keys {
    period: Vec<u32>,
    indicator: Vec<u32>,
    breakdown: Vec<u32>,
    area: Vec<u32>,
}

impl Keys {
    fn of(rows: &[InputRow]) -> Keys {
        fn intern<'a>(
            values: impl Iterator<Item = &'a str>,
            n: usize,
        ) -> (Vec<u32>, HashMap<&'a str, u32>) {
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut out = Vec::with_capacity(n);
            for v in values {
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                out.push(*ids.entry(v).or_insert(next));
            }
            (out, ids)
        }
        let n = rows.len();
        let (mut period, ids) = intern(rows.iter().map(|r| r.period.as_str()), n);
        let mut sorted: Vec<(&str, u32)> = ids.into_iter().collect();
        sorted.sort_unstable();
        let mut rank = vec![0u32; sorted.len()];
        for (k, (_, id)) in sorted.iter().enumerate() {
            rank[*id as usize] = u32::try_from(k).unwrap_or(u32::MAX);
        }
        for p in &mut period {
            *p = rank[*p as usize];
        }
        Keys {
            period,
            indicator: intern(rows.iter().map(|r| r.indicator.as_str()), n).0,
            breakdown: intern(rows.iter().map(|r| r.breakdown.as_deref().unwrap_or("")), n).0,
            area: intern(rows.iter().map(|r| r.area.as_str()), n).0,
        }
    }

    fn group(&self, i: usize) -> (u32, u32, u32) {
        (self.period[i], self.indicator[i], self.breakdown[i])
    }
}

/// A count read from a floating-point input (a JS number; a dataframe column, which holds counts
/// as floats when some are missing): NaN is a missing value (None); any other value must be a
/// whole number from 0 to 2^64 − 1. Used by the faces, so that every face reads counts by the
/// same rule. `row` locates the error.
///
/// # Errors
/// `non_finite` for ±∞, `negative_value` for a number below 0, `invalid_option` for a fraction
/// or a number of 2^64 or more (not a count).
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::evaluate::count_from_f64;
/// assert_eq!(count_from_f64(129.0, "denominator", 0)?, Some(129));
/// assert_eq!(count_from_f64(f64::NAN, "denominator", 0)?, None);
/// let e = count_from_f64(-1.0, "numerator", 3).unwrap_err();
/// assert_eq!((e.code(), e.row()), ("negative_value", Some(3)));
/// assert_eq!(count_from_f64(1.5, "numerator", 0).unwrap_err().code(), "invalid_option");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn count_from_f64(value: f64, field: &'static str, row: usize) -> Result<Option<u64>> {
    // 2^64: the first f64 above u64::MAX.
    const LIMIT: f64 = 18_446_744_073_709_551_616.0;
    if value.is_nan() {
        return Ok(None);
    }
    if value.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value,
            at: Location::row(row),
        });
    }
    if value < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value,
            at: Location::row(row),
        });
    }
    if value.fract() != 0.0 || value >= LIMIT {
        return Err(Error::InvalidOption {
            option: field,
            value: format!("{value} (row {row})"),
            expected: "a count: a whole number from 0 to 2^64 - 1",
        });
    }
    // Whole, non-negative and below 2^64: the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(Some(value as u64))
}

/// Sums input rows into aggregate areas (regions, England): for each (parent, period,
/// indicator, breakdown), numerators, denominators and populations are added. Rows whose area
/// has no parent in `parent_of` are not part of any aggregate. The output is sorted by parent,
/// period, indicator and breakdown.
///
/// # Errors
/// `non_finite` when a sum overflows 64 bits.
///
/// # Examples
///
/// ```
/// use care_outcomes::framework::{aggregate, InputRow};
/// use std::collections::HashMap;
/// let row = |area: &str, n: u64, d: u64| InputRow {
///     area: area.into(), period: "2020-21".into(), indicator: "ascof-legacy/2B1".into(),
///     breakdown: None, numerator: n, denominator: Some(d), population: None,
/// };
/// let parents = HashMap::from([("Leeds".to_string(), "Yorkshire".to_string()),
///                              ("Bradford".to_string(), "Yorkshire".to_string())]);
/// let out = aggregate(&[row("Leeds", 105, 129), row("Bradford", 300, 400)], &parents)?;
/// assert_eq!((out[0].numerator, out[0].denominator), (405, Some(529)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn aggregate<S: std::hash::BuildHasher>(
    rows: &[InputRow],
    parent_of: &HashMap<String, String, S>,
) -> Result<Vec<InputRow>> {
    let mut sums: std::collections::BTreeMap<(String, String, String, Option<String>), InputRow> =
        std::collections::BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(parent) = parent_of.get(&r.area) else {
            continue;
        };
        let key = (
            parent.clone(),
            r.period.clone(),
            r.indicator.clone(),
            r.breakdown.clone(),
        );
        let e = sums.entry(key).or_insert_with(|| InputRow {
            area: parent.clone(),
            period: r.period.clone(),
            indicator: r.indicator.clone(),
            breakdown: r.breakdown.clone(),
            numerator: 0,
            denominator: None,
            population: None,
        });
        e.numerator = checked_sum(e.numerator, r.numerator, i)?;
        if let Some(d) = r.denominator {
            e.denominator = Some(checked_sum(e.denominator.unwrap_or(0), d, i)?);
        }
        if let Some(p) = r.population {
            e.population = Some(checked_sum(e.population.unwrap_or(0), p, i)?);
        }
    }
    Ok(sums.into_values().collect())
}
