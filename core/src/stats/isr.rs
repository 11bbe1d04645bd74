//! Indirectly standardised ratios and rates (spec-statistics.md §2.6).

use crate::error::{Error, Location, Result};
use crate::stats::aggregate::group_rows;
use crate::stats::band::BandKey;
use crate::stats::estimate::{check_lengths, check_multiplier};
use crate::stats::poisson::count_interval;
use crate::stats::{Estimate, OnUndefined, PoissonMethod, Reason, defaults};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::Hash;

/// Reference (e.g. England) band counts and populations, keyed by band label.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::IsrReference;
/// let r = IsrReference::new(&["0-64", "65+"], &[100.0, f64::NAN], &[10_000.0, 2_000.0])?;
/// assert_eq!(r.len(), 2);
/// assert_eq!(IsrReference::new(&["0-64"], &[1.0], &[0.0]).unwrap_err().code(), "invalid_reference");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IsrReference {
    bands: Vec<(BandKey, f64, f64)>,
}

impl IsrReference {
    /// Builds a reference from labels, counts (NaN counts as 0) and populations (each > 0).
    ///
    /// # Errors
    /// `length_mismatch`, `empty_input`, `duplicate_band`, `negative_value`, `non_finite`,
    /// `invalid_reference`.
    pub fn new(bands: &[&str], counts: &[f64], populations: &[f64]) -> Result<IsrReference> {
        check_lengths("reference counts", bands.len(), counts.len())?;
        check_lengths("reference populations", bands.len(), populations.len())?;
        if bands.is_empty() {
            return Err(Error::EmptyInput {
                what: "an ISR reference needs at least one band",
            });
        }
        let mut out: Vec<(BandKey, f64, f64)> = Vec::with_capacity(bands.len());
        for (i, label) in bands.iter().enumerate() {
            let at = Location::row(i);
            let key = BandKey::parse(label);
            if out.iter().any(|(k, _, _)| *k == key) {
                return Err(Error::DuplicateBand {
                    label: (*label).to_owned(),
                    at,
                });
            }
            let c = counts[i];
            if c.is_infinite() {
                return Err(Error::NonFinite {
                    field: "reference count",
                    value: c,
                    at,
                });
            }
            if c < 0.0 {
                return Err(Error::NegativeValue {
                    field: "reference count",
                    value: c,
                    at,
                });
            }
            let p = populations[i];
            if p.is_infinite() {
                return Err(Error::NonFinite {
                    field: "reference population",
                    value: p,
                    at,
                });
            }
            if !(p > 0.0) {
                return Err(Error::InvalidReference { value: p, at });
            }
            out.push((key, if c.is_nan() { 0.0 } else { c }, p));
        }
        Ok(IsrReference { bands: out })
    }

    /// Number of bands.
    pub fn len(&self) -> usize {
        self.bands.len()
    }

    /// True when there are no bands (never, for a constructed reference).
    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    fn resolve(&self, label: &str, at: &Location) -> Result<usize> {
        let key = BandKey::parse(label);
        self.bands
            .iter()
            .position(|(k, _, _)| key.matches(k))
            .ok_or_else(|| Error::UnknownBand {
                label: label.to_owned(),
                hint: "the band is not in the reference data".to_owned(),
                at: at.clone(),
            })
    }
}

/// Ratio (observed ÷ expected) or rate (ratio × the reference rate).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IsrKind {
    /// O/E × `refvalue` (1 by default; 100 for an SMR on the 100 scale).
    Ratio {
        /// The reference value r.
        refvalue: f64,
    },
    /// O/E × the reference rate m·Σx_ref/Σn_ref.
    Rate {
        /// The multiplier m (default 100,000).
        multiplier: f64,
    },
}

/// Options of [`isr_grouped`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IsrOptions {
    /// Ratio or rate.
    pub kind: IsrKind,
    /// Confidence level as a fraction (default 0.95); None gives the value only.
    pub confidence: Option<f64>,
    /// Interval on O (default: exact below 10, Byar from 10).
    pub method: PoissonMethod,
    /// Null with a reason (default) or an error when the ratio is undefined.
    pub on_undefined: OnUndefined,
}

impl IsrOptions {
    /// Default options for a ratio (r = 1).
    pub fn ratio() -> Self {
        IsrOptions {
            kind: IsrKind::Ratio {
                refvalue: defaults::ISR_REFVALUE,
            },
            confidence: Some(defaults::CONFIDENCE),
            method: PoissonMethod::Byar,
            on_undefined: OnUndefined::Null,
        }
    }

    /// Default options for a rate (per 100,000).
    pub fn rate() -> Self {
        IsrOptions {
            kind: IsrKind::Rate {
                multiplier: defaults::RATE_MULTIPLIER,
            },
            ..Self::ratio()
        }
    }
}

/// Where the observed total O of each group comes from.
#[derive(Debug, Clone, Copy)]
pub enum Observed<'a, K> {
    /// Σ of per-row band counts (NaN counts as 0).
    BandCounts(&'a [f64]),
    /// One total per group: (key, O). A missing total (NaN) nulls the group.
    Totals(&'a [(K, f64)]),
}

/// An ISR for one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IsrEstimate {
    /// Value, limits, level, method ("Exact"/"Byars") and reason.
    pub estimate: Estimate,
    /// Observed events O.
    pub observed: f64,
    /// Expected events E = Σ n_b·x_ref,b/n_ref,b.
    pub expected: f64,
    /// The reference rate (rates only).
    pub ref_rate: Option<f64>,
    /// `"indirectly standardised ratio x <r>"` or `"indirectly standardised rate per <m>"`.
    pub statistic: String,
}

