//! Economics: one test per convention choice showing the two answers differ as documented
//! (spec-economics-spc.md §2.4, §5.2, §9), one test per kind of invalid input, sensitivity and
//! Monte Carlo behaviour, and proptest invariants. Worked figures come from roi-vectors.csv.

// Reference figures are written as printed in the vectors.
#![allow(clippy::inconsistent_digit_grouping)]

use care_outcomes::Error;
use care_outcomes::economics::{
    self, Appraisal, BenefitLine, CohortModel, CostBenefitModel, CostLine, DeflatorSeries,
    DiscountSchedule, Distribution, DropOffStart, Metric, MonteCarloOptions, OptimismBias,
    ParameterRange, RateBand, ReablementModel, SroiModel, SroiOutcome, Timing, Uncertain,
    UnitCostTable, UnitValue, ValueType,
};
use proptest::prelude::*;

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.unwrap_err().code()
}

fn gb() -> DiscountSchedule {
    DiscountSchedule::builtin("gb2022_standard").unwrap()
}

fn cba(costs: Vec<f64>, benefits: Vec<f64>) -> CostBenefitModel {
    CostBenefitModel::new(
        vec![CostLine::new("costs", costs)],
        vec![BenefitLine::new(
            "benefits",
            ValueType::FiscalCashable,
            benefits,
        )],
    )
    .unwrap()
}

/// SROI01/SROI02 impact map.
fn sroi(timing: Timing) -> SroiModel {
    SroiModel {
        outcomes: vec![SroiOutcome {
            name: "independence".into(),
            quantity: 60.0,
            financial_proxy: 8500.0,
            deadweight: 0.4,
            displacement: 0.0,
            attribution: 0.3,
            drop_off: 0.3,
            duration_years: 2,
        }],
        inputs: 250_000.0,
        schedule: DiscountSchedule::flat(0.035).unwrap(),
        timing,
        drop_off_start: DropOffStart::Year2,
    }
}

/// ROI03.
fn roi03() -> ReablementModel {
    ReablementModel {
        people: 400.0,
        share_independent: 0.3,
        deadweight: 0.35,
        weekly_package_cost: 250.0,
        weeks: 52.0,
        service_cost: 900_000.0,
        ..Default::default()
    }
}

// ---- conventions: each choice gives the documented, different answer ----

#[test]
fn convention_year_zero_vs_year_one_differs_by_one_discount_step() {
    // CBA01 vs CBA02: same flows; NPV differs by 1/1.035; BCR identical.
    let mut m = cba(
        vec![100_000.0, 0.0, 0.0, 0.0],
        vec![0.0, 40_000.0, 40_000.0, 40_000.0],
    );
    m.schedule = DiscountSchedule::flat(0.035).unwrap();
    let zero = m.evaluate().unwrap();
    m.timing = Timing::YearOne;
    let one = m.evaluate().unwrap();
    assert!(rel(zero.net_present_value, 12_065.47924) < 1e-9);
    assert!(rel(one.net_present_value, 11_657.46786) < 1e-9);
    assert!(rel(one.net_present_value, zero.net_present_value / 1.035) < 1e-12);
    assert!(rel(one.benefit_cost_ratio, zero.benefit_cost_ratio) < 1e-12);
    assert_eq!(zero.conventions.timing, Timing::YearZero);
    assert_eq!(one.conventions.timing, Timing::YearOne);
}

#[test]
fn convention_kinked_schedule_vs_naive_power() {
    // GB02: D31 = D30/1.03 = 0.3459013695, not 1/1.03^31 = 0.3999871452.
    let d31 = gb().factor(31);
    assert!(rel(d31, 0.3459013695) < 1e-9);
    assert!(rel(d31, gb().factor(30) / 1.03) < 1e-15);
    let naive = 1.0 / 1.03_f64.powi(31);
    assert!(rel(naive, 0.3999871452) < 1e-9);
    assert!((d31 - naive).abs() > 0.05);
}

