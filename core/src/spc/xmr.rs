//! The XmR chart: phases and limits, the rules that fired on each point, each point's type, and
//! the variation and assurance icons (spec-economics-spc.md §7).

use crate::error::{Error, Location, Result};
use crate::spc::limits::{self, XmrLimits, XmrPhase};
use crate::spc::options::{
    AssuranceBounds, AutoRebase, Conflict, ImprovementDirection, Rule, VariationIconFrom,
    XmrOptions, ZeroVariation,
};
use crate::spc::rules::{self, RuleHit, Side};
use crate::stats::Reason;
use serde::{Deserialize, Serialize};

/// What kind of variation a point shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointType {
    /// No rule fired (grey).
    CommonCause,
    /// A special cause in the improvement direction (blue).
    SpecialCauseImprovement,
    /// A special cause against the improvement direction (orange).
    SpecialCauseConcern,
    /// A special cause with no improvement direction set (purple).
    SpecialCauseNeutral,
}

impl PointType {
    /// The stable code (`common_cause`, `special_cause_improvement`, ...).
    pub fn code(self) -> &'static str {
        match self {
            PointType::CommonCause => "common_cause",
            PointType::SpecialCauseImprovement => "special_cause_improvement",
            PointType::SpecialCauseConcern => "special_cause_concern",
            PointType::SpecialCauseNeutral => "special_cause_neutral",
        }
    }

    fn of(side: Side, direction: ImprovementDirection) -> Self {
        match (direction, side) {
            (ImprovementDirection::Neutral, _) => PointType::SpecialCauseNeutral,
            (ImprovementDirection::Increase, Side::High)
            | (ImprovementDirection::Decrease, Side::Low) => PointType::SpecialCauseImprovement,
            _ => PointType::SpecialCauseConcern,
        }
    }
}

/// The MDC variation icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VariationIcon {
    /// Common cause variation (grey).
    CommonCause,
    /// Special cause improvement, high (blue, "H").
    ImprovementHigh,
    /// Special cause improvement, low (blue, "L").
    ImprovementLow,
    /// Special cause concern, high (orange, "H").
    ConcernHigh,
    /// Special cause concern, low (orange, "L").
    ConcernLow,
    /// Special cause, no improvement direction, high (purple, "H").
    NeutralHigh,
    /// Special cause, no improvement direction, low (purple, "L").
    NeutralLow,
}

impl VariationIcon {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "common_cause",
            VariationIcon::ImprovementHigh => "improvement_high",
            VariationIcon::ImprovementLow => "improvement_low",
            VariationIcon::ConcernHigh => "concern_high",
            VariationIcon::ConcernLow => "concern_low",
            VariationIcon::NeutralHigh => "neutral_high",
            VariationIcon::NeutralLow => "neutral_low",
        }
    }

    /// The point type the icon shows.
    pub fn point_type(self) -> PointType {
        match self {
            VariationIcon::CommonCause => PointType::CommonCause,
            VariationIcon::ImprovementHigh | VariationIcon::ImprovementLow => {
                PointType::SpecialCauseImprovement
            }
            VariationIcon::ConcernHigh | VariationIcon::ConcernLow => {
                PointType::SpecialCauseConcern
            }
            VariationIcon::NeutralHigh | VariationIcon::NeutralLow => {
                PointType::SpecialCauseNeutral
            }
        }
    }

    /// A text alternative ("Special cause variation: improvement (high)").
    pub fn description(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "Common cause variation",
            VariationIcon::ImprovementHigh => "Special cause variation: improvement (high)",
            VariationIcon::ImprovementLow => "Special cause variation: improvement (low)",
            VariationIcon::ConcernHigh => "Special cause variation: concern (high)",
            VariationIcon::ConcernLow => "Special cause variation: concern (low)",
            VariationIcon::NeutralHigh => {
                "Special cause variation: neither improvement nor concern (high)"
            }
            VariationIcon::NeutralLow => {
                "Special cause variation: neither improvement nor concern (low)"
            }
        }
    }

    fn of(t: PointType, side: Option<Side>) -> Self {
        match (t, side) {
            (PointType::SpecialCauseImprovement, Some(Side::High)) => {
                VariationIcon::ImprovementHigh
            }
            (PointType::SpecialCauseImprovement, Some(Side::Low)) => VariationIcon::ImprovementLow,
            (PointType::SpecialCauseConcern, Some(Side::High)) => VariationIcon::ConcernHigh,
            (PointType::SpecialCauseConcern, Some(Side::Low)) => VariationIcon::ConcernLow,
            (PointType::SpecialCauseNeutral, Some(Side::High)) => VariationIcon::NeutralHigh,
            (PointType::SpecialCauseNeutral, Some(Side::Low)) => VariationIcon::NeutralLow,
            _ => VariationIcon::CommonCause,
        }
    }
}

