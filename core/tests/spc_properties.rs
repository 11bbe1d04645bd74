//! XmR invariants (proptest) and one test per kind of bad input.

use care_outcomes::spc::{
    AssuranceBounds, Conflict, ImprovementDirection, LimitConstant, PointType, Rule, Side,
    TrendTies, TwoInThree, VariationIconFrom, XmrOptions, ZeroVariation, xmr,
};
use proptest::prelude::*;
use std::str::FromStr;

fn code<T: std::fmt::Debug>(r: care_outcomes::Result<T>) -> &'static str {
    r.unwrap_err().code()
}

fn series() -> impl Strategy<Value = Vec<f64>> {
    // Integers make ties, points on the mean and equal moving ranges common.
    prop::collection::vec((-20i32..20).prop_map(f64::from), 1..60)
}

fn options() -> impl Strategy<Value = XmrOptions> {
    (
        any::<bool>(),
        any::<bool>(),
        prop_oneof![
            Just(ImprovementDirection::Increase),
            Just(ImprovementDirection::Decrease),
            Just(ImprovementDirection::Neutral)
        ],
        any::<bool>(),
        any::<bool>(),
        6usize..9,
        5usize..8,
        any::<bool>(),
    )
        .prop_map(
            |(c, screen, dir, ties, pre, shift, trend, conflict)| XmrOptions {
                limit_constant: if c {
                    LimitConstant::Mdc
                } else {
                    LimitConstant::ThreeOverD2
                },
                screen_moving_ranges: screen,
                improvement_direction: dir,
                trend_ties: if ties {
                    TrendTies::Break
                } else {
                    TrendTies::Skip
                },
                two_in_three: if pre {
                    TwoInThree::Pre2023
                } else {
                    TwoInThree::Post2023
                },
                shift_length: shift,
                trend_length: trend,
                conflict: if conflict {
                    Conflict::ImprovementWins
                } else {
                    Conflict::Priority
                },
                target: Some(0.0),
                ..Default::default()
            },
        )
}

proptest! {
    #[test]
    fn limits_are_ordered_and_flags_consistent(x in series(), o in options()) {
        let c = xmr(&x, &o).unwrap();
        prop_assert_eq!(c.points.len(), x.len());
        for (i, p) in c.points.iter().enumerate() {
            prop_assert_eq!(p.value, x[i]);
            prop_assert_eq!(p.point_type == PointType::CommonCause, p.hits.is_empty());
            prop_assert_eq!(p.rule.is_some(), !p.hits.is_empty());
            if let Some(l) = c.limits_at(i) {
                prop_assert!(l.lpl <= l.near_lower && l.near_lower <= l.mean);
                prop_assert!(l.mean <= l.near_upper && l.near_upper <= l.upl);
                for h in &p.hits {
                    match (h.rule, h.side) {
                        (Rule::OutsideLimits, Side::High) => prop_assert!(x[i] > l.upl),
                        (Rule::OutsideLimits, Side::Low) => prop_assert!(x[i] < l.lpl),
                        (Rule::Shift | Rule::TwoInThree, Side::High) => prop_assert!(x[i] > l.mean),
                        (Rule::Shift | Rule::TwoInThree, Side::Low) => prop_assert!(x[i] < l.mean),
                        (Rule::Trend, _) => {}
                    }
                }
                if x[i] > l.upl || x[i] < l.lpl {
                    prop_assert!(p.hits.iter().any(|h| h.rule == Rule::OutsideLimits));
                }
            } else {
                prop_assert!(p.hits.is_empty());
            }
        }
        if x.len() >= o.min_points_for_icons {
            let last = c.points.last().unwrap();
            prop_assert_eq!(c.variation_icon.unwrap().point_type(), last.point_type);
        } else {
            prop_assert_eq!(c.variation_icon, None);
        }
    }

    #[test]
    fn mirror_image_swaps_sides(x in series(), o in options()) {
        // Negation is exact in floating point: limits mirror, sides swap, and with the
        // direction swapped too every point keeps its type.
        let y: Vec<f64> = x.iter().map(|v| -v).collect();
        let a = xmr(&x, &o).unwrap();
        let swapped = match o.improvement_direction {
            ImprovementDirection::Increase => ImprovementDirection::Decrease,
            ImprovementDirection::Decrease => ImprovementDirection::Increase,
            ImprovementDirection::Neutral => ImprovementDirection::Neutral,
        };
        let b = xmr(&y, &XmrOptions { improvement_direction: swapped, ..o.clone() }).unwrap();
        prop_assert_eq!(a.point_types(), b.point_types());
        for r in [Rule::OutsideLimits, Rule::Trend, Rule::TwoInThree, Rule::Shift] {
            prop_assert_eq!(a.flagged(r), b.flagged(r));
        }
        if let (Some(la), Some(lb)) = (a.phases[0].limits, b.phases[0].limits) {
            prop_assert_eq!(la.upl, -lb.lpl);
            prop_assert_eq!(la.mr_bar, lb.mr_bar);
        }
    }

    #[test]
    fn screening_never_widens_the_limits(x in series()) {
        let plain = xmr(&x, &XmrOptions::default()).unwrap();
        let screened = xmr(&x, &XmrOptions { screen_moving_ranges: true, ..Default::default() }).unwrap();
        if let (Some(a), Some(b)) = (plain.phases[0].limits, screened.phases[0].limits) {
            prop_assert!(b.mr_bar <= a.mr_bar);
            prop_assert_eq!(a.mean, b.mean);
        }
    }

    #[test]
    fn each_phase_is_its_own_chart(x in prop::collection::vec((-20i32..20).prop_map(f64::from), 4..60), cut in 0.2f64..0.8) {
        let at = ((x.len() as f64 * cut) as usize).clamp(1, x.len() - 1);
        let o = XmrOptions { rebase_at: vec![at], ..Default::default() };
        let c = xmr(&x, &o).unwrap();
        prop_assert_eq!(c.phases.len(), 2);
        prop_assert_eq!((c.phases[0].end, c.phases[1].start), (at, at));
        let tail = xmr(&x[at..], &XmrOptions::default()).unwrap();
        prop_assert_eq!(c.phases[1].limits, tail.phases[0].limits);
        for r in [Rule::OutsideLimits, Rule::Trend, Rule::TwoInThree, Rule::Shift] {
            let want: Vec<usize> = tail.flagged(r).into_iter().map(|i| i + at).collect();
            let got: Vec<usize> = c.flagged(r).into_iter().filter(|&i| i >= at).collect();
            prop_assert_eq!(got, want);
        }
    }
}

