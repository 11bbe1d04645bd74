//! Directly standardised rates with Dobson intervals (spec-statistics.md §2.5), including the
//! adjustment for non-independent events.

use crate::error::{Error, Location, Result};
use crate::stats::aggregate::group_rows;
use crate::stats::band::{AgeRange, Standard};
use crate::stats::estimate::{check_lengths, check_multiplier};
use crate::stats::poisson::{byar_lower, byar_upper};
use crate::stats::{Confidence, Estimate, Method, OnUndefined, Reason, defaults};
use libm::sqrt;
use serde::{Deserialize, Serialize};
use std::fmt::Display;
use std::hash::Hash;

/// The total count below which a DSR is suppressed.
pub const DSR_MIN_COUNT: f64 = 10.0;

/// R's statistic text for a suppressed DSR.
pub const DSR_SUPPRESSED_STATISTIC: &str = "dsr NA for total count < 10";

/// Options of the DSR functions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DsrOptions {
    /// Confidence level as a fraction (default 0.95); None gives the value only.
    pub confidence: Option<f64>,
    /// Multiplier m (default 100,000).
    pub multiplier: f64,
    /// The ages the rate covers (default all ages): every standard band inside must appear
    /// exactly once per group.
    pub age_range: AgeRange,
    /// Null with a reason (default) or an error when the rate is undefined.
    pub on_undefined: OnUndefined,
}

impl Default for DsrOptions {
    fn default() -> Self {
        DsrOptions {
            confidence: Some(defaults::CONFIDENCE),
            multiplier: defaults::RATE_MULTIPLIER,
            age_range: AgeRange::ALL,
            on_undefined: OnUndefined::Null,
        }
    }
}

/// A DSR for one group with its totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DsrEstimate {
    /// Value, limits, level, method ("Dobson") and reason.
    pub estimate: Estimate,
    /// Σ of the band counts (reported even when the rate is suppressed).
    pub total_count: f64,
    /// Σ of the band populations.
    pub total_pop: f64,
    /// The statistic text: "dsr per `<m>`", or R's text when suppressed.
    pub statistic: String,
}

struct BandData {
    x: f64,
    n: f64,
    w: f64,
}

fn statistic_label(m: f64) -> String {
    format!("dsr per {}", crate::stats::format_multiplier(m))
}

/// Dobson's method on one group's bands; `v_star` replaces V for non-independent events.
fn dobson(
    bands: &[BandData],
    v_star: Option<f64>,
    conf: Option<Confidence>,
    m: f64,
    on_undefined: OnUndefined,
    at: &Location,
) -> Result<DsrEstimate> {
    let total_count: f64 = bands.iter().map(|b| b.x).sum();
    let total_pop: f64 = bands.iter().map(|b| b.n).sum();
    let w_total: f64 = bands.iter().map(|b| b.w).sum();
    let null = |reason: Reason, statistic: String| -> Result<DsrEstimate> {
        on_undefined.check(reason, at.clone())?;
        Ok(DsrEstimate {
            estimate: Estimate::null(reason, conf),
            total_count,
            total_pop,
            statistic,
        })
    };
    if w_total == 0.0 {
        return Err(Error::InvalidStandard { at: at.clone() });
    }
    if bands.iter().any(|b| b.n.is_nan()) {
        return null(Reason::MissingPopulation, statistic_label(m));
    }
    if bands.iter().any(|b| b.n == 0.0) {
        return null(Reason::ZeroPopulation, statistic_label(m));
    }
    if total_count < DSR_MIN_COUNT {
        return null(Reason::SmallCount, DSR_SUPPRESSED_STATISTIC.to_owned());
    }
    let weighted: f64 = bands.iter().map(|b| b.w * b.x / b.n).sum();
    let value = weighted / w_total * m;
    let (lower, upper) = match conf {
        None => (None, None),
        Some(c) => {
            let v = v_star.unwrap_or_else(|| {
                bands
                    .iter()
                    .map(|b| b.x * b.w * b.w / (b.n * b.n))
                    .sum::<f64>()
                    / (w_total * w_total)
            });
            let o = total_count;
            let scale = m * sqrt(v / o);
            (
                Some(value + scale * (byar_lower(o, &c) - o)),
                Some(value + scale * (byar_upper(o, &c) - o)),
            )
        }
    };
    Ok(DsrEstimate {
        estimate: Estimate {
            value: Some(value),
            lower,
            upper,
            confidence: conf,
            method: Some(if v_star.is_some() {
                Method::DobsonNonIndependent
            } else {
                Method::Dobson
            }),
            reason: None,
        },
        total_count,
        total_pop,
        statistic: statistic_label(m),
    })
}

