//! Estimators and intervals: proportions (Wilson, Clopper–Pearson), counts and rates (exact
//! Poisson, Byar), means (Student t), directly and indirectly standardised rates, funnel limits,
//! deprivation quantiles, life expectancy, aggregation and comparison with a benchmark.
//!
//! The normative description is `spec-statistics.md`; each function's rustdoc gives its formula.
//! Every function has a scalar (or per-group) form and, where rows are independent, a batch form
//! over slices that allocates its output columns once and nothing per row.
//!
//! * Impossible input is an [`Error`](crate::Error); well-formed input for which a statistic is
//!   undefined gives a null value with a [`Reason`].
//! * z comes from the normal quantile ([`Confidence::z`]), never a literal 1.96.
//! * The core rounds nothing: rounding and disclosure control belong to publication.

pub mod aggregate;
pub mod band;
pub mod compare;
pub mod confidence;
pub mod distribution;
pub mod dsr;
pub mod estimate;
pub mod funnel;
pub mod isr;
pub mod life_expectancy;
pub mod mean;
pub mod poisson;
pub mod proportion;
pub mod quantiles;
pub mod rate;

pub use aggregate::{CountTotals, GroupedCounts, NeumaierSum, aggregate_counts};
pub use band::{AgeRange, BandKey, KNOWN_STANDARDS, Standard};
pub use compare::{
    Comparison, Polarity, compare, compare_batch, compare_interval, compare_intervals,
};
pub use confidence::Confidence;
pub use dsr::{DsrEstimate, DsrOptions, dsr, dsr_grouped, dsr_non_independent, dsr_weighted};
pub use estimate::{
    BatchColumns, Estimate, Estimates, Method, OnUndefined, Reason, check_multiplier,
};
pub use funnel::{
    FunnelKind, FunnelScale, FunnelSignificance, FunnelUnit, OverdispersedFunnel, Overdispersion,
    OverdispersionEstimate, OverdispersionOptions, ProportionFunnel, ProportionFunnelRow,
    RateFunnel, RateFunnelPoint, RateFunnelRow, RateType, RatioFunnel, RatioFunnelPoint,
    RatioFunnelRow, RatioType, funnel_levels, funnel_of_kind, funnel_overdispersed,
    funnel_proportions, funnel_rates, funnel_rates_overdispersed, funnel_ratios,
    funnel_ratios_overdispersed, overdispersion, proportion_funnel_limits, proportion_funnel_point,
    ratio_funnel_expected, ratio_funnel_point, ratio_significance,
};
pub use isr::{IsrEstimate, IsrKind, IsrOptions, IsrReference, Observed, isr_grouped};
pub use life_expectancy::{LifeExpectancyOptions, LifeExpectancyRow, life_expectancy};
pub use mean::{MeanAccumulator, MeanEstimate, MeanOptions, mean};
pub use poisson::{
    BYAR_SWITCH, EXACT_ASYMPTOTIC_FROM, PoissonMethod, byar_lower, byar_upper, count_interval,
    count_method, exact_lower, exact_upper,
};
pub use proportion::{
    ProportionMethod, ProportionOptions, clopper_pearson_limits, proportion, proportion_batch,
    proportion_batch_into, wilson_limits,
};
pub use quantiles::{quantile_count, quantiles, quantiles_grouped};
pub use rate::{RateOptions, count_batch, rate, rate_batch, rate_batch_into};

/// The defaults every face uses. The bindings read these; they never restate them.
pub mod defaults {
    /// Default confidence level.
    pub const CONFIDENCE: f64 = 0.95;
    /// Default multiplier of a proportion (1: a fraction).
    pub const PROPORTION_MULTIPLIER: f64 = 1.0;
    /// Default multiplier of rates, DSRs and ISRates (per 100,000).
    pub const RATE_MULTIPLIER: f64 = 100_000.0;
    /// Default reference value of an ISRatio.
    pub const ISR_REFVALUE: f64 = 1.0;
    /// Default standard population of a DSR.
    pub const STANDARD: &str = "esp2013";
    /// Default proportion method.
    pub const PROPORTION_METHOD: &str = "wilson";
    /// Default Poisson method of rates and ISRs.
    pub const RATE_METHOD: &str = "byar";
    /// Default number of deprivation quantiles.
    pub const QUANTILES: u32 = 10;
    /// Default quantile direction: the highest value gets quantile 1 (Fingertips).
    pub const QUANTILE_INVERT: bool = true;
    /// Default handling of missing values: a missing value nulls its row or group.
    pub const SKIP_MISSING: bool = false;
    /// Default handling of undefined statistics ("null" with a reason).
    pub const ON_UNDEFINED: &str = "null";
    /// Default polarity of a comparison.
    pub const POLARITY: &str = "higher_is_better";
    /// Default ratio type of a ratio funnel.
    pub const RATIO_TYPE: &str = "ratio";
    /// Default: proportion funnel limits are clamped to [0, m] when plotted.
    pub const FUNNEL_CLAMP: bool = true;
}

/// Formats a multiplier as a plain decimal with no exponent and no grouping ("100000", "1.5").
pub fn format_multiplier(m: f64) -> String {
    confidence::format_significant(m, 15)
}

/// The statistic text of a proportion ("percentage" when m = 100, else "proportion of `<m>`").
pub fn proportion_statistic(m: f64) -> String {
    if m == 100.0 {
        "percentage".to_owned()
    } else {
        format!("proportion of {}", format_multiplier(m))
    }
}

/// The statistic text of a rate ("rate per `<m>`").
pub fn rate_statistic(m: f64) -> String {
    format!("rate per {}", format_multiplier(m))
}