/// The MDC assurance icon: the target against the latest phase's process limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssuranceIcon {
    /// The process will consistently meet the target (blue, "P").
    ConsistentlyPass,
    /// The process will sometimes meet and sometimes miss the target (grey, "?").
    HitAndMiss,
    /// The process will consistently fail the target (orange, "F").
    ConsistentlyFail,
}

impl AssuranceIcon {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            AssuranceIcon::ConsistentlyPass => "consistently_pass",
            AssuranceIcon::HitAndMiss => "hit_and_miss",
            AssuranceIcon::ConsistentlyFail => "consistently_fail",
        }
    }

    /// A text alternative.
    pub fn description(self) -> &'static str {
        match self {
            AssuranceIcon::ConsistentlyPass => "Assurance: the target will consistently be met",
            AssuranceIcon::HitAndMiss => {
                "Assurance: the target will be hit and missed (inconsistent)"
            }
            AssuranceIcon::ConsistentlyFail => "Assurance: the target will consistently be missed",
        }
    }
}

/// One point of the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmrPoint {
    /// The value.
    pub value: f64,
    /// The phase it belongs to (index into [`Xmr::phases`]).
    pub phase: usize,
    /// |xᵢ − xᵢ₋₁| (null for the first point of a phase).
    pub moving_range: Option<f64>,
    /// Every rule that fired on the point.
    pub hits: Vec<RuleHit>,
    /// The point's type.
    pub point_type: PointType,
    /// The rule that set the type (null for common cause).
    pub rule: Option<Rule>,
    /// The side of that rule's signal.
    pub side: Option<Side>,
    /// The MDC-style label of the point's signal: "Common Cause", "Above UCL", "Below LCL",
    /// "7 Points Above CL", "7 Point Trend (Decreasing)", ... (lengths from the options). The
    /// two-in-three labels ("2 of 3 Above Upper Warning", "2 of 3 Below Lower Warning") are ours
    /// [L: not in the public vectors].
    pub label: String,
}

fn label(hit: Option<RuleHit>, o: &XmrOptions) -> String {
    let Some(h) = hit else {
        return "Common Cause".to_owned();
    };
    match (h.rule, h.side) {
        (Rule::OutsideLimits, Side::High) => "Above UCL".to_owned(),
        (Rule::OutsideLimits, Side::Low) => "Below LCL".to_owned(),
        (Rule::Shift, Side::High) => format!("{} Points Above CL", o.shift_length),
        (Rule::Shift, Side::Low) => format!("{} Points Below CL", o.shift_length),
        (Rule::Trend, Side::High) => format!("{} Point Trend (Increasing)", o.trend_length),
        (Rule::Trend, Side::Low) => format!("{} Point Trend (Decreasing)", o.trend_length),
        (Rule::TwoInThree, Side::High) => "2 of 3 Above Upper Warning".to_owned(),
        (Rule::TwoInThree, Side::Low) => "2 of 3 Below Lower Warning".to_owned(),
    }
}

/// An XmR chart under Making Data Count rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Xmr {
    /// `"xmr"`.
    pub method: String,
    /// The crate version that computed it.
    pub version: String,
    /// Every option, as used.
    pub options: XmrOptions,
    /// The phases, in order.
    pub phases: Vec<XmrPhase>,
    /// One per value.
    pub points: Vec<XmrPoint>,
    /// The variation icon (null when withheld: see `icon_reason`).
    pub variation_icon: Option<VariationIcon>,
    /// The assurance icon (null with no target, a neutral direction, or withheld).
    pub assurance_icon: Option<AssuranceIcon>,
    /// Why the icons are withheld: `insufficient_values` (fewer than `min_points_for_icons`
    /// points, or no limits in the latest phase).
    pub icon_reason: Option<Reason>,
    /// Why the assurance icon is withheld although a target and a direction are set
    /// (`zero_variation`, or `insufficient_values` as for `icon_reason`).
    pub assurance_reason: Option<Reason>,
}

