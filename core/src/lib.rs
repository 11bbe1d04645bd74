#![doc = include_str!("../README.md")]

pub mod error;
pub mod indicator;
pub mod publish;
pub mod stats;

pub use error::{Error, Location, Result};
