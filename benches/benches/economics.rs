//! Criterion benches of the economics module (`cargo bench -p care-outcomes-benches --bench economics`).
//!
//! | bench | what |
//! | --- | --- |
//! | `economics/discount_factors_300` | D_0..D_299 on the kinked Green Book 2022 schedule |
//! | `economics/cohort_gmca01` | the GMCA01 cohort chain evaluated (3 years, 3 value types) |
//! | `economics/monte_carlo_10k` | 10,000 draws of ROI03 with PERT deadweight and normal weekly cost |
//!
//! Samples are kept small (10 per bench).

use care_outcomes::economics::{
    Appraisal, CohortModel, DiscountSchedule, Distribution, Metric, MonteCarloOptions, Uncertain,
    monte_carlo,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("economics");
    g.sample_size(10);
    let gb = DiscountSchedule::builtin("gb2022_standard").expect("built in");
    g.bench_function("discount_factors_300", |b| {
        b.iter(|| black_box(gb.factors(0, 300)));
    });
    let cohort: CohortModel = serde_json::from_str(
        r#"{"cohort": 200, "engagement": 0.8, "success": 0.4, "deadweight": 0.2,
            "unit_values": [{"value_type": "fiscal_cashable", "value": 2500},
                            {"value_type": "economic", "value": 1200},
                            {"value_type": "social", "value": 3000}],
            "persistence": [1, 0.8, 0.6],
            "costs": [{"name": "programme", "by_year": [150000, 0, 0]}],
            "optimism_bias": {"rate": 0.1}}"#,
    )
    .expect("GMCA01 parses");
    g.bench_function("cohort_gmca01", |b| {
        b.iter(|| black_box(cohort.evaluate().expect("valid")));
    });
    let model = Appraisal::from_json(
        r#"{"kind": "reablement", "people": 400, "share_independent": 0.3, "deadweight": 0.35,
            "weekly_package_cost": 250, "weeks": 52, "service_cost": 900000,
            "schedule": "undiscounted"}"#,
    )
    .expect("ROI03 parses");
    let uncertain = [
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
    let opts = MonteCarloOptions::default();
    g.bench_function("monte_carlo_10k", |b| {
        b.iter(|| {
            black_box(
                monte_carlo(&model, Metric::BenefitCostRatio, &uncertain, &opts).expect("valid"),
            )
        });
    });
    g.finish();
}

criterion_group!(economics, benches);
criterion_main!(economics);
