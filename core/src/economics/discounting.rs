//! Discounting: the Green Book schedules as versioned data, custom schedules, the year-0 vs
//! year-1 convention, present values, annuities and real vs nominal rates
//! (spec-economics-spc.md §1.1–1.4).
//!
//! Discount factors compound step by step: `D_0 = 1`, `D_t = D_{t−1} / (1 + r_t)`, where `r_t` is
//! the rate of the band containing year `t` (the step `t−1 → t`). With a flat rate this is
//! `1/(1+r)^t`; across a kink it is not (D_31 = D_30 / 1.03, vector GB02). Only `+`, `−`, `×`
//! and `÷` are used, so every face gets the same bits.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

const SCHEDULES_JSON: &str = include_str!("../../data/economics/discount-schedules.json");

/// The names of the built-in schedules (`data/economics/discount-schedules.json`).
pub const BUILTIN_SCHEDULES: &str = "gb2022_standard, gb2022_health, gb2026_standard, gb2026_health, undiscounted, flat_<rate> (e.g. flat_0.035)";

/// The longest horizon (in years) the economics functions accept; longer is `invalid_option`
/// (the Green Book schedule itself ends its last band at year 301+).
pub const MAX_YEARS: u32 = 10_000;

/// Checks a horizon or year index against [`MAX_YEARS`].
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::discounting::check_years;
/// assert!(check_years(300).is_ok());
/// assert_eq!(check_years(4_000_000_000).unwrap_err().code(), "invalid_option");
/// ```
pub fn check_years(years: u32) -> Result<u32> {
    if years <= MAX_YEARS {
        Ok(years)
    } else {
        Err(Error::InvalidOption {
            option: "years",
            value: years.to_string(),
            expected: "at most 10000 years",
        })
    }
}

/// The default schedule: the Green Book 2022 standard STPR.
pub const DEFAULT_SCHEDULE: &str = "gb2022_standard";

/// One band of a schedule: `rate` applies to every step `t−1 → t` with `t ≥ from_year`, until the
/// next band.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::RateBand;
/// let band = RateBand { from_year: 31, rate: 0.03 };
/// assert_eq!(band.from_year, 31);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateBand {
    /// First year (t ≥ 1) to which the rate applies.
    pub from_year: u32,
    /// Real annual discount rate (0.035 = 3.5%); finite and > −1.
    pub rate: f64,
}

/// A discount schedule: a named, versioned list of rate bands.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::DiscountSchedule;
/// let gb = DiscountSchedule::builtin("gb2022_standard")?;
/// assert!((gb.factor(31) - 0.3459013695).abs() < 1e-10); // D_30 / 1.03, not 1/1.03^31
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscountSchedule {
    /// Stable name (`gb2022_standard`, `flat_0.035`, or the caller's own).
    pub name: String,
    /// Edition or version of the source (`Green Book 2022`).
    #[serde(default)]
    pub edition: String,
    /// Where the rates come from.
    #[serde(default)]
    pub source: String,
    /// Confidence tag of the source (\[H\], \[M\], UNVERIFIED).
    #[serde(default)]
    pub confidence: String,
    /// The bands, by increasing `from_year`, the first starting at year 1.
    pub bands: Vec<RateBand>,
}

#[derive(Deserialize)]
struct ScheduleFile {
    schedules: Vec<DiscountSchedule>,
}

/// Where the first listed year of a flow sits: the convention every present value records.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, Timing, present_value};
/// let s = DiscountSchedule::flat(0.035)?;
/// let zero = present_value(&[100.0, 100.0], &s, Timing::YearZero)?;
/// let one = present_value(&[100.0, 100.0], &s, Timing::YearOne)?;
/// assert!((one - zero / 1.035).abs() < 1e-9);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// The first listed year is year 0, undiscounted (Green Book).
    #[default]
    YearZero,
    /// The first listed year is year 1 and is discounted once (Excel `NPV()`, the SROI guide).
    YearOne,
}

impl Timing {
    /// The year `t` of the flow at list index `i` (0 or 1 added).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::Timing;
    /// assert_eq!(Timing::YearZero.year(0), 0);
    /// assert_eq!(Timing::YearOne.year(0), 1);
    /// ```
    pub fn year(self, i: usize) -> u32 {
        let i = u32::try_from(i).unwrap_or(u32::MAX - 1);
        match self {
            Timing::YearZero => i,
            Timing::YearOne => i + 1,
        }
    }
}

