//! Reading Arrow record batches into a [`Dataset`] (feature `arrow`).
//!
//! Columns are read in place: string cells (`Utf8`, `LargeUtf8`, `Utf8View` and dictionaries of
//! them) are handed to the row validator as the Arrow buffer's own bytes; typed cells (dates,
//! timestamps, integers) are written into a small stack buffer per row in the text form the CSV
//! reader would have seen (`YYYY-MM-DD`, decimal digits). Every row then goes through the same
//! validation, ledger and rejection reasons as a CSV row, so a table and the CSV it came from
//! give the same [`Dataset`].
//!
//! Accepted column types, by the [`Field`] a column stands for:
//!
//! | fields | types |
//! | --- | --- |
//! | dates (`date_of_birth`, `date_of_death`, `event_start_date`, `event_end_date`, `reporting_period_end_date`) | strings, `Date32`, `Date64`, `Timestamp` (any unit; with a time zone the local date there) |
//! | every other field (codes, identifiers, `der_birth_year`, `der_birth_month`) | strings, integers of any width |
//!
//! All-null (`Null`) columns are accepted everywhere. Any other type (floats above all: a float
//! is not an exact identifier, year or date) is an `invalid_column_type` error naming the column;
//! columns that stand for no CLD field are ignored whatever their type.

use arrow_array::cast::AsArray;
use arrow_array::timezone::Tz;
use arrow_array::types::{
    ArrowDictionaryKeyType, Date32Type, Date64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrowPrimitiveType, RecordBatch, RecordBatchReader, temporal_conversions,
};
use arrow_schema::{DataType, Schema, TimeUnit};
use chrono::{Datelike, NaiveDate, TimeZone};

use super::builder::{Builder, Columns};
use super::reader::{Dataset, Field, field_of};
use crate::{Error, Result};

/// The widest typed cell as text: `-9223372036854775808` (20 bytes) or a date (10 bytes).
const CELL: usize = 24;

/// What a column of a batch yields per row.
enum Source<'b> {
    /// Bytes held by the array itself (strings, or `None` for nulls).
    Text(Box<dyn Fn(usize) -> Option<&'b [u8]> + 'b>),
    /// An integer, written as decimal digits.
    Int(Box<dyn Fn(usize) -> Option<i128> + 'b>),
    /// A date (`Some(None)` when the value has no calendar date, which reads as an invalid date).
    Date(Box<dyn Fn(usize) -> Option<Option<NaiveDate>> + 'b>),
}

fn is_date_field(f: Field) -> bool {
    matches!(
        f,
        Field::DateOfBirth
            | Field::DateOfDeath
            | Field::EventStartDate
            | Field::EventEndDate
            | Field::ReportingPeriodEnd
    )
}

fn wrong_type(name: &str, f: Field, found: &DataType) -> Error {
    Error::InvalidColumnType {
        column: name.to_owned(),
        found: found.to_string(),
        expected: if is_date_field(f) {
            "strings, Date32, Date64 or Timestamp"
        } else {
            "strings or integers (cast float columns to an integer or string type)"
        },
    }
}

/// The time zone of a timestamp column (`UTC` and fixed offsets always; named zones when
/// `arrow-array`'s `chrono-tz` feature is on).
fn time_zone(name: &str, tz: &str, found: &DataType) -> Result<Tz> {
    let tz = if matches!(tz, "UTC" | "Etc/UTC" | "Z" | "utc") {
        "+00:00"
    } else {
        tz
    };
    tz.parse::<Tz>().map_err(|e| Error::InvalidColumnType {
        column: name.to_owned(),
        found: found.to_string(),
        expected: if e.to_string().contains("chrono-tz") {
            "a timestamp in UTC, a fixed offset or a named zone (named zones need arrow-array's chrono-tz feature)"
        } else {
            "a timestamp with a valid time zone"
        },
    })
}

fn timestamps<T: ArrowPrimitiveType<Native = i64>>(
    array: &dyn Array,
    tz: Option<Tz>,
) -> Source<'_> {
    let a = array.as_primitive::<T>();
    Source::Date(Box::new(move |i| {
        a.is_valid(i).then(|| {
            let v = a.value(i);
            match tz {
                None => temporal_conversions::as_datetime::<T>(v).map(|d| d.date()),
                Some(tz) => temporal_conversions::as_datetime::<T>(v)
                    .map(|d| tz.from_utc_datetime(&d).date_naive()),
            }
        })
    }))
}

