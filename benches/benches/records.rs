//! Criterion benches of the Client Level Data engine (`cargo bench -p care-outcomes-benches
//! --bench records`).
//!
//! Input: 1,000,000 rows from `care_outcomes::records::synthetic_csv` (seed 1, 3 areas, journeys
//! starting 2023-01-01..2025-03-31), held in memory as CSV text (~150 MB).
//!
//! | bench | what is timed |
//! | --- | --- |
//! | `records/parse_csv` | the `csv` crate alone reading every record (the floor: "just parse") |
//! | `records/read` | `Dataset::from_csv_str`: parse and validate byte ranges on every core, merge, resolve identity, group by person |
//! | `records/read_one_thread` | the same read in one pass (`ReadOptions::sequential()`) |
//! | `records/derive_2024_25` | `derive` on the read dataset (dedup, clusters, sequels, every measure; both cores) |
//! | `records/read_and_derive` | both, end to end |
//!
//! The 10M-event run with peak memory is `examples/records_throughput.rs`.

use care_outcomes::records::{
    Dataset, DeriveOptions, Method, Period, ReadOptions, SyntheticOptions, derive, synthetic_csv,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const ROWS: u64 = 1_000_000;

fn bench_records(c: &mut Criterion) {
    let csv = synthetic_csv(&SyntheticOptions {
        seed: 1,
        events: ROWS,
        ..SyntheticOptions::default()
    })
    .expect("synthetic data");
    let rows = csv.lines().count() as u64 - 1;
    let options = DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024));
    let dataset = Dataset::from_csv_str(&csv).expect("dataset");
    let mut group = c.benchmark_group("records");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(rows));
    group.bench_function("parse_csv", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
            let mut record = csv::ByteRecord::new();
            let mut n = 0u64;
            while reader.read_byte_record(&mut record).expect("csv") {
                n += record.len() as u64;
            }
            black_box(n)
        });
    });
    group.bench_function("read", |b| {
        b.iter(|| black_box(Dataset::from_csv_str(black_box(&csv)).expect("dataset")));
    });
    group.bench_function("read_one_thread", |b| {
        b.iter(|| {
            black_box(
                Dataset::from_csv_reader_with(
                    black_box(csv.as_bytes()),
                    &ReadOptions::sequential(),
                )
                .expect("dataset"),
            )
        });
    });
    group.bench_function("derive_2024_25", |b| {
        b.iter(|| black_box(derive(black_box(&dataset), &options)));
    });
    group.bench_function("read_and_derive", |b| {
        b.iter(|| {
            let ds = Dataset::from_csv_str(black_box(&csv)).expect("dataset");
            black_box(derive(&ds, &options))
        });
    });
    group.finish();
}

criterion_group!(benches, bench_records);
criterion_main!(benches);
