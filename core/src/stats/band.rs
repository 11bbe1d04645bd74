//! Age bands and standard populations, joined by band key — never by row position
//! (spec-statistics.md §2.5; the lesson of PHEindicatormethods issue #31).

use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A band key parsed from a label.
///
/// Accepted labels: "0-4" or "00-04" (both bounds checked), "90+" (open), an integer lower bound
/// ("5", matched to the standard band that starts at 5), or — for custom standards only — any other
/// text, matched exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandKey {
    /// A closed age range, both ends inclusive, in years.
    Range(u32, u32),
    /// An open-ended band "N+".
    Open(u32),
    /// A bare integer lower bound.
    Lower(u32),
    /// Free text (custom standards).
    Label(String),
}

impl BandKey {
    /// Parses a label.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::stats::BandKey;
    /// assert_eq!(BandKey::parse("05-09"), BandKey::Range(5, 9));
    /// assert_eq!(BandKey::parse("90+"), BandKey::Open(90));
    /// assert_eq!(BandKey::parse("65"), BandKey::Lower(65));
    /// assert_eq!(BandKey::parse("Inner London"), BandKey::Label("Inner London".into()));
    /// ```
    pub fn parse(label: &str) -> BandKey {
        let t = label.trim();
        let num = |s: &str| -> Option<u32> {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        if let Some(stripped) = t.strip_suffix('+')
            && let Some(v) = num(stripped)
        {
            return BandKey::Open(v);
        }
        if let Some((a, b)) = t.split_once('-')
            && let (Some(a), Some(b)) = (num(a), num(b))
        {
            return BandKey::Range(a, b);
        }
        if let Some(v) = num(t) {
            return BandKey::Lower(v);
        }
        BandKey::Label(t.to_owned())
    }

    /// True when this (input) key names the band `declared` of a band set: equal keys, or a bare
    /// lower bound equal to the declared band's lower bound.
    pub fn matches(&self, declared: &BandKey) -> bool {
        match (self, declared) {
            (BandKey::Lower(a), BandKey::Range(b, _) | BandKey::Open(b)) => a == b,
            _ => self == declared,
        }
    }

    /// The lower age bound, when the key is an age band.
    pub fn lower_age(&self) -> Option<u32> {
        match self {
            BandKey::Range(a, _) | BandKey::Open(a) | BandKey::Lower(a) => Some(*a),
            BandKey::Label(_) => None,
        }
    }
}

impl fmt::Display for BandKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BandKey::Range(a, b) => write!(f, "{a}-{b}"),
            BandKey::Open(a) => write!(f, "{a}+"),
            BandKey::Lower(a) => write!(f, "{a}"),
            BandKey::Label(s) => f.write_str(s),
        }
    }
}

/// A range of ages, both ends inclusive; `to = None` means no upper limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    /// First age included.
    pub from: u32,
    /// Last age included, or None for all older ages.
    pub to: Option<u32>,
}

impl AgeRange {
    /// All ages.
    pub const ALL: AgeRange = AgeRange { from: 0, to: None };

    fn contains(&self, key: &BandKey) -> bool {
        match key {
            BandKey::Range(a, b) => *a >= self.from && self.to.is_none_or(|t| *b <= t),
            BandKey::Open(a) => *a >= self.from && self.to.is_none(),
            BandKey::Lower(_) | BandKey::Label(_) => true,
        }
    }
}

/// A standard population: named bands with weights.
///
/// # Examples
///
/// ```
/// use care_outcomes::stats::Standard;
/// let esp = Standard::named("esp2013")?;
/// assert_eq!(esp.bands().len(), 19);
/// assert_eq!(esp.total_weight(), 100_000.0);
/// assert_eq!(Standard::named("esp1976").unwrap_err().code(), "unknown_standard");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standard {
    name: String,
    bands: Vec<(BandKey, f64)>,
}

/// Names of the built-in standards.
pub const KNOWN_STANDARDS: &[&str] = &["esp2013"];

/// European Standard Population 2013, 19 bands (0–4, 5–9, …, 85–89, 90+); total 100,000.
/// Source: Eurostat (2013), *Revision of the European Standard Population*, with 0 and 1–4 merged
/// and 90–94 and 95+ merged, as both peer packages use it.
const ESP2013: [f64; 19] = [
    5000.0, 5500.0, 5500.0, 5500.0, 6000.0, 6000.0, 6500.0, 7000.0, 7000.0, 7000.0, 7000.0, 6500.0,
    6000.0, 5500.0, 5000.0, 4000.0, 2500.0, 1500.0, 1000.0,
];

impl Standard {
    /// A built-in standard by name ("esp2013").
    ///
    /// # Errors
    /// `unknown_standard`.
    pub fn named(name: &str) -> Result<Standard> {
        match name.to_ascii_lowercase().as_str() {
            "esp2013" | "esp_2013" | "esp 2013" => Ok(Self::esp2013()),
            _ => Err(Error::UnknownStandard {
                name: name.to_owned(),
                known: KNOWN_STANDARDS.join(", "),
            }),
        }
    }

