//! [`Definition`]: an indicator described as data (serde), so adding a measure means adding one
//! entry, not code.

use crate::error::{Error, Result};
use crate::indicator::Rounding;
use crate::stats::Polarity;
use serde::{Deserialize, Serialize};

/// What an indicator's value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// A percentage (multiplier 100).
    Percent,
    /// A fraction (multiplier 1).
    Proportion,
    /// A rate per 100,000 population.
    Per100000,
    /// A rate per 1,000.
    Per1000,
    /// A score out of 24 (ASCOF 1A).
    Score0To24,
    /// A score out of 12 (carer-reported quality of life).
    Score0To12,
    /// An adjusted score (ASCOF 1J / refreshed 1B).
    AdjustedScore,
    /// A ratio (observed ÷ expected).
    Ratio,
    /// A count.
    Count,
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unit::Percent => "percent",
            Unit::Proportion => "proportion",
            Unit::Per100000 => "per 100,000",
            Unit::Per1000 => "per 1,000",
            Unit::Score0To24 => "score out of 24",
            Unit::Score0To12 => "score out of 12",
            Unit::AdjustedScore => "adjusted score",
            Unit::Ratio => "ratio",
            Unit::Count => "count",
        })
    }
}

impl Unit {
    /// The multiplier a definition with this unit normally has, if fixed.
    pub fn conventional_multiplier(self) -> Option<u64> {
        match self {
            Unit::Percent => Some(100),
            Unit::Proportion | Unit::Ratio => Some(1),
            Unit::Per100000 => Some(100_000),
            Unit::Per1000 => Some(1000),
            _ => None,
        }
    }
}

/// How an indicator's interval is computed from its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IntervalMethod {
    /// Wilson score interval (proportions).
    Wilson,
    /// Clopper–Pearson (proportions).
    ClopperPearson,
    /// Exact Poisson below 10 events, Byar from 10 (rates).
    Byar,
    /// Exact Poisson (rates).
    ExactPoisson,
    /// No interval (e.g. published survey scores whose respondents are not available).
    None,
}

/// A data source of the national returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum DataSource {
    /// Short and Long Term support return.
    Salt,
    /// Adult Social Care Survey.
    Ascs,
    /// Survey of Adult Carers in England.
    Sace,
    /// Client Level Data.
    Cld,
    /// Hospital Episode Statistics.
    Hes,
    /// Mental Health Services Data Set.
    Mhsds,
    /// ONS mid-year population estimates.
    Ons,
    /// Delayed transfers of care sitreps.
    Dtoc,
    /// A council's own data.
    Local,
}

/// How sure the specification is of a definition (spec-ascof.md "Confidence tags").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConfidenceTag {
    /// Checked against published source code or data.
    H,
    /// From an official page or a reliable secondary source.
    M,
    /// Inferred or provisional.
    L,
}

/// Where a definition comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The data sources of the numerator and denominator.
    pub data: Vec<DataSource>,
    /// The publication the definition follows.
    pub publication: String,
}

/// A disclosure rule carried by a definition (applied at publication).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosureRule {
    /// Suppress the published value when the denominator is below this.
    pub suppress_below: Option<u64>,
    /// Round published numerators and denominators to the nearest multiple of this.
    pub round_counts_to: Option<u64>,
}

