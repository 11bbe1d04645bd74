#![doc = include_str!("../README.md")]

pub mod error;
pub mod indicator;
pub mod stats;
pub mod survey;

pub use error::{Error, Location, Result};