#[test]
fn convention_health_vs_standard_schedule_for_qalys() {
    // GB04: 649,782.2278 on the health schedule, 589,381.2168 if wrongly at 3.5%.
    let flows = [0.0, 0.0, 0.0, 0.0, 0.0, 700_000.0];
    let health = DiscountSchedule::builtin("gb2022_health").unwrap();
    let h = economics::present_value(&flows, &health, Timing::YearZero).unwrap();
    let s = economics::present_value(&flows, &gb(), Timing::YearZero).unwrap();
    assert!(rel(h, 649_782.2278) < 1e-9);
    assert!(rel(s, 589_381.2168) < 1e-9);
}

#[test]
fn convention_sroi_year_one_discounted_or_not() {
    // SROI01 (public-value crate: year 1 undiscounted) vs SROI02 (the guide).
    let crate_way = sroi(Timing::YearZero).evaluate().unwrap();
    let guide = sroi(Timing::YearOne).evaluate().unwrap();
    assert!(rel(crate_way.sroi_ratio, 1.436278261) < 1e-9);
    assert!(rel(guide.sroi_ratio, 1.387708465) < 1e-9);
    assert!(rel(crate_way.sroi_ratio, guide.sroi_ratio * 1.035) < 1e-12);
}

#[test]
fn convention_drop_off_from_year_two_or_year_one() {
    let guide = sroi(Timing::YearOne);
    let mut early = guide.clone();
    early.drop_off_start = DropOffStart::Year1;
    let g = guide.evaluate().unwrap();
    let e = early.evaluate().unwrap();
    assert_eq!(g.impact_by_year[0], 214_200.0);
    assert!(rel(e.impact_by_year[0], 214_200.0 * 0.7) < 1e-15);
    assert!(rel(e.sroi_ratio, g.sroi_ratio * 0.7) < 1e-12);
}

#[test]
fn convention_ratio_vs_net_ratio() {
    // ROI01: "£7.78 for every £1" is the BCR; the net ROI on the same data is 6.78.
    let mut m = cba(vec![450_000.0], vec![3_501_000.0]);
    m.schedule = DiscountSchedule::builtin("undiscounted").unwrap();
    let r = m.evaluate().unwrap();
    assert!(rel(r.benefit_cost_ratio, 7.78) < 1e-12);
    assert!(rel(r.net_roi, 6.78) < 1e-12);
    // SROI: ratio PV/inputs vs net NPV/inputs.
    let s = sroi(Timing::YearOne).evaluate().unwrap();
    assert!(rel(s.net_sroi_ratio, s.sroi_ratio - 1.0) < 1e-12);
    assert!(rel(s.net_sroi_ratio, 0.3877084646) < 1e-9);
}

#[test]
fn convention_gross_or_net_of_deadweight() {
    // ROI03 with and without deadweight: the "inflated" claim is 1/0.65 times larger.
    let net = roi03().evaluate().unwrap();
    let gross = ReablementModel {
        deadweight: 0.0,
        ..roi03()
    }
    .evaluate()
    .unwrap();
    assert!(rel(net.cost_benefit.benefit_cost_ratio, 1.126666667) < 1e-9);
    assert!(
        rel(
            gross.cost_benefit.benefit_cost_ratio,
            1_560_000.0 / 900_000.0
        ) < 1e-12
    );
}

#[test]
fn convention_cashable_or_total_fiscal() {
    // GMCA02: total fiscal NPBI +102,147.3283, cashable-only −9,918.150954.
    let mut m = cba(
        vec![150_000.0, 10_000.0, 10_000.0, 10_000.0],
        vec![0.0, 60_000.0, 60_000.0, 60_000.0],
    );
    m.benefits.push(BenefitLine::new(
        "freed capacity",
        ValueType::FiscalNonCashable,
        vec![0.0, 40_000.0, 40_000.0, 40_000.0],
    ));
    let r = m.evaluate().unwrap();
    assert!(rel(r.net_present_budget_impact, 102_147.3283) < 1e-9);
    assert!(rel(r.cashable_net_present_budget_impact, -9_918.150954) < 1e-9);
    assert!(r.cashable_roi < 1.0 && r.financial_roi > 1.0);
}

