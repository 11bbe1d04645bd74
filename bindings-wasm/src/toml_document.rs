//! `frameworkDocument`: a framework document in TOML read by the core into the plain object
//! (the JSON schema) that `loadFramework` and `evaluate` take. It is its own module (cargo
//! feature `toml`, entry `care-outcomes/toml`) so that the main module a page loads first holds
//! no TOML reader; the full package's `loadFramework` reads TOML text itself as well.

use crate::convert::{JsResult, OrThrow, bad_type};
use care_outcomes::framework::FrameworkDoc;
use js_sys::JSON;
use wasm_bindgen::prelude::*;

/// Reads a framework document written in TOML (the core's `FrameworkDoc::from_toml`) and
/// returns it as the plain object of the JSON schema, for `loadFramework`.
#[wasm_bindgen(js_name = frameworkDocument, unchecked_return_type = "FrameworkDocument")]
pub fn framework_document(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> JsResult<JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| bad_type("text", text, "the TOML text of a framework document"))?;
    let doc = FrameworkDoc::from_toml(&text).js()?;
    let json =
        serde_json::to_string(&doc).map_err(|e| JsValue::from_str(&format!("internal: {e}")))?;
    JSON::parse(&json)
}
