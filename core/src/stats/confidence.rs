//! Confidence levels and their critical values (spec-statistics.md §1.2–1.3).

use crate::error::{Error, Result};
use crate::stats::distribution::normal_upper_quantile;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated confidence level c, 0 < c < 1, with its two-sided normal critical value
/// z_c = Φ⁻¹(1 − (1 − c)/2) computed once.
///
/// Percentages are not accepted: `Confidence::new(95.0)` is an `invalid_confidence` error whose
/// message suggests 0.95. Levels are never rounded.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::Confidence;
/// let c = Confidence::new(0.95)?;
/// assert_eq!(c.label(), "95%");
/// assert!((c.z() - 1.959963984540054).abs() < 1e-15);
/// assert_eq!(Confidence::new(95.0).unwrap_err().code(), "invalid_confidence");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Confidence {
    level: f64,
    z: f64,
}

impl Confidence {
    /// Validates a level given as a fraction in (0, 1).
    ///
    /// # Errors
    /// `invalid_confidence` when the level is NaN, ≤ 0 or ≥ 1.
    pub fn new(level: f64) -> Result<Self> {
        if level.is_nan() || level <= 0.0 || level >= 1.0 {
            let hint = if level.is_nan() {
                "the level must be a number between 0 and 1, e.g. 0.95".to_owned()
            } else if level > 1.0 && level < 100.0 {
                format!(
                    "levels are fractions, not percentages: {level} → use {}",
                    Self::percent_hint(level)
                )
            } else {
                "the level must be a fraction strictly between 0 and 1, e.g. 0.95".to_owned()
            };
            return Err(Error::InvalidConfidence { value: level, hint });
        }
        let z = normal_upper_quantile(Self::tail_of(level));
        Ok(Confidence { level, z })
    }

    fn percent_hint(level: f64) -> String {
        // Suggest the fraction spelled as a person would type it.
        format_significant(level / 100.0, 10)
    }

    fn tail_of(level: f64) -> f64 {
        (1.0 - level) / 2.0
    }

    /// The level c as a fraction.
    pub fn level(&self) -> f64 {
        self.level
    }

    /// α/2 = (1 − c)/2, the probability in each tail.
    pub fn tail(&self) -> f64 {
        Self::tail_of(self.level)
    }

    /// z_c, the standard normal quantile at 1 − α/2.
    pub fn z(&self) -> f64 {
        self.z
    }

    /// The label: c·100 with at most 10 significant digits, trailing zeros dropped, then "%".
    pub fn label(&self) -> String {
        format!("{}%", format_significant(self.level * 100.0, 10))
    }

    /// The suffix used in table column names: "95", "99_8".
    pub fn column_suffix(&self) -> String {
        format_significant(self.level * 100.0, 10).replace('.', "_")
    }

    /// 95%, the default level.
    ///
    /// # Panics
    /// Never: the default level is a valid fraction.
    pub fn default_level() -> Self {
        Confidence::new(crate::stats::defaults::CONFIDENCE).expect("0.95 is a valid level")
    }
}

impl TryFrom<f64> for Confidence {
    type Error = Error;
    fn try_from(v: f64) -> Result<Self> {
        Confidence::new(v)
    }
}

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.level
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Validates an optional level (None means "no interval").
///
/// # Errors
/// `invalid_confidence` as [`Confidence::new`].
pub fn confidence_opt(level: Option<f64>) -> Result<Option<Confidence>> {
    level.map(Confidence::new).transpose()
}

/// Joins the labels of several levels with ", " ("95%, 99.8%").
pub fn labels(levels: &[Confidence]) -> String {
    levels
        .iter()
        .map(Confidence::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Formats `v` with at most `digits` significant digits, dropping trailing zeros; no exponent.
pub(crate) fn format_significant(v: f64, digits: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = libm::floor(libm::log10(libm::fabs(v))) as i32;
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_spec() {
        assert_eq!(Confidence::new(0.95).unwrap().label(), "95%");
        assert_eq!(Confidence::new(0.998).unwrap().label(), "99.8%");
        assert_eq!(Confidence::new(0.901).unwrap().label(), "90.1%");
        assert_eq!(Confidence::new(0.998).unwrap().column_suffix(), "99_8");
        let both = [
            Confidence::new(0.95).unwrap(),
            Confidence::new(0.998).unwrap(),
        ];
        assert_eq!(labels(&both), "95%, 99.8%");
    }

    #[test]
    fn bad_levels_are_rejected_with_a_hint() {
        for bad in [0.0, 1.0, -0.5, f64::NAN, 95.0, 100.0, f64::INFINITY] {
            let e = Confidence::new(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_confidence", "{bad}");
        }
        let msg = Confidence::new(95.0).unwrap_err().to_string();
        assert!(msg.contains("use 0.95"), "{msg}");
    }

    #[test]
    fn serde_round_trip_validates() {
        let c: Confidence = serde_json::from_str("0.998").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "0.998");
        assert!(serde_json::from_str::<Confidence>("1.5").is_err());
    }
}