    /// The European Standard Population 2013 (19 bands).
    pub fn esp2013() -> Standard {
        let mut bands: Vec<(BandKey, f64)> = (0..18)
            .map(|i| (BandKey::Range(5 * i, 5 * i + 4), ESP2013[i as usize]))
            .collect();
        bands.push((BandKey::Open(90), ESP2013[18]));
        Standard {
            name: "esp2013".to_owned(),
            bands,
        }
    }

    /// A custom standard from labels and weights. Labels that parse as age bands ("0-4", "90+")
    /// are matched as age bands; other labels are matched exactly.
    ///
    /// # Errors
    /// `length_mismatch`, `empty_input`, `duplicate_band`, `negative_value`, `non_finite`,
    /// `unknown_band` for a bare integer label (a custom band needs both bounds).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::stats::Standard;
    /// let s = Standard::custom("two bands", &["18-64", "65+"], &[60.0, 40.0])?;
    /// assert_eq!(s.total_weight(), 100.0);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn custom(name: &str, labels: &[&str], weights: &[f64]) -> Result<Standard> {
        crate::stats::estimate::check_lengths("weights", labels.len(), weights.len())?;
        if labels.is_empty() {
            return Err(Error::EmptyInput {
                what: "a standard needs at least one band",
            });
        }
        let mut bands: Vec<(BandKey, f64)> = Vec::with_capacity(labels.len());
        for (i, (l, &w)) in labels.iter().zip(weights).enumerate() {
            let key = BandKey::parse(l);
            if let BandKey::Lower(_) = key {
                return Err(Error::UnknownBand {
                    label: (*l).to_owned(),
                    hint: "a custom standard's age band needs both bounds (\"65-74\") or \"N+\""
                        .to_owned(),
                    at: Location::row(i),
                });
            }
            if !w.is_finite() {
                return Err(Error::NonFinite {
                    field: "weight",
                    value: w,
                    at: Location::row(i),
                });
            }
            if w < 0.0 {
                return Err(Error::NegativeValue {
                    field: "weight",
                    value: w,
                    at: Location::row(i),
                });
            }
            if bands.iter().any(|(k, _)| *k == key) {
                return Err(Error::DuplicateBand {
                    label: (*l).to_owned(),
                    at: Location::row(i),
                });
            }
            bands.push((key, w));
        }
        Ok(Standard {
            name: name.to_owned(),
            bands,
        })
    }

    /// The standard's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The bands and their weights, in the standard's order.
    pub fn bands(&self) -> &[(BandKey, f64)] {
        &self.bands
    }

    /// Σ of all weights.
    pub fn total_weight(&self) -> f64 {
        self.bands.iter().map(|(_, w)| w).sum()
    }

    /// Indices of the bands inside an age range.
    pub fn bands_in(&self, range: AgeRange) -> Vec<usize> {
        (0..self.bands.len())
            .filter(|&i| range.contains(&self.bands[i].0))
            .collect()
    }

    /// The index of the standard band a label names.
    ///
    /// # Errors
    /// `unknown_band`, saying which labels the standard has.
    pub fn resolve(&self, label: &str, at: &Location) -> Result<usize> {
        let key = BandKey::parse(label);
        let found = self.bands.iter().position(|(k, _)| key.matches(k));
        found.ok_or_else(|| Error::UnknownBand {
            label: label.to_owned(),
            hint: format!(
                "the bands of standard {:?} are {}",
                self.name,
                self.band_list()
            ),
            at: at.clone(),
        })
    }

    fn band_list(&self) -> String {
        let labels: Vec<String> = self.bands.iter().map(|(k, _)| k.to_string()).collect();
        if labels.len() > 6 {
            format!(
                "{}, {}, {}, …, {}",
                labels[0],
                labels[1],
                labels[2],
                labels[labels.len() - 1]
            )
        } else {
            labels.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_checked_on_both_bounds() {
        let esp = Standard::esp2013();
        let at = Location::NONE;
        assert_eq!(esp.resolve("55-59", &at).unwrap(), 11);
        assert_eq!(esp.resolve("00-04", &at).unwrap(), 0);
        assert_eq!(esp.resolve("90+", &at).unwrap(), 18);
        assert_eq!(esp.resolve("90", &at).unwrap(), 18);
        // The typo in R's own test workbook is rejected, not mapped by rank.
        assert_eq!(
            esp.resolve("55-69", &at).unwrap_err().code(),
            "unknown_band"
        );
        assert_eq!(esp.resolve("3", &at).unwrap_err().code(), "unknown_band");
    }

    #[test]
    fn age_ranges_select_bands() {
        let esp = Standard::esp2013();
        assert_eq!(esp.bands_in(AgeRange::ALL).len(), 19);
        assert_eq!(
            esp.bands_in(AgeRange {
                from: 0,
                to: Some(74)
            })
            .len(),
            15
        );
        assert_eq!(esp.bands_in(AgeRange { from: 65, to: None }).len(), 6);
    }
}
