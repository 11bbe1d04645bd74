//! `GET /catalogue`: the built-in frameworks and their definitions.
//!
//! `?framework=ascof&version=legacy` (either or both) selects the matching frameworks and the
//! definitions they use ([`Catalogue::select`]); with neither, every framework and definition.

use crate::error::ApiError;
use axum::Json;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::Framework;
use serde::{Deserialize, Serialize};

/// The query string of `GET /catalogue`. Unknown parameters are refused (400
/// `invalid_request`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueQuery {
    /// A framework name ("ascof", "better-lives").
    pub framework: Option<String>,
    /// A framework version ("legacy", "2023-24").
    pub version: Option<String>,
}

/// A framework without its definitions (those are listed once, in [`CatalogueAnswer`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkSummary {
    /// "framework/version", the key `POST /evaluate` takes ("ascof/legacy").
    pub key: String,
    /// The framework: name, version, title, years, domains with their indicator ids.
    #[serde(flatten)]
    pub framework: serde_json::Value,
}

/// The answer of `GET /catalogue`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueAnswer {
    /// The matching frameworks, in load order.
    pub frameworks: Vec<FrameworkSummary>,
    /// The definitions they use, each once, every field present
    /// ([`Definition::to_value_complete`](care_outcomes::indicator::Definition::to_value_complete)).
    pub definitions: Vec<serde_json::Value>,
}

/// The catalogue, or the part a query selects.
///
/// # Errors
/// `unknown_indicator` when no framework matches (the message lists those there are).
///
/// # Examples
///
/// ```
/// use care_outcomes_service::catalogue::{CatalogueQuery, answer};
/// let q = CatalogueQuery { framework: Some("ascof".into()), version: Some("legacy".into()) };
/// let a = answer(&q)?;
/// assert_eq!(a.frameworks.len(), 1);
/// assert_eq!(a.frameworks[0].key, "ascof/legacy");
/// assert!(a.definitions.iter().any(|d| d["id"] == "ascof-legacy/2B1"));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn answer(q: &CatalogueQuery) -> care_outcomes::Result<CatalogueAnswer> {
    let cat = Catalogue::builtin();
    let (name, version) = (q.framework.as_deref(), q.version.as_deref());
    let definitions = cat
        .select(name, version)?
        .into_iter()
        .map(care_outcomes::indicator::Definition::to_value_complete)
        .collect::<care_outcomes::Result<Vec<_>>>()?;
    let frameworks = cat
        .frameworks()
        .iter()
        .filter(|f| name.is_none_or(|n| f.framework == n))
        .filter(|f| version.is_none_or(|v| f.version == v))
        .map(summary)
        .collect::<care_outcomes::Result<Vec<_>>>()?;
    Ok(CatalogueAnswer {
        frameworks,
        definitions,
    })
}

fn summary(fw: &Framework) -> care_outcomes::Result<FrameworkSummary> {
    let mut v = serde_json::to_value(fw).map_err(|e| care_outcomes::Error::InvalidFramework {
        message: e.to_string(),
    })?;
    if let Some(obj) = v.as_object_mut() {
        obj.remove("definitions");
    }
    Ok(FrameworkSummary {
        key: fw.key(),
        framework: v,
    })
}

/// The route.
pub(crate) async fn handler(
    query: Result<Query<CatalogueQuery>, QueryRejection>,
) -> Result<Json<CatalogueAnswer>, ApiError> {
    let Query(q) = query?;
    Ok(Json(answer(&q)?))
}
