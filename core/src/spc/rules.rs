//! The special-cause rules within one phase (spec-economics-spc.md §7.2). Runs and trends never
//! cross a phase boundary: each phase has its own mean.

use crate::spc::limits::XmrLimits;
use crate::spc::options::{Rule, TrendTies, TwoInThree, XmrOptions};
use serde::{Deserialize, Serialize};

/// The side of a signal: above the mean / beyond the upper limit / an increasing trend is
/// `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Above the mean, above the upper limit, or an increasing trend.
    High,
    /// Below the mean, below the lower limit, or a decreasing trend.
    Low,
}

impl Side {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Side::High => "high",
            Side::Low => "low",
        }
    }
}

/// One rule firing on one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleHit {
    /// The rule.
    pub rule: Rule,
    /// Its side (for a trend, the direction of travel).
    pub side: Side,
}

/// Appends the hits of every rule for the points of `x[start..end]` to `hits[i]`.
pub(crate) fn apply(
    x: &[f64],
    start: usize,
    end: usize,
    l: &XmrLimits,
    o: &XmrOptions,
    hits: &mut [Vec<RuleHit>],
) {
    let mut mark = |i: usize, rule: Rule, side: Side| hits[i].push(RuleHit { rule, side });

    // Outside the process limits (strict).
    for (i, &v) in x.iter().enumerate().take(end).skip(start) {
        if v > l.upl {
            mark(i, Rule::OutsideLimits, Side::High);
        } else if v < l.lpl {
            mark(i, Rule::OutsideLimits, Side::Low);
        }
    }

    // Trend: consecutive differences of one sign.
    for (a, b, side) in trends(&x[start..end], o.trend_length, o.trend_ties) {
        for i in a..=b {
            mark(start + i, Rule::Trend, side);
        }
    }

    // Two of three beyond a near-limit line, all three on that side of the mean.
    let counts = |v: f64, side: Side| match (side, o.two_in_three) {
        (Side::High, TwoInThree::Post2023) => v > l.near_upper,
        (Side::High, TwoInThree::Pre2023) => v > l.near_upper && !(v > l.upl),
        (Side::Low, TwoInThree::Post2023) => v < l.near_lower,
        (Side::Low, TwoInThree::Pre2023) => v < l.near_lower && !(v < l.lpl),
    };
    let mut two = vec![None; end - start];
    for w in start..end.saturating_sub(2) {
        for side in [Side::High, Side::Low] {
            let same_side = (w..w + 3).all(|i| match side {
                Side::High => x[i] > l.mean,
                Side::Low => x[i] < l.mean,
            });
            if same_side && (w..w + 3).filter(|&i| counts(x[i], side)).count() >= 2 {
                for i in (w..w + 3).filter(|&i| counts(x[i], side)) {
                    two[i - start] = Some(side);
                }
            }
        }
    }
    for (k, s) in two.into_iter().enumerate() {
        if let Some(side) = s {
            mark(start + k, Rule::TwoInThree, side);
        }
    }

    // Shift: a run on one side of the mean; a point on the mean breaks it.
    let side_of = |v: f64| {
        if v > l.mean {
            Some(Side::High)
        } else if v < l.mean {
            Some(Side::Low)
        } else {
            None
        }
    };
    let mut i = start;
    while i < end {
        let s = side_of(x[i]);
        let mut j = i + 1;
        while j < end && side_of(x[j]) == s {
            j += 1;
        }
        if let Some(side) = s
            && j - i >= o.shift_length
        {
            for k in i..j {
                mark(k, Rule::Shift, side);
            }
        }
        i = j;
    }
}

/// The trends of `x` as inclusive point ranges (first, last, direction) of at least `len`
/// counted points.
pub(crate) fn trends(x: &[f64], len: usize, ties: TrendTies) -> Vec<(usize, usize, Side)> {
    let mut out = Vec::new();
    // Current run: its first point, its last moving point, direction and counted points.
    let mut run: Option<(usize, usize, Side, usize)> = None;
    let close = |run: Option<(usize, usize, Side, usize)>, out: &mut Vec<_>| {
        if let Some((a, b, side, n)) = run
            && n >= len
        {
            out.push((a, b, side));
        }
    };
    for i in 1..x.len() {
        let d = x[i] - x[i - 1];
        let dir = if d > 0.0 {
            Some(Side::High)
        } else if d < 0.0 {
            Some(Side::Low)
        } else {
            None
        };
        match (dir, run) {
            (None, _) => {
                if ties == TrendTies::Break {
                    close(run, &mut out);
                    run = None;
                }
            }
            (Some(s), Some((a, _, rs, n))) if s == rs => run = Some((a, i, s, n + 1)),
            (Some(s), _) => {
                close(run, &mut out);
                run = Some((i - 1, i, s, 2));
            }
        }
    }
    close(run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_ties() {
        let x = [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert_eq!(trends(&x, 7, TrendTies::Break), vec![]);
        assert_eq!(trends(&x, 6, TrendTies::Break), vec![(2, 7, Side::High)]);
        assert_eq!(trends(&x, 7, TrendTies::Skip), vec![(0, 7, Side::High)]);
        let y = [7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 1.0, 2.0];
        assert_eq!(trends(&y, 7, TrendTies::Break), vec![(0, 6, Side::Low)]);
        assert_eq!(trends(&y, 7, TrendTies::Skip), vec![(0, 6, Side::Low)]);
        // A turn after a tie under skip: the new run starts at the last tied point.
        let z = [1.0, 2.0, 3.0, 3.0, 2.0, 1.0];
        assert_eq!(
            trends(&z, 3, TrendTies::Skip),
            vec![(0, 2, Side::High), (3, 5, Side::Low)]
        );
    }
}
