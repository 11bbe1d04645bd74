//! Throughput of the Client Level Data engine on a large synthetic extract: writes N synthetic
//! CLD rows to a CSV file (streaming), then times reading it with the `csv` crate alone, reading
//! it into a `Dataset`, and deriving every measure (2024-25 method, both cores), and prints the
//! ledger. Run under `/usr/bin/time -v` for peak memory:
//!
//! ```text
//! cargo run --release -p care-outcomes --example records_throughput -- 10000000 /tmp/cld.csv
//! ```

use care_outcomes::records::{
    Dataset, DeriveOptions, Method, Period, SyntheticOptions, derive, write_synthetic_csv,
};
use std::time::Instant;

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

    let t = Instant::now();
    let mut reader = csv::ReaderBuilder::new().from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while reader.read_byte_record(&mut record)? {
        n += 1;
    }
    let parse = t.elapsed();
    println!("csv parse only: {n} records, {parse:.2?}");

    let t = Instant::now();
    let dataset = Dataset::from_csv_path(&path)?;
    let read = t.elapsed();
    println!(
        "read into Dataset: {} events, {} people, {read:.2?}",
        dataset.events().len(),
        dataset.people().len()
    );

    let t = Instant::now();
    let options = DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024));
    let d = derive(&dataset, &options);
    let derive_time = t.elapsed();
    println!(
        "derive: {} measure rows, {derive_time:.2?}",
        d.measures.len()
    );
    let total = read + derive_time;
    println!(
        "read + derive: {total:.2?} = {:.2}x the csv parse; {:.0} rows/s",
        total.as_secs_f64() / parse.as_secs_f64(),
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
