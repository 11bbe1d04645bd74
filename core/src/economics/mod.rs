//! Economic evaluation (spec-economics-spc.md §1–5): Green Book discounting as versioned data,
//! cost-benefit models with outputs named apart, SROI, GMCA-style cohort chains, payback,
//! optimism bias, unit costs as data with uprating, a reablement savings calculator, and
//! sensitivity analysis (one-way / tornado, break-even, seeded Monte Carlo).
//!
//! Every claim of the form "£7.78 for every £1" is expressible with its assumptions explicit:
//!
//! ```
//! use care_outcomes::economics::{BenefitLine, CostBenefitModel, CostLine, DiscountSchedule, ValueType};
//! // ROI01: £3,501,000 gross avoided spend for a £450,000 service, one year, undiscounted.
//! let mut m = CostBenefitModel::new(
//!     vec![CostLine::new("service", vec![450_000.0])],
//!     vec![BenefitLine::new("avoided spend", ValueType::FiscalCashable, vec![3_501_000.0])],
//! )?;
//! m.schedule = DiscountSchedule::builtin("undiscounted")?;
//! let r = m.evaluate()?;
//! assert!((r.benefit_cost_ratio - 7.78).abs() < 1e-12); // "£7.78 for every £1"
//! assert!((r.net_roi - 6.78).abs() < 1e-12);            // the finance "return": 678%
//! assert_eq!(r.net_present_value, 3_051_000.0);
//! # Ok::<(), care_outcomes::Error>(())
//! ```
//!
//! Conventions are parameters, never accidents: the schedule and its edition, year 0
//! undiscounted ([`Timing::YearZero`], Green Book) or year 1 discounted ([`Timing::YearOne`],
//! Excel `NPV()`, the SROI guide), drop-off from year 2 or year 1, optimism bias up on costs and
//! down on benefits, the price base year and deflator vintage. Results record them.
//!
//! Impossible input is an error with a stable code: `negative_value` (costs, counts), `non_finite`,
//! `empty_input` (empty streams), `invalid_rate` (a rate ≤ −1), `invalid_adjustment` (a share
//! outside [0, 1]), `zero_cost` (a ratio to a cost of 0), `unknown_price_year`,
//! `invalid_distribution`. A payback that never comes, or a break-even value outside the searched
//! range, is a null with a reason (`not_paid_back`, `no_break_even`).

pub mod appraisal;
pub mod cohort;
pub mod cost_benefit;
pub mod deflator;
pub mod discounting;
pub mod interchange;
pub mod monte_carlo;
pub mod optimism_bias;
pub mod payback;
pub mod reablement;
pub mod sensitivity;
pub mod sroi;
pub mod unit_cost;

pub use appraisal::{Appraisal, Metric};
pub use cohort::{CohortModel, CohortResult, UnitValue};
pub use cost_benefit::{
    BenefitLine, Conventions, CostBenefitModel, CostBenefitResult, CostLine, ValueType,
};
pub use deflator::{DeflatorSeries, Rebased};
pub use discounting::{
    BUILTIN_SCHEDULES, DEFAULT_SCHEDULE, DiscountSchedule, RateBand, Timing, annuity_factor,
    check_rate, equivalent_annual_cost, inflate, nominal_rate, present_value,
};
pub use monte_carlo::{
    Distribution, MonteCarloOptions, MonteCarloResult, Percentile, Uncertain, monte_carlo,
};
pub use optimism_bias::{OptimismBias, OptimismBiasBound, check_share, green_book_bounds};
pub use payback::{Payback, PaybackPeriod, payback};
pub use reablement::{ReablementModel, ReablementResult};
pub use sensitivity::{BreakEven, ParameterRange, Tornado, TornadoBar, break_even, one_way};
pub use sroi::{DropOffStart, SroiModel, SroiOutcome, SroiResult, drop_off_profile};
pub use unit_cost::{UnitCost, UnitCostTable};
