//! Arrow input (feature `arrow`): the synthetic extract as Arrow record batches — string columns
//! of every layout, typed dates, timestamps, integers and dictionaries — gives the same
//! `Derivation` (measures and ledger, with the same rejection reasons and rows) as its CSV; a
//! column whose type cannot hold its values exactly is an `invalid_column_type` error.
#![cfg(feature = "arrow")]

use std::sync::Arc;

use arrow_array::builder::{StringDictionaryBuilder, StringViewBuilder};
use arrow_array::types::{Int32Type, UInt8Type, UInt16Type};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Date64Array, DictionaryArray, Float64Array, Int16Array,
    Int64Array, LargeStringArray, NullArray, RecordBatch, RecordBatchIterator, StringArray,
    StringViewArray, TimestampMicrosecondArray, TimestampMillisecondArray, UInt8Array,
};
use arrow_schema::ArrowError;
use care_outcomes::records::{
    Dataset, Derivation, DeriveOptions, Method, NaiveDate, Period, SyntheticOptions, derive,
    parse_date, synthetic_csv,
};

/// The header and cells of CSV text (empty cells as `None`).
fn cells(csv: &str) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let mut cols = vec![Vec::new(); names.len()];
    for rec in r.records() {
        let rec = rec.unwrap();
        for (c, col) in cols.iter_mut().enumerate() {
            col.push(rec.get(c).filter(|s| !s.is_empty()).map(str::to_owned));
        }
    }
    (names, cols)
}

fn strings(kind: usize, v: &[Option<String>]) -> ArrayRef {
    let v: Vec<Option<&str>> = v.iter().map(Option::as_deref).collect();
    match kind % 5 {
        0 => Arc::new(StringArray::from(v)),
        1 => Arc::new(LargeStringArray::from(v)),
        2 => {
            let mut b = StringViewBuilder::new();
            b.extend(v.iter().copied());
            Arc::new(b.finish())
        }
        3 => {
            let mut b = StringDictionaryBuilder::<Int32Type>::new();
            b.extend(v.iter().copied());
            Arc::new(b.finish())
        }
        _ => {
            // Empty strings rather than nulls: both read as empty cells.
            let v: Vec<&str> = v.iter().map(|s| s.unwrap_or("")).collect();
            Arc::new(StringArray::from(v))
        }
    }
}

fn days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

/// A typed Arrow column for one CSV column, or `None` to keep it as strings.
fn typed(name: &str, v: &[Option<String>]) -> Option<ArrayRef> {
    let date = |s: &Option<String>| s.as_deref().map(|s| parse_date(s).unwrap());
    Some(match name {
        "date_of_birth" => Arc::new(Date32Array::from(
            v.iter().map(|s| date(s).map(days)).collect::<Vec<_>>(),
        )),
        "date_of_death" => Arc::new(Date64Array::from(
            v.iter()
                .map(|s| date(s).map(|d| i64::from(days(d)) * 86_400_000))
                .collect::<Vec<_>>(),
        )),
        "event_start_date" => Arc::new(TimestampMicrosecondArray::from(
            // Noon: the time of day is dropped.
            v.iter()
                .map(|s| date(s).map(|d| (i64::from(days(d)) * 86_400 + 43_200) * 1_000_000))
                .collect::<Vec<_>>(),
        )),
        "event_end_date" => Arc::new(
            // 00:30 at +01:00 is 23:30 UTC the day before: the local date is the event's.
            TimestampMillisecondArray::from(
                v.iter()
                    .map(|s| date(s).map(|d| (i64::from(days(d)) * 86_400 - 1_800) * 1_000))
                    .collect::<Vec<_>>(),
            )
            .with_timezone("+01:00"),
        ),
        "reporting_period_end_date" => Arc::new(
            TimestampMillisecondArray::from(
                v.iter()
                    .map(|s| date(s).map(|d| i64::from(days(d)) * 86_400_000))
                    .collect::<Vec<_>>(),
            )
            .with_timezone("UTC"),
        ),
        "nhs_number" => Arc::new(Int64Array::from(
            v.iter()
                .map(|s| s.as_deref().map(|s| s.parse::<i64>().unwrap()))
                .collect::<Vec<_>>(),
        )),
        "la_code" | "client_type" => {
            let mut b = StringDictionaryBuilder::<UInt16Type>::new();
            b.extend(v.iter().map(Option::as_deref));
            Arc::new(b.finish())
        }
        "service_type" => {
            // Dictionary<UInt8, Utf8View>, as polars exports categoricals.
            let mut distinct: Vec<&str> = v.iter().flatten().map(String::as_str).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let keys: UInt8Array = v
                .iter()
                .map(|s| {
                    s.as_deref()
                        .map(|s| distinct.binary_search(&s).unwrap() as u8)
                })
                .collect();
            let values: StringViewArray = distinct.iter().map(|s| Some(*s)).collect();
            Arc::new(DictionaryArray::<UInt8Type>::try_new(keys, Arc::new(values)).unwrap())
        }
        _ => return None,
    })
}