#[test]
fn empty_values() {
    assert_eq!(code(xmr(&[], &XmrOptions::default())), "empty_input");
}

#[test]
fn missing_value_with_row() {
    let e = xmr(&[1.0, f64::NAN, 2.0], &XmrOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("missing_input", Some(1)));
}

#[test]
fn infinite_value_with_row() {
    let e = xmr(&[1.0, 2.0, f64::NEG_INFINITY], &XmrOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.row()), ("non_finite", Some(2)));
}

#[test]
fn bad_targets() {
    let x = [1.0, 2.0, 3.0];
    for (t, want) in [(f64::NAN, "missing_input"), (f64::INFINITY, "non_finite")] {
        let o = XmrOptions {
            target: Some(t),
            ..Default::default()
        };
        assert_eq!(code(xmr(&x, &o)), want);
    }
}

#[test]
fn options_out_of_range() {
    let x: Vec<f64> = (0..20).map(f64::from).collect();
    let bad = [
        XmrOptions {
            shift_length: 1,
            ..Default::default()
        },
        XmrOptions {
            trend_length: 2,
            ..Default::default()
        },
        XmrOptions {
            min_points_for_limits: 1,
            ..Default::default()
        },
        XmrOptions {
            fix_after: Some(11),
            ..Default::default()
        },
        XmrOptions {
            rule_priority: [Rule::Trend, Rule::Trend, Rule::Shift, Rule::OutsideLimits],
            ..Default::default()
        },
        XmrOptions {
            rebase_at: vec![0],
            ..Default::default()
        },
        XmrOptions {
            rebase_at: vec![10, 5],
            ..Default::default()
        },
        XmrOptions {
            rebase_at: vec![10, 10],
            ..Default::default()
        },
        XmrOptions {
            rebase_at: vec![20],
            ..Default::default()
        },
    ];
    for o in bad {
        assert_eq!(code(xmr(&x, &o)), "invalid_option", "{o:?}");
    }
}

#[test]
fn unknown_codes() {
    assert_eq!(code(LimitConstant::from_str("3")), "invalid_option");
    assert_eq!(code(ImprovementDirection::from_str("up")), "invalid_option");
    assert_eq!(code(TrendTies::from_str("ignore")), "invalid_option");
    assert_eq!(code(TwoInThree::from_str("2023")), "invalid_option");
    assert_eq!(code(Rule::from_str("run")), "invalid_option");
    assert_eq!(code(Conflict::from_str("concern_wins")), "invalid_option");
    assert_eq!(code(VariationIconFrom::from_str("first")), "invalid_option");
    assert_eq!(code(AssuranceBounds::from_str("open")), "invalid_option");
    assert_eq!(code(ZeroVariation::from_str("error")), "invalid_option");
    assert_eq!(code(XmrOptions::preset("excel")), "invalid_option");
    // Every code parses back to itself.
    for c in LimitConstant::CODES {
        assert_eq!(LimitConstant::from_str(c).unwrap().code(), *c);
    }
    for c in Rule::CODES {
        assert_eq!(Rule::from_str(c).unwrap().code(), *c);
    }
}