#[test]
fn convention_payback_interpolated_or_whole_years_simple_or_discounted() {
    // PAY01: 2.857142857 interpolated, 3 whole years; 3.06369427 discounted (4 whole years).
    let p = economics::payback(
        &[200_000.0, 0.0, 0.0, 0.0, 0.0],
        &[0.0, 70_000.0, 70_000.0, 70_000.0, 70_000.0],
        &DiscountSchedule::flat(0.035).unwrap(),
        Timing::YearZero,
    );
    assert!(rel(p.simple.years.unwrap(), 2.857142857) < 1e-9);
    assert_eq!(p.simple.whole_years, Some(3));
    assert!(rel(p.discounted.years.unwrap(), 3.06369427) < 1e-9);
    assert_eq!(p.discounted.whole_years, Some(4));
}

#[test]
fn convention_sroi_payback_months_simple_or_cumulative() {
    // SROI03: the guide's simple payback is 12.34567901 months; cumulative payback on the
    // discounted impact (inputs at time 0, year 1 over (0, 1]) is later than 1 year.
    let m = SroiModel {
        outcomes: vec![SroiOutcome {
            name: "o".into(),
            quantity: 120.0,
            financial_proxy: 1500.0,
            deadweight: 0.25,
            displacement: 0.1,
            attribution: 0.2,
            drop_off: 0.2,
            duration_years: 5,
        }],
        inputs: 100_000.0,
        schedule: DiscountSchedule::flat(0.035).unwrap(),
        timing: Timing::YearOne,
        drop_off_start: DropOffStart::Year2,
    };
    let r = m.evaluate().unwrap();
    assert!(rel(r.payback_months.unwrap(), 12.34567901) < 1e-9);
    let cumulative = r.payback.discounted.years.unwrap();
    assert!(cumulative * 12.0 > r.payback_months.unwrap());
    assert!(cumulative > 1.0 && cumulative < 2.0);
}

#[test]
fn convention_real_or_nominal() {
    // REAL01: nominal flows at (1.035)(1.02) − 1 give the real PV; at 3.5% they overstate it.
    let real = [0.0, 50_000.0, 50_000.0, 50_000.0];
    let nominal = economics::inflate(&real, 0.02, Timing::YearZero).unwrap();
    let pv_real = economics::present_value(&real, &gb(), Timing::YearZero).unwrap();
    let right =
        economics::present_value(&nominal, &gb().nominal(0.02).unwrap(), Timing::YearZero).unwrap();
    let wrong = economics::present_value(&nominal, &gb(), Timing::YearZero).unwrap();
    assert!(rel(right, pv_real) < 1e-12);
    assert!(rel(wrong, 145_694.0297) < 1e-9);
}

#[test]
fn convention_optimism_bias_mitigated_or_not_costs_up_benefits_down() {
    let ob = OptimismBias::new(0.24);
    assert_eq!(ob.uplift_cost(1_000_000.0).unwrap(), 1_240_000.0);
    let half = OptimismBias {
        rate: 0.24,
        mitigation: 0.5,
    };
    assert_eq!(half.uplift_cost(1_000_000.0).unwrap(), 1_120_000.0);
    assert_eq!(OptimismBias::new(0.1).reduce_benefit(100.0).unwrap(), 90.0);
    // In a model the default bias moves costs up and benefits down.
    let mut m = cba(vec![100.0], vec![300.0]);
    m.schedule = DiscountSchedule::builtin("undiscounted").unwrap();
    m.optimism_bias = Some(OptimismBias::new(0.1));
    let r = m.evaluate().unwrap();
    assert!(rel(r.pv_costs, 110.0) < 1e-15);
    assert!(rel(r.pv_benefits, 270.0) < 1e-15);
}