fn integers<T>(array: &dyn Array) -> Source<'_>
where
    T: ArrowPrimitiveType,
    T::Native: Into<i128>,
{
    let a = array.as_primitive::<T>();
    Source::Int(Box::new(move |i| a.is_valid(i).then(|| a.value(i).into())))
}

/// The string bytes of a dictionary column, by key type and value type.
fn dictionary<K: ArrowDictionaryKeyType>(array: &dyn Array) -> Option<Source<'_>> {
    let d = array.as_dictionary::<K>();
    let values = d.values().as_ref();
    let key = move |i: usize| d.key(i);
    Some(match values.data_type() {
        DataType::Utf8 => {
            let v = values.as_string::<i32>();
            Source::Text(Box::new(move |i| {
                key(i).and_then(|k| v.is_valid(k).then(|| v.value(k).as_bytes()))
            }))
        }
        DataType::LargeUtf8 => {
            let v = values.as_string::<i64>();
            Source::Text(Box::new(move |i| {
                key(i).and_then(|k| v.is_valid(k).then(|| v.value(k).as_bytes()))
            }))
        }
        DataType::Utf8View => {
            let v = values.as_string_view();
            Source::Text(Box::new(move |i| {
                key(i).and_then(|k| v.is_valid(k).then(|| v.value(k).as_bytes()))
            }))
        }
        _ => return None,
    })
}

/// How to read `array` as field `f`, or the `invalid_column_type` error.
fn source<'b>(name: &str, f: Field, array: &'b dyn Array) -> Result<Source<'b>> {
    let dt = array.data_type();
    let date = is_date_field(f);
    Ok(match dt {
        DataType::Null => Source::Text(Box::new(|_| None)),
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            Source::Text(Box::new(move |i| {
                a.is_valid(i).then(|| a.value(i).as_bytes())
            }))
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            Source::Text(Box::new(move |i| {
                a.is_valid(i).then(|| a.value(i).as_bytes())
            }))
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            Source::Text(Box::new(move |i| {
                a.is_valid(i).then(|| a.value(i).as_bytes())
            }))
        }
        DataType::Dictionary(key, _) => {
            let s = match key.as_ref() {
                DataType::Int8 => dictionary::<Int8Type>(array),
                DataType::Int16 => dictionary::<Int16Type>(array),
                DataType::Int32 => dictionary::<Int32Type>(array),
                DataType::Int64 => dictionary::<Int64Type>(array),
                DataType::UInt8 => dictionary::<UInt8Type>(array),
                DataType::UInt16 => dictionary::<UInt16Type>(array),
                DataType::UInt32 => dictionary::<UInt32Type>(array),
                DataType::UInt64 => dictionary::<UInt64Type>(array),
                _ => None,
            };
            s.ok_or_else(|| wrong_type(name, f, dt))?
        }
        DataType::Date32 if date => {
            let a = array.as_primitive::<Date32Type>();
            Source::Date(Box::new(move |i| {
                a.is_valid(i)
                    .then(|| temporal_conversions::date32_to_datetime(a.value(i)).map(|d| d.date()))
            }))
        }
        DataType::Date64 if date => {
            let a = array.as_primitive::<Date64Type>();
            Source::Date(Box::new(move |i| {
                a.is_valid(i)
                    .then(|| temporal_conversions::date64_to_datetime(a.value(i)).map(|d| d.date()))
            }))
        }
        DataType::Timestamp(unit, tz) if date => {
            let tz = tz.as_deref().map(|z| time_zone(name, z, dt)).transpose()?;
            match unit {
                TimeUnit::Second => timestamps::<TimestampSecondType>(array, tz),
                TimeUnit::Millisecond => timestamps::<TimestampMillisecondType>(array, tz),
                TimeUnit::Microsecond => timestamps::<TimestampMicrosecondType>(array, tz),
                TimeUnit::Nanosecond => timestamps::<TimestampNanosecondType>(array, tz),
            }
        }
        DataType::Int8 if !date => integers::<Int8Type>(array),
        DataType::Int16 if !date => integers::<Int16Type>(array),
        DataType::Int32 if !date => integers::<Int32Type>(array),
        DataType::Int64 if !date => integers::<Int64Type>(array),
        DataType::UInt8 if !date => integers::<UInt8Type>(array),
        DataType::UInt16 if !date => integers::<UInt16Type>(array),
        DataType::UInt32 if !date => integers::<UInt32Type>(array),
        DataType::UInt64 if !date => integers::<UInt64Type>(array),
        _ => return Err(wrong_type(name, f, dt)),
    })
}

