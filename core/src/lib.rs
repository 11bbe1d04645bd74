#![doc = include_str!("../README.md")]

pub mod chart;
pub mod error;
pub mod indicator;
pub mod interchange;
pub mod spc;
pub mod stats;

pub use error::{Error, Location, Result};