/// An indicator definition.
///
/// # Examples
///
/// ```
/// use care_outcomes::indicator::Definition;
/// let json = r#"{
///   "id": "ascof-legacy/2B1", "framework": "ascof", "version": "legacy", "code": "2B(1)",
///   "title": "Older people (65+) still at home 91 days after discharge from hospital into reablement",
///   "numerator": "of the denominator, those at home 91 days after discharge",
///   "denominator": "people 65+ discharged 1 Oct - 31 Dec into reablement/rehabilitation",
///   "unit": "percent", "multiplier": 100, "polarity": "higher_is_better", "method": "wilson",
///   "rounding": {"rule": "half_away_from_zero", "dp": 1},
///   "source": {"data": ["SALT"], "publication": "Measures from the ASCOF, England 2020-21"}
/// }"#;
/// let d = Definition::from_json(json)?;
/// assert_eq!(d.code, "2B(1)");
/// assert_eq!(Definition::from_json(&d.to_json()?)?, d);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Stable id, unique within a catalogue (e.g. "ascof-legacy/2B1").
    pub id: String,
    /// The framework ("ascof", "better-lives", a council's own).
    pub framework: String,
    /// The framework version the code belongs to (codes are reused between versions).
    pub version: String,
    /// The code as published ("2B(1)").
    pub code: String,
    /// Revision of this definition under an unchanged code (default 1).
    #[serde(default = "one")]
    pub revision: u32,
    /// Title.
    pub title: String,
    /// The numerator in words.
    pub numerator: String,
    /// The denominator in words.
    pub denominator: String,
    /// Unit of the value.
    pub unit: Unit,
    /// Multiplier applied to numerator/denominator (100 for percent).
    pub multiplier: u64,
    /// Which direction is good.
    pub polarity: Polarity,
    /// Interval method.
    pub method: IntervalMethod,
    /// Publication rounding.
    #[serde(default)]
    pub rounding: Rounding,
    /// Disclosure rule, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<DisclosureRule>,
    /// Provenance.
    pub source: Provenance,
    /// The specification's confidence in the definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence_tag: Option<ConfidenceTag>,
    /// True for a definition not yet confirmed against its handbook (shown as a flag).
    #[serde(default)]
    pub provisional: bool,
}

fn one() -> u32 {
    1
}

impl Definition {
    /// Parses and validates a definition from JSON.
    ///
    /// # Errors
    /// `invalid_definition` with the parser's message or the broken rule.
    pub fn from_json(s: &str) -> Result<Definition> {
        let d: Definition = serde_json::from_str(s).map_err(|e| Error::InvalidDefinition {
            message: e.to_string(),
        })?;
        d.validate()?;
        Ok(d)
    }

    /// Serialises to JSON.
    ///
    /// # Errors
    /// `invalid_definition` if serialisation fails (it does not for valid definitions).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::InvalidDefinition {
            message: e.to_string(),
        })
    }

    /// Checks the rules a definition must keep: non-empty id and code, a multiplier > 0 that
    /// matches a fixed-multiplier unit, a supported rounding, an interval method that suits the
    /// unit.
    ///
    /// # Errors
    /// `invalid_definition` naming the rule.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::InvalidDefinition { message: m });
        if self.id.trim().is_empty() {
            return bad("id is empty".into());
        }
        if self.code.trim().is_empty() {
            return bad(format!("{}: code is empty", self.id));
        }
        if self.multiplier == 0 {
            return bad(format!("{}: multiplier must be greater than 0", self.id));
        }
        if let Some(m) = self.unit.conventional_multiplier()
            && m != self.multiplier
        {
            return bad(format!(
                "{}: unit {:?} needs multiplier {m}, not {}",
                self.id, self.unit, self.multiplier
            ));
        }
        if self.rounding.dp() > crate::indicator::rounding::MAX_DP {
            return bad(format!(
                "{}: rounding to {} dp",
                self.id,
                self.rounding.dp()
            ));
        }
        let proportion_like = matches!(self.unit, Unit::Percent | Unit::Proportion);
        if proportion_like
            && matches!(
                self.method,
                IntervalMethod::Byar | IntervalMethod::ExactPoisson
            )
        {
            return bad(format!(
                "{}: a {:?} measure needs a proportion interval (wilson or clopper_pearson)",
                self.id, self.unit
            ));
        }
        if !proportion_like
            && matches!(
                self.method,
                IntervalMethod::Wilson | IntervalMethod::ClopperPearson
            )
        {
            return bad(format!(
                "{}: a {:?} measure cannot use a proportion interval",
                self.id, self.unit
            ));
        }
        Ok(())
    }

    /// The version-qualified key "version/code" that identifies the measure.
    pub fn key(&self) -> String {
        format!("{}/{}", self.version, self.code)
    }
}
