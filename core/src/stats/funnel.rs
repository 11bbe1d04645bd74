//! Funnel plot limits, axis points and significance for proportions, ratios and rates
//! (spec-statistics.md §2.7). Limits use exact gamma quantiles, not the peers' bisection.
//!
//! Funnels always use two fixed levels: 2σ (95%, p = 0.975) and 3σ (99.8%, p = 0.999).

use crate::error::{Error, Location, Result};
use crate::stats::distribution::{gamma_quantile, gamma_upper_quantile};
use crate::stats::estimate::{check_lengths, check_multiplier};
use crate::stats::poisson::count_interval;
use crate::stats::{Confidence, PoissonMethod};
use libm::{ceil, floor, pow, sqrt};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Number of points on a funnel's limit lines.
pub const FUNNEL_POINTS: usize = 100;

/// The two funnel levels: (95%, 99.8%).
///
/// # Panics
/// Never: both levels are valid fractions.
pub fn funnel_levels() -> (Confidence, Confidence) {
    (
        Confidence::new(0.95).expect("valid level"),
        Confidence::new(0.998).expect("valid level"),
    )
}

/// A record's position against the funnel limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelSignificance {
    /// Above the 99.8% limit.
    High001,
    /// Above the 95% limit only.
    High025,
    /// Below the 99.8% limit.
    Low001,
    /// Below the 95% limit only.
    Low025,
    /// Inside the 95% limits.
    NotSignificant,
    /// DSR with fewer than 10 events.
    NotApplicable,
}

impl FunnelSignificance {
    /// The label R prints ("High (0.001)", ...).
    pub fn label(self) -> &'static str {
        match self {
            FunnelSignificance::High001 => "High (0.001)",
            FunnelSignificance::High025 => "High (0.025)",
            FunnelSignificance::Low001 => "Low (0.001)",
            FunnelSignificance::Low025 => "Low (0.025)",
            FunnelSignificance::NotSignificant => "Not significant",
            FunnelSignificance::NotApplicable => "Not applicable for events less than 10 for dsrs",
        }
    }
}

impl fmt::Display for FunnelSignificance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[allow(clippy::fn_params_excessive_bools)] // four comparisons, named at each call
fn classify(low3: bool, low2: bool, high3: bool, high2: bool) -> FunnelSignificance {
    if low3 {
        FunnelSignificance::Low001
    } else if high3 {
        FunnelSignificance::High001
    } else if low2 {
        FunnelSignificance::Low025
    } else if high2 {
        FunnelSignificance::High025
    } else {
        FunnelSignificance::NotSignificant
    }
}

/// Unclamped proportion funnel limits on the natural scale at population N:
/// av ∓ z·√(av(1 − av)/N).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{proportion_funnel_limits, Confidence};
/// let (lo, hi) = proportion_funnel_limits(0.2, 100.0, &Confidence::new(0.95)?);
/// assert!((lo * 100.0 - 12.160144061839784).abs() < 1e-12);
/// assert!((hi * 100.0 - 27.839855938160218).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn proportion_funnel_limits(av: f64, population: f64, conf: &Confidence) -> (f64, f64) {
    let half = conf.z() * sqrt(av * (1.0 - av) / population);
    (av - half, av + half)
}

/// The expected counts at which an observed count O sits on a ratio funnel's limits:
/// (E_hi, E_lo) = (G⁻¹(1 − q; O + 1), G⁻¹(q; O)), q = (1 − c)/2. The lower limit is O/E_hi and
/// the upper O/E_lo.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{ratio_funnel_expected, Confidence};
/// let (e_hi, e_lo) = ratio_funnel_expected(5.0, &Confidence::new(0.95)?);
/// assert!((5.0 / e_hi - 0.42851025887928308).abs() < 1e-12);
/// assert!((5.0 / e_lo - 3.0797917558368255).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn ratio_funnel_expected(observed: f64, conf: &Confidence) -> (f64, f64) {
    let q = conf.tail();
    (
        gamma_upper_quantile(observed + 1.0, q),
        gamma_quantile(observed, q),
    )
}

/// Proportion funnel limits at one population for the faces: (lower, upper) × m at level
/// `confidence`, unclamped (as the spec's vectors give them) or clamped to [0, m].
///
/// # Errors
/// `invalid_confidence`, `invalid_multiplier`, `non_finite`, `nonpositive_denominator` for a
/// population ≤ 0, `invalid_option` for an average outside [0, 1].
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::proportion_funnel_point;
/// let (lo, _) = proportion_funnel_point(0.05, 50.0, 0.95, 100.0, false)?;
/// assert!(lo < 0.0);
/// let (lo, _) = proportion_funnel_point(0.05, 50.0, 0.95, 100.0, true)?;
/// assert_eq!(lo, 0.0);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn proportion_funnel_point(
    average: f64,
    population: f64,
    confidence: f64,
    multiplier: f64,
    clamp: bool,
) -> Result<(f64, f64)> {
    let conf = Confidence::new(confidence)?;
    let m = check_multiplier(multiplier)?;
    if !(0.0..=1.0).contains(&average) {
        return Err(Error::InvalidOption {
            option: "average",
            value: average.to_string(),
            expected: "a proportion between 0 and 1",
        });
    }
    check_record("population", population, 0, true)?;
    let (l, u) = proportion_funnel_limits(average, population, &conf);
    Ok(if clamp {
        (l.clamp(0.0, 1.0) * m, u.clamp(0.0, 1.0) * m)
    } else {
        (l * m, u * m)
    })
}

/// A ratio funnel's limits at one observed count, for the faces.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RatioFunnelPoint {
    /// E_hi: the expected count at which the lower limit is plotted.
    pub expected_high: f64,
    /// E_lo: the expected count at which the upper limit is plotted.
    pub expected_low: f64,
    /// O/E_hi.
    pub lower: f64,
    /// O/E_lo.
    pub upper: f64,
}