// ---- invalid input: one test per kind ----

#[test]
fn negative_costs_are_rejected() {
    let e = CostBenefitModel::new(vec![CostLine::new("c", vec![100.0, -1.0])], vec![]).unwrap_err();
    assert_eq!(
        (e.code(), e.row(), e.group()),
        ("negative_value", Some(1), Some("c"))
    );
    let m = ReablementModel {
        service_cost: -5.0,
        ..roi03()
    };
    assert_eq!(code(m.evaluate()), "negative_value");
    let mut s = sroi(Timing::YearOne);
    s.inputs = -1.0;
    assert_eq!(code(s.evaluate()), "negative_value");
}

#[test]
fn rates_at_or_below_minus_one_are_rejected() {
    assert_eq!(code(DiscountSchedule::flat(-1.0)), "invalid_rate");
    assert_eq!(
        code(DiscountSchedule::custom(
            "x",
            vec![RateBand {
                from_year: 1,
                rate: -2.0
            }]
        )),
        "invalid_rate"
    );
    assert_eq!(
        code(economics::inflate(&[1.0], -1.0, Timing::YearZero)),
        "invalid_rate"
    );
    let a = Appraisal::Reablement(roi03());
    assert_eq!(
        code(a.with_parameter("discount_rate", -1.0)),
        "invalid_rate"
    );
}

#[test]
fn adjustments_outside_unit_interval_are_rejected() {
    for field in ["deadweight", "displacement", "attribution", "drop_off"] {
        let a = Appraisal::Sroi(sroi(Timing::YearOne));
        let bad = a.with_parameter(field, 1.5).unwrap();
        assert_eq!(
            code(bad.metric(Metric::SroiRatio)),
            "invalid_adjustment",
            "{field}"
        );
    }
    let ob = OptimismBias {
        rate: 0.2,
        mitigation: -0.1,
    };
    assert_eq!(code(ob.uplift_cost(1.0)), "invalid_adjustment");
    // A benefit cannot be reduced by more than all of it.
    assert_eq!(
        code(OptimismBias::new(2.0).reduce_benefit(1.0)),
        "invalid_adjustment"
    );
    let mut c = gmca01();
    c.engagement = 1.2;
    assert_eq!(code(c.evaluate()), "invalid_adjustment");
    let mut c = gmca01();
    c.persistence = vec![1.0, -0.2];
    assert_eq!(code(c.evaluate()), "invalid_adjustment");
}

#[test]
fn empty_streams_are_rejected() {
    assert_eq!(code(CostBenefitModel::new(vec![], vec![])), "empty_input");
    assert_eq!(
        code(CostBenefitModel::new(
            vec![CostLine::new("c", vec![])],
            vec![]
        )),
        "empty_input"
    );
    assert_eq!(
        code(economics::present_value(&[], &gb(), Timing::YearZero)),
        "empty_input"
    );
    let mut s = sroi(Timing::YearOne);
    s.outcomes.clear();
    assert_eq!(code(s.evaluate()), "empty_input");
    assert_eq!(
        code(economics::annuity_factor(&gb(), 0, Timing::YearOne)),
        "empty_input"
    );
    assert_eq!(code(DiscountSchedule::custom("x", vec![])), "empty_input");
}

#[test]
fn zero_cost_for_a_ratio_is_rejected() {
    let m = ReablementModel {
        service_cost: 0.0,
        ..roi03()
    };
    assert_eq!(code(m.evaluate()), "zero_cost");
    let mut s = sroi(Timing::YearOne);
    s.inputs = 0.0;
    assert_eq!(code(s.evaluate()), "zero_cost");
}

