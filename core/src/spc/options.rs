//! The choices of an XmR chart (spec-economics-spc.md §7.4). Every choice on which the public
//! tools differ is a named option; [`XmrOptions::default`] is Making Data Count (MDC Excel)
//! parity, and [`XmrOptions::nhsrplotthedots`] and [`XmrOptions::abspc`] reproduce two peers.

use crate::error::{Error, Result};
use crate::stats::Polarity;
use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $option:literal, $expected:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code),+];
        }

        string_codes! {
            /// The stable code (what serde writes and `FromStr` reads).
            $name: code, option $option, expected $expected {
                $( $variant = $code ),+
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

coded_enum! {
    /// The multiple of MR̄ that sets the process limits: x̄ ± c·MR̄.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::LimitConstant;
    /// assert_eq!(LimitConstant::Mdc.value(), 2.66);
    /// assert!((LimitConstant::ThreeOverD2.value() - 2.659574468085106).abs() < 1e-15);
    /// assert_eq!("3/1.128".parse::<LimitConstant>()?, LimitConstant::ThreeOverD2);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    LimitConstant, "limit_constant", "\"2.66\", \"3/1.128\"" {
        /// 2.66, the rounded constant of MDC Excel and NHSRplotthedots (the default).
        Mdc = "2.66",
        /// 3/d₂ = 3/1.128 = 2.659574…, as abspc and PowerBI-SPC use.
        ThreeOverD2 = "3/1.128",
    }
}

impl LimitConstant {
    /// The constant c.
    pub fn value(self) -> f64 {
        match self {
            LimitConstant::Mdc => 2.66,
            LimitConstant::ThreeOverD2 => 3.0 / D2,
        }
    }
}

/// d₂ for subgroups of two (the bias constant of the moving range).
pub const D2: f64 = 1.128;

/// D₄ for subgroups of two: moving-range screening drops every MR ≥ D₄·MR̄.
pub const D4: f64 = 3.267;

coded_enum! {
    /// Which direction of change is an improvement.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::ImprovementDirection;
    /// use care_outcomes::stats::Polarity;
    /// assert_eq!(ImprovementDirection::from(Polarity::LowerIsBetter), ImprovementDirection::Decrease);
    /// assert_eq!("neutral".parse::<ImprovementDirection>()?, ImprovementDirection::Neutral);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    ImprovementDirection, "improvement_direction", "\"increase\", \"decrease\", \"neutral\"" {
        /// Higher is better.
        Increase = "increase",
        /// Lower is better.
        Decrease = "decrease",
        /// No judgement: special causes are "neutral" (purple) and no assurance icon is given.
        Neutral = "neutral",
    }
}

impl From<Polarity> for ImprovementDirection {
    fn from(p: Polarity) -> Self {
        match p {
            Polarity::HigherIsBetter => ImprovementDirection::Increase,
            Polarity::LowerIsBetter => ImprovementDirection::Decrease,
            Polarity::NoJudgement => ImprovementDirection::Neutral,
        }
    }
}

coded_enum! {
    /// How a repeated value (a difference of 0) affects a trend.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::TrendTies;
    /// assert_eq!("skip".parse::<TrendTies>()?, TrendTies::Skip);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    TrendTies, "trend_ties", "\"break\", \"skip\"" {
        /// A tie ends the trend (every public tool; the default).
        Break = "break",
        /// A tie neither adds to nor breaks the trend (NHSI run and control chart guide, 2017).
        Skip = "skip",
    }
}

coded_enum! {
    /// Which form of the "two of three points near a limit" rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::TwoInThree;
    /// assert_eq!("pre_2023".parse::<TwoInThree>()?, TwoInThree::Pre2023);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    TwoInThree, "two_in_three", "\"post_2023\", \"pre_2023\"" {
        /// MDC since November 2023: points beyond the process limit count too (the default).
        Post2023 = "post_2023",
        /// Before November 2023 (NHSRplotthedots 0.2.2, abspc 1.1.0): only points strictly
        /// beyond the near-limit line and not beyond the process limit count.
        Pre2023 = "pre_2023",
    }
}