/// [`ratio_funnel_expected`] with validation and the limits themselves.
///
/// # Errors
/// `invalid_confidence`, `missing_input`, `non_finite`, `negative_value`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::ratio_funnel_point;
/// let p = ratio_funnel_point(1.0, 0.998)?;
/// assert!((p.upper - 999.49991662497357).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn ratio_funnel_point(observed: f64, confidence: f64) -> Result<RatioFunnelPoint> {
    let conf = Confidence::new(confidence)?;
    check_record("observed", observed, 0, false)?;
    let (h, l) = ratio_funnel_expected(observed, &conf);
    Ok(RatioFunnelPoint {
        expected_high: h,
        expected_low: l,
        lower: observed / h,
        upper: if observed == 0.0 { 0.0 } else { observed / l },
    })
}

fn digits(y: f64) -> i32 {
    // Number of decimal digits of the non-negative integer y (1 for 0).
    let mut d = 1;
    let mut v = y;
    while v >= 10.0 {
        v = floor(v / 10.0);
        d += 1;
    }
    d
}

fn pow10(k: i32) -> f64 {
    let mut p = 1.0;
    for _ in 0..k.unsigned_abs() {
        p *= 10.0;
    }
    p
}

fn scale_down(y: f64, k: i32) -> f64 {
    if k >= 0 { y / pow10(k) } else { y * pow10(-k) }
}

fn scale_up(y: f64, k: i32) -> f64 {
    if k >= 0 { y * pow10(k) } else { y / pow10(-k) }
}

/// ⌊y⌋ to one significant figure, rounding down.
fn floor1(y: f64) -> f64 {
    if y <= 0.0 {
        return 0.0;
    }
    let k = digits(floor(y)) - 1;
    scale_up(floor(scale_down(y, k)), k)
}

/// y to two significant figures, rounding up.
fn ceil2(y: f64) -> f64 {
    let k = digits(ceil(y)) - 2;
    scale_up(ceil(scale_down(y, k)), k)
}

fn axis_range(dmin: f64, dmax: f64) -> (f64, f64) {
    let lo = if dmax > 2.0 * dmin {
        0.0
    } else {
        floor1(0.95 * dmin)
    };
    (lo, ceil2(1.05 * dmax))
}

/// The 100 axis points between `axis_min` and `axis_max` (geometric, at least 1 apart);
/// `ratio` shifts the exponent as the spec says for ratio funnels.
fn axis_points(axis_min: f64, axis_max: f64, ratio: bool) -> Vec<f64> {
    let mut t = Vec::with_capacity(FUNNEL_POINTS);
    t.push(axis_min.max(1.0));
    for j in 2..=FUNNEL_POINTS {
        let s = if ratio { j - 1 } else { j } as f64;
        let prev = t[j - 2];
        let step = pow(axis_max / prev, 1.0 / (101.0 - s)) * prev;
        t.push(step.round_ties_even().max(prev + 1.0));
    }
    t
}

fn check_record(field: &'static str, v: f64, i: usize, positive: bool) -> Result<()> {
    check_value(field, v, positive, Location::row(i))
}

/// `missing_input` for NaN, `non_finite`, then `nonpositive_denominator` (when `positive`) or
/// `negative_value`.
fn check_value(field: &'static str, v: f64, positive: bool, at: Location) -> Result<()> {
    if v.is_nan() {
        return Err(Error::MissingInput { field, at });
    }
    if v.is_infinite() {
        return Err(Error::NonFinite {
            field,
            value: v,
            at,
        });
    }
    if positive && v <= 0.0 {
        return Err(Error::NonpositiveDenominator { value: v, at });
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

/// One row of a proportion funnel's limits (clamped to [0, m]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProportionFunnelRow {
    /// The population N.
    pub population: f64,
    /// 95% lower limit × m.
    pub lower_2s_limit: f64,
    /// 95% upper limit × m.
    pub upper_2s_limit: f64,
    /// 99.8% lower limit × m.
    pub lower_3s_limit: f64,
    /// 99.8% upper limit × m.
    pub upper_3s_limit: f64,
}

/// A proportion funnel: baseline, limit lines and each record's significance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProportionFunnel {
    /// av·m.
    pub baseline: f64,
    /// The 100 rows of limits.
    pub limits: Vec<ProportionFunnelRow>,
    /// Per record.
    pub significance: Vec<FunnelSignificance>,
}

/// A proportion funnel from records (x_i of n_i), multiplier m (100 for percentages).
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `nonpositive_denominator`,
/// `negative_value`, `non_finite`, `numerator_exceeds_denominator`, `invalid_multiplier`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_proportions, FunnelSignificance};
/// let f = funnel_proportions(&[10.0, 50.0, 90.0], &[100.0, 100.0, 100.0], 100.0)?;
/// assert_eq!(f.baseline, 50.0);
/// assert_eq!(f.significance[0], FunnelSignificance::Low001);
/// assert_eq!(f.significance[1], FunnelSignificance::NotSignificant);
/// assert_eq!(f.limits.len(), 100);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_proportions(x: &[f64], n: &[f64], multiplier: f64) -> Result<ProportionFunnel> {
    check_lengths("denominator", x.len(), n.len())?;
    if x.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    let m = check_multiplier(multiplier)?;
    let (mut sx, mut sn) = (0.0, 0.0);
    for i in 0..x.len() {
        check_record("numerator", x[i], i, false)?;
        check_record("denominator", n[i], i, true)?;
        if x[i] > n[i] {
            return Err(Error::NumeratorExceedsDenominator {
                numerator: x[i],
                denominator: n[i],
                at: Location::row(i),
            });
        }
        sx += x[i];
        sn += n[i];
    }
    let av = sx / sn;
    let (c2, c3) = funnel_levels();
    let dmin = n.iter().copied().fold(f64::INFINITY, f64::min);
    let dmax = n.iter().copied().fold(0.0, f64::max);
    let (lo, hi) = axis_range(dmin, dmax);
    let limits = axis_points(lo, hi, false)
        .into_iter()
        .map(|pop| {
            let (l2, u2) = proportion_funnel_limits(av, pop, &c2);
            let (l3, u3) = proportion_funnel_limits(av, pop, &c3);
            ProportionFunnelRow {
                population: pop,
                lower_2s_limit: l2.clamp(0.0, 1.0) * m,
                upper_2s_limit: u2.clamp(0.0, 1.0) * m,
                lower_3s_limit: l3.clamp(0.0, 1.0) * m,
                upper_3s_limit: u3.clamp(0.0, 1.0) * m,
            }
        })
        .collect();
    let significance = x
        .iter()
        .zip(n)
        .map(|(&xi, &ni)| {
            let p = xi / ni;
            let (l2, u2) = proportion_funnel_limits(av, ni, &c2);
            let (l3, u3) = proportion_funnel_limits(av, ni, &c3);
            classify(p < l3, p < l2, p > u3, p > u2)
        })
        .collect();
    Ok(ProportionFunnel {
        baseline: av * m,
        limits,
        significance,
    })
}

