//! JSON as the interchange of the faces: the Python and JS faces pass option objects and
//! plain input records as JSON text, and the core parses them here so that a malformed document
//! gives the core's own error code.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Parses `json` as a `T` (options, chart rows, ...). `what` names the argument in the error.
///
/// # Errors
/// `invalid_option` for malformed JSON, an unknown member, a wrong type or an unknown code.
///
/// # Examples
///
/// ```
/// use care_outcomes::interchange::from_json;
/// use care_outcomes::stats::{OverdispersionOptions, Overdispersion};
/// let o: OverdispersionOptions = from_json("funnel options", r#"{"overdispersion": "auto"}"#)?;
/// assert_eq!(o.overdispersion, Overdispersion::Auto);
/// let e = from_json::<OverdispersionOptions>("funnel options", r#"{"od": "on"}"#).unwrap_err();
/// assert_eq!(e.code(), "invalid_option");
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn from_json<T: DeserializeOwned>(what: &'static str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::InvalidOption {
        option: what,
        value: e.to_string(),
        expected: "a JSON document of the documented shape",
    })
}
