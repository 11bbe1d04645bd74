//! [`Value`]: an indicator computed from counts, recording the definition, method and level that
//! produced it, and [`evaluate_counts`] which computes one.

use crate::error::{Error, Result};
use crate::indicator::{Calculation, Decimal, Definition, IntervalMethod, Unit};
use crate::stats::confidence::confidence_opt;
use crate::stats::{Confidence, Estimate, Method, PoissonMethod, ProportionMethod, Reason};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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
    /// A survey measure formed from aggregate weighted counts: the published estimate needs
    /// respondent-level data (spec-ascof.md §1 rule 3), so this value is approximate and has no
    /// margin of error.
    WeightedSurveyCounts,
}

impl Flag {
    /// The flag's stable code, as serde writes it ("suppressed", "small_denominator",
    /// "provisional_definition", "weighted_survey_counts").
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::indicator::Flag;
    /// assert_eq!(Flag::SmallDenominator.code(), "small_denominator");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Flag::Suppressed => "suppressed",
            Flag::SmallDenominator => "small_denominator",
            Flag::ProvisionalDefinition => "provisional_definition",
            Flag::WeightedSurveyCounts => "weighted_survey_counts",
        }
    }
}

/// The flags of a value: each at most once, in the order raised, kept inline (a value needs
/// no allocation for its flags). Reads as a slice (`contains`, `iter`, `is_empty`, `len`);
/// serde writes it as the array of codes, as a `Vec<Flag>` was written.
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::{Flag, Flags};
/// let mut f = Flags::new();
/// f.push(Flag::SmallDenominator);
/// f.push(Flag::Suppressed);
/// f.push(Flag::Suppressed); // already raised: kept once
/// assert_eq!(&f[..], [Flag::SmallDenominator, Flag::Suppressed]);
/// assert!(f.contains(&Flag::Suppressed));
/// let json = serde_json::to_string(&f).unwrap();
/// assert_eq!(json, r#"["small_denominator","suppressed"]"#);
/// assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), f);
/// assert_eq!(Flags::new(), [Flag::Suppressed].into_iter().filter(|_| false).collect());
/// ```
#[derive(Clone)]
pub struct Flags {
    items: [Flag; Flags::CAPACITY],
    len: u8,
}

impl Flags {
    /// Room for every kind of flag (twice the kinds there are today), so a push never fails.
    const CAPACITY: usize = 8;

    /// No flags.
    ///
    /// ```
    /// assert!(care_outcomes::indicator::Flags::new().is_empty());
    /// ```
    pub fn new() -> Flags {
        Flags {
            items: [Flag::Suppressed; Flags::CAPACITY],
            len: 0,
        }
    }

    /// Raises `flag` (a flag already raised is kept once, where it was). There is room for
    /// every kind of flag, so none is ever left out.
    ///
    /// ```
    /// use care_outcomes::indicator::{Flag, Flags};
    /// let mut f = Flags::new();
    /// f.push(Flag::ProvisionalDefinition);
    /// assert_eq!(&f[..], [Flag::ProvisionalDefinition]);
    /// ```
    pub fn push(&mut self, flag: Flag) {
        let len = usize::from(self.len);
        if self.contains(&flag) || len == Flags::CAPACITY {
            return;
        }
        self.items[len] = flag;
        self.len += 1;
    }
}

// Every kind of flag must fit `Flags`: a new kind makes this match fail to compile until it is
// listed (with the next index), and the assertion then checks the room.
const _: () = {
    const fn index(f: Flag) -> usize {
        match f {
            Flag::Suppressed => 0,
            Flag::SmallDenominator => 1,
            Flag::ProvisionalDefinition => 2,
            Flag::WeightedSurveyCounts => 3,
        }
    }
    assert!(index(Flag::WeightedSurveyCounts) < Flags::CAPACITY);
};

impl Default for Flags {
    fn default() -> Self {
        Flags::new()
    }
}

