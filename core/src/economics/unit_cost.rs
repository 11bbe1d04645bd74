//! Unit costs as data (spec-economics-spc.md §3–4): each a record of value, unit, price year,
//! source, edition and table, uprated with a named deflator vintage. No value is hard-coded in
//! code; the built-in sample table (`data/economics/unit-costs-sample.json`) holds only figures
//! stated in the specification, for examples and tests.

use super::deflator::DeflatorSeries;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

const SAMPLE_JSON: &str = include_str!("../../data/economics/unit-costs-sample.json");

/// One unit cost.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::UnitCostTable;
/// let t = UnitCostTable::sample();
/// let c = t.get("reablement_episode")?;
/// assert_eq!((c.value, c.unit.as_str(), c.price_year), (2088.0, "GBP per episode", 2010));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitCost {
    /// Stable code within the table.
    pub code: String,
    /// What the cost is.
    #[serde(default)]
    pub description: String,
    /// The value (finite, ≥ 0) at `price_year` prices.
    pub value: f64,
    /// Its unit (`GBP per hour`, `GBP per week`, …).
    pub unit: String,
    /// Price year of `value`.
    pub price_year: i32,
    /// Publication the value comes from.
    pub source: String,
    /// Edition of the publication.
    #[serde(default)]
    pub edition: String,
    /// Table within the publication.
    #[serde(default)]
    pub table: String,
    /// Caveats (confidence, assumptions).
    #[serde(default)]
    pub note: String,
    /// If uprated: the deflator series and vintage used.
    #[serde(default)]
    pub uprated_with: Option<String>,
}

/// A table of unit costs with its provenance.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::UnitCostTable;
/// assert!(UnitCostTable::sample().costs.len() >= 4);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitCostTable {
    /// Table name.
    pub name: String,
    /// Table version.
    pub version: String,
    /// What the table is (and is not).
    #[serde(default)]
    pub about: String,
    /// The costs.
    pub costs: Vec<UnitCost>,
}

impl UnitCostTable {
    /// The built-in sample table (figures stated in the specification only; not current costs).
    ///
    /// # Panics
    ///
    /// Never: the embedded data file is checked by the tests.
    pub fn sample() -> UnitCostTable {
        UnitCostTable::from_json(SAMPLE_JSON).expect("the embedded unit-cost sample is valid")
    }

    /// A table from JSON (`{"name", "version", "costs": [{"code", "value", "unit", "price_year",
    /// "source", ...}]}`).
    ///
    /// # Errors
    ///
    /// `invalid_definition` if it does not parse, a code repeats, or a value is negative or not
    /// finite.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::UnitCostTable;
    /// let e = UnitCostTable::from_json(r#"{"name": "t", "version": "1", "costs": [
    ///   {"code": "a", "value": -1, "unit": "GBP", "price_year": 2024, "source": "s"}]}"#);
    /// assert_eq!(e.unwrap_err().code(), "invalid_definition");
    /// ```
    pub fn from_json(json: &str) -> Result<UnitCostTable> {
        let t: UnitCostTable =
            serde_json::from_str(json).map_err(|e| Error::InvalidDefinition {
                message: format!("unit-cost table: {e}"),
            })?;
        let mut seen = std::collections::HashSet::new();
        for c in &t.costs {
            if !seen.insert(c.code.as_str()) {
                return Err(Error::InvalidDefinition {
                    message: format!("unit-cost table {:?}: code {:?} repeats", t.name, c.code),
                });
            }
            if !(c.value.is_finite() && c.value >= 0.0) {
                return Err(Error::InvalidDefinition {
                    message: format!(
                        "unit-cost table {:?}: {:?} has value {}",
                        t.name, c.code, c.value
                    ),
                });
            }
        }
        Ok(t)
    }

    /// A cost by code.
    ///
    /// # Errors
    ///
    /// `invalid_option` for a code not in the table.
    pub fn get(&self, code: &str) -> Result<&UnitCost> {
        self.costs
            .iter()
            .find(|c| c.code == code)
            .ok_or_else(|| Error::InvalidOption {
                option: "unit_cost",
                value: code.to_owned(),
                expected: "a code of the unit-cost table",
            })
    }
}

impl UnitCost {
    /// The cost at `to_year` prices, uprated with `deflator` (value × index\[to\] / index\[from\]),
    /// recording the series and vintage.
    ///
    /// # Errors
    ///
    /// `unknown_price_year` when the series does not cover both years.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::{DeflatorSeries, UnitCost};
    /// let c = UnitCost { code: "x".into(), description: String::new(), value: 1000.0,
    ///     unit: "GBP".into(), price_year: 2019, source: "example".into(), edition: String::new(),
    ///     table: String::new(), note: String::new(), uprated_with: None };
    /// let up = c.uprate(&DeflatorSeries::hmt_december_2025(), 2024)?;
    /// assert!((up.value - 1232.916402).abs() < 1e-6);
    /// assert_eq!(up.price_year, 2024);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn uprate(&self, deflator: &DeflatorSeries, to_year: i32) -> Result<UnitCost> {
        let r = deflator.rebase(self.value, self.price_year, to_year)?;
        Ok(UnitCost {
            value: r.value,
            price_year: to_year,
            uprated_with: Some(format!(
                "{} ({}) from {} prices",
                r.series, r.vintage, self.price_year
            )),
            ..self.clone()
        })
    }
}
