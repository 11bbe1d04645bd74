//! Benchmarking conventions (spec-ascof.md §10): quartile among areas with the best quartile
//! first, Oflog-style MAD bands, and direction of travel — each honouring polarity.

use crate::stats::Polarity;
use serde::{Deserialize, Serialize};

/// An Oflog-style band: the distance of a value from a median in median absolute deviations,
/// `d = (value − median) / MAD`, signed so that positive is better (spec-ascof.md §10.3).
///
/// Boundaries: `|d| ≥ 7.5` review; `3 ≤ d` much better; `1.5 ≤ d < 3` better;
/// `0.5 ≤ d < 1.5` slightly better; `−0.5 < d < 0.5` broadly similar; and the mirror images
/// (`d ≤ −0.5` slightly worse, ...). The MAD is unscaled (no 1.4826 factor). Both the boundary
/// inclusivity and the absence of a scaling constant are assumptions \[L\]: the specification
/// asks for them to be taken from `communitiesuk/oflog-automated-text`, which is not available
/// here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MadBand {
    /// `|d| ≥ 7.5`: flagged for manual review.
    Review,
    /// `3 ≤ d < 7.5`.
    MuchBetter,
    /// `1.5 ≤ d < 3`.
    Better,
    /// `0.5 ≤ d < 1.5`.
    SlightlyBetter,
    /// `−0.5 < d < 0.5`.
    BroadlySimilar,
    /// `−1.5 < d ≤ −0.5`.
    SlightlyWorse,
    /// `−3 < d ≤ −1.5`.
    Worse,
    /// `−7.5 < d ≤ −3`.
    MuchWorse,
}

impl MadBand {
    /// The band of a polarity-adjusted distance `d` (positive = better).
    ///
    /// ```
    /// use care_outcomes::framework::MadBand;
    /// assert_eq!(MadBand::of_distance(0.5), MadBand::SlightlyBetter);
    /// assert_eq!(MadBand::of_distance(-0.5), MadBand::SlightlyWorse);
    /// assert_eq!(MadBand::of_distance(0.2), MadBand::BroadlySimilar);
    /// assert_eq!(MadBand::of_distance(-8.0), MadBand::Review);
    /// ```
    pub fn of_distance(d: f64) -> MadBand {
        let a = d.abs();
        if a >= 7.5 {
            MadBand::Review
        } else if a < 0.5 {
            MadBand::BroadlySimilar
        } else if d > 0.0 {
            if a >= 3.0 {
                MadBand::MuchBetter
            } else if a >= 1.5 {
                MadBand::Better
            } else {
                MadBand::SlightlyBetter
            }
        } else if a >= 3.0 {
            MadBand::MuchWorse
        } else if a >= 1.5 {
            MadBand::Worse
        } else {
            MadBand::SlightlyWorse
        }
    }

    /// The band of `value` against the values of a group (its median and MAD), or None when
    /// the group has no spread (MAD = 0), fewer than 2 values, or the polarity makes no
    /// judgement.
    ///
    /// ```
    /// use care_outcomes::framework::MadBand;
    /// use care_outcomes::stats::Polarity;
    /// let group = [10.0, 12.0, 14.0, 16.0, 18.0]; // median 14, MAD 2
    /// assert_eq!(MadBand::of(20.0, &group, Polarity::HigherIsBetter), Some(MadBand::MuchBetter));
    /// assert_eq!(MadBand::of(20.0, &group, Polarity::LowerIsBetter), Some(MadBand::MuchWorse));
    /// ```
    pub fn of(value: f64, group: &[f64], polarity: Polarity) -> Option<MadBand> {
        MadBand::against(value, MedianSpread::of(group)?, polarity)
    }

    /// The band of `value` against a group's precomputed median and MAD (see [`MadBand::of`]).
    pub fn against(value: f64, spread: MedianSpread, polarity: Polarity) -> Option<MadBand> {
        let sign = match polarity {
            Polarity::HigherIsBetter => 1.0,
            Polarity::LowerIsBetter => -1.0,
            Polarity::NoJudgement => return None,
        };
        if !value.is_finite() || spread.mad <= 0.0 {
            return None;
        }
        Some(MadBand::of_distance(
            sign * (value - spread.median) / spread.mad,
        ))
    }

    /// The stable snake_case name.
    pub fn code(self) -> &'static str {
        match self {
            MadBand::Review => "review",
            MadBand::MuchBetter => "much_better",
            MadBand::Better => "better",
            MadBand::SlightlyBetter => "slightly_better",
            MadBand::BroadlySimilar => "broadly_similar",
            MadBand::SlightlyWorse => "slightly_worse",
            MadBand::Worse => "worse",
            MadBand::MuchWorse => "much_worse",
        }
    }
}

/// The median of a group's finite values and their median absolute deviation (unscaled).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MedianSpread {
    /// The median.
    pub median: f64,
    /// The median of |value − median|.
    pub mad: f64,
}

impl MedianSpread {
    /// Median and MAD of the finite values, or None for fewer than two.
    ///
    /// ```
    /// use care_outcomes::framework::benchmark::MedianSpread;
    /// let s = MedianSpread::of(&[10.0, 12.0, 14.0, 16.0, 18.0, f64::NAN]).unwrap();
    /// assert_eq!((s.median, s.mad), (14.0, 2.0));
    /// ```
    pub fn of(values: &[f64]) -> Option<MedianSpread> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.len() < 2 {
            return None;
        }
        let med = median(&mut v);
        for x in &mut v {
            *x = (*x - med).abs();
        }
        let mad = median(&mut v);
        Some(MedianSpread { median: med, mad })
    }
}

