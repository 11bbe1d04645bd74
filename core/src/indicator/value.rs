//! [`Value`]: an indicator computed from counts, recording the definition, method and level that
//! produced it, and [`evaluate_counts`] which computes one.

use crate::error::{Error, Result};
use crate::indicator::{Decimal, Definition, IntervalMethod};
use crate::stats::{
    self, Confidence, Estimate, Method, PoissonMethod, ProportionMethod, ProportionOptions,
    RateOptions, Reason,
};
use serde::{Deserialize, Serialize};

/// Something a reader of a value should know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Flag {
    /// The published value is withheld by the definition's disclosure rule.
    Suppressed,
    /// The denominator is below the definition's disclosure threshold.
    SmallDenominator,
    /// The definition is provisional.
    ProvisionalDefinition,
}

/// A computed indicator value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The definition's id.
    pub definition_id: String,
    /// The definition's framework version.
    pub definition_version: String,
    /// The definition's revision.
    pub definition_revision: u32,
    /// The value (× multiplier), unrounded.
    pub value: Option<f64>,
    /// Lower limit.
    pub lower: Option<f64>,
    /// Upper limit.
    pub upper: Option<f64>,
    /// The level of the interval.
    pub confidence: Option<Confidence>,
    /// The interval method used.
    pub method: Option<Method>,
    /// The numerator.
    pub numerator: u64,
    /// The denominator.
    pub denominator: u64,
    /// The value rounded by the definition's rule (None when null or suppressed).
    pub published: Option<Decimal>,
    /// Flags.
    pub flags: Vec<Flag>,
    /// Why the value is null.
    pub reason: Option<Reason>,
}

/// Computes a definition from integer counts: value and interval by the definition's method,
/// published value by its rounding rule (on the exact rational), flags by its disclosure rule.
///
/// # Errors
/// `numerator_exceeds_denominator` for proportion measures, `invalid_confidence`,
/// `invalid_definition`.
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::{evaluate_counts, Definition};
/// # let json = r#"{"id":"ascof-legacy/2B1","framework":"ascof","version":"legacy","code":"2B(1)",
/// #  "title":"t","numerator":"n","denominator":"d","unit":"percent","multiplier":100,
/// #  "polarity":"higher_is_better","method":"wilson","source":{"data":["SALT"],"publication":"p"}}"#;
/// let def = Definition::from_json(json)?;
/// let v = evaluate_counts(&def, 105, 129, Some(0.95))?;
/// assert_eq!(v.published.unwrap().to_string(), "81.4");
/// assert!(v.lower.unwrap() < 81.4 && 81.4 < v.upper.unwrap());
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn evaluate_counts(
    def: &Definition,
    numerator: u64,
    denominator: u64,
    confidence: Option<f64>,
) -> Result<Value> {
    def.validate()?;
    let (x, n, m) = (numerator as f64, denominator as f64, def.multiplier as f64);
    let est: Estimate = match def.method {
        IntervalMethod::Wilson | IntervalMethod::ClopperPearson | IntervalMethod::None
            if matches!(
                def.unit,
                crate::indicator::Unit::Percent | crate::indicator::Unit::Proportion
            ) =>
        {
            let method = if def.method == IntervalMethod::ClopperPearson {
                ProportionMethod::ClopperPearson
            } else {
                ProportionMethod::Wilson
            };
            let conf = if def.method == IntervalMethod::None {
                None
            } else {
                confidence
            };
            stats::proportion(
                x,
                n,
                &ProportionOptions {
                    confidence: conf,
                    multiplier: m,
                    method,
                    ..Default::default()
                },
            )?
        }
        _ => {
            let (method, conf) = match def.method {
                IntervalMethod::ExactPoisson => (PoissonMethod::Exact, confidence),
                IntervalMethod::None => (PoissonMethod::Byar, None),
                _ => (PoissonMethod::Byar, confidence),
            };
            stats::rate(
                x,
                n,
                &RateOptions {
                    confidence: conf,
                    multiplier: m,
                    method,
                    ..Default::default()
                },
            )?
        }
    };
    let mut flags = Vec::new();
    if def.provisional {
        flags.push(Flag::ProvisionalDefinition);
    }
    let mut suppressed = false;
    if let Some(rule) = def.disclosure
        && let Some(min) = rule.suppress_below
        && denominator < min
    {
        flags.push(Flag::SmallDenominator);
        flags.push(Flag::Suppressed);
        suppressed = true;
    }
    let published = if denominator == 0 || suppressed {
        None
    } else {
        let scaled = u128::from(numerator)
            .checked_mul(u128::from(def.multiplier))
            .ok_or_else(|| Error::InvalidDefinition {
                message: format!("{}: numerator × multiplier overflows", def.id),
            })?;
        Some(def.rounding.round_ratio(scaled, u128::from(denominator))?)
    };
    Ok(Value {
        definition_id: def.id.clone(),
        definition_version: def.version.clone(),
        definition_revision: def.revision,
        value: est.value,
        lower: est.lower,
        upper: est.upper,
        confidence: est.confidence,
        method: est.method,
        numerator,
        denominator,
        published,
        flags,
        reason: est.reason,
    })
}
