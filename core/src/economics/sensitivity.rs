//! One-way sensitivity (tornado data) and break-even values (spec-economics-spc.md §2.3): change
//! one estimate at a time and report how the headline moves, and how large a change turns it to
//! the break-even target (a ratio of 1, an NPV of 0).

use super::appraisal::{Appraisal, Metric};
use crate::error::{Error, Result};
use crate::stats::Reason;
use serde::{Deserialize, Serialize};

/// A parameter and the low and high values to try.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::ParameterRange;
/// let r = ParameterRange { parameter: "deadweight".into(), low: 0.2, high: 0.5 };
/// assert_eq!(r.high, 0.5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterRange {
    /// Parameter name (see [`Appraisal::parameter`]).
    pub parameter: String,
    /// Low value.
    pub low: f64,
    /// High value.
    pub high: f64,
}

/// One bar of a tornado chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// Parameter name.
    pub parameter: String,
    /// Its base value.
    pub base: f64,
    /// The low value tried.
    pub low: f64,
    /// The high value tried.
    pub high: f64,
    /// The metric at the low value.
    pub output_low: f64,
    /// The metric at the high value.
    pub output_high: f64,
    /// |output_high − output_low|.
    pub swing: f64,
}

/// One-way sensitivity results, bars by decreasing swing (ties keep the input order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    /// The metric followed.
    pub metric: Metric,
    /// Its value for the model as given.
    pub base_output: f64,
    /// The bars.
    pub bars: Vec<TornadoBar>,
}

fn check_finite(field: &'static str, v: f64) -> Result<()> {
    super::discounting::check_flow(field, &[v])
}

/// One-way sensitivity: each parameter set to its low and then its high value, the others at base.
///
/// # Errors
///
/// `empty_input` without ranges; the model's errors at any tried value.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{Appraisal, Metric, ParameterRange, ReablementModel, one_way};
/// let a = Appraisal::Reablement(ReablementModel { people: 400.0, share_independent: 0.3,
///     deadweight: 0.35, weekly_package_cost: 250.0, service_cost: 900_000.0, ..Default::default() });
/// let t = one_way(&a, Metric::BenefitCostRatio, &[
///     ParameterRange { parameter: "deadweight".into(), low: 0.2, high: 0.5 },
///     ParameterRange { parameter: "weeks".into(), low: 50.0, high: 52.0 },
/// ])?;
/// assert_eq!(t.bars[0].parameter, "deadweight");
/// assert!(t.bars[0].output_low > t.bars[0].output_high);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn one_way(
    appraisal: &Appraisal,
    metric: Metric,
    ranges: &[ParameterRange],
) -> Result<Tornado> {
    if ranges.is_empty() {
        return Err(Error::EmptyInput {
            what: "parameter ranges",
        });
    }
    let base_output = appraisal.metric(metric)?;
    let mut bars = Vec::with_capacity(ranges.len());
    for r in ranges {
        check_finite("low", r.low)?;
        check_finite("high", r.high)?;
        let base = appraisal.parameter(&r.parameter)?;
        let output_low = appraisal
            .with_parameter(&r.parameter, r.low)?
            .metric(metric)?;
        let output_high = appraisal
            .with_parameter(&r.parameter, r.high)?
            .metric(metric)?;
        bars.push(TornadoBar {
            parameter: r.parameter.clone(),
            base,
            low: r.low,
            high: r.high,
            output_low,
            output_high,
            swing: (output_high - output_low).abs(),
        });
    }
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok(Tornado {
        metric,
        base_output,
        bars,
    })
}

/// A break-even value: the parameter value at which the metric equals the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakEven {
    /// Parameter name.
    pub parameter: String,
    /// The metric followed.
    pub metric: Metric,
    /// The target (1 for a ratio, 0 for a net value).
    pub target: f64,
    /// The parameter's base value.
    pub base: f64,
    /// The break-even value (null with a reason if the range holds none).
    pub value: Option<f64>,
    /// Why `value` is null (`no_break_even`).
    pub reason: Option<Reason>,
}

/// The parameter value in `[low, high]` at which `metric` equals `target`, by bisection to full
/// double precision (the metric must change sign across the range; if it crosses more than once,
/// one crossing is returned).
///
/// # Errors
///
/// `non_finite` for a bound; the model's errors at any tried value.
///
/// # Examples
///
/// ```
/// use care_outcomes::economics::{Appraisal, Metric, ReablementModel, break_even};
/// // ROI03: the deadweight at which the BCR falls to 1.
/// let a = Appraisal::Reablement(ReablementModel { people: 400.0, share_independent: 0.3,
///     deadweight: 0.35, weekly_package_cost: 250.0, service_cost: 900_000.0, ..Default::default() });
/// let b = break_even(&a, "deadweight", Metric::BenefitCostRatio, 1.0, 0.0, 1.0)?;
/// assert!((b.value.unwrap() - (1.0 - 900_000.0 / 1_560_000.0)).abs() < 1e-12);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn break_even(
    appraisal: &Appraisal,
    parameter: &str,
    metric: Metric,
    target: f64,
    low: f64,
    high: f64,
) -> Result<BreakEven> {
    check_finite("low", low)?;
    check_finite("high", high)?;
    check_finite("target", target)?;
    let base = appraisal.parameter(parameter)?;
    let f = |x: f64| -> Result<f64> {
        Ok(appraisal.with_parameter(parameter, x)?.metric(metric)? - target)
    };
    let done = |value: Option<f64>| BreakEven {
        parameter: parameter.to_owned(),
        metric,
        target,
        base,
        value,
        reason: if value.is_none() {
            Some(Reason::NoBreakEven)
        } else {
            None
        },
    };
    let (mut lo, mut hi) = (low.min(high), low.max(high));
    let (mut flo, fhi) = (f(lo)?, f(hi)?);
    if flo == 0.0 {
        return Ok(done(Some(lo)));
    }
    if fhi == 0.0 {
        return Ok(done(Some(hi)));
    }
    if (flo < 0.0) == (fhi < 0.0) {
        return Ok(done(None));
    }
    for _ in 0..2100 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        let fm = f(mid)?;
        if fm == 0.0 {
            return Ok(done(Some(mid)));
        }
        if (fm < 0.0) == (flo < 0.0) {
            lo = mid;
            flo = fm;
        } else {
            hi = mid;
        }
    }
    // The root lies in [lo, hi], two adjacent doubles: report the one with the smaller residual.
    let pick = if f(lo)?.abs() <= f(hi)?.abs() { lo } else { hi };
    Ok(done(Some(pick)))
}