impl std::ops::Deref for Flags {
    type Target = [Flag];

    fn deref(&self) -> &[Flag] {
        &self.items[..usize::from(self.len)]
    }
}

impl PartialEq for Flags {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Flags {}

impl std::hash::Hash for Flags {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for Flags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Self {
        let mut f = Flags::new();
        for flag in iter {
            f.push(flag);
        }
        f
    }
}

impl Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Vec::<Flag>::deserialize(d)?.into_iter().collect())
    }
}

/// A computed indicator value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The definition's id.
    pub definition_id: Arc<str>,
    /// The definition's framework version.
    pub definition_version: Arc<str>,
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
    /// The denominator (for a relative difference, the reference figure); `None` for a count
    /// measure, which has none (`null` in JSON).
    pub denominator: Option<u64>,
    /// The value rounded by the definition's rule (None when null or suppressed).
    pub published: Option<Decimal>,
    /// Flags.
    pub flags: Flags,
    /// Why the value is null.
    pub reason: Option<Reason>,
}

/// Computes a definition from integer counts: value and interval by the definition's method,
/// published value by its rounding rule (on the exact rational), flags by its disclosure rule.
///
/// A count measure has no denominator: `denominator` is ignored, the value's `denominator` is
/// `None` and the small-denominator disclosure rule does not apply.
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
/// assert_eq!((v.numerator, v.denominator), (105, Some(129)));
///
/// // A count (Better Lives BN2, people completing reablement) has no denominator.
/// let bn2 = care_outcomes::catalogue::Catalogue::builtin().get("better-lives/BN2")?;
/// let count = evaluate_counts(bn2, 42, 0, None)?;
/// assert_eq!((count.value, count.denominator), (Some(42.0), None));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn evaluate_counts(
    def: &Definition,
    numerator: u64,
    denominator: u64,
    confidence: Option<f64>,
) -> Result<Value> {
    def.validate()?;
    evaluate_validated(
        def,
        (
            &Arc::from(def.id.as_str()),
            &Arc::from(def.version.as_str()),
        ),
        numerator,
        denominator,
        Level::Unchecked(confidence),
    )
}

/// The level of an interval as given to [`evaluate_validated`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Level {
    /// A level not yet validated (None for no interval): validated only when an interval is
    /// computed, as [`stats::proportion`](crate::stats::proportion) and
    /// [`stats::rate`](crate::stats::rate) do.
    Unchecked(Option<f64>),
    /// A level validated once for many values (an evaluation's), so that its normal quantile is
    /// not computed again for each.
    Checked(Option<Confidence>),
}

impl Level {
    fn confidence(self) -> Result<Option<Confidence>> {
        match self {
            Level::Unchecked(level) => confidence_opt(level),
            Level::Checked(c) => Ok(c),
        }
    }
}