#[test]
fn non_finite_flows_and_bad_json_are_rejected() {
    let e = CostBenefitModel::new(
        vec![CostLine::new("c", vec![1.0])],
        vec![BenefitLine::new(
            "b",
            ValueType::Social,
            vec![f64::INFINITY],
        )],
    )
    .unwrap_err();
    assert_eq!(e.code(), "non_finite");
    assert_eq!(code(Appraisal::from_json("[1, 2]")), "invalid_definition");
    assert_eq!(
        code(Appraisal::from_json(
            r#"{"kind": "cost_benefit", "schedule": "gb1999", "costs": [], "benefits": []}"#
        )),
        "invalid_definition"
    );
    assert_eq!(code(DiscountSchedule::builtin("gb1999")), "invalid_option");
    assert_eq!(
        code(DiscountSchedule::custom(
            "x",
            vec![RateBand {
                from_year: 2,
                rate: 0.03
            }]
        )),
        "invalid_definition"
    );
}

#[test]
fn unknown_parameters_and_metrics_are_rejected() {
    let a = Appraisal::Reablement(roi03());
    assert_eq!(code(a.parameter("colour")), "invalid_option");
    assert_eq!(code(a.metric(Metric::SroiRatio)), "invalid_option");
    assert_eq!(code("roi".parse::<Metric>()), "invalid_option");
    let s = Appraisal::Sroi(sroi(Timing::YearOne));
    assert_eq!(code(s.parameter("deadweight:nobody")), "invalid_option");
    // Horizons and draw counts are bounded (no runaway allocation across the FFI).
    assert_eq!(
        code(economics::annuity_factor(&gb(), 20_000, Timing::YearOne)),
        "invalid_option"
    );
    assert_eq!(
        code(economics::drop_off_profile(1.0, 0.1, u32::MAX)),
        "invalid_option"
    );
    let opts = MonteCarloOptions {
        draws: 20_000_000,
        ..Default::default()
    };
    let u = [Uncertain {
        parameter: "deadweight".into(),
        distribution: Distribution::Fixed { value: 0.3 },
    }];
    assert_eq!(
        code(economics::monte_carlo(&a, Metric::NetRoi, &u, &opts)),
        "invalid_option"
    );
    assert_eq!(code(s.metric(Metric::FinancialRoi)), "invalid_option");
}

// ---- nulls with reasons ----

#[test]
fn no_payback_and_no_break_even_are_nulls_with_reasons() {
    let p = economics::payback(&[100.0, 0.0], &[0.0, 10.0], &gb(), Timing::YearZero);
    assert_eq!(p.simple.years, None);
    assert_eq!(p.simple.reason.unwrap().code(), "not_paid_back");
    let a = Appraisal::Reablement(roi03());
    let b =
        economics::break_even(&a, "deadweight", Metric::BenefitCostRatio, 1.0, 0.0, 0.2).unwrap();
    assert_eq!((b.value, b.reason.unwrap().code()), (None, "no_break_even"));
}

// ---- sensitivity, Monte Carlo, unit costs, cohort ----

fn gmca01() -> CohortModel {
    CohortModel {
        cohort: 200.0,
        engagement: 0.8,
        success: 0.4,
        deadweight: 0.2,
        unit_values: vec![
            UnitValue {
                value_type: ValueType::FiscalCashable,
                agency: Some("council".into()),
                value: 2500.0,
            },
            UnitValue {
                value_type: ValueType::Economic,
                agency: None,
                value: 1200.0,
            },
            UnitValue {
                value_type: ValueType::Social,
                agency: None,
                value: 3000.0,
            },
        ],
        persistence: vec![1.0, 0.8, 0.6],
        costs: vec![CostLine::new("programme", vec![150_000.0, 0.0, 0.0])],
        optimism_bias: Some(OptimismBias::new(0.1)),
        schedule: gb(),
        timing: Timing::YearZero,
    }
}

#[test]
fn cohort_chain_reproduces_gmca01_with_agencies() {
    let r = gmca01().evaluate().unwrap();
    assert!(rel(r.outcomes, 51.2) < 1e-15);
    let cb = r.cost_benefit;
    assert!(rel(cb.public_value_roi, 4.365439621) < 1e-9);
    assert!(rel(cb.pv_benefits_by_agency["council"], 268_767.7379) < 1e-9);
    assert_eq!(cb.public_value_roi, cb.benefit_cost_ratio);
}

