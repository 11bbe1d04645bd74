//! Criterion benches of the batch statistics (`cargo bench -p care-outcomes-benches`).
//!
//! Inputs come from `care_outcomes_benches` (a seeded xorshift, no extra crates); every column
//! holds whole numbers, drawn uniformly and independently per row:
//!
//! | bench | rows | inputs |
//! | --- | --- | --- |
//! | `proportion_batch/wilson` | 1,000,000 | n in 50..=5000, x in 0..=n; 95% |
//! | `rate_batch/byar` | 1,000,000 | count in 10..=1000 (so every row is Byar), population in 1000..=200000; 95%, per 100,000 |
//! | `rate_batch/exact` | 1,000,000 | count in 0..=1000, population as above; method Exact |
//! | `rate_batch/exact_uncached` | 20,000 | count in 4096..=1000000, population as above; method Exact |
//!
//! The core caches the exact limits of integer counts below 4096 for the whole process, one
//! table per level (`poisson::ExactCache`), so `exact` does at most 1001 pairs of gamma-quantile
//! inversions in the first call (the warm-up) and table look-ups afterwards: it measures repeated
//! calls on indicator counts. `exact_uncached` uses counts the cache never holds and so times the
//! inversions themselves (two per row).
//!
//! Samples are kept small (10 per bench): the whole run takes under a minute on 2 cores.

use care_outcomes::stats::{
    PoissonMethod, ProportionOptions, RateOptions, proportion_batch, rate_batch,
};
use care_outcomes_benches::{proportion_inputs, rate_inputs};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const MILLION: usize = 1_000_000;
const UNCACHED_ROWS: usize = 20_000;

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, rows: usize) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(rows as u64));
}

fn bench_proportion(c: &mut Criterion) {
    let (x, n) = proportion_inputs(MILLION, 1);
    let opts = ProportionOptions::default();
    let check = proportion_batch(&x, &n, &opts).expect("valid inputs");
    assert!(check.reason.iter().all(Option::is_none));

    let mut group = c.benchmark_group("proportion_batch");
    configure(&mut group, MILLION);
    group.bench_function("wilson", |b| {
        b.iter(|| proportion_batch(black_box(&x), black_box(&n), &opts).expect("valid inputs"));
    });
    group.finish();
}

fn bench_rate(c: &mut Criterion) {
    let byar = RateOptions {
        method: PoissonMethod::Byar,
        ..RateOptions::default()
    };
    let exact = RateOptions {
        method: PoissonMethod::Exact,
        ..RateOptions::default()
    };
    let (bx, bn) = rate_inputs(MILLION, 2, 10, 1000);
    let (ex, en) = rate_inputs(MILLION, 3, 0, 1000);
    let (ux, un) = rate_inputs(UNCACHED_ROWS, 4, 4096, 1_000_000);
    let check = rate_batch(&bx, &bn, &byar).expect("valid inputs");
    assert!(
        check
            .method
            .iter()
            .all(|m| m.is_some_and(|m| m.label() == "Byars"))
    );
    for (x, n) in [(&ex, &en), (&ux, &un)] {
        let check = rate_batch(x, n, &exact).expect("valid inputs");
        assert!(check.reason.iter().all(Option::is_none));
    }

    let mut group = c.benchmark_group("rate_batch");
    configure(&mut group, MILLION);
    group.bench_function("byar", |b| {
        b.iter(|| rate_batch(black_box(&bx), black_box(&bn), &byar).expect("valid inputs"));
    });
    group.bench_function("exact", |b| {
        b.iter(|| rate_batch(black_box(&ex), black_box(&en), &exact).expect("valid inputs"));
    });
    configure(&mut group, UNCACHED_ROWS);
    group.bench_function("exact_uncached", |b| {
        b.iter(|| rate_batch(black_box(&ux), black_box(&un), &exact).expect("valid inputs"));
    });
    group.finish();
}

criterion_group!(benches, bench_proportion, bench_rate);
criterion_main!(benches);
