//! `vectors/evaluate-cases.json`: a handful of `evaluate` inputs — the benchmark, a comparator
//! group, quartiles, MAD bands, direction of travel, breakdowns, suppression, a zero denominator,
//! rates from populations, a local framework — with the results the core computes. The Python
//! (`bindings-python/tests/test_evaluate_vectors.py`) and JS (`bindings-wasm/tests/
//! evaluate_vectors.test.mjs`) suites run the same inputs and must give the same results,
//! floats bit for bit.
//!
//! The file is generated here: `UPDATE_VECTORS=1 cargo test -p care-outcomes --test
//! evaluate_vectors` rewrites it; without the variable the test fails when the committed file
//! differs from what the core computes now (so a changed number is a reviewed change).
//!
//! Counts are the published 2020-21 figures of spec-ascof.md §7.1 where they exist (England,
//! Leeds, Birmingham, Coventry, Sutton); the local-framework counts and the 2019-20 rows are
//! illustrative.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{
    Definitions, EvaluateOptions, Framework, InputRow, ResultRow, evaluate,
};
use serde_json::{Value, json};
use std::path::PathBuf;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors/evaluate-cases.json")
}

const EXAMPLE: &str = include_str!("../../examples/frameworks/council-local.json");

struct Case {
    id: &'static str,
    about: &'static str,
    /// null (the catalogue), a built-in framework key, or a framework document.
    framework: Value,
    options: EvaluateOptions,
    rows: Vec<InputRow>,
}

fn row(area: &str, period: &str, id: &str, n: u64, d: Option<u64>) -> InputRow {
    InputRow {
        area: area.into(),
        period: period.into(),
        indicator: id.into(),
        breakdown: None,
        numerator: n,
        denominator: d,
        population: None,
    }
}

fn cases() -> Vec<Case> {
    let p = |area: &str, id: &str, n: u64, pop: u64| InputRow {
        population: Some(pop),
        ..row(area, "2020-21", id, n, None)
    };
    let b = |area: &str, suffix: &str, n: u64, d: u64| InputRow {
        breakdown: Some(suffix.into()),
        ..row(area, "2020-21", "ascof-legacy/2B1", n, Some(d))
    };
    vec![
        Case {
            id: "benchmark-england-2B1",
            about: "2B(1) 2020-21 against England with the default options",
            framework: Value::Null,
            options: EvaluateOptions::default(),
            rows: vec![
                row(
                    "England",
                    "2020-21",
                    "ascof-legacy/2B1",
                    34_152,
                    Some(43_193),
                ),
                row("Leeds", "2020-21", "ascof-legacy/2B1", 105, Some(129)),
                row("Birmingham", "2020-21", "ascof-legacy/2B1", 291, Some(596)),
            ],
        },
        Case {
            id: "comparators-quartiles-mad-2D",
            about: "2D 2020-21: a comparator group's aggregate, quartiles among the councils, MAD bands against the group (the band boundaries and the unscaled MAD are assumptions [L], see framework::benchmark::MadBand)",
            framework: Value::Null,
            options: EvaluateOptions {
                comparators: vec!["Coventry".into(), "Birmingham".into()],
                ..EvaluateOptions::default()
            },
            rows: vec![
                row(
                    "England",
                    "2020-21",
                    "ascof-legacy/2D",
                    116_113,
                    Some(155_018),
                ),
                row("Leeds", "2020-21", "ascof-legacy/2D", 1_060, Some(1_475)),
                row("Coventry", "2020-21", "ascof-legacy/2D", 1_159, Some(1_920)),
                row("Birmingham", "2020-21", "ascof-legacy/2D", 990, Some(2_023)),
                row("Sutton", "2020-21", "ascof-legacy/2D", 459, Some(816)),
            ],
        },
        Case {
            id: "rates-population-2A2-99.8",
            about: "2A(2) rates per 100,000 from populations (Byar), 99.8% intervals, chosen peers, through the ascof/legacy framework",
            framework: json!("ascof/legacy"),
            options: EvaluateOptions {
                confidence: 0.998,
                peers: Some(vec!["Coventry".into(), "Birmingham".into(), "Leeds".into()]),
                ..EvaluateOptions::default()
            },
            rows: vec![
                p("England", "ascof-legacy/2A2", 52_133, 10_464_019),
                p("Coventry", "ascof-legacy/2A2", 320, 50_463),
                p("Birmingham", "ascof-legacy/2A2", 597, 149_412),
                p("Leeds", "ascof-legacy/2A2", 567, 123_784),
            ],
        },
        Case {
            id: "breakdowns-suppression-zero-aggregates",
            about: "2B(1) age breakdowns, a region among the areas (aggregates), a zero denominator ([x]) and a suppressed 2B(2) ([c])",
            framework: Value::Null,
            options: EvaluateOptions {
                aggregates: vec!["West Midlands".into()],
                ..EvaluateOptions::default()
            },
            rows: vec![
                b("England", "85OV", 9_000, 12_000),
                b("Birmingham", "85OV", 70, 150),
                b("Coventry", "85OV", 40, 60),
                b("West Midlands", "85OV", 900, 1_250),
                b("Rutland", "85OV", 0, 0),
                row("Rutland", "2020-21", "ascof-legacy/2B2", 5, Some(6)),
                row("Leeds", "2020-21", "ascof-legacy/2B2", 120, Some(4_000)),
            ],
        },
        Case {
            id: "local-framework-direction",
            about: "the council-local example (docs/frameworks.md): a lower-is-better local measure over two periods, a count, and a built-in measure over two periods",
            framework: serde_json::from_str(EXAMPLE).unwrap(),
            options: EvaluateOptions {
                benchmark: None,
                ..EvaluateOptions::default()
            },
            rows: vec![
                row(
                    "Leeds",
                    "2022-23",
                    "council-local/contacts-to-assessment",
                    270,
                    Some(1000),
                ),
                row(
                    "Leeds",
                    "2023-24",
                    "council-local/contacts-to-assessment",
                    180,
                    Some(1000),
                ),
                row(
                    "Bradford",
                    "2023-24",
                    "council-local/contacts-to-assessment",
                    300,
                    Some(1000),
                ),
                row(
                    "Leeds",
                    "2023-24",
                    "council-local/extra-care-units",
                    64,
                    None,
                ),
                row("Leeds", "2019-20", "ascof-legacy/2B1", 110, Some(130)),
                row("Leeds", "2020-21", "ascof-legacy/2B1", 105, Some(129)),
            ],
        },
    ]
}