/// How ratio funnel limits are expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioType {
    /// Observed ÷ expected (baseline 1).
    #[default]
    Ratio,
    /// Observed ÷ expected − 1 ("count").
    Count,
    /// Observed ÷ expected × 100 ("isr").
    Isr,
}

string_codes! {
    RatioType: option "ratio_type", expected "\"ratio\", \"count\", \"isr\"" {
        Ratio = "ratio",
        Count = "count",
        Isr = "isr",
    }
}

impl RatioType {
    fn apply(self, r: f64) -> f64 {
        match self {
            RatioType::Ratio => r,
            RatioType::Count => r - 1.0,
            RatioType::Isr => r * 100.0,
        }
    }
}

/// One row of a ratio funnel's limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RatioFunnelRow {
    /// The observed count O on the axis.
    pub observed_events: f64,
    /// E_hi at 95%: where the lower 95% limit is plotted.
    pub lower_2s_exp_events: f64,
    /// O/E_hi at 95% (transformed by the ratio type).
    pub lower_2s_limit: f64,
    /// E_lo at 95%.
    pub upper_2s_exp_events: f64,
    /// O/E_lo at 95%.
    pub upper_2s_limit: f64,
    /// E_hi at 99.8%.
    pub lower_3s_exp_events: f64,
    /// O/E_hi at 99.8%.
    pub lower_3s_limit: f64,
    /// E_lo at 99.8%.
    pub upper_3s_exp_events: f64,
    /// O/E_lo at 99.8%.
    pub upper_3s_limit: f64,
}

/// A ratio funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatioFunnel {
    /// The baseline (1, 0 for count, 100 for isr).
    pub baseline: f64,
    /// The 100 rows of limits.
    pub limits: Vec<RatioFunnelRow>,
    /// Per record.
    pub significance: Vec<FunnelSignificance>,
}

/// The significance of one observed/expected pair: the interval of O/E (exact below 10, Byar
/// from 10) at 99.8% and then 95%; High when its lower limit is above 1, Low when its upper limit
/// is below 1.
///
/// # Examples
///
/// # Errors
/// `missing_input` (NaN), `non_finite`, `negative_value` (observed below 0),
/// `nonpositive_denominator` (expected ≤ 0).
///
/// ```
/// use care_outcomes::stats::{ratio_significance, FunnelSignificance};
/// assert_eq!(ratio_significance(151.0, 106.4429719)?, FunnelSignificance::High001);
/// assert_eq!(ratio_significance(8.0, 6.239860227)?, FunnelSignificance::NotSignificant);
/// assert_eq!(ratio_significance(0.0, 5.0)?, FunnelSignificance::Low025);
/// assert_eq!(ratio_significance(3.0, 0.0).unwrap_err().code(), "nonpositive_denominator");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn ratio_significance(observed: f64, expected: f64) -> Result<FunnelSignificance> {
    check_value("observed", observed, false, Location::NONE)?;
    check_value("expected", expected, true, Location::NONE)?;
    Ok(ratio_significance_checked(observed, expected))
}

/// [`ratio_significance`] of a pair already checked.
fn ratio_significance_checked(observed: f64, expected: f64) -> FunnelSignificance {
    let (c2, c3) = funnel_levels();
    let (l2, u2, _) = count_interval(observed, &c2, PoissonMethod::Byar);
    let (l3, u3, _) = count_interval(observed, &c3, PoissonMethod::Byar);
    classify(
        u3 / expected < 1.0,
        u2 / expected < 1.0,
        l3 / expected > 1.0,
        l2 / expected > 1.0,
    )
}

/// A ratio funnel from records (observed O_i, expected E_i).
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `nonpositive_denominator`,
/// `negative_value`, `non_finite`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_ratios, RatioType};
/// let f = funnel_ratios(&[8.0, 151.0, 159.0], &[6.239860227, 106.4429719, 232.9329036], RatioType::Ratio)?;
/// assert_eq!(f.significance[1].label(), "High (0.001)");
/// assert_eq!(f.significance[2].label(), "Low (0.001)");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_ratios(
    observed: &[f64],
    expected: &[f64],
    ratio_type: RatioType,
) -> Result<RatioFunnel> {
    check_lengths("expected", observed.len(), expected.len())?;
    if observed.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    for i in 0..observed.len() {
        check_record("observed", observed[i], i, false)?;
        check_record("expected", expected[i], i, true)?;
    }
    let (c2, c3) = funnel_levels();
    let dmin = expected.iter().copied().fold(f64::INFINITY, f64::min);
    let dmax = expected.iter().copied().fold(0.0, f64::max);
    let (lo, hi) = axis_range(dmin, dmax);
    let limits = axis_points(lo, hi, true)
        .into_iter()
        .map(|o| {
            let (h2, l2) = ratio_funnel_expected(o, &c2);
            let (h3, l3) = ratio_funnel_expected(o, &c3);
            RatioFunnelRow {
                observed_events: o,
                lower_2s_exp_events: h2,
                lower_2s_limit: ratio_type.apply(o / h2),
                upper_2s_exp_events: l2,
                upper_2s_limit: ratio_type.apply(o / l2),
                lower_3s_exp_events: h3,
                lower_3s_limit: ratio_type.apply(o / h3),
                upper_3s_exp_events: l3,
                upper_3s_limit: ratio_type.apply(o / l3),
            }
        })
        .collect();
    let significance = observed
        .iter()
        .zip(expected)
        .map(|(&o, &e)| ratio_significance_checked(o, e))
        .collect();
    Ok(RatioFunnel {
        baseline: ratio_type.apply(1.0),
        limits,
        significance,
    })
}