/// [`evaluate_counts`] for a definition already validated, with its id and version as shared
/// strings (made once per definition by [`evaluate`](crate::framework::evaluate)).
pub(crate) fn evaluate_validated(
    def: &Definition,
    (id, version): (&Arc<str>, &Arc<str>),
    numerator: u64,
    denominator: u64,
    confidence: Level,
) -> Result<Value> {
    let (x, n, m) = (numerator as f64, denominator as f64, def.multiplier as f64);
    let proportion_unit = matches!(def.unit, Unit::Percent | Unit::Proportion);
    let est: Estimate = match (def.calculation, def.method) {
        (Calculation::Count, _) => point(x),
        (Calculation::RelativeDifference, _) => {
            if denominator == 0 {
                Estimate::null(Reason::ZeroDenominator, None)
            } else {
                point((x - n) / n * m)
            }
        }
        (
            _,
            IntervalMethod::Wilson
            | IntervalMethod::ClopperPearson
            | IntervalMethod::None
            | IntervalMethod::Survey,
        ) if proportion_unit => {
            let method = if def.method == IntervalMethod::ClopperPearson {
                ProportionMethod::ClopperPearson
            } else {
                ProportionMethod::Wilson
            };
            let conf = if matches!(def.method, IntervalMethod::None | IntervalMethod::Survey) {
                None
            } else {
                confidence.confidence()?
            };
            crate::stats::proportion::proportion_at(x, n, conf, m, method)?
        }
        _ => {
            let (method, conf) = match def.method {
                IntervalMethod::ExactPoisson => (PoissonMethod::Exact, confidence.confidence()?),
                IntervalMethod::None | IntervalMethod::Survey => (PoissonMethod::Byar, None),
                _ => (PoissonMethod::Byar, confidence.confidence()?),
            };
            crate::stats::rate::rate_at(x, n, conf, m, method)?
        }
    };
    let mut flags = Flags::new();
    if def.provisional {
        flags.push(Flag::ProvisionalDefinition);
    }
    if def.method == IntervalMethod::Survey {
        flags.push(Flag::WeightedSurveyCounts);
    }
    let denominator_of_value = (def.calculation != Calculation::Count).then_some(denominator);
    let mut suppressed = false;
    if let Some(rule) = def.disclosure
        && let Some(min) = rule.suppress_below
        && denominator_of_value.is_some_and(|d| d < min)
    {
        flags.push(Flag::SmallDenominator);
        flags.push(Flag::Suppressed);
        suppressed = true;
    }
    let published = if suppressed {
        None
    } else {
        publish_exact(def, numerator, denominator)?
    };
    Ok(Value {
        definition_id: Arc::clone(id),
        definition_version: Arc::clone(version),
        definition_revision: def.revision,
        value: est.value,
        lower: est.lower,
        upper: est.upper,
        confidence: est.confidence,
        method: est.method,
        numerator,
        denominator: denominator_of_value,
        published,
        flags,
        reason: est.reason,
    })
}

/// The published value on the exact rational (never through a float): `None` when the value is
/// undefined (a zero denominator).
fn publish_exact(def: &Definition, numerator: u64, denominator: u64) -> Result<Option<Decimal>> {
    let overflow = || Error::InvalidDefinition {
        message: format!("{}: value × multiplier overflows", def.id),
    };
    let mult = u128::from(def.multiplier);
    match def.calculation {
        Calculation::Count => Ok(Some(
            def.rounding.round_ratio(
                u128::from(numerator)
                    .checked_mul(mult)
                    .ok_or_else(overflow)?,
                1,
            )?,
        )),
        Calculation::Ratio | Calculation::RelativeDifference if denominator == 0 => Ok(None),
        Calculation::Ratio => Ok(Some(
            def.rounding.round_ratio(
                u128::from(numerator)
                    .checked_mul(mult)
                    .ok_or_else(overflow)?,
                u128::from(denominator),
            )?,
        )),
        Calculation::RelativeDifference => {
            // Both rounding rules are symmetric about zero, so round |difference| and restore
            // the sign.
            let diff = numerator.abs_diff(denominator);
            let r = def.rounding.round_ratio(
                u128::from(diff).checked_mul(mult).ok_or_else(overflow)?,
                u128::from(denominator),
            )?;
            Ok(Some(if numerator < denominator {
                r.negated()
            } else {
                r
            }))
        }
    }
}

/// A value without an interval.
fn point(value: f64) -> Estimate {
    Estimate {
        value: Some(value),
        lower: None,
        upper: None,
        confidence: None,
        method: None,
        reason: None,
    }
}

#[cfg(test)]
mod tests {
    use super::Flag;

    #[test]
    fn flag_codes_are_the_serde_names() {
        for f in [
            Flag::Suppressed,
            Flag::SmallDenominator,
            Flag::ProvisionalDefinition,
            Flag::WeightedSurveyCounts,
        ] {
            assert_eq!(serde_json::to_value(f).unwrap(), f.code());
        }
    }
}
