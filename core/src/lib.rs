#![doc = include_str!("../README.md")]

pub mod error;
pub mod indicator;
pub mod records;
pub mod stats;

pub use error::{Error, Location, Result};