/// Whether a rate funnel's rates are directly standardised or crude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateType {
    /// Directly standardised rates (records with < 10 events are not assessed).
    Dsr,
    /// Crude rates.
    Crude,
}

string_codes! {
    RateType: option "rate_type", expected "\"dsr\", \"crude\"" {
        Dsr = "dsr",
        Crude = "crude",
    }
}

/// One row of a rate funnel's limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateFunnelRow {
    /// The event count e on the axis.
    pub events: f64,
    /// Population (per year) at which the lower 95% limit is plotted.
    pub lower_2s_population_1_year: f64,
    /// Lower 95% limit (per m).
    pub lower_2s_limit: f64,
    /// Population (per year) of the upper 95% limit.
    pub upper_2s_population_1_year: f64,
    /// Upper 95% limit.
    pub upper_2s_limit: f64,
    /// Population (per year) of the lower 99.8% limit.
    pub lower_3s_population_1_year: f64,
    /// Lower 99.8% limit.
    pub lower_3s_limit: f64,
    /// Population (per year) of the upper 99.8% limit.
    pub upper_3s_population_1_year: f64,
    /// Upper 99.8% limit.
    pub upper_3s_limit: f64,
}

/// Where one record sits on a rate funnel chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateFunnelPoint {
    /// The rate to plot (None for a DSR with fewer than 10 events).
    pub rate_chart: Option<f64>,
    /// The derived denominator per year (None likewise).
    pub denominator_derived: Option<f64>,
}

/// A rate funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateFunnel {
    /// av·m.
    pub baseline: f64,
    /// The 100 rows of limits.
    pub limits: Vec<RateFunnelRow>,
    /// Per record.
    pub significance: Vec<FunnelSignificance>,
    /// Per record.
    pub points: Vec<RateFunnelPoint>,
}

/// A rate funnel from records (events a_i, rate_i per m, optional population), with the derived
/// denominator D_i = m·a_i/rate_i.
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `nonpositive_denominator`,
/// `negative_value`, `non_finite`, `missing_denominator`, `invalid_multiplier`.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_rates, RateType};
/// let f = funnel_rates(&[50.0, 200.0, 30.0], &[500.0, 400.0, 600.0], None, RateType::Crude, 1.0, 100_000.0)?;
/// assert_eq!(f.limits.len(), 100);
/// assert_eq!(f.points[0].denominator_derived, Some(10_000.0));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_rates(
    events: &[f64],
    rates: &[f64],
    populations: Option<&[f64]>,
    rate_type: RateType,
    years_of_data: f64,
    multiplier: f64,
) -> Result<RateFunnel> {
    check_lengths("rates", events.len(), rates.len())?;
    if let Some(p) = populations {
        check_lengths("populations", events.len(), p.len())?;
    }
    if events.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    if !(years_of_data.is_finite() && years_of_data > 0.0) {
        return Err(Error::InvalidOption {
            option: "years_of_data",
            value: years_of_data.to_string(),
            expected: "a finite number greater than 0",
        });
    }
    let m = check_multiplier(multiplier)?;
    let mut derived: Vec<Option<f64>> = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        check_record("events", events[i], i, false)?;
        let a = events[i];
        if a == 0.0 {
            match rate_type {
                RateType::Dsr => derived.push(None),
                RateType::Crude => {
                    let p = populations.map_or(f64::NAN, |p| p[i]);
                    if p.is_nan() {
                        return Err(Error::MissingDenominator {
                            at: Location::row(i),
                        });
                    }
                    check_record("population", p, i, true)?;
                    derived.push(Some(p));
                }
            }
        } else {
            check_record("rate", rates[i], i, true)?;
            derived.push(Some(m * a / rates[i]));
        }
    }
    let (mut sa, mut sd) = (0.0, 0.0);
    let (mut dmin, mut dmax) = (f64::INFINITY, 0.0_f64);
    for (i, d) in derived.iter().enumerate() {
        if let Some(d) = d {
            sa += events[i];
            sd += d;
            dmin = dmin.min(d / years_of_data);
            dmax = dmax.max(d / years_of_data);
        }
    }
    if sd == 0.0 {
        return Err(Error::EmptyInput {
            what: "a rate funnel needs at least one record with events",
        });
    }
    let av = sa / sd;
    let (lo, hi) = axis_range(dmin, dmax);
    let (lo, hi) = (
        floor(lo * years_of_data * av),
        ceil(hi * years_of_data * av),
    );
    let (c2, c3) = funnel_levels();
    let limits = axis_points(lo, hi, false)
        .into_iter()
        .map(|e| {
            let (h2, l2) = ratio_funnel_expected(e, &c2);
            let (h3, l3) = ratio_funnel_expected(e, &c3);
            RateFunnelRow {
                events: e,
                lower_2s_population_1_year: h2 / av / years_of_data,
                lower_2s_limit: av * m * e / h2,
                upper_2s_population_1_year: l2 / av / years_of_data,
                upper_2s_limit: av * m * e / l2,
                lower_3s_population_1_year: h3 / av / years_of_data,
                lower_3s_limit: av * m * e / h3,
                upper_3s_population_1_year: l3 / av / years_of_data,
                upper_3s_limit: av * m * e / l3,
            }
        })
        .collect();
    let mut significance = Vec::with_capacity(events.len());
    let mut points = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        let a = events[i];
        if rate_type == RateType::Dsr && a < 10.0 {
            significance.push(FunnelSignificance::NotApplicable);
            points.push(RateFunnelPoint {
                rate_chart: None,
                denominator_derived: None,
            });
            continue;
        }
        let d = derived[i].unwrap_or(f64::NAN);
        let (l2, u2, _) = count_interval(a, &c2, PoissonMethod::Byar);
        let (l3, u3, _) = count_interval(a, &c3, PoissonMethod::Byar);
        significance.push(classify(u3 / d < av, u2 / d < av, l3 / d > av, l2 / d > av));
        points.push(RateFunnelPoint {
            rate_chart: Some(if a == 0.0 { 0.0 } else { rates[i] }),
            denominator_derived: Some(d / years_of_data),
        });
    }
    Ok(RateFunnel {
        baseline: av * m,
        limits,
        significance,
        points,
    })
}