string_codes! {
    /// The stable code (`year_zero`, `year_one`).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::Timing;
    /// assert_eq!(Timing::YearOne.code(), "year_one");
    /// ```
    Timing: code, option "timing", expected "year_zero, year_one" {
        YearZero = "year_zero",
        YearOne = "year_one",
    }
}

/// Checks that a rate is finite and > −1.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::check_rate;
/// assert!(check_rate("discount_rate", 0.035).is_ok());
/// assert_eq!(check_rate("discount_rate", -1.0).unwrap_err().code(), "invalid_rate");
/// ```
pub fn check_rate(field: &'static str, rate: f64) -> Result<f64> {
    if rate.is_finite() && rate > -1.0 {
        Ok(rate)
    } else {
        Err(Error::InvalidRate { field, value: rate })
    }
}

/// Checks that every value of a flow is finite (NaN and ±∞ are `non_finite`).
pub(crate) fn check_flow(field: &'static str, flows: &[f64]) -> Result<()> {
    for (i, v) in flows.iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                field,
                value: *v,
                at: crate::Location::row(i),
            });
        }
    }
    Ok(())
}

impl DiscountSchedule {
    /// A built-in schedule by name ([`BUILTIN_SCHEDULES`]): a Green Book schedule, `undiscounted`,
    /// or `flat_<rate>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let health = DiscountSchedule::builtin("gb2022_health")?;
    /// assert!((health.factor(1) - 1.0 / 1.015).abs() < 1e-15);
    /// assert_eq!(DiscountSchedule::builtin("gb1066").unwrap_err().code(), "invalid_option");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn builtin(name: &str) -> Result<DiscountSchedule> {
        if name == "undiscounted" {
            let mut s = DiscountSchedule::flat(0.0)?;
            "undiscounted".clone_into(&mut s.name);
            return Ok(s);
        }
        if let Some(rate) = name.strip_prefix("flat_") {
            let r: f64 = rate.parse().map_err(|_| Error::InvalidOption {
                option: "schedule",
                value: name.to_owned(),
                expected: BUILTIN_SCHEDULES,
            })?;
            return DiscountSchedule::flat(r);
        }
        let file: ScheduleFile =
            serde_json::from_str(SCHEDULES_JSON).map_err(|e| Error::InvalidDefinition {
                message: format!("built-in discount schedules: {e}"),
            })?;
        file.schedules
            .into_iter()
            .find(|s| s.name == name)
            .ok_or_else(|| Error::InvalidOption {
                option: "schedule",
                value: name.to_owned(),
                expected: BUILTIN_SCHEDULES,
            })
    }

    /// A flat schedule at `rate` for every year, named `flat_<rate>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let s = DiscountSchedule::flat(0.035)?;
    /// assert_eq!(s.name, "flat_0.035");
    /// assert_eq!(DiscountSchedule::flat(-1.0).unwrap_err().code(), "invalid_rate");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn flat(rate: f64) -> Result<DiscountSchedule> {
        check_rate("discount_rate", rate)?;
        Ok(DiscountSchedule {
            name: format!("flat_{rate}"),
            edition: "custom".to_owned(),
            source: "flat rate given by the caller".to_owned(),
            confidence: String::new(),
            bands: vec![RateBand { from_year: 1, rate }],
        })
    }

    /// A custom schedule from bands, validated.
    ///
    /// # Errors
    ///
    /// `empty_input` without bands; `invalid_definition` if the first band does not start at
    /// year 1 or the bands are not in increasing order; `invalid_rate` for a rate ≤ −1.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{DiscountSchedule, RateBand};
    /// let s = DiscountSchedule::custom("mine", vec![
    ///     RateBand { from_year: 1, rate: 0.05 },
    ///     RateBand { from_year: 3, rate: 0.0 },
    /// ])?;
    /// assert!((s.factor(4) - 1.0 / 1.05 / 1.05).abs() < 1e-15);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn custom(name: &str, bands: Vec<RateBand>) -> Result<DiscountSchedule> {
        let s = DiscountSchedule {
            name: name.to_owned(),
            edition: "custom".to_owned(),
            source: "given by the caller".to_owned(),
            confidence: String::new(),
            bands,
        };
        s.validate()?;
        Ok(s)
    }

    /// Checks the bands (see [`DiscountSchedule::custom`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// assert!(DiscountSchedule::builtin("gb2022_standard")?.validate().is_ok());
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        let Some(first) = self.bands.first() else {
            return Err(Error::EmptyInput {
                what: "discount schedule bands",
            });
        };
        if first.from_year != 1 {
            return Err(Error::InvalidDefinition {
                message: format!(
                    "discount schedule {:?}: the first band must start at year 1, not {}",
                    self.name, first.from_year
                ),
            });
        }
        for w in self.bands.windows(2) {
            if w[1].from_year <= w[0].from_year {
                return Err(Error::InvalidDefinition {
                    message: format!(
                        "discount schedule {:?}: bands must start in increasing years",
                        self.name
                    ),
                });
            }
        }
        for b in &self.bands {
            check_rate("discount_rate", b.rate)?;
        }
        Ok(())
    }

    /// The rate of the step `t−1 → t` (t ≥ 1; year 0 has no step and gets the first rate).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let gb = DiscountSchedule::builtin("gb2022_standard")?;
    /// assert_eq!(gb.rate(30), 0.035);
    /// assert_eq!(gb.rate(31), 0.03);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn rate(&self, t: u32) -> f64 {
        self.bands
            .iter()
            .take_while(|b| b.from_year <= t.max(1))
            .last()
            .map_or(0.0, |b| b.rate)
    }

    /// The discount factor `D_t` (D_0 = 1, compounded step by step).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let gb = DiscountSchedule::builtin("gb2022_standard")?;
    /// assert_eq!(gb.factor(0), 1.0);
    /// assert!((gb.factor(10) - 0.7089188137).abs() < 1e-10);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn factor(&self, t: u32) -> f64 {
        let mut d = 1.0;
        for year in 1..=t {
            d /= 1.0 + self.rate(year);
        }
        d
    }

    /// The factors `D_first, D_first+1, …` for `n` consecutive years, compounded once.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let s = DiscountSchedule::flat(0.1)?;
    /// let f = s.factors(0, 3);
    /// assert_eq!(f[0], 1.0);
    /// assert!((f[2] - 1.0 / 1.21).abs() < 1e-15);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn factors(&self, first: u32, n: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(n);
        let mut d = self.factor(first);
        let mut t = first;
        for i in 0..n {
            if i > 0 {
                t += 1;
                d /= 1.0 + self.rate(t);
            }
            out.push(d);
        }
        out
    }

    /// The equivalent nominal schedule: each band's rate becomes `(1 + r)(1 + π) − 1`
    /// (spec §1.4, vector REAL01).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DiscountSchedule;
    /// let n = DiscountSchedule::builtin("gb2022_standard")?.nominal(0.02)?;
    /// assert!((n.rate(1) - 0.0557).abs() < 1e-15);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn nominal(&self, inflation: f64) -> Result<DiscountSchedule> {
        check_rate("inflation", inflation)?;
        let bands = self
            .bands
            .iter()
            .map(|b| {
                Ok(RateBand {
                    from_year: b.from_year,
                    rate: check_rate("discount_rate", nominal_rate(b.rate, inflation))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(DiscountSchedule {
            name: format!("{}+inflation_{inflation}", self.name),
            edition: self.edition.clone(),
            source: format!("{} (nominal: (1 + r)(1 + {inflation}) - 1)", self.source),
            confidence: self.confidence.clone(),
            bands,
        })
    }
}

/// The nominal rate equivalent to a real rate under inflation π: `(1 + r)(1 + π) − 1`.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::nominal_rate;
/// assert!((nominal_rate(0.035, 0.02) - 0.0557).abs() < 1e-15);
/// ```
pub fn nominal_rate(real: f64, inflation: f64) -> f64 {
    (1.0 + real) * (1.0 + inflation) - 1.0
}

/// Present value `Σ V_i · D_{t(i)}` of a flow listed by year, under a timing convention.
///
/// # Errors
///
/// `empty_input` for an empty flow; `non_finite` for ±∞/NaN; the schedule's own errors.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, Timing, present_value};
/// // GB04: 10 QALYs x £70,000 in year 5, on the health schedule.
/// let health = DiscountSchedule::builtin("gb2022_health")?;
/// let pv = present_value(&[0.0, 0.0, 0.0, 0.0, 0.0, 700_000.0], &health, Timing::YearZero)?;
/// assert!((pv - 649_782.2278).abs() < 1e-3);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn present_value(flows: &[f64], schedule: &DiscountSchedule, timing: Timing) -> Result<f64> {
    if flows.is_empty() {
        return Err(Error::EmptyInput { what: "flows" });
    }
    check_flow("flows", flows)?;
    schedule.validate()?;
    Ok(discounted(flows, schedule, timing).iter().sum())
}

/// Each flow multiplied by its discount factor (validation is the caller's).
pub(crate) fn discounted(flows: &[f64], schedule: &DiscountSchedule, timing: Timing) -> Vec<f64> {
    schedule
        .factors(timing.year(0), flows.len())
        .iter()
        .zip(flows)
        .map(|(d, v)| v * d)
        .collect()
}

/// The annuity factor `Σ D_t` over `years` consecutive years starting at the timing's first year
/// (years 1..N for [`Timing::YearOne`], 0..N−1 for [`Timing::YearZero`]).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, Timing, annuity_factor};
/// // ANN01: £50,000 a year for 10 years at 3.5%.
/// let s = DiscountSchedule::flat(0.035)?;
/// assert!((50_000.0 * annuity_factor(&s, 10, Timing::YearOne)? - 415_830.2661).abs() < 1e-3);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn annuity_factor(schedule: &DiscountSchedule, years: u32, timing: Timing) -> Result<f64> {
    if years == 0 {
        return Err(Error::EmptyInput {
            what: "annuity years",
        });
    }
    check_years(years)?;
    schedule.validate()?;
    Ok(schedule
        .factors(timing.year(0), years as usize)
        .iter()
        .sum())
}

