#![doc = include_str!("../README.md")]

pub mod economics;
pub mod error;
pub mod indicator;
pub mod stats;

pub use error::{Error, Location, Result};
