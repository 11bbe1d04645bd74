//! Survey publication rules (spec-ascof.md §4.1 and §6): values half away from zero to 1 dp
//! (3 dp for the adjusted score), weighted numerators/denominators and bases rounded to the
//! nearest 5, and suppression (`[c]`) where the base is below 3. Rounding uses the named rules
//! of [`crate::indicator::rounding`] on the exact binary value.

use crate::error::Result;
use crate::indicator::{Decimal, Rounding};
use crate::survey::score::Measure;
use crate::survey::weighting::Stratified;
use serde::{Deserialize, Serialize};

/// Values with a base (respondents) below this are suppressed (`[c]`).
///
/// # Examples
///
/// ```
/// assert_eq!(care_outcomes::survey::SUPPRESS_BELOW_BASE, 3);
/// ```
pub const SUPPRESS_BELOW_BASE: u64 = 3;

/// Symbol of a suppressed value.
///
/// # Examples
///
/// ```
/// assert_eq!(care_outcomes::survey::SUPPRESSED, "[c]");
/// ```
pub const SUPPRESSED: &str = "[c]";

/// Symbol of a value that is not available (no respondents).
///
/// # Examples
///
/// ```
/// assert_eq!(care_outcomes::survey::NOT_AVAILABLE, "[x]");
/// ```
pub const NOT_AVAILABLE: &str = "[x]";

/// A respondent count rounded to the nearest 5 (an integer is never halfway between two
/// multiples of 5).
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::base_to_nearest_5;
/// assert_eq!(base_to_nearest_5(42), 40);
/// assert_eq!(base_to_nearest_5(43), 45);
/// assert_eq!(base_to_nearest_5(2), 0);
/// ```
pub fn base_to_nearest_5(n: u64) -> u64 {
    n.saturating_add(2) / 5 * 5
}

/// A weighted population rounded to the nearest 5, ties away from zero: 5 × round(x / 5) by
/// [`Rounding::HalfAwayFromZero`] at 0 dp on the exact binary quotient.
///
/// # Errors
/// `non_finite` for NaN or ±∞; `invalid_definition` beyond the range of i64.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::to_nearest_5;
/// assert_eq!(to_nearest_5(42_351.7)?, 42_350);
/// assert_eq!(to_nearest_5(2_237.5)?, 2_240);  // a tie goes away from zero
/// assert_eq!(to_nearest_5(-12.5)?, -15);      // weighted sums of 1J scores can be negative
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn to_nearest_5(x: f64) -> Result<i64> {
    let q = Rounding::HalfAwayFromZero { dp: 0 }.round_f64(x / 5.0)?;
    q.units
        .checked_mul(5)
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| crate::error::Error::InvalidDefinition {
            message: format!("{x} is too large to publish"),
        })
}

/// What is published for one estimate.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::{publish, Measure, Stratified};
/// let e = Stratified { value: Some(50.0), numerator: 10.0, denominator: 20.0, base: 2,
///     variance: None, margin_of_error: None, reason: None, margin_reason: None };
/// assert_eq!(publish(Measure::FeelSafe, &e)?.symbol.as_deref(), Some("[c]"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Publication {
    /// The rounded value (None when suppressed or not available).
    #[serde(with = "decimal_text")]
    pub value: Option<Decimal>,
    /// The rounded margin of error, to the value's decimal places [L: the dp of published
    /// margins is assumed equal to the value's].
    #[serde(with = "decimal_text")]
    pub margin_of_error: Option<Decimal>,
    /// Weighted numerator to the nearest 5 (negative for a negative sum of 1J scores).
    pub numerator: Option<i64>,
    /// Weighted denominator to the nearest 5.
    pub denominator: Option<i64>,
    /// Respondents to the nearest 5.
    pub base: Option<u64>,
    /// `[c]` suppressed (base 1 or 2), `[x]` not available (no respondents), else None.
    pub symbol: Option<String>,
}

/// Applies the survey publication rules to an estimate of a measure.
///
/// # Errors
/// `non_finite` if a weighted total is not finite (cannot happen for validated input).
///
/// # Examples
///
/// Barking & Dagenham 2020-21 1A: weighted sum 42,350 over 2,235 → 18.9 (spec-ascof.md §4.1).
///
/// ```
/// use care_outcomes::survey::{publish, Measure, Stratified};
/// let e = Stratified { value: Some(42350.0 / 2235.0), numerator: 42350.0, denominator: 2235.0,
///     base: 400, variance: None, margin_of_error: None, reason: None, margin_reason: None };
/// let p = publish(Measure::Scrqol, &e)?;
/// assert_eq!(p.value.unwrap().to_string(), "18.9");
/// assert_eq!((p.numerator, p.denominator, p.base), (Some(42350), Some(2235), Some(400)));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn publish(measure: Measure, e: &Stratified) -> Result<Publication> {
    if e.base == 0 || e.value.is_none() {
        return Ok(Publication {
            base: Some(0),
            symbol: Some(NOT_AVAILABLE.to_owned()),
            ..Default::default()
        });
    }
    if e.base < SUPPRESS_BELOW_BASE {
        return Ok(Publication {
            symbol: Some(SUPPRESSED.to_owned()),
            ..Default::default()
        });
    }
    let rule = Rounding::HalfAwayFromZero { dp: measure.dp() };
    Ok(Publication {
        value: e.value.map(|v| rule.round_f64(v)).transpose()?,
        margin_of_error: e.margin_of_error.map(|v| rule.round_f64(v)).transpose()?,
        numerator: Some(to_nearest_5(e.numerator)?),
        denominator: Some(to_nearest_5(e.denominator)?),
        base: Some(base_to_nearest_5(e.base)),
        symbol: None,
    })
}

/// Serde of an optional [`Decimal`] as its published text (`"18.9"`).
pub mod decimal_text {
    use crate::indicator::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as text, or null.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads decimal text (`"-0.125"`) back, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        parse(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("not a decimal: {text:?}")))
    }

    /// Parses decimal text into units and decimal places.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::survey::publication::decimal_text::parse;
    /// assert_eq!(parse("-0.125").map(|d| (d.units, d.dp)), Some((-125, 3)));
    /// assert_eq!(parse("1e5"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Decimal> {
        let (neg, body) = match text.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, text),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let units: i128 = format!("{int}{frac}").parse().ok()?;
        Some(Decimal::new(
            if neg { -units } else { units },
            u32::try_from(frac.len()).ok()?,
        ))
    }
}