/// Whether a proportion funnel's limits are widened for overdispersion (spec-economics-spc.md
/// §8.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overdispersion {
    /// Unadjusted limits (PowerBI-Funnels' default; PHEindicatormethods has no adjustment).
    #[default]
    Off,
    /// Additive random-effects limits θ₀ ± z·√(sᵢ² + τ²) (τ² = 0 when I·φ ≤ I − 1).
    On,
    /// Adjusted when φ > 1, unadjusted otherwise (FunnelPlotR draws unadjusted limits when
    /// φ ≤ 1) [M: from FunnelPlotR's documentation, not checked against its code].
    Auto,
}

string_codes! {
    /// The stable code.
    Overdispersion: code, option "overdispersion", expected "\"off\", \"on\", \"auto\"" {
        Off = "off",
        On = "on",
        Auto = "auto",
    }
}

/// The scale on which a funnel's z-scores and τ² are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelScale {
    /// The value itself: a proportion with sᵢ = √(p̄(1 − p̄)/nᵢ) (normal approximation; the same
    /// limits as the inverted Wilson score to 8 digits), a ratio O/E with sᵢ = 1/√Eᵢ.
    #[default]
    Normal,
    /// asin √p with sᵢ = 1/(2√nᵢ), limits back-transformed with sin² (FunnelPlotR "PR").
    /// Proportions only.
    Arcsine,
    /// √(O/E) with sᵢ = 1/(2√Eᵢ), limits back-transformed by squaring (FunnelPlotR's "CQC"
    /// method for ratios). Ratios and rates only.
    Sqrt,
}

string_codes! {
    /// The stable code.
    FunnelScale: code, option "scale", expected "\"normal\", \"arcsine\", \"sqrt\"" {
        Normal = "normal",
        Arcsine = "arcsine",
        Sqrt = "sqrt",
    }
}

impl FunnelScale {
    fn transform(self, p: f64) -> f64 {
        match self {
            FunnelScale::Normal => p,
            FunnelScale::Arcsine => libm::asin(sqrt(p)),
            FunnelScale::Sqrt => sqrt(p),
        }
    }

    fn back_transform(self, y: f64) -> f64 {
        match self {
            FunnelScale::Normal => y,
            FunnelScale::Arcsine => {
                let s = libm::sin(y.clamp(0.0, std::f64::consts::FRAC_PI_2));
                s * s
            }
            FunnelScale::Sqrt => {
                let r = y.max(0.0);
                r * r
            }
        }
    }

    fn se(self, target: f64, n: f64) -> f64 {
        match self {
            FunnelScale::Normal => sqrt(target * (1.0 - target) / n),
            FunnelScale::Arcsine | FunnelScale::Sqrt => 0.5 / sqrt(n),
        }
    }
}

/// What an overdispersed funnel compares (default proportions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelKind {
    /// Proportions r/n against the pooled proportion.
    #[default]
    Proportion,
    /// Standardised ratios O/E against 1 (the unit's "denominator" is E).
    Ratio,
    /// Rates events/population against the pooled rate, as ratios O/E with E = pooled rate ×
    /// population [L: the reduction of a rate funnel to a ratio funnel is ours; FunnelPlotR's
    /// "RC" counts use a log scale].
    Rate,
}

string_codes! {
    /// The stable code.
    FunnelKind: code, option "kind", expected "\"proportion\", \"ratio\", \"rate\"" {
        Proportion = "proportion",
        Ratio = "ratio",
        Rate = "rate",
    }
}

/// An overdispersed funnel of any kind, for the faces: `a`, `b` are numerators and denominators
/// (proportions), observed and expected counts (ratios) or events and populations (rates);
/// `multiplier` applies to rates only (default [`defaults::RATE_MULTIPLIER`](crate::stats::defaults::RATE_MULTIPLIER)).
///
/// # Errors
/// Those of the function for the kind; `invalid_option` for a multiplier given to a proportion or
/// ratio funnel.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_of_kind, FunnelKind, OverdispersionOptions};
/// let f = funnel_of_kind(FunnelKind::Rate, &[50.0, 80.0], &[10_000.0, 12_000.0], None, &OverdispersionOptions::default())?;
/// assert!((f.target - 130.0 / 22_000.0 * 100_000.0).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_of_kind(
    kind: FunnelKind,
    a: &[f64],
    b: &[f64],
    multiplier: Option<f64>,
    options: &OverdispersionOptions,
) -> Result<OverdispersedFunnel> {
    if kind != FunnelKind::Rate
        && let Some(m) = multiplier
    {
        return Err(Error::InvalidOption {
            option: "multiplier",
            value: m.to_string(),
            expected: "no multiplier except for rate funnels",
        });
    }
    match kind {
        FunnelKind::Proportion => funnel_overdispersed(a, b, options),
        FunnelKind::Ratio => funnel_ratios_overdispersed(a, b, options),
        FunnelKind::Rate => funnel_rates_overdispersed(
            a,
            b,
            multiplier.unwrap_or(crate::stats::defaults::RATE_MULTIPLIER),
            options,
        ),
    }
}

/// Options of [`funnel_overdispersed`], [`funnel_ratios_overdispersed`] and
/// [`funnel_rates_overdispersed`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OverdispersionOptions {
    /// Off, on or automatic (default off).
    pub overdispersion: Overdispersion,
    /// The scale of z and τ² (default normal).
    pub scale: FunnelScale,
    /// The fraction winsorised in each tail of z before φ (default 0.1, FunnelPlotR's
    /// `trim_by`; R quantile type 7).
    pub winsor_fraction: f64,
}