/// The finite values in the order of [`f64::total_cmp`]: their total-order keys (the integers
/// `total_cmp` compares) sorted as integers, which is cheaper than sorting by `total_cmp`; equal
/// keys are equal bits, so the unstable sort gives the same array.
fn sorted_finite(values: &[f64]) -> Vec<f64> {
    // `total_cmp`'s key: negative values have every bit but the sign flipped, so the order of
    // the keys as signed integers is the total order. The map is its own inverse.
    fn key(bits: u64) -> u64 {
        #[allow(clippy::cast_possible_wrap, clippy::cast_sign_loss)]
        let k = (bits as i64 ^ ((((bits as i64) >> 63) as u64) >> 1) as i64) as u64;
        k
    }
    #[allow(clippy::cast_possible_wrap)]
    let mut keys: Vec<i64> = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| key(v.to_bits()) as i64)
        .collect();
    keys.sort_unstable();
    #[allow(clippy::cast_sign_loss)]
    keys.into_iter()
        .map(|k| f64::from_bits(key(k as u64)))
        .collect()
}

/// The median of finite values (sorted in place); the mean of the middle two for an even count.
pub(crate) fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        f64::midpoint(v[n / 2 - 1], v[n / 2])
    }
}

/// Direction of travel against the previous period, through polarity (spec-ascof.md §10.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Moved in the good direction.
    Improved,
    /// Moved in the bad direction.
    Worsened,
    /// The same published value.
    NoChange,
    /// Higher (no polarity).
    Increased,
    /// Lower (no polarity).
    Decreased,
}

impl Direction {
    /// The direction from `previous` to `current` (compare published values, so that a change
    /// invisible at the published precision is "no change").
    ///
    /// ```
    /// use care_outcomes::framework::Direction;
    /// use care_outcomes::stats::Polarity;
    /// assert_eq!(Direction::of(79.1, 81.8, Polarity::HigherIsBetter), Direction::Improved);
    /// assert_eq!(Direction::of(498.2, 538.5, Polarity::LowerIsBetter), Direction::Worsened);
    /// ```
    pub fn of(previous: f64, current: f64, polarity: Polarity) -> Direction {
        use std::cmp::Ordering;
        match (current.total_cmp(&previous), polarity) {
            (Ordering::Equal, _) => Direction::NoChange,
            (Ordering::Greater, Polarity::HigherIsBetter)
            | (Ordering::Less, Polarity::LowerIsBetter) => Direction::Improved,
            (Ordering::Greater, Polarity::LowerIsBetter)
            | (Ordering::Less, Polarity::HigherIsBetter) => Direction::Worsened,
            (Ordering::Greater, Polarity::NoJudgement) => Direction::Increased,
            (Ordering::Less, Polarity::NoJudgement) => Direction::Decreased,
        }
    }

    /// The stable snake_case name.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Worsened => "worsened",
            Direction::NoChange => "no_change",
            Direction::Increased => "increased",
            Direction::Decreased => "decreased",
        }
    }
}

/// The quartile of each value among `values` with quartile 1 the best by polarity (highest
/// values for higher-is-better, lowest for lower-is-better; lowest first for no judgement).
/// Quartile of the value at (1-based) best-first rank `r` among `n` finite values:
/// `floor(4 (r − 1) / n) + 1`, ties sharing the best rank of their group (so the best value is
/// always in quartile 1). None for non-finite values.
///
/// ```
/// use care_outcomes::framework::benchmark::quartiles;
/// use care_outcomes::stats::Polarity;
/// let q = quartiles(&[10.0, 40.0, 30.0, 20.0], Polarity::HigherIsBetter);
/// assert_eq!(q, [Some(4), Some(1), Some(2), Some(3)]);
/// let q = quartiles(&[10.0, 40.0, 30.0, 20.0], Polarity::LowerIsBetter);
/// assert_eq!(q, [Some(1), Some(4), Some(3), Some(2)]);
/// ```
pub fn quartiles(values: &[f64], polarity: Polarity) -> Vec<Option<u8>> {
    let sorted = sorted_finite(values);
    let n = sorted.len();
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() || n == 0 {
                return None;
            }
            // The number of values strictly better than v.
            let better = match polarity {
                Polarity::HigherIsBetter => n - sorted.partition_point(|&w| w <= v),
                Polarity::LowerIsBetter | Polarity::NoJudgement => {
                    sorted.partition_point(|&w| w < v)
                }
            };
            let rank = better + 1;
            // rank ≤ n, so the result is 1..=4.
            u8::try_from(4 * (rank - 1) / n + 1).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sorted_finite;
    use proptest::prelude::*;

    fn by_total_cmp(values: &[f64]) -> Vec<u64> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        v.into_iter().map(f64::to_bits).collect()
    }

    proptest! {
        /// The integer-key sort gives the bits `sort_by(f64::total_cmp)` gives: signed zeros,
        /// subnormals, extremes and non-finite values (left out) included.
        #[test]
        fn sorted_finite_is_the_total_order(
            values in prop::collection::vec(
                prop_oneof![
                    any::<f64>(),
                    Just(0.0), Just(-0.0), Just(f64::MIN_POSITIVE / 4.0), Just(-f64::MAX),
                    Just(f64::NAN), Just(f64::NEG_INFINITY), (-3i8..3).prop_map(f64::from),
                ],
                0..200,
            )
        ) {
            let got: Vec<u64> = sorted_finite(&values).into_iter().map(f64::to_bits).collect();
            prop_assert_eq!(got, by_total_cmp(&values));
        }
    }
}