#[test]
fn sroi_break_even_deadweight_matches_the_closed_form() {
    // SROI04: SROI is linear in (1 − d): d* = 1 − 1/k with k the ratio at d = 0.
    let a = Appraisal::Sroi(sroi(Timing::YearZero));
    let k = a
        .with_parameter("deadweight", 0.0)
        .unwrap()
        .metric(Metric::SroiRatio)
        .unwrap();
    let b = economics::break_even(&a, "deadweight", Metric::SroiRatio, 1.0, 0.0, 1.0).unwrap();
    assert_eq!(b.base, 0.4);
    assert!(rel(b.value.unwrap(), 1.0 - 1.0 / k) < 1e-14);
    assert!(rel(b.value.unwrap(), 0.5822536507) < 1e-9);
}

#[test]
fn reablement_takes_outcome_counts_or_shares() {
    // ROI03 from counts: 120 people independent (400 × 30%).
    let shares = roi03().evaluate().unwrap();
    let counts = ReablementModel {
        people: 0.0,
        share_independent: 0.0,
        people_independent: Some(120.0),
        ..roi03()
    }
    .evaluate()
    .unwrap();
    assert!(rel(counts.avoided_by_year[0], 1_014_000.0) < 1e-12);
    assert!(rel(counts.avoided_by_year[0], shares.avoided_by_year[0]) < 1e-12);
    assert_eq!(counts.people_independent, 120.0);
    // Hours: 17 people × 40 minutes a week = 11.33 hours, at £40 an hour.
    let hours = ReablementModel {
        weekly_hours_avoided: Some(17.0 * 40.0 / 60.0),
        hourly_cost: 40.0,
        ..roi03()
    }
    .evaluate()
    .unwrap();
    let extra = 17.0 * 40.0 / 60.0 * 0.65 * 40.0 * 52.0;
    assert!(rel(hours.avoided_by_year[0], 1_014_000.0 + extra) < 1e-12);
    let a = Appraisal::Reablement(ReablementModel {
        people_independent: Some(120.0),
        ..roi03()
    });
    assert_eq!(a.parameter("people_independent").unwrap(), 120.0);
    assert_eq!(
        code(Appraisal::Reablement(roi03()).parameter("weekly_hours_avoided")),
        "invalid_option"
    );
    let neg = ReablementModel {
        people_independent: Some(-1.0),
        ..roi03()
    };
    assert_eq!(code(neg.evaluate()), "negative_value");
}

#[test]
fn costs_and_benefits_are_reported_by_agency() {
    let mut m = cba(vec![100.0], vec![300.0]);
    m.schedule = DiscountSchedule::builtin("undiscounted").unwrap();
    m.costs[0].agency = Some("council".into());
    m.costs.push(CostLine {
        agency: Some("NHS".into()),
        ..CostLine::new("therapy", vec![50.0])
    });
    m.benefits[0].agency = Some("NHS".into());
    let r = m.evaluate().unwrap();
    assert_eq!(r.pv_costs_by_agency["council"], 100.0);
    assert_eq!(r.pv_costs_by_agency["NHS"], 50.0);
    assert_eq!(r.pv_benefits_by_agency["NHS"], 300.0);
    assert_eq!(r.pv_costs, 150.0);
}

#[test]
fn tornado_orders_bars_by_swing() {
    let a = Appraisal::Reablement(roi03());
    let t = economics::one_way(
        &a,
        Metric::NetPresentValue,
        &[
            ParameterRange {
                parameter: "weeks".into(),
                low: 50.0,
                high: 52.0,
            },
            ParameterRange {
                parameter: "deadweight".into(),
                low: 0.2,
                high: 0.5,
            },
        ],
    )
    .unwrap();
    assert!(rel(t.base_output, 114_000.0) < 1e-9);
    assert_eq!(t.bars[0].parameter, "deadweight");
    assert_eq!(t.bars[0].base, 0.35);
    assert!(t.bars[0].swing > t.bars[1].swing);
    // NPV = 400 × 0.3 × (1 − d) × 250 × 52 − 900,000.
    assert!(rel(t.bars[0].output_low, 1_560_000.0 * 0.8 - 900_000.0) < 1e-12);
}

