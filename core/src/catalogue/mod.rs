//! The built-in catalogue: every definition shipped with the crate, as data files embedded at
//! compile time (`core/catalogue/*.json`, one [`FrameworkDoc`] each).
//!
//! | file | framework / version |
//! | --- | --- |
//! | `ascof-legacy.json` | ASCOF 2014-15 to 2022-23 |
//! | `ascof-2023-24.json` | refreshed ASCOF, 2023-24 (SALT-based) |
//! | `ascof-2024-25.json` | ASCOF 2024-25 (CLD-based definitions) |
//! | `better-lives.json` | Leeds "Better Lives" performance framework (provisional) |
//! | `reablement.json` | reablement independence rates |
//!
//! Files are loaded in that order; later files may reference definitions of earlier ones.
//!
//! # Examples
//!
//! ```
//! use care_outcomes::catalogue::Catalogue;
//! use care_outcomes::framework::Definitions;
//! let cat = Catalogue::builtin();
//! let d = cat.get("ascof-legacy/2B1")?;
//! assert_eq!(d.code, "2B(1)");
//! assert_eq!(cat.by_code("legacy", "2B(1)").map(|d| d.id.as_str()), Some("ascof-legacy/2B1"));
//! assert!(cat.get("ascof-legacy/9Z").is_err());
//! # Ok::<(), care_outcomes::Error>(())
//! ```

pub mod doc;

use crate::error::{Error, Location, Result};
use crate::framework::{Definitions, Framework, FrameworkDoc, document};
use crate::indicator::{Breakdown, Definition};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded catalogue files, in load order: (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "ascof-legacy.json",
        include_str!("../../catalogue/ascof-legacy.json"),
    ),
    (
        "ascof-2023-24.json",
        include_str!("../../catalogue/ascof-2023-24.json"),
    ),
    (
        "ascof-2024-25.json",
        include_str!("../../catalogue/ascof-2024-25.json"),
    ),
    (
        "better-lives.json",
        include_str!("../../catalogue/better-lives.json"),
    ),
    (
        "reablement.json",
        include_str!("../../catalogue/reablement.json"),
    ),
];

/// Every built-in definition and framework.
#[derive(Debug, Clone)]
pub struct Catalogue {
    frameworks: Vec<Framework>,
    definitions: Vec<Definition>,
    index: HashMap<String, usize>,
}

