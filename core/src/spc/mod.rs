//! Statistical process control under NHS England's Making Data Count (MDC) rules: XmR charts
//! with phases, baselines and the special-cause rules, each point's type and the variation and
//! assurance icons (spec-economics-spc.md §7).
//!
//! Every choice on which the public tools differ is a named option of [`XmrOptions`] whose
//! default is MDC Excel parity; [`XmrOptions::nhsrplotthedots`] and [`XmrOptions::abspc`] are
//! presets for two peers. The result records the options, every rule that fired on every point
//! and why an icon is withheld.
//!
//! ```
//! use care_outcomes::spc::{xmr, AssuranceIcon, ImprovementDirection, XmrOptions};
//! let x = [77.0, 80.0, 83.0, 80.0, 77.0, 80.0, 83.0, 80.0, 77.0, 80.0, 83.0, 80.0, 82.0];
//! let o = XmrOptions {
//!     improvement_direction: ImprovementDirection::Increase,
//!     target: Some(70.0),
//!     ..Default::default()
//! };
//! let chart = xmr(&x, &o)?;
//! assert_eq!(chart.assurance_icon, Some(AssuranceIcon::ConsistentlyPass));
//! # Ok::<(), care_outcomes::Error>(())
//! ```

pub mod limits;
pub mod options;
pub mod rules;
pub mod run_chart;
pub mod xmr;

pub use limits::{XmrLimits, XmrPhase};
pub use options::{
    AssuranceBounds, AutoRebase, Conflict, D2, D4, ImprovementDirection, LimitConstant,
    MDC_RULE_PRIORITY, PRESETS, Rule, TrendTies, TwoInThree, VariationIconFrom, XmrOptions,
    ZeroVariation,
};
pub use rules::{RuleHit, Side};
pub use run_chart::{OnMedian, RunChart, RunChartOptions, RunPoint, run_chart};
pub use xmr::{AssuranceIcon, PointType, VariationIcon, Xmr, XmrPoint, xmr};
