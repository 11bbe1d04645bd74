//! Criterion benches of reading Client Level Data from Arrow record batches against reading the
//! same rows as CSV (`cargo bench -p care-outcomes-benches --bench records_arrow`).
//!
//! Input: 1,000,000 events from `care_outcomes::records::synthetic_csv` (seed 1), held in memory
//! as CSV text and as Arrow batches of 65,536 rows (built once, outside the timing).
//!
//! | bench | what is timed |
//! | --- | --- |
//! | `records_arrow/read_csv` | `Dataset::from_csv_str` on the text |
//! | `records_arrow/read_arrow_strings` | `Dataset::from_record_batches`, every column `Utf8` (cells read in place) |
//! | `records_arrow/read_arrow_typed` | the same with `Date32` dates, an `Int64` NHS number and dictionary codes (typed cells written into a stack buffer per row); the rows whose start date is impossible (2024-02-30, ~0.2%) are left out, as a date column cannot hold them |

use std::sync::Arc;

use arrow_array::builder::StringDictionaryBuilder;
use arrow_array::types::UInt16Type;
use arrow_array::{ArrayRef, Date32Array, Int64Array, RecordBatch, StringArray};
use care_outcomes::records::{Dataset, NaiveDate, SyntheticOptions, parse_date, synthetic_csv};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const EVENTS: u64 = 1_000_000;
const BATCH: usize = 65_536;

fn columns(csv: &str) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let mut cols = vec![Vec::new(); names.len()];
    for rec in r.records() {
        let rec = rec.expect("record");
        for (c, col) in cols.iter_mut().enumerate() {
            col.push(rec.get(c).filter(|s| !s.is_empty()).map(str::to_owned));
        }
    }
    (names, cols)
}

fn array(name: &str, v: &[Option<String>], typed: bool) -> ArrayRef {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    if typed && (name.ends_with("date") || name.starts_with("date_of")) {
        return Arc::new(Date32Array::from(
            v.iter()
                .map(|s| {
                    s.as_deref()
                        .map(|s| (parse_date(s).expect("date") - epoch).num_days() as i32)
                })
                .collect::<Vec<_>>(),
        ));
    }
    if typed && name == "nhs_number" {
        return Arc::new(Int64Array::from(
            v.iter()
                .map(|s| s.as_deref().map(|s| s.parse::<i64>().expect("int")))
                .collect::<Vec<_>>(),
        ));
    }
    if typed
        && matches!(
            name,
            "la_code" | "client_type" | "event_type" | "service_type"
        )
    {
        let mut b = StringDictionaryBuilder::<UInt16Type>::new();
        b.extend(v.iter().map(Option::as_deref));
        return Arc::new(b.finish());
    }
    Arc::new(StringArray::from(
        v.iter().map(Option::as_deref).collect::<Vec<_>>(),
    ))
}

fn batches(csv: &str, typed: bool) -> Vec<RecordBatch> {
    let (names, cols) = columns(csv);
    let rows = cols[0].len();
    (0..rows)
        .step_by(BATCH)
        .map(|start| {
            let end = (start + BATCH).min(rows);
            RecordBatch::try_from_iter(
                names
                    .iter()
                    .zip(&cols)
                    .map(|(n, c)| (n.clone(), array(n, &c[start..end], typed))),
            )
            .expect("batch")
        })
        .collect()
}

fn bench_records_arrow(c: &mut Criterion) {
    let csv = synthetic_csv(&SyntheticOptions {
        seed: 1,
        events: EVENTS,
        ..SyntheticOptions::default()
    })
    .expect("synthetic data");
    let rows = csv.lines().count() as u64 - 1;
    let strings = batches(&csv, false);
    let valid: String = csv
        .lines()
        .filter(|l| !l.contains("2024-02-30"))
        .flat_map(|l| [l, "\n"])
        .collect();
    let typed = batches(&valid, true);
    let schema = strings[0].schema();
    let typed_schema = typed[0].schema();
    let mut group = c.benchmark_group("records_arrow");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(rows));
    group.bench_function("read_csv", |b| {
        b.iter(|| black_box(Dataset::from_csv_str(black_box(&csv)).expect("dataset")));
    });
    group.bench_function("read_arrow_strings", |b| {
        b.iter(|| {
            black_box(Dataset::from_record_batches(&schema, black_box(&strings)).expect("dataset"))
        });
    });
    group.bench_function("read_arrow_typed", |b| {
        b.iter(|| {
            black_box(
                Dataset::from_record_batches(&typed_schema, black_box(&typed)).expect("dataset"),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, bench_records_arrow);
criterion_main!(benches);