coded_enum! {
    /// The special-cause rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::Rule;
    /// assert_eq!(Rule::OutsideLimits.code(), "outside_limits");
    /// ```
    Rule, "rule", "\"outside_limits\", \"trend\", \"two_in_three\", \"shift\"" {
        /// A point beyond a process limit (strictly above UPL or below LPL).
        OutsideLimits = "outside_limits",
        /// A run of consecutive increasing or decreasing points.
        Trend = "trend",
        /// Two of three consecutive points beyond a near-limit line, all three on that side of
        /// the mean.
        TwoInThree = "two_in_three",
        /// A run of consecutive points on one side of the mean (a point on the mean breaks it).
        Shift = "shift",
    }
}

/// The MDC priority of the rules: outside limits > trend > two-in-three > shift.
pub const MDC_RULE_PRIORITY: [Rule; 4] = [
    Rule::OutsideLimits,
    Rule::Trend,
    Rule::TwoInThree,
    Rule::Shift,
];

coded_enum! {
    /// How a point flagged by rules that disagree (improvement and concern) is typed.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::Conflict;
    /// assert_eq!("priority".parse::<Conflict>()?, Conflict::Priority);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    Conflict, "conflict", "\"improvement_wins\", \"priority\"" {
        /// Improvement is shown (MDC Excel; the default); ties within it go by priority.
        ImprovementWins = "improvement_wins",
        /// The first matching rule in `rule_priority` decides (NHSRplotthedots).
        Priority = "priority",
    }
}

coded_enum! {
    /// Which point the variation icon describes.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::VariationIconFrom;
    /// assert_eq!("last_signal".parse::<VariationIconFrom>()?, VariationIconFrom::LastSignal);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    VariationIconFrom, "variation_icon_from", "\"last_point\", \"last_signal\"" {
        /// The latest point (MDC, NHSRplotthedots, PowerBI-SPC; the default).
        LastPoint = "last_point",
        /// The most recent special-cause point anywhere in the series (abspc).
        LastSignal = "last_signal",
    }
}

coded_enum! {
    /// Whether a target equal to a process limit counts as beyond it for the assurance icon.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::AssuranceBounds;
    /// assert_eq!("inclusive".parse::<AssuranceBounds>()?, AssuranceBounds::Inclusive);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    AssuranceBounds, "assurance_bounds", "\"exclusive\", \"inclusive\"" {
        /// Strict `<` / `>`: a target on a limit is "hit and miss" (NHSRplotthedots,
        /// PowerBI-SPC; the default — the spec leaves the MDC wording "target ≥ UPL" open).
        Exclusive = "exclusive",
        /// `<=` / `>=` (abspc; the MDC icon specification's wording).
        Inclusive = "inclusive",
    }
}

coded_enum! {
    /// What a phase with MR̄ = 0 (no variation) does to the assurance icon. Its limits always
    /// collapse to the mean and the phase is flagged `zero_variation`.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::ZeroVariation;
    /// assert_eq!("compare".parse::<ZeroVariation>()?, ZeroVariation::Compare);
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    ZeroVariation, "zero_variation", "\"no_assurance\", \"compare\"" {
        /// No assurance icon (reason `zero_variation`; the default, our proposal).
        NoAssurance = "no_assurance",
        /// Compare the target with the collapsed limits (PowerBI-SPC, whose constant 100%
        /// series show "fail", issues #359/#463).
        Compare = "compare",
    }
}

