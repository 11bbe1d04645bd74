//! Prints every output of `evaluate` on a fixed set of inputs as JSON lines, so that two builds
//! can be compared bit for bit (`cmp` of the outputs; floats are printed shortest round-trip):
//! every built-in definition (and breakdown) × 154 areas × 2 periods, in input order and
//! shuffled, with and without a comparator group, peers and benchmark.
//!
//! ```sh
//! cargo run --release -p care-outcomes-benches --example evaluate_digest > /tmp/after.jsonl
//! ```

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputRow, evaluate};
use care_outcomes::indicator::Unit;
use care_outcomes_benches::XorShift64;

fn rows() -> Vec<InputRow> {
    let mut rng = XorShift64::new(7);
    let mut out = Vec::new();
    for period in ["2022-23", "2023-24"] {
        for def in Catalogue::builtin().definitions() {
            let suffixes =
                std::iter::once(None).chain(def.breakdowns.iter().map(|b| Some(b.suffix.clone())));
            for b in suffixes {
                for c in 0..154 {
                    let rate = matches!(def.unit, Unit::Per100000 | Unit::Per1000);
                    let den = if rate {
                        rng.uniform_int(1000, 500_000)
                    } else {
                        rng.uniform_int(0, 3000)
                    };
                    let num = if rate {
                        rng.uniform_int(0, 3000)
                    } else {
                        rng.uniform_int(0, den)
                    };
                    out.push(InputRow {
                        area: if c == 0 {
                            "England".to_owned()
                        } else {
                            format!("Area {c:03}")
                        },
                        period: period.to_owned(),
                        indicator: def.id.clone(),
                        breakdown: b.clone(),
                        numerator: num,
                        denominator: Some(den),
                        population: None,
                    });
                }
            }
        }
    }
    out
}

fn main() {
    let base = rows();
    let mut shuffled = base.clone();
    let mut rng = XorShift64::new(11);
    for i in (1..shuffled.len()).rev() {
        let j = usize::try_from(rng.uniform_int(0, i as u64)).unwrap_or(0);
        shuffled.swap(i, j);
    }
    let comparators: Vec<String> = (1..16).map(|c| format!("Area {c:03}")).collect();
    let options = [
        EvaluateOptions::default(),
        EvaluateOptions {
            comparators: comparators.clone(),
            ..EvaluateOptions::default()
        },
        EvaluateOptions {
            benchmark: None,
            peers: Some((40..90).map(|c| format!("Area {c:03}")).collect()),
            comparators,
            aggregates: vec!["Area 001".to_owned()],
            confidence: 0.998,
        },
    ];
    let mut duplicated = base.clone();
    duplicated.push(base[5000].clone());
    let mut bad = base.clone();
    bad[700].numerator = bad[700].denominator.unwrap_or(0) + 1;
    "ascof-legacy/none".clone_into(&mut bad[900].indicator);
    let mut no_den = base.clone();
    no_den[300].denominator = None;
    for rows in [&base, &shuffled, &duplicated, &bad, &no_den] {
        for o in &options {
            match evaluate(rows, Catalogue::builtin(), o) {
                Ok(e) => {
                    for r in &e.rows {
                        println!("{}", serde_json::to_string(r).unwrap_or_default());
                    }
                }
                Err(e) => println!("error {} {e}", e.code()),
            }
        }
    }
}