/// Writes `v` as decimal digits into `buf`; returns the length.
fn write_int(buf: &mut [u8; CELL], v: i128) -> usize {
    let mut digits = [0u8; 40];
    let mut n = v.unsigned_abs();
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        k -= 1;
        digits[k] = b'-';
    }
    // i64/u64 values need at most 20 bytes.
    let len = digits.len() - k;
    buf[..len].copy_from_slice(&digits[k..]);
    len
}

/// Writes `d` as `YYYY-MM-DD` into `buf`; a date outside years 0–9999 (or none) as text that no
/// date parser accepts, so the row is rejected as `invalid_date:<field>` as its CSV would be.
fn write_date(buf: &mut [u8; CELL], d: Option<NaiveDate>) -> usize {
    let Some(d) = d.filter(|d| (0..=9999).contains(&d.year())) else {
        buf[..7].copy_from_slice(b"invalid");
        return 7;
    };
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        10,
        m / 10,
        m % 10,
        10,
        day / 10,
        day % 10,
    ];
    for (b, x) in buf.iter_mut().zip(digits) {
        *b = if x == 10 { b'-' } else { b'0' + x as u8 };
    }
    10
}

/// Which schema column stands for each field (the first matching column, as for CSV).
fn columns_of(schema: &Schema) -> (Columns, [Option<usize>; Field::ALL.len()]) {
    let mut slots: Columns = [None; Field::ALL.len()];
    let mut index = [None; Field::ALL.len()];
    for (c, field) in schema.fields().iter().enumerate() {
        if let Some(f) = field_of(field.name())
            && index[f as usize].is_none()
        {
            index[f as usize] = Some(c);
            // The row seam is addressed by field: slot `f` holds field `f`'s cell.
            slots[f as usize] = Some(f as usize);
        }
    }
    (slots, index)
}

/// Validates and adds every row of `batch` (whose schema is `schema`).
fn push_batch(
    builder: &mut Builder,
    schema: &Schema,
    index: &[Option<usize>; Field::ALL.len()],
    batch: &RecordBatch,
) -> Result<()> {
    if batch.num_columns() != schema.fields().len() {
        return Err(Error::LengthMismatch {
            field: "record batch columns",
            expected: schema.fields().len(),
            found: batch.num_columns(),
        });
    }
    let mut sources: Vec<Option<Source<'_>>> = Vec::with_capacity(Field::ALL.len());
    for f in Field::ALL {
        sources.push(match index[f as usize] {
            None => None,
            Some(c) => Some(source(schema.field(c).name(), f, batch.column(c).as_ref())?),
        });
    }
    let typed: Vec<usize> = (0..sources.len())
        .filter(|&s| !matches!(sources[s], None | Some(Source::Text(_))))
        .collect();
    let mut scratch = [[0u8; CELL]; Field::ALL.len()];
    let mut lens = [0usize; Field::ALL.len()];
    for row in 0..batch.num_rows() {
        for &s in &typed {
            lens[s] = match &sources[s] {
                Some(Source::Int(get)) => {
                    get(row).map_or(usize::MAX, |v| write_int(&mut scratch[s], v))
                }
                Some(Source::Date(get)) => {
                    get(row).map_or(usize::MAX, |d| write_date(&mut scratch[s], d))
                }
                _ => usize::MAX,
            };
        }
        let (scratch, lens) = (&scratch, &lens);
        builder.push(|s| match &sources[s] {
            Some(Source::Text(get)) => get(row),
            Some(_) => (lens[s] != usize::MAX).then(|| &scratch[s][..lens[s]]),
            None => None,
        });
    }
    Ok(())
}

fn stream_error(e: &arrow_schema::ArrowError) -> Error {
    Error::InvalidDefinition {
        message: format!("cannot read Arrow stream: {e}"),
    }
}