/// Automatic rebasing (abspc 1.1.0): after `baseline` points of a phase, a shift of at least
/// `min_phase_length` points on one side of that baseline's mean starts a new phase at the
/// shift's first point [L: the spec describes abspc's feature, not its exact algorithm; the
/// details here — the run must start after the baseline, and each phase's limits then follow
/// `fix_after` — are ours].
///
/// # Examples
///
/// ```
/// use care_outcomes::spc::AutoRebase;
/// let a = AutoRebase::default();
/// assert_eq!((a.baseline, a.min_phase_length, a.improvement_only), (15, 8, false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AutoRebase {
    /// Points of a phase before a shift can rebase it (default 15, abspc).
    pub baseline: usize,
    /// The shift length that starts a new phase (default 8, abspc).
    pub min_phase_length: usize,
    /// Rebase only on shifts in the improvement direction (default false).
    pub improvement_only: bool,
}

impl Default for AutoRebase {
    fn default() -> Self {
        AutoRebase {
            baseline: 15,
            min_phase_length: 8,
            improvement_only: false,
        }
    }
}

/// Every choice of an XmR chart. Recorded in the result.
///
/// # Examples
///
/// ```
/// use care_outcomes::spc::{XmrOptions, LimitConstant};
/// let o = XmrOptions::default();
/// assert_eq!(o.limit_constant, LimitConstant::Mdc);
/// assert_eq!((o.shift_length, o.trend_length), (7, 7));
/// let o = XmrOptions::from_json(r#"{"limit_constant": "3/1.128", "shift_length": 8}"#)?;
/// assert_eq!(o.shift_length, 8);
/// # Ok::<(), care_outcomes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct XmrOptions {
    /// c in x̄ ± c·MR̄ (default 2.66). The near-limit lines are x̄ ± (2/3)·c·MR̄.
    pub limit_constant: LimitConstant,
    /// Drop every moving range ≥ D₄·MR̄ (D₄ = 3.267) and recompute MR̄ once; the mean is kept
    /// (default off: MDC Excel; on = NHSRplotthedots / PowerBI-SPC).
    pub screen_moving_ranges: bool,
    /// Which direction is an improvement (default neutral; set it from the indicator's polarity).
    pub improvement_direction: ImprovementDirection,
    /// The target for the assurance icon, in the units of the values.
    pub target: Option<f64>,
    /// Fix each phase's limits from its first n points (n ≥ 12; default all points).
    pub fix_after: Option<usize>,
    /// Indices at which a new phase (with its own mean and limits) starts; strictly increasing,
    /// each in 1..len (default none).
    pub rebase_at: Vec<usize>,
    /// Automatic rebasing on sustained shifts (default off; not with `rebase_at`).
    pub auto_rebase: Option<AutoRebase>,
    /// A phase needs at least this many points for limits (default 2; fewer gives null limits
    /// with reason `insufficient_values`).
    pub min_points_for_limits: usize,
    /// Limits from fewer baseline points than this are flagged "trial limits" (default 12,
    /// NHSRplotthedots).
    pub trial_limits_below: usize,
    /// Icons are given only for series with at least this many points (default 13, the MDC
    /// Single Chart tool; abspc recommends 15).
    pub min_points_for_icons: usize,
    /// Points in a run on one side of the mean (default 7; abspc 8).
    pub shift_length: usize,
    /// Points in a run of increases or decreases (default 7; abspc 6, PowerBI-SPC 5).
    pub trend_length: usize,
    /// Ties in a trend (default break).
    pub trend_ties: TrendTies,
    /// Form of the two-in-three rule (default post-November-2023).
    pub two_in_three: TwoInThree,
    /// Which rule types a point when several fire (default outside limits > trend >
    /// two-in-three > shift).
    pub rule_priority: [Rule; 4],
    /// Improvement and concern on one point (default improvement wins).
    pub conflict: Conflict,
    /// Which point the variation icon describes (default the last point).
    pub variation_icon_from: VariationIconFrom,
    /// Target on a limit (default exclusive).
    pub assurance_bounds: AssuranceBounds,
    /// MR̄ = 0 and the assurance icon (default no icon).
    pub zero_variation: ZeroVariation,
}