impl Default for OverdispersionOptions {
    fn default() -> Self {
        OverdispersionOptions {
            overdispersion: Overdispersion::Off,
            scale: FunnelScale::Normal,
            winsor_fraction: 0.1,
        }
    }
}

/// The estimate of overdispersion from units' z-scores (Spiegelhalter 2005).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdispersionEstimate {
    /// zᵢ = (yᵢ − θ₀)/sᵢ (0 when yᵢ = θ₀, also when sᵢ = 0).
    pub z: Vec<f64>,
    /// z winsorised at the lower and upper quantiles.
    pub z_winsorised: Vec<f64>,
    /// The lower winsorising bound (R quantile type 7 at the winsor fraction).
    pub winsor_lower: f64,
    /// The upper winsorising bound.
    pub winsor_upper: f64,
    /// φ = (1/I)·Σ z_w².
    pub phi: f64,
    /// τ² = (I·φ − (I − 1)) / (Σw − Σw²/Σw), w = 1/s², when I·φ > I − 1; else 0.
    pub tau2: f64,
}

/// R's type-7 quantile of sorted data.
fn quantile7(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = floor(h);
    let i = lo as usize;
    if i + 1 >= sorted.len() {
        return sorted[sorted.len() - 1];
    }
    sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i])
}

/// φ and τ² from values `y` with standard errors `s` around `target`, all on one scale.
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `non_finite`, `negative_value` (an
/// s < 0), `invalid_option` for a winsor fraction outside [0, 0.5).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::overdispersion;
/// let e = overdispersion(&[0.1, 0.3, 0.5, 0.7], &[0.1, 0.1, 0.1, 0.1], 0.4, 0.1)?;
/// assert!((e.z[0] + 3.0).abs() < 1e-12);
/// assert!(e.phi > 1.0 && e.tau2 > 0.0);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn overdispersion(
    y: &[f64],
    s: &[f64],
    target: f64,
    winsor_fraction: f64,
) -> Result<OverdispersionEstimate> {
    check_lengths("standard_errors", y.len(), s.len())?;
    if y.is_empty() {
        return Err(Error::EmptyInput {
            what: "overdispersion needs at least one unit",
        });
    }
    if !(0.0..0.5).contains(&winsor_fraction) {
        return Err(Error::InvalidOption {
            option: "winsor_fraction",
            value: winsor_fraction.to_string(),
            expected: "a fraction in [0, 0.5)",
        });
    }
    if !target.is_finite() {
        return Err(Error::NonFinite {
            field: "target",
            value: target,
            at: Location::NONE,
        });
    }
    for i in 0..y.len() {
        if y[i].is_nan() {
            return Err(Error::MissingInput {
                field: "value",
                at: Location::row(i),
            });
        }
        if y[i].is_infinite() {
            return Err(Error::NonFinite {
                field: "value",
                value: y[i],
                at: Location::row(i),
            });
        }
        check_record("standard_error", s[i], i, false)?;
    }
    let z: Vec<f64> = y
        .iter()
        .zip(s)
        .map(|(&v, &se)| if v == target { 0.0 } else { (v - target) / se })
        .collect();
    let mut sorted = z.clone();
    sorted.sort_by(f64::total_cmp);
    let lo = quantile7(&sorted, winsor_fraction);
    let hi = quantile7(&sorted, 1.0 - winsor_fraction);
    let zw: Vec<f64> = z.iter().map(|&v| v.clamp(lo, hi)).collect();
    let units = y.len() as f64;
    let phi = zw.iter().map(|v| v * v).sum::<f64>() / units;
    let tau2 = if units * phi > units - 1.0 {
        let (mut sw, mut sw2) = (0.0, 0.0);
        for &se in s {
            let w = 1.0 / (se * se);
            sw += w;
            sw2 += w * w;
        }
        let d = sw - sw2 / sw;
        if d > 0.0 && d.is_finite() {
            (units * phi - (units - 1.0)) / d
        } else {
            0.0
        }
    } else {
        0.0
    };
    Ok(OverdispersionEstimate {
        z,
        z_winsorised: zw,
        winsor_lower: lo,
        winsor_upper: hi,
        phi,
        tau2,
    })
}

/// One unit of an overdispersed proportion funnel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FunnelUnit {
    /// The proportion rᵢ/nᵢ.
    pub value: f64,
    /// nᵢ.
    pub denominator: f64,
    /// z on the chosen scale, unadjusted.
    pub z: f64,
    /// z against √(sᵢ² + τ²) (equal to `z` when the limits are not adjusted).
    pub z_adjusted: f64,
    /// 95% limits at nᵢ (back on the proportion scale, within [0, 1]).
    pub limits_95: (f64, f64),
    /// 99.8% limits at nᵢ.
    pub limits_998: (f64, f64),
    /// The unit's position against the (adjusted when in force) limits.
    pub significance: FunnelSignificance,
}

/// A funnel with the overdispersion adjustment off, on or automatic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdispersedFunnel {
    /// What it compares.
    pub kind: FunnelKind,
    /// The options used.
    pub options: OverdispersionOptions,
    /// The centre line: the pooled proportion Σr/Σn; 1 for ratios; the pooled rate
    /// Σevents/Σpopulation × multiplier for rates.
    pub target: f64,
    /// Rates: the pooled rate per person (E = pooled × population); 1 otherwise.
    pub pooled: f64,
    /// Whether the limits are widened (`on`, or `auto` with φ > 1).
    pub adjusted: bool,
    /// φ, τ² and the z-scores (computed in every mode, so `off` still reports them).
    pub estimate: OverdispersionEstimate,
    /// One per unit, in input order.
    pub units: Vec<FunnelUnit>,
}