fn check_band_value(field: &'static str, v: f64, at: Location) -> Result<()> {
    if v.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at,
        });
    }
    if v < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value: v,
            at,
        });
    }
    Ok(())
}

/// Matches one group's band labels to the standard's bands inside the age range.
/// Returns, per standard band in range, the input row index.
fn join_bands(
    rows: &[usize],
    bands: &[&str],
    standard: &Standard,
    range: AgeRange,
    group: &str,
) -> Result<Vec<(usize, usize)>> {
    let in_range = standard.bands_in(range);
    let mut seen: Vec<Option<usize>> = vec![None; standard.bands().len()];
    for &r in rows {
        let at = Location {
            row: Some(r),
            group: Some(group.to_owned()),
        };
        let idx = standard.resolve(bands[r], &at)?;
        if !in_range.contains(&idx) {
            return Err(Error::UnknownBand {
                label: bands[r].to_owned(),
                hint: format!(
                    "the band lies outside the requested age range ({}{})",
                    range.from,
                    range.to.map_or_else(|| "+".to_owned(), |t| format!("-{t}"))
                ),
                at,
            });
        }
        if seen[idx].is_some() {
            return Err(Error::DuplicateBand {
                label: bands[r].to_owned(),
                at,
            });
        }
        seen[idx] = Some(r);
    }
    let mut out = Vec::with_capacity(in_range.len());
    for idx in in_range {
        match seen[idx] {
            Some(r) => out.push((idx, r)),
            None => {
                return Err(Error::MissingBand {
                    label: standard.bands()[idx].0.to_string(),
                    at: Location::group(group),
                });
            }
        }
    }
    Ok(out)
}

/// A DSR for each group: rows carry a group key, a band label, the band's events (NaN counts
/// as 0) and its population; weights come from `standard`, joined by band label.
///
/// Groups come back in order of first appearance. A group with a band population of 0, a
/// missing population or fewer than 10 events in total is null with a reason; other groups are
/// unaffected.
///
/// # Errors
/// `length_mismatch`, `unknown_band`, `duplicate_band`, `missing_band`, `negative_value`,
/// `non_finite`, `invalid_standard`, `invalid_confidence`, `invalid_multiplier`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{dsr_grouped, DsrOptions, Standard, AgeRange};
/// let std = Standard::custom("two bands", &["18-64", "65+"], &[60.0, 40.0])?;
/// let out = dsr_grouped(
///     &["A", "A"], &["18-64", "65+"], &[20.0, 30.0], &[1000.0, 500.0], &std,
///     &DsrOptions { multiplier: 1000.0, ..Default::default() },
/// )?;
/// // (60·20/1000 + 40·30/500) / 100 × 1000 = 36 per 1000
/// assert!((out[0].1.estimate.value.unwrap() - 36.0).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn dsr_grouped<K: Eq + Hash + Clone + Display>(
    groups: &[K],
    bands: &[&str],
    counts: &[f64],
    populations: &[f64],
    standard: &Standard,
    opts: &DsrOptions,
) -> Result<Vec<(K, DsrEstimate)>> {
    check_lengths("bands", groups.len(), bands.len())?;
    check_lengths("counts", groups.len(), counts.len())?;
    check_lengths("populations", groups.len(), populations.len())?;
    let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
    let m = check_multiplier(opts.multiplier)?;
    let mut out = Vec::new();
    for (key, rows) in group_rows(groups) {
        let g = key.to_string();
        let joined = join_bands(&rows, bands, standard, opts.age_range, &g)?;
        let mut data = Vec::with_capacity(joined.len());
        for (idx, r) in joined {
            let at = || Location {
                row: Some(r),
                group: Some(g.clone()),
            };
            check_band_value("count", counts[r], at())?;
            check_band_value("population", populations[r], at())?;
            let x = if counts[r].is_nan() { 0.0 } else { counts[r] };
            data.push(BandData {
                x,
                n: populations[r],
                w: standard.bands()[idx].1,
            });
        }
        let at = Location::group(g.clone());
        out.push((key, dobson(&data, None, conf, m, opts.on_undefined, &at)?));
    }
    Ok(out)
}

