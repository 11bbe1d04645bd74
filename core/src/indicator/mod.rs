//! Indicators: a [`Definition`] is data (serde), a [`Value`] is what the library computed from
//! it, and [`Rounding`] names the publication rule.

pub mod definition;
pub mod rounding;
pub mod value;

pub use definition::{
    Breakdown, Calculation, ConfidenceTag, DataSource, Definition, DisclosureRule, IntervalMethod,
    Provenance, Unit,
};
pub use rounding::{Decimal, Rounding};
pub use value::{Flag, Flags, Value, evaluate_counts};