impl OverdispersedFunnel {
    /// The limits at denominator `n` (a proportion's n, a ratio's expected count E, a rate's
    /// population) and level `confidence` (for drawing the funnel), on the scale of the values.
    ///
    /// # Errors
    /// `invalid_confidence`; `nonpositive_denominator` for n ≤ 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::stats::{funnel_overdispersed, OverdispersionOptions};
    /// let f = funnel_overdispersed(&[40.0, 50.0, 60.0], &[100.0, 100.0, 100.0], &OverdispersionOptions::default())?;
    /// let (lo, hi) = f.limits_at(100.0, 0.95)?;
    /// assert!(lo < 0.5 && hi > 0.5);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn limits_at(&self, n: f64, confidence: f64) -> Result<(f64, f64)> {
        let conf = Confidence::new(confidence)?;
        check_record("denominator", n, 0, true)?;
        Ok(self.limits(n, conf.z()))
    }

    /// The limits at denominator `n` for a normal deviate `z` (no validation; for drawing).
    pub(crate) fn limits_at_z(&self, n: f64, z: f64) -> (f64, f64) {
        self.limits(n, z)
    }

    fn limits(&self, n: f64, z: f64) -> (f64, f64) {
        let sc = self.options.scale;
        let tau2 = if self.adjusted {
            self.estimate.tau2
        } else {
            0.0
        };
        if self.kind == FunnelKind::Proportion {
            let t = sc.transform(self.target);
            let half = z * sqrt(sc.se(self.target, n).powi(2) + tau2);
            return (
                sc.back_transform(t - half).clamp(0.0, 1.0),
                sc.back_transform(t + half).clamp(0.0, 1.0),
            );
        }
        let e = self.pooled * n;
        let half = z * sqrt(ratio_se(sc, e).powi(2) + tau2);
        let t = sc.transform(1.0);
        (
            sc.back_transform(t - half).max(0.0) * self.target,
            sc.back_transform(t + half) * self.target,
        )
    }
}

/// A proportion funnel from units (rᵢ of nᵢ) with each unit's z-score, φ, τ², limits at its own
/// nᵢ and position, under the overdispersion mode and scale of `options` (spec-economics-spc.md
/// §8.2).
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `nonpositive_denominator`,
/// `negative_value`, `non_finite`, `numerator_exceeds_denominator`, `invalid_option` (winsor
/// fraction).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_overdispersed, FunnelSignificance, Overdispersion, OverdispersionOptions};
/// let r = [164.0, 405.0, 104.0, 595.0, 262.0, 172.0, 335.0, 82.0, 475.0, 150.0, 290.0, 207.0];
/// let n = [200.0, 480.0, 130.0, 700.0, 320.0, 200.0, 410.0, 110.0, 560.0, 190.0, 340.0, 300.0];
/// let o = OverdispersionOptions { overdispersion: Overdispersion::On, ..Default::default() };
/// let f = funnel_overdispersed(&r, &n, &o)?;
/// assert!((f.estimate.phi - 1.726105996).abs() < 1e-9);
/// assert!((f.estimate.tau2 - 0.0004027162684).abs() < 1e-12);
/// assert_eq!(f.units[11].significance, FunnelSignificance::Low001);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_overdispersed(
    r: &[f64],
    n: &[f64],
    options: &OverdispersionOptions,
) -> Result<OverdispersedFunnel> {
    check_lengths("denominator", r.len(), n.len())?;
    if r.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    let (mut sr, mut sn) = (0.0, 0.0);
    for i in 0..r.len() {
        check_record("numerator", r[i], i, false)?;
        check_record("denominator", n[i], i, true)?;
        if r[i] > n[i] {
            return Err(Error::NumeratorExceedsDenominator {
                numerator: r[i],
                denominator: n[i],
                at: Location::row(i),
            });
        }
        sr += r[i];
        sn += n[i];
    }
    if options.scale == FunnelScale::Sqrt {
        return Err(Error::InvalidOption {
            option: "scale",
            value: "sqrt".to_owned(),
            expected: "\"normal\" or \"arcsine\" for proportions",
        });
    }
    let target = sr / sn;
    let sc = options.scale;
    let y: Vec<f64> = r
        .iter()
        .zip(n)
        .map(|(&a, &b)| sc.transform(a / b))
        .collect();
    let s: Vec<f64> = n.iter().map(|&b| sc.se(target, b)).collect();
    let values: Vec<f64> = r.iter().zip(n).map(|(&a, &b)| a / b).collect();
    build(
        FunnelKind::Proportion,
        options,
        target,
        1.0,
        &values,
        n,
        &y,
        &s,
        sc.transform(target),
    )
}

/// The common part: φ, τ², each unit's z, limits and position. `y`, `s` and `t` are on the
/// transformed scale; `values` and `denominators` are what the units report.
#[allow(clippy::too_many_arguments)]
fn build(
    kind: FunnelKind,
    options: &OverdispersionOptions,
    target: f64,
    pooled: f64,
    values: &[f64],
    denominators: &[f64],
    y: &[f64],
    s: &[f64],
    t: f64,
) -> Result<OverdispersedFunnel> {
    let estimate = overdispersion(y, s, t, options.winsor_fraction)?;
    let adjusted = match options.overdispersion {
        Overdispersion::Off => false,
        Overdispersion::On => true,
        Overdispersion::Auto => estimate.phi > 1.0,
    };
    let (c2, c3) = funnel_levels();
    let mut f = OverdispersedFunnel {
        kind,
        options: *options,
        target,
        pooled,
        adjusted,
        estimate,
        units: Vec::with_capacity(y.len()),
    };
    let tau2 = if adjusted { f.estimate.tau2 } else { 0.0 };
    for i in 0..y.len() {
        let z = f.estimate.z[i];
        let z_adjusted = if y[i] == t {
            0.0
        } else {
            (y[i] - t) / sqrt(s[i] * s[i] + tau2)
        };
        let (z2, z3) = (c2.z(), c3.z());
        let unit = FunnelUnit {
            value: values[i],
            denominator: denominators[i],
            z,
            z_adjusted,
            limits_95: f.limits(denominators[i], z2),
            limits_998: f.limits(denominators[i], z3),
            significance: classify(
                z_adjusted < -z3,
                z_adjusted < -z2,
                z_adjusted > z3,
                z_adjusted > z2,
            ),
        };
        f.units.push(unit);
    }
    Ok(f)
}