impl Catalogue {
    /// The built-in catalogue (parsed once, on first use).
    ///
    /// # Panics
    /// Never in a released build: the embedded files are checked by the crate's tests, so a
    /// file that fails to load cannot ship.
    pub fn builtin() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            Catalogue::from_documents(FILES.iter().map(|(_, text)| *text))
                .expect("the embedded catalogue files are valid (checked by tests)")
        })
    }

    /// Builds a catalogue from framework documents (JSON), each resolved against those before
    /// it. A definition's id must be unique across the catalogue.
    ///
    /// # Errors
    /// Any error of [`Framework::from_json`]; `duplicate_id` for an id defined in two files.
    pub fn from_documents<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<Catalogue> {
        let mut cat = Catalogue {
            frameworks: Vec::new(),
            definitions: Vec::new(),
            index: HashMap::new(),
        };
        for text in texts {
            let doc = FrameworkDoc::from_json(text)?;
            let fw = Framework::resolve(&doc, &cat)?;
            cat.add(fw)?;
        }
        Ok(cat)
    }

    /// Adds a resolved framework: its own definitions join the catalogue (referenced ones are
    /// already there).
    ///
    /// # Errors
    /// `duplicate_id` when one of its new definitions has an id the catalogue already holds
    /// with different content, or the framework key is taken.
    pub fn add(&mut self, fw: Framework) -> Result<()> {
        if self.frameworks.iter().any(|f| f.key() == fw.key()) {
            return Err(Error::DuplicateId {
                id: fw.key(),
                within: "the catalogue's frameworks".to_owned(),
            });
        }
        for d in &fw.definitions {
            match self.index.get(&d.id) {
                Some(&i) if self.definitions[i] == *d => {}
                Some(_) => {
                    return Err(Error::DuplicateId {
                        id: d.id.clone(),
                        within: "the catalogue".to_owned(),
                    });
                }
                None => {
                    self.index.insert(d.id.clone(), self.definitions.len());
                    self.definitions.push(d.clone());
                }
            }
        }
        self.frameworks.push(fw);
        Ok(())
    }

    /// The definition with this id.
    ///
    /// # Errors
    /// `unknown_indicator`, with the ids sharing its code as a hint.
    pub fn get(&self, id: &str) -> Result<&Definition> {
        self.definition(id)
            .ok_or_else(|| document::unknown_indicator(id, self.ids(), Location::NONE))
    }

    /// The definition of a code within a framework version ("legacy", "2B(1)"), matching the
    /// published code or the open-data code.
    pub fn by_code(&self, version: &str, code: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| {
            d.version == version && (d.code == code || d.open_data_code.as_deref() == Some(code))
        })
    }

    /// Resolves a measure code of the open-data files (group code + disaggregation suffix,
    /// spec-ascof.md §2.5) within a framework version: `"2B185OV"` → (2B(1), the 85+
    /// breakdown); `"2D"` → (2D, None).
    ///
    /// ```
    /// use care_outcomes::catalogue::Catalogue;
    /// let cat = Catalogue::builtin();
    /// let (d, b) = cat.resolve_open_data_code("legacy", "2B185OV").unwrap();
    /// assert_eq!((d.code.as_str(), b.map(|b| b.label.as_str())), ("2B(1)", Some("85 and over")));
    /// assert!(cat.resolve_open_data_code("legacy", "2B199").is_none());
    /// ```
    pub fn resolve_open_data_code(
        &self,
        version: &str,
        code: &str,
    ) -> Option<(&Definition, Option<&Breakdown>)> {
        let mut found = None;
        for d in self.definitions.iter().filter(|d| d.version == version) {
            let Some(oc) = d.open_data_code.as_deref() else {
                continue;
            };
            let Some(rest) = code.strip_prefix(oc) else {
                continue;
            };
            let hit = if rest.is_empty() {
                Some((d, None))
            } else {
                d.breakdowns
                    .iter()
                    .find(|b| b.suffix == rest)
                    .map(|b| (d, Some(b)))
            };
            if hit.is_some() {
                if found.is_some() {
                    return None; // ambiguous: refuse rather than guess
                }
                found = hit;
            }
        }
        found
    }

    /// Every definition (no filter), or those used by the frameworks matching `framework`
    /// and/or `version`: their own definitions and the ones they reference, each once, in
    /// framework order.
    ///
    /// # Errors
    /// `unknown_indicator` naming the framework key when no framework matches.
    ///
    /// ```
    /// use care_outcomes::catalogue::Catalogue;
    /// let cat = Catalogue::builtin();
    /// assert_eq!(cat.select(None, None)?.len(), cat.definitions().len());
    /// let bl = cat.select(Some("better-lives"), None)?;
    /// assert!(bl.iter().all(|d| d.framework == "better-lives"));
    /// assert!(cat.select(Some("nope"), None).is_err());
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn select(
        &self,
        framework: Option<&str>,
        version: Option<&str>,
    ) -> Result<Vec<&Definition>> {
        if framework.is_none() && version.is_none() {
            return Ok(self.definitions.iter().collect());
        }
        let matching: Vec<&Framework> = self
            .frameworks
            .iter()
            .filter(|f| framework.is_none_or(|n| f.framework == n))
            .filter(|f| version.is_none_or(|v| f.version == v))
            .collect();
        if matching.is_empty() {
            // The error of `framework`, which lists the frameworks there are.
            self.framework(framework.unwrap_or(""), version.unwrap_or(""))?;
        }
        let mut seen = std::collections::HashSet::new();
        Ok(matching
            .into_iter()
            .flat_map(|f| f.definitions.iter())
            .filter(|d| seen.insert(d.id.as_str()))
            .collect())
    }

    /// Every definition, in load order.
    pub fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// Every framework, in load order.
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// The framework with this name and version ("ascof", "2023-24").
    ///
    /// # Errors
    /// `unknown_indicator` naming the framework key when there is none.
    pub fn framework(&self, framework: &str, version: &str) -> Result<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.framework == framework && f.version == version)
            .ok_or_else(|| Error::UnknownIndicator {
                id: format!("{framework}/{version}"),
                hint: format!(
                    ": frameworks are {}",
                    self.frameworks
                        .iter()
                        .map(Framework::key)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                at: Location::NONE,
            })
    }

    /// The definitions of later versions that continue this one (the crosswalk, forwards).
    pub fn successors(&self, id: &str) -> Vec<&Definition> {
        self.definitions
            .iter()
            .filter(|d| d.replaces.iter().any(|r| r == id))
            .collect()
    }
}

impl Definitions for Catalogue {
    fn definition(&self, id: &str) -> Option<&Definition> {
        self.index.get(id).map(|&i| &self.definitions[i])
    }
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.definitions.iter().map(|d| d.id.as_str()))
    }
}