/// A DSR for one group (all rows belong to it).
///
/// # Errors
/// As [`dsr_grouped`].
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{dsr, DsrOptions, Standard};
/// let labels = ["0-4","5-9","10-14","15-19","20-24","25-29","30-34","35-39","40-44","45-49",
///               "50-54","55-59","60-64","65-69","70-74","75-79","80-84","85-89","90+"];
/// let counts = [127.,25.,18.,21.,12.,27.,48.,27.,29.,32.,32.,34.,45.,65.,38.,68.,74.,82.,91.];
/// let pops = [636.,558.,609.,543.,384.,594.,669.,843.,660.,576.,606.,522.,426.,273.,300.,288.,153.,123.,207.];
/// let e = dsr(&labels, &counts, &pops, &Standard::esp2013(), &DsrOptions::default())?;
/// assert!((e.estimate.value.unwrap() - 10430.247991469425).abs() < 1e-8);
/// assert_eq!(e.total_count, 895.0);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn dsr(
    bands: &[&str],
    counts: &[f64],
    populations: &[f64],
    standard: &Standard,
    opts: &DsrOptions,
) -> Result<DsrEstimate> {
    let groups = vec![""; bands.len()];
    let mut out = dsr_grouped(&groups, bands, counts, populations, standard, opts)?;
    match out.pop() {
        Some((_, e)) => Ok(e),
        None => Err(Error::EmptyInput {
            what: "a DSR needs at least one band",
        }),
    }
}

/// A DSR with the standard weight given on each row (no band join): for rows that already carry
/// their standard population. Groups come back in order of first appearance.
///
/// # Errors
/// `length_mismatch`, `negative_value`, `non_finite`, `invalid_standard`, `invalid_confidence`,
/// `invalid_multiplier`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{dsr_weighted, DsrOptions};
/// let out = dsr_weighted(&[1, 1], &[20.0, 30.0], &[1000.0, 500.0], &[60.0, 40.0],
///     &DsrOptions { multiplier: 1000.0, ..Default::default() })?;
/// assert!((out[0].1.estimate.value.unwrap() - 36.0).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn dsr_weighted<K: Eq + Hash + Clone + Display>(
    groups: &[K],
    counts: &[f64],
    populations: &[f64],
    weights: &[f64],
    opts: &DsrOptions,
) -> Result<Vec<(K, DsrEstimate)>> {
    check_lengths("counts", groups.len(), counts.len())?;
    check_lengths("populations", groups.len(), populations.len())?;
    check_lengths("weights", groups.len(), weights.len())?;
    let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
    let m = check_multiplier(opts.multiplier)?;
    let mut out = Vec::new();
    for (key, rows) in group_rows(groups) {
        let g = key.to_string();
        let mut data = Vec::with_capacity(rows.len());
        for &r in &rows {
            let at = || Location {
                row: Some(r),
                group: Some(g.clone()),
            };
            check_band_value("count", counts[r], at())?;
            check_band_value("population", populations[r], at())?;
            if weights[r].is_nan() {
                return Err(Error::MissingInput {
                    field: "weight",
                    at: at(),
                });
            }
            check_band_value("weight", weights[r], at())?;
            data.push(BandData {
                x: if counts[r].is_nan() { 0.0 } else { counts[r] },
                n: populations[r],
                w: weights[r],
            });
        }
        let at = Location::group(g.clone());
        out.push((key, dobson(&data, None, conf, m, opts.on_undefined, &at)?));
    }
    Ok(out)
}