/// A result row flattened as every face shows it (the Python columns; JS uses camelCase).
fn flat(r: &ResultRow) -> Value {
    let v = &r.result;
    let code = |x: Option<Value>| x.unwrap_or(Value::Null);
    json!({
        "area": r.area,
        "period": r.period,
        "indicator": r.indicator,
        "code": r.code,
        "breakdown": r.breakdown,
        "breakdown_label": r.breakdown_label,
        "domain": r.domain,
        "version": v.definition_version,
        "revision": v.definition_revision,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "value": v.value,
        "lower": v.lower,
        "upper": v.upper,
        "confidence": v.confidence.map(|c| c.label()),
        "method": v.method.map(care_outcomes::stats::Method::label),
        "reason": v.reason.map(care_outcomes::stats::Reason::code),
        "published": v.published.map(|p| p.to_string()),
        "symbol": r.symbol,
        "flags": serde_json::to_value(&v.flags).unwrap(),
        "benchmark": r.benchmark.as_ref().map(|b| b.against.clone()),
        "benchmark_value": r.benchmark.as_ref().and_then(|b| b.value),
        "benchmark_comparison": code(r.benchmark.as_ref().map(|b| json!(b.comparison.code()))),
        "comparator_value": r.comparator.as_ref().and_then(|b| b.value),
        "comparator_comparison": code(r.comparator.as_ref().map(|b| json!(b.comparison.code()))),
        "quartile": r.quartile,
        "mad_band": r.mad_band.map(care_outcomes::framework::MadBand::code),
        "direction": r.direction.map(care_outcomes::framework::Direction::code),
        "previous_period": r.previous_period,
    })
}

fn run(framework: &Value, options: &EvaluateOptions, rows: &[InputRow]) -> Vec<Value> {
    let cat = Catalogue::builtin();
    let owned;
    let source: &dyn Definitions = match framework {
        Value::Null => cat,
        Value::String(key) => {
            let (name, version) = key.split_once('/').unwrap();
            cat.framework(name, version).unwrap()
        }
        doc => {
            owned = Framework::from_json(&doc.to_string(), cat).unwrap();
            &owned
        }
    };
    evaluate(rows, source, options)
        .unwrap()
        .rows
        .iter()
        .map(flat)
        .collect()
}

