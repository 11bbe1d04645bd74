//! Throughput of the Client Level Data engine on a large synthetic extract: writes N synthetic
//! CLD rows to a CSV file (streaming), then times reading it with the `csv` crate alone (one
//! thread, and two threads each parsing half the file), reading it into a `Dataset` (every
//! core), and deriving every measure (2024-25 method, every core), and prints the ledger. Each
//! phase shows wall time and the process CPU time it used (Linux, from `/proc/self/stat`; other
//! builds sharing the machine inflate wall times, not CPU times). Run under `/usr/bin/time -v`
//! for peak memory:
//!
//! ```text
//! cargo run --release -p care-outcomes --example records_throughput -- 10000000 /tmp/cld.csv
//! ```

use care_outcomes::records::{
    Dataset, DeriveOptions, Method, Period, SyntheticOptions, derive, write_synthetic_csv,
};
use std::io::{BufRead, Seek};
use std::time::{Duration, Instant};

/// CPU time (user + system) of this process so far; zero where `/proc` is absent.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command: state is field 3, utime 14, stime 15 (in ticks
    // of 1/100 s on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

/// Records in bytes `start..end` of the file at `path` with the `csv` crate, starting after the
/// first line end at or after `start - 1` (unless 0) and stopping at the first record starting at or
/// after `end`. Plain-parse baseline only: assumes no quoted line breaks near the cut (true of
/// the synthetic data).
fn count_records(path: &str, start: u64, end: u64) -> Result<u64, Box<dyn std::error::Error>> {
    let mut file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    // From the byte before `start`: a record starting exactly at `start` is this range's.
    let from = start.saturating_sub(1);
    file.seek(std::io::SeekFrom::Start(from))?;
    let mut skipped = 0;
    if start > 0 {
        let mut line = Vec::new();
        skipped = file.read_until(b'\n', &mut line)? as u64;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(start == 0)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while from + skipped + reader.position().byte() < end && reader.read_byte_record(&mut record)? {
        n += 1;
    }
    Ok(n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let events: u64 = args.next().map_or(Ok(1_000_000), |s| s.parse())?;
    let path = args
        .next()
        .unwrap_or_else(|| "/tmp/cld-synthetic.csv".to_owned());
    let t = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let rows = write_synthetic_csv(
        &SyntheticOptions {
            seed: 1,
            events,
            ..SyntheticOptions::default()
        },
        file,
    )?;
    let bytes = std::fs::metadata(&path)?.len();
    println!("generate: {rows} rows, {bytes} bytes, {:.2?}", t.elapsed());

    let (t, c) = (Instant::now(), cpu());
    let mut reader = csv::ReaderBuilder::new().from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while reader.read_byte_record(&mut record)? {
        n += 1;
    }
    let parse = t.elapsed();
    println!(
        "csv parse only: {n} records, {parse:.2?} (cpu {:.2?})",
        cpu().saturating_sub(c)
    );

    let (t, c) = (Instant::now(), cpu());
    let half = bytes / 2;
    let n2 = std::thread::scope(|s| {
        let a = s.spawn(|| count_records(&path, 0, half).map_err(|e| e.to_string()));
        let b = count_records(&path, half, bytes).map_err(|e| e.to_string());
        Ok::<_, String>(a.join().expect("thread")? + b?)
    })?;
    let parse2 = t.elapsed();
    println!(
        "csv parse only, 2 threads: {n2} records, {parse2:.2?} (cpu {:.2?})",
        cpu().saturating_sub(c)
    );

    let (t, c) = (Instant::now(), cpu());
    let dataset = Dataset::from_csv_path(&path)?;
    let read = t.elapsed();
    println!(
        "read into Dataset: {} events, {} people, {read:.2?} (cpu {:.2?})",
        dataset.events().len(),
        dataset.people().len(),
        cpu().saturating_sub(c)
    );

    let (t, c) = (Instant::now(), cpu());
    let options = DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024));
    let d = derive(&dataset, &options);
    let derive_time = t.elapsed();
    println!(
        "derive: {} measure rows, {derive_time:.2?} (cpu {:.2?})",
        d.measures.len(),
        cpu().saturating_sub(c)
    );
    let total = read + derive_time;
    println!(
        "read + derive: {total:.2?} = {:.2}x the csv parse ({:.2}x the 2-thread parse); {:.0} rows/s",
        total.as_secs_f64() / parse.as_secs_f64(),
        total.as_secs_f64() / parse2.as_secs_f64(),
        rows as f64 / total.as_secs_f64()
    );
    let l = &d.ledger;
    println!(
        "ledger: read {} = used {} + excluded {} {:?} + rejected {} (balanced: {})",
        l.read,
        l.used,
        l.excluded_total(),
        l.excluded,
        l.rejected.len(),
        l.is_balanced()
    );
    Ok(())
}