/// Indirectly standardised ratios or rates per group: each row is (group, band label, local
/// population); `observed` gives O by band counts or by group totals; the reference is joined
/// by band label.
///
/// # Errors
/// `length_mismatch`, `unknown_band`, `duplicate_band`, `negative_value`, `non_finite`,
/// `invalid_confidence`, `invalid_multiplier`; `undefined_statistic` with
/// `on_undefined = Error`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{isr_grouped, IsrOptions, IsrReference, Observed};
/// let r = IsrReference::new(&["0-64", "65+"], &[100.0, 400.0], &[10_000.0, 2_000.0])?;
/// let out = isr_grouped(&["A", "A"], &["0-64", "65+"], &[1000.0, 100.0],
///     &Observed::BandCounts(&[15.0, 25.0]), &r, &IsrOptions::ratio())?;
/// let e = &out[0].1;
/// assert_eq!(e.expected, 30.0); // 1000·0.01 + 100·0.2
/// assert!((e.estimate.value.unwrap() - 40.0 / 30.0).abs() < 1e-15);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn isr_grouped<K: Eq + Hash + Clone + Display>(
    groups: &[K],
    bands: &[&str],
    populations: &[f64],
    observed: &Observed<'_, K>,
    reference: &IsrReference,
    opts: &IsrOptions,
) -> Result<Vec<(K, IsrEstimate)>> {
    check_lengths("bands", groups.len(), bands.len())?;
    check_lengths("populations", groups.len(), populations.len())?;
    if let Observed::BandCounts(c) = *observed {
        check_lengths("counts", groups.len(), c.len())?;
    }
    let conf = crate::stats::confidence::confidence_opt(opts.confidence)?;
    let (scale_label, r_or_m) = match opts.kind {
        IsrKind::Ratio { refvalue } => {
            let r = check_multiplier(refvalue)?;
            (
                format!(
                    "indirectly standardised ratio x {}",
                    crate::stats::format_multiplier(r)
                ),
                r,
            )
        }
        IsrKind::Rate { multiplier } => {
            let m = check_multiplier(multiplier)?;
            (
                format!(
                    "indirectly standardised rate per {}",
                    crate::stats::format_multiplier(m)
                ),
                m,
            )
        }
    };
    let totals: Option<HashMap<&K, f64>> = match *observed {
        Observed::Totals(t) => Some(t.iter().map(|(k, v)| (k, *v)).collect()),
        Observed::BandCounts(_) => None,
    };
    let mut out = Vec::new();
    for (key, rows) in group_rows(groups) {
        let g = key.to_string();
        let mut seen = vec![false; reference.len()];
        let mut expected = 0.0;
        let mut o_sum = 0.0;
        let mut ref_x = 0.0;
        let mut ref_n = 0.0;
        for &r in &rows {
            let at = Location {
                row: Some(r),
                group: Some(g.clone()),
            };
            let idx = reference.resolve(bands[r], &at)?;
            if seen[idx] {
                return Err(Error::DuplicateBand {
                    label: bands[r].to_owned(),
                    at,
                });
            }
            seen[idx] = true;
            let n = populations[r];
            check_value("population", n, &at)?;
            let (_, xr, nr) = reference.bands[idx];
            if !n.is_nan() {
                expected += n * xr / nr;
            }
            ref_x += xr;
            ref_n += nr;
            if let Observed::BandCounts(c) = *observed {
                check_value("count", c[r], &at)?;
                if !c[r].is_nan() {
                    o_sum += c[r];
                }
            }
        }
        let o = match &totals {
            None => o_sum,
            Some(t) => {
                let v = t.get(&key).copied().unwrap_or(f64::NAN);
                check_value("observed total", v, &Location::group(g.clone()))?;
                v
            }
        };
        let ref_rate = match opts.kind {
            IsrKind::Rate { .. } => Some(r_or_m * ref_x / ref_n),
            IsrKind::Ratio { .. } => None,
        };
        let factor = ref_rate.unwrap_or(r_or_m);
        let at = Location::group(g.clone());
        let estimate = if o.is_nan() {
            opts.on_undefined.check(Reason::MissingInput, at)?;
            Estimate::null(Reason::MissingInput, conf)
        } else if expected == 0.0 {
            opts.on_undefined.check(Reason::ZeroExpected, at)?;
            Estimate::null(Reason::ZeroExpected, conf)
        } else {
            let (lower, upper, method) = match conf {
                Some(c) => {
                    let (l, u, m) = count_interval(o, &c, opts.method);
                    (Some(l / expected * factor), Some(u / expected * factor), m)
                }
                None => (
                    None,
                    None,
                    crate::stats::poisson::count_method(o, opts.method),
                ),
            };
            Estimate {
                value: Some(o / expected * factor),
                lower,
                upper,
                confidence: conf,
                method: Some(method),
                reason: None,
            }
        };
        out.push((
            key,
            IsrEstimate {
                estimate,
                observed: o,
                expected,
                ref_rate,
                statistic: scale_label.clone(),
            },
        ));
    }
    Ok(out)
}

fn check_value(field: &'static str, v: f64, at: &Location) -> Result<()> {
    if v.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at: at.clone(),
        });
    }
    if v < 0.0 {
        return Err(Error::NegativeValue {
            field,
            value: v,
            at: at.clone(),
        });
    }
    Ok(())
}
