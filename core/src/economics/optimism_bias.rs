//! Optimism bias (spec-economics-spc.md §1.5 and §3): costs uplifted, benefits reduced, each by
//! `OB × (1 − mitigation)`. The Green Book upper bounds (Mott MacDonald 2002) and the GMCA
//! confidence-grade corrections are data (`data/economics/optimism-bias.json`).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

const OB_JSON: &str = include_str!("../../data/economics/optimism-bias.json");

/// An optimism-bias adjustment: a rate (≥ 0; 0.24 = 24%) and the share of it mitigated.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::OptimismBias;
/// // OB01: capex £1m, standard buildings upper bound 24%.
/// let ob = OptimismBias { rate: 0.24, mitigation: 0.5 };
/// assert!((ob.uplift_cost(1_000_000.0)? - 1_120_000.0).abs() < 1e-6);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OptimismBias {
    /// The optimism-bias rate (finite, ≥ 0; may exceed 1 for costs, e.g. 200% for equipment).
    pub rate: f64,
    /// The share of the bias mitigated, in [0, 1].
    #[serde(default)]
    pub mitigation: f64,
}

impl OptimismBias {
    /// An unmitigated adjustment.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias::new(0.1).mitigation, 0.0);
    /// ```
    pub fn new(rate: f64) -> OptimismBias {
        OptimismBias {
            rate,
            mitigation: 0.0,
        }
    }

    /// Checks the rate (finite, ≥ 0) and the mitigation (in [0, 1]).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// let bad = OptimismBias { rate: 0.2, mitigation: 1.5 };
    /// assert_eq!(bad.validate().unwrap_err().code(), "invalid_adjustment");
    /// ```
    pub fn validate(&self) -> Result<()> {
        if !self.rate.is_finite() {
            return Err(Error::NonFinite {
                field: "optimism_bias",
                value: self.rate,
                at: crate::Location::NONE,
            });
        }
        if self.rate < 0.0 {
            return Err(Error::NegativeValue {
                field: "optimism_bias",
                value: self.rate,
                at: crate::Location::NONE,
            });
        }
        check_share("mitigation", self.mitigation)?;
        Ok(())
    }

    /// The effective share `OB × (1 − mitigation)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias { rate: 0.24, mitigation: 0.5 }.effective(), 0.12);
    /// ```
    pub fn effective(&self) -> f64 {
        self.rate * (1.0 - self.mitigation)
    }

    /// A cost uplifted: `base × (1 + OB × (1 − mitigation))`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias::new(0.24).uplift_cost(1_000_000.0)?, 1_240_000.0);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn uplift_cost(&self, base: f64) -> Result<f64> {
        self.validate()?;
        Ok(base * (1.0 + self.effective()))
    }

    /// A benefit reduced: `base × (1 − OB × (1 − mitigation))`, with the effective share at most 1.
    ///
    /// # Errors
    ///
    /// `invalid_adjustment` when the effective reduction exceeds 1 (a benefit cannot turn
    /// negative through optimism bias).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias::new(0.1).reduce_benefit(128_000.0)?, 115_200.0);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn reduce_benefit(&self, base: f64) -> Result<f64> {
        self.validate()?;
        check_share("optimism_bias", self.effective())?;
        Ok(base * (1.0 - self.effective()))
    }

    /// The GMCA-style correction for a data-confidence grade 1–6 (UNVERIFIED table, shipped
    /// as data: 0%, 5%, 10%, 15%, 25%, 40%).
    ///
    /// # Errors
    ///
    /// `invalid_option` for a grade outside 1–6.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias::gmca_grade(3)?.rate, 0.10);
    /// assert_eq!(OptimismBias::gmca_grade(7).unwrap_err().code(), "invalid_option");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn gmca_grade(grade: u8) -> Result<OptimismBias> {
        tables()
            .gmca_confidence_grades
            .grades
            .iter()
            .find(|g| g.grade == grade)
            .map(|g| OptimismBias::new(g.correction))
            .ok_or_else(|| Error::InvalidOption {
                option: "confidence_grade",
                value: grade.to_string(),
                expected: "1, 2, 3, 4, 5, 6",
            })
    }

    /// The Green Book capex upper bound for a project category (Mott MacDonald 2002).
    ///
    /// # Errors
    ///
    /// `invalid_option` for an unknown category.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::economics::OptimismBias;
    /// assert_eq!(OptimismBias::green_book_capex("standard_buildings")?.rate, 0.24);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn green_book_capex(category: &str) -> Result<OptimismBias> {
        green_book_bounds()
            .into_iter()
            .find(|c| c.category == category)
            .map(|c| OptimismBias::new(c.capex))
            .ok_or_else(|| Error::InvalidOption {
                option: "optimism_bias_category",
                value: category.to_owned(),
                expected: "standard_buildings, non_standard_buildings, standard_civil_engineering, non_standard_civil_engineering, equipment_development, outsourcing",
            })
    }
}

/// One row of the Green Book optimism-bias upper bounds.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::green_book_bounds;
/// let b = green_book_bounds();
/// assert_eq!(b[0].category, "standard_buildings");
/// assert_eq!(b[0].works_duration, 0.04);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimismBiasBound {
    /// Project category.
    pub category: String,
    /// Upper bound for works duration.
    pub works_duration: f64,
    /// Upper bound for capital expenditure.
    pub capex: f64,
    /// Confidence of the figures.
    pub confidence: String,
}

/// The Green Book upper bounds, from the embedded data.
pub fn green_book_bounds() -> Vec<OptimismBiasBound> {
    tables().green_book_upper_bounds.categories
}

#[derive(Deserialize)]
struct Tables {
    green_book_upper_bounds: Bounds,
    gmca_confidence_grades: Grades,
}

#[derive(Deserialize)]
struct Bounds {
    categories: Vec<OptimismBiasBound>,
}

#[derive(Deserialize)]
struct Grades {
    grades: Vec<Grade>,
}

#[derive(Deserialize)]
struct Grade {
    grade: u8,
    correction: f64,
}

fn tables() -> Tables {
    serde_json::from_str(OB_JSON).expect("the embedded optimism-bias file parses")
}

/// Checks that a share (deadweight, attribution, mitigation, …) is in [0, 1].
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::check_share;
/// assert!(check_share("deadweight", 0.35).is_ok());
/// assert_eq!(check_share("deadweight", 1.2).unwrap_err().code(), "invalid_adjustment");
/// ```
pub fn check_share(field: &'static str, value: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidAdjustment { field, value })
    }
}