/// The equivalent annual cost: `PV(cost) / Σ_{t=1..N} D_t` (vector EANC01).
///
/// # Errors
///
/// `empty_input` when `years` is 0; `non_finite` for a non-finite PV.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{DiscountSchedule, equivalent_annual_cost};
/// let gb = DiscountSchedule::builtin("gb2022_standard")?;
/// let eanc = equivalent_annual_cost(1_415_830.266, &gb, 10)?;
/// assert!((eanc - 170_241.3679).abs() < 1e-3);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn equivalent_annual_cost(
    pv_cost: f64,
    schedule: &DiscountSchedule,
    years: u32,
) -> Result<f64> {
    check_flow("pv_cost", &[pv_cost])?;
    Ok(pv_cost / annuity_factor(schedule, years, Timing::YearOne)?)
}

/// Real flows turned nominal: `V_i · (1 + π)^{t(i)}`, compounded step by step.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{Timing, inflate};
/// let n = inflate(&[100.0, 100.0], 0.02, Timing::YearZero)?;
/// assert_eq!(n, vec![100.0, 102.0]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn inflate(flows: &[f64], inflation: f64, timing: Timing) -> Result<Vec<f64>> {
    check_rate("inflation", inflation)?;
    check_flow("flows", flows)?;
    let mut growth = 1.0;
    for _ in 0..timing.year(0) {
        growth *= 1.0 + inflation;
    }
    let mut out = Vec::with_capacity(flows.len());
    for (i, v) in flows.iter().enumerate() {
        if i > 0 {
            growth *= 1.0 + inflation;
        }
        out.push(v * growth);
    }
    Ok(out)
}

/// Deserialises a schedule from either a built-in name (`"gb2022_standard"`, `"flat_0.035"`) or
/// a full schedule object, so that models written as JSON can name their schedule.
pub(crate) fn schedule_from_name_or_object<'de, D>(
    deserializer: D,
) -> std::result::Result<DiscountSchedule, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NameOrSchedule {
        Name(String),
        Schedule(DiscountSchedule),
    }
    match NameOrSchedule::deserialize(deserializer)? {
        NameOrSchedule::Name(name) => {
            DiscountSchedule::builtin(&name).map_err(serde::de::Error::custom)
        }
        NameOrSchedule::Schedule(s) => Ok(s),
    }
}
