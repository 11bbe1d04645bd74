//! The ASCOT preference weights and the 1J adjustment coefficients, as versioned data with
//! provenance (`data/ascot-weights.json`, embedded with `include_str!`), checked on load against
//! the published check values of the index (spec-economics-spc.md §6.3).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The built-in weights file.
///
/// # Examples
///
/// ```
/// assert!(care_outcomes::survey::ASCOT_WEIGHTS_JSON.contains("\"version\": \"2012.1\""));
/// ```
pub const ASCOT_WEIGHTS_JSON: &str = include_str!("data/ascot-weights.json");

/// Where a weight set comes from.
///
/// # Examples
///
/// ```
/// let p = &care_outcomes::survey::AscotWeights::builtin().provenance;
/// assert!(p.licence.contains("University of Kent"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightsProvenance {
    /// Source of the domain weights.
    pub weights: String,
    /// Source of the 1J adjustment.
    pub adjustment: String,
    /// Licence terms.
    pub licence: String,
    /// Confidence tag of the spec (`H`, `M`, `L`).
    pub confidence: String,
}

/// The index scale: `index = scale × Σ weights + offset`, with the all-level check values.
///
/// # Examples
///
/// ```
/// let i = &care_outcomes::survey::AscotWeights::builtin().index;
/// assert_eq!((i.scale, i.offset), (0.203, -0.466));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexScale {
    /// Multiplier of the weight sum (0.203).
    pub scale: f64,
    /// Constant (−0.466).
    pub offset: f64,
    /// The index with every domain at level "1" … "4", to 6 dp.
    pub check_values: std::collections::BTreeMap<String, f64>,
}

/// The weights of one domain, by level (code 1 ideal … 4 high needs).
///
/// # Examples
///
/// ```
/// let d = &care_outcomes::survey::AscotWeights::builtin().items[4];
/// assert_eq!((d.question.as_str(), d.weights[0]), ("q7a", 0.88));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainWeights {
    /// The ASCS question (`q3a`).
    pub question: String,
    /// The ASCOT domain.
    pub domain: String,
    /// Weights of codes 1–4.
    pub weights: [f64; 4],
}

/// The 1J adjustment: expected quality of life without services (NHS pipeline).
///
/// # Examples
///
/// ```
/// let a = &care_outcomes::survey::AscotWeights::builtin().adjustment;
/// assert_eq!((a.age_65_plus, a.assistance_intercept), (0.0473, 0.5798));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Terms of q13 codes 1–5.
    pub q13: [f64; 5],
    /// Terms of q17 codes 1–5.
    pub q17: [f64; 5],
    /// Terms of q18 codes 1–4.
    pub q18: [f64; 4],
    /// Added for people aged 65+.
    pub age_65_plus: f64,
    /// Intercept of the assistance term.
    pub assistance_intercept: f64,
    /// Slope of the assistance term per assistance count.
    pub assistance_slope: f64,
}

/// A versioned ASCOT weight set.
///
/// # Examples
///
/// ```
/// use care_outcomes::survey::AscotWeights;
/// let w = AscotWeights::builtin();
/// assert_eq!(w.version, "2012.1");
/// assert_eq!(w.items[0].question, "q3a");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AscotWeights {
    /// Stable id.
    pub id: String,
    /// Version of the data.
    pub version: String,
    /// Title.
    pub title: String,
    /// Provenance and licence.
    pub provenance: WeightsProvenance,
    /// Index scale and check values.
    pub index: IndexScale,
    /// The eight domains in the order q3a, q4a, q5a, q6a, q7a, q8a, q9a, q11.
    pub items: Vec<DomainWeights>,
    /// The 1J adjustment.
    pub adjustment: Adjustment,
}

const ORDER: [&str; 8] = ["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"];

impl AscotWeights {
    /// Parses and checks a weight set: eight domains in NHS order, and the index at every level
    /// equal to its check value to 6 dp.
    ///
    /// # Errors
    /// `invalid_definition` when the JSON does not parse, the domains are not q3a…q11 in order,
    /// or a check value is not reproduced.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::survey::{AscotWeights, ASCOT_WEIGHTS_JSON};
    /// let broken = ASCOT_WEIGHTS_JSON.replace("0.919", "0.5");
    /// assert_eq!(AscotWeights::from_json(&broken).unwrap_err().code(), "invalid_definition");
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let w: AscotWeights = serde_json::from_str(text).map_err(|e| Error::InvalidDefinition {
            message: format!("ASCOT weights: {e}"),
        })?;
        let order: Vec<&str> = w.items.iter().map(|i| i.question.as_str()).collect();
        if order != ORDER {
            return Err(Error::InvalidDefinition {
                message: format!("ASCOT weights: domains must be {ORDER:?}, found {order:?}"),
            });
        }
        for level in 1..=4u8 {
            let expected = w
                .index
                .check_values
                .get(&level.to_string())
                .copied()
                .ok_or_else(|| Error::InvalidDefinition {
                    message: format!("ASCOT weights: no check value for level {level}"),
                })?;
            let got = w.index_unchecked([level; 8]);
            if (got - expected).abs() > 5e-7 {
                return Err(Error::InvalidDefinition {
                    message: format!(
                        "ASCOT weights: index at level {level} is {got}, check value {expected}"
                    ),
                });
            }
        }
        Ok(w)
    }

    /// The built-in England SCT4 weights (checked once, on first use).
    pub fn builtin() -> &'static AscotWeights {
        static W: OnceLock<AscotWeights> = OnceLock::new();
        W.get_or_init(|| {
            AscotWeights::from_json(ASCOT_WEIGHTS_JSON)
                .unwrap_or_else(|e| unreachable!("built-in ASCOT weights fail their check: {e}"))
        })
    }

    /// The weight of a code (1–4) of domain `i` (0–7).
    fn weight(&self, i: usize, code: u8) -> f64 {
        self.items[i].weights[usize::from(code - 1)]
    }

    /// The weight sum of eight valid codes, added left to right as the NHS code does.
    fn weight_sum(&self, codes: [u8; 8]) -> f64 {
        let mut s = 0.0;
        for (i, c) in codes.into_iter().enumerate() {
            s += self.weight(i, c);
        }
        s
    }

    /// The index of eight codes already known to be 1–4.
    pub(crate) fn index_unchecked(&self, codes: [u8; 8]) -> f64 {
        self.weight_sum(codes) * self.index.scale + self.index.offset
    }

    /// The preference-weighted index `scale × Σ w + offset` (≈ −0.17 to 1) of the eight codes
    /// (q3a, q4a, q5a, q6a, q7a, q8a, q9a, q11; 1 ideal … 4 high needs), the weights added left
    /// to right as the NHS code does.
    ///
    /// # Errors
    /// `invalid_response` for a code outside 1–4.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::survey::AscotWeights;
    /// let w = AscotWeights::builtin();
    /// // spec-economics-spc.md §6.3: (1,2,1,1,3,2,3,2) → 0.707543.
    /// assert!((w.index_of([1, 2, 1, 1, 3, 2, 3, 2])? - 0.707543).abs() < 5e-7);
    /// assert_eq!(w.index_of([0; 8]).unwrap_err().code(), "invalid_response");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn index_of(&self, codes: [u8; 8]) -> Result<f64> {
        for (i, c) in codes.into_iter().enumerate() {
            if !(1..=4).contains(&c) {
                return Err(Error::InvalidResponse {
                    question: ORDER[i].to_owned(),
                    value: f64::from(c),
                    expected: "1 to 4",
                    at: crate::error::Location::NONE,
                });
            }
        }
        Ok(self.index_unchecked(codes))
    }
}