impl Default for XmrOptions {
    fn default() -> Self {
        XmrOptions {
            limit_constant: LimitConstant::Mdc,
            screen_moving_ranges: false,
            improvement_direction: ImprovementDirection::Neutral,
            target: None,
            fix_after: None,
            rebase_at: Vec::new(),
            auto_rebase: None,
            min_points_for_limits: 2,
            trial_limits_below: 12,
            min_points_for_icons: 13,
            shift_length: 7,
            trend_length: 7,
            trend_ties: TrendTies::Break,
            two_in_three: TwoInThree::Post2023,
            rule_priority: MDC_RULE_PRIORITY,
            conflict: Conflict::ImprovementWins,
            variation_icon_from: VariationIconFrom::LastPoint,
            assurance_bounds: AssuranceBounds::Exclusive,
            zero_variation: ZeroVariation::NoAssurance,
        }
    }
}

/// The named presets.
pub const PRESETS: &[&str] = &["mdc", "nhsrplotthedots", "abspc"];

impl XmrOptions {
    /// MDC Excel parity (the default).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::XmrOptions;
    /// assert_eq!(XmrOptions::mdc(), XmrOptions::default());
    /// ```
    pub fn mdc() -> Self {
        Self::default()
    }

    /// NHSRplotthedots 0.2.2 defaults: MR screening on, pre-2023 two-in-three, the first
    /// matching rule types a point, improvement direction "increase".
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::{XmrOptions, TwoInThree};
    /// let o = XmrOptions::nhsrplotthedots();
    /// assert!(o.screen_moving_ranges);
    /// assert_eq!(o.two_in_three, TwoInThree::Pre2023);
    /// ```
    pub fn nhsrplotthedots() -> Self {
        XmrOptions {
            screen_moving_ranges: true,
            improvement_direction: ImprovementDirection::Increase,
            two_in_three: TwoInThree::Pre2023,
            conflict: Conflict::Priority,
            ..Self::default()
        }
    }

    /// abspc 1.1.0: 3/1.128, shift 8, trend 6, pre-2023 two-in-three, icon from the last
    /// signal, inclusive assurance bounds, icons from 15 points.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::{XmrOptions, LimitConstant};
    /// let o = XmrOptions::abspc();
    /// assert_eq!(o.limit_constant, LimitConstant::ThreeOverD2);
    /// assert_eq!((o.shift_length, o.trend_length), (8, 6));
    /// ```
    pub fn abspc() -> Self {
        XmrOptions {
            limit_constant: LimitConstant::ThreeOverD2,
            improvement_direction: ImprovementDirection::Increase,
            shift_length: 8,
            trend_length: 6,
            two_in_three: TwoInThree::Pre2023,
            conflict: Conflict::Priority,
            variation_icon_from: VariationIconFrom::LastSignal,
            assurance_bounds: AssuranceBounds::Inclusive,
            min_points_for_icons: 15,
            ..Self::default()
        }
    }

