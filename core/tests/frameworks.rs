//! Local frameworks: the bundled example loads (JSON and TOML) and evaluates; each malformed
//! framework yields its coded error; the built-in catalogue loads and keeps its invariants.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{
    Direction, EvaluateOptions, Framework, FrameworkDoc, InputRow, MadBand, aggregate, evaluate,
};
use care_outcomes::stats::Comparison;
use serde_json::{Value, json};
use std::collections::HashMap;

const EXAMPLE: &str = include_str!("../../examples/frameworks/council-local.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn load(v: &Value) -> Result<Framework, care_outcomes::Error> {
    Framework::from_json(&v.to_string(), Catalogue::builtin())
}

fn code(v: &Value) -> &'static str {
    load(v).unwrap_err().code()
}

fn input(area: &str, period: &str, id: &str, n: u64, d: Option<u64>) -> InputRow {
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

#[test]
fn the_example_loads_and_evaluates() {
    let fw = load(&example()).unwrap();
    assert_eq!(fw.key(), "council-local/2025-26");
    assert_eq!(
        fw.domains[0].indicators,
        [
            "council-local/extra-care-units",
            "ascof-legacy/2B1",
            "ascof-legacy/2A2"
        ]
    );
    assert_eq!(
        fw.domains[1].indicators,
        ["council-local/contacts-to-assessment"]
    );
    let fd1 = "council-local/contacts-to-assessment";
    let rows = vec![
        // Leeds' published front-door result (spec-ascof.md §9.3): 25-30% → 18%. Counts are
        // illustrative: 270 of 1,000 contacts, then 180 of 1,000.
        input("Leeds", "2022-23", fd1, 270, Some(1000)),
        input("Leeds", "2023-24", fd1, 180, Some(1000)),
        input(
            "Leeds",
            "2023-24",
            "council-local/extra-care-units",
            64,
            None,
        ),
        input(
            "England",
            "2020-21",
            "ascof-legacy/2B1",
            34_152,
            Some(43_193),
        ),
        input("Leeds", "2020-21", "ascof-legacy/2B1", 105, Some(129)),
        InputRow {
            population: Some(123_784),
            ..input("Leeds", "2020-21", "ascof-legacy/2A2", 567, None)
        },
    ];
    let out = evaluate(&rows, &fw, &EvaluateOptions::default()).unwrap();
    let r = &out.rows;
    assert_eq!(r[0].result.published.unwrap().to_string(), "27.0");
    assert_eq!(r[1].result.published.unwrap().to_string(), "18.0");
    // Lower is better: a fall from 27.0% to 18.0% is an improvement.
    assert_eq!(r[1].direction, Some(Direction::Improved));
    assert_eq!(r[1].previous_period.as_deref(), Some("2022-23"));
    assert_eq!(r[2].result.published.unwrap().to_string(), "64");
    assert_eq!(r[2].result.value, Some(64.0));
    assert_eq!(r[2].result.denominator, None, "a count has no denominator");
    assert_eq!(r[1].result.denominator, Some(1000));
    assert_eq!(
        r[5].result.denominator,
        Some(123_784),
        "a rate's population"
    );
    assert!(
        r[2].result
            .flags
            .contains(&care_outcomes::indicator::Flag::ProvisionalDefinition)
    );
    // Domains are the framework's: the built-in 2B(1) sits in this framework's "independence".
    assert_eq!(r[4].domain.as_deref(), Some("independence"));
    assert_eq!(r[0].domain.as_deref(), Some("front-door"));
    // Leeds 2B(1) 2020-21: 81.4%, its 95% interval contains England's 79.1%.
    assert_eq!(r[4].result.published.unwrap().to_string(), "81.4");
    let b = r[4].benchmark.as_ref().unwrap();
    assert_eq!(
        (&*b.against, b.comparison),
        ("England", Comparison::Similar)
    );
    // 2A(2) uses the population: 567 / 123,784 × 100,000 = 458.1.
    assert_eq!(r[5].result.published.unwrap().to_string(), "458.1");
}

#[test]
fn toml_and_json_give_the_same_framework() {
    let toml = include_str!("../../examples/frameworks/council-local.toml");
    let a = Framework::from_toml(toml, Catalogue::builtin()).unwrap();
    let b = load(&example()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn unknown_method() {
    let mut v = example();
    v["definitions"][0]["method"] = json!("bootstrap");
    assert_eq!(code(&v), "unknown_method");
}

#[test]
fn unknown_polarity() {
    let mut v = example();
    v["definitions"][0]["polarity"] = json!("up");
    assert_eq!(code(&v), "unknown_polarity");
}

#[test]
fn rate_without_population() {
    let mut v = example();
    let d = &mut v["definitions"][0];
    d["unit"] = json!("per100000");
    d["multiplier"] = json!(100_000);
    d["method"] = json!("byar");
    assert_eq!(code(&v), "missing_population");
    v["definitions"][0]["population_base"] = json!("ONS mid-year population 18+");
    assert!(load(&v).is_ok());
}

#[test]
fn duplicate_ids() {
    let mut v = example();
    let d = v["definitions"][0].clone();
    v["definitions"].as_array_mut().unwrap().push(d);
    assert_eq!(code(&v), "duplicate_id");
    let mut v = example();
    v["indicators"][1]["ref"] = json!("ascof-legacy/2B1");
    assert_eq!(code(&v), "duplicate_id");
    let mut v = example();
    v["domains"][1]["id"] = json!("independence");
    assert_eq!(code(&v), "duplicate_id");
}

#[test]
fn missing_builtin() {
    let mut v = example();
    v["indicators"][0]["ref"] = json!("ascof-legacy/2B9");
    let err = load(&v).unwrap_err();
    assert_eq!(err.code(), "unknown_indicator");
    assert_eq!(err.group(), Some("indicators[0]"));
}

#[test]
fn version_mismatch() {
    let mut v = example();
    v["indicators"][0]["version"] = json!("2023-24");
    assert_eq!(code(&v), "version_mismatch");
    let mut v = example();
    v["definitions"][0]["version"] = json!("2024-25");
    assert_eq!(code(&v), "version_mismatch");
}

#[test]
fn structural_problems() {
    let mut v = example();
    v["definitions"][0]["domain"] = json!("nowhere");
    assert_eq!(code(&v), "invalid_framework");
    let mut v = example();
    v["indicators"][0]["domain"] = json!("nowhere");
    assert_eq!(code(&v), "invalid_framework");
    let mut v = example();
    v["definitions"][0]["framework"] = json!("ascof");
    assert_eq!(code(&v), "invalid_framework");
    let mut v = example();
    v["domains"] = json!([]);
    assert_eq!(code(&v), "invalid_framework");
    let mut v = example();
    v["colour"] = json!("blue");
    assert_eq!(code(&v), "invalid_framework");
    assert_eq!(
        Framework::from_json("not json", Catalogue::builtin())
            .unwrap_err()
            .code(),
        "invalid_framework"
    );
    let mut v = example();
    v["definitions"][0]["multiplier"] = json!(7);
    assert_eq!(code(&v), "invalid_definition");
    assert_eq!(
        FrameworkDoc::from_toml("framework = ").unwrap_err().code(),
        "invalid_framework"
    );
}

#[test]
fn evaluate_reports_bad_rows_with_their_index() {
    let fw = load(&example()).unwrap();
    let opts = EvaluateOptions::default();
    let bad = [input("Leeds", "2020-21", "ascof-legacy/2X", 1, Some(2))];
    let e = evaluate(&bad, &fw, &opts).unwrap_err();
    assert_eq!((e.code(), e.row()), ("unknown_indicator", Some(0)));
    let bad = [
        input("Leeds", "2020-21", "ascof-legacy/2B1", 1, Some(2)),
        input("Bradford", "2020-21", "ascof-legacy/2B1", 200, Some(100)),
    ];
    let e = evaluate(&bad, &fw, &opts).unwrap_err();
    assert_eq!(
        (e.code(), e.row()),
        ("numerator_exceeds_denominator", Some(1))
    );
    let bad = [input("Leeds", "2020-21", "ascof-legacy/2B1", 1, None)];
    let e = evaluate(&bad, &fw, &opts).unwrap_err();
    assert_eq!((e.code(), e.row()), ("missing_denominator", Some(0)));
    let bad = [
        input("Leeds", "2020-21", "ascof-legacy/2B1", 1, Some(2)),
        input("Leeds", "2020-21", "ascof-legacy/2B1", 1, Some(2)),
    ];
    assert_eq!(
        evaluate(&bad, &fw, &opts).unwrap_err().code(),
        "duplicate_id"
    );
    let bad = [InputRow {
        breakdown: Some("90OV".into()),
        ..input("Leeds", "2020-21", "ascof-legacy/2B1", 1, Some(2))
    }];
    let e = evaluate(&bad, &fw, &opts).unwrap_err();
    assert_eq!((e.code(), e.row()), ("unknown_indicator", Some(0)));
    let opts = EvaluateOptions {
        confidence: 95.0,
        ..EvaluateOptions::default()
    };
    let ok = [input("Leeds", "2020-21", "ascof-legacy/2B1", 1, Some(2))];
    assert_eq!(
        evaluate(&ok, &fw, &opts).unwrap_err().code(),
        "invalid_confidence"
    );
}

/// The four councils of spec-ascof.md §7.1 on 2D (2020-21), with England; comparators and
/// quartiles worked by hand.
#[test]
fn comparators_quartiles_and_mad_bands() {
    let id = "ascof-legacy/2D";
    let rows = [
        input("England", "2020-21", id, 116_113, Some(155_018)), // 74.9
        input("Leeds", "2020-21", id, 1_060, Some(1_475)),       // 71.9
        input("Coventry", "2020-21", id, 1_159, Some(1_920)),    // 60.4
        input("Birmingham", "2020-21", id, 990, Some(2_023)),    // 48.9
        input("Sutton", "2020-21", id, 459, Some(816)),          // 56.3
    ];
    let opts = EvaluateOptions {
        comparators: vec!["Coventry".into(), "Birmingham".into()],
        ..EvaluateOptions::default()
    };
    let out = evaluate(&rows, Catalogue::builtin(), &opts).unwrap();
    let by = |a: &str| out.rows.iter().find(|r| &*r.area == a).unwrap();
    // Comparator aggregate = (1,159 + 990) / (1,920 + 2,023) = 2,149 / 3,943 = 54.50...%.
    let c = by("Leeds").comparator.as_ref().unwrap();
    assert!((c.value.unwrap() - 100.0 * 2149.0 / 3943.0).abs() < 1e-12);
    assert_eq!(c.comparison, Comparison::Better);
    assert_eq!(
        by("Leeds").benchmark.as_ref().unwrap().comparison,
        Comparison::Worse
    );
    // Peers (all but England): 71.9, 60.4, 56.3, 48.9 → quartiles 1, 2, 3, 4.
    let q: Vec<_> = ["Leeds", "Coventry", "Sutton", "Birmingham"]
        .iter()
        .map(|a| by(a).quartile)
        .collect();
    assert_eq!(q, [Some(1), Some(2), Some(3), Some(4)]);
    assert_eq!(by("England").quartile, None);
    // MAD bands against the two comparators (60.4, 48.9): median 54.65, MAD 5.75.
    // Leeds: (71.9 − 54.65) / 5.75 = 3.0 → much better (3 is inclusive).
    assert_eq!(by("Leeds").mad_band, Some(MadBand::MuchBetter));
    // Sutton: (56.3 − 54.65) / 5.75 = 0.287 → broadly similar.
    assert_eq!(by("Sutton").mad_band, Some(MadBand::BroadlySimilar));
}

#[test]
fn aggregation_sums_counts_never_averages_values() {
    let id = "ascof-legacy/2B1";
    let rows = [
        input("Leeds", "2020-21", id, 105, Some(129)),
        input("Birmingham", "2020-21", id, 291, Some(596)),
    ];
    let parents = HashMap::from([
        ("Leeds".to_owned(), "Both".to_owned()),
        ("Birmingham".to_owned(), "Both".to_owned()),
    ]);
    let agg = aggregate(&rows, &parents).unwrap();
    assert_eq!(agg.len(), 1);
    let out = evaluate(&agg, Catalogue::builtin(), &EvaluateOptions::default()).unwrap();
    // 396 / 725 = 54.6%, not the mean of 81.4 and 48.8 (65.1).
    assert_eq!(out.rows[0].result.published.unwrap().to_string(), "54.6");
}