fn build() -> Value {
    let cases: Vec<Value> = cases()
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "about": c.about,
                "framework": c.framework,
                "options": c.options,
                "rows": c.rows,
                "expected": run(&c.framework, &c.options, &c.rows),
            })
        })
        .collect();
    json!({
        "about": "Inputs of care_outcomes::framework::evaluate with the core's results (generated by core/tests/evaluate_vectors.rs: UPDATE_VECTORS=1 cargo test -p care-outcomes --test evaluate_vectors). Every face must reproduce `expected` exactly, floats bit for bit. `framework`: null = the built-in catalogue, a string = a built-in framework key, an object = a framework document. Result rows use the Python column names; JS uses their camelCase forms.",
        "cases": cases,
    })
}

#[test]
fn the_vectors_file_holds_what_the_core_computes() {
    let built = build();
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        let text = serde_json::to_string_pretty(&built).unwrap() + "\n";
        std::fs::write(path(), text).unwrap();
    }
    let text = std::fs::read_to_string(path())
        .expect("vectors/evaluate-cases.json: generate it with UPDATE_VECTORS=1");
    let file: Value = serde_json::from_str(&text).unwrap();
    assert!(
        file == built,
        "vectors/evaluate-cases.json differs from the core's results: review, then run \
         UPDATE_VECTORS=1 cargo test -p care-outcomes --test evaluate_vectors"
    );
}

/// The file's own inputs, read back, give its expected rows (what the other faces do). The rows
/// computed are written to `target/vectors/evaluate-rust.jsonl` (one row a line, with its case
/// and index) for the cross-face comparison (`vectors/compare_faces.py`).
#[test]
fn the_file_inputs_reproduce_the_file_outputs() {
    let text = std::fs::read_to_string(path()).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let mut lines = String::new();
    for c in cases {
        let options: EvaluateOptions = serde_json::from_value(c["options"].clone()).unwrap();
        let rows: Vec<InputRow> = serde_json::from_value(c["rows"].clone()).unwrap();
        let got = run(&c["framework"], &options, &rows);
        for (i, row) in got.iter().enumerate() {
            let line = json!({"case": c["id"], "row": i, "result": row});
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        assert_eq!(&Value::Array(got), &c["expected"], "{}", c["id"]);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("evaluate-rust.jsonl"), lines).unwrap();
}

/// Spot checks of the generated numbers against hand-worked facts, so that a wrong core cannot
/// write a self-consistent file unnoticed.
#[test]
fn the_cases_show_what_they_claim() {
    let built = build();
    let case = |id: &str| -> Vec<Value> {
        built["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["expected"]
            .as_array()
            .unwrap()
            .clone()
    };
    let col =
        |rows: &[Value], k: &str| -> Vec<Value> { rows.iter().map(|r| r[k].clone()).collect() };
    let b = case("benchmark-england-2B1");
    assert_eq!(
        col(&b, "published"),
        [json!("79.1"), json!("81.4"), json!("48.8")]
    );
    assert_eq!(
        col(&b, "benchmark_comparison"),
        [Value::Null, json!("similar"), json!("worse")]
    );
    let c = case("comparators-quartiles-mad-2D");
    assert_eq!(
        col(&c, "quartile"),
        [Value::Null, json!(1), json!(2), json!(4), json!(3)]
    );
    assert_eq!(c[1]["mad_band"], "much_better");
    let r = case("rates-population-2A2-99.8");
    assert_eq!(r[1]["published"], "634.1");
    assert_eq!(r[1]["confidence"], "99.8%");
    assert_eq!(r[0]["quartile"], Value::Null);
    let z = case("breakdowns-suppression-zero-aggregates");
    assert_eq!(z[3]["quartile"], Value::Null, "a region is not a peer");
    assert_eq!(z[4]["symbol"], "[x]");
    assert_eq!(z[5]["symbol"], "[c]");
    assert_eq!(z[1]["breakdown_label"], "85 and over");
    let l = case("local-framework-direction");
    assert_eq!(l[1]["direction"], "improved");
    assert_eq!(l[5]["direction"], "worsened");
    assert_eq!(l[5]["previous_period"], "2019-20");
    assert_eq!(l[3]["published"], "64");
    // A count measure has no denominator: null, not 0.
    assert_eq!(l[3]["indicator"], "council-local/extra-care-units");
    assert_eq!(l[3]["denominator"], Value::Null);
    assert_eq!(l[2]["denominator"], 1000);
}
