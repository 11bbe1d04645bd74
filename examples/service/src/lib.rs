//! A small HTTP service on the `care-outcomes` crate: the front door for Rust teams.
//!
//! | route | what it does |
//! | --- | --- |
//! | `POST /evaluate` | evaluates rows of counts (JSON) against the built-in catalogue, a built-in framework (`"ascof/legacy"`) or a framework document, and answers the core's [`Evaluation`](care_outcomes::framework::Evaluation) |
//! | `GET /catalogue` | the built-in frameworks and definitions (`?framework=ascof&version=legacy` to select) |
//! | `GET /health` | `{"status": "ok", "version": ...}` |
//!
//! Every rule (values, intervals, rounding, comparisons, error codes) is the core's; this crate
//! only converts HTTP to calls and results to JSON. Errors are JSON bodies
//! `{code, message, row?, group?}` ([`error::ErrorBody`]): the core's codes with status 422, and
//! the service's own transport codes ([`error::SERVICE_CODES`]) with 400, 404, 405, 413, 415 or
//! 422.
//!
//! # Examples
//!
//! ```no_run
//! use care_outcomes_service::{Config, serve};
//! let runtime = tokio::runtime::Runtime::new()?;
//! runtime.block_on(async {
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     serve(listener, Config::default()).await
//! })?;
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod catalogue;
pub mod error;
pub mod evaluate;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde::Serialize;

/// The default largest request body accepted, in bytes (1 MiB: about 8,000 input rows).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// How the service is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The largest request body accepted, in bytes; a larger one is answered 413
    /// `body_too_large`.
    pub body_limit: usize,
}

impl Default for Config {
    /// The default limit, [`DEFAULT_BODY_LIMIT`].
    ///
    /// ```
    /// use care_outcomes_service::{Config, DEFAULT_BODY_LIMIT};
    /// assert_eq!(Config::default().body_limit, DEFAULT_BODY_LIMIT);
    /// ```
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// The service's routes, with the body limit of `config`.
///
/// # Examples
///
/// ```
/// use care_outcomes_service::{Config, router};
/// let app: axum::Router = router(&Config { body_limit: 4096 });
/// # let _ = app;
/// ```
pub fn router(config: &Config) -> Router {
    Router::new()
        .route("/evaluate", post(evaluate::handler))
        .route("/catalogue", get(catalogue::handler))
        .route("/health", get(health))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
}

/// Serves the routes on a bound listener until the listener fails.
///
/// # Errors
/// An I/O error of the listener.
///
/// # Examples
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// care_outcomes_service::serve(listener, care_outcomes_service::Config::default()).await
/// # }
/// ```
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(&config)).await
}

/// The answer of `GET /health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Always "ok" when the service answers.
    pub status: &'static str,
    /// The version of this service crate.
    pub version: &'static str,
}

async fn health() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}