impl Dataset {
    /// Reads Arrow record batches, one batch at a time (feature `arrow`): any
    /// [`RecordBatchReader`], such as an `ArrowArrayStreamReader` over another library's C
    /// stream, or a [`RecordBatchIterator`](arrow_array::RecordBatchIterator) over batches in
    /// memory. Column names are matched as CSV headers are; string cells are read in place and
    /// every row is validated, ledgered and rejected exactly as its CSV row would be (see
    /// `docs/records.md` for the accepted column types).
    ///
    /// # Errors
    /// `missing_input` as for CSV; `invalid_column_type` when a CLD column has a type that cannot
    /// hold its values exactly (a float, say); `invalid_definition` when the stream fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{ArrayRef, Date32Array, Int64Array, RecordBatch, RecordBatchIterator, StringArray};
    /// use care_outcomes::records::Dataset;
    ///
    /// let batch = RecordBatch::try_from_iter([
    ///     ("NHS Number", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef),
    ///     ("Client Type", Arc::new(StringArray::from(vec!["Service User", "Service User"]))),
    ///     ("Event Type", Arc::new(StringArray::from(vec!["Request", "Lunch"]))),
    ///     // 19875 days after 1970-01-01 is 2024-06-01.
    ///     ("Event Start Date", Arc::new(Date32Array::from(vec![19875, 19875]))),
    /// ])
    /// .unwrap();
    /// let schema = batch.schema();
    /// let ds = Dataset::from_arrow_reader(RecordBatchIterator::new([Ok(batch)], schema)).unwrap();
    /// assert_eq!(ds.events().len(), 1);
    /// assert_eq!(ds.events()[0].start.to_string(), "2024-06-01");
    /// assert_eq!(ds.ledger().rejected[0].reason, "unknown_value:event_type");
    /// ```
    pub fn from_arrow_reader(reader: impl RecordBatchReader) -> Result<Self> {
        let schema = reader.schema();
        let (slots, index) = columns_of(&schema);
        let mut builder = Builder::new(slots)?;
        for batch in reader {
            let batch = batch.map_err(|e| stream_error(&e))?;
            push_batch(&mut builder, &schema, &index, &batch)?;
        }
        Ok(builder.finish())
    }

    /// Reads Arrow record batches held in memory (feature `arrow`); as
    /// [`Dataset::from_arrow_reader`], with the column types checked on every batch.
    ///
    /// # Errors
    /// As [`Dataset::from_arrow_reader`]; `length_mismatch` when a batch's columns differ in
    /// number from `schema`'s.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{ArrayRef, RecordBatch, StringArray};
    /// use care_outcomes::records::Dataset;
    ///
    /// let batch = RecordBatch::try_from_iter([
    ///     ("nhs_number", Arc::new(StringArray::from(vec!["1"])) as ArrayRef),
    ///     ("event_type", Arc::new(StringArray::from(vec!["Request"]))),
    ///     ("event_start_date", Arc::new(StringArray::from(vec!["2024-06-01"]))),
    /// ])
    /// .unwrap();
    /// let ds = Dataset::from_record_batches(&batch.schema(), [&batch]).unwrap();
    /// assert_eq!(ds.ledger().read, 1);
    /// ```
    pub fn from_record_batches<'b>(
        schema: &Schema,
        batches: impl IntoIterator<Item = &'b RecordBatch>,
    ) -> Result<Self> {
        let (slots, index) = columns_of(schema);
        let mut builder = Builder::new(slots)?;
        for batch in batches {
            push_batch(&mut builder, schema, &index, batch)?;
        }
        Ok(builder.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_dates_are_written_as_csv_text() {
        let mut b = [0u8; CELL];
        for v in [
            0i128,
            7,
            -7,
            1950,
            i128::from(i64::MIN),
            i128::from(u64::MAX),
        ] {
            let n = write_int(&mut b, v);
            assert_eq!(std::str::from_utf8(&b[..n]).unwrap(), v.to_string());
        }
        let n = write_date(&mut b, NaiveDate::from_ymd_opt(24, 2, 29));
        assert_eq!(&b[..n], b"0024-02-29");
        let n = write_date(&mut b, NaiveDate::from_ymd_opt(10000, 1, 1));
        assert!(super::super::parse_date(std::str::from_utf8(&b[..n]).unwrap()).is_none());
        assert!(super::super::parse_date("invalid").is_none());
    }
}