impl Xmr {
    /// The points at which `rule` fired, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::{xmr, Rule, XmrOptions};
    /// let x = [1.0, 2.0, 1.0, 2.0, 10.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0];
    /// let c = xmr(&x, &XmrOptions::default())?;
    /// assert_eq!(c.flagged(Rule::OutsideLimits), vec![4]);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn flagged(&self, rule: Rule) -> Vec<usize> {
        self.points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.hits.iter().any(|h| h.rule == rule))
            .map(|(i, _)| i)
            .collect()
    }

    /// Each point's type.
    pub fn point_types(&self) -> Vec<PointType> {
        self.points.iter().map(|p| p.point_type).collect()
    }

    /// The limits in force at point `i` (its phase's; null if that phase has none).
    pub fn limits_at(&self, i: usize) -> Option<&XmrLimits> {
        self.phases[self.points[i].phase].limits.as_ref()
    }

    /// Every point index whose moving range was screened out.
    pub fn excluded_moving_ranges(&self) -> Vec<usize> {
        self.phases
            .iter()
            .flat_map(|p| p.excluded_moving_ranges.iter().copied())
            .collect()
    }

    /// The chart as JSON (the faces' interchange).
    ///
    /// # Panics
    /// Never: every field serialises (non-finite values are rejected on input).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an Xmr serialises")
    }
}

