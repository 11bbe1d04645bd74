//! Error answers: a status and a JSON body `{code, message, row?, group?}`.
//!
//! The core's errors ([`care_outcomes::Error`], with its stable [`code`](care_outcomes::Error::code),
//! row and group) are answered 422: the request was well-formed, its content impossible. The
//! service's own codes ([`SERVICE_CODES`]) cover what never reaches the core: a body that is not
//! JSON (400 `malformed_json`), JSON of the wrong shape (422 `invalid_request`, or 400 for a bad
//! query string), a body over the limit (413 `body_too_large`), a body not declared as JSON (415
//! `unsupported_media_type`), an unknown route (404 `not_found`) or method (405
//! `method_not_allowed`), and a failure inside the service (500 `internal_error`).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The service's own error codes (none of them is a code of the core's
/// [`Error::CODES`](care_outcomes::Error::CODES)).
pub const SERVICE_CODES: &[&str] = &[
    "malformed_json",
    "invalid_request",
    "body_too_large",
    "unsupported_media_type",
    "not_found",
    "method_not_allowed",
    "internal_error",
];

/// The JSON body of an error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// A stable snake_case code: the core's, or one of [`SERVICE_CODES`].
    pub code: &'static str,
    /// A message for people.
    pub message: String,
    /// The zero-based index of the input row at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The group (e.g. `indicators[2]` of a framework document) at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// An error answer: a status and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (4xx, or 500 for `internal_error`).
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
}

impl ApiError {
    /// An error of the service's own (no row or group).
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use care_outcomes_service::error::ApiError;
    /// let e = ApiError::service(StatusCode::NOT_FOUND, "not_found", "no route GET /nope");
    /// assert_eq!((e.status.as_u16(), e.body.code), (404, "not_found"));
    /// ```
    pub fn service(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code,
                message: message.into(),
                row: None,
                group: None,
            },
        }
    }
}

impl From<care_outcomes::Error> for ApiError {
    /// A core error: 422 with its code, message, row and group.
    ///
    /// ```
    /// use care_outcomes::catalogue::Catalogue;
    /// use care_outcomes_service::error::ApiError;
    /// let e = ApiError::from(Catalogue::builtin().get("ascof-legacy/9Z").unwrap_err());
    /// assert_eq!((e.status.as_u16(), e.body.code), (422, "unknown_indicator"));
    /// ```
    fn from(e: care_outcomes::Error) -> Self {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: ErrorBody {
                code: e.code(),
                message: e.to_string(),
                row: e.row(),
                group: e.group().map(str::to_owned),
            },
        }
    }
}

impl From<JsonRejection> for ApiError {
    /// A body the JSON extractor refused: 413, 415, 400 or 422 by cause.
    fn from(r: JsonRejection) -> Self {
        let message = r.body_text();
        let (status, code) = if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
        } else {
            match r {
                JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
                JsonRejection::MissingJsonContentType(_) => {
                    (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
                }
                JsonRejection::JsonDataError(_) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "invalid_request")
                }
                // Failing to read the body (a broken connection): the client's side.
                _ => (StatusCode::BAD_REQUEST, "invalid_request"),
            }
        };
        ApiError::service(status, code, message)
    }
}

impl From<QueryRejection> for ApiError {
    /// A query string the extractor refused: 400 `invalid_request`.
    fn from(r: QueryRejection) -> Self {
        ApiError::service(StatusCode::BAD_REQUEST, "invalid_request", r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// The answer to a route that does not exist: 404 `not_found`.
pub(crate) async fn not_found(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::service(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no route {method} {uri}; routes are POST /evaluate, GET /catalogue, GET /health"),
    )
}

/// The answer to a route called with the wrong method: 405 `method_not_allowed`.
pub(crate) async fn method_not_allowed(
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> ApiError {
    ApiError::service(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{uri} does not answer {method}; routes are POST /evaluate, GET /catalogue, GET /health"
        ),
    )
}
