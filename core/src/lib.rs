#![doc = include_str!("../README.md")]

pub mod catalogue;
pub mod error;
pub mod framework;
pub mod indicator;
pub mod stats;

pub use error::{Error, Location, Result};
