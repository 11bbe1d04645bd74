//! `POST /evaluate`: rows of counts in, the core's [`Evaluation`] out.
//!
//! The body is a JSON object:
//!
//! | member | what it is |
//! | --- | --- |
//! | `rows` | the input rows ([`InputRow`]: `area`, `period`, `indicator`, `breakdown?`, `numerator`, `denominator?`, `population?`) |
//! | `options` | optional [`EvaluateOptions`] (`confidence`, `benchmark`, `comparators`, `peers`, `aggregates`); the core's defaults when absent |
//! | `framework` | optional: absent or null → the whole built-in catalogue; a string → a built-in framework by key (`"ascof/legacy"`); an object → a framework document (docs/frameworks.md), resolved against the catalogue |

use crate::error::ApiError;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{
    Definitions, EvaluateOptions, Evaluation, Framework, InputRow, evaluate,
};
use serde::Deserialize;

/// The body of `POST /evaluate`. Unknown members are refused (422 `invalid_request`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The input rows, in order (errors name a row by its index here).
    pub rows: Vec<InputRow>,
    /// The options; the core's defaults when absent or null.
    #[serde(default)]
    pub options: Option<EvaluateOptions>,
    /// Where definitions are looked up: see the module documentation.
    #[serde(default)]
    pub framework: Option<serde_json::Value>,
}

/// Where an evaluation looks definitions up.
pub enum Source {
    /// The built-in catalogue, or one of its frameworks.
    Builtin(&'static dyn Definitions),
    /// A framework resolved from a document sent with the request.
    Document(Box<Framework>),
}

impl Source {
    /// The source a request's `framework` member names.
    ///
    /// # Errors
    /// `unknown_indicator` for a key that is no built-in framework (the message lists those
    /// there are); the errors of [`Framework::from_json`] for a document.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes_service::evaluate::Source;
    /// use care_outcomes::framework::Definitions;
    /// let legacy = Source::from_request(Some(&serde_json::json!("ascof/legacy")))?;
    /// assert!(legacy.definitions().definition("ascof-legacy/2B1").is_some());
    /// let e = Source::from_request(Some(&serde_json::json!("ascof/1999"))).unwrap_err();
    /// assert_eq!(e.code(), "unknown_indicator");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_request(framework: Option<&serde_json::Value>) -> care_outcomes::Result<Source> {
        let cat = Catalogue::builtin();
        match framework {
            None | Some(serde_json::Value::Null) => Ok(Source::Builtin(cat)),
            Some(serde_json::Value::String(key)) => {
                let (name, version) = key.split_once('/').unwrap_or((key, ""));
                Ok(Source::Builtin(cat.framework(name, version)?))
            }
            Some(doc) => Ok(Source::Document(Box::new(Framework::from_json(
                &doc.to_string(),
                cat,
            )?))),
        }
    }

    /// The definitions to evaluate against.
    pub fn definitions(&self) -> &dyn Definitions {
        match self {
            Source::Builtin(d) => *d,
            Source::Document(fw) => fw.as_ref(),
        }
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Builtin(_) => f.write_str("Source::Builtin"),
            Source::Document(fw) => write!(f, "Source::Document({})", fw.key()),
        }
    }
}

/// Evaluates a request: resolves its framework, then the core's [`evaluate()`].
///
/// # Errors
/// Any error of [`Source::from_request`] or [`evaluate()`].
///
/// # Examples
///
/// ```
/// use care_outcomes_service::evaluate::{EvaluateRequest, run};
/// let req: EvaluateRequest = serde_json::from_str(r#"{"rows": [
///   {"area": "England", "period": "2020-21", "indicator": "ascof-legacy/2B1",
///    "numerator": 34152, "denominator": 43193}]}"#).unwrap();
/// let out = run(&req)?;
/// assert_eq!(out.rows[0].result.published.unwrap().to_string(), "79.1");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn run(req: &EvaluateRequest) -> care_outcomes::Result<Evaluation> {
    let source = Source::from_request(req.framework.as_ref())?;
    let options = req.options.clone().unwrap_or_default();
    evaluate(&req.rows, source.definitions(), &options)
}

/// The route: the body checked by the JSON extractor, the work done off the async workers.
pub(crate) async fn handler(
    body: Result<Json<EvaluateRequest>, JsonRejection>,
) -> Result<Json<Evaluation>, ApiError> {
    let Json(req) = body?;
    let out = tokio::task::spawn_blocking(move || run(&req))
        .await
        .map_err(|e| {
            ApiError::service(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                format!("the evaluation did not finish: {e}"),
            )
        })??;
    Ok(Json(out))
}
