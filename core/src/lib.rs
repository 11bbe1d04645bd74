#![doc = include_str!("../README.md")]

#[macro_use]
mod codes;

pub mod catalogue;
pub mod chart;
pub mod economics;
pub mod error;
pub mod framework;
pub mod indicator;
pub mod interchange;
pub mod publish;
pub mod records;
pub mod spc;
pub mod stats;
pub mod survey;

pub use error::{Error, Location, Result};

/// The repository README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