/// A DSR with the confidence interval adjusted for non-independent events (one person can have
/// several events). Each row is (group, band, band population, event frequency f, persons with
/// exactly f events). A band's events are Σ f·persons; the variance is
/// V* = (1/W²)·Σ f²·persons·w²/n², with W the group's total standard weight.
///
/// Putting everyone at f = 1 reproduces [`dsr_grouped`] exactly.
///
/// # Errors
/// As [`dsr_grouped`], plus `invalid_event_frequency` (f not a positive integer) and
/// `inconsistent_band_data` (one band given with two populations).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{dsr_non_independent, DsrOptions, Standard};
/// let std = Standard::custom("one band", &["0-120"], &[1.0])?;
/// // 12 people with one event and 4 with two: 20 events in 1000 people.
/// let out = dsr_non_independent(&["A", "A"], &["0-120", "0-120"], &[1000.0, 1000.0],
///     &[1.0, 2.0], &[12.0, 4.0], &std, &DsrOptions { multiplier: 1000.0, ..Default::default() })?;
/// assert!((out[0].1.estimate.value.unwrap() - 20.0).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[allow(clippy::too_many_arguments)]
pub fn dsr_non_independent<K: Eq + Hash + Clone + Display>(
    groups: &[K],
    bands: &[&str],
    populations: &[f64],
    frequencies: &[f64],
    persons: &[f64],
    standard: &Standard,
    opts: &DsrOptions,
) -> Result<Vec<(K, DsrEstimate)>> {
    check_lengths("bands", groups.len(), bands.len())?;
    check_lengths("populations", groups.len(), populations.len())?;
    check_lengths("frequencies", groups.len(), frequencies.len())?;
    check_lengths("persons", groups.len(), persons.len())?;
    let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
    let m = check_multiplier(opts.multiplier)?;
    let in_range = standard.bands_in(opts.age_range);
    let mut out = Vec::new();
    for (key, rows) in group_rows(groups) {
        let g = key.to_string();
        // Per standard band: population, events and the variance term Σ f²·y.
        let nb = standard.bands().len();
        let mut pop: Vec<Option<f64>> = vec![None; nb];
        let mut events = vec![0.0; nb];
        let mut f2y = vec![0.0; nb];
        for &r in &rows {
            let at = Location {
                row: Some(r),
                group: Some(g.clone()),
            };
            let idx = standard.resolve(bands[r], &at)?;
            if !in_range.contains(&idx) {
                return Err(Error::UnknownBand {
                    label: bands[r].to_owned(),
                    hint: "the band lies outside the requested age range".to_owned(),
                    at,
                });
            }
            check_band_value("population", populations[r], at.clone())?;
            check_band_value("persons", persons[r], at.clone())?;
            let f = frequencies[r];
            if !(f.is_finite() && f >= 1.0 && f.fract() == 0.0) {
                return Err(Error::InvalidEventFrequency { value: f, at });
            }
            let n = populations[r];
            match pop[idx] {
                None => pop[idx] = Some(n),
                Some(prev) if prev.to_bits() == n.to_bits() => {}
                Some(prev) => {
                    return Err(Error::InconsistentBandData {
                        label: bands[r].to_owned(),
                        detail: format!("population {prev} and {n}"),
                        at,
                    });
                }
            }
            let y = if persons[r].is_nan() { 0.0 } else { persons[r] };
            events[idx] += f * y;
            f2y[idx] += f * f * y;
        }
        let mut data = Vec::with_capacity(in_range.len());
        let mut v_num = 0.0;
        for &idx in &in_range {
            let Some(n) = pop[idx] else {
                return Err(Error::MissingBand {
                    label: standard.bands()[idx].0.to_string(),
                    at: Location::group(g.clone()),
                });
            };
            let w = standard.bands()[idx].1;
            if n > 0.0 {
                v_num += f2y[idx] * w * w / (n * n);
            }
            data.push(BandData {
                x: events[idx],
                n,
                w,
            });
        }
        let w_total: f64 = data.iter().map(|b| b.w).sum();
        let v_star = v_num / (w_total * w_total);
        let at = Location::group(g.clone());
        out.push((
            key,
            dobson(&data, Some(v_star), conf, m, opts.on_undefined, &at)?,
        ));
    }
    Ok(out)
}
