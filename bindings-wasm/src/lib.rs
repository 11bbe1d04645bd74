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

#[cfg(target_family = "wasm")]
mod api;
#[cfg(target_family = "wasm")]
mod catalogue;
#[cfg(target_family = "wasm")]
mod columns;
#[cfg(target_family = "wasm")]
mod convert;
#[cfg(target_family = "wasm")]
mod economics;
#[cfg(target_family = "wasm")]
mod publish;
#[cfg(target_family = "wasm")]
mod records;
#[cfg(target_family = "wasm")]
mod spc;
#[cfg(target_family = "wasm")]
mod survey;
#[cfg(target_family = "wasm")]
mod typescript;
