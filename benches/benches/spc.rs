//! Criterion benches of the publishing layer (`cargo bench -p care-outcomes-benches --bench spc`):
//!
//! | bench | input |
//! | --- | --- |
//! | `xmr/mdc_10k` | 10,000 values (40 + a seeded numerator mod 21: whole numbers 40..=60), MDC defaults |
//! | `xmr/rebased_10k` | the same with a rebase every 1,000 points and screening on |
//! | `funnel_od/proportion_150` | 150 councils (`proportion_inputs`: n 50..=5000, r 0..=n), overdispersion on |
//! | `chart/spc_svg_36` | the SVG of a 36-point XmR chart |
//!
//! Samples are kept small (10 per bench).

use care_outcomes::chart::{ChartOptions, spc_chart};
use care_outcomes::spc::{XmrOptions, xmr};
use care_outcomes::stats::{Overdispersion, OverdispersionOptions, funnel_overdispersed};
use care_outcomes_benches::proportion_inputs;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn series(n: usize) -> Vec<f64> {
    let (x, _) = proportion_inputs(n, 7);
    x.iter().map(|v| 40.0 + (v % 21.0)).collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("xmr");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let x = series(10_000);
    g.bench_function("mdc_10k", |b| {
        b.iter(|| xmr(black_box(&x), &XmrOptions::default()).unwrap());
    });
    let rebased = XmrOptions {
        rebase_at: (1..10).map(|k| k * 1000).collect(),
        screen_moving_ranges: true,
        ..Default::default()
    };
    g.bench_function("rebased_10k", |b| {
        b.iter(|| xmr(black_box(&x), &rebased).unwrap());
    });
    g.finish();

    let mut g = c.benchmark_group("funnel_od");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let (r, n) = proportion_inputs(150, 11);
    let o = OverdispersionOptions {
        overdispersion: Overdispersion::On,
        ..Default::default()
    };
    g.bench_function("proportion_150", |b| {
        b.iter(|| funnel_overdispersed(black_box(&r), black_box(&n), &o).unwrap());
    });
    g.finish();

    let mut g = c.benchmark_group("chart");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let chart = xmr(&series(36), &XmrOptions::default()).unwrap();
    let opts = ChartOptions {
        title: "Bench".into(),
        ..Default::default()
    };
    g.bench_function("spc_svg_36", |b| {
        b.iter(|| spc_chart(black_box(&chart), &opts).unwrap());
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
