//! Evaluates the first period of [`catalogue_inputs`] (every built-in definition × 154 areas,
//! the catalogue bench's options) `N` times (default 1) and prints the best wall time: the
//! program behind the callgrind instruction counts in `docs/benchmarks.md`.
//!
//! ```sh
//! cargo build --release -p care-outcomes-benches --example catalogue_once
//! valgrind --tool=callgrind target/release/examples/catalogue_once 1
//! ```

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, evaluate};
use care_outcomes_benches::catalogue_inputs;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let calls: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let rows = catalogue_inputs();
    let rows = &rows[..rows.len() / 2];
    let options = EvaluateOptions {
        comparators: (0..15).map(|c| format!("Council {c:03}")).collect(),
        ..EvaluateOptions::default()
    };
    let mut best = f64::INFINITY;
    for _ in 0..calls {
        let t0 = Instant::now();
        let out = evaluate(black_box(rows), Catalogue::builtin(), &options);
        best = best.min(t0.elapsed().as_secs_f64() * 1e3);
        black_box(out.expect("the bench rows evaluate"));
    }
    println!("{} rows, {calls} calls, best {best:.3} ms", rows.len());
}
