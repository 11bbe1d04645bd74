//! Evaluates the dashboard's speed-budget table ([`dashboard_inputs`]: every ASCOF definition ×
//! England and 153 councils, 10,010 rows) with the dashboard test's options (benchmark England,
//! the first 15 councils as comparators) `N` times (default 2) and prints the best wall time:
//! with `table`, as columns (`evaluate_table` of an [`InputTable`] made once, the native
//! equivalent of the core part of the page's `evaluateColumns`), else as rows (`evaluate`).
//!
//! ```sh
//! cargo build --release -p care-outcomes-benches --example dashboard_once
//! valgrind --tool=callgrind --toggle-collect='care_outcomes::framework::evaluate::evaluate_input' \
//!   target/release/examples/dashboard_once 2 table
//! ```
//! (the catalogue is read before the first call, so the count is two calls' work; halve it.
//! `evaluate_input` is the evaluation behind both `evaluate` and `evaluate_table`; the dropping
//! of the results is not counted.)

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputTable, evaluate, evaluate_table};
use care_outcomes_benches::dashboard_inputs;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let calls: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let table = std::env::args().nth(2).is_some_and(|a| a == "table");
    let rows = dashboard_inputs();
    let columns = InputTable::from_rows(&rows);
    let options = EvaluateOptions {
        comparators: (1..=15).map(|c| format!("Council {c:03}")).collect(),
        ..EvaluateOptions::default()
    };
    let source = Catalogue::builtin();
    let mut best = f64::INFINITY;
    for _ in 0..calls {
        let t0 = Instant::now();
        let out = if table {
            evaluate_table(black_box(&columns), source, &options)
        } else {
            evaluate(black_box(&rows), source, &options)
        };
        best = best.min(t0.elapsed().as_secs_f64() * 1e3);
        black_box(out.expect("the dashboard rows evaluate"));
    }
    let form = if table { "columns" } else { "rows" };
    println!(
        "{} rows as {form}, {calls} calls, best {best:.3} ms",
        rows.len()
    );
}