#[test]
fn monte_carlo_is_seeded_and_sensible() {
    let a = Appraisal::Reablement(roi03());
    let u = vec![
        Uncertain {
            parameter: "deadweight".into(),
            distribution: Distribution::Pert {
                low: 0.2,
                mode: 0.35,
                high: 0.6,
            },
        },
        Uncertain {
            parameter: "weekly_package_cost".into(),
            distribution: Distribution::Normal {
                mean: 250.0,
                sd: 25.0,
            },
        },
    ];
    let opts = MonteCarloOptions {
        draws: 4000,
        ..Default::default()
    };
    let r = economics::monte_carlo(&a, Metric::BenefitCostRatio, &u, &opts).unwrap();
    let again = economics::monte_carlo(&a, Metric::BenefitCostRatio, &u, &opts).unwrap();
    assert_eq!(r, again);
    let other = economics::monte_carlo(
        &a,
        Metric::BenefitCostRatio,
        &u,
        &MonteCarloOptions {
            seed: 7,
            ..opts.clone()
        },
    )
    .unwrap();
    assert_ne!(r.mean, other.mean);
    let p: Vec<f64> = r.percentiles.iter().map(|p| p.value).collect();
    assert!(r.min <= p[0] && p[0] < p[1] && p[1] < p[2] && p[2] <= r.max);
    // The PERT mean of deadweight is (0.2 + 4·0.35 + 0.6)/6 = 0.3667; BCR ≈ 1.7333 (1 − d).
    assert!((r.mean - 1_560_000.0 / 900_000.0 * (1.0 - 0.366_666)).abs() < 0.02);
    assert!(r.share_at_or_above_threshold > 0.5 && r.share_at_or_above_threshold < 1.0);
    // A fixed distribution reproduces the base case exactly.
    let fixed = economics::monte_carlo(
        &a,
        Metric::BenefitCostRatio,
        &[Uncertain {
            parameter: "deadweight".into(),
            distribution: Distribution::Fixed { value: 0.35 },
        }],
        &MonteCarloOptions {
            draws: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(fixed.min, fixed.base_output);
    assert_eq!(fixed.max, fixed.base_output);
}

#[test]
fn unit_costs_are_data_and_uprate_with_a_named_vintage() {
    let t = UnitCostTable::sample();
    for c in &t.costs {
        assert!(!c.source.is_empty() && !c.unit.is_empty(), "{}", c.code);
    }
    assert_eq!(t.get("reablement_contact_hour").unwrap().value, 40.0);
    assert_eq!(code(t.get("care_home_week")), "invalid_option");
    let c = economics::UnitCost {
        price_year: 2019,
        value: 1000.0,
        ..t.get("illustrative_weekly_package").unwrap().clone()
    };
    let up = c
        .uprate(&DeflatorSeries::hmt_december_2025(), 2024)
        .unwrap();
    assert!(rel(up.value, 1232.916402) < 1e-9);
    assert!(up.uprated_with.unwrap().contains("December 2025"));
    // The 2010 sample costs fall outside the shipped deflator years.
    assert_eq!(
        code(
            t.get("reablement_episode")
                .unwrap()
                .uprate(&DeflatorSeries::hmt_december_2025(), 2024)
        ),
        "unknown_price_year"
    );
}

#[test]
fn builtin_schedules_and_tables_load() {
    for name in [
        "gb2022_standard",
        "gb2022_health",
        "gb2026_standard",
        "gb2026_health",
    ] {
        let s = DiscountSchedule::builtin(name).unwrap();
        s.validate().unwrap();
        assert_eq!(s.bands.len(), 6);
    }
    // The 2026 schedules are an UNVERIFIED carry-over of 2022: test that they say so.
    assert!(
        DiscountSchedule::builtin("gb2026_standard")
            .unwrap()
            .confidence
            .contains("UNVERIFIED")
    );
    assert_eq!(OptimismBias::gmca_grade(6).unwrap().rate, 0.40);
    assert_eq!(economics::green_book_bounds().len(), 6);
    assert_eq!(
        OptimismBias::green_book_capex("equipment_development")
            .unwrap()
            .rate,
        2.0
    );
}

#[test]
fn models_round_trip_through_json() {
    for a in [
        Appraisal::Reablement(roi03()),
        Appraisal::Sroi(sroi(Timing::YearOne)),
        Appraisal::Cohort(gmca01()),
    ] {
        let text = serde_json::to_string(&a).unwrap();
        let back = Appraisal::from_json(&text).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.evaluate().unwrap(), a.evaluate().unwrap());
    }
}

// ---- invariants ----

proptest! {
    #[test]
    fn flat_factors_equal_the_power_form(r in 0.0f64..0.2, t in 0u32..200) {
        let s = DiscountSchedule::flat(r).unwrap();
        let d = s.factor(t);
        prop_assert!(rel(d, 1.0 / (1.0 + r).powi(i32::try_from(t).unwrap())) < 1e-12);
        prop_assert!(d > 0.0 && d <= 1.0);
        prop_assert_eq!(s.factors(0, t as usize + 1)[t as usize], d);
    }

    #[test]
    fn green_book_factors_decrease(t in 1u32..400) {
        let s = gb();
        prop_assert!(s.factor(t) < s.factor(t - 1));
        prop_assert_eq!(s.factor(t), s.factor(t - 1) / (1.0 + s.rate(t)));
    }

    #[test]
    fn named_outputs_are_consistent(
        costs in prop::collection::vec(0.0f64..1e6, 1..8),
        benefits in prop::collection::vec(-1e5f64..1e6, 1..8),
    ) {
        prop_assume!(costs.iter().any(|c| *c > 0.0));
        let r = cba(costs, benefits).evaluate().unwrap();
        prop_assert!((r.net_roi - (r.benefit_cost_ratio - 1.0)).abs() <= 1e-12 * r.benefit_cost_ratio.abs().max(1.0));
        prop_assert!((r.net_present_value - (r.pv_benefits - r.pv_costs)).abs() <= 1e-9 * r.pv_benefits.abs().max(r.pv_costs));
        prop_assert_eq!(r.financial_roi, r.cashable_roi);
        prop_assert_eq!(r.public_value_roi, r.benefit_cost_ratio);
        if let (Some(s), Some(d)) = (r.payback.simple.years, r.payback.discounted.years) {
            prop_assert!(s <= d + 1e-12);
        }
    }

    #[test]
    fn sroi_is_linear_in_one_minus_deadweight(d in 0.0f64..1.0) {
        let a = Appraisal::Sroi(sroi(Timing::YearOne));
        let k = a.with_parameter("deadweight", 0.0).unwrap().metric(Metric::SroiRatio).unwrap();
        let v = a.with_parameter("deadweight", d).unwrap().metric(Metric::SroiRatio).unwrap();
        prop_assert!((v - k * (1.0 - d)).abs() <= 1e-12 * k);
    }

    #[test]
    fn distribution_draws_stay_in_their_support(u in 1e-12f64..(1.0 - 1e-12), lo in -10.0f64..10.0, w in 0.01f64..10.0, m in 0.0f64..1.0) {
        let hi = lo + w;
        let mode = lo + m * w;
        for d in [
            Distribution::Uniform { low: lo, high: hi },
            Distribution::Triangular { low: lo, mode, high: hi },
            Distribution::Pert { low: lo, mode, high: hi },
        ] {
            let x = d.quantile(u).unwrap();
            prop_assert!(x >= lo && x <= hi, "{:?} at {} gave {}", d, u, x);
        }
    }
}
