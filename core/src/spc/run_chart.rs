//! Run charts: the rules on the median, kept apart from the SPC (XmR) rules
//! (spec-economics-spc.md §7.2: "Run-chart rules (on the median) are different: common NHS
//! guidance is a shift of 6 (8 in IHI / abspc) and a trend of 5 (or 6)").
//!
//! \[L\] The handling of points on the median and of repeated values follows the common run chart
//! guidance (a value on the median, or a repeated value, neither adds to nor breaks a shift or a
//! trend); the spec states the lengths only, so both are options.

use crate::error::{Error, Location, Result};
use crate::spc::options::{Rule, TrendTies};
use crate::spc::rules::{RuleHit, Side, trends};
use serde::{Deserialize, Serialize};

/// How a point exactly on the median affects a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnMedian {
    /// It neither adds to nor breaks the shift (run chart guidance; the default).
    Skip,
    /// It breaks the shift (as a point on the mean does on an SPC chart).
    Break,
}

string_codes! {
    OnMedian: option "on_median", expected "\"skip\", \"break\"" {
        Skip = "skip",
        Break = "break",
    }
}

/// The choices of a run chart.
///
/// # Examples
///
/// ```
/// use care_outcomes::spc::RunChartOptions;
/// let o = RunChartOptions::default();
/// assert_eq!((o.shift_length, o.trend_length), (6, 5));
/// assert_eq!(RunChartOptions::abspc().shift_length, 8);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunChartOptions {
    /// Points on one side of the median (default 6, NHS guidance; 8 IHI / abspc).
    pub shift_length: usize,
    /// Points in a run of increases or decreases (default 5; 6 abspc).
    pub trend_length: usize,
    /// Points on the median (default skip).
    pub on_median: OnMedian,
    /// Repeated values in a trend (default skip, run chart guidance).
    pub trend_ties: TrendTies,
    /// The median from the first n points (default all).
    pub baseline: Option<usize>,
}

impl Default for RunChartOptions {
    fn default() -> Self {
        RunChartOptions {
            shift_length: 6,
            trend_length: 5,
            on_median: OnMedian::Skip,
            trend_ties: TrendTies::Skip,
            baseline: None,
        }
    }
}

impl RunChartOptions {
    /// abspc's run chart lengths: shift 8, trend 6.
    pub fn abspc() -> Self {
        RunChartOptions {
            shift_length: 8,
            trend_length: 6,
            ..Self::default()
        }
    }
}

/// One point of a run chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunPoint {
    /// The value.
    pub value: f64,
    /// Its side of the median (null on the median).
    pub side: Option<Side>,
    /// The rules (shift, trend) that fired on it.
    pub hits: Vec<RuleHit>,
}

/// A run chart: the median, each point's signals, and the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunChart {
    /// `"run_chart"`.
    pub method: String,
    /// The options used.
    pub options: RunChartOptions,
    /// The median of the baseline points.
    pub median: f64,
    /// One per value.
    pub points: Vec<RunPoint>,
    /// Points not on the median.
    pub useful_observations: usize,
    /// Runs: maximal sequences of useful observations on one side (crossings + 1; 0 when
    /// every point is on the median).
    pub runs: usize,
}

impl RunChart {
    /// The points at which `rule` fired.
    pub fn flagged(&self, rule: Rule) -> Vec<usize> {
        self.points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.hits.iter().any(|h| h.rule == rule))
            .map(|(i, _)| i)
            .collect()
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        f64::midpoint(s[n / 2 - 1], s[n / 2])
    }
}

/// A run chart of `values` (time order): shifts about the median and trends.
///
/// # Errors
/// `empty_input`; `missing_input` / `non_finite` with the row; `invalid_option` for a shift
/// shorter than 2, a trend shorter than 3, or a baseline of 0 or more points than there are.
///
/// # Examples
///
/// ```
/// use care_outcomes::spc::{run_chart, Rule, RunChartOptions};
/// let x = [5.0, 3.0, 6.0, 4.0, 5.0, 7.0, 8.0, 9.0, 7.0, 8.0, 9.0, 5.0];
/// let c = run_chart(&x, &RunChartOptions::default())?;
/// assert_eq!(c.median, 6.5);
/// assert_eq!(c.flagged(Rule::Shift), vec![5, 6, 7, 8, 9, 10]);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn run_chart(values: &[f64], options: &RunChartOptions) -> Result<RunChart> {
    if values.is_empty() {
        return Err(Error::EmptyInput {
            what: "a run chart needs at least one value",
        });
    }
    for (i, &v) in values.iter().enumerate() {
        if v.is_nan() {
            return Err(Error::MissingInput {
                field: "values",
                at: Location::row(i),
            });
        }
        if v.is_infinite() {
            return Err(Error::NonFinite {
                field: "values",
                value: v,
                at: Location::row(i),
            });
        }
    }
    let o = options;
    let bad = |option: &'static str, v: usize, expected: &'static str| {
        Err(Error::InvalidOption {
            option,
            value: v.to_string(),
            expected,
        })
    };
    if o.shift_length < 2 {
        return bad("shift_length", o.shift_length, "an integer of at least 2");
    }
    if o.trend_length < 3 {
        return bad("trend_length", o.trend_length, "an integer of at least 3");
    }
    let base = match o.baseline {
        Some(n) if n == 0 || n > values.len() => {
            return bad("baseline", n, "between 1 and the number of values");
        }
        Some(n) => n,
        None => values.len(),
    };
    let m = median(&values[..base]);
    let side = |v: f64| {
        if v > m {
            Some(Side::High)
        } else if v < m {
            Some(Side::Low)
        } else {
            None
        }
    };
    let mut points: Vec<RunPoint> = values
        .iter()
        .map(|&v| RunPoint {
            value: v,
            side: side(v),
            hits: Vec::new(),
        })
        .collect();

    // Shifts: (first counted, last counted, side, count).
    let mut run: Option<(usize, usize, Side, usize)> = None;
    let mut shifts = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match (p.side, run) {
            (None, _) => {
                if o.on_median == OnMedian::Break {
                    shifts.extend(run.take());
                }
            }
            (Some(s), Some((a, _, rs, n))) if s == rs => run = Some((a, i, s, n + 1)),
            (Some(s), _) => {
                shifts.extend(run.take());
                run = Some((i, i, s, 1));
            }
        }
    }
    shifts.extend(run);
    for (a, b, s, n) in shifts {
        if n >= o.shift_length {
            for p in &mut points[a..=b] {
                p.hits.push(RuleHit {
                    rule: Rule::Shift,
                    side: s,
                });
            }
        }
    }
    for (a, b, s) in trends(values, o.trend_length, o.trend_ties) {
        for p in &mut points[a..=b] {
            p.hits.push(RuleHit {
                rule: Rule::Trend,
                side: s,
            });
        }
    }
    let useful: Vec<Side> = points.iter().filter_map(|p| p.side).collect();
    let runs = if useful.is_empty() {
        0
    } else {
        1 + useful.windows(2).filter(|w| w[0] != w[1]).count()
    };
    Ok(RunChart {
        method: "run_chart".to_owned(),
        options: o.clone(),
        median: m,
        points,
        useful_observations: useful.len(),
        runs,
    })
}