/// `csv` as Arrow record batches of `size` rows, typed or all strings.
fn batches(csv: &str, size: usize, typed_columns: bool) -> Vec<RecordBatch> {
    let (names, cols) = cells(csv);
    let rows = cols[0].len();
    (0..rows)
        .step_by(size)
        .map(|start| {
            let end = (start + size).min(rows);
            RecordBatch::try_from_iter(names.iter().zip(&cols).enumerate().map(|(k, (n, c))| {
                let part = &c[start..end];
                let array = if typed_columns {
                    typed(n, part).unwrap_or_else(|| strings(0, part))
                } else {
                    strings(k + start / size, part)
                };
                (n.clone(), array)
            }))
            .unwrap()
        })
        .collect()
}

fn derive_all(ds: &Dataset) -> Vec<Derivation> {
    [Method::Y2023_24, Method::Y2024_25]
        .into_iter()
        .map(|m| derive(ds, &DeriveOptions::new(m, Period::financial_year(2024))))
        .collect()
}

fn from_batches(b: Vec<RecordBatch>) -> Result<Dataset, care_outcomes::Error> {
    let schema = b[0].schema();
    Dataset::from_arrow_reader(RecordBatchIterator::new(b.into_iter().map(Ok), schema))
}

fn synthetic() -> String {
    synthetic_csv(&SyntheticOptions {
        seed: 11,
        events: 20_000,
        ..SyntheticOptions::default()
    })
    .unwrap()
}

#[test]
fn string_columns_of_every_layout_give_the_csv_derivation() {
    let csv = synthetic();
    let expected = derive_all(&Dataset::from_csv_str(&csv).unwrap());
    let ds = from_batches(batches(&csv, 4_999, false)).unwrap();
    let got = derive_all(&ds);
    assert_eq!(got, expected);
    // The extract exercises rejections, exclusions and every measure.
    let l = &got[1].ledger;
    assert!(l.is_balanced());
    assert!(!l.rejected.is_empty() && l.excluded.len() >= 3);
    assert!(got[1].measures.len() > 30);
}

