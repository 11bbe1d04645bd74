//! Phases and their limits: mean, moving ranges, MR̄ (optionally screened), process limits and
//! near-limit lines (spec-economics-spc.md §7.1).

use crate::spc::options::{D4, XmrOptions};
use crate::stats::{NeumaierSum, Reason};
use serde::{Deserialize, Serialize};

/// The centre line and limits of one phase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct XmrLimits {
    /// x̄: the mean of the phase's baseline points.
    pub mean: f64,
    /// MR̄: the mean moving range of the baseline (after screening when it is on).
    pub mr_bar: f64,
    /// Upper process limit x̄ + c·MR̄.
    pub upl: f64,
    /// Lower process limit x̄ − c·MR̄.
    pub lpl: f64,
    /// Upper near-limit ("two-sigma") line x̄ + (2/3)·c·MR̄.
    pub near_upper: f64,
    /// Lower near-limit line x̄ − (2/3)·c·MR̄.
    pub near_lower: f64,
    /// MR̄ = 0: the limits collapse to the mean.
    pub zero_variation: bool,
}

/// One phase of the chart: points `start..end` with their own mean and limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmrPhase {
    /// First point (index into the series).
    pub start: usize,
    /// One past the last point.
    pub end: usize,
    /// The points the limits were computed from (the first `baseline_points` of the phase).
    pub baseline_points: usize,
    /// The limits; null when the phase has fewer than `min_points_for_limits` points.
    pub limits: Option<XmrLimits>,
    /// Why `limits` is null (`insufficient_values`).
    pub reason: Option<Reason>,
    /// Limits from fewer than `trial_limits_below` points ("trial limits", revised with each new
    /// point).
    pub trial_limits: bool,
    /// Point indices i whose moving range |xᵢ − xᵢ₋₁| screening dropped.
    pub excluded_moving_ranges: Vec<usize>,
}

impl XmrPhase {
    /// The number of points in the phase.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the phase has no points (never, for a phase of a chart).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

fn mean_of(values: impl Iterator<Item = f64>) -> (f64, usize) {
    let mut s = NeumaierSum::default();
    let mut n = 0;
    for v in values {
        s.add(v);
        n += 1;
    }
    (s.value() / n as f64, n)
}

/// The limits of the phase `x[start..end]`.
pub(crate) fn phase(x: &[f64], start: usize, end: usize, o: &XmrOptions) -> XmrPhase {
    let len = end - start;
    let baseline = o.fix_after.map_or(len, |n| n.min(len));
    let mut p = XmrPhase {
        start,
        end,
        baseline_points: baseline,
        limits: None,
        reason: None,
        trial_limits: false,
        excluded_moving_ranges: Vec::new(),
    };
    if len < o.min_points_for_limits {
        p.reason = Some(Reason::InsufficientValues);
        return p;
    }
    let b = &x[start..start + baseline];
    let (mean, _) = mean_of(b.iter().copied());
    let mr = |i: usize| (b[i] - b[i - 1]).abs();
    let (mut mr_bar, _) = mean_of((1..baseline).map(mr));
    if o.screen_moving_ranges && mr_bar > 0.0 {
        let cut = D4 * mr_bar;
        p.excluded_moving_ranges = (1..baseline)
            .filter(|&i| mr(i) >= cut)
            .map(|i| start + i)
            .collect();
        mr_bar = mean_of((1..baseline).map(mr).filter(|&m| m < cut)).0;
    }
    let c = o.limit_constant.value();
    let width = c * mr_bar;
    let near = 2.0 * c * mr_bar / 3.0;
    p.limits = Some(XmrLimits {
        mean,
        mr_bar,
        upl: mean + width,
        lpl: mean - width,
        near_upper: mean + near,
        near_lower: mean - near,
        zero_variation: mr_bar == 0.0,
    });
    p.trial_limits = baseline < o.trial_limits_below;
    p
}