#[test]
fn bad_options_json() {
    for j in [
        "[]",
        "{",
        r#"{"shift": 7}"#,
        r#"{"shift_length": "seven"}"#,
        r#"{"two_in_three": "2019"}"#,
        r#"{"shift_length": -1}"#,
    ] {
        assert_eq!(code(XmrOptions::from_json(j)), "invalid_option", "{j}");
    }
    let o = XmrOptions::from_json(
        r#"{"rule_priority": ["shift", "trend", "two_in_three", "outside_limits"]}"#,
    )
    .unwrap();
    assert_eq!(o.rule_priority[0], Rule::Shift);
}

mod run_charts {
    use care_outcomes::spc::{OnMedian, Rule, RunChartOptions, Side, TrendTies, run_chart};
    use proptest::prelude::*;

    #[test]
    fn points_on_the_median_neither_add_nor_break_by_default() {
        // Median 10 (from the first 5 points): six above with one on the median among them.
        let x = [
            8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 11.0, 10.0, 12.0, 11.0, 14.0, 9.0,
        ];
        let o = RunChartOptions {
            baseline: Some(5),
            ..Default::default()
        };
        let c = run_chart(&x, &o).unwrap();
        assert_eq!(c.median, 10.0);
        assert_eq!(c.flagged(Rule::Shift), (3..11).collect::<Vec<_>>());
        assert_eq!(c.points[7].side, None);
        let brk = RunChartOptions {
            on_median: OnMedian::Break,
            ..o
        };
        assert_eq!(
            run_chart(&x, &brk).unwrap().flagged(Rule::Shift),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn lengths_ties_and_runs() {
        // A trend of 5 with a repeated value inside.
        let x = [3.0, 1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 2.0];
        let c = run_chart(&x, &RunChartOptions::default()).unwrap();
        assert_eq!(c.flagged(Rule::Trend), vec![1, 2, 3, 4, 5, 6]);
        assert!(c.points[6].hits.iter().all(|h| h.side == Side::High));
        let brk = RunChartOptions {
            trend_ties: TrendTies::Break,
            ..Default::default()
        };
        assert_eq!(
            run_chart(&x, &brk).unwrap().flagged(Rule::Trend),
            Vec::<usize>::new()
        );
        // abspc's trend of 6: five counted points are not enough.
        let six = RunChartOptions::abspc();
        assert_eq!(
            run_chart(&x, &six).unwrap().flagged(Rule::Trend),
            Vec::<usize>::new()
        );
        // Median 3: sides (on) - - (on) (on) + + -: 5 useful observations in 3 runs.
        assert_eq!(c.median, 3.0);
        assert_eq!((c.useful_observations, c.runs), (5, 3));
    }

    #[test]
    fn bad_inputs() {
        let code = |x: &[f64], o: RunChartOptions| run_chart(x, &o).unwrap_err().code();
        assert_eq!(code(&[], RunChartOptions::default()), "empty_input");
        assert_eq!(
            code(&[1.0, f64::NAN], RunChartOptions::default()),
            "missing_input"
        );
        assert_eq!(
            code(&[f64::INFINITY], RunChartOptions::default()),
            "non_finite"
        );
        let o = |f: fn(&mut RunChartOptions)| {
            let mut o = RunChartOptions::default();
            f(&mut o);
            o
        };
        assert_eq!(code(&[1.0], o(|o| o.shift_length = 1)), "invalid_option");
        assert_eq!(code(&[1.0], o(|o| o.trend_length = 2)), "invalid_option");
        assert_eq!(code(&[1.0], o(|o| o.baseline = Some(0))), "invalid_option");
        assert_eq!(code(&[1.0], o(|o| o.baseline = Some(2))), "invalid_option");
        assert_eq!(
            "on".parse::<OnMedian>().unwrap_err().code(),
            "invalid_option"
        );
    }

    proptest! {
        #[test]
        fn shifts_sit_on_one_side(x in prop::collection::vec((-5i32..5).prop_map(f64::from), 1..50), skip in any::<bool>()) {
            let o = RunChartOptions {
                on_median: if skip { OnMedian::Skip } else { OnMedian::Break },
                ..Default::default()
            };
            let c = run_chart(&x, &o).unwrap();
            prop_assert!(c.runs <= c.useful_observations);
            for p in &c.points {
                for h in p.hits.iter().filter(|h| h.rule == Rule::Shift) {
                    prop_assert!(p.side == Some(h.side) || (skip && p.side.is_none()));
                }
            }
        }
    }
}
