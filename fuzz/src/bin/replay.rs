//! Runs the `batch_stats` checks without libFuzzer, on the stable toolchain:
//!
//! * `replay PATH...` runs every file under each path (a corpus or crash artifacts);
//! * `replay --show FILE` prints the case a file decodes to, then runs it;
//! * `replay --random N [--seed S]` runs N pseudo-random inputs (a blind sweep, no coverage
//!   guidance) and prints how many decoded and how long it took.
//!
//! Build it with `cargo run --manifest-path fuzz/Cargo.toml --release --no-default-features
//! --bin replay -- ...`.

use arbitrary::{Arbitrary, Unstructured};
use care_outcomes_fuzz::{Bytes, Case, check};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(std::fs::DirEntry::path);
        for entry in entries {
            files(&entry.path(), out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    if args.first().map(String::as_str) == Some("--random") {
        let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
        let seed: u64 = match args.get(2).map(String::as_str) {
            Some("--seed") => args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1),
            _ => 1,
        };
        let mut g = Bytes::new(seed);
        let mut len_g = Bytes::new(seed ^ 0xA5A5);
        let mut buf = vec![0u8; 4096];
        let mut len_b = [0u8; 2];
        for _ in 0..n {
            len_g.fill(&mut len_b);
            let len = 1 + usize::from(u16::from_le_bytes(len_b)) % buf.len();
            g.fill(&mut buf[..len]);
            check(&buf[..len]);
        }
        println!(
            "{n} random inputs (seed {seed}) passed in {:.1?}",
            start.elapsed()
        );
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--show") {
        for a in &args[1..] {
            let data = std::fs::read(a)?;
            match Case::arbitrary(&mut Unstructured::new(&data)) {
                Ok(case) => println!("{a}: {case:?}"),
                Err(e) => println!("{a}: does not decode ({e})"),
            }
            let t = Instant::now();
            check(&data);
            println!("{a}: passed in {:.1?}", t.elapsed());
        }
        return Ok(());
    }
    let mut all = Vec::new();
    for a in &args {
        files(Path::new(a), &mut all)?;
    }
    for f in &all {
        check(&std::fs::read(f)?);
    }
    println!("{} inputs passed in {:.1?}", all.len(), start.elapsed());
    Ok(())
}
