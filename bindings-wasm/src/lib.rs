//! WASM face of care-outcomes: the `care_outcomes::stats` API for JavaScript, built with
//! wasm-bindgen and published as the npm package `care-outcomes`.
//!
//! The binding converts types and errors only. Every formula, default value, method name and
//! rounding rule lives in the core crate; this crate reads JS numbers, typed arrays and options
//! objects, calls the core once per call (the batch forms for columns) and turns the result into
//! plain JS objects and `Float64Array`s. A core [`Error`](care_outcomes::Error) becomes a JS
//! `Error` whose `code` is the core's stable string code (with `row` and `group` when present).
//!
//! All wasm-bindgen code is compiled for `target_family = "wasm"` only, so that
//! `cargo test --workspace` on the host never needs the wasm toolchain.
//!
//! The cargo features (`main`, `stats`, `records`, `economics`, `survey`, `publish`, `toml`;
//! all by default) pick the modules compiled in: build.sh builds the full module and each
//! feature alone, so that a browser page can load the main module first and the others on
//! demand (bindings-wasm/README.md, "Parts").

#[cfg(all(target_family = "wasm", any(feature = "main", feature = "stats")))]
#[cfg_attr(
    not(all(feature = "main", feature = "stats")),
    allow(dead_code, unused_imports)
)]
mod api;
#[cfg(all(target_family = "wasm", feature = "main"))]
mod catalogue;
#[cfg(all(target_family = "wasm", feature = "main"))]
mod columns;
// Shared by every module; a module built alone uses part of it.
#[cfg(target_family = "wasm")]
#[cfg_attr(
    not(all(
        feature = "main",
        feature = "stats",
        feature = "records",
        feature = "economics",
        feature = "survey",
        feature = "publish",
        feature = "toml"
    )),
    allow(dead_code, unused_imports)
)]
mod convert;
#[cfg(all(target_family = "wasm", feature = "economics"))]
mod economics;
#[cfg(all(target_family = "wasm", feature = "publish"))]
mod publish;
#[cfg(all(target_family = "wasm", feature = "records"))]
mod records;
#[cfg(all(target_family = "wasm", any(feature = "main", feature = "stats")))]
#[cfg_attr(
    not(all(feature = "main", feature = "stats")),
    allow(dead_code, unused_imports)
)]
mod spc;
#[cfg(all(target_family = "wasm", feature = "survey"))]
mod survey;
#[cfg(all(target_family = "wasm", feature = "toml"))]
mod toml_document;
#[cfg(all(
    target_family = "wasm",
    any(feature = "main", feature = "stats", feature = "records")
))]
mod typescript;
