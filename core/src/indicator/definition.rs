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
    /// An amount of money in pounds sterling.
    Pounds,
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
            Unit::Pounds => "pounds",
        })
    }
}

impl Unit {
    /// The multiplier a definition with this unit normally has, if fixed.
    pub fn conventional_multiplier(self) -> Option<u64> {
        match self {
            Unit::Percent => Some(100),
            Unit::Proportion | Unit::Ratio | Unit::Count | Unit::Pounds => Some(1),
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
    /// A stratum-weighted survey estimate (ASCS, SACE): the value and its margin of error come
    /// from respondent-level data; from aggregate (weighted, rounded) counts only the value can be
    /// formed and it is flagged [`Flag::WeightedSurveyCounts`](crate::indicator::Flag).
    Survey,
}

/// How an indicator's value is formed from its numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Calculation {
    /// `numerator / denominator × multiplier` (proportions, percentages, rates, ratios).
    #[default]
    Ratio,
    /// The numerator itself (a count; no denominator).
    Count,
    /// `(numerator − denominator) / denominator × multiplier`: the signed relative difference of
    /// a figure from a reference (e.g. forecast outturn against budget, planned weekly care hours
    /// after against before).
    RelativeDifference,
}

/// One published disaggregation of a measure (spec-ascof.md §2.5): the open-data code is the
/// measure's `open_data_code` followed by `suffix` (`2B1` + `85OV` = `2B185OV`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The suffix appended to the open-data code (`"85OV"`, `"F"`).
    pub suffix: String,
    /// What is split: `"age"` or `"sex"`.
    pub dimension: String,
    /// The label of the group (`"85 and over"`).
    pub label: String,
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
    /// Safeguarding Adults Collection.
    Sac,
    /// Secondary Uses Service (hospital activity; linked to CLD for the 2024-25 reablement
    /// outcome).
    Sus,
    /// Care Quality Commission ratings of registered providers.
    Cqc,
    /// Skills for Care Adult Social Care Workforce Data Set.
    #[serde(rename = "ASC-WDS")]
    AscWds,
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
    /// How the value is formed from the counts (default: a ratio).
    #[serde(default, skip_serializing_if = "is_default")]
    pub calculation: Calculation,
    /// A name that survives renumbering between framework versions (`"st_max_sequel"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stable_id: Option<String>,
    /// The measure code used in the open-data files (`"2B1"` for 2B(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_data_code: Option<String>,
    /// The domain (legacy ASCOF), objective (refreshed ASCOF) or local domain the measure sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The population the denominator counts, in words; required for rates per 1,000/100,000
    /// (`"ONS mid-year population estimate, aged 65 and over"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_base: Option<String>,
    /// The published disaggregations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
    /// Ids of the definitions in earlier framework versions this one continues (the crosswalk).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Free-text notes (inclusions, exclusions, series breaks, what is unverified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
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
        if matches!(self.unit, Unit::Per100000 | Unit::Per1000)
            && self
                .population_base
                .as_deref()
                .is_none_or(|p| p.trim().is_empty())
        {
            return Err(Error::MissingPopulation {
                id: self.id.clone(),
                multiplier: self.multiplier,
            });
        }
        if self.calculation != Calculation::Ratio && self.method != IntervalMethod::None {
            return bad(format!(
                "{}: a {:?} calculation has no interval (method must be none)",
                self.id, self.calculation
            ));
        }
        if self.calculation == Calculation::Count && self.unit != Unit::Count {
            return bad(format!("{}: a count calculation needs unit count", self.id));
        }
        if self.method == IntervalMethod::Survey {
            return Ok(());
        }
        let proportion_like = matches!(self.unit, Unit::Percent | Unit::Proportion)
            && self.calculation == Calculation::Ratio;
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

    /// The definition as a JSON value with every field present, those at their default
    /// included (the file format leaves them out): what the faces show as a definition object.
    ///
    /// # Errors
    /// `invalid_definition` if serialisation fails (it does not for valid definitions).
    ///
    /// ```
    /// use care_outcomes::catalogue::Catalogue;
    /// let d = Catalogue::builtin().get("ascof-legacy/2B1")?;
    /// let v = d.to_value_complete()?;
    /// assert_eq!(v["calculation"], "ratio");
    /// assert!(v["replaces"].as_array().is_some_and(Vec::is_empty));
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn to_value_complete(&self) -> Result<serde_json::Value> {
        let internal = |e: serde_json::Error| Error::InvalidDefinition {
            message: e.to_string(),
        };
        let mut v = serde_json::to_value(self).map_err(internal)?;
        if let Some(obj) = v.as_object_mut() {
            let defaults = [
                ("disclosure", serde_json::Value::Null),
                ("confidence_tag", serde_json::Value::Null),
                (
                    "calculation",
                    serde_json::to_value(self.calculation).map_err(internal)?,
                ),
                ("stable_id", serde_json::Value::Null),
                ("open_data_code", serde_json::Value::Null),
                ("domain", serde_json::Value::Null),
                ("population_base", serde_json::Value::Null),
                ("breakdowns", serde_json::Value::Array(Vec::new())),
                ("replaces", serde_json::Value::Array(Vec::new())),
                ("notes", serde_json::Value::Null),
            ];
            for (k, val) in defaults {
                obj.entry(k).or_insert(val);
            }
        }
        Ok(v)
    }

    /// The version-qualified key "version/code" that identifies the measure.
    pub fn key(&self) -> String {
        format!("{}/{}", self.version, self.code)
    }
}
