//! Criterion bench of the catalogue: evaluating every built-in definition for 153 councils plus
//! England, with 95% intervals, published rounding, the England benchmark, a 15-council
//! comparator group, quartiles, MAD bands and direction of travel against a previous period
//! (`cargo bench -p care-outcomes-benches --bench catalogue`).
//!
//! Inputs: [`care_outcomes_benches::catalogue_inputs`] (two periods, so every council row has a
//! direction of travel).

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, evaluate};
use care_outcomes_benches::catalogue_inputs;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn bench_catalogue(c: &mut Criterion) {
    let rows = catalogue_inputs();
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