/// An XmR chart of `values` (index order is time order) under `options`.
///
/// x̄ and MR̄ come from each phase's baseline; limits are x̄ ± c·MR̄ and the near-limit lines
/// x̄ ± (2/3)·c·MR̄. The rules run within each phase; each point records every rule that fired
/// and the type set by `rule_priority` and `conflict`.
///
/// # Errors
/// `empty_input` for no values; `missing_input` (NaN) and `non_finite` (±∞) with the row;
/// `invalid_option` for an option out of range (see [`XmrOptions`]); `missing_input` /
/// `non_finite` for a bad target.
///
/// # Examples
///
/// ```
/// use care_outcomes::spc::{xmr, ImprovementDirection, PointType, VariationIcon, XmrOptions};
/// // NHSRplotthedots' "deviations" series: UPL 6.95 without screening (MDC Excel).
/// let x = [1.0, 2.0, 1.0, 2.0, 10.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0];
/// let o = XmrOptions { improvement_direction: ImprovementDirection::Increase, ..Default::default() };
/// let c = xmr(&x, &o)?;
/// let l = c.phases[0].limits.unwrap();
/// assert!((l.mean - 35.0 / 18.0).abs() < 1e-12);
/// assert!((l.upl - (35.0 / 18.0 + 2.66 * 32.0 / 17.0)).abs() < 1e-12);
/// assert_eq!(c.points[4].point_type, PointType::SpecialCauseImprovement);
/// assert_eq!(c.variation_icon, Some(VariationIcon::CommonCause));
/// # Ok::<(), care_outcomes::Error>(())
/// ```
pub fn xmr(values: &[f64], options: &XmrOptions) -> Result<Xmr> {
    if values.is_empty() {
        return Err(Error::EmptyInput {
            what: "an XmR chart needs at least one value",
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
    o.validate(values.len())?;

    let mut bounds = Vec::with_capacity(o.rebase_at.len() + 2);
    bounds.push(0);
    match o.auto_rebase {
        Some(a) => bounds.extend(auto_rebase(values, &a, o.improvement_direction)),
        None => bounds.extend_from_slice(&o.rebase_at),
    }
    bounds.push(values.len());
    let phases: Vec<XmrPhase> = bounds
        .windows(2)
        .map(|w| limits::phase(values, w[0], w[1], o))
        .collect();

    let mut hits: Vec<Vec<RuleHit>> = vec![Vec::new(); values.len()];
    for p in &phases {
        if let Some(l) = &p.limits {
            rules::apply(values, p.start, p.end, l, o, &mut hits);
        }
    }

    let mut points = Vec::with_capacity(values.len());
    for (k, p) in phases.iter().enumerate() {
        for i in p.start..p.end {
            let h = std::mem::take(&mut hits[i]);
            let chosen = choose(&h, o);
            points.push(XmrPoint {
                value: values[i],
                phase: k,
                moving_range: (i > p.start).then(|| (values[i] - values[i - 1]).abs()),
                point_type: chosen.map_or(PointType::CommonCause, |c| {
                    PointType::of(c.side, o.improvement_direction)
                }),
                rule: chosen.map(|c| c.rule),
                side: chosen.map(|c| c.side),
                label: label(chosen, o),
                hits: h,
            });
        }
    }

    let last = phases.last().and_then(|p| p.limits);
    let icon_reason = if values.len() < o.min_points_for_icons || last.is_none() {
        Some(Reason::InsufficientValues)
    } else {
        None
    };
    let variation_icon = if icon_reason.is_some() {
        None
    } else {
        let from = match o.variation_icon_from {
            VariationIconFrom::LastPoint => points.last(),
            VariationIconFrom::LastSignal => points
                .iter()
                .rev()
                .find(|p| p.point_type != PointType::CommonCause),
        };
        Some(from.map_or(VariationIcon::CommonCause, |p| {
            VariationIcon::of(p.point_type, p.side)
        }))
    };
    let (assurance_icon, assurance_reason) = match (o.target, o.improvement_direction, last) {
        (None, _, _) | (_, ImprovementDirection::Neutral, _) => (None, None),
        _ if icon_reason.is_some() => (None, icon_reason),
        (Some(t), dir, Some(l)) => {
            if l.zero_variation && o.zero_variation == ZeroVariation::NoAssurance {
                (None, Some(Reason::ZeroVariation))
            } else {
                (Some(assurance(t, dir, &l, o.assurance_bounds)), None)
            }
        }
        (Some(_), _, None) => (None, Some(Reason::InsufficientValues)),
    };

    Ok(Xmr {
        method: "xmr".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        options: o.clone(),
        phases,
        points,
        variation_icon,
        assurance_icon,
        icon_reason,
        assurance_reason,
    })
}

/// The phase starts found by automatic rebasing (see [`AutoRebase`]).
fn auto_rebase(x: &[f64], a: &AutoRebase, dir: ImprovementDirection) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut s = 0;
    'phases: while x.len() - s >= a.baseline + a.min_phase_length {
        let mut sum = crate::stats::NeumaierSum::default();
        for &v in &x[s..s + a.baseline] {
            sum.add(v);
        }
        let mean = sum.value() / a.baseline as f64;
        let side = |v: f64| {
            if v > mean {
                Some(Side::High)
            } else if v < mean {
                Some(Side::Low)
            } else {
                None
            }
        };
        let mut i = s + a.baseline;
        while i < x.len() {
            let sd = side(x[i]);
            let mut j = i + 1;
            while j < x.len() && side(x[j]) == sd {
                j += 1;
            }
            if let Some(sd) = sd
                && j - i >= a.min_phase_length
                && (!a.improvement_only
                    || PointType::of(sd, dir) == PointType::SpecialCauseImprovement)
            {
                starts.push(i);
                s = i;
                continue 'phases;
            }
            i = j;
        }
        break;
    }
    starts
}

/// The hit that types a point: by `conflict`, then `rule_priority`.
fn choose(hits: &[RuleHit], o: &XmrOptions) -> Option<RuleHit> {
    let rank = |h: &RuleHit| o.rule_priority.iter().position(|&r| r == h.rule);
    let first = |pred: &dyn Fn(&RuleHit) -> bool| {
        hits.iter()
            .filter(|h| pred(h))
            .min_by_key(|h| rank(h))
            .copied()
    };
    match o.conflict {
        Conflict::ImprovementWins => first(&|h: &RuleHit| {
            PointType::of(h.side, o.improvement_direction) == PointType::SpecialCauseImprovement
        })
        .or_else(|| first(&|_| true)),
        Conflict::Priority => first(&|_| true),
    }
}

/// The assurance icon of target `t` against limits `l`.
fn assurance(
    t: f64,
    dir: ImprovementDirection,
    l: &XmrLimits,
    bounds: AssuranceBounds,
) -> AssuranceIcon {
    let (below, above) = match bounds {
        AssuranceBounds::Exclusive => (t < l.lpl, t > l.upl),
        AssuranceBounds::Inclusive => (t <= l.lpl, t >= l.upl),
    };
    let (pass, fail) = match dir {
        ImprovementDirection::Decrease => (above, below),
        _ => (below, above),
    };
    if pass {
        AssuranceIcon::ConsistentlyPass
    } else if fail {
        AssuranceIcon::ConsistentlyFail
    } else {
        AssuranceIcon::HitAndMiss
    }
}
