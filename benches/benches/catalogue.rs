//! Criterion bench of the catalogue: evaluating every built-in definition for 153 councils plus
//! England, with 95% intervals, published rounding, the England benchmark, a 15-council
//! comparator group, quartiles, MAD bands and direction of travel against a previous period
//! (`cargo bench -p care-outcomes-benches --bench catalogue`).
//!
//! Inputs: a seeded xorshift (`care_outcomes_benches::XorShift64`); for each definition,
//! council and period, a denominator (or population for rates) in 50..=5000 (50,000..=500,000
//! for rates) and a numerator in 0..=denominator (0..=2,000 for rates and counts); England is
//! the sum of the councils. Two periods, so every council row has a direction of travel.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputRow, evaluate};
use care_outcomes::indicator::{Calculation, Unit};
use care_outcomes_benches::XorShift64;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const COUNCILS: usize = 153;

fn inputs() -> Vec<InputRow> {
    let cat = Catalogue::builtin();
    let mut rng = XorShift64::new(20_261_130);
    let mut rows = Vec::new();
    for period in ["2023-24", "2024-25"] {
        for def in cat.definitions() {
            let rate = matches!(def.unit, Unit::Per100000 | Unit::Per1000);
            let (mut num_total, mut den_total) = (0u64, 0u64);
            for c in 0..COUNCILS {
                let (num, den) = if rate {
                    (rng.uniform_int(0, 2000), rng.uniform_int(50_000, 500_000))
                } else if def.calculation == Calculation::Ratio {
                    let den = rng.uniform_int(50, 5000);
                    (rng.uniform_int(0, den), den)
                } else {
                    (rng.uniform_int(0, 2000), rng.uniform_int(1, 2000))
                };
                num_total += num;
                den_total += den;
                rows.push(InputRow {
                    area: format!("Council {c:03}"),
                    period: period.to_owned(),
                    indicator: def.id.clone(),
                    breakdown: None,
                    numerator: num,
                    denominator: Some(den),
                    population: None,
                });
            }
            rows.push(InputRow {
                area: "England".to_owned(),
                period: period.to_owned(),
                indicator: def.id.clone(),
                breakdown: None,
                numerator: num_total,
                denominator: Some(den_total),
                population: None,
            });
        }
    }
    rows
}

fn bench_catalogue(c: &mut Criterion) {
    let rows = inputs();
    let options = EvaluateOptions {
        comparators: (0..15).map(|c| format!("Council {c:03}")).collect(),
        ..EvaluateOptions::default()
    };
    let cat = Catalogue::builtin();
    let per_period = rows.len() / 2;
    let mut group = c.benchmark_group("evaluate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(per_period as u64));
    group.bench_function("catalogue_153_councils_one_period", |b| {
        b.iter(|| evaluate(black_box(&rows[..per_period]), cat, &options).unwrap());
    });
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.bench_function("catalogue_153_councils_two_periods", |b| {
        b.iter(|| evaluate(black_box(&rows), cat, &options).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench_catalogue);
criterion_main!(benches);
