//! GDP-deflator rebasing with the deflator vintage recorded (spec-economics-spc.md §1.4):
//! `value_target = value × deflator[target] / deflator[source]`.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DEFLATORS_JSON: &str = include_str!("../../data/economics/gdp-deflators.json");

/// A price index by year, with its vintage (the series is revised, so results record it).
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::DeflatorSeries;
/// let hmt = DeflatorSeries::hmt_december_2025();
/// assert_eq!(hmt.base_year, 2024);
/// assert_eq!(hmt.index[&2019], 81.1085);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeflatorSeries {
    /// Series name (`hmt_gdp_deflator`).
    pub name: String,
    /// The release the values come from.
    pub vintage: String,
    /// The year whose index is 100.
    pub base_year: i32,
    /// Where the values come from.
    #[serde(default)]
    pub source: String,
    /// Index value by year (finite, > 0).
    pub index: BTreeMap<i32, f64>,
}

#[derive(Deserialize)]
struct DeflatorFile {
    series: Vec<DeflatorSeries>,
}

/// A value moved from one price year to another, with the series that moved it.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::DeflatorSeries;
/// let r = DeflatorSeries::hmt_december_2025().rebase(1000.0, 2019, 2024)?;
/// assert!((r.value - 1232.916402).abs() < 1e-6);
/// assert_eq!(r.vintage, "December 2025 (Quarterly National Accounts)");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rebased {
    /// The value at `to_year` prices.
    pub value: f64,
    /// The price year of the input.
    pub from_year: i32,
    /// The price year of `value`.
    pub to_year: i32,
    /// The series used.
    pub series: String,
    /// Its vintage.
    pub vintage: String,
}

impl DeflatorSeries {
    /// The built-in HM Treasury GDP deflator, December 2025 QNA (2024 = 100). Only the years
    /// quoted in the specification are shipped (2019, 2022, 2024); load the full series with
    /// [`DeflatorSeries::from_json`].
    ///
    /// # Panics
    ///
    /// Never: the embedded data file is checked by the tests.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DeflatorSeries;
    /// assert_eq!(DeflatorSeries::hmt_december_2025().index.len(), 3);
    /// ```
    pub fn hmt_december_2025() -> DeflatorSeries {
        let file: DeflatorFile =
            serde_json::from_str(DEFLATORS_JSON).expect("the embedded deflator file parses");
        file.series
            .into_iter()
            .next()
            .expect("the embedded deflator file has a series")
    }

    /// A series from JSON (`{"name", "vintage", "base_year", "source", "index": {"2019": 81.1}}`).
    ///
    /// # Errors
    ///
    /// `invalid_definition` if it does not parse, has no years, or an index value is not finite
    /// and positive.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DeflatorSeries;
    /// let s = DeflatorSeries::from_json(r#"{"name": "mine", "vintage": "v1", "base_year": 2020,
    ///     "index": {"2020": 100, "2021": 104}}"#)?;
    /// assert!((s.rebase(100.0, 2021, 2020)?.value - 96.15384615384616).abs() < 1e-12);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<DeflatorSeries> {
        let s: DeflatorSeries =
            serde_json::from_str(json).map_err(|e| Error::InvalidDefinition {
                message: format!("deflator series: {e}"),
            })?;
        if s.index.is_empty() {
            return Err(Error::InvalidDefinition {
                message: format!("deflator series {:?} has no years", s.name),
            });
        }
        if let Some((y, v)) = s.index.iter().find(|(_, v)| !(v.is_finite() && **v > 0.0)) {
            return Err(Error::InvalidDefinition {
                message: format!("deflator series {:?}: index {v} for {y} is not > 0", s.name),
            });
        }
        Ok(s)
    }

    /// The index for a year.
    ///
    /// # Errors
    ///
    /// `unknown_price_year` when the series does not cover it.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DeflatorSeries;
    /// let s = DeflatorSeries::hmt_december_2025();
    /// assert_eq!(s.value(2024)?, 100.0);
    /// assert_eq!(s.value(1990).unwrap_err().code(), "unknown_price_year");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn value(&self, year: i32) -> Result<f64> {
        self.index
            .get(&year)
            .copied()
            .ok_or_else(|| Error::UnknownPriceYear {
                year,
                series: format!("{} ({})", self.name, self.vintage),
            })
    }

    /// Moves `value` from `from_year` prices to `to_year` prices:
    /// `value × index[to] / index[from]`.
    ///
    /// # Errors
    ///
    /// `non_finite` for a non-finite value; `unknown_price_year` for a year not covered.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::DeflatorSeries;
    /// let r = DeflatorSeries::hmt_december_2025().rebase(1000.0, 2019, 2022)?;
    /// assert!((r.value - 1115.795508).abs() < 1e-6);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn rebase(&self, value: f64, from_year: i32, to_year: i32) -> Result<Rebased> {
        super::discounting::check_flow("value", &[value])?;
        let from = self.value(from_year)?;
        let to = self.value(to_year)?;
        Ok(Rebased {
            value: value * to / from,
            from_year,
            to_year,
            series: self.name.clone(),
            vintage: self.vintage.clone(),
        })
    }
}
