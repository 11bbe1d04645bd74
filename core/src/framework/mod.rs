//! Frameworks: domains of indicators, loaded from data (the built-in catalogue or a council's
//! own file), and the evaluation of a table of counts against one.
//!
//! A [`Framework`] is a resolved [`FrameworkDoc`]: its own definitions checked, its references to
//! other definitions looked up. [`evaluate`](evaluate::evaluate) turns input rows (area, period,
//! indicator, counts) into results with intervals, published values, flags and comparisons.
//!
//! # Examples
//!
//! ```
//! use care_outcomes::catalogue::Catalogue;
//! use care_outcomes::framework::Framework;
//! let json = r#"{
//!   "framework": "leeds-local", "version": "2025-26", "title": "Leeds local measures",
//!   "domains": [{"id": "better-living", "title": "Better Living"}],
//!   "indicators": [{"ref": "ascof-legacy/2A2", "domain": "better-living", "version": "legacy"}]
//! }"#;
//! let fw = Framework::from_json(json, Catalogue::builtin())?;
//! assert_eq!(fw.domains[0].indicators, ["ascof-legacy/2A2"]);
//! # Ok::<(), care_outcomes::Error>(())
//! ```

pub mod benchmark;
pub mod document;
pub mod evaluate;

pub use benchmark::{Direction, MadBand};
pub use document::{DomainDoc, FrameworkDoc, IndicatorRef, Years};
pub use evaluate::{
    EvaluateOptions, Evaluation, InputRow, InputTable, ResultRow, TextColumn, aggregate, evaluate,
    evaluate_table,
};

use crate::error::{Error, Location, Result};
use crate::indicator::Definition;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Something that can look a definition up by id (a [`Catalogue`](crate::catalogue::Catalogue)
/// or a [`Framework`]).
pub trait Definitions {
    /// The definition with this id.
    fn definition(&self, id: &str) -> Option<&Definition>;
    /// Every id held (for error hints).
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_>;
    /// The domain an indicator sits in, as this source arranges it (a framework may place a
    /// built-in in a domain of its own); by default the definition's own domain.
    fn domain_of(&self, id: &str) -> Option<&str> {
        self.definition(id).and_then(|d| d.domain.as_deref())
    }
}

/// A domain with the ids of its indicators, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// Id ("better-conversations").
    pub id: String,
    /// Title.
    pub title: String,
    /// Indicator ids, in display order.
    pub indicators: Vec<String>,
}

/// A resolved framework: domains of indicators, and every definition they use. Serialises to
/// JSON for display; load one with [`Framework::from_json`] (documents, not resolved
/// frameworks, are the file format).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    /// Framework name.
    pub framework: String,
    /// Framework version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Years of use.
    pub years: Option<Years>,
    /// Description and provenance.
    pub about: Option<String>,
    /// True when the framework as a whole is provisional.
    pub provisional: bool,
    /// Domains in order.
    pub domains: Vec<Domain>,
    /// Every definition the framework uses (its own, then referenced ones), by position.
    pub definitions: Vec<Definition>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Framework {
    /// Resolves a document against a source of built-in definitions.
    ///
    /// # Errors
    /// Those of [`FrameworkDoc::parse_definitions`]; `duplicate_id` for an id defined or
    /// referenced twice (or a domain id twice); `unknown_indicator` for a reference no source
    /// holds; `version_mismatch` for a reference whose pinned version differs;
    /// `invalid_framework` for a reference to an undeclared domain or an empty framework.
    pub fn resolve(doc: &FrameworkDoc, builtins: &dyn Definitions) -> Result<Framework> {
        let name = format!("{}/{}", doc.framework, doc.version);
        if doc.domains.is_empty() {
            return Err(Error::InvalidFramework {
                message: format!("{name}: no domains"),
            });
        }
        let mut domains: Vec<Domain> = Vec::with_capacity(doc.domains.len());
        for d in &doc.domains {
            if domains.iter().any(|x| x.id == d.id) {
                return Err(Error::DuplicateId {
                    id: d.id.clone(),
                    within: format!("{name} domains"),
                });
            }
            domains.push(Domain {
                id: d.id.clone(),
                title: d.title.clone(),
                indicators: Vec::new(),
            });
        }
        let own = doc.parse_definitions()?;
        let mut definitions: Vec<Definition> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |def: Definition, domain: &str, domains: &mut Vec<Domain>| -> Result<()> {
            if index.contains_key(&def.id) {
                return Err(Error::DuplicateId {
                    id: def.id,
                    within: name.clone(),
                });
            }
            let Some(dom) = domains.iter_mut().find(|d| d.id == domain) else {
                return Err(Error::InvalidFramework {
                    message: format!("{}: domain {domain:?} is not declared", def.id),
                });
            };
            dom.indicators.push(def.id.clone());
            index.insert(def.id.clone(), definitions.len());
            definitions.push(def);
            Ok(())
        };
        for def in own {
            let domain = def.domain.clone().unwrap_or_default();
            add(def, &domain, &mut domains)?;
        }
        for (i, r) in doc.indicators.iter().enumerate() {
            let Some(def) = builtins.definition(&r.reference) else {
                return Err(document::unknown_indicator(
                    &r.reference,
                    builtins.ids(),
                    Location::group(format!("indicators[{i}]")),
                ));
            };
            if let Some(v) = &r.version
                && *v != def.version
            {
                return Err(Error::VersionMismatch {
                    id: r.reference.clone(),
                    expected: v.clone(),
                    found: def.version.clone(),
                });
            }
            add(def.clone(), &r.domain, &mut domains)?;
        }
        if definitions.is_empty() {
            return Err(Error::InvalidFramework {
                message: format!("{name}: no indicators"),
            });
        }
        Ok(Framework {
            framework: doc.framework.clone(),
            version: doc.version.clone(),
            title: doc.title.clone(),
            years: doc.years.clone(),
            about: doc.about.clone(),
            provisional: doc.provisional,
            domains,
            definitions,
            index,
        })
    }

    /// Parses (JSON) and resolves a framework.
    ///
    /// # Errors
    /// As [`FrameworkDoc::from_json`] and [`Framework::resolve`].
    pub fn from_json(text: &str, builtins: &dyn Definitions) -> Result<Framework> {
        Framework::resolve(&FrameworkDoc::from_json(text)?, builtins)
    }

    /// Parses (TOML) and resolves a framework.
    ///
    /// # Errors
    /// As [`FrameworkDoc::from_toml`] and [`Framework::resolve`].
    pub fn from_toml(text: &str, builtins: &dyn Definitions) -> Result<Framework> {
        Framework::resolve(&FrameworkDoc::from_toml(text)?, builtins)
    }

    /// "framework/version".
    pub fn key(&self) -> String {
        format!("{}/{}", self.framework, self.version)
    }

    /// The domain an indicator id sits in.
    pub fn domain_of(&self, id: &str) -> Option<&Domain> {
        self.domains
            .iter()
            .find(|d| d.indicators.iter().any(|i| i == id))
    }
}

impl Definitions for Framework {
    fn definition(&self, id: &str) -> Option<&Definition> {
        self.index.get(id).map(|&i| &self.definitions[i])
    }
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.definitions.iter().map(|d| d.id.as_str()))
    }
    fn domain_of(&self, id: &str) -> Option<&str> {
        Framework::domain_of(self, id).map(|d| d.id.as_str())
    }
}