    /// A preset by name: `"mdc"`, `"nhsrplotthedots"` or `"abspc"`.
    ///
    /// # Errors
    /// `invalid_option` for another name.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::XmrOptions;
    /// assert_eq!(XmrOptions::preset("abspc")?, XmrOptions::abspc());
    /// assert_eq!(XmrOptions::preset("excel").unwrap_err().code(), "invalid_option");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn preset(name: &str) -> Result<Self> {
        match name {
            "mdc" => Ok(Self::mdc()),
            "nhsrplotthedots" => Ok(Self::nhsrplotthedots()),
            "abspc" => Ok(Self::abspc()),
            _ => Err(Error::InvalidOption {
                option: "preset",
                value: name.to_owned(),
                expected: "\"mdc\", \"nhsrplotthedots\", \"abspc\"",
            }),
        }
    }

    /// Options from a JSON object whose members override the defaults (the faces' interchange).
    ///
    /// # Errors
    /// `invalid_option` for an unknown member, a wrong type or an unknown code.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::XmrOptions;
    /// let o = XmrOptions::from_json(r#"{"target": 85, "improvement_direction": "increase"}"#)?;
    /// assert_eq!(o.target, Some(85.0));
    /// assert_eq!(XmrOptions::from_json(r#"{"shift": 7}"#).unwrap_err().code(), "invalid_option");
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        Self::with_json(Self::default(), json)
    }

    /// `base` with the members of a JSON object applied over it.
    ///
    /// # Errors
    /// As [`XmrOptions::from_json`].
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::spc::XmrOptions;
    /// let o = XmrOptions::with_json(XmrOptions::abspc(), r#"{"trend_length": 7}"#)?;
    /// assert_eq!((o.shift_length, o.trend_length), (8, 7));
    /// # Ok::<(), care_outcomes::Error>(())
    /// ```
    pub fn with_json(base: Self, json: &str) -> Result<Self> {
        let bad = |e: &dyn std::fmt::Display| Error::InvalidOption {
            option: "options",
            value: e.to_string(),
            expected: "a JSON object of XmR options (see XmrOptions)",
        };
        let over: serde_json::Value = serde_json::from_str(json).map_err(|e| bad(&e))?;
        let serde_json::Value::Object(over) = over else {
            return Err(bad(&"not a JSON object"));
        };
        let mut merged = serde_json::to_value(base).map_err(|e| bad(&e))?;
        if let serde_json::Value::Object(m) = &mut merged {
            for (k, v) in over {
                if !m.contains_key(&k) {
                    return Err(bad(&format!("unknown option {k:?}")));
                }
                m.insert(k, v);
            }
        }
        serde_json::from_value(merged).map_err(|e| bad(&e))
    }

    /// Checks the options against the number of points.
    pub(crate) fn validate(&self, len: usize) -> Result<()> {
        let bad = |option: &'static str, value: String, expected: &'static str| {
            Err(Error::InvalidOption {
                option,
                value,
                expected,
            })
        };
        if self.shift_length < 2 {
            return bad(
                "shift_length",
                self.shift_length.to_string(),
                "an integer of at least 2",
            );
        }
        if self.trend_length < 3 {
            return bad(
                "trend_length",
                self.trend_length.to_string(),
                "an integer of at least 3",
            );
        }
        if self.min_points_for_limits < 2 {
            return bad(
                "min_points_for_limits",
                self.min_points_for_limits.to_string(),
                "an integer of at least 2 (one moving range)",
            );
        }
        if let Some(n) = self.fix_after
            && n < 12
        {
            return bad(
                "fix_after",
                n.to_string(),
                "an integer of at least 12 (NHSRplotthedots' rule)",
            );
        }
        let mut seen = [false; 4];
        for r in self.rule_priority {
            let i = r as usize;
            if seen[i] {
                return bad(
                    "rule_priority",
                    format!("{:?}", self.rule_priority.map(Rule::code)),
                    "each of the four rules once",
                );
            }
            seen[i] = true;
        }
        if let Some(a) = self.auto_rebase {
            if !self.rebase_at.is_empty() {
                return bad(
                    "auto_rebase",
                    format!("{a:?}"),
                    "either rebase_at or auto_rebase, not both",
                );
            }
            if a.baseline < 2 || a.min_phase_length < 2 {
                return bad(
                    "auto_rebase",
                    format!("{a:?}"),
                    "a baseline and a minimum phase length of at least 2",
                );
            }
        }
        let mut prev = 0;
        for &r in &self.rebase_at {
            if r <= prev || r >= len {
                return bad(
                    "rebase_at",
                    format!("{:?}", self.rebase_at),
                    "strictly increasing indices, each between 1 and len - 1",
                );
            }
            prev = r;
        }
        if let Some(t) = self.target {
            if t.is_nan() {
                return Err(Error::MissingInput {
                    field: "target",
                    at: crate::Location::NONE,
                });
            }
            if t.is_infinite() {
                return Err(Error::NonFinite {
                    field: "target",
                    value: t,
                    at: crate::Location::NONE,
                });
            }
        }
        Ok(())
    }
}