#[test]
fn typed_dates_integers_and_dictionaries_give_the_csv_derivation() {
    // Typed dates cannot hold the extract's impossible dates (2024-02-30): drop those rows.
    let csv: String = synthetic()
        .lines()
        .filter(|l| !l.contains("2024-02-30"))
        .flat_map(|l| [l, "\n"])
        .collect();
    let expected = derive_all(&Dataset::from_csv_str(&csv).unwrap());
    let b = batches(&csv, 6_000, true);
    // Sanity: the columns really are typed.
    let schema = b[0].schema();
    assert_eq!(
        schema
            .field_with_name("event_end_date")
            .unwrap()
            .data_type()
            .to_string(),
        "Timestamp(ms, \"+01:00\")"
    );
    let ds = Dataset::from_record_batches(&schema, &b).unwrap();
    let got = derive_all(&ds);
    assert_eq!(got, expected);
    assert!(got[1].ledger.used > 10_000);
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

fn base(n: usize) -> Vec<(&'static str, ArrayRef)> {
    vec![
        (
            "nhs_number",
            Arc::new(StringArray::from_iter_values(
                (1..=n).map(|i| i.to_string()),
            )) as ArrayRef,
        ),
        (
            "event_type",
            Arc::new(StringArray::from(vec!["Request"; n])),
        ),
        (
            "client_type",
            Arc::new(StringArray::from(vec!["Service User"; n])),
        ),
    ]
}

#[test]
fn integer_birth_year_and_month_read_as_their_csv_text() {
    let csv = "nhs_number,event_type,client_type,event_start_date,der_birth_year,der_birth_month\n\
               1,Request,Service User,2024-05-01,1950,7\n\
               2,Request,Service User,2024-05-01,1950,13\n\
               3,Request,Service User,2024-05-01,,\n";
    let from_csv = Dataset::from_csv_str(csv).unwrap();
    let mut cols = base(3);
    cols.push((
        "Event Start Date",
        Arc::new(Date32Array::from(vec![19844; 3])),
    ));
    cols.push((
        "Der_Birth_Year",
        Arc::new(Int16Array::from(vec![Some(1950), Some(1950), None])),
    ));
    cols.push((
        "Der_Birth_Month",
        Arc::new(UInt8Array::from(vec![Some(7), Some(13), None])),
    ));
    let ds = from_batches(vec![batch(cols)]).unwrap();
    assert_eq!(ds.ledger(), from_csv.ledger());
    assert_eq!(
        ds.ledger().rejected[0].reason,
        "invalid_value:der_birth_month"
    );
    let births: Vec<_> = ds.events().iter().map(|e| e.birth).collect();
    assert_eq!(births, vec![NaiveDate::from_ymd_opt(1950, 7, 1), None]);
    assert_eq!(
        ds.events()[0].start,
        NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
    );
}

#[test]
fn columns_of_a_lossy_or_unknown_type_are_coded_errors() {
    let cases: Vec<(&str, ArrayRef)> = vec![
        // float dates, identifiers and years
        (
            "event_start_date",
            Arc::new(Float64Array::from(vec![19844.0; 2])),
        ),
        ("nhs_number", Arc::new(Float64Array::from(vec![1.0, 2.0]))),
        (
            "der_birth_year",
            Arc::new(Float64Array::from(vec![1950.0; 2])),
        ),
        // integers as dates, dates as identifiers, booleans
        (
            "event_end_date",
            Arc::new(Int64Array::from(vec![20240501; 2])),
        ),
        ("la_code", Arc::new(Date32Array::from(vec![1; 2]))),
        (
            "client_type",
            Arc::new(BooleanArray::from(vec![true, false])),
        ),
        // a time zone that is not one
        (
            "event_end_date",
            Arc::new(TimestampMillisecondArray::from(vec![0; 2]).with_timezone("not a zone")),
        ),
    ];
    for (name, array) in cases {
        let mut cols: Vec<(&str, ArrayRef)> =
            base(2).into_iter().filter(|(n, _)| *n != name).collect();
        if name != "event_start_date" {
            cols.push((
                "event_start_date",
                Arc::new(Date32Array::from(vec![19844; 2])),
            ));
        }
        cols.push((name, array));
        let e = from_batches(vec![batch(cols)]).unwrap_err();
        assert_eq!(e.code(), "invalid_column_type", "{name}: {e}");
        assert!(e.to_string().contains(&format!("{name:?}")), "{e}");
    }
    // A column that stands for no CLD field is ignored whatever its type; all-null columns read
    // as empty cells.
    let mut cols = base(2);
    cols.push((
        "event_start_date",
        Arc::new(Date32Array::from(vec![19844; 2])),
    ));
    cols.push(("weight", Arc::new(Float64Array::from(vec![0.5; 2]))));
    cols.push(("date_of_death", Arc::new(NullArray::new(2))));
    let ds = from_batches(vec![batch(cols)]).unwrap();
    assert_eq!(ds.events().len(), 2);
}

#[test]
fn missing_columns_and_stream_failures_are_coded_errors() {
    let e = from_batches(vec![batch(base(1))]).unwrap_err();
    assert_eq!(e.code(), "missing_input");
    let mut cols = base(1);
    cols.push(("event_start_date", Arc::new(Date32Array::from(vec![19844]))));
    let b = batch(cols);
    let schema = b.schema();
    let failing = vec![
        Ok(b),
        Err(ArrowError::IoError(
            "broken pipe".into(),
            std::io::Error::other("x"),
        )),
    ];
    let e = Dataset::from_arrow_reader(RecordBatchIterator::new(failing, schema)).unwrap_err();
    assert_eq!(e.code(), "invalid_definition");
}
