//! The framework file format: one schema for the built-in catalogue and for a council's own
//! framework (JSON or TOML), and its loading with coded errors.
//!
//! ```json
//! {
//!   "framework": "leeds-local", "version": "2025-26", "title": "Leeds local measures",
//!   "domains": [{"id": "better-living", "title": "Better Living"}],
//!   "indicators": [{"ref": "ascof-2023-24/2C", "domain": "better-living"}],
//!   "definitions": [{ "id": "leeds-local/extra-care-units", "framework": "leeds-local",
//!                     "version": "2025-26", "domain": "better-living", ... }]
//! }
//! ```
//!
//! `definitions` are new measures (each a full [`Definition`]); `indicators` reference built-in
//! definitions by id, optionally pinning the framework version they must have.

use crate::error::{Error, Location, Result};
use crate::indicator::Definition;
use serde::{Deserialize, Serialize};

/// The years a framework version applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    /// First reporting year ("2014-15").
    pub from: String,
    /// Last reporting year, or None while current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// A domain (legacy ASCOF), objective (refreshed ASCOF) or local domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainDoc {
    /// Id, unique in the framework ("1", "better-conversations").
    pub id: String,
    /// Title.
    pub title: String,
    /// What the domain covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// A reference from a framework to a definition held elsewhere (a built-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRef {
    /// The id of the referenced definition ("ascof-2023-24/2A").
    #[serde(rename = "ref")]
    pub reference: String,
    /// The domain of this framework it sits in.
    pub domain: String,
    /// The framework version the referenced definition must have (checked when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A framework file as written (before references are resolved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDoc {
    /// Framework name ("ascof", "better-lives", a council's own).
    pub framework: String,
    /// Framework version ("legacy", "2023-24").
    pub version: String,
    /// Title.
    pub title: String,
    /// Years of use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    /// Description, provenance notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// True when the framework as a whole is provisional.
    #[serde(default)]
    pub provisional: bool,
    /// Domains in display order.
    pub domains: Vec<DomainDoc>,
    /// References to definitions held elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorRef>,
    /// New definitions (kept as raw JSON until checked, so that each problem gets its code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<serde_json::Value>,
}

/// The interval methods a definition may name.
pub(crate) const METHODS: &str =
    "\"wilson\", \"clopper_pearson\", \"byar\", \"exact_poisson\", \"survey\", \"none\"";
const METHOD_NAMES: [&str; 6] = [
    "wilson",
    "clopper_pearson",
    "byar",
    "exact_poisson",
    "survey",
    "none",
];
const POLARITIES: &str = "\"higher_is_better\", \"lower_is_better\", \"no_judgement\"";
const POLARITY_NAMES: [&str; 3] = ["higher_is_better", "lower_is_better", "no_judgement"];

impl FrameworkDoc {
    /// Parses a framework document from JSON.
    ///
    /// # Errors
    /// `invalid_framework` when the text is not JSON of this schema.
    pub fn from_json(text: &str) -> Result<FrameworkDoc> {
        serde_json::from_str(text).map_err(|e| Error::InvalidFramework {
            message: e.to_string(),
        })
    }

    /// Parses a framework document from TOML (the same schema: `[[domains]]`, `[[indicators]]`,
    /// `[[definitions]]` tables).
    ///
    /// # Errors
    /// `invalid_framework` when the text is not TOML of this schema.
    pub fn from_toml(text: &str) -> Result<FrameworkDoc> {
        let value: toml::Value = toml::from_str(text).map_err(|e| Error::InvalidFramework {
            message: e.to_string(),
        })?;
        let json = serde_json::to_value(value).map_err(|e| Error::InvalidFramework {
            message: e.to_string(),
        })?;
        serde_json::from_value(json).map_err(|e| Error::InvalidFramework {
            message: e.to_string(),
        })
    }

    /// Checks and parses the document's own definitions, in order.
    ///
    /// # Errors
    /// `unknown_method`, `unknown_polarity`, `invalid_definition` (any other schema problem),
    /// `missing_population` (a rate without a population base), `version_mismatch` (a
    /// definition whose framework version is not the document's), `invalid_framework` (a
    /// definition of another framework, or in a domain the document does not declare).
    pub fn parse_definitions(&self) -> Result<Vec<Definition>> {
        let mut out = Vec::with_capacity(self.definitions.len());
        for (i, raw) in self.definitions.iter().enumerate() {
            let id = raw
                .get("id")
                .and_then(serde_json::Value::as_str)
                .map_or_else(|| format!("definitions[{i}]"), str::to_owned);
            if let Some(m) = raw.get("method").and_then(serde_json::Value::as_str)
                && !METHOD_NAMES.contains(&m)
            {
                return Err(Error::UnknownMethod {
                    id,
                    method: m.to_owned(),
                    expected: METHODS,
                });
            }
            if let Some(p) = raw.get("polarity").and_then(serde_json::Value::as_str)
                && !POLARITY_NAMES.contains(&p)
            {
                return Err(Error::UnknownPolarity {
                    id,
                    polarity: p.to_owned(),
                    expected: POLARITIES,
                });
            }
            let def: Definition =
                serde_json::from_value(raw.clone()).map_err(|e| Error::InvalidDefinition {
                    message: format!("{id}: {e}"),
                })?;
            def.validate()?;
            if def.version != self.version {
                return Err(Error::VersionMismatch {
                    id: def.id,
                    expected: self.version.clone(),
                    found: def.version,
                });
            }
            if def.framework != self.framework {
                return Err(Error::InvalidFramework {
                    message: format!(
                        "{}: framework {:?} is not the document's {:?}",
                        def.id, def.framework, self.framework
                    ),
                });
            }
            match def.domain.as_deref() {
                Some(d) if self.domains.iter().any(|x| x.id == d) => {}
                Some(d) => {
                    return Err(Error::InvalidFramework {
                        message: format!("{}: domain {d:?} is not declared", def.id),
                    });
                }
                None => {
                    return Err(Error::InvalidFramework {
                        message: format!("{}: no domain", def.id),
                    });
                }
            }
            out.push(def);
        }
        Ok(out)
    }
}

/// An `unknown_indicator` error with a "did you mean" hint from the candidates.
pub(crate) fn unknown_indicator<'a>(
    id: &str,
    candidates: impl Iterator<Item = &'a str>,
    at: Location,
) -> Error {
    let wanted = id.to_ascii_lowercase();
    let tail = wanted.rsplit('/').next().unwrap_or(&wanted).to_owned();
    let mut near: Vec<&str> = candidates
        .filter(|c| {
            let c = c.to_ascii_lowercase();
            c.rsplit('/').next() == Some(tail.as_str())
        })
        .collect();
    near.sort_unstable();
    near.truncate(5);
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!(": did you mean {}?", near.join(", "))
    };
    Error::UnknownIndicator {
        id: id.to_owned(),
        hint,
        at,
    }
}