/// The standard error of O/E (normal scale: Poisson, √(1/E)) or of √(O/E) (1/(2√E)) at E.
fn ratio_se(sc: FunnelScale, e: f64) -> f64 {
    match sc {
        FunnelScale::Sqrt => 0.5 / sqrt(e),
        _ => 1.0 / sqrt(e),
    }
}

fn ratio_scale(options: &OverdispersionOptions) -> Result<FunnelScale> {
    match options.scale {
        FunnelScale::Arcsine => Err(Error::InvalidOption {
            option: "scale",
            value: "arcsine".to_owned(),
            expected: "\"normal\" or \"sqrt\" for ratios and rates",
        }),
        s => Ok(s),
    }
}

/// A funnel of standardised ratios O/E against 1 with the overdispersion adjustment off, on or
/// automatic: on the normal scale sᵢ = 1/√Eᵢ, on the square-root scale (FunnelPlotR's "CQC"
/// method) y = √(O/E) and sᵢ = 1/(2√Eᵢ); φ and τ² as for proportions
/// [L: checked against invariants and the exact Poisson limits, not against FunnelPlotR output].
///
/// # Errors
/// `empty_input`, `length_mismatch`, `missing_input`, `nonpositive_denominator` (E ≤ 0),
/// `negative_value`, `non_finite`, `invalid_option` (the arcsine scale, the winsor fraction).
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_ratios_overdispersed, FunnelScale, Overdispersion, OverdispersionOptions};
/// let o = OverdispersionOptions { overdispersion: Overdispersion::On, scale: FunnelScale::Sqrt, ..Default::default() };
/// let f = funnel_ratios_overdispersed(&[30.0, 55.0, 90.0, 20.0], &[40.0, 50.0, 60.0, 25.0], &o)?;
/// assert_eq!(f.target, 1.0);
/// assert!(f.units[0].limits_998.0 < 1.0 && f.units[0].limits_998.1 > 1.0);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_ratios_overdispersed(
    observed: &[f64],
    expected: &[f64],
    options: &OverdispersionOptions,
) -> Result<OverdispersedFunnel> {
    check_lengths("expected", observed.len(), expected.len())?;
    if observed.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    for i in 0..observed.len() {
        check_record("observed", observed[i], i, false)?;
        check_record("expected", expected[i], i, true)?;
    }
    let sc = ratio_scale(options)?;
    let values: Vec<f64> = observed
        .iter()
        .zip(expected)
        .map(|(&o, &e)| o / e)
        .collect();
    let y: Vec<f64> = values.iter().map(|&v| sc.transform(v)).collect();
    let s: Vec<f64> = expected.iter().map(|&e| ratio_se(sc, e)).collect();
    build(
        FunnelKind::Ratio,
        options,
        1.0,
        1.0,
        &values,
        expected,
        &y,
        &s,
        sc.transform(1.0),
    )
}

/// A funnel of crude rates events/population × `multiplier` against the pooled rate, with the
/// overdispersion adjustment off, on or automatic: each unit is the ratio O/E with
/// E = pooled rate × population, as in [`funnel_ratios_overdispersed`]; values, limits and the
/// target are rates × `multiplier`, and a unit's denominator is its population.
///
/// # Errors
/// As [`funnel_ratios_overdispersed`], with `nonpositive_denominator` for a population ≤ 0,
/// `invalid_multiplier`, and `empty_input` when there are no events at all.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::{funnel_rates_overdispersed, OverdispersionOptions};
/// let f = funnel_rates_overdispersed(&[50.0, 80.0, 20.0], &[10_000.0, 12_000.0, 8_000.0], 100_000.0, &OverdispersionOptions::default())?;
/// assert!((f.target - 500.0).abs() < 1e-9);
/// assert!((f.units[0].value - 500.0).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn funnel_rates_overdispersed(
    events: &[f64],
    populations: &[f64],
    multiplier: f64,
    options: &OverdispersionOptions,
) -> Result<OverdispersedFunnel> {
    check_lengths("populations", events.len(), populations.len())?;
    if events.is_empty() {
        return Err(Error::EmptyInput {
            what: "a funnel needs at least one record",
        });
    }
    let m = check_multiplier(multiplier)?;
    let (mut se, mut sp) = (0.0, 0.0);
    for i in 0..events.len() {
        check_record("events", events[i], i, false)?;
        check_record("population", populations[i], i, true)?;
        se += events[i];
        sp += populations[i];
    }
    if se == 0.0 {
        return Err(Error::EmptyInput {
            what: "a rate funnel needs at least one event",
        });
    }
    let sc = ratio_scale(options)?;
    let pooled = se / sp;
    let y: Vec<f64> = events
        .iter()
        .zip(populations)
        .map(|(&a, &p)| sc.transform(a / (pooled * p)))
        .collect();
    let s: Vec<f64> = populations
        .iter()
        .map(|&p| ratio_se(sc, pooled * p))
        .collect();
    let values: Vec<f64> = events
        .iter()
        .zip(populations)
        .map(|(&a, &p)| a / p * m)
        .collect();
    build(
        FunnelKind::Rate,
        options,
        pooled * m,
        pooled,
        &values,
        populations,
        &y,
        &s,
        sc.transform(1.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_helpers() {
        assert_eq!(floor1(0.0), 0.0);
        assert_eq!(floor1(95.0), 90.0);
        assert_eq!(floor1(1234.0), 1000.0);
        assert_eq!(ceil2(1234.0), 1300.0);
        assert_eq!(ceil2(5.25), 5.3);
        assert_eq!(ceil2(105.0), 110.0);
        let pts = axis_points(0.0, 1100.0, false);
        assert_eq!(pts.len(), 100);
        assert_eq!(pts[0], 1.0);
        assert!(pts.windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn quantile_type_7() {
        let x = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile7(&x, 0.0), 1.0);
        assert_eq!(quantile7(&x, 1.0), 10.0);
        assert!((quantile7(&x, 0.1) - 1.4).abs() < 1e-15);
        assert!((quantile7(&x, 0.9) - 7.6).abs() < 1e-12);
    }
}
